// Spec 3.3 (second part) — points modules:
//   raw points  P = Σ weight × score;
//   knock-out   when a criterion is below its `minScore`, or P < threshold: percent 0;
//   basis       the mapping's input is P (`absolute`) or R = P / best × 100
//               (`relative`; best = the highest P of all providers' assessments of
//               the same module and target group and any `fieldBest` entry;
//               R rounded half-up to `percentDecimals`; best = 0 gives R = 0);
//   mapping     bands: the percent of the highest band whose `from` ≤ input, else 0;
//               linear: 0 below `from`, `toPercent` above `to`, else
//               fromPercent + (x − from) × (toPercent − fromPercent) / (to − from);
//               the mapped percentage rounded half-up to `percentDecimals` ("mapped
//               percentages are rounded to this", spec 1) — in every case, so that
//               the value just above `to` can never be below the value at `to`.
import { D, HUNDRED, ZERO, canonical, divideHalfUp, roundHalfUp, type Dec } from "../decimal";
import type { PointsSurcharge } from "../format/kader";
import type { Inputs } from "../format/inputs";
import { renderTraceStep } from "../trace/render";
import { finish, type FailedCriterion, type MappingOutcome, type PointsSurchargeStep } from "../trace/steps";
import type { Outcome } from "./surcharges";

export type Knockout = null | "threshold" | "minScore";

/** A points module with its numbers as decimals, made once per computation. */
export type CompiledModule = {
  source: PointsSurcharge;
  criteria: { id: string; label: string; weight: Dec; minScore?: Dec }[];
  threshold?: Dec;
  bands?: { from: Dec; percent: Dec }[];
  linear?: { from: Dec; to: Dec; fromPercent: Dec; toPercent: Dec };
  percentDecimals: number;
  /** Raw points per combination of scores, remembered (many assessments share scores). */
  pointsMemo: Map<string, Dec>;
};

export function compileModule(module: PointsSurcharge, percentDecimals: number): CompiledModule {
  const m = module.mapping;
  return {
    source: module,
    criteria: module.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      weight: new D(c.weight),
      ...(c.minScore !== undefined && { minScore: new D(c.minScore) }),
    })),
    ...(module.threshold !== undefined && { threshold: new D(module.threshold) }),
    ...(m.bands && { bands: m.bands.map((b) => ({ from: new D(b.from), percent: new D(b.percent) })) }),
    ...(m.linear && {
      linear: {
        from: new D(m.linear.from),
        to: new D(m.linear.to),
        fromPercent: new D(m.linear.fromPercent),
        toPercent: new D(m.linear.toPercent),
      },
    }),
    percentDecimals,
    pointsMemo: new Map(),
  };
}

/** The key of a module and target group (null: a module without target groups). */
export const moduleKey = (module: string, targetGroup: string | null | undefined) => JSON.stringify([module, targetGroup ?? null]);

/** A criterion's score: own properties only, so that an id like `constructor` never finds Object's. */
const scoreOf = (scores: Readonly<Record<string, string>>, id: string): string | undefined => (Object.hasOwn(scores, id) ? scores[id] : undefined);

/** Raw points P = Σ weight × score. */
export function rawPoints(module: CompiledModule, scores: Readonly<Record<string, string>>): Dec {
  let key = "";
  for (const c of module.criteria) key += (scoreOf(scores, c.id) ?? "") + "\u0001";
  let total = module.pointsMemo.get(key);
  if (total === undefined) {
    total = ZERO;
    for (const c of module.criteria) total = total.plus(c.weight.times(scoreOf(scores, c.id) ?? 0));
    module.pointsMemo.set(key, total);
  }
  return total;
}

/**
 * `best` per relative module and target group: the highest raw points of all
 * providers' assessments (also those knocked out) and any `fieldBest` entry.
 */
export function bestPoints(modules: readonly CompiledModule[], inputs: Inputs): Map<string, Dec> {
  const relative = new Map(modules.filter((m) => m.source.mapping.basis === "relative").map((m) => [m.source.id, m]));
  const best = new Map<string, Dec>();
  const offer = (key: string, points: Dec) => {
    const current = best.get(key);
    if (current === undefined || points.gt(current)) best.set(key, points);
  };
  for (const provider of inputs.providers) {
    for (const a of provider.assessments ?? []) {
      const module = relative.get(a.module);
      if (module) offer(moduleKey(a.module, a.targetGroup), rawPoints(module, a.scores));
    }
  }
  for (const f of inputs.fieldBest ?? []) {
    if (relative.has(f.module)) offer(moduleKey(f.module, f.targetGroup), new D(f.points));
  }
  return best;
}

/** Relative basis: R = P / best × 100, rounded half-up to `percentDecimals`; best = 0 gives 0. */
export function relativeInput(points: Dec, best: Dec, percentDecimals: number): Dec {
  return best.isZero() ? ZERO : divideHalfUp(points.times(HUNDRED), best, percentDecimals);
}

