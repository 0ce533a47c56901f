// Dutch (nl-NL) display of exact decimals: `€ 1.234,56`, `94 %`, `94,5 %`.
//
// These work on decimal strings, not JavaScript numbers, so a displayed amount
// is always the exact amount (or its half-up rounding when `decimals` is
// asked for). Grouping uses `.` and the decimal sign `,`. Between `€` and the
// amount and between a number and `%` we put a REGULAR SPACE (U+0020), always:
// it is what people type and search for; a PDF renderer that wants a
// non-breaking space can replace " %" and "€ " in one place.
import { D, canonical, roundHalfUp } from "../decimal";

export type NumberFormatOptions = {
  /** Exactly this many decimals, rounded half-up. Without it: as many as the value has (but at least `minDecimals`). */
  decimals?: number;
  /** Fewest decimals to show when `decimals` is not given (default 0). */
  minDecimals?: number;
};

/** `1234.5` → `1.234,5`; `{ decimals: 2 }` → `1.234,50`. */
export function formatNumber(value: string | number, options: NumberFormatOptions = {}): string {
  let d = new D(value);
  let text: string;
  if (options.decimals !== undefined) {
    d = roundHalfUp(d, options.decimals);
    text = d.isZero() ? new D(0).toFixed(options.decimals) : d.toFixed(options.decimals);
  } else {
    text = canonical(d);
    const min = options.minDecimals ?? 0;
    const dot = text.indexOf(".");
    const have = dot < 0 ? 0 : text.length - dot - 1;
    if (have < min) text = (dot < 0 ? text + "." : text) + "0".repeat(min - have);
  }
  const negative = text.startsWith("-");
  const unsigned = negative ? text.slice(1) : text;
  const dot = unsigned.indexOf(".");
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? "" : unsigned.slice(dot + 1);
  let grouped = "";
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ".";
    grouped += whole[i];
  }
  return (negative ? "-" : "") + grouped + (fraction ? "," + fraction : "");
}

/** `1234.56` → `€ 1.234,56`. Default: at least two decimals, more if the value has them (nothing hidden). */
export function formatEuro(value: string | number, options: { decimals?: number } = {}): string {
  const number =
    options.decimals !== undefined
      ? formatNumber(value, { decimals: options.decimals })
      : formatNumber(value, { minDecimals: 2 });
  return "€ " + number;
}

/** `94` → `94 %`, `94.5` → `94,5 %`; `{ decimals: 2 }` → `94,00 %`. */
export function formatPercent(value: string | number, options: { decimals?: number } = {}): string {
  return formatNumber(value, options.decimals !== undefined ? { decimals: options.decimals } : {}) + " %";
}
