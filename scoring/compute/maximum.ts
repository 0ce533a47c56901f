// Spec 3.1 — the maximum and the non-negotiable part:
// `M` = the NZa maximum; `N` = the sum of the kader's `nonNegotiable`
// components (missing ones count 0); `V = M − N`, the negotiable part.
import { D, ONE_HUNDREDTH, canonical, type Dec } from "../decimal";
import type { Kader } from "../format/kader";
import type { Tariff } from "../format/inputs";
import { renderTraceStep } from "../trace/render";
import { finish, type MaximumStep, type NonNegotiableStep } from "../trace/steps";

export type TariffParts = {
  max: Dec;
  nonNegotiable: Dec;
  negotiable: Dec;
  /** `V / 100` (exact), so that a line's tariff is `N + V/100 × p`. */
  negotiablePerPercent: Dec;
  /** `N` and `V` as canonical decimal strings (made once, for every line's rounding step). */
  nonNegotiableText: string;
  negotiableText: string;
  maximumStep: MaximumStep;
  nonNegotiableStep: NonNegotiableStep;
};

export function tariffParts(kader: Kader, tariff: Tariff): TariffParts {
  const max = new D(tariff.max);
  let nonNegotiable = new D(0);
  const components = kader.nonNegotiable.map((code) => {
    // Own properties only: a component code like `constructor` must not find Object's.
    const amount = tariff.components !== undefined && Object.hasOwn(tariff.components, code) ? tariff.components[code] : undefined;
    if (amount !== undefined) nonNegotiable = nonNegotiable.plus(amount);
    return { code, amount: amount ?? null };
  });
  const negotiable = max.minus(nonNegotiable);

  const maximumStep: MaximumStep = { step: "maximum", text: "", prestatie: tariff.code, sector: tariff.sector, value: canonical(max) };
  if (tariff.label !== undefined) maximumStep.label = tariff.label;
  if (tariff.unit !== undefined) maximumStep.unit = tariff.unit;
  const nonNegotiableStep: NonNegotiableStep = {
    step: "nonNegotiable",
    text: "",
    components,
    negotiable: canonical(negotiable),
    value: canonical(nonNegotiable),
  };
  return {
    max,
    nonNegotiable,
    negotiable,
    negotiablePerPercent: negotiable.times(ONE_HUNDREDTH),
    nonNegotiableText: nonNegotiableStep.value,
    negotiableText: nonNegotiableStep.negotiable,
    maximumStep: finish(maximumStep, renderTraceStep),
    nonNegotiableStep: finish(nonNegotiableStep, renderTraceStep),
  };
}
