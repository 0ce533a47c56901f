// Spec 4, `budget` — present when any provider has `volumes`:
// Σ tariff × volume over the regular lines, per provider and in total.
// Sums are exact; each total is rounded half-up to `rounding.decimals` only
// when shown (volumes may be fractional), the grand total from the exact sums.
import { D, ZERO, roundHalfUp, type Dec } from "../decimal";
import type { Budget } from "../format/result";

export type BudgetEntry = { provider: string; total: Dec };

export function budgetOf(entries: readonly BudgetEntry[], decimals: number): Budget | undefined {
  if (entries.length === 0) return undefined;
  let total = ZERO;
  const byProvider = entries.map((e) => {
    total = total.plus(e.total);
    return { provider: e.provider, total: roundHalfUp(e.total, decimals).toFixed(decimals) };
  });
  return { total: roundHalfUp(total, decimals).toFixed(decimals), byProvider };
}

/** A regular line's part of its provider's total: tariff × volume (a missing volume counts 0). */
export function addToBudget(
  total: Dec,
  tariff: Dec,
  volumes: Readonly<Record<string, string>>,
  prestatie: string,
  decimal: (text: string) => Dec = (text) => new D(text),
): Dec {
  const volume = Object.hasOwn(volumes, prestatie) ? volumes[prestatie] : undefined;
  return volume === undefined || volume === "0" ? total : total.plus(tariff.times(decimal(volume)));
}
