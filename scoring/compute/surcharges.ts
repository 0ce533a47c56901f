// Spec 3.3 (first part) — which surcharges apply to a prestatie (`appliesTo`)
// and the fixed surcharges: a `fixed` surcharge adds its `percent` when its
// `when` holds for the provider (no `when`: always).
import { D, ZERO, type Dec } from "../decimal";
import type { AppliesTo, FixedSurcharge, Surcharge } from "../format/kader";
import type { Tariff } from "../format/inputs";
import { renderTraceStep } from "../trace/render";
import { finish, type FixedSurchargeStep, type PointsSurchargeStep, type SurchargeStep } from "../trace/steps";
import { evaluateCondition, type FactLabels, type Facts } from "./conditions";

/** A surcharge's effect on a line: the percent it adds (0 when refused) and its trace step. */
export type Outcome = { value: Dec; step: SurchargeStep };

/** `appliesTo`: a prestatie must match every list that is given; no `appliesTo`: every prestatie. */
export function appliesTo(rule: AppliesTo | undefined, tariff: Tariff): boolean {
  if (!rule) return true;
  if (rule.sectors && !rule.sectors.includes(tariff.sector)) return false;
  if (rule.prestaties && !rule.prestaties.includes(tariff.code)) return false;
  return true;
}

/** The step of a surcharge that does not apply to the line's prestatie (the same for every such line). */
export function notApplicable(surcharge: Surcharge): Outcome {
  const base = { step: "surcharge", id: surcharge.id, ...(surcharge.ref !== undefined && { ref: surcharge.ref }), text: "", label: surcharge.label } as const;
  const step: SurchargeStep =
    surcharge.kind === "fixed"
      ? ({ ...base, kind: "fixed", applied: false, reason: "notApplicable", percent: surcharge.percent, value: "0" } satisfies FixedSurchargeStep)
      : ({ ...base, kind: "points", targetGroup: null, applied: false, reason: "notApplicable", value: "0" } satisfies PointsSurchargeStep);
  return { value: ZERO, step: finish(step, renderTraceStep) };
}

/** A fixed surcharge for one provider: the same on each of its lines where it applies. */
export function fixedSurcharge(surcharge: FixedSurcharge, facts: Facts, labels?: FactLabels): Outcome {
  const condition = surcharge.when ? evaluateCondition(surcharge.when, facts, labels) : undefined;
  const applied = condition === undefined || condition.holds;
  const step: FixedSurchargeStep = {
    step: "surcharge",
    kind: "fixed",
    id: surcharge.id,
    ...(surcharge.ref !== undefined && { ref: surcharge.ref }),
    text: "",
    label: surcharge.label,
    applied,
    ...(!applied && { reason: condition!.checks.some((c) => c.actual === null) ? ("factMissing" as const) : ("conditionFalse" as const) }),
    percent: surcharge.percent,
    ...(condition && { condition }),
    value: applied ? surcharge.percent : "0",
  };
  return { value: applied ? new D(surcharge.percent) : ZERO, step: finish(step, renderTraceStep) };
}
