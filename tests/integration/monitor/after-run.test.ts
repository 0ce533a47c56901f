// After assessment (issue 10, "done when"): once a scoring run is made, the provider's monitor, the
// inkoper's overview and the verification bundle show exactly the run's stored tariffs, to the
// cent, for every provider; the monitor says it reflects the established scores; a what-if uses
// the field's best as the run published it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentComputation } from "../../../app/services/monitor/computation-cache.server";
import { buildMonitorPage, requireOwnMonitor } from "../../../app/services/monitor/monitor.server";
import { buildVerificationBundle } from "../../../app/services/tender/bundle.server";
import { kaderOverview } from "../../../app/services/tender/overview.server";
import { loadPublishedKader } from "../../../app/services/tender/provider-result.server";
import { currentProviderComputation } from "../../../app/services/tender/run-computation.server";
import { runFieldBest, runLinesForProvider, startScoringRun, type Started } from "../../../app/services/tender/scoring-run.server";
import type { Db } from "../../../db/client.server";
import { unzipBundle, verifyBundle } from "../../../scoring/verify/index";
import { createTestDb } from "../../helpers/test-db";
import { loadKader, request } from "../kaders/fixtures";
import { AFTER, buildField, openSubmissions, scoreAll, SLUG, type Field } from "../scoring-run/fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: Field;
const RUN_AT = new Date(AFTER.getTime() + 3_600_000);
const LATER = new Date(RUN_AT.getTime() + 60_000);

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await buildField(db);
  openSubmissions(db, f);
  scoreAll(db, f);
});
afterEach(() => t.close());

async function run(): Promise<number> {
  const started = startScoringRun(f.demo.inkoper, SLUG, {}, db, RUN_AT);
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  await (started as Started).finished;
  return started.runId;
}

const lineKey = (l: { prestatie: string; targetGroup: string | null }) => `${l.prestatie}/${l.targetGroup ?? "-"}`;
const values = (lines: readonly { prestatie: string; targetGroup: string | null; percent: string; tariff: string }[]) =>
  Object.fromEntries(lines.map((l) => [lineKey(l), `${l.percent}|${l.tariff}`]));

