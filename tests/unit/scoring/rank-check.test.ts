// The rank-order check for relative modules (scoring/rank-check.ts) and the run-result document
// a scoring run stores (scoring/run-result.ts).
import { describe, expect, it } from "vitest";
import { computeTariffs, expandRunResult, rankOrderCheck, runResultJson, type RunResult } from "../../../scoring/index";
import { canonical } from "../../../scoring/run-result";
import { clone, demo, validInputs, validKader } from "./helpers";

type Scores = { visie: number; aanpak: number; expertise: number; resultaat: number };
const uniform = (n: number): Scores => ({ visie: n, aanpak: n, expertise: n, resultaat: n });

/** The worked example with its module made relative; bands on R = P / best × 100. */
function relativeKader(bands: { from: number; percent: number }[]) {
  const data = clone(demo.kader()) as { surcharges: { id: string; mapping?: unknown }[] };
  const module = data.surcharges.find((s) => s.id === "complexe-zorg")!;
  module.mapping = { basis: "relative", bands };
  return validKader(data);
}

function field(kader: ReturnType<typeof relativeKader>, scores: Record<string, Scores>, fieldBest?: number) {
  const base = clone(demo.inputs()) as { tariffs: unknown[] };
  return validInputs(
    {
      format: "zorginkoop.inputs/v1",
      kader: "demo-vv-2026",
      tariffs: base.tariffs,
      providers: Object.entries(scores).map(([id, s]) => ({ id, facts: { planIngediend: true }, assessments: [{ module: "complexe-zorg", targetGroup: "parkinson", scores: s }] })),
      ...(fieldBest !== undefined && { fieldBest: [{ module: "complexe-zorg", targetGroup: "parkinson", points: fieldBest }] }),
    },
    kader,
  );
}

const BANDS = [
  { from: 60, percent: 2 },
  { from: 80, percent: 4 },
  { from: 95, percent: 6 },
];

describe("the rank-order check", () => {
  it("reports the sole best whose absence changes the others' percentages", () => {
    const kader = relativeKader(BANDS);
    // A 40 points, B 32, C 30. With A: best 40, B R=80 → 4 %, C R=75 → 2 %. Without: best 32, B 100 → 6 %, C 93.75 → 4 %.
    const findings = rankOrderCheck(kader, field(kader, { A: uniform(10), B: uniform(8), C: { visie: 8, aanpak: 8, expertise: 8, resultaat: 6 } }));
    expect(findings).toEqual([
      {
        module: "complexe-zorg",
        targetGroup: "parkinson",
        provider: "A",
        bestWith: "40",
        bestWithout: "32",
        changes: [
          { provider: "B", percentBefore: "4", percentAfter: "6", rankBefore: 1, rankAfter: 1 },
          { provider: "C", percentBefore: "2", percentAfter: "4", rankBefore: 2, rankAfter: 2 },
        ],
      },
    ]);
  });

  it("reports a change of rank: two providers that were apart end up level", () => {
    const kader = relativeKader([
      { from: 50, percent: 2 },
      { from: 85, percent: 4 },
    ]);
    // With A (40): B 34 → R 85 → 4 %, C 30 → R 75 → 2 %. Without: best 34, C R 88.2353 → 4 %: level with B.
    const findings = rankOrderCheck(kader, field(kader, { A: uniform(10), B: { visie: 10, aanpak: 8, expertise: 8, resultaat: 8 }, C: { visie: 8, aanpak: 8, expertise: 8, resultaat: 6 } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.changes).toEqual([{ provider: "C", percentBefore: "2", percentAfter: "4", rankBefore: 2, rankAfter: 1 }]);
  });

  it("finds nothing when the best is shared, when a fieldBest holds it, or when nobody's band moves", () => {
    const kader = relativeKader(BANDS);
    expect(rankOrderCheck(kader, field(kader, { A: uniform(10), A2: uniform(10), B: uniform(8) }))).toEqual([]);
    expect(rankOrderCheck(kader, field(kader, { A: uniform(10), B: uniform(8) }, 40))).toEqual([]);
    // A 40, B 38: without A, B's R goes from 95 to 100, still the top band.
    expect(rankOrderCheck(kader, field(kader, { A: uniform(10), B: { visie: 10, aanpak: 10, expertise: 10, resultaat: 8 } }))).toEqual([]);
    // One provider alone: nobody else to change.
    expect(rankOrderCheck(kader, field(kader, { A: uniform(10) }))).toEqual([]);
  });

  it("ignores absolute modules", () => {
    const kader = validKader(demo.kader());
    expect(rankOrderCheck(kader, field(kader, { A: uniform(10), B: uniform(8), C: uniform(6) }))).toEqual([]);
  });
});

describe("the run-result document", () => {
  it("is the canonical JSON of the result with each distinct step once, and expands back to the result", () => {
    const kader = validKader(demo.kader());
    const result = computeTariffs(kader, validInputs(demo.inputs(), kader));
    const text = runResultJson(result);
    // Built the slow way: every step by value, numbered in order of first appearance.
    const steps: string[] = [];
    const lines = result.lines.map((l) => [
      l.provider,
      l.prestatie,
      l.targetGroup,
      l.percent,
      l.tariff,
      l.trace.map((s) => {
        const c = canonical(s);
        if (!steps.includes(c)) steps.push(c);
        return steps.indexOf(c);
      }),
    ]);
    const doc = { format: "zorginkoop.run-result/v1", kader: result.kader, lines, modules: result.modules, budget: result.budget, steps: steps.map((s) => JSON.parse(s)) };
    expect(text).toBe(canonical(doc));
    expect(steps.length).toBeLessThan(result.lines.reduce((n, l) => n + l.trace.length, 0));
    expect(expandRunResult(JSON.parse(text) as RunResult)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it("depends on the values only, not on which steps the engine happened to share", () => {
    const kader = validKader(demo.kader());
    const result = computeTariffs(kader, validInputs(demo.inputs(), kader));
    const unshared = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(runResultJson(unshared)).toBe(runResultJson(result));
  });
});
