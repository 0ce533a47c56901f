// docs/spec/breakeven.md section 3: the break-even basistarief, the lowest step of 0.01 % at which
// the test passes, and the curve of the turnover share against the basistarief.
//
// Steps are whole numbers of hundredths of a percent (9431 = 94.31 %). A provider's result never
// falls when the basistarief rises (spec 3.1), so a provider that passes at a step passes at every
// higher one and one that fails fails at every lower one; each engine run thus tells, per provider,
// on which side of its own break-even the run lay. The search keeps per provider the highest step
// known to fail and the lowest known to pass, and
//  A. brackets every provider between two neighbouring points of the chart grid: from an estimate
//     of where it breaks even, it is run at the grid points just below and just above (all
//     providers asked at one grid point in one engine run); a wrong estimate is corrected by a
//     secant through its observed results, and then by walking the grid;
//  B. now the share at every grid point is known exactly; between the last failing and the first
//     passing grid point it halves the interval, each time running only the providers whose side
//     is not yet known, until the two neighbouring steps B − 0.01 (fails) and B (passes) are known.
// Every step of the answer is confirmed by engine runs; the estimates only decide where to run.
// Should results ever contradict the monotonicity (a pass at one step and a fail at a higher one),
// the search abandons the brackets and scans every step from the lower bound up with all
// providers: slow, but it returns the lowest passing step.
import { D, HUNDRED, type Dec } from "../decimal";
import { MAX_CHART_POINTS } from "../format/breakeven-limits";

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
  /** Where each provider is expected to break even (a step, fractional allowed); only decides where to run. */
  estimate?: (id: string) => number;
};

export type CurvePoint = { percent: string; share: string; passes: boolean };

export type SearchOutcome = {
  /** The lowest passing step as a percent ("95.31"), or null when even the upper bound fails. */
  breakEven: string | null;
  /** The share at the grid points and at the answer's two steps, each exact. */
  curve: CurvePoint[];
  monotone: boolean;
};

type Observation = [step: number, result: number];
type State = { id: string; weight: Dec; lo: number; hi: number; fail?: Observation; pass?: Observation; seen: Observation[]; guess: number; walk: number };

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

/** The chart grid: the bounds and every multiple of its spacing (0.25 %, wider for a wide range) between; at most MAX_CHART_POINTS points. */
export function chartGrid(from: number, to: number): number[] {
  const spacing = Math.max(25, Math.ceil((to - from) / (MAX_CHART_POINTS - 2) / 25) * 25); // 0.25 % or a multiple
  const grid = [from];
  for (let g = Math.floor(from / spacing) * spacing + spacing; g < to; g += spacing) grid.push(g);
  if (to > from) grid.push(to);
  return grid;
}

class NotMonotone extends Error {}

