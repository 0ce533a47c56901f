/**
 * The kader editor's form model: the kader draft as the form shows it. Every scalar is the text
 * of its form field ("94,5"); structure mirrors the kader format, so list indices are the
 * kader's own and a field's name is its kader path (`surcharges[1].criteria[0].weight`).
 *
 * What the form cannot show faithfully is carried along untouched, never dropped:
 * - `orig`: a value whose text would not read back as the same value (a boolean where a number
 *   belongs, a year given as text): kept as long as its text is not changed;
 * - `extra`: unknown keys, and known keys of the wrong shape (a list where an object belongs);
 *   shown read-only with a remove button;
 * - `raw` surcharges and conditions: a surcharge of an unknown kind, a condition nested deeper
 *   than the builder shows; shown read-only with a remove button.
 *
 * Client-safe: types, paths and element ids only (conversion lives in convert.server.ts).
 */

export type Extras = Record<string, unknown>;
/** Original values (by field key) whose text alone would not reproduce them. */
export type Origs = Record<string, unknown>;

type Carry = { extra?: Extras; orig?: Origs };

export type RecordRow = { key: string; value: string; orig?: Origs };

export type AppliesToModel = {
  /** null: every sector (no list); a list (possibly empty): only these. */
  sectors: string[] | null;
  prestaties: string[] | null;
  extra?: Extras;
};

export type ConditionRow = {
  not: boolean;
  fact: string;
  op: string;
  /** How `value` is read: a number (Dutch decimals allowed), text, or the booleans. */
  type: "number" | "text" | "true" | "false";
  /** One value, or for `in` a comma list (semicolons when the values contain commas). */
  value: string;
};

export type WhenModel =
  | { kind: "builder"; combine: "" | "all" | "any"; rows: ConditionRow[] }
  | { kind: "raw"; json: string };

export type FixedModel = Carry & {
  kind: "fixed";
  id: string;
  label: string;
  ref: string;
  percent: string;
  appliesTo: AppliesToModel | null;
  when: WhenModel | null;
};

export type TargetGroupModel = Carry & { id: string; label: string };
export type CriterionModel = Carry & { id: string; label: string; weight: string; scale: string; minScore: string };
export type BandModel = Carry & { from: string; percent: string };
export type LinearModel = Carry & { from: string; to: string; fromPercent: string; toPercent: string };
export type MappingModel = Carry & { basis: string; bands: BandModel[] | null; linear: LinearModel | null };

export type PointsModel = Carry & {
  kind: "points";
  id: string;
  label: string;
  ref: string;
  appliesTo: AppliesToModel | null;
  targetGroups: TargetGroupModel[];
  criteria: CriterionModel[];
  threshold: string;
  mapping: MappingModel | null;
};

export type RawSurcharge = { kind: "raw"; json: string };
export type SurchargeModel = FixedModel | PointsModel | RawSurcharge;

/** A declared fact (spec 1, "Facts and assessment"); `options` is the comma list of a choice. */
export type FactModel = Carry & {
  id: string;
  label: string;
  type: string;
  options: string;
  source: string;
  question: string;
  evidence: string;
  ref: string;
};

export type AssessmentModel = Carry & { assessors: string; decides: string };

export type EditorModel = Carry & {
  title: string;
  year: string;
  rounding: Carry & { decimals: string; mode: string };
  percentDecimals: string;
  maxPercent: string;
  nonNegotiable: string[];
  baseRate: Carry & { default: string; bySector: RecordRow[]; byPrestatie: RecordRow[] };
  /** null: no previous-year rule. `mode` "$missing": the draft has a rule without a mode. */
  previousYear: (Carry & { mode: string; over: string[] }) | null;
  surcharges: SurchargeModel[];
  /** null: the kader declares no facts (conditions name any fact); a list: the declared facts. */
  facts: FactModel[] | null;
  /** null: no assessment section (the defaults: 2 assessors, consensus). */
  assessment: AssessmentModel | null;
};

export const FACT_TYPE_LABEL: Record<string, string> = { boolean: "ja/nee", number: "getal", text: "tekst", choice: "keuze" };
export const FACT_SOURCE_LABEL: Record<string, string> = { aanbieder: "aanbieder", zorgkantoor: "zorgkantoor", register: "register" };
export const EVIDENCE_LABEL: Record<string, string> = { required: "verplicht", optional: "optioneel", none: "geen" };

/** Upload limit for a kader file (1 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export const OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "in"] as const;
export const STANDARD_COMPONENTS = ["NHC", "NIC"] as const;
export const DEFAULT_SCALE = "0, 2, 4, 6, 8, 10";

// ---------------------------------------------------------------------------
// Paths: `surcharges[1].mapping.bands[2].from`, `baseRate.bySector.GGZ`, `x["odd key"]`.

export type Segment = string | number;
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/; // as the engine writes paths

export function formatPath(segments: readonly Segment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += PLAIN_KEY.test(s) ? (out === "" ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Parses a path; null when it is malformed. */
export function parsePath(path: string): Segment[] | null {
  const segments: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c === "[") {
      if (path[i + 1] === '"') {
        // A JSON string up to the closing quote that is followed by `]`.
        let j = i + 2;
        while (j < path.length && !(path[j] === '"' && path[j - 1] !== "\\" && path[j + 1] === "]")) j++;
        if (j >= path.length) return null;
        try {
          segments.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return null;
        }
        i = j + 2;
      } else {
        const close = path.indexOf("]", i);
        const digits = close < 0 ? "" : path.slice(i + 1, close);
        if (!/^\d{1,6}$/.test(digits)) return null;
        segments.push(Number(digits));
        i = close + 1;
      }
    } else {
      if (c === ".") {
        if (segments.length === 0) return null;
        i++;
      } else if (segments.length > 0) return null;
      let j = i;
      while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
      const key = path.slice(i, j);
      if (key === "") return null;
      segments.push(key);
      i = j;
    }
  }
  return segments;
}

/** A stable, valid element id for a form field or group (injective on the names we use). */
export function fieldId(name: string): string {
  return "k-" + name.replace(/[^A-Za-z0-9-]/g, (c) => (c === "." ? "_" : c === "[" ? "--" : c === "]" ? "" : `_${c.charCodeAt(0).toString(16)}_`));
}

/** The path of a key inside an object path (`surcharges[1]` + `treshold`). */
export function childPath(path: string, key: string): string {
  return path === "" ? formatPath([key]) : path + formatPath(["x", key]).slice(1);
}

export function groupId(path: string): string {
  return "g-" + fieldId(path || "kader").slice(2);
}

/** Name of a condition row's comparison (without the field): `surcharges[0].when.all[1].not`. */
export function rowBase(prefix: string, combine: "" | "all" | "any", index: number, not: boolean): string {
  const row = combine === "" ? prefix : `${prefix}.${combine}[${index}]`;
  return not ? `${row}.not` : row;
}

/** The row's own path (where its "niet" toggle lives): `surcharges[0].when.all[1]`. */
export function rowPath(prefix: string, combine: "" | "all" | "any", index: number): string {
  return combine === "" ? prefix : `${prefix}.${combine}[${index}]`;
}

/** Splits a Dutch comma list; semicolons win when present (so "1,5; 2" holds decimal commas). */
export function splitList(text: string): string[] {
  const parts = text.includes(";") ? text.split(";") : text.split(",");
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Joins a list so that splitList reads it back (a lone "2,5" becomes "2,5;"). */
export function joinList(items: string[]): string {
  if (!items.some((i) => i.includes(","))) return items.join(", ");
  return items.length === 1 ? `${items[0]};` : items.join("; ");
}
