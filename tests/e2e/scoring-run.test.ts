/**
 * Issue 11's scoring run in the browser. The set-up is built through the services on the test
 * server's database, back-dated so that the kader has closed (as the assessment workflow would
 * leave it, the final scores are inserted directly): a kader with a relative module, two
 * providers' plans, the opening by two inkopers. Then the inkoper starts the run (asked first),
 * watches it finish on a page that refreshes itself, reads the results and the rank-order
 * finding; the jurist reads the same page without a start form; a provider is refused. (A second
 * run on the same data, with identical hashes, is part of the demo flow in assessment.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { confirmOpening, startOpening } from "../../app/services/submissions/opening.server";
import { submit } from "../../app/services/submissions/submissions.server";
import { openDatabase, type Db } from "../../db/client.server";
import { assessmentFinalScores } from "../../db/schema";
import { DAY, demoActors, loadKader, userByEmail } from "../integration/kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../integration/submissions/fixtures";
import { axeViolations, describeViolations, inkoperSuite, login, openSession, waitForRendered } from "./browser";
import { mainText, startRun } from "./scoring-run-steps";

const SLUG = "e2e-scoringsronde";
const RUNS = `/inkoop/kaders/${SLUG}/scoringsrondes`;
const suite = inkoperSuite("zk-e2e-run-");
let db: Db;

beforeAll(async () => {
  db = openDatabase(inject("databaseFile"));
  const demo = demoActors(db);
  const past = new Date(Date.now() - 40 * DAY);
  const draft = draftWithFacts();
  draft.id = SLUG;
  const module = (draft.surcharges as { id: string; mapping?: unknown }[]).find((s) => s.id === "complexe-zorg")!;
  module.mapping = { basis: "relative", bands: [{ from: 60, percent: 2 }, { from: 80, percent: 4 }, { from: 95, percent: 6 }] };
  publishSubmissionKader(db, demo, SLUG, past, draft);
  const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
  const plan = { targetGroups: { parkinson: { answers, capacity: 8, context: "Context", expertise: "Expertise" } } };
  const submittedAt = new Date(past.getTime() + 2 * DAY);
  for (const [actor, key] of [[demo.aanbieder, "e2e-run-sleutel-0001"], [demo.aanbieder2, "e2e-run-sleutel-0002"]] as const) {
    const result = submit(actor, SLUG, { declarations: { wzd: true }, plans: { "complexe-zorg": plan }, attachments: [] }, key, submittedAt, db);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  }
  const openedAt = new Date(Date.now() - 60 * 60_000);
  const started = startOpening(demo.inkoper, SLUG, openedAt, db);
  const confirmed = confirmOpening(userByEmail(db, "inkoper2@demo.zorginkoop.nl"), SLUG, new Date(openedAt.getTime() + 60_000), db);
  if (!started.ok || !confirmed.ok) throw new Error("opening refused");
  const kaderId = loadKader(db, SLUG).id;
  const scores = (providerId: number, n: string) =>
    ["visie", "aanpak", "expertise", "resultaat"].map((criterionId) => ({
      kaderId, providerId, moduleId: "complexe-zorg", targetGroupId: "parkinson", criterionId, score: n,
      motivation: "Motivering", method: "consensus" as const, setBy: demo.beoordelaar.id, setAt: openedAt,
    }));
  db.insert(assessmentFinalScores).values([...scores(demo.aanbieder.organisation!.id, "10"), ...scores(demo.aanbieder2.organisation!.id, "8")]).run();
});

afterAll(() => db?.$client.close());

describe("a scoring run in the browser", () => {
  it("the inkoper starts the run, sees it finish, and reads the ranking and the rank-order finding", async () => {
    const page = suite.inkoper.page;
    await startRun(page, RUNS);
    const text = await mainText(page);
    expect(text).toContain("U heeft scoringsronde 1 gestart");
    expect(text).toContain("zonder Zorggroep De Linde");
    expect(text).toContain("De beste score gaat van 40 naar 32 punten");
    const ranking = page.getByRole("table", { name: /Rangorde Module complexe zorg V&V, Mensen met Parkinson/ });
    await expect.poll(() => ranking.locator("tbody tr").allTextContents()).toEqual([expect.stringContaining("Zorggroep De Linde"), expect.stringContaining("Stichting Het Baken")]);
    expect(await page.getByRole("img", { name: /Verdeling van de punten: Module complexe zorg V&V, Mensen met Parkinson/ }).count()).toBe(1);
    expect(describeViolations(await axeViolations(page))).toEqual([]);
    // The stored input file answers with the hash the page shows.
    const inputs = await page.request.get(`${new URL(page.url()).pathname}/invoer.json`);
    expect(inputs.status()).toBe(200);
    expect(inputs.headers()["x-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the jurist reads the runs without a start form; a provider is refused", async () => {
    const jurist = await openSession(suite.browser);
    try {
      await login(jurist.page, "jurist@demo.zorginkoop.nl");
      const res = await jurist.page.goto(RUNS);
      expect(res?.status()).toBe(200);
      await waitForRendered(jurist.page);
      expect(await jurist.page.getByRole("button", { name: /ronde starten/ }).count()).toBe(0);
      await jurist.page.getByRole("link", { name: "Ronde 1" }).click();
      await expect.poll(() => mainText(jurist.page)).toContain("Rangordetoets relatieve modules");
    } finally {
      await jurist.close();
    }
    const provider = await openSession(suite.browser);
    try {
      await login(provider.page, "aanbieder@demo.zorginkoop.nl");
      expect((await provider.page.goto(RUNS))?.status()).toBe(403);
    } finally {
      await provider.close();
    }
  });
});
