// docs/spec/breakeven.md section 3: the break-even basistarief, the lowest step of 0.01 % at which
// the test passes, and the curve of the turnover share against the basistarief.
//
// Steps are whole numbers of hundredths of a percent (9431 = 94.31 %). Each provider's result never
// falls when the basistarief rises (spec 3.1), so each provider passes from its own lowest step b*
// on, and the share at step k is the weight of the providers with b* ≤ k. The search finds every
// b* exactly: two engine runs give each provider a failing and a passing point, a secant between
// them a candidate c, and runs at c and c − 1 (for all providers with that candidate at once) confirm
// it; a candidate that misses narrows the interval, and after SECANT_ROUNDS misses the interval is
// halved instead, so the search always ends. Should any provider's results ever contradict the
// monotonicity (a pass at one step and a fail at a higher one), the search gives up on b* and scans
// every step from the lower bound up with full runs: slow, but it returns the lowest passing step.
import { D, HUNDRED, type Dec } from "../decimal";
import { SECANT_ROUNDS } from "../format/breakeven-limits";

/** Each provider's result at a basistarief (percent), for the providers asked. */
export type Evaluate = (percent: Dec, providers: readonly string[]) => Map<string, Dec>;

export type SearchInput = {
  providers: readonly { id: string; weight: Dec }[];
  /** The lower and upper bound, in hundredths of a percent. */
  from: number;
  to: number;
  threshold: Dec;
  evaluate: Evaluate;
  /** Results already known (the test at the kader's own basistarief), at a percent that need not be a step. */
  known?: { percent: Dec; results: Map<string, Dec> };
};

export type CurvePoint = { percent: string; share: string; passes: boolean };

export type SearchOutcome = {
  /** The lowest passing step as a percent ("95.31"), or null when even the upper bound fails. */
  breakEven: string | null;
  /** Per provider: the lowest step at which it passes, null when it does not pass at the upper bound. */
  own: Map<string, string | null>;
  curve: CurvePoint[];
  monotone: boolean;
};

type State = { id: string; weight: Dec; lo: number; hi: number; fail?: [number, number]; pass?: [number, number]; misses: number };

export const stepPercent = (k: number): string => (k / 100).toFixed(2);
const percentOf = (k: number): Dec => new D(k).div(HUNDRED);

/** The share in percent, truncated (never rounded up) to 2 decimals: a shown 75,00 % has really reached 75 %. */
export function sharePercent(passing: Dec, total: Dec): string {
  return total.isZero() ? "0.00" : passing.times(HUNDRED).div(total).toDecimalPlaces(2, D.ROUND_DOWN).toFixed(2);
}

/** Does the share reach the threshold? Exactly: 100 × passing ≥ threshold × total, no division. */
export function reaches(passing: Dec, total: Dec, threshold: Dec): boolean {
  return !total.isZero() && passing.times(HUNDRED).gte(threshold.times(total));
}

class NotMonotone extends Error {}

