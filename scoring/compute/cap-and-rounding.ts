// Spec 3.5 and 3.6 — the cap and the single rounding:
//   p = min(regular' + other surcharges, maxPercent);
//   tariff = N + V × p / 100, rounded once, at the end, to `rounding.decimals`
//   (half-up: away from zero at exactly half).
import { canonical, roundHalfUp, type Dec } from "../decimal";
import { renderTraceStep } from "../trace/render";
import { finish, type CapStep, type RoundingStep } from "../trace/steps";
import type { TariffParts } from "./maximum";

export function capAtMaxPercent(sum: Dec, maxPercent: Dec): { value: Dec; step: CapStep } {
  const capped = sum.gt(maxPercent);
  const value = capped ? maxPercent : sum;
  const step: CapStep = { step: "cap", text: "", sum: canonical(sum), maxPercent: canonical(maxPercent), capped, value: canonical(value) };
  return { value, step: finish(step, renderTraceStep) };
}

export type RoundedTariff = { tariff: Dec; text: string; step: RoundingStep };

/** The unit tariff for a percentage; `N + (V × 0.01) × p` is exact, so rounding happens only here. */
export function roundTariff(parts: TariffParts, percent: Dec, decimals: number, percentText = canonical(percent)): RoundedTariff {
  const exact = parts.nonNegotiable.plus(parts.negotiablePerPercent.times(percent));
  const tariff = roundHalfUp(exact, decimals);
  const text = tariff.toFixed(decimals);
  const step: RoundingStep = {
    step: "rounding",
    text: "",
    nonNegotiable: parts.nonNegotiableText,
    negotiable: parts.negotiableText,
    percent: percentText,
    exact: canonical(exact),
    decimals,
    mode: "half-up",
    value: text,
  };
  step.text = renderTraceStep(step);
  step.text.charCodeAt(0); // flattens the concatenated text: a line keeps one string, not a tree of pieces
  return { tariff, text, step: Object.freeze(step) }; // flat: a shallow freeze suffices
}

/** Same tariff for the same percentage: lines share the computation and its (frozen) step. */
export function tariffRounder(parts: TariffParts, decimals: number): (percent: Dec, percentText: string) => RoundedTariff {
  const cache = new Map<string, RoundedTariff>();
  return (percent, percentText) => {
    let found = cache.get(percentText);
    if (!found) {
      found = roundTariff(parts, percent, decimals, percentText);
      cache.set(percentText, found);
    }
    return found;
  };
}

