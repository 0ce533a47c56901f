// Exact decimal arithmetic for the whole engine.
//
// Every amount and percentage is a decimal.js value made by `D`, a private
// clone so that nobody else's Decimal settings can change our results. The
// precision is far above what validated input can need (at most 15 integer
// digits and 20 decimals per number), so additions and multiplications are
// always exact; the only divisions go through `divideHalfUp`, which is exact by
// construction. Output never uses exponent notation.
import Decimal from "decimal.js";

export const D = Decimal.clone({
  precision: 200,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const HUNDRED = new D(100);
export const ONE_HUNDREDTH = new D("0.01");

/** Plain decimal notation accepted in documents: `-12`, `250.12`; no exponent, no spaces. */
export const DECIMAL_PATTERN = /^-?\d+(?:\.\d+)?$/;
export const MAX_INTEGER_DIGITS = 15;
export const MAX_DECIMALS = 20;

/** The canonical text of a decimal: no trailing zeros, no exponent, never `-0`. */
export function canonical(d: Dec): string {
  return d.isZero() ? "0" : d.toFixed();
}

/** Canonical text of a document number (JSON number or decimal string); undefined when not a decimal. */
export function canonicalOf(value: number | string): string | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return canonical(new D(value));
  }
  return DECIMAL_PATTERN.test(value) ? canonical(new D(value)) : undefined;
}

/** Why a canonical decimal is too big or too fine for the format, if it is. */
export function sizeProblem(text: string): string | undefined {
  const unsigned = text.startsWith("-") ? text.slice(1) : text;
  const [whole = "", fraction = ""] = unsigned.split(".");
  if (whole.length > MAX_INTEGER_DIGITS) return `${text} is too large (at most ${MAX_INTEGER_DIGITS} digits before the decimal point)`;
  if (fraction.length > MAX_DECIMALS) return `${text} has too many decimals (at most ${MAX_DECIMALS})`;
  return undefined;
}

/** Number of decimals of a canonical decimal string. */
export function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * `numerator / denominator` rounded half-up (away from zero at exactly half)
 * to `places` decimals, exactly: integer division plus a look at the remainder,
 * so no intermediate rounding can ever tip a result (no double rounding).
 */
const POWERS_OF_TEN = Array.from({ length: MAX_DECIMALS + 1 }, (_, i) => new D(10).pow(i));

export function divideHalfUp(numerator: Dec, denominator: Dec, places: number): Dec {
  const scale = POWERS_OF_TEN[places] ?? new D(10).pow(places);
  const scaled = numerator.times(scale);
  const quotient = scaled.divToInt(denominator); // truncated towards zero
  const remainder = scaled.minus(quotient.times(denominator)).abs();
  const bumped = remainder.times(2).gte(denominator.abs())
    ? quotient.plus(scaled.isNegative() !== denominator.isNegative() ? -1 : 1)
    : quotient;
  return bumped.div(scale); // division by a power of ten is exact
}

/** Round half-up to `places` decimals (exact). */
export function roundHalfUp(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP);
}
