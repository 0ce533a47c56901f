// Spec 3.4 — the previous-year rule (`previousYear`), when the provider has a
// `previousYearPercent` q:
//   regular = b + Σ the surcharges listed in `over`;
//   cap:   regular' = min(regular, max(q, b));
//   floor: regular' = max(regular, q).
// The other surcharges are added after this. Without q: regular' = regular.
import { D, canonical, type Dec } from "../decimal";
import type { Kader } from "../format/kader";
import { renderTraceStep } from "../trace/render";
import { finish, type PreviousYearStep } from "../trace/steps";

export type PreviousYearRule = NonNullable<Kader["previousYear"]>;

export function previousYearRule(
  rule: PreviousYearRule,
  baseRate: Dec,
  over: { id: string; label: string; value: Dec }[],
  previousYearPercent: Dec | undefined,
): { value: Dec; step: PreviousYearStep } {
  let regular = baseRate;
  for (const o of over) regular = regular.plus(o.value);
  let value = regular;
  if (previousYearPercent !== undefined) {
    const q = previousYearPercent;
    value = rule.mode === "cap" ? D.min(regular, D.max(q, baseRate)) : D.max(regular, q);
  }
  const step: PreviousYearStep = {
    step: "previousYear",
    text: "",
    mode: rule.mode,
    baseRate: canonical(baseRate),
    over: over.map((o) => ({ id: o.id, label: o.label, value: canonical(o.value) })),
    regular: canonical(regular),
    previousYearPercent: previousYearPercent === undefined ? null : canonical(previousYearPercent),
    value: canonical(value),
  };
  return { value, step: finish(step, renderTraceStep) };
}
