// The steps of a line's trace: one per rule of spec section 3 that shaped the
// line, in the order the rules apply. Every number is a decimal string; `text`
// is the Dutch sentence that `renderTraceStep` makes from the step's own
// fields (never from a recomputation). Steps that are the same for many lines
// (a tariff's maximum, a provider's surcharge outcome) are shared between
// lines and frozen: never mutate a step.
import type { Operator, Scalar } from "../format/kader";

/** 3.1: the NZa maximum tariff `M` of the prestatie. */
export type MaximumStep = {
  step: "maximum";
  text: string;
  prestatie: string;
  sector: string;
  label?: string;
  unit?: string;
  value: string;
};

/** 3.1: `N`, the sum of the non-negotiable components (missing ones count 0, `amount: null`), and `V = M − N`. */
export type NonNegotiableStep = {
  step: "nonNegotiable";
  text: string;
  components: { code: string; amount: string | null }[];
  negotiable: string;
  value: string;
};

/** 3.2: the base rate `b`, from the prestatie, else the sector, else the default. */
export type BaseRateStep = {
  step: "baseRate";
  text: string;
  source: "prestatie" | "sector" | "default";
  key: string | null;
  value: string;
};

/** One comparison of a `when` condition as evaluated for the provider; `actual: null` means the fact is missing. */
export type ConditionCheck = {
  fact: string;
  /** The fact's label when the kader declares its facts (spec 1); renderings use it instead of the id. */
  label?: string;
  op: Operator;
  expected: Scalar | Scalar[];
  actual: Scalar | null;
  holds: boolean;
};

/** 3.3: a fixed surcharge, applied (its percent) or refused with the reason. */
export type FixedSurchargeStep = {
  step: "surcharge";
  kind: "fixed";
  id: string;
  ref?: string;
  text: string;
  label: string;
  applied: boolean;
  reason?: "notApplicable" | "conditionFalse" | "factMissing";
  percent: string;
  condition?: { holds: boolean; checks: ConditionCheck[] };
  value: string;
};

/** How a points module's input was mapped to a percent. */
export type MappingOutcome =
  | { type: "bands"; from: string | null; firstFrom: string }
  | { type: "linear"; position: "below" | "between" | "above"; from: string; to: string; fromPercent: string; toPercent: string };

/** A criterion below its `minScore` (knock-out). */
export type FailedCriterion = { criterion: string; label: string; score: string; minScore: string };

/** 3.3: a points module (or refusal), with raw points, the mapping input, knock-outs and the mapped percent. */
export type PointsSurchargeStep = {
  step: "surcharge";
  kind: "points";
  id: string;
  ref?: string;
  text: string;
  label: string;
  targetGroup: string | null;
  applied: boolean;
  reason?: "notApplicable" | "noAssessment" | "otherTargetGroup" | "minScore" | "threshold";
  points?: string;
  basis?: "absolute" | "relative";
  best?: string;
  input?: string;
  threshold?: string;
  failed?: FailedCriterion[];
  mapping?: MappingOutcome;
  value: string;
};

export type SurchargeStep = FixedSurchargeStep | PointsSurchargeStep;

/** 3.4: the previous-year rule on `regular = b + Σ over`; `previousYearPercent: null` when the provider has no `q`. */
export type PreviousYearStep = {
  step: "previousYear";
  text: string;
  mode: "cap" | "floor";
  baseRate: string;
  over: { id: string; label: string; value: string }[];
  regular: string;
  previousYearPercent: string | null;
  value: string;
};

/** 3.5: `p = min(regular' + other surcharges, maxPercent)`. */
export type CapStep = {
  step: "cap";
  text: string;
  sum: string;
  maxPercent: string;
  capped: boolean;
  value: string;
};

/** 3.6: `tariff = N + V × p / 100`, rounded once, here. `value` has exactly `decimals` decimals. */
export type RoundingStep = {
  step: "rounding";
  text: string;
  nonNegotiable: string;
  negotiable: string;
  percent: string;
  exact: string;
  decimals: number;
  mode: "half-up";
  value: string;
};

export type TraceStep =
  | MaximumStep
  | NonNegotiableStep
  | BaseRateStep
  | SurchargeStep
  | PreviousYearStep
  | CapStep
  | RoundingStep;

export type StepName = TraceStep["step"];
export const STEP_NAMES: readonly StepName[] = ["maximum", "nonNegotiable", "baseRate", "surcharge", "previousYear", "cap", "rounding"];

/** Give a freshly built step its Dutch text and freeze it (steps may be shared between lines). */
export function finish<T extends TraceStep>(step: T, render: (s: TraceStep) => string): T {
  step.text = render(step);
  return deepFreeze(step);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
