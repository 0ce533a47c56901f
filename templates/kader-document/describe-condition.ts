// A kader condition (`when`) in Dutch words, as a tree the PDF renders as
// nested bullets and the web UI can render the same way: one wording for the
// condition everywhere. Pure: no pdfkit, no I/O (safe for the browser bundle).
//
//   { fact: planIngediend, op: "==", value: true }  → "planIngediend is ja"
//   { all: [a, b] }                                  → "alle van:" with a and b below it
//   { any: [a, b] }                                  → "een van:" (ten minste één) with a and b
//   { not: a }                                       → "niet:" with a below it
import type { Comparison, Condition, Operator, Scalar } from "../../scoring";
import { formatNumber } from "../../scoring/format/nl";

/** The names readers know the sectors by; a kader stores the codes. */
const SECTOR_NAMES: Record<string, string> = { VV: "V&V", GHZ: "GHZ", GGZ: "GGZ" };

/** "V&V" for VV; an unknown code as it is. */
export function sectorName(code: string): string {
  return Object.hasOwn(SECTOR_NAMES, code) ? SECTOR_NAMES[code]! : code;
}

/** One line of a described condition and the lines nested under it. */
export type ConditionLine = { text: string; children: ConditionLine[] };

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** A condition value in words: ja/nee, Dutch numbers (`3,5`), text as it is. */
export function describeValue(value: Scalar): string {
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return NUMERIC.test(value) ? formatNumber(value) : value;
}

const OPERATOR_WORDS: Record<Exclude<Operator, "in">, string> = {
  "==": "is",
  "!=": "is niet",
  "<": "is kleiner dan",
  "<=": "is ten hoogste",
  ">": "is groter dan",
  ">=": "is ten minste",
};

/** Fact id → label, from the kader's `facts` section: a declared fact reads by its label. */
export type FactLabels = ReadonlyMap<string, string>;

/** The labels of a kader's declared facts (none when it declares none). */
export function factLabels(kader: { facts?: readonly { id: string; label: string }[] }): FactLabels {
  return new Map((kader.facts ?? []).map((f) => [f.id, f.label]));
}

/**
 * One comparison as a sentence: "planIngediend is ja", "regio is een van: Noord, Oost"; a declared
 * fact by its label: "Plan van aanpak kernelementen ingediend: ja".
 */
export function describeComparison(comparison: Comparison, labels: FactLabels = new Map()): string {
  const { op } = comparison;
  const label = labels.get(comparison.fact);
  const fact = label ?? comparison.fact;
  // A sector is compared by its code (VV); readers know it by its name (V&V).
  const value = comparison.fact === "sector" ? mapScalars(comparison.value, (v) => (typeof v === "string" ? sectorName(v) : v)) : comparison.value;
  if (op === "in") {
    const values = Array.isArray(value) ? value : [value];
    return `${fact} is een van: ${values.map(describeValue).join(", ")}`;
  }
  const single = Array.isArray(value) ? value.map(describeValue).join(", ") : describeValue(value);
  if (label !== undefined && op === "==") return `${label}: ${single}`;
  return `${fact} ${OPERATOR_WORDS[op]} ${single}`;
}

function mapScalars(value: Scalar | Scalar[], f: (v: Scalar) => Scalar): Scalar | Scalar[] {
  return Array.isArray(value) ? value.map(f) : f(value);
}

/** The group words, for a legend: "een van" means at least one. */
export const GROUP_WORDS = { all: "alle van:", any: "een van:", not: "niet:" } as const;

/** A condition as a tree of Dutch lines. */
export function describeCondition(condition: Condition, labels: FactLabels = new Map()): ConditionLine {
  const describe = (c: Condition) => describeCondition(c, labels);
  if ("all" in condition) return { text: GROUP_WORDS.all, children: condition.all.map(describe) };
  if ("any" in condition) return { text: GROUP_WORDS.any, children: condition.any.map(describe) };
  if ("not" in condition) return { text: GROUP_WORDS.not, children: [describe(condition.not)] };
  return { text: describeComparison(condition, labels), children: [] };
}

/**
 * A condition as indented plain lines (two spaces per level, "- " before
 * nested lines), for plain-text places such as e-mails and logs:
 *   alle van:
 *     - planIngediend is ja
 *     - een van:
 *       - sector is VV
 */
export function describeConditionLines(condition: Condition, labels: FactLabels = new Map()): string[] {
  const out: string[] = [];
  const walk = (line: ConditionLine, depth: number) => {
    out.push(depth === 0 ? line.text : `${"  ".repeat(depth)}- ${line.text}`);
    for (const child of line.children) walk(child, depth + 1);
  };
  walk(describeCondition(condition, labels), 0);
  return out;
}
