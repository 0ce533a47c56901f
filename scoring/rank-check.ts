// The rank-order check for relative modules. Relative scoring (R = P / best × 100) is allowed
// (Hoge Raad 2014), but its known risk is that one bidder's presence changes the others'
// outcome: leaving the best out lowers `best`, which raises everyone else's R and may move them
// into another band, change their percentage, or change who ranks above whom.
//
// For each relative module and target group, and each provider assessed in it: would leaving
// that provider out change any other provider's module percentage, or its rank among the
// others? Only a provider holding `best` alone (and above any `fieldBest`) can change `best`,
// so the check computes at most one alternative per module and target group.
//
// Rank: the dense rank by module percentage, highest first (equal percentages share a rank),
// among the providers other than the one left out, before and after; so the left-out
// provider's own place never counts as a change.
import { D, canonical, type Dec } from "./decimal";
import type { Kader, PointsSurcharge } from "./format/kader";
import type { Inputs } from "./format/inputs";
import { compileModule, failedCriteria, rawPoints, scoreModule, type CompiledModule } from "./compute/points";

export type RankChange = {
  provider: string;
  percentBefore: string;
  percentAfter: string;
  rankBefore: number;
  rankAfter: number;
};

export type RankFinding = {
  module: string;
  targetGroup: string | null;
  /** The provider whose absence changes the others' outcome. */
  provider: string;
  bestWith: string;
  bestWithout: string;
  /** Every other provider whose percentage or rank changes. */
  changes: RankChange[];
};

type Entry = { provider: string; points: Dec; failed: ReturnType<typeof failedCriteria> };

function denseRanks(percents: Dec[]): number[] {
  const distinct = [...new Set(percents.map((p) => canonical(p)))].map((t) => new D(t)).sort((a, b) => b.comparedTo(a));
  const rankOf = new Map(distinct.map((p, i) => [canonical(p), i + 1]));
  return percents.map((p) => rankOf.get(canonical(p))!);
}

function checkGroup(module: CompiledModule, group: string | null, entries: Entry[], floor: Dec | undefined): RankFinding | null {
  if (entries.length < 2) return null;
  let best = floor;
  for (const e of entries) if (best === undefined || e.points.gt(best)) best = e.points;
  const holders = entries.filter((e) => e.points.eq(best!));
  // Only a sole holder of best, above any fieldBest, changes best by leaving.
  if (holders.length !== 1 || (floor !== undefined && floor.eq(best!))) return null;
  const leaving = holders[0]!;
  const others = entries.filter((e) => e !== leaving);
  let without = floor;
  for (const e of others) if (without === undefined || e.points.gt(without)) without = e.points;
  const before = others.map((e) => scoreModule(module, e.points, e.failed, best).percent);
  const after = others.map((e) => scoreModule(module, e.points, e.failed, without).percent);
  const rankBefore = denseRanks(before);
  const rankAfter = denseRanks(after);
  const changes: RankChange[] = [];
  others.forEach((e, i) => {
    if (!before[i]!.eq(after[i]!) || rankBefore[i] !== rankAfter[i]) {
      changes.push({ provider: e.provider, percentBefore: canonical(before[i]!), percentAfter: canonical(after[i]!), rankBefore: rankBefore[i]!, rankAfter: rankAfter[i]! });
    }
  });
  if (changes.length === 0) return null;
  return { module: module.source.id, targetGroup: group, provider: leaving.provider, bestWith: canonical(best!), bestWithout: canonical(without!), changes };
}

/**
 * The rank-order findings of a computation, in kader order of modules and target groups.
 * Expects parsed inputs (parseInputs), as `computeTariffs` does.
 */
export function rankOrderCheck(kader: Kader, inputs: Inputs): RankFinding[] {
  const findings: RankFinding[] = [];
  const relative = kader.surcharges.filter((s): s is PointsSurcharge => s.kind === "points" && s.mapping.basis === "relative");
  if (relative.length === 0) return findings;
  // One pass over the field: the assessments per relative module and target group.
  const compiled = new Map(relative.map((s) => [s.id, compileModule(s, kader.percentDecimals)]));
  const byGroup = new Map<string, Entry[]>();
  for (const p of inputs.providers) {
    for (const a of p.assessments ?? []) {
      const module = compiled.get(a.module);
      if (!module) continue;
      const key = JSON.stringify([a.module, a.targetGroup ?? null]);
      let list = byGroup.get(key);
      if (!list) byGroup.set(key, (list = []));
      list.push({ provider: p.id, points: rawPoints(module, a.scores), failed: failedCriteria(module, a.scores) });
    }
  }
  for (const s of relative) {
    const module = compiled.get(s.id)!;
    for (const group of s.targetGroups?.map((g) => g.id) ?? [null]) {
      const entries = byGroup.get(JSON.stringify([s.id, group])) ?? [];
      entries.sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0));
      let floor: Dec | undefined;
      for (const f of inputs.fieldBest ?? []) {
        if (f.module === s.id && (f.targetGroup ?? null) === group && (floor === undefined || new D(f.points).gt(floor))) floor = new D(f.points);
      }
      const finding = checkGroup(module, group, entries, floor);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