export function searchBreakEven(input: SearchInput): SearchOutcome {
  const { from, to } = input;
  const states = input.providers.map<State>((p) => ({ id: p.id, weight: p.weight, lo: from - 1, hi: to + 1, seen: [], guess: input.estimate?.(p.id) ?? (from + to) / 2, walk: 1 }));
  const byId = new Map(states.map((s) => [s.id, s]));
  const total = states.reduce((t, s) => t.plus(s.weight), new D(0));

  // One observation at k (a step, or the kader's own percent between steps): a fail means every
  // step ≤ k fails, a pass that every step ≥ k passes.
  const observe = (s: State, k: Dec, r: Dec) => {
    const x = k.toNumber();
    s.seen.push([x, r.toNumber()]);
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
  const ask = (queries: Map<number, string[]>, k: number, id: string) => {
    const list = queries.get(k);
    if (list) list.push(id);
    else queries.set(k, [id]);
  };

  const grid = chartGrid(from, to);
  /** The first grid index above lo; the provider is bracketed when no grid point lies strictly between lo and hi. */
  const firstAbove = (lo: number) => {
    let a = 0;
    let b = grid.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (grid[m]! <= lo) a = m + 1;
      else b = m;
    }
    return a;
  };
  const bracketed = (s: State) => {
    const i = firstAbove(s.lo);
    return i >= grid.length || grid[i]! >= s.hi;
  };

  try {
    if (input.known) for (const s of states) observe(s, input.known.percent.times(HUNDRED), input.known.results.get(s.id)!);

    // A. Bracket every provider between neighbouring grid points.
    for (let pending = states.filter((s) => !bracketed(s)); pending.length > 0; pending = pending.filter((s) => !bracketed(s))) {
      const queries = new Map<number, string[]>();
      for (const s of pending) {
        // A secant through a fail and a pass, once both are seen, is better than the first estimate.
        s.guess = nextGuess(s);
        const c = Math.min(Math.max(Math.ceil(s.guess), s.lo + 1), s.hi);
        const i = firstAbove(s.lo);
        // The grid points inside (lo, hi) just below c (expected to fail) and at or above c (expected to pass).
        let below: number | undefined;
        let above: number | undefined;
        for (let j = i; j < grid.length && grid[j]! < s.hi; j++) {
          if (grid[j]! < c) below = grid[j];
          else {
            above = grid[j];
            break;
          }
        }
        if (below !== undefined) ask(queries, below, s.id);
        if (above !== undefined) ask(queries, above, s.id);
      }
      run(queries);
    }

    // B. The share at each grid point is now exact; halve the interval where it first reaches the threshold.
    const passingAt = (k: number) => states.reduce((t, s) => (s.hi <= k ? t.plus(s.weight) : t), new D(0));
    const curve = new Map<number, CurvePoint>();
    const point = (k: number) => {
      const passing = passingAt(k);
      const p = { percent: stepPercent(k), share: sharePercent(passing, total), passes: reaches(passing, total, input.threshold) };
      curve.set(k, p);
      return p;
    };
    let breakEven: string | null = null;
    const first = grid.findIndex((g) => point(g).passes);
    if (first >= 0) grid.slice(first + 1).forEach(point);
    if (first === 0) breakEven = stepPercent(grid[0]!);
    else if (first > 0) {
      let lo = grid[first - 1]!; // fails
      let hi = grid[first]!; // passes
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        const open = states.filter((s) => s.lo < mid && mid < s.hi).map((s) => s.id);
        if (open.length > 0) run(new Map([[mid, open]]));
        if (reaches(passingAt(mid), total, input.threshold)) hi = mid;
        else lo = mid;
      }
      point(lo);
      point(hi);
      breakEven = stepPercent(hi);
    }
    return { breakEven, curve: [...curve].sort((a, b) => a[0] - b[0]).map(([, p]) => p), monotone: true };
  } catch (error) {
    if (!(error instanceof NotMonotone)) throw error;
    return scan(input);
  }
}

/**
 * Where to look next: the secant through the closest fail and pass once both are seen; with results on
 * one side only, the secant through the two closest of them (extrapolated), else the first estimate
 * while it is not contradicted, else a walk away from the known side, doubling each time.
 */
function nextGuess(s: State): number {
  if (!s.fail && !s.pass) return s.guess;
  if (s.fail && s.pass) return s.pass[1] > s.fail[1] ? s.fail[0] + ((0 - s.fail[1]) * (s.pass[0] - s.fail[0])) / (s.pass[1] - s.fail[1]) : (s.fail[0] + s.pass[0]) / 2;
  const side = s.fail ? s.seen.filter((o) => o[1] < 0).sort((a, b) => b[0] - a[0]) : s.seen.filter((o) => o[1] >= 0).sort((a, b) => a[0] - b[0]);
  const [near, far] = side;
  if (near && far && near[0] !== far[0]) {
    const slope = (near[1] - far[1]) / (near[0] - far[0]);
    if (slope > 0) return near[0] - near[1] / slope;
  }
  if (s.fail && s.guess > s.fail[0]) return s.guess;
  if (s.pass && s.guess <= s.pass[0]) return s.guess;
  s.walk *= 2;
  return s.fail ? s.fail[0] + s.walk * 10 : s.pass![0] - s.walk * 10;
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
    if (passes) return { breakEven: stepPercent(k), curve, monotone: false };
  }
  return { breakEven: null, curve, monotone: false };
}
