// Scoring runs (app/services/tender/scoring-run.server.ts): refused while plans lack final
// scores, computed in a worker and stored immutably, the same hashes on the same data, a
// correction run with its reason and its difference, the rank-order findings of a relative
// module, and the stored result reproduced to the cent by the command line.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  latestCompletedRun,
  listRuns,
  loadRun,
  runDiff,
  runFieldBest,
  runFile,
  runFindings,
  runLinesForProvider,
  startScoringRun,
  unscoredPlans,
  type Started,
} from "../../../app/services/tender/scoring-run.server";
import { computeForProvider, loadPublishedKader } from "../../../app/services/tender/provider-result.server";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, auditEvents, scoringRunProviders, scoringRuns } from "../../../db/schema";
import { runResultJson, type Result } from "../../../scoring";
import { sha256 } from "../../../app/services/tender/scoring-run-compute";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, loadKader, ROOT } from "../kaders/fixtures";
import { AFTER, all, buildField, openSubmissions, scoreAll, scorePlan, SLUG, type Field } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: Field;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await buildField(db);
});
afterEach(() => t.close());

const RUN_AT = new Date(AFTER.getTime() + 3_600_000);

async function run(reason?: string): Promise<number> {
  const started = startScoringRun(f.demo.inkoper, SLUG, { reason }, db, RUN_AT);
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  await (started as Started).finished;
  return started.runId;
}

const stored = (id: number) => db.select().from(scoringRuns).where(eq(scoringRuns.id, id)).get()!;

describe("starting a run", () => {
  it("is refused before the opening, and while any plan lacks a final score: with the list, one audit event, nothing stored", async () => {
    const before = startScoringRun(f.demo.inkoper, SLUG, {}, db, RUN_AT);
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.errors._form).toMatch(/nog niet geopend/);

    openSubmissions(db, f);
    scorePlan(db, f, f.ids.linde, all("10"));
    // Baken's plan has three of its four criteria.
    scorePlan(db, f, f.ids.baken, { visie: "8", aanpak: "8", expertise: "8" });
    const unscored = unscoredPlans(db, f.kaderId);
    expect(unscored.map((p) => [p.name, p.moduleLabel, p.targetGroupLabel])).toEqual([
      ["Stichting Het Baken", "Module complexe zorg V&V", "Mensen met Parkinson"],
      ["Zorgcentrum Eikenhof", "Module complexe zorg V&V", "Mensen met Parkinson"],
    ]);
    const events = db.select().from(auditEvents).all().length;
    const refused = startScoringRun(f.demo.inkoper, SLUG, {}, db, RUN_AT);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status).toBe(409);
    expect(refused.errors._form).toMatch(/2 plannen zonder eindscore/);
    expect(refused.unscored?.map((p) => p.agbCode)).toEqual(unscored.map((p) => p.agbCode));
    expect(db.select().from(scoringRuns).all()).toEqual([]);
    expect(db.select().from(auditEvents).all().length).toBe(events + 1);
    expect(auditActions(db, "scoring_run.refused").at(-1)!.payload).toContain('"reason":"unscored"');
  });

  it("is only for an inkoper of the kader's zorgkantoor", () => {
    openSubmissions(db, f);
    scoreAll(db, f);
    const jurist = startScoringRun(f.jurist, SLUG, {}, db, RUN_AT);
    expect(jurist.ok === false && jurist.status).toBe(403);
    const provider = startScoringRun(f.demo.aanbieder, SLUG, {}, db, RUN_AT);
    expect(provider.ok === false && provider.status).toBe(404);
    expect(db.select().from(scoringRuns).all()).toEqual([]);
  });
});

