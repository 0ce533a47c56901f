// `decides: mean` (spec 1, "Facts and assessment"): a criterion's score is the mean of the
// assessors' scores rounded to the nearest value on the criterion's scale, halfway going up.
// Pure and exact: distances are compared as |Σ − n × s| so that no division is rounded
// before the comparison (a mean like 20/3 has no finite decimal).
import { canonical, D, type Dec } from "../decimal";
import { formatNumber } from "../format/nl";

export type MeanTrace = {
  /** The individual scores, as given (canonical decimal strings). */
  scores: string[];
  sum: string;
  count: number;
  /** The mean, exact when it has a finite decimal, else rounded half-up to 4 decimals (`exact: false`). */
  mean: string;
  exact: boolean;
  /** The scale values on either side of the mean (equal when the mean is on the scale). */
  below: string | null;
  above: string | null;
  /** The mean lies exactly halfway between two scale values, so the higher one was taken. */
  halfway: boolean;
  score: string;
  /** The computation in Dutch, for the page and the final score's motivation. */
  text: string;
};

function dutchList(items: string[]): string {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

/**
 * The mean of `scores` on `scale` (ascending decimal strings, as the kader format holds them).
 * Throws on an empty scale or no scores: callers only compute once every assessor has scored.
 */
export function meanOnScale(scale: readonly (string | number)[], scores: readonly (string | number)[]): { score: string; trace: MeanTrace } {
  if (scale.length === 0) throw new Error("meanOnScale: empty scale");
  if (scores.length === 0) throw new Error("meanOnScale: no scores");
  const values: Dec[] = scale.map((s) => new D(s));
  const given: Dec[] = scores.map((s) => new D(s));
  const n = given.length;
  const sum = given.reduce((a, b) => a.plus(b), new D(0));
  // n × distance to the mean, exact.
  const distance = (s: Dec) => sum.minus(s.times(n)).abs();
  let best = values[0]!;
  let bestDistance = distance(best);
  for (const v of values.slice(1)) {
    const d = distance(v);
    // Ascending scale: on a tie the later (higher) value wins, halfway goes up.
    if (d.lte(bestDistance)) {
      best = v;
      bestDistance = d;
    }
  }
  const meanExact = sum.div(n);
  // Inputs have at most 20 decimals and n is small: a terminating mean has far fewer places
  // than the 200-digit precision, a repeating one fills it.
  const exact = meanExact.decimalPlaces() <= 60;
  const mean = exact ? canonical(meanExact) : meanExact.toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed();
  const scaled = sum; // compare n × scale value with Σ
  let below: Dec | null = null;
  let above: Dec | null = null;
  for (const v of values) {
    if (v.times(n).lte(scaled)) below = v;
    if (above === null && v.times(n).gte(scaled)) above = v;
  }
  const halfway = below !== null && above !== null && !below.eq(above) && distance(below).eq(distance(above));
  const score = canonical(best);
  const nl = (d: Dec | string) => formatNumber(typeof d === "string" ? d : canonical(d));
  const shownScores = given.map((g) => nl(g));
  const meanText = `${exact ? "" : "≈ "}${nl(mean)}`;
  let text = `Gemiddelde van ${dutchList(shownScores)}: ${nl(sum)} / ${n} = ${meanText}`;
  if (below !== null && above !== null && below.eq(above)) text += `; dat staat op de schaal: score ${nl(score)}.`;
  else if (halfway) text += `; dat ligt precies halverwege ${nl(below!)} en ${nl(above!)} op de schaal, dus naar boven: score ${nl(score)}.`;
  else text += `; de dichtstbijzijnde waarde op de schaal is ${nl(score)}.`;
  return {
    score,
    trace: {
      scores: given.map((g) => canonical(g)),
      sum: canonical(sum),
      count: n,
      mean,
      exact,
      below: below === null ? null : canonical(below),
      above: above === null ? null : canonical(above),
      halfway,
      score,
      text,
    },
  };
}
