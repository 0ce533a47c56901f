/**
 * Issue 12's award in the browser. The set-up is built through the services on the test
 * server's database, back-dated (as scoring-run.test.ts does): a kader with De Linde's and Het
 * Baken's Parkinson plans, opened, assessed by both demo beoordelaars (declarations, submitted
 * scores, consensus; the rows as the workflow leaves them) — except that Het Baken's consensus on
 * "Meetbare resultaten" lacks what was missing for the maximum — and one scoring run.
 * Then: the inkoper prepares the decisions (one not contracted, with a reason) and submits them;
 * the jurist sees the checks, Het Baken's failing one with its finding and no approve button,
 * returns it and approves the rest; the consensus is corrected (as the assessment's correction
 * would), the inkoper resubmits, the jurist approves; the inkoper sends all (asked first with
 * the count), the letters are written; De Linde reads its decision and downloads its letter
 * whose SHA-256 matches the page; other providers and another zorgkantoor's staff get 404.
 * Then De Linde objects to its letter within the standstill (with a PDF), the jurist decides it
 * deels gegrond, the consensus is corrected and the inkoper runs a correction round, prepares the
 * corrected decision (asked first), the jurist approves it, it is sent and De Linde reads it as
 * replacing the first. Then the server's clock moves 21 days on: the standstill has passed, the
 * inkoper makes the award final (asked first), and De Linde reads that it is final and that its
 * term to object has passed.
 *
 * The file has a server of its own (tests/e2e/test-server.ts, with the test clock), seeded like
 * the shared one with the demo and the second zorgkantoor: moving the clock of the shared server
 * would close kaders and end sessions for the other test files.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScoringRun } from "../../app/services/tender/scoring-run.server";
import { confirmOpening, startOpening } from "../../app/services/submissions/opening.server";
import { submit } from "../../app/services/submissions/submissions.server";
import { openDatabase, type Db } from "../../db/client.server";
import { assessmentFinalScores } from "../../db/schema";
import { DAY, demoActors, loadKader, userByEmail } from "../integration/kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../integration/submissions/fixtures";
import { assessPlan } from "../integration/award/fixtures";
import type { Field } from "../integration/scoring-run/fixtures";
import { axeViolations, describeViolations, inkoperSuite, login, openSession, screenshot, waitForRendered, SCREENSHOT_DIR } from "./browser";
import { seedSecondTenant, TENANT_B } from "./second-tenant";
import { startRun } from "./scoring-run-steps";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "./test-server";

const SLUG = "e2e-gunning";
const GUNNING = `/inkoop/kaders/${SLUG}/gunning`;
const QUEUE = `/juridisch/kaders/${SLUG}/besluiten`;
let server: TestServer;
// Registered before the suite's and the file's hooks: started first, stopped last.
beforeAll(async () => {
  server = await startTestServer({ prefix: "zorginkoop-e2e-award-", testClock: true, seed: (db, at) => seedSecondTenant(db, DEMO_PASSWORD, at) });
}, 120_000);
afterAll(() => server?.stop());
const suite = inkoperSuite("zk-e2e-award-", () => server.baseURL);
const session = () => openSession(suite.browser, server.baseURL);
let db: Db;
let kaderId: number;
let bakenId: number;

beforeAll(async () => {
  db = openDatabase(server.databaseFile);
  const demo = demoActors(db);
  const past = new Date(Date.now() - 40 * DAY);
  const draft = draftWithFacts();
  draft.id = SLUG;
  publishSubmissionKader(db, demo, SLUG, past, draft);
  const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
  const plan = { targetGroups: { parkinson: { answers, capacity: 8, context: "Context", expertise: "Expertise" } } };
  const submittedAt = new Date(past.getTime() + 2 * DAY);
  for (const [actor, key] of [[demo.aanbieder, "e2e-gunning-sleutel-01"], [demo.aanbieder2, "e2e-gunning-sleutel-02"]] as const) {
    const result = submit(actor, SLUG, { declarations: { wzd: true }, plans: { "complexe-zorg": plan }, attachments: [] }, key, submittedAt, db);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
  const openedAt = new Date(Date.now() - 3 * 60 * 60_000);
  const started = startOpening(demo.inkoper, SLUG, openedAt, db);
  const confirmed = confirmOpening(userByEmail(db, "inkoper2@demo.zorginkoop.nl"), SLUG, new Date(openedAt.getTime() + 60_000), db);
  if (!started.ok || !confirmed.ok) throw new Error("opening refused");
  kaderId = loadKader(db, SLUG).id;
  bakenId = demo.aanbieder2.organisation!.id;
  const assessors = [demo.beoordelaar, userByEmail(db, "beoordelaar2@demo.zorginkoop.nl")];
  const at = new Date(openedAt.getTime() + 30 * 60_000);
  const f = { kaderId } as Field;
  assessPlan(db, f, assessors, demo.aanbieder.organisation!.id, { visie: "10", aanpak: "8", expertise: "10", resultaat: "8" }, { at, slug: SLUG, zorgkantoorId: demo.zorgkantoorId });
  assessPlan(db, f, assessors, bakenId, { visie: "8", aanpak: "8", expertise: "8", resultaat: "6" }, { at, slug: SLUG, zorgkantoorId: demo.zorgkantoorId, missingLeftOut: "resultaat" });
  const run = startScoringRun(demo.inkoper, SLUG, {}, db, new Date(openedAt.getTime() + 60 * 60_000));
  if (!run.ok) throw new Error(JSON.stringify(run.errors));
  await run.finished;
}, 120_000);

afterAll(() => db?.$client.close());

const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

async function go(page: Page, url: string): Promise<number> {
  const res = await page.goto(url);
  await waitForRendered(page);
  return res?.status() ?? 0;
}

describe("the award in the browser", () => {
  it("the inkoper prepares the decisions, sets one not contracted with its reason, and submits them; the provider sees nothing yet", async () => {
    const page = suite.inkoper.page;
    await go(page, GUNNING);
    await Promise.all([page.waitForURL(/voorbereid=\d+/), page.getByRole("button", { name: "Besluiten voorbereiden" }).click()]);
    await waitForRendered(page);
    expect(await mainText(page)).toMatch(/U heeft \d+ besluiten voorbereid/);
    const meander = page.locator("article", { has: page.getByRole("heading", { name: /Woonzorg De Meander/ }) });
    await meander.getByLabel("Niet gecontracteerd").check();
    // Without a reason: refused at the field (a deliberate 400).
    suite.inkoper.allow(/400.*\/gunning\.data/);
    await meander.getByRole("button", { name: "Uitkomst opslaan" }).click();
    await expect.poll(() => mainText(page)).toContain("Geef de reden waarom deze aanbieder niet wordt gecontracteerd.");
    const meander2 = page.locator("article", { has: page.getByRole("heading", { name: /Woonzorg De Meander/ }) });
    await meander2.getByLabel("Niet gecontracteerd").check();
    await meander2.getByLabel(/^Reden/).fill("Geen plaatsen nodig in regio Demo Noord voor 2026 (illustratief).");
    await Promise.all([page.waitForURL(/gewijzigd=/), meander2.getByRole("button", { name: "Uitkomst opslaan" }).click()]);
    await waitForRendered(page);
    expect(await mainText(page)).toContain("Niet gecontracteerd: Geen plaatsen nodig");
    await Promise.all([page.waitForURL(/aangeboden=\d+/), page.getByRole("button", { name: /ter toetsing aanbieden/ }).first().click()]);
    await waitForRendered(page);
    expect(await mainText(page)).toMatch(/U heeft \d+ besluiten ter toetsing aangeboden/);
    expect(await page.locator("#verzenden-niet-mogelijk").textContent()).toContain("Niet elk besluit is goedgekeurd");
    expect(describeViolations(await axeViolations(page))).toEqual([]);

    const provider = await session();
    try {
      await login(provider.page, "aanbieder@demo.zorginkoop.nl");
      expect(await go(provider.page, `/kaders/${SLUG}/besluit`)).toBe(404);
      expect(await go(provider.page, `/kaders/${SLUG}`)).toBe(200);
      expect(await provider.page.getByRole("link", { name: /Uw besluit/ }).count()).toBe(0);
    } finally {
      await provider.close();
    }
  });

  it("the jurist sees the checks (Het Baken's failing one), returns it, approves the rest; after the correction approves it too", async () => {
    const jurist = await session();
    try {
      const page = jurist.page;
      await login(page, "jurist@demo.zorginkoop.nl");
      expect(await go(page, QUEUE)).toBe(200);
      const bakenRow = page.getByRole("row", { name: /Stichting Het Baken/ });
      expect(await bakenRow.textContent()).toContain("1 controle faalt");
      await Promise.all([page.waitForURL(/besluiten\/\d+$/), bakenRow.getByRole("link").click()]);
      await waitForRendered(page);
      const failing = page.locator('[data-check="missingStated"]');
      expect(await failing.textContent()).toContain("Faalt");
      expect(await failing.textContent()).toContain("Meetbare resultaten: score 6 van 10 zonder wat ontbrak.");
      expect(await page.getByRole("button", { name: "Goedkeuren" }).count()).toBe(0);
      const history = (await page.locator("#geschiedenis").textContent()) ?? "";
      expect(history).toContain("Scores van een plan ingediend door een beoordelaar");
      expect(history).toContain("Gunningsbesluit ter toetsing aangeboden");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-jurist-failing");
      await page.getByLabel(/^Opmerking voor de inkoper/).fill("Bij Meetbare resultaten ontbreekt wat er ontbrak voor de maximale score.");
      await Promise.all([page.waitForURL(/teruggestuurd=1/), page.getByRole("button", { name: "Terugsturen naar de inkoper" }).click()]);
      await waitForRendered(page);
      expect(await page.locator("#status").textContent()).toBe("Teruggestuurd door de jurist");

      // Approve every other decision under review.
      await go(page, QUEUE);
      const links = await page.getByRole("row", { name: /Ter toetsing bij de jurist/ }).getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      expect(links.length).toBeGreaterThan(1);
      for (const href of links) {
        await go(page, href);
        await Promise.all([page.waitForURL(/goedgekeurd=1/), page.getByRole("button", { name: "Goedkeuren" }).click()]);
        await waitForRendered(page);
      }
      await screenshot(page, "award-jurist-approved");

      // The consensus is corrected (what the assessment's consensus correction writes), the inkoper resubmits.
      const row = db
        .select()
        .from(assessmentFinalScores)
        .where(and(eq(assessmentFinalScores.kaderId, kaderId), eq(assessmentFinalScores.providerId, bakenId), eq(assessmentFinalScores.criterionId, "resultaat")))
        .get()!;
      db.update(assessmentFinalScores)
        .set({ motivation: `${row.motivation}\n\nWat ontbrak voor de maximale score: meetbare doelen per kwartaal.` })
        .where(eq(assessmentFinalScores.id, row.id))
        .run();
      const inkoper = suite.inkoper.page;
      await go(inkoper, GUNNING);
      const baken = inkoper.locator("article", { has: inkoper.getByRole("heading", { name: /Stichting Het Baken/ }) });
      expect(await baken.textContent()).toContain("Bij Meetbare resultaten ontbreekt wat er ontbrak");
      await Promise.all([inkoper.waitForURL(/aangeboden=1/), baken.getByRole("button", { name: "Dit besluit ter toetsing aanbieden" }).click()]);
      await waitForRendered(inkoper);

      await go(page, QUEUE);
      await Promise.all([page.waitForURL(/besluiten\/\d+$/), page.getByRole("row", { name: /Stichting Het Baken/ }).getByRole("link").click()]);
      await waitForRendered(page);
      expect(await page.locator('[data-check="missingStated"]').textContent()).toContain("Klopt");
      await Promise.all([page.waitForURL(/goedgekeurd=1/), page.getByRole("button", { name: "Goedkeuren" }).click()]);
      await waitForRendered(page);
    } finally {
      await jurist.close();
    }
  });

  it("the inkoper sends all approved decisions (asked first, with the count); the letters are written with their SHA-256", async () => {
    const page = suite.inkoper.page;
    await go(page, GUNNING);
    await page.getByRole("button", { name: "Alle goedgekeurde besluiten verzenden" }).click();
    await expect.poll(() => mainText(page)).toContain("Weet u het zeker?");
    const question = (await page.locator("#bevestigen-tekst").textContent()) ?? "";
    const count = Number(/alle (\d+) goedgekeurde besluiten/.exec(question)?.[1]);
    expect(count).toBeGreaterThan(2);
    await Promise.all([page.waitForURL(/verzonden=\d+/), page.getByRole("button", { name: `${count} besluiten verzenden` }).click()]);
    await expect.poll(async () => { await go(page, GUNNING); return page.locator("#brieven-voortgang").textContent(); }, { timeout: 60_000, interval: 1_000 }).toBe(`${count} van ${count} brieven opgemaakt.`);
    expect(await mainText(page)).toContain("Alle besluiten van dit kader zijn al verzonden.");
    expect((await mainText(page)).match(/SHA-256 [0-9a-f]{64}/g)?.length).toBe(count);
  });

  it("De Linde reads its decision, downloads its letter (SHA-256 as shown); others get 404", async () => {
    const provider = await session();
    try {
      const page = provider.page;
      await login(page, "aanbieder@demo.zorginkoop.nl");
      await go(page, `/kaders/${SLUG}`);
      await Promise.all([page.waitForURL(/\/besluit$/), page.getByRole("link", { name: /Uw besluit/ }).click()]);
      await waitForRendered(page);
      expect(await page.locator("#uitkomst").textContent()).toContain("U wordt gecontracteerd");
      expect(await page.locator("#termijn").textContent()).toMatch(/^\d{2}-\d{2}-\d{4} \(24:00 uur, Nederlandse tijd\)/);
      const shown = (await page.locator("#brief-sha256").textContent())!;
      const pdf = await page.request.get(`/kaders/${SLUG}/besluit.pdf`);
      expect(pdf.status()).toBe(200);
      const bytes = await pdf.body();
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      fs.writeFileSync(path.join(SCREENSHOT_DIR, "award-letter-linde.pdf"), bytes);
      expect(await mainText(page)).toContain("Zorggroep De Linde");
      expect(await mainText(page)).not.toContain("Stichting Het Baken");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-provider");
    } finally {
      await provider.close();
    }
    // Another zorgkantoor's staff and a provider outside the kader's regions: 404 on every award route.
    for (const email of [TENANT_B.emails.juristB, TENANT_B.emails.inkoperB, TENANT_B.emails.aanbiederB]) {
      const other = await session();
      try {
        await login(other.page, email);
        for (const url of [`/kaders/${SLUG}/besluit`, `/kaders/${SLUG}/besluit.pdf`, QUEUE, GUNNING]) {
          const status = (await other.page.request.get(url)).status();
          expect([404, 403], `${email} ${url}`).toContain(status);
          if (url.startsWith("/kaders/") || (email === TENANT_B.emails.juristB && url === QUEUE) || (email === TENANT_B.emails.inkoperB && url === GUNNING)) expect(status, `${email} ${url}`).toBe(404);
        }
      } finally {
        await other.close();
      }
    }
  });
  it("De Linde objects to its letter; the jurist decides deels gegrond; the inkoper corrects, runs and prepares the corrected letter; the jurist approves; it is sent and De Linde reads it as replacing the first", async () => {
    const GROUNDS = "Ons plan voor de aanpak is te laag gescoord: de aanpak per fase staat in paragraaf 2 van ons plan.";
    const ANSWER = "Deels gegrond: de aanpak wordt opnieuw gescoord; de overige scores blijven.";
    const REASON = "Uw bezwaar is deels gegrond verklaard: de aanpak is opnieuw gescoord.";
    let objectionPath = "";
    const provider = await session();
    try {
      const page = provider.page;
      await login(page, "aanbieder@demo.zorginkoop.nl");
      await go(page, `/kaders/${SLUG}/besluit`);
      await Promise.all([page.waitForURL(/\/bezwaar(#.*)?$/), page.getByRole("link", { name: "Bezwaar maken tegen dit besluit" }).click()]);
      await waitForRendered(page);
      expect(await page.locator("#termijn-besluit").textContent()).toMatch(/tot en met \d{2}-\d{2}-\d{4} \(24:00 uur\)/);
      await page.getByLabel("Gronden van uw bezwaar tegen het besluit").fill(GROUNDS);
      const pdf = path.join(suite.dir, "aanpak-per-fase.pdf");
      fs.writeFileSync(pdf, "%PDF-1.4\n% aanpak per fase De Linde\n%%EOF\n");
      await page.getByLabel("Bijlagen bij uw bezwaar tegen het besluit (PDF)").setInputFiles(pdf);
      await page.getByRole("button", { name: "Bezwaar tegen het besluit controleren" }).click();
      await page.getByRole("button", { name: "Bezwaar definitief indienen" }).waitFor();
      await waitForRendered(page);
      expect(await page.locator("#besluit-samenvatting-gronden").textContent()).toBe(GROUNDS);
      expect(await page.locator("#besluit-bevestigen").textContent()).toContain("aanpak-per-fase.pdf");
      await Promise.all([page.waitForURL(/\/bezwaar\/\d+\?ingediend=1$/), page.getByRole("button", { name: "Bezwaar definitief indienen" }).click()]);
      await waitForRendered(page);
      objectionPath = new URL(page.url()).pathname;
      expect(await page.locator("#ingediend").textContent()).toContain("Uw bezwaar is ingediend");
      expect(await page.locator("#ontvangstbewijs").textContent()).toContain("gunningsbesluit");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-provider-bezwaar");
    } finally {
      await provider.close();
    }
    // Het Baken does not learn it exists.
    const baken = await session();
    try {
      await login(baken.page, "aanbieder2@demo.zorginkoop.nl");
      expect((await baken.page.request.get(objectionPath)).status()).toBe(404);
    } finally {
      await baken.close();
    }

    const id = /\/bezwaar\/(\d+)$/.exec(objectionPath)![1]!;
    const jurist = await session();
    try {
      const page = jurist.page;
      await login(page, "jurist@demo.zorginkoop.nl");
      await go(page, `/juridisch/bezwaren/${id}`);
      expect(await page.locator("#gronden").textContent()).toBe(GROUNDS);
      await page.getByRole("button", { name: "In behandeling nemen", exact: true }).click();
      await page.getByRole("button", { name: "Ja, in behandeling nemen" }).waitFor();
      await waitForRendered(page);
      await page.getByRole("button", { name: "Ja, in behandeling nemen" }).click();
      await expect.poll(() => page.locator("#stand").textContent()).toContain("in behandeling");
      await waitForRendered(page);
      await page.getByLabel("Gemotiveerd antwoord aan de aanbieder").fill(ANSWER);
      await page.getByLabel("Deels gegrond").check();
      await page.getByRole("button", { name: "Beslissing controleren" }).click();
      await page.getByRole("button", { name: "Beslissing vastleggen" }).waitFor();
      await waitForRendered(page);
      await page.getByRole("button", { name: "Beslissing vastleggen" }).click();
      await expect.poll(() => page.locator("#stand").textContent()).toContain("deels gegrond");
    } finally {
      await jurist.close();
    }

    // The inkoper sees the upheld objection; a corrected decision needs a correction run first.
    const inkoper = suite.inkoper.page;
    await go(inkoper, GUNNING);
    expect(await inkoper.getByRole("list", { name: "Bezwaren tegen besluiten" }).textContent()).toContain(`Bezwaar ${id} van Zorggroep De Linde`);
    expect(await inkoper.locator("#correctie-niet-mogelijk").textContent()).toContain("Start eerst een correctieronde");
    expect(await inkoper.locator("#definitief-status").textContent()).toContain("Definitief gunnen kan nog niet");
    // The consensus is corrected (what the chair's consensus correction writes), then the correction run in the browser.
    const lindeId = userByEmail(db, "aanbieder@demo.zorginkoop.nl").organisation!.id;
    db.update(assessmentFinalScores)
      .set({ score: "10", motivation: "Na bezwaar: de aanpak per fase is volledig en meetbaar beschreven.", deviationReason: "Herzien na bezwaar: paragraaf 2 was over het hoofd gezien." })
      .where(and(eq(assessmentFinalScores.kaderId, kaderId), eq(assessmentFinalScores.providerId, lindeId), eq(assessmentFinalScores.criterionId, "aanpak")))
      .run();
    await startRun(inkoper, `/inkoop/kaders/${SLUG}/scoringsrondes`, `Bezwaar ${id} deels gegrond: de aanpak van De Linde opnieuw gescoord.`);
    await go(inkoper, GUNNING);
    await inkoper.getByLabel(/^Reden van de correctie/).fill(REASON);
    await inkoper.getByRole("button", { name: "Gecorrigeerde besluiten voorbereiden" }).click();
    await expect.poll(() => mainText(inkoper)).toContain("Weet u het zeker?");
    expect(await inkoper.locator("#bevestigen-tekst").textContent()).toContain("Zorggroep De Linde");
    await Promise.all([inkoper.waitForURL(/gecorrigeerd=\d+/), inkoper.locator(".confirm").getByRole("button", { name: /gecorrigeerde? besluit(en)? voorbereiden/i }).click()]);
    await waitForRendered(inkoper);
    expect(await mainText(inkoper)).toMatch(/U heeft \d+ gecorrigeerde? besluit(en)? voorbereid/);
    await Promise.all([inkoper.waitForURL(/aangeboden=\d+/), inkoper.getByRole("button", { name: /ter toetsing aanbieden/ }).first().click()]);
    await waitForRendered(inkoper);

    // The jurist approves the corrected decision(s).
    const jurist2 = await session();
    try {
      const page = jurist2.page;
      await login(page, "jurist@demo.zorginkoop.nl");
      await go(page, QUEUE);
      const links = await page.getByRole("row", { name: /Ter toetsing bij de jurist/ }).getByRole("link").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) {
        await go(page, href);
        await Promise.all([page.waitForURL(/goedgekeurd=1/), page.getByRole("button", { name: "Goedkeuren" }).click()]);
        await waitForRendered(page);
      }
    } finally {
      await jurist2.close();
    }

    // Sent again (asked first), letters written.
    await go(inkoper, GUNNING);
    await inkoper.getByRole("button", { name: "Alle goedgekeurde besluiten verzenden" }).click();
    await expect.poll(() => mainText(inkoper)).toContain("Weet u het zeker?");
    await Promise.all([inkoper.waitForURL(/verzonden=\d+/), inkoper.locator(".confirm").getByRole("button", { name: /besluit(en)? verzenden$/ }).click()]);
    await expect
      .poll(async () => {
        await go(inkoper, GUNNING);
        const text = (await inkoper.locator("#brieven-voortgang").textContent()) ?? "";
        const m = /^(\d+) van (\d+) brieven opgemaakt\.$/.exec(text);
        return m !== null && m[1] === m[2];
      }, { timeout: 60_000, interval: 1_000 })
      .toBe(true);
    expect(await mainText(inkoper)).toContain("Verzonden; vervangen door het gecorrigeerde besluit");

    // De Linde reads the corrected decision, which says what it replaces; its letter's SHA-256 matches.
    const again = await session();
    try {
      const page = again.page;
      await login(page, "aanbieder@demo.zorginkoop.nl");
      await go(page, `/kaders/${SLUG}/besluit`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Gecorrigeerd besluit voorlopige gunning");
      const replaces = (await page.locator("#vervangt").textContent()) ?? "";
      expect(replaces).toContain("Dit besluit vervangt uw eerdere besluit");
      expect(replaces).toContain(REASON);
      expect(await page.locator("#brieftekst").textContent()).toContain("Dit besluit vervangt het besluit met kenmerk");
      expect(await page.locator("#brieftekst").textContent()).toContain("Na bezwaar: de aanpak per fase is volledig en meetbaar beschreven.");
      const shown = (await page.locator("#brief-sha256").textContent())!;
      const letter = await page.request.get(`/kaders/${SLUG}/besluit.pdf`);
      expect(createHash("sha256").update(await letter.body()).digest("hex")).toBe(shown);
      expect(await mainText(page)).not.toContain("Stichting Het Baken");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-provider-gecorrigeerd");
    } finally {
      await again.close();
    }
  }, 240_000);

  it("21 days later the standstill has passed: the inkoper makes the award final (asked first); De Linde reads that it is final and can no longer object", async () => {
    await go(suite.inkoper.page, GUNNING);
    expect(await suite.inkoper.page.locator("#definitief-status").textContent()).toContain("De opschortende termijn loopt nog");
    // The corrected letter was sent today; its 20 calendar days end at 24:00 of the last day.
    await server.setClock(21 * DAY + 60 * 60_000);

    // The sessions of 21 days ago have expired: the inkoper signs in again.
    const inkoper = await session();
    try {
      const page = inkoper.page;
      await login(page, "inkoper@demo.zorginkoop.nl");
      await go(page, GUNNING);
      expect(await page.locator("#definitief-status").textContent()).toContain("De opschortende termijn van elk verzonden besluit is voorbij");
      await page.locator("#h-definitief + form").getByRole("button", { name: "Definitief gunnen" }).click();
      await expect.poll(() => mainText(page)).toContain("Weet u het zeker?");
      expect(await page.locator("#bevestigen-tekst").textContent()).toContain("Dit kan niet ongedaan worden gemaakt.");
      await Promise.all([page.waitForURL(/definitief=1/), page.locator(".confirm").getByRole("button", { name: "Definitief gunnen" }).click()]);
      await waitForRendered(page);
      expect(await mainText(page)).toContain("U heeft definitief gegund. Het kader staat op „Definitief gegund”.");
      expect(await page.locator("#definitief-status").textContent()).toBe("Dit kader is definitief gegund.");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-definitief");
    } finally {
      await inkoper.close();
    }

    const provider = await session();
    try {
      const page = provider.page;
      await login(page, "aanbieder@demo.zorginkoop.nl");
      await go(page, `/kaders/${SLUG}`);
      expect(await page.locator("main h1 + p").textContent()).toContain(" · Definitief gegund · ");
      await go(page, `/kaders/${SLUG}/besluit`);
      expect(await page.locator("#definitief").textContent()).toMatch(/^De gunning is definitief sinds \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
      expect(await page.locator("#bezwaar-maken").textContent()).toContain("De bezwaartermijn van dit besluit is verstreken.");
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      await screenshot(page, "award-provider-definitief");
      await go(page, `/kaders/${SLUG}/bezwaar`);
      expect(await page.locator("#geen-besluit").textContent()).toMatch(/^De bezwaartermijn van uw besluit \(kenmerk .+\) liep tot en met \d{2}-\d{2}-\d{4} \(24:00 uur\) en is verstreken/);
      expect(await page.getByRole("button", { name: "Bezwaar tegen het besluit controleren" }).count()).toBe(0);
      await screenshot(page, "award-provider-bezwaar-verstreken");
    } finally {
      await provider.close();
    }
  }, 120_000);
});