export function searchBreakEven(input: SearchInput): SearchOutcome {
  const { from, to } = input;
  const states = input.providers.map<State>((p) => ({ id: p.id, weight: p.weight, lo: from - 1, hi: to + 1, misses: 0 }));
  const byId = new Map(states.map((s) => [s.id, s]));

  // One observation: a fail at k means every step ≤ k fails, a pass every step ≥ k passes (k may lie between steps).
  const observe = (s: State, k: Dec, r: Dec) => {
    const x = k.toNumber();
    if (r.gte(0)) {
      const step = Math.max(k.ceil().toNumber(), from);
      if (step <= s.lo) throw new NotMonotone();
      if (step < s.hi) s.hi = step;
      if (!s.pass || x < s.pass[0]) s.pass = [x, r.toNumber()];
    } else {
      const step = Math.min(k.floor().toNumber(), to);
      if (step >= s.hi) throw new NotMonotone();
      if (step > s.lo) s.lo = step;
      if (!s.fail || x > s.fail[0]) s.fail = [x, r.toNumber()];
    }
  };
  const run = (queries: Map<number, string[]>) => {
    for (const [k, ids] of [...queries].sort((a, b) => a[0] - b[0])) {
      const results = input.evaluate(percentOf(k), ids);
      for (const id of ids) observe(byId.get(id)!, new D(k), results.get(id)!);
    }
  };
  const open = () => states.filter((s) => s.hi - s.lo > 1);

  try {
    if (input.known) for (const s of states) observe(s, input.known.percent.times(HUNDRED), input.known.results.get(s.id)!);
    // A second point for everyone: the upper bound for those failing (or unknown), the lower bound for those passing.
    const second = new Map<number, string[]>();
    for (const s of open()) {
      const k = s.pass ? from : to;
      second.set(k, [...(second.get(k) ?? []), s.id]);
    }
    run(second);
    for (let pending = open(); pending.length > 0; pending = open()) {
      const queries = new Map<number, string[]>();
      const ask = (k: number, id: string) => queries.set(k, [...(queries.get(k) ?? []), id]);
      for (const s of pending) {
        if (s.misses < SECANT_ROUNDS && s.fail && s.pass && s.pass[1] > s.fail[1]) {
          const [kf, rf] = s.fail;
          const [kp, rp] = s.pass;
          const root = kf + ((0 - rf) * (kp - kf)) / (rp - rf);
          const c = Math.min(Math.max(Math.ceil(root), s.lo + 1), s.hi);
          if (c < s.hi) ask(c, s.id);
          if (c - 1 > s.lo) ask(c - 1, s.id);
          s.misses++;
        } else {
          ask(Math.floor((s.lo + s.hi) / 2), s.id);
        }
      }
      run(queries);
    }
  } catch (error) {
    if (!(error instanceof NotMonotone)) throw error;
    return scan(input);
  }

  // The share curve: the weight of providers with b* ≤ k, at the lower bound and at every b* above it.
  const total = states.reduce((t, s) => t.plus(s.weight), new D(0));
  const own = new Map(states.map((s) => [s.id, s.hi > to ? null : stepPercent(s.hi)]));
  const steps = [...new Set(states.map((s) => s.hi).filter((k) => k <= to).concat(from))].sort((a, b) => a - b);
  const sorted = [...states].sort((a, b) => a.hi - b.hi);
  let passing = new D(0);
  let i = 0;
  let breakEven: string | null = null;
  const curve: CurvePoint[] = [];
  for (const k of steps) {
    while (i < sorted.length && sorted[i]!.hi <= k) passing = passing.plus(sorted[i++]!.weight);
    const passes = reaches(passing, total, input.threshold);
    if (passes && breakEven === null) breakEven = stepPercent(k);
    curve.push({ percent: stepPercent(k), share: sharePercent(passing, total), passes });
  }
  if (steps[steps.length - 1] !== to) {
    curve.push({ percent: stepPercent(to), share: sharePercent(passing, total), passes: reaches(passing, total, input.threshold) });
  }
  return { breakEven, own, curve, monotone: true };
}

/** The fallback: every step from the lower bound up with all providers, until the first that passes. */
function scan(input: SearchInput): SearchOutcome {
  const ids = input.providers.map((p) => p.id);
  const total = input.providers.reduce((t, p) => t.plus(p.weight), new D(0));
  const curve: CurvePoint[] = [];
  for (let k = input.from; k <= input.to; k++) {
    const results = input.evaluate(percentOf(k), ids);
    const passing = input.providers.reduce((t, p) => (results.get(p.id)!.gte(0) ? t.plus(p.weight) : t), new D(0));
    const passes = reaches(passing, total, input.threshold);
    curve.push({ percent: stepPercent(k), share: sharePercent(passing, total), passes });
    if (passes) return { breakEven: stepPercent(k), own: new Map(), curve, monotone: false };
  }
  return { breakEven: null, own: new Map(), curve, monotone: false };
}