/** The mapping from the input (P or R) to a percent. */
export function mapPoints(module: CompiledModule, x: Dec): { percent: Dec; mapping: MappingOutcome } {
  if (module.bands) {
    const bands = module.bands;
    for (let i = bands.length - 1; i >= 0; i--) {
      const band = bands[i]!;
      if (band.from.lte(x)) {
        return { percent: roundHalfUp(band.percent, module.percentDecimals), mapping: { type: "bands", from: canonical(band.from), firstFrom: canonical(bands[0]!.from) } };
      }
    }
    return { percent: ZERO, mapping: { type: "bands", from: null, firstFrom: canonical(bands[0]!.from) } };
  }
  const l = module.linear!;
  const texts = { from: canonical(l.from), to: canonical(l.to), fromPercent: canonical(l.fromPercent), toPercent: canonical(l.toPercent) };
  if (x.lt(l.from)) return { percent: ZERO, mapping: { type: "linear", position: "below", ...texts } };
  if (x.gt(l.to)) return { percent: roundHalfUp(l.toPercent, module.percentDecimals), mapping: { type: "linear", position: "above", ...texts } };
  // One exact division, so the single half-up rounding is the only rounding.
  const span = l.to.minus(l.from);
  const numerator = l.fromPercent.times(span).plus(x.minus(l.from).times(l.toPercent.minus(l.fromPercent)));
  return { percent: divideHalfUp(numerator, span, module.percentDecimals), mapping: { type: "linear", position: "between", ...texts } };
}

export type ModuleScore = {
  points: Dec;
  input: Dec;
  percent: Dec;
  knockout: Knockout;
  failed: FailedCriterion[];
  mapping?: MappingOutcome;
  best?: Dec;
};

/** Knock-out on `minScore`: every criterion scored below its minimum. */
export function failedCriteria(module: CompiledModule, scores: Readonly<Record<string, string>>): FailedCriterion[] {
  const failed: FailedCriterion[] = [];
  for (const c of module.criteria) {
    const score = scoreOf(scores, c.id);
    if (c.minScore !== undefined && score !== undefined && c.minScore.gt(score)) {
      failed.push({ criterion: c.id, label: c.label, score, minScore: canonical(c.minScore) });
    }
  }
  return failed;
}

/**
 * Score an assessment from its raw points and failed criteria (all a module's
 * percent depends on). `best` is required for a relative basis.
 */
export function scoreModule(module: CompiledModule, points: Dec, failed: FailedCriterion[], best: Dec | undefined): ModuleScore {
  const relative = module.source.mapping.basis === "relative";
  const bestValue = best ?? points; // without any other assessment, the provider is the best
  const input = relative ? relativeInput(points, bestValue, module.percentDecimals) : points;
  const common = { points, input, failed, ...(relative && { best: bestValue }) };
  if (failed.length > 0) return { ...common, percent: ZERO, knockout: "minScore" };
  if (module.threshold !== undefined && points.lt(module.threshold)) return { ...common, percent: ZERO, knockout: "threshold" };
  const mapped = mapPoints(module, input);
  return { ...common, percent: mapped.percent, knockout: null, mapping: mapped.mapping };
}

/** The trace step of a scored module on a line. */
export function moduleOutcome(module: CompiledModule, score: ModuleScore, targetGroup: string | null): Outcome & { step: PointsSurchargeStep } {
  const s = module.source;
  const step: PointsSurchargeStep = {
    step: "surcharge",
    kind: "points",
    id: s.id,
    ...(s.ref !== undefined && { ref: s.ref }),
    text: "",
    label: s.label,
    targetGroup,
    applied: score.knockout === null,
    ...(score.knockout !== null && { reason: score.knockout }),
    points: canonical(score.points),
    basis: s.mapping.basis,
    ...(score.best !== undefined && { best: canonical(score.best) }),
    input: canonical(score.input),
    ...(score.knockout === "threshold" && { threshold: canonical(module.threshold!) }),
    ...(score.failed.length > 0 && { failed: score.failed }),
    ...(score.mapping && { mapping: score.mapping }),
    value: canonical(score.percent),
  };
  return { value: score.percent, step: finish(step, renderTraceStep) };
}

/** A module refused on a line for a reason that does not depend on scores. */
export function moduleRefusal(module: PointsSurcharge, reason: "noAssessment" | "otherTargetGroup"): Outcome {
  const step: PointsSurchargeStep = {
    step: "surcharge",
    kind: "points",
    id: module.id,
    ...(module.ref !== undefined && { ref: module.ref }),
    text: "",
    label: module.label,
    targetGroup: null,
    applied: false,
    reason,
    value: "0",
  };
  return { value: ZERO, step: finish(step, renderTraceStep) };
}