describe("a completed run", () => {
  beforeEach(() => {
    openSubmissions(db, f);
    scoreAll(db, f);
  });

  it("stores the kader version, inputs, engine version and result with their hashes, lines per provider, and two audit events", async () => {
    const id = await run();
    const r = stored(id);
    expect(r).toMatchObject({ number: 1, status: "done", engineVersion: "1.0.0", correctsRunId: null, reason: null });
    expect(r.inputsSha256).toBe(sha256(r.inputsJson));
    const result = runFile(db, r, "resultaat.json")!;
    expect(sha256(result.body)).toBe(r.resultSha256);
    const kader = runFile(db, r, "kader.json")!;
    expect(sha256(kader.body)).toBe(r.kaderContentHash);
    expect(JSON.parse(result.body).format).toBe("zorginkoop.run-result/v1");
    // Every provider of the regions with a prestatie in the tariff table has lines, also those without a submission.
    const providers = db.select().from(scoringRunProviders).where(eq(scoringRunProviders.runId, id)).all();
    const inputs = JSON.parse(r.inputsJson) as { providers: { id: string; prestaties: string[] }[] };
    expect(providers.map((p) => p.agbCode).sort()).toEqual(inputs.providers.filter((p) => p.prestaties.length > 0).map((p) => p.id).sort());
    expect(providers.length).toBeGreaterThan(3);
    const linde = runLinesForProvider(db, id, "73730001")!;
    // 5VV Parkinson: base 94 (planIngediend missing), capped by the previous-year rule, + 6 % for 40 points of 40.
    expect(linde.lines.find((l) => l.prestatie === "5VV" && l.targetGroup === "parkinson")).toMatchObject({ percent: "100" });
    expect(linde.modules).toEqual([{ provider: "73730001", module: "complexe-zorg", targetGroup: "parkinson", points: "40", input: "100", percent: "6", knockout: null }]);
    expect(linde.budgetTotal).not.toBeNull();
    expect(runFieldBest(db, id)).toEqual([{ module: "complexe-zorg", targetGroup: "parkinson", points: "40" }]);
    expect(latestCompletedRun(db, f.kaderId)?.id).toBe(id);
    expect(auditActions(db, "scoring_run.started")).toHaveLength(1);
    const completed = auditActions(db, "scoring_run.completed");
    expect(completed).toHaveLength(1);
    expect(JSON.parse(completed[0]!.payload)).toMatchObject({ resultSha256: r.resultSha256, rankFindings: 1 });
    // No plan content in the trail.
    expect(completed[0]!.payload).not.toContain("Specialisten");
  });

  it("is immutable: no update, no delete, no replace, no extra lines", async () => {
    const id = await run();
    const r = stored(id);
    expect(() => db.update(scoringRuns).set({ resultSha256: "0".repeat(64) }).where(eq(scoringRuns.id, id)).run()).toThrow(/immutable/);
    expect(() => db.update(scoringRuns).set({ status: "failed" }).where(eq(scoringRuns.id, id)).run()).toThrow(/immutable/);
    expect(() => db.delete(scoringRuns).where(eq(scoringRuns.id, id)).run()).toThrow(/immutable/);
    expect(() => db.$client.prepare("REPLACE INTO scoring_runs (id, kader_id, number, kader_version_id, kader_content_hash, tariff_table_id, inputs_json, inputs_sha256, engine_version, started_by, started_at, status) SELECT id, kader_id, number, kader_version_id, kader_content_hash, tariff_table_id, '{}', 'x', engine_version, started_by, started_at, 'running' FROM scoring_runs WHERE id = ?").run(id)).toThrow();
    expect(() => db.update(scoringRunProviders).set({ linesJson: "[]" }).where(eq(scoringRunProviders.runId, id)).run()).toThrow(/immutable/);
    expect(() => db.delete(scoringRunProviders).where(eq(scoringRunProviders.runId, id)).run()).toThrow(/immutable/);
    expect(() => db.insert(scoringRunProviders).values({ runId: id, agbCode: "99999999", linesJson: "[]" }).run()).toThrow(/only for a running run/);
    expect(stored(id)).toEqual(r);
  });

  it("gives the same hashes when run again on the same data; a second run needs a reason and shows no difference", async () => {
    const first = await run();
    const events = db.select().from(auditEvents).all().length;
    const refused = startScoringRun(f.demo.inkoper, SLUG, { reason: "  " }, db, RUN_AT);
    expect(refused.ok === false && refused.errors.reden).toMatch(/reden/);
    expect(refused.ok === false && refused.status).toBe(400);
    expect(db.select().from(auditEvents).all().length).toBe(events);
    expect(db.select().from(scoringRuns).all()).toHaveLength(1);
    const second = await run("Controle: dezelfde gegevens opnieuw");
    const [a, b] = [stored(first), stored(second)];
    expect(b).toMatchObject({ number: 2, correctsRunId: first, reason: "Controle: dezelfde gegevens opnieuw" });
    expect(b.inputsSha256).toBe(a.inputsSha256);
    expect(b.resultSha256).toBe(a.resultSha256);
    expect(b.kaderContentHash).toBe(a.kaderContentHash);
    expect(runDiff(db, a, b)).toEqual([]);
    expect(listRuns(db, f.kaderId).map((r) => [r.number, r.state, r.correctsNumber])).toEqual([
      [2, "done", 1],
      [1, "done", null],
    ]);
  });

  it("a correction (a fixed score) is a new run whose difference names the provider and the lines, before and after", async () => {
    const first = await run();
    // Eikenhof's resultaat score is corrected from 6 to 8: 32 points, R 80 → 4 % instead of 2 %.
    db.update(assessmentFinalScores)
      .set({ score: "8" })
      .where(and(eq(assessmentFinalScores.providerId, f.ids.eikenhof), eq(assessmentFinalScores.criterionId, "resultaat")))
      .run();
    const second = await run("Bezwaar Eikenhof gegrond: score meetbare resultaten hersteld");
    const diff = runDiff(db, stored(first), stored(second));
    expect(diff.map((d) => d.name)).toEqual(["Zorgcentrum Eikenhof"]);
    const changed = diff[0]!.lines;
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((l) => l.targetGroup === "parkinson")).toBe(true);
    const fiveVV = changed.find((l) => l.prestatie === "5VV")!;
    expect(Number(fiveVV.after!.percent) - Number(fiveVV.before!.percent)).toBe(2);
    expect(fiveVV.after!.tariff).not.toBe(fiveVV.before!.tariff);
    expect(stored(second).resultSha256).not.toBe(stored(first).resultSha256);
  });

  it("reports the rank-order finding of the relative module: leaving De Linde out moves the others", async () => {
    const id = await run();
    expect(runFindings(stored(id))).toEqual([
      {
        module: "complexe-zorg",
        targetGroup: "parkinson",
        provider: "73730001",
        bestWith: "40",
        bestWithout: "32",
        changes: [
          { provider: "73730002", percentBefore: "4", percentAfter: "6", rankBefore: 1, rankAfter: 1 },
          { provider: expect.any(String), percentBefore: "2", percentAfter: "4", rankBefore: 2, rankAfter: 2 },
        ],
      },
    ]);
  });

  it("lets one provider verify alone with the run's fieldBest: the same cents as the run", async () => {
    const id = await run();
    const published = loadPublishedKader(db, loadKader(db, SLUG))!;
    const scores = Object.fromEntries(db.select().from(assessmentFinalScores).where(eq(assessmentFinalScores.providerId, f.ids.baken)).all().map((s) => [s.criterionId, s.score]));
    const own = computeForProvider(db, published, f.ids.baken, {
      withSubmissions: true,
      overrides: { assessments: [{ module: "complexe-zorg", targetGroup: "parkinson", scores }], fieldBest: runFieldBest(db, id) },
    })!;
    const lines = own.result.lines.map(({ prestatie, targetGroup, percent, tariff }) => ({ prestatie, targetGroup, percent, tariff }));
    expect(lines).toEqual(runLinesForProvider(db, id, "73730002")!.lines);
  });

  it("is reproduced to the cent by the command line from its stored kader and inputs", async () => {
    const id = await run();
    const r = loadRun(db, f.kaderId, id)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-run-cli-"));
    try {
      fs.writeFileSync(path.join(dir, "kader.json"), runFile(db, r, "kader.json")!.body);
      fs.writeFileSync(path.join(dir, "invoer.json"), runFile(db, r, "invoer.json")!.body);
      const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scoring/cli.ts"), path.join(dir, "kader.json"), path.join(dir, "invoer.json")], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const result = JSON.parse(out) as Result;
      // Every trace too: the command line's result, written as a run-result document, has the stored hash.
      expect(sha256(runResultJson(result))).toBe(r.resultSha256);
      // And to the cent, line by line, against the stored lines and budget.
      for (const p of db.select().from(scoringRunProviders).where(eq(scoringRunProviders.runId, id)).all()) {
        const cli = result.lines.filter((l) => l.provider === p.agbCode).map((l) => [l.prestatie, l.targetGroup, l.percent, l.tariff]);
        expect(cli).toEqual(JSON.parse(p.linesJson));
        expect(result.budget?.byProvider.find((b) => b.provider === p.agbCode)?.total ?? null).toBe(p.budgetTotal);
      }
      expect(JSON.parse(r.budgetJson!)).toEqual(result.budget);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers another kader's run id as absent", async () => {
    const id = await run();
    expect(loadRun(db, f.kaderId + 1000, id)).toBeNull();
  });
});

