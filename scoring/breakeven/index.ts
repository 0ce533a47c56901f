// The reële-tarieventoets (docs/spec/breakeven.md): does the kader's basistarief let providers
// holding at least the threshold share of the sector's Wlz turnover break even on their annual
// accounts, and from which basistarief on would they? Pure: no I/O; the engine does every tariff.
import { computeTariffs } from "../compute/lines";
import { D, HUNDRED, ZERO, canonical, type Dec } from "../decimal";
import { dedupe, prefixPath, type Issue, type Parsed } from "../format/common";
import { parseInputs, type FieldBest, type Inputs } from "../format/inputs";
import { parseKader, type Kader } from "../format/kader";
import type { Result } from "../format/result";
import { sizeIssues } from "../format/size-limits";
import type { TraceStep } from "../trace/steps";
import { OUTCOME_FORMAT } from "./outcome";
import { parseBreakevenTest, type Assumptions, type BreakevenTest, type Opslagen } from "./format";
import { factorsOf, figuresOf, methodOf, traceOf, type BreakevenStep, type Figures, type Method, type Subject } from "./provider";
import { reaches, searchBreakEven, sharePercent, type CurvePoint } from "./search";

export { breakevenJsonSchema, BREAKEVEN_FORMAT, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD_REF, DEFAULT_SEARCH_FROM, parseBreakevenTest, type BreakevenTest, type Accounts, type Assumptions, type Opslagen } from "./format";
export { searchBreakEven, sharePercent, reaches, type Evaluate, type SearchInput, type SearchOutcome, type CurvePoint } from "./search";
export type { BreakevenStep, Method } from "./provider";
export { pseudonymise } from "./pseudonymise";
export type { Figures } from "./provider";
export { outcomeSchema, OUTCOME_FORMAT, compareOutcomes, type PublishedOutcome } from "./outcome";

export type ProviderOutcome = {
  provider: string;
  year: number;
  method: Method;
  /** Weight in the sector's turnover: the Wlz revenue in its accounts. */
  weight: string;
  wlz: string;
  other: string;
  costs: string;
  financing: string;
  result: string;
  passes: boolean;
  trace: BreakevenStep[];
};

export type BreakevenOutcome = {
  format: typeof OUTCOME_FORMAT;
  kader: string;
  references: BreakevenTest["references"];
  assumptions: Assumptions;
  test: {
    basistarief: string;
    threshold: string;
    thresholdRef: string;
    weightTotal: string;
    weightPassing: string;
    /** The share in percent, truncated to 2 decimals. */
    share: string;
    passes: boolean;
    providers: ProviderOutcome[];
    withoutAccounts: string[];
  };
  breakEven: {
    percent: string | null;
    from: string;
    to: string;
    monotone: boolean;
    engineRuns: number;
    linesComputed: number;
    curve: CurvePoint[];
    own: { percent: string; share: string };
  };
};

/** The kader as the test runs it: only the opslagen counted, and every base rate shifted so that the default is `percent`. */
export function kaderForTest(kader: Kader, opslagen: Opslagen, percent?: Dec): Kader {
  const surcharges = opslagen === "none" ? [] : opslagen === "fixed" ? kader.surcharges.filter((s) => s.kind === "fixed") : kader.surcharges;
  const kept = new Set(surcharges.map((s) => s.id));
  const out: Kader = { ...kader, surcharges };
  if (kader.previousYear) out.previousYear = { ...kader.previousYear, over: kader.previousYear.over.filter((id) => kept.has(id)) };
  if (percent !== undefined) {
    const shift = percent.minus(kader.baseRate.default);
    const max = new D(kader.maxPercent);
    const at = (v: string) => canonical(D.min(D.max(new D(v).plus(shift), ZERO), max));
    const map = (rates: Record<string, string> | undefined) => (rates === undefined ? undefined : Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, at(v)])));
    out.baseRate = { default: canonical(percent) };
    const bySector = map(kader.baseRate.bySector);
    const byPrestatie = map(kader.baseRate.byPrestatie);
    if (bySector) out.baseRate.bySector = bySector;
    if (byPrestatie) out.baseRate.byPrestatie = byPrestatie;
  }
  return out;
}

/** The best points per module and target group of the whole field, so that part of the field computes alone. */
function fieldBestOf(result: Result, inputs: Inputs): FieldBest[] {
  const best = new Map<string, FieldBest>();
  const offer = (module: string, targetGroup: string | null | undefined, points: string) => {
    const key = JSON.stringify([module, targetGroup ?? null]);
    const current = best.get(key);
    if (!current || new D(points).gt(current.points)) best.set(key, { module, targetGroup: targetGroup ?? null, points });
  };
  for (const m of result.modules) offer(m.module, m.targetGroup, m.points);
  for (const f of inputs.fieldBest ?? []) offer(f.module, f.targetGroup, f.points);
  return [...best.values()];
}