describe("after a scoring run", () => {
  it("every provider's monitor computation, overview row and bundle equal the run's stored lines to the cent", async () => {
    const published = loadPublishedKader(db, loadKader(db, SLUG))!;
    const before = currentProviderComputation(db, published, f.ids.linde, true)!;
    expect(before.basis).toBe("submission");
    const runId = await run();
    // Linde holds the field's best alone: a relative module, so its best is what the others are measured by.
    expect(runFieldBest(db, runId)).toEqual([{ module: "complexe-zorg", targetGroup: "parkinson", points: "40" }]);
    const overview = kaderOverview(db, f.demo.inkoper, loadKader(db, SLUG), LATER)!;
    for (const providerId of [f.ids.linde, f.ids.baken, f.ids.eikenhof]) {
      const computation = currentProviderComputation(db, published, providerId, true)!;
      expect(computation.basis).toBe("run");
      const stored = runLinesForProvider(db, runId, computation.provider.agbCode)!;
      expect(values(computation.result.lines)).toEqual(values(stored.lines));
      expect(computation.result.budget?.byProvider[0]?.total ?? null).toBe(stored.budgetTotal);
      const row = overview.providers.find((p) => p.providerId === providerId)!;
      expect(row.basis).toBe("run");
      expect(values(row.lines)).toEqual(values(stored.lines));
      const bundle = buildVerificationBundle(db, published, providerId)!;
      const files = unzipBundle(bundle.bytes);
      if (!files.ok) throw new Error(files.message);
      const verified = verifyBundle(files.files);
      if (!verified.ok) throw new Error(verified.message);
      expect(verified.manifest.basis).toBe("run");
    }
    // The run's module surcharge reaches a target-group line: Baken's 32 of 40 points is 80 % of the best.
    const baken = runLinesForProvider(db, runId, "73730002")!;
    expect(baken.modules).toMatchObject([{ module: "complexe-zorg", targetGroup: "parkinson", points: "32", input: "80", percent: "4" }]);
  });

  it("the provider's monitor says it reflects the established scores, from the memory cache too", async () => {
    const published = loadPublishedKader(db, loadKader(db, SLUG))!;
    expect(currentComputation(db, published, f.ids.baken, true)!.basis).toBe("submission");
    await run();
    // The run changed the database: the cached computation is not reused.
    expect(currentComputation(db, published, f.ids.baken, true)!.basis).toBe("run");
    const subject = requireOwnMonitor(request(`/kaders/${SLUG}/monitor`), f.demo.aanbieder2, SLUG, LATER, db);
    const { page } = buildMonitorPage(request(`/kaders/${SLUG}/monitor`), f.demo.aanbieder2, subject, new URLSearchParams(), LATER, db);
    expect(page.view.basis).toBe("run");
    expect(page.view.phase.title).toBe("Op basis van de vastgestelde scores");
    expect(page.view.phase.text).toContain("scoringsronde 1");
  });

  it("the what-if starts from the established scores: the form shows them, and computing it unchanged changes nothing", async () => {
    const path = `/kaders/${SLUG}/monitor`;
    const subject = () => requireOwnMonitor(request(path), f.demo.aanbieder2, SLUG, LATER, db);
    const runId = await run();
    const stored = runLinesForProvider(db, runId, "73730002")!;
    const { page: plain } = buildMonitorPage(request(path), f.demo.aanbieder2, subject(), new URLSearchParams(), LATER, db);
    const slot = plain.shape.slots.find((s) => s.module === "complexe-zorg" && s.targetGroup === "parkinson")!;
    expect(plain.view.basis).toBe("run");
    // Baken's established scores (scoreAll): 8 on every criterion.
    expect(slot.criteria.map((c) => plain.form.values[c.param])).toEqual(slot.criteria.map(() => "8"));
    // The form as the page shows it, sent back unchanged (a browser sends every field).
    const sent = new URLSearchParams({ "wat-als": "1", ...plain.form.values });
    const { page, status } = buildMonitorPage(request(path), f.demo.aanbieder2, subject(), sent, LATER, db);
    expect(status).toBe(200);
    if (page.whatIf.state !== "ok") throw new Error(JSON.stringify(page.whatIf));
    const lines = page.whatIf.prestaties.flatMap((p) => p.lines);
    expect(lines.map((l) => [lineKey(l), l.difference])).toEqual(lines.map((l) => [lineKey(l), "0"]));
    expect(values(lines)).toEqual(values(stored.lines));
    // Only the marker (a shared link with nothing changed): the same, the established scores count.
    const { page: bare } = buildMonitorPage(request(path), f.demo.aanbieder2, subject(), new URLSearchParams({ "wat-als": "1" }), LATER, db);
    if (bare.whatIf.state !== "ok") throw new Error(JSON.stringify(bare.whatIf));
    expect(values(bare.whatIf.prestaties.flatMap((p) => p.lines))).toEqual(values(stored.lines));
    // Choosing "geen plan" for every criterion still drops the plan: the module's surcharge goes.
    const none = new URLSearchParams({ "wat-als": "1", ...plain.form.values, ...Object.fromEntries(slot.criteria.map((c) => [c.param, ""])) });
    const { page: dropped } = buildMonitorPage(request(path), f.demo.aanbieder2, subject(), none, LATER, db);
    if (dropped.whatIf.state !== "ok") throw new Error(JSON.stringify(dropped.whatIf));
    const parkinson = dropped.whatIf.prestaties.flatMap((p) => p.lines).find((l) => l.targetGroup === "parkinson");
    expect(parkinson === undefined || parkinson.difference !== "0").toBe(true);
  });
});
