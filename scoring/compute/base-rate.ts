// Spec 3.2 — the base rate `b` (basistarief): the prestatie's rate, else the
// sector's, else the default.
import { D, type Dec } from "../decimal";
import type { Kader } from "../format/kader";
import type { Tariff } from "../format/inputs";
import { renderTraceStep } from "../trace/render";
import { finish, type BaseRateStep } from "../trace/steps";

export type BaseRate = { value: Dec; step: BaseRateStep };

/** Builds the base-rate lookup once per computation; equal outcomes share one step. */
export function baseRates(kader: Kader): (tariff: Tariff) => BaseRate {
  const cache = new Map<string, BaseRate>();
  const make = (source: BaseRateStep["source"], key: string | null, value: string): BaseRate => {
    const cacheKey = JSON.stringify([source, key ?? null]);
    let found = cache.get(cacheKey);
    if (!found) {
      found = { value: new D(value), step: finish<BaseRateStep>({ step: "baseRate", text: "", source, key, value }, renderTraceStep) };
      cache.set(cacheKey, found);
    }
    return found;
  };
  const { byPrestatie, bySector } = kader.baseRate;
  return (tariff) => {
    const own = byPrestatie !== undefined && Object.hasOwn(byPrestatie, tariff.code) ? byPrestatie[tariff.code] : undefined;
    if (own !== undefined) return make("prestatie", tariff.code, own);
    const sector = bySector !== undefined && Object.hasOwn(bySector, tariff.sector) ? bySector[tariff.sector] : undefined;
    if (sector !== undefined) return make("sector", tariff.sector, sector);
    return make("default", null, kader.baseRate.default);
  };
}