/**
 * Where each provider is expected to break even, in steps. Read from its result at the kader's own
 * basistarief and, per regular line, that run's trace: how the line's percentage follows the base
 * rate (the previous-year rule, the other surcharges, the cap at maxPercent), and how much revenue a
 * percentage point is worth (V × volume / 100; for a scaled provider its share of W_jr / p_jr).
 * Rounding is left out. It only decides where the search runs the engine; in floats.
 */
function estimates(kader: Kader, inputs: Inputs, result: Result, subjects: Subject[], figures: Map<string, Figures>, volumeFactor: number): (id: string) => number {
  const nonNegotiable = new Set(kader.nonNegotiable ?? []);
  const negotiable = new Map(
    inputs.tariffs.map((t) => [t.code, Number(t.max) - Object.entries(t.components ?? {}).reduce((n, [c, v]) => (nonNegotiable.has(c) ? n + Number(v) : n), 0)]),
  );
  const volumes = new Map(inputs.providers.map((p) => [p.id, p.volumes ?? {}]));
  const bySubject = new Map(subjects.map((s) => [s.provider, s]));
  type LineModel = { b0: number; over: number; q: number | null; mode: "cap" | "floor" | null; other: number; max: number; p0: number; weight: number };
  const parsedTraces = new Map<readonly TraceStep[], ReturnType<typeof parseTrace>>();
  // Lines whose percentage follows the base rate alike are one model with their weights summed.
  const models = new Map<string, Map<string, LineModel>>();
  for (const line of result.lines) {
    const subject = line.targetGroup === null ? bySubject.get(line.provider) : undefined;
    if (!subject) continue;
    // The engine shares one frozen trace between all lines with the same tariff and percentage.
    let parsed = parsedTraces.get(line.trace);
    if (!parsed) parsedTraces.set(line.trace, (parsed = parseTrace(line.trace)));
    const { b0, over, q, mode, other, max, key } = parsed;
    const v = volumes.get(line.provider)!;
    const weight = subject.method === "scaled" ? 1 : Object.hasOwn(v, line.prestatie) ? ((negotiable.get(line.prestatie) ?? 0) * Number(v[line.prestatie])) / 100 : 0;
    let list = models.get(line.provider);
    if (!list) models.set(line.provider, (list = new Map()));
    const same = list.get(key);
    if (same) same.weight += weight;
    else list.set(key, { b0, over, q, mode, other, max, p0: Number(line.percent), weight });
  }
  const percentAt = (m: LineModel, shift: number) => {
    const b = Math.min(Math.max(m.b0 + shift, 0), m.max);
    let regular = b + m.over;
    if (m.mode !== null && m.q !== null) regular = m.mode === "cap" ? Math.min(regular, Math.max(m.q, b)) : Math.max(regular, m.q);
    return Math.min(regular + m.other, m.max);
  };
  const own = Number(kader.baseRate.default);
  return (id) => {
    const subject = bySubject.get(id)!;
    const lines = [...(models.get(id)?.values() ?? [])];
    const count = lines.reduce((n, m) => n + (subject.method === "scaled" ? m.weight : 0), 0); // scaled: weight 1 per line
    const a = subject.accounts;
    const scale = subject.method === "scaled" ? (count === 0 ? 0 : (Number(a.wlzOmzet) / count / Number(a.tariefpercentage)) * volumeFactor) : volumeFactor;
    const r0 = figures.get(id)!.result.toNumber();
    const at = (percent: number) => r0 + scale * lines.reduce((n, m) => n + m.weight * (percentAt(m, percent - own) - m.p0), 0);
    // The estimate never falls as the percent rises (like the engine's results), so halving finds its zero.
    let lo = r0 >= 0 ? 0 : own; // below the search range is fine: the search clamps the estimate
    let hi = r0 >= 0 ? own : Number(kader.maxPercent);
    if (r0 < 0 && at(hi) < 0) return Infinity;
    if (r0 >= 0 && at(lo) >= 0) return -Infinity;
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2;
      if (at(mid) >= 0) hi = mid;
      else lo = mid;
    }
    return hi * 100;
  };
}

