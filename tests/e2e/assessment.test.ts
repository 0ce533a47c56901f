/**
 * Issue 11's "done when" in the browser, on the demo's opened kader
 * (db/seed/demo-assessment-kader.ts): the inkoper assigns both demo beoordelaars to the
 * Parkinson plans; each declares its conflicts (Bram one for De Linde, Bo none); both score Het
 * Baken's plan without seeing the other's scores until their own are submitted; they reach
 * consensus, and the final scores are stored. Then the inkoper starts the scoring run; the run's
 * page shows the results, the provider's monitor and the inkoper's overview show Het Baken's
 * established tariff equal to the run's stored line, and a second run on the same data shows the
 * identical hashes and no difference.
 *
 * Not through the browser: De Linde's two plans get their final scores directly in the database
 * (Bram's conflict leaves them one assessor short; another assessor's work would repeat the
 * steps above), so that every plan is scored and the run may start.
 */
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatEuro, formatPercent } from "../../scoring/format/nl";
import { axeViolations, describeViolations, launchBrowser, login, openSession, screenshot, waitForHydration, waitForRendered, type Session } from "./browser";
import type { Browser } from "playwright-core";
import { mainText, startRun } from "./scoring-run-steps";

const SLUG = "demo-vv-2026-beoordeling";
const SETUP = `/inkoop/kaders/${SLUG}/beoordeling`;
const CRITERIA = ["Visie en doelgroepanalyse", "Plan van aanpak", "Expertise en personeel", "Meetbare resultaten"] as const;

let browser: Browser;
let inkoper: Session;
let bram: Session;
let bo: Session;
let baken: Session;

beforeAll(async () => {
  browser = await launchBrowser();
  [inkoper, bram, bo, baken] = await Promise.all([openSession(browser), openSession(browser), openSession(browser), openSession(browser)]);
  await login(inkoper.page, "inkoper@demo.zorginkoop.nl");
  await login(baken.page, "aanbieder2@demo.zorginkoop.nl");
  await login(bram.page, "beoordelaar@demo.zorginkoop.nl");
  await login(bo.page, "beoordelaar2@demo.zorginkoop.nl");
});

afterAll(async () => {
  for (const s of [inkoper, bram, bo, baken]) await s?.close();
  await browser?.close();
});

const text = async (page: Page) => (await page.locator("main").textContent()) ?? "";
/** The result hashes of the runs the flow starts, in order. */
const runHashes: string[] = [];
let firstRunPageHashes: string[] = [];

async function assign(page: Page, name: string) {
  const select = page.locator("#beoordelaar-complexe-zorg-parkinson");
  await select.selectOption({ label: name });
  await page.locator("form", { has: select }).getByRole("button", { name: "Toewijzen" }).click();
  await expect.poll(() => text(page)).toContain(`${name} is toegewezen`);
}

async function declare(page: Page, conflicts: Record<string, string | null>) {
  await page.goto("/beoordeling");
  await waitForHydration(page);
  await Promise.all([
    page.waitForURL(`**/beoordeling/${SLUG}`),
    page
      .getByRole("link", { name: /voorbeeld voor de beoordeling/ })
      .first()
      .click(),
  ]);
  await waitForRendered(page);
  expect(await page.locator("#toegewezen-plannen").count(), "no plan before the declarations").toBe(0);
  for (const [provider, reason] of Object.entries(conflicts)) {
    const group = page.getByRole("group", { name: provider });
    if (reason === null) await group.getByLabel("Geen belangenconflict").check();
    else {
      await group.getByLabel("Wel een belangenconflict").check();
      await group.getByLabel("Reden (verplicht bij een conflict)").fill(reason);
    }
  }
  await Promise.all([page.waitForURL(/verklaard=1/), page.getByRole("button", { name: "Verklaringen vastleggen" }).click()]);
  await waitForRendered(page);
}