describe("the results page's view", () => {
  beforeEach(() => {
    openSubmissions(db, f);
    scoreAll(db, f);
  });

  it("ranks per module and target group, counts the score distribution, lists findings and the budget against the contracteerruimte", async () => {
    const { runView, runsPage } = await import("../../../app/services/tender/scoring-run-view.server");
    const kader = loadKader(db, SLUG);
    expect(runsPage(db, kader).start).toEqual({ ok: true, correctsNumber: null });
    const id = await run();
    const view = runView(db, kader, stored(id), String);
    expect(view.run).toMatchObject({ number: 1, state: "done", kaderVersion: 1 });
    expect(view.files.map((x) => x.name)).toEqual(["kader.json", "invoer.json", "resultaat.json"]);
    const parkinson = view.results!.groups.find((g) => g.targetGroup === "parkinson")!;
    expect(parkinson.basis).toBe("relative");
    expect(parkinson.ranking.map((r) => [r.name, r.points, r.input, r.percent, r.rank])).toEqual([
      ["Zorggroep De Linde", "40", "100", "6", 1],
      ["Stichting Het Baken", "32", "80", "4", 2],
      ["Zorgcentrum Eikenhof", "30", "75", "2", 3],
    ]);
    expect(parkinson.distribution).toEqual([
      { points: "40", count: 1 },
      { points: "32", count: 1 },
      { points: "30", count: 1 },
    ]);
    expect(parkinson.rules).toContain("Drempel: 20 punten; daaronder geen opslag.");
    expect(view.results!.findings).toHaveLength(1);
    expect(view.results!.findings[0]!.provider).toBe("Zorggroep De Linde");
    expect(view.results!.budget?.byProvider.map((b) => b.name)).toEqual(expect.arrayContaining(["Zorggroep De Linde", "Stichting Het Baken"]));
    expect(view.diff).toBeNull();
    // A second run: the page says it corrects run 1 and shows no difference.
    const second = await run("Controle");
    expect(runsPage(db, kader).start).toEqual({ ok: true, correctsNumber: 2 });
    const again = runView(db, kader, stored(second), String);
    expect(again.run.correctsNumber).toBe(1);
    expect(again.diff).toMatchObject({ againstNumber: 1, providers: [] });
  });

  it("a knocked-out plan is listed with its reason", async () => {
    const { runView } = await import("../../../app/services/tender/scoring-run-view.server");
    db.update(assessmentFinalScores).set({ score: "2" }).where(and(eq(assessmentFinalScores.providerId, f.ids.eikenhof), eq(assessmentFinalScores.criterionId, "aanpak"))).run();
    const id = await run();
    const view = runView(db, loadKader(db, SLUG), stored(id), String);
    expect(view.results!.knockouts).toEqual([{ agbCode: expect.any(String), name: "Zorgcentrum Eikenhof", moduleLabel: "Module complexe zorg V&V", targetGroupLabel: "Mensen met Parkinson", reason: "onder de minimumscore van een criterium" }]);
  });
});