/** How a line's percentage follows the base rate, read from its trace. */
function parseTrace(trace: readonly TraceStep[]) {
  let b0 = 0;
  let over = 0;
  let q: number | null = null;
  let mode: "cap" | "floor" | null = null;
  let regular = NaN;
  let sum = 0;
  let max = 100;
  for (const step of trace) {
    if (step.step === "baseRate") b0 = Number(step.value);
    else if (step.step === "previousYear") {
      mode = step.mode;
      over = Number(step.regular) - Number(step.baseRate);
      q = step.previousYearPercent === null ? null : Number(step.previousYearPercent);
      regular = Number(step.value);
    } else if (step.step === "cap") {
      sum = Number(step.sum);
      max = Number(step.maxPercent);
    }
  }
  const other = sum - (Number.isNaN(regular) ? b0 : regular);
  return { b0, over, q, mode, other, max, key: `${b0} ${over} ${q} ${mode} ${other} ${max}` };
}

type Field = {
  subjects: Subject[];
  withoutAccounts: string[];
  weightTotal: Dec;
  /** One engine run at a kader for some providers (all: the whole field), and their figures from its budget or its lines. */
  run: (k: Kader, ids: readonly string[] | null) => { result: Result; figures: Map<string, Figures> };
  counts: { engineRuns: number; linesComputed: number };
};