async function openPlan(page: Page, provider: string) {
  await Promise.all([page.waitForURL(/\/plannen\//), page.locator("#toegewezen-plannen").getByRole("link", { name: provider }).click()]);
  await waitForRendered(page);
}

/** Fills the scoring form: a score per criterion, a motivation, and what was missing below 10. */
async function fillScores(page: Page, scores: readonly string[], marker: string, skipMotivation?: number) {
  for (const [i, label] of CRITERIA.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^${label}`) }).first();
    await group.getByLabel(/^Score/).selectOption(scores[i]!);
    await group.getByLabel("Motivering", { exact: true }).fill(i === skipMotivation ? "" : `${marker}: motivering ${label}`);
    await group.getByLabel(/^Wat ontbrak/).fill(scores[i] === "10" ? "" : `${marker}: ontbrak bij ${label}`);
  }
}

async function submitScores(page: Page) {
  await page.getByRole("button", { name: "Scores indienen" }).click();
  await expect.poll(() => text(page)).toContain("Weet u het zeker?");
  await Promise.all([page.waitForURL(/ingediend=1/), page.getByRole("button", { name: "Scores definitief indienen" }).click()]);
  await waitForRendered(page);
  expect(await text(page)).toContain("Uw scores zijn ingediend en liggen vast.");
}

describe("assessment on the demo", () => {
  it("the inkoper assigns both beoordelaars to the Parkinson plans", async () => {
    const page = inkoper.page;
    await page.goto(SETUP);
    await waitForHydration(page);
    expect(await text(page)).toContain("Het kader vraagt 2 onafhankelijke beoordelaars per plan");
    await assign(page, "Bram Beoordeel");
    await assign(page, "Bo Tweede");
  });

  it("Bram declares a conflict for De Linde and scores Het Baken's plan; a missing motivation is refused at the field", async () => {
    const page = bram.page;
    await declare(page, {
      "Zorggroep De Linde": "Mijn partner werkt bij De Linde.",
      "Stichting Het Baken": null,
    });
    const list = await page.locator("#toegewezen-plannen").textContent();
    expect(list).toContain("Stichting Het Baken");
    expect(list, "no plan of the provider with a conflict").not.toContain("Zorggroep De Linde");
    // Directly, De Linde's plan is refused.
    bram.allow(/HTTP 403/);
    // The refused submission (a missing motivation) answers 400 with the reason at the field.
    bram.allow(/\b400\b/);
    const refused = await page.goto(`/beoordeling/${SLUG}/plannen/2/complexe-zorg/parkinson`);
    expect(refused?.status()).toBe(403);
    await page.goto(`/beoordeling/${SLUG}`);
    await waitForHydration(page);
    await openPlan(page, "Stichting Het Baken");
    expect(await page.locator(".assess-plan").textContent()).toContain("Het Baken wil een expertisecentrum zijn");

    await fillScores(page, ["8", "6", "8", "6"], "Bram", 1);
    await page.getByRole("button", { name: "Scores indienen" }).click();
    await expect.poll(() => text(page)).toContain("Schrijf een motivering bij deze score.");
    await fillScores(page, ["8", "6", "8", "6"], "Bram");
    await screenshot(page, "assessment-scoring");
    await submitScores(page);
    // Bo has not submitted: nothing of Bo's is shown.
    expect(await page.locator("#individuele-scores").count()).toBe(0);
  });

  it("Bo declares no conflicts, does not see Bram's scores before submitting, then sees them", async () => {
    const page = bo.page;
    await declare(page, {
      "Zorggroep De Linde": null,
      "Stichting Het Baken": null,
    });
    expect(await page.locator("#toegewezen-plannen").textContent()).toContain("Zorggroep De Linde");
    await openPlan(page, "Stichting Het Baken");
    expect(await text(page), "independence: Bram's scores are hidden").not.toContain("Bram: motivering");
    expect(await page.locator("#individuele-scores").count(), "independence: no other assessor's scores before one's own submission").toBe(0);
    await fillScores(page, ["6", "6", "10", "4"], "Bo");
    await page.getByRole("button", { name: "Concept bewaren" }).click();
    await expect.poll(() => text(page)).toContain("Concept bewaard.");
    expect(await text(page)).not.toContain("Bram: motivering");
    await submitScores(page);
    expect(await page.locator("#individuele-scores").textContent()).toContain("Bram: motivering Visie en doelgroepanalyse");
    expect(await text(page)).toContain("Consensus vaststellen");
  });

  it("Bo sets the consensus: a score unlike every individual score needs a reason; the final scores are stored", async () => {
    const page = bo.page;
    // The refused consensus answers 400 (the reason at the field), which the page records.
    bo.allow(/\b400\b/);
    const form = page.locator("form", {
      has: page.getByRole("button", { name: "Consensus vastleggen" }),
    });
    const consensus = ["8", "6", "6", "4"]; // expertise 6: Bram gave 8, Bo 10
    for (const [i, label] of CRITERIA.entries()) {
      const group = form.getByRole("group", { name: new RegExp(`^${label}`) });
      await group.getByLabel(/^Score/).selectOption(consensus[i]!);
      await group.getByLabel("Consensusmotivering").fill(`Consensus: ${label}`);
      await group.getByLabel(/^Wat ontbrak/).fill(`Afgesproken: ontbrak bij ${label}`);
    }
    await form.getByRole("button", { name: "Consensus vastleggen" }).click();
    await expect.poll(() => text(page)).toContain("Deze score wijkt af van elke individuele score (10, 8): geef de reden van de afwijking.");
    await form
      .getByRole("group", { name: /^Expertise en personeel/ })
      .getByLabel("Reden van afwijking")
      .fill("De expertise is nog niet aangenomen; het overleg gaf 6.");
    await Promise.all([page.waitForURL(/consensus=1/), form.getByRole("button", { name: "Consensus vastleggen" }).click()]);
    await waitForRendered(page);
    const final = (await page.locator("#eindscores").textContent()) ?? "";
    expect(final).toContain("Reden van afwijking: De expertise is nog niet aangenomen");
    await screenshot(page, "assessment-consensus");

    const db = new Database(inject("databaseFile"), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const rows = db
        .prepare(
          "SELECT f.criterion_id AS criterion, f.score, f.method, f.deviation_reason AS deviation FROM assessment_final_scores f JOIN kaders k ON k.id = f.kader_id WHERE k.slug = ? AND f.provider_id = 3 AND f.target_group_id = 'parkinson' ORDER BY f.id"
        )
        .all(SLUG) as {
        criterion: string;
        score: string;
        method: string;
        deviation: string | null;
      }[];
      expect(rows.map((r) => [r.criterion, r.score, r.method, r.deviation !== null])).toEqual([
        ["visie", "8", "consensus", false],
        ["aanpak", "6", "consensus", false],
        ["expertise", "6", "consensus", true],
        ["resultaat", "4", "consensus", false],
      ]);
    } finally {
      db.close();
    }
  });

  it("Bram sees Bo's scores and the final scores; the inkoper sees the plan final and De Linde's plan short of an assessor", async () => {
    await bram.page.reload();
    await waitForHydration(bram.page);
    expect(await bram.page.locator("#individuele-scores").textContent()).toContain("Bo: motivering");
    expect(await bram.page.locator("#eindscores").textContent()).toContain("Consensus: Visie en doelgroepanalyse");

    const page = inkoper.page;
    await page.goto(SETUP);
    await waitForHydration(page);
    const parkinson = page.locator("section", {
      has: page.getByRole("heading", { name: /Mensen met Parkinson/ }),
    });
    const baken = parkinson.getByRole("row", { name: /Stichting Het Baken/ });
    expect(await baken.textContent()).toContain("Eindscores vastgesteld");
    const linde = parkinson.getByRole("row", { name: /Zorggroep De Linde/ });
    expect(await linde.textContent()).toContain("te weinig beoordelaars");
    expect(await linde.textContent()).toContain("Uitgesloten wegens belangenconflict: Bram Beoordeel");
  });

  it("with every plan scored, the inkoper starts the scoring run; the results, the provider's monitor and the overview show Het Baken's established tariff", async () => {
    const writable = new Database(inject("databaseFile"), { fileMustExist: true });
    let linesJson: string;
    try {
      // De Linde's plans (see the header): final scores as a consensus would leave them.
      const kader = writable.prepare("SELECT id FROM kaders WHERE slug = ?").get(SLUG) as { id: number };
      const setBy = (writable.prepare("SELECT id FROM users WHERE email = ?").get("beoordelaar2@demo.zorginkoop.nl") as { id: number }).id;
      const insert = writable.prepare(
        "INSERT INTO assessment_final_scores (kader_id, provider_id, module_id, target_group_id, criterion_id, score, motivation, method, set_by, set_at) VALUES (?, 2, 'complexe-zorg', ?, ?, ?, 'Consensus (buiten de browser vastgelegd)', 'consensus', ?, ?)"
      );
      for (const group of ["jonge-dementie", "parkinson"]) for (const criterion of ["visie", "aanpak", "expertise", "resultaat"]) insert.run(kader.id, group, criterion, "8", setBy, Date.now());
    } finally {
      writable.close();
    }

    const page = inkoper.page;
    const hash = await startRun(page, `/inkoop/kaders/${SLUG}/scoringsrondes`);
    runHashes.push(hash);
    const results = await mainText(page);
    firstRunPageHashes = [...new Set(results.match(/[0-9a-f]{64}/g) ?? [])];
    expect(results).toContain("U heeft scoringsronde 1 gestart");
    const ranking = page.getByRole("table", { name: /Rangorde Module complexe zorg V&V, Mensen met Parkinson/ });
    expect((await ranking.locator("tbody tr").allTextContents()).join("\n")).toContain("Stichting Het Baken");
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    await screenshot(page, "assessment-run");

    const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
    try {
      const run = db.prepare("SELECT r.id, r.result_sha256 AS sha FROM scoring_runs r JOIN kaders k ON k.id = r.kader_id WHERE k.slug = ? ORDER BY r.number DESC LIMIT 1").get(SLUG) as { id: number; sha: string };
      expect(run.sha).toBe(hash);
      linesJson = (db.prepare("SELECT lines_json FROM scoring_run_providers WHERE run_id = ? AND agb_code = '73730002'").get(run.id) as { lines_json: string }).lines_json;
    } finally {
      db.close();
    }
    const lines = JSON.parse(linesJson) as [string, string | null, string, string][];
    const parkinson = lines.find((l) => l[1] === "parkinson")!;
    const regular = lines.find((l) => l[0] === parkinson[0] && l[1] === null)!;

    // The provider's own monitor: the established scores, and the run's line to the cent.
    await baken.page.goto(`/kaders/${SLUG}/monitor`);
    await waitForRendered(baken.page);
    const monitor = await mainText(baken.page);
    expect(monitor).toContain("Op basis van de vastgestelde scores");
    const row = baken.page.getByRole("row", { name: /Mensen met Parkinson/ }).first();
    const rowText = (await row.textContent()) ?? "";
    expect(rowText).toContain(formatEuro(parkinson[3]));
    expect(rowText).toContain(formatPercent(parkinson[2]));
    await screenshot(baken.page, "assessment-monitor-after-run");

    // The inkoper's tariff overview: Het Baken's regular tariff as the run stored it.
    await page.goto(`/inkoop/kaders/${SLUG}/monitor`);
    await waitForRendered(page);
    const overviewRow = page.getByRole("row", { name: /Stichting Het Baken/ }).first();
    expect((await overviewRow.textContent()) ?? "").toContain(formatEuro(regular[3]));
  });

  it("a second run on the same data (a correction with a reason) shows the identical hashes and no difference", async () => {
    const page = inkoper.page;
    const first = runHashes[0]!;
    const second = await startRun(page, `/inkoop/kaders/${SLUG}/scoringsrondes`, "Controle: dezelfde gegevens opnieuw");
    expect(second).toBe(first);
    const text = await mainText(page);
    expect(text).toContain("Verschil met ronde 1");
    expect(text).toContain("Geen verschil");
    // Every hash the first run's page showed (kader, inputs, result, files) is on the second's.
    expect(firstRunPageHashes.length).toBeGreaterThanOrEqual(3);
    for (const h of firstRunPageHashes) expect(text).toContain(h);
  });
});
