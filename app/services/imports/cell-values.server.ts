// Reading single cell values the way Dutch inkopers write them: numbers in Dutch or dot notation,
// Excel's binary floats, sectors, lists, and Dutch wording for the messages about them.
import { formatEuro as formatEuroText } from "../../../scoring/format/nl";
import Decimal from "decimal.js";
import type { Sector } from "./import-result";
import type { Cell } from "./table-file.server";

// A private constructor: a Decimal.set() elsewhere in the app cannot change how imports read numbers.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** How a number is named in messages ("'abc' is geen bedrag"). */
export type NumberKind = "bedrag" | "percentage" | "getal";

// Anything larger is a typo and would print in exponent notation.
const TOO_LARGE = new D("1e15");
// Excel stores 21.5 as a binary float; closer than this to a value with the allowed decimals
// counts as that value, farther means the cell really holds more decimals.
const FLOAT_TOLERANCE = new D("1e-9");

export function isBlank(cell: Cell): boolean {
  return cell.text === "";
}

/**
 * A decimal number from a cell. Text may use Dutch notation (`260,00`, `1.234,56`), dot notation
 * (`260.00`), an optional leading `€` and, for percentages, a trailing `%`. A numeric xlsx cell is
 * taken when it is within 1e-9 of a value with at most `maxDecimals` decimals. A percentage cell
 * formatted as % in Excel holds a fraction (0.97 for 97 %), so it is scaled back.
 */
export function readDecimal(cell: Cell, kind: NumberKind, maxDecimals: number): Parsed<Decimal> {
  if (cell.number !== null) return readFloat(cell, kind, maxDecimals);
  const shown = cell.text;
  const parsed = parseNumberText(shown, kind === "percentage");
  if (parsed === null) return fail(`'${shown}' is geen ${kind}`);
  if (parsed.dotThousandsLike && kind !== "percentage") {
    // "3.650" is 3650 to a Dutch reader and 3.65 to software: refuse to guess. (A comma is the
    // Dutch decimal sign, so "3,650" is 3.65.) Percentages are at most 100: there a dot is decimal.
    const asThousands = shown.replace(".", "");
    const asDecimal = parsed.value.decimalPlaces() <= maxDecimals ? ` of ${dutch(parsed.value)}` : "";
    return fail(`'${shown}' is dubbelzinnig (duizendtal of decimalen?): schrijf ${asThousands}${asDecimal}`);
  }
  return checkSize(parsed.value, shown, maxDecimals);
}

function readFloat(cell: Cell, kind: NumberKind, maxDecimals: number): Parsed<Decimal> {
  const n = cell.number ?? Number.NaN;
  if (!Number.isFinite(n)) return fail(`'${cell.text}' is geen ${kind}`);
  // String(n) is the shortest text that round-trips the float: what Excel would show unformatted.
  const exact = cell.percentFormat && kind === "percentage" ? new D(String(n)).times(100) : new D(String(n));
  const rounded = exact.toDecimalPlaces(maxDecimals);
  if (exact.minus(rounded).abs().gt(FLOAT_TOLERANCE)) {
    return fail(`'${dutch(exact)}' heeft meer dan ${maxDecimals} decimalen`);
  }
  return checkSize(rounded, dutch(exact), maxDecimals);
}

function checkSize(value: Decimal, shown: string, maxDecimals: number): Parsed<Decimal> {
  if (value.abs().gte(TOO_LARGE)) return fail(`'${shown}' is te groot`);
  if (value.decimalPlaces() > maxDecimals) return fail(`'${shown}' heeft meer dan ${maxDecimals} decimalen`);
  // Normalise -0 to 0 so that it is neither negative nor printed with a sign.
  return { ok: true, value: value.isZero() ? new D(0) : value };
}

type ParsedText = { value: Decimal; dotThousandsLike: boolean };

function parseNumberText(raw: string, allowPercentSign: boolean): ParsedText | null {
  let s = raw.replace(/[\u00a0\u202f]/g, " ").trim().replace(/^€\s*/, "");
  if (allowPercentSign) s = s.replace(/\s*%$/, "");
  const sign = s.startsWith("-") ? "-" : "";
  if (sign) s = s.slice(1);
  let plain: string | null = null;
  if (/^\d+$/.test(s)) plain = s;
  // One separator: decimal comma (Dutch) or decimal point.
  else if (/^\d*[.,]\d+$/.test(s)) plain = s.replace(",", ".");
  // Dutch grouping 1.234.567,89 or English grouping 1,234,567.89.
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) plain = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) plain = s.replace(/,/g, "");
  if (plain === null) return null;
  return { value: new D(sign + plain), dotThousandsLike: /^[1-9]\d{0,2}\.\d{3}$/.test(s) };
}

/** Canonical decimal string for storage: "260", "21.5". */
export function canonical(value: Decimal): string {
  return value.toString();
}

/** A decimal as a Dutch reader writes it, without grouping: 3,65. */
export function dutch(value: Decimal): string {
  return value.toString().replace(".", ",");
}

/** Euro amount for messages, as nl-NL prints it: € 1.234,50 (the engine's one formatter). */
export function formatEuro(value: Decimal): string {
  return formatEuroText(value.toString(), { decimals: 2 });
}

/** Letters, digits and hyphens (5VV, 4GGZ-B, 1ZGvis): codes also appear in "volume <code>" headers. */
export function isPrestatieCode(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/.test(text);
}

export function parseSector(text: string): Sector | null {
  const key = text.toUpperCase().replace(/\s+/g, "");
  if (key === "VV" || key === "V&V") return "VV";
  if (key === "GHZ" || key === "GGZ") return key;
  return null;
}

export function unknownSectorMessage(text: string): string {
  return `onbekende sector '${text}' (kies VV, GHZ of GGZ)`;
}

/** A list inside one cell, separated by `;` or `,`; empty items are dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** "twee keer", "3 keer": how often a value that must be unique occurs. */
export function timesWord(count: number): string {
  return count === 2 ? "twee keer" : `${count} keer`;
}

const MAX_LISTED = 5;

/**
 * Row list for messages: "3", "3 en 5", "3, 5 en 7", leaving out `except` (one of `rows`).
 * Long lists end in "en 12 andere": a file of thousands of equal codes must not give messages
 * (and work) that grow with the square of its length.
 */
export function listRows(rows: readonly number[], except?: number): string {
  const total = except === undefined ? rows.length : rows.length - 1;
  const shown = rows.slice(0, MAX_LISTED + 1).filter((r) => r !== except).slice(0, MAX_LISTED);
  if (total > shown.length) return `${shown.join(", ")} en ${total - shown.length} andere`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} en ${shown[shown.length - 1]}`;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
