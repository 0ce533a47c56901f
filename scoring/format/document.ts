// Documents as text: reading JSON or YAML (`parseDocument`) and writing a
// kader back (`serializeKader`), such that
// parseKader(parseDocument(serializeKader(k, f))) gives k again.
import YAML from "yaml";
import { D, canonical, canonicalOf } from "../decimal";
import type { Issue, Parsed } from "./common";
import type { Condition, Kader, Scalar } from "./kader";
import { scanJson } from "./json-limits";
import { yamlLimitIssue } from "./yaml-limits";

/** The largest document read, JSON or YAML (a YAML document is further limited in tokens). */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

/**
 * JSON or YAML text → data. JSON is recognised by its first character (`{` or
 * `[`) and checked strictly; YAML (1.2 core schema) refuses duplicate keys.
 * Numbers with more digits than a JavaScript number holds are kept as decimal
 * strings, so no number is ever silently changed. Syntax errors come back as
 * issues with line and column. Anchors, aliases and merge keys are refused, and
 * so are documents past the token and depth limits (yaml-limits.ts), before any
 * parsing whose cost could grow faster than the text.
 */
export function parseDocument(text: string): Parsed<unknown> {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, issues: [{ path: "", message: `document too large: more than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB` }] };
  }
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const first = source.trimStart()[0];
  // JSON is read as JSON only: one linear scan for depth, repeated keys and inexact numbers, then JSON.parse.
  if (first === "{" || first === "[") return parseJson(source);
  const limit = yamlLimitIssue(source);
  if (limit) return { ok: false, issues: [limit] };
  const lineCounter = new YAML.LineCounter();
  // yaml's own duplicate-key check compares every key with every earlier one; duplicateKey() is linear.
  const doc = YAML.parseDocument(source, { uniqueKeys: false, prettyErrors: true, lineCounter });
  const duplicate = duplicateKey(doc, lineCounter);
  if (doc.errors.length > 0) {
    // Only the first: later syntax errors are mostly echoes of it.
    return { ok: false, issues: [yamlIssue(doc.errors[0]!)] };
  }
  if (duplicate) return { ok: false, issues: [duplicate] };
  YAML.visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== "number" || !Number.isFinite(node.value) || typeof node.source !== "string") return;
      let exact: string;
      try {
        exact = canonical(new D(node.source));
      } catch {
        return; // hexadecimal or octal notation: the number is exact already
      }
      if (exact !== canonicalOf(node.value)) node.value = exact;
    },
  });
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** The first key that repeats an earlier key of its map, as yaml's `uniqueKeys` would report it. */
function duplicateKey(doc: YAML.Document, lineCounter: YAML.LineCounter): Issue | null {
  let found: Issue | null = null;
  YAML.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        // Scalars are equal when their values are (1 and "1" differ); other keys count as distinct.
        if (!YAML.isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) {
          const at = key.range ? lineCounter.linePos(key.range[0]) : null;
          found = {
            path: "",
            // Named, as JSON's check names it (json-limits.ts).
            message: `duplicate key ${JSON.stringify(String(key.value))}${at ? ` at line ${at.line}, column ${at.col}` : ""}`,
          };
          return YAML.visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}

function parseJson(source: string): Parsed<unknown> {
  const scanned = scanJson(source);
  if (!scanned.ok) return { ok: false, issues: [scanned.issue] };
  try {
    return { ok: true, value: JSON.parse(scanned.text) };
  } catch (error) {
    // Report the position in the text as given, not in the one with quoted numbers.
    if (scanned.text !== source) {
      try {
        JSON.parse(source);
      } catch (original) {
        return { ok: false, issues: [jsonSyntaxIssue(source, original)] };
      }
    }
    return { ok: false, issues: [jsonSyntaxIssue(source, error)] };
  }
}

function yamlIssue(error: YAML.YAMLError): Issue {
  const where = error.linePos?.[0];
  const message = error.message.split(" at line ")[0]!.split("\n")[0]!;
  return { path: "", message: where ? `YAML syntax error at line ${where.line}, column ${where.col}: ${message}` : `YAML syntax error: ${message}` };
}

function jsonSyntaxIssue(source: string, error: unknown): Issue {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  const message = raw.replace(/ in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
  if (!position) return { path: "", message: `JSON syntax error: ${message}` };
  const before = source.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return { path: "", message: `JSON syntax error at line ${line}, column ${column}: ${message}` };
}

// ---------------------------------------------------------------------------

/** A decimal string as a document number when that number reads back as the same decimal; else as a string. */
function number(value: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && canonicalOf(n) === value ? n : value;
}
const numbers = (record: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, number(v)]));
const scalar = (v: Scalar) => (typeof v === "string" ? number(v) : v);

function condition(c: Condition): unknown {
  if ("all" in c) return { all: c.all.map(condition) };
  if ("any" in c) return { any: c.any.map(condition) };
  if ("not" in c) return { not: condition(c.not) };
  return { fact: c.fact, op: c.op, value: Array.isArray(c.value) ? c.value.map(scalar) : scalar(c.value) };
}

/** The kader as document data: decimals as numbers where that is exact, everything else as parsed. */
export function kaderDocument(kader: Kader): Record<string, unknown> {
  const { baseRate } = kader;
  return {
    ...kader,
    maxPercent: number(kader.maxPercent),
    baseRate: {
      default: number(baseRate.default),
      ...(baseRate.bySector && { bySector: numbers(baseRate.bySector) }),
      ...(baseRate.byPrestatie && { byPrestatie: numbers(baseRate.byPrestatie) }),
    },
    surcharges: kader.surcharges.map((s) => {
      if (s.kind === "fixed") return { ...s, percent: number(s.percent), ...(s.when && { when: condition(s.when) }) };
      const m = s.mapping;
      return {
        ...s,
        criteria: s.criteria.map((c) => ({
          ...c,
          weight: number(c.weight),
          scale: c.scale.map(number),
          ...(c.minScore !== undefined && { minScore: number(c.minScore) }),
        })),
        ...(s.threshold !== undefined && { threshold: number(s.threshold) }),
        mapping: {
          basis: m.basis,
          ...(m.bands && { bands: m.bands.map((b) => ({ from: number(b.from), percent: number(b.percent) })) }),
          ...(m.linear && {
            linear: {
              from: number(m.linear.from),
              to: number(m.linear.to),
              fromPercent: number(m.linear.fromPercent),
              toPercent: number(m.linear.toPercent),
            },
          }),
        },
      };
    }),
  };
}

/** The kader as a YAML or JSON document (for download); reads back to the same kader. */
export function serializeKader(kader: Kader, format: "yaml" | "json"): string {
  const data = kaderDocument(kader);
  if (format === "json") return JSON.stringify(data, null, 2) + "\n";
  // No anchors for shared objects: parseDocument refuses anchors and aliases.
  return YAML.stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
}
