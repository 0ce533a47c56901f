// Dutch (nl-NL) display of exact decimals: `€ 1.234,56`, `94 %`, `94,5 %`.
//
// These work on decimal strings, not JavaScript numbers, so a displayed amount
// is always the exact amount (or its half-up rounding when `decimals` is
// asked for). Grouping uses `.` and the decimal sign `,`. Between `€` and the
// amount and between a number and `%` we put a REGULAR SPACE (U+0020), always:
// it is what people type and search for; a PDF renderer that wants a
// non-breaking space can replace " %" and "€ " in one place.
import { D, canonical, roundHalfUp } from "../decimal";

/** A canonical decimal: no leading zeros, no trailing fraction zeros, no "-0". */
const CANONICAL = /^(?:-?(?:[1-9]\d*(?:\.\d*[1-9])?|0\.\d*[1-9])|0)$/;

export type NumberFormatOptions = {
  /** Exactly this many decimals, rounded half-up. Without it: as many as the value has (but at least `minDecimals`). */
  decimals?: number;
  /** Fewest decimals to show when `decimals` is not given (default 0). */
  minDecimals?: number;
};

const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** `1234.5` → `1.234,5`; `{ decimals: 2 }` → `1.234,50`. */
export function formatNumber(value: string | number, options: NumberFormatOptions = {}): string {
  // Canonical decimal strings (all the engine produces) are handled as text: fast and exact.
  let text = typeof value === "string" && CANONICAL.test(value) ? value : canonical(new D(value));
  let dot = text.indexOf(".");
  const have = dot < 0 ? 0 : text.length - dot - 1;
  const want = options.decimals ?? Math.max(have, options.minDecimals ?? 0);
  if (have > want) {
    text = roundHalfUp(new D(text), want).toFixed(want);
    if (text.startsWith("-") && !/[1-9]/.test(text)) text = text.slice(1); // never "-0,00"
  } else if (have < want) {
    text = (dot < 0 ? text + "." : text) + "0".repeat(want - have);
  }

  const negative = text.charCodeAt(0) === 45; // "-"
  dot = text.indexOf(".");
  const start = negative ? 1 : 0;
  const end = dot < 0 ? text.length : dot;
  let grouped: string;
  if (end - start <= 3) grouped = text.slice(start, end);
  else {
    let i = start + ((end - start) % 3 || 3);
    grouped = text.slice(start, i);
    for (; i < end; i += 3) grouped += "." + text.slice(i, i + 3);
  }
  return (negative ? "-" : "") + grouped + (dot < 0 ? "" : "," + text.slice(dot + 1));
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
