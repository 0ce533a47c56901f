// docs/spec/breakeven.md section 2: one provider's result at one basistarief, from one engine
// result. Money is in euros and rounded half-up to cents exactly where the spec says; every figure
// keeps the numbers it came from, so that the trace (its Dutch sentences) is made from the figures
// themselves, never from a recomputation.
import { D, HUNDRED, ZERO, divideHalfUp, roundHalfUp, type Dec } from "../decimal";
import type { Inputs, Provider } from "../format/inputs";
import { formatEuro, formatPercent } from "../format/nl";
import type { Accounts, Assumptions } from "./format";

export type Method = "engine" | "scaled";

/** What a provider's figures are computed from, fixed before any engine run. */
export type Subject = {
  provider: string;
  method: Method;
  accounts: Accounts;
  /** The weight in the sector's turnover: the Wlz revenue in its accounts. */
  weight: Dec;
};

export type Figures = {
  method: Method;
  /** Engine: Σ tariff × volume from the engine's budget (cents). Scaled: Σ p and the number of regular lines. */
  wlzAtKader: Dec;
  percentSum: Dec | null;
  percentCount: number | null;
  wlz: Dec;
  other: Dec;
  costs: Dec;
  financing: Dec;
  result: Dec;
  passes: boolean;
};

export type Factors = { volume: Dec; cost: Dec };

export function factorsOf(assumptions: Assumptions): Factors {
  const volume = new D(assumptions.volumeChange).div(HUNDRED).plus(1); // division by 100 is exact
  return { volume, cost: new D(assumptions.costIndexation).div(HUNDRED).plus(1).times(volume) };
}

/** Engine method when the provider has a positive volume for one of its prestaties; else scaled from its accounts. */
export function methodOf(provider: Provider, inputs: Inputs): Method {
  const volumes = provider.volumes;
  if (!volumes) return "scaled";
  const own = provider.prestaties ?? inputs.tariffs.map((t) => t.code);
  return own.some((code) => Object.hasOwn(volumes, code) && new D(volumes[code]!).gt(0)) ? "engine" : "scaled";
}

/**
 * The figures of spec section 2, steps 2–7, given the Wlz revenue at the kader's tariffs (engine)
 * or the sum and count of its regular lines' percentages (scaled).
 */
export function figuresOf(subject: Subject, factors: Factors, at: { budget: Dec } | { percentSum: Dec; percentCount: number }): Figures {
  const a = subject.accounts;
  let wlzAtKader: Dec;
  let percentSum: Dec | null = null;
  let percentCount: number | null = null;
  if ("budget" in at) wlzAtKader = at.budget;
  else {
    percentSum = at.percentSum;
    percentCount = at.percentCount;
    // W_k = W_jr × (Σp / n) / p_jr, one exact division rounded half-up to cents.
    wlzAtKader = at.percentCount === 0 ? ZERO : divideHalfUp(new D(a.wlzOmzet).times(at.percentSum), new D(a.tariefpercentage).times(at.percentCount), 2);
  }
  const wlz = roundHalfUp(wlzAtKader.times(factors.volume), 2);
  const other = roundHalfUp(new D(a.totaleOmzet).minus(a.wlzOmzet).times(factors.volume), 2);
  const costs = roundHalfUp(new D(a.personeelskosten).plus(a.overigeBedrijfskosten).times(factors.cost), 2);
  const financing = new D(a.financieleBaten).minus(a.financieleLasten);
  const result = wlz.plus(other).minus(costs).plus(financing);
  return { method: subject.method, wlzAtKader, percentSum, percentCount, wlz, other, costs, financing, result, passes: result.gte(0) };
}

export type BreakevenStep = { step: "wlzOmzet" | "volume" | "overigeOmzet" | "kosten" | "financiering" | "resultaat"; text: string; value: string };

const euro = (d: Dec | string) => formatEuro(typeof d === "string" ? d : d.toFixed(2), { decimals: 2 });
const pct = (d: Dec | string) => formatPercent(typeof d === "string" ? d : d.toFixed());

/** The provider's trace: one Dutch sentence per step of spec section 2, made from the figures. */
export function traceOf(subject: Subject, f: Figures, assumptions: Assumptions, basistarief: string): BreakevenStep[] {
  const a = subject.accounts;
  const volume = pct(assumptions.volumeChange);
  const steps: BreakevenStep[] = [];
  if (f.method === "engine") {
    steps.push({
      step: "wlzOmzet",
      text: `Wlz-omzet tegen de tarieven van het kader bij basistarief ${pct(basistarief)}: som van tarief × volume over de prestaties (rekenkern) = ${euro(f.wlzAtKader)}`,
      value: f.wlzAtKader.toFixed(2),
    });
  } else {
    const n = f.percentCount ?? 0;
    steps.push({
      step: "wlzOmzet",
      text:
        n === 0
          ? `Wlz-omzet geschaald uit de jaarrekening ${a.year}: geen prestaties in het kader, dus ${euro(ZERO)}`
          : `Wlz-omzet geschaald uit de jaarrekening ${a.year} (geen volumes): ${euro(a.wlzOmzet)} × (som van de percentages ${pct(f.percentSum!)} / ${n} ${n === 1 ? "prestatie" : "prestaties"} bij basistarief ${pct(basistarief)}) / gerealiseerd percentage ${pct(a.tariefpercentage)} = ${euro(f.wlzAtKader)}`,
      value: f.wlzAtKader.toFixed(2),
    });
  }
  steps.push({ step: "volume", text: `Na volumewijziging ${volume}: ${euro(f.wlzAtKader)} × (1 + ${volume}) = ${euro(f.wlz)}`, value: f.wlz.toFixed(2) });
  steps.push({
    step: "overigeOmzet",
    text: `Overige omzet: (totale omzet ${euro(a.totaleOmzet)} − Wlz-omzet ${euro(a.wlzOmzet)}) × (1 + ${volume}) = ${euro(f.other)}`,
    value: f.other.toFixed(2),
  });
  steps.push({
    step: "kosten",
    text: `Kosten: (personeelskosten ${euro(a.personeelskosten)} + overige bedrijfskosten ${euro(a.overigeBedrijfskosten)}) × (1 + ${pct(assumptions.costIndexation)}) × (1 + ${volume}) = ${euro(f.costs)}`,
    value: f.costs.toFixed(2),
  });
  steps.push({
    step: "financiering",
    text: `Financieel resultaat: baten ${euro(a.financieleBaten)} − lasten ${euro(a.financieleLasten)} = ${euro(f.financing)}`,
    value: f.financing.toFixed(2),
  });
  steps.push({
    step: "resultaat",
    text: `Resultaat: ${euro(f.wlz)} + ${euro(f.other)} − ${euro(f.costs)} + ${euro(f.financing)} = ${euro(f.result)}: ${f.passes ? "ten minste break-even" : "negatief"}`,
    value: f.result.toFixed(2),
  });
  return steps;
}