/** The providers the test covers, and how to run the engine for some of them. */
function fieldOf(inputs: Inputs, test: BreakevenTest): Field {
  const factors = factorsOf(test.assumptions);
  const accounts = new Map(test.accounts.map((a) => [a.provider, a]));
  const subjects: Subject[] = [];
  const withoutAccounts: string[] = [];
  for (const p of [...inputs.providers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const a = accounts.get(p.id);
    if (a) subjects.push({ provider: p.id, method: methodOf(p, inputs), accounts: a, weight: new D(a.wlzOmzet) });
    else withoutAccounts.push(p.id);
  }
  const providers = new Map(inputs.providers.map((p) => [p.id, p]));
  const bySubject = new Map(subjects.map((s) => [s.provider, s]));
  const percentDecimals = new Map<string, Dec>();
  const counts = { engineRuns: 0, linesComputed: 0 };
  let fieldBest: FieldBest[] | undefined;

  const run = (k: Kader, asked: readonly string[] | null): { result: Result; figures: Map<string, Figures> } => {
    // Part of the field computes with the whole field's best points, so that relative modules see the whole field.
    const sub: Inputs = asked === null ? inputs : { ...inputs, providers: asked.map((id) => providers.get(id)!), fieldBest: (fieldBest ??= fieldBestOf(computeTariffs(k, inputs), inputs)) };
    const ids = asked ?? subjects.map((s) => s.provider);
    const result = computeTariffs(k, sub);
    counts.engineRuns++;
    counts.linesComputed += result.lines.length;
    if (asked === null) fieldBest ??= fieldBestOf(result, inputs);
    const budgets = new Map((result.budget?.byProvider ?? []).map((b) => [b.provider, b.total]));
    const scaled = new Map<string, { sum: Dec; count: number }>();
    for (const id of ids) if (bySubject.get(id)!.method === "scaled") scaled.set(id, { sum: ZERO, count: 0 });
    if (scaled.size > 0) {
      for (const line of result.lines) {
        const s = line.targetGroup === null ? scaled.get(line.provider) : undefined;
        if (!s) continue;
        let p = percentDecimals.get(line.percent);
        if (!p) percentDecimals.set(line.percent, (p = new D(line.percent)));
        s.sum = s.sum.plus(p);
        s.count++;
      }
    }
    const figures = new Map<string, Figures>();
    for (const id of ids) {
      const subject = bySubject.get(id)!;
      const s = scaled.get(id);
      figures.set(id, figuresOf(subject, factors, s ? { percentSum: s.sum, percentCount: s.count } : { budget: new D(budgets.get(id) ?? "0") }));
    }
    return { result, figures };
  };
  return { subjects, withoutAccounts, weightTotal: subjects.reduce((t, s) => t.plus(s.weight), ZERO), run, counts };
}

/**
 * The test alone at one basistarief (every base rate shifted as in the search), with one full engine
 * run: each provider's result and the share. What the search's answer must agree with at every step.
 */
export function testAt(kader: Kader, inputs: Inputs, test: BreakevenTest, percent: Dec): { results: Map<string, Figures>; share: string; passes: boolean } {
  const field = fieldOf(inputs, test);
  const { figures } = field.run(kaderForTest(kader, test.assumptions.opslagen, percent), null);
  const passing = field.subjects.reduce((t, s) => (figures.get(s.provider)!.passes ? t.plus(s.weight) : t), ZERO);
  return { results: figures, share: sharePercent(passing, field.weightTotal), passes: reaches(passing, field.weightTotal, new D(test.assumptions.threshold)) };
}

/** Run the test and the search on a checked kader, inputs and test file. */
export function breakeven(kader: Kader, inputs: Inputs, test: BreakevenTest): Parsed<BreakevenOutcome> {
  const assumptions = test.assumptions;
  const factors = factorsOf(assumptions);
  const field = fieldOf(inputs, test);
  const { subjects, withoutAccounts, weightTotal, run } = field;
  if (weightTotal.isZero()) {
    return { ok: false, issues: [{ path: "test.accounts", message: "no provider in the inputs has accounts with a Wlz revenue above 0: there is no turnover to share" }] };
  }

  // The test at the kader's own basistarief: all providers (so that relative modules see the whole field).
  const ownPercent = new D(kader.baseRate.default);
  const own = run(kaderForTest(kader, assumptions.opslagen), null);
  const weightPassing = subjects.reduce((t, s) => (own.figures.get(s.provider)!.passes ? t.plus(s.weight) : t), ZERO);
  const threshold = new D(assumptions.threshold);

  const estimate = estimates(kader, inputs, own.result, subjects, own.figures, factors.volume.toNumber());
  const from = new D(assumptions.searchFrom).times(HUNDRED).toNumber();
  const to = new D(kader.maxPercent).times(HUNDRED).floor().toNumber();
  const search = searchBreakEven({
    // A provider with weight 0 cannot move the share: the search leaves it out.
    providers: subjects.filter((s) => !s.weight.isZero()).map((s) => ({ id: s.provider, weight: s.weight })),
    from,
    to,
    threshold,
    estimate,
    known: { percent: ownPercent, results: new Map([...own.figures].map(([id, f]) => [id, f.result])) },
    evaluate: (percent, asked) => {
      const { figures } = run(kaderForTest(kader, assumptions.opslagen, percent), asked);
      return new Map([...figures].map(([id, f]) => [id, f.result]));
    },
  });

  const basistarief = canonical(ownPercent);
  const share = sharePercent(weightPassing, weightTotal);
  return {
    ok: true,
    value: {
      format: OUTCOME_FORMAT,
      kader: kader.id,
      references: test.references,
      assumptions,
      test: {
        basistarief,
        threshold: assumptions.threshold,
        thresholdRef: assumptions.thresholdRef,
        weightTotal: weightTotal.toFixed(2),
        weightPassing: weightPassing.toFixed(2),
        share,
        passes: reaches(weightPassing, weightTotal, threshold),
        providers: subjects.map((s) => {
          const f = own.figures.get(s.provider)!;
          return {
            provider: s.provider,
            year: s.accounts.year,
            method: s.method,
            weight: s.weight.toFixed(2),
            wlz: f.wlz.toFixed(2),
            other: f.other.toFixed(2),
            costs: f.costs.toFixed(2),
            financing: f.financing.toFixed(2),
            result: f.result.toFixed(2),
            passes: f.passes,
            trace: traceOf(s, f, assumptions, basistarief),
          };
        }),
        withoutAccounts,
      },
      breakEven: {
        percent: search.breakEven,
        from: (from / 100).toFixed(2),
        to: (to / 100).toFixed(2),
        monotone: search.monotone,
        engineRuns: field.counts.engineRuns,
        linesComputed: field.counts.linesComputed,
        curve: search.curve,
        own: { percent: basistarief, share },
      },
    },
  };
}

/**
 * Parse and check the kader, the inputs and the test file, then run the test and the search.
 * Every problem of the three documents at once, paths prefixed `kader.`, `inputs.` and `test.`.
 */
export function scoreBreakeven(kaderData: unknown, inputsData: unknown, testData: unknown): Parsed<BreakevenOutcome> {
  const kader = parseKader(kaderData);
  const inputs = parseInputs(inputsData, kader.ok ? kader.value : undefined);
  const test = parseBreakevenTest(testData, kader.ok ? kader.value : undefined, inputs.ok ? inputs.value : undefined);
  const issues: Issue[] = [
    ...(kader.ok ? [] : kader.issues.map((i) => ({ path: prefixPath("kader", i.path), message: i.message }))),
    ...(inputs.ok ? [] : inputs.issues.map((i) => ({ path: prefixPath("inputs", i.path), message: i.message }))),
    ...(test.ok ? [] : test.issues.map((i) => ({ path: prefixPath("test", i.path), message: i.message }))),
  ];
  if (!kader.ok || !inputs.ok || !test.ok) return { ok: false, issues: dedupe(issues) };
  const tooLarge = sizeIssues(kader.value, inputs.value);
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge };
  return breakeven(kader.value, inputs.value, test.value);
}

export function stringifyOutcome(outcome: BreakevenOutcome): string {
  return JSON.stringify(outcome, null, 2) + "\n";
}
