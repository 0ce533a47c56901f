/**
 * Draft ⇄ form model ⇄ submitted form. The draft is a kader document, possibly invalid; the
 * model holds the text of every field. Reading a form back gives the same model, and a model
 * gives back the same draft (numbers as decimal strings), so that saving without changes
 * changes nothing (tests/unit/kader-editor).
 */
import {
  DEFAULT_SCALE,
  STANDARD_COMPONENTS,
  formatPath,
  joinList,
  parsePath,
  splitList,
  type AppliesToModel,
  type BandModel,
  type ConditionRow,
  type CriterionModel,
  type AssessmentModel,
  type EditorModel,
  type Extras,
  type FactModel,
  type FixedModel,
  type LinearModel,
  type MappingModel,
  type Origs,
  type PointsModel,
  type RecordRow,
  type SurchargeModel,
  type TargetGroupModel,
  type WhenModel,
} from "./model";
import { emptyRecord, getOwn, isForbiddenKey, setOwn } from "~/lib/safe-keys";

// ---------------------------------------------------------------------------
// Values and their texts

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A JavaScript number as a plain decimal string (no exponent), or undefined when not finite. */
export function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  if (!/e/i.test(s)) return s === "-0" ? "0" : s;
  // 1e21, 1.5e-7: expand the exponent exactly from the shortest representation.
  const [mantissa, exp] = s.toLowerCase().split("e") as [string, string];
  const negative = mantissa.startsWith("-");
  const [whole, fraction = ""] = mantissa.replace("-", "").split(".") as [string, string?];
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  out = out.replace(/^0+(?=\d)/, "");
  if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  return (negative ? "-" : "") + out;
}

/** "94,5" → "94.5"; "1.234,5" → "1234.5"; "94.5" stays; "94 %" → "94"; anything else as typed (trimmed). */
export function fromDutchDecimal(text: string): string {
  const t = text.trim().replace(/\s*%$/, "");
  if (/^-?\d+,\d+$/.test(t)) return t.replace(",", ".");
  if (/^-?\d{1,3}(?:\.\d{3})+,\d+$/.test(t)) return t.replace(/\./g, "").replace(",", ".");
  return t;
}

/** "94.5" → "94,5" (no grouping, so the text reads back the same). */
export function toDutchDecimal(decimal: string): string {
  return DECIMAL.test(decimal) ? decimal.replace(".", ",") : decimal;
}

function rawText(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

type Conv = {
  /** The field's text for a draft value. */
  show: (v: unknown) => string;
  /** The draft value for a field's text; undefined: leave the key out. */
  read: (t: string) => unknown;
  /** The draft value as the editor keeps it (numbers become decimal strings). */
  norm: (v: unknown) => unknown;
};

const normNumber = (v: unknown) => (typeof v === "number" ? (numberText(v) ?? v) : v);

const decimalConv: Conv = {
  show: (v) => (typeof v === "number" ? toDutchDecimal(numberText(v) ?? String(v)) : typeof v === "string" ? toDutchDecimal(v) : rawText(v)),
  read: (t) => (t.trim() === "" ? undefined : fromDutchDecimal(t)),
  norm: normNumber,
};

const textConv: Conv = {
  show: rawText,
  read: (t) => (t === "" ? undefined : t),
  norm: (v) => v,
};

const integerConv: Conv = {
  show: (v) => (typeof v === "number" ? (numberText(v) ?? String(v)) : rawText(v)),
  read: (t) => {
    const s = t.trim();
    if (s === "") return undefined;
    return /^-?\d{1,15}$/.test(s) ? Number(s) : s;
  },
  norm: (v) => v,
};

const decimalListConv: Conv = {
  show: (v) => (Array.isArray(v) ? joinList(v.map((x) => decimalConv.show(x))) : rawText(v)),
  read: (t) => splitList(t).map(fromDutchDecimal),
  norm: (v) => (Array.isArray(v) ? v.map(normNumber) : v),
};

// A list of texts (a choice's options): no empty list, so that "" reads back as no key at all.
const textListConv: Conv = {
  show: (v) => (isStringList(v) ? joinList(v) : rawText(v)),
  read: (t) => {
    const items = splitList(t);
    return items.length === 0 ? undefined : items;
  },
  norm: (v) => v,
};

export const CONVERTERS = { decimal: decimalConv, text: textConv, integer: integerConv, decimalList: decimalListConv, textList: textListConv } as const;
type ConvName = keyof typeof CONVERTERS;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}

/** The field text for a value, and the original when the text would not read back as it. */
function cell(value: unknown, conv: ConvName, key: string, origs: Origs): string {
  const c = CONVERTERS[conv];
  const text = c.show(value);
  if (value !== undefined && !deepEqual(c.read(text), c.norm(value))) setOwn(origs, key, value);
  return text;
}

/** The draft value of a field: the original while its text is unchanged, else the text read. */
function uncell(text: string, conv: ConvName, key: string, origs: Origs | undefined): unknown {
  const c = CONVERTERS[conv];
  if (origs && key in origs && c.show(origs[key]) === text) return origs[key];
  return c.read(text);
}

/** Keeps only the originals whose text is still unchanged (after a form is read). */
function keptOrigs(origs: Origs | undefined, texts: Record<string, string>, convs: Record<string, ConvName>): Origs | undefined {
  if (!origs) return undefined;
  const kept: Origs = {};
  for (const [key, value] of Object.entries(origs)) {
    // Only the form's own field keys: `constructor` must not find Object's constructor.
    const conv = getOwn(convs, key);
    if (conv && texts[key] === CONVERTERS[conv].show(value)) setOwn(kept, key, value);
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

// ---------------------------------------------------------------------------
// Reading raw draft values tolerantly

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isObjList = (v: unknown): v is Obj[] => Array.isArray(v) && v.every(isObj);

/**
 * Splits an object into the keys the form shows and the rest (`extra`). `shapes` says which
 * known keys must be containers: a key of the wrong shape goes to `extra` too.
 */
function split(o: Obj, known: readonly string[], shapes: Record<string, (v: unknown) => boolean> = {}): { extra: Extras | undefined } {
  const extra: Extras = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const shape = getOwn(shapes, k);
    if (!known.includes(k) || (shape && !shape(v))) setOwn(extra, k, v);
  }
  return { extra: Object.keys(extra).length > 0 ? extra : undefined };
}

const withCarry = <T extends object>(m: T, extra: Extras | undefined, orig: Origs): T & { extra?: Extras; orig?: Origs } => {
  const out = m as T & { extra?: Extras; orig?: Origs };
  if (extra) out.extra = extra;
  if (Object.keys(orig).length > 0) out.orig = orig;
  return out;
};

// ---------------------------------------------------------------------------
// Draft → model

const ROOT_KEYS = [
  "format",
  "id",
  "zorgkantoor",
  "title",
  "year",
  "rounding",
  "percentDecimals",
  "maxPercent",
  "nonNegotiable",
  "baseRate",
  "previousYear",
  "surcharges",
  "facts",
  "assessment",
] as const;

export function draftToModel(draft: unknown): EditorModel {
  const d = isObj(draft) ? draft : {};
  const { extra } = split(d, ROOT_KEYS, {
    rounding: isObj,
    nonNegotiable: isStringList,
    baseRate: isObj,
    previousYear: isObj,
    surcharges: Array.isArray,
    facts: isObjList,
    assessment: isObj,
  });
  const orig: Origs = {};
  const rounding = isObj(d.rounding) && !extra?.rounding ? d.rounding : {};
  const roundingSplit = split(rounding, ["decimals", "mode"]);
  const roundingOrig: Origs = {};
  const baseRate = isObj(d.baseRate) && !extra?.baseRate ? d.baseRate : {};
  const baseSplit = split(baseRate, ["default", "bySector", "byPrestatie"], { bySector: isObj, byPrestatie: isObj });
  const baseOrig: Origs = {};
  const records = (key: "bySector" | "byPrestatie"): RecordRow[] =>
    baseSplit.extra?.[key] !== undefined || !isObj(baseRate[key])
      ? []
      : Object.entries(baseRate[key] as Obj).map(([k, v]) => {
          const o: Origs = {};
          const value = cell(v, "decimal", "value", o);
          return Object.keys(o).length > 0 ? { key: k, value, orig: o } : { key: k, value };
        });
  const model: EditorModel = {
    title: cell(d.title, "text", "title", orig),
    year: cell(d.year, "integer", "year", orig),
    rounding: withCarry(
      { decimals: cell(rounding.decimals, "integer", "decimals", roundingOrig), mode: cell(rounding.mode, "text", "mode", roundingOrig) },
      roundingSplit.extra,
      roundingOrig,
    ),
    percentDecimals: cell(d.percentDecimals, "integer", "percentDecimals", orig),
    maxPercent: cell(d.maxPercent, "decimal", "maxPercent", orig),
    nonNegotiable: isStringList(d.nonNegotiable) ? [...d.nonNegotiable] : [],
    baseRate: withCarry(
      { default: cell(baseRate.default, "decimal", "default", baseOrig), bySector: records("bySector"), byPrestatie: records("byPrestatie") },
      baseSplit.extra,
      baseOrig,
    ),
    previousYear: previousYearToModel(extra?.previousYear === undefined ? d.previousYear : undefined),
    surcharges: Array.isArray(d.surcharges) && !extra?.surcharges ? d.surcharges.map(surchargeToModel) : [],
    facts: isObjList(d.facts) ? d.facts.map(factToModel) : null,
    assessment: isObj(d.assessment) ? assessmentToModel(d.assessment) : null,
  };
  return withCarry(model, extra, orig);
}

const FACT_KEYS = ["id", "label", "type", "options", "source", "question", "evidence", "ref"] as const;
const FACT_CONVS = { id: "text", label: "text", type: "text", options: "textList", source: "text", question: "text", evidence: "text", ref: "text" } as const;
const ASSESSMENT_CONVS = { assessors: "integer", decides: "text" } as const;

function factToModel(f: Obj): FactModel {
  const { extra } = split(f, FACT_KEYS);
  const orig: Origs = {};
  const m = {} as FactModel;
  for (const k of FACT_KEYS) m[k] = cell(f[k], FACT_CONVS[k], k, orig);
  return withCarry(m, extra, orig);
}

function assessmentToModel(a: Obj): AssessmentModel {
  const { extra } = split(a, ["assessors", "decides"]);
  const orig: Origs = {};
  return withCarry({ assessors: cell(a.assessors, "integer", "assessors", orig), decides: cell(a.decides, "text", "decides", orig) }, extra, orig);
}

function previousYearToModel(v: unknown): EditorModel["previousYear"] {
  if (!isObj(v)) return null;
  const { extra } = split(v, ["mode", "over"], { over: isStringList });
  const orig: Origs = {};
  const mode = v.mode === undefined ? "$missing" : cell(v.mode, "text", "mode", orig);
  return withCarry({ mode, over: isStringList(v.over) ? [...v.over] : [] }, extra, orig);
}

function appliesToModel(v: unknown): AppliesToModel {
  const o = isObj(v) ? v : {};
  const { extra } = split(o, ["sectors", "prestaties"], { sectors: isStringList, prestaties: isStringList });
  const m: AppliesToModel = {
    sectors: isStringList(o.sectors) ? [...o.sectors] : null,
    prestaties: isStringList(o.prestaties) ? [...o.prestaties] : null,
  };
  if (extra) m.extra = extra;
  return m;
}

const raw = (v: unknown): SurchargeModel => ({ kind: "raw", json: JSON.stringify(v ?? null) });

export function surchargeToModel(s: unknown): SurchargeModel {
  if (!isObj(s) || (s.kind !== "fixed" && s.kind !== "points")) return raw(s);
  const orig: Origs = {};
  const common = { id: cell(s.id, "text", "id", orig), label: cell(s.label, "text", "label", orig), ref: cell(s.ref, "text", "ref", orig) };
  if (s.kind === "fixed") {
    const { extra } = split(s, ["id", "kind", "label", "ref", "percent", "when", "appliesTo"], { appliesTo: isObj });
    const m: FixedModel = {
      kind: "fixed",
      ...common,
      percent: cell(s.percent, "decimal", "percent", orig),
      appliesTo: isObj(s.appliesTo) ? appliesToModel(s.appliesTo) : null,
      when: s.when === undefined ? null : whenToModel(s.when),
    };
    return withCarry(m, extra, orig);
  }
  const { extra } = split(s, ["id", "kind", "label", "ref", "appliesTo", "targetGroups", "criteria", "threshold", "mapping"], {
    appliesTo: isObj,
    targetGroups: isObjList,
    criteria: isObjList,
    mapping: isObj,
  });
  const m: PointsModel = {
    kind: "points",
    ...common,
    appliesTo: isObj(s.appliesTo) ? appliesToModel(s.appliesTo) : null,
    targetGroups: isObjList(s.targetGroups) ? s.targetGroups.map(targetGroupToModel) : [],
    criteria: isObjList(s.criteria) ? s.criteria.map(criterionToModel) : [],
    threshold: cell(s.threshold, "decimal", "threshold", orig),
    mapping: isObj(s.mapping) ? mappingToModel(s.mapping) : null,
  };
  return withCarry(m, extra, orig);
}

function targetGroupToModel(g: Obj): TargetGroupModel {
  const { extra } = split(g, ["id", "label"]);
  const orig: Origs = {};
  return withCarry({ id: cell(g.id, "text", "id", orig), label: cell(g.label, "text", "label", orig) }, extra, orig);
}

function criterionToModel(c: Obj): CriterionModel {
  const { extra } = split(c, ["id", "label", "weight", "scale", "minScore"]);
  const orig: Origs = {};
  return withCarry(
    {
      id: cell(c.id, "text", "id", orig),
      label: cell(c.label, "text", "label", orig),
      weight: cell(c.weight, "decimal", "weight", orig),
      scale: cell(c.scale, "decimalList", "scale", orig),
      minScore: cell(c.minScore, "decimal", "minScore", orig),
    },
    extra,
    orig,
  );
}

function mappingToModel(m: Obj): MappingModel {
  const { extra } = split(m, ["basis", "bands", "linear"], { bands: isObjList, linear: isObj });
  const orig: Origs = {};
  return withCarry(
    {
      basis: cell(m.basis, "text", "basis", orig),
      bands: isObjList(m.bands) ? m.bands.map(bandToModel) : null,
      linear: isObj(m.linear) ? linearToModel(m.linear) : null,
    },
    extra,
    orig,
  );
}

function bandToModel(b: Obj): BandModel {
  const { extra } = split(b, ["from", "percent"]);
  const orig: Origs = {};
  return withCarry({ from: cell(b.from, "decimal", "from", orig), percent: cell(b.percent, "decimal", "percent", orig) }, extra, orig);
}

function linearToModel(l: Obj): LinearModel {
  const { extra } = split(l, ["from", "to", "fromPercent", "toPercent"]);
  const orig: Origs = {};
  return withCarry(
    {
      from: cell(l.from, "decimal", "from", orig),
      to: cell(l.to, "decimal", "to", orig),
      fromPercent: cell(l.fromPercent, "decimal", "fromPercent", orig),
      toPercent: cell(l.toPercent, "decimal", "toPercent", orig),
    },
    extra,
    orig,
  );
}

// Conditions: the builder shows a comparison, a negated comparison, or all/any over those.

function leafToRow(leaf: unknown, not: boolean): ConditionRow | null {
  if (!isObj(leaf) || Object.keys(leaf).some((k) => k !== "fact" && k !== "op" && k !== "value")) return null;
  if (leaf.fact !== undefined && typeof leaf.fact !== "string") return null;
  if (leaf.op !== undefined && typeof leaf.op !== "string") return null;
  const v = leaf.value;
  let type: ConditionRow["type"] = "text";
  let value = "";
  if (v === true || v === false) type = v ? "true" : "false";
  else if (typeof v === "number" || (typeof v === "string" && DECIMAL.test(v))) {
    type = "number";
    value = decimalConv.show(v);
  } else if (typeof v === "string") value = v;
  else if (Array.isArray(v) && v.every((x) => typeof x === "number" || typeof x === "string")) {
    const numeric = v.every((x) => typeof x === "number" || DECIMAL.test(x as string));
    type = numeric ? "number" : "text";
    value = joinList(v.map((x) => (numeric ? decimalConv.show(x) : String(x))));
  } else if (v !== undefined) return null;
  const row: ConditionRow = { not, fact: (leaf.fact as string | undefined) ?? "", op: (leaf.op as string | undefined) ?? "", type, value };
  // Only what reads back exactly is shown in the builder.
  return deepEqual(rowToCondition(row), normLeaf(leaf, not)) ? row : null;
}

function normLeaf(leaf: Obj, not: boolean): unknown {
  const v = leaf.value;
  const value = Array.isArray(v) ? v.map(normNumber) : normNumber(v);
  const comparison: Obj = { fact: leaf.fact, op: leaf.op, value };
  return not ? { not: comparison } : comparison;
}

function entryToRow(entry: unknown): ConditionRow | null {
  if (isObj(entry) && Object.keys(entry).length === 1 && "not" in entry) return leafToRow(entry.not, true);
  return leafToRow(entry, false);
}

export function whenToModel(when: unknown): WhenModel {
  const asRaw: WhenModel = { kind: "raw", json: JSON.stringify(when ?? null) };
  if (isObj(when) && Object.keys(when).length === 1 && (Array.isArray(when.all) || Array.isArray(when.any))) {
    const combine = Array.isArray(when.all) ? "all" : "any";
    const entries = when[combine] as unknown[];
    if (entries.length === 0) return asRaw;
    const rows = entries.map(entryToRow);
    return rows.every((r): r is ConditionRow => r !== null) ? { kind: "builder", combine, rows } : asRaw;
  }
  const row = entryToRow(when);
  return row ? { kind: "builder", combine: "", rows: [row] } : asRaw;
}

// ---------------------------------------------------------------------------
// Model → draft

export type EditorNote = { path: string; message: string };

const put = (o: Obj, key: string, value: unknown) => {
  if (value !== undefined) setOwn(o, key, value);
};
const mergeExtra = (o: Obj, extra: Extras | undefined): Obj => (extra ? { ...o, ...extra } : o);

/** The draft for a model, plus notes about rows that could not be kept (a duplicate code). */
export function modelToDraft(model: EditorModel): { draft: Record<string, unknown>; notes: EditorNote[] } {
  const notes: EditorNote[] = [];
  const o = model.orig;
  const d: Obj = {};
  put(d, "title", uncell(model.title, "text", "title", o));
  put(d, "year", uncell(model.year, "integer", "year", o));
  const rounding: Obj = {};
  put(rounding, "decimals", uncell(model.rounding.decimals, "integer", "decimals", model.rounding.orig));
  put(rounding, "mode", uncell(model.rounding.mode, "text", "mode", model.rounding.orig));
  const roundingAll = mergeExtra(rounding, model.rounding.extra);
  if (Object.keys(roundingAll).length > 0) d.rounding = roundingAll;
  put(d, "percentDecimals", uncell(model.percentDecimals, "integer", "percentDecimals", o));
  put(d, "maxPercent", uncell(model.maxPercent, "decimal", "maxPercent", o));
  d.nonNegotiable = [...model.nonNegotiable];
  const baseRate: Obj = {};
  put(baseRate, "default", uncell(model.baseRate.default, "decimal", "default", model.baseRate.orig));
  for (const key of ["bySector", "byPrestatie"] as const) {
    const record = rowsToRecord(model.baseRate[key], ["baseRate", key], notes);
    if (record) baseRate[key] = record;
  }
  d.baseRate = mergeExtra(baseRate, model.baseRate.extra);
  if (model.previousYear) {
    const p: Obj = {};
    if (model.previousYear.mode !== "$missing") put(p, "mode", uncell(model.previousYear.mode, "text", "mode", model.previousYear.orig));
    p.over = [...model.previousYear.over];
    d.previousYear = mergeExtra(p, model.previousYear.extra);
  }
  d.surcharges = model.surcharges.map(surchargeToDraft);
  if (model.facts) {
    d.facts = model.facts.map((f) => {
      const t: Obj = {};
      for (const k of FACT_KEYS) put(t, k, uncell(f[k], FACT_CONVS[k], k, f.orig));
      return mergeExtra(t, f.extra);
    });
  }
  if (model.assessment) {
    const a = model.assessment;
    const t: Obj = {};
    put(t, "assessors", uncell(a.assessors, "integer", "assessors", a.orig));
    put(t, "decides", uncell(a.decides, "text", "decides", a.orig));
    d.assessment = mergeExtra(t, a.extra);
  }
  return { draft: mergeExtra(d, model.extra), notes };
}

function rowsToRecord(rows: RecordRow[], at: (string | number)[], notes: EditorNote[]): Obj | undefined {
  const record: Obj = {};
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    if (row.key === "" && row.value.trim() === "") return; // an empty row that was never filled in
    const value = uncell(row.value, "decimal", "value", row.orig);
    const first = seen.get(row.key);
    if (first !== undefined) {
      notes.push({
        path: formatPath([...at, i]),
        message: `De code ${row.key || "(leeg)"} staat al in regel ${first + 1}: deze regel is niet bewaard. Kies een andere code of verwijder de regel.`,
      });
      return;
    }
    seen.set(row.key, i);
    // A code is user text: an own property even when it reads `__proto__`.
    setOwn(record, row.key, value ?? "");
  });
  return rows.length === 0 ? undefined : record;
}

function appliesToDraft(a: AppliesToModel | null): Obj | undefined {
  if (!a) return undefined;
  const o: Obj = {};
  if (a.sectors) o.sectors = [...a.sectors];
  if (a.prestaties) o.prestaties = [...a.prestaties];
  const all = mergeExtra(o, a.extra);
  return Object.keys(all).length > 0 ? all : undefined;
}

function surchargeToDraft(s: SurchargeModel): unknown {
  if (s.kind === "raw") return JSON.parse(s.json) as unknown;
  const o = s.orig;
  const d: Obj = {};
  put(d, "id", uncell(s.id, "text", "id", o));
  d.kind = s.kind;
  put(d, "label", uncell(s.label, "text", "label", o));
  put(d, "ref", uncell(s.ref, "text", "ref", o));
  if (s.kind === "fixed") {
    put(d, "percent", uncell(s.percent, "decimal", "percent", o));
    put(d, "when", s.when ? whenToDraft(s.when) : undefined);
    put(d, "appliesTo", appliesToDraft(s.appliesTo));
    return mergeExtra(d, s.extra);
  }
  put(d, "appliesTo", appliesToDraft(s.appliesTo));
  if (s.targetGroups.length > 0) {
    d.targetGroups = s.targetGroups.map((g) => {
      const t: Obj = {};
      put(t, "id", uncell(g.id, "text", "id", g.orig));
      put(t, "label", uncell(g.label, "text", "label", g.orig));
      return mergeExtra(t, g.extra);
    });
  }
  d.criteria = s.criteria.map((c) => {
    const t: Obj = {};
    put(t, "id", uncell(c.id, "text", "id", c.orig));
    put(t, "label", uncell(c.label, "text", "label", c.orig));
    put(t, "weight", uncell(c.weight, "decimal", "weight", c.orig));
    put(t, "scale", uncell(c.scale, "decimalList", "scale", c.orig));
    put(t, "minScore", uncell(c.minScore, "decimal", "minScore", c.orig));
    return mergeExtra(t, c.extra);
  });
  put(d, "threshold", uncell(s.threshold, "decimal", "threshold", o));
  if (s.mapping) {
    const m = s.mapping;
    const t: Obj = {};
    put(t, "basis", uncell(m.basis, "text", "basis", m.orig));
    if (m.bands) {
      t.bands = m.bands.map((b) => {
        const band: Obj = {};
        put(band, "from", uncell(b.from, "decimal", "from", b.orig));
        put(band, "percent", uncell(b.percent, "decimal", "percent", b.orig));
        return mergeExtra(band, b.extra);
      });
    }
    if (m.linear) {
      const l = m.linear;
      const lin: Obj = {};
      for (const k of ["from", "to", "fromPercent", "toPercent"] as const) put(lin, k, uncell(l[k], "decimal", k, l.orig));
      t.linear = mergeExtra(lin, l.extra);
    }
    d.mapping = mergeExtra(t, m.extra);
  }
  return mergeExtra(d, s.extra);
}

function rowValue(row: ConditionRow): unknown {
  if (row.type === "true") return true;
  if (row.type === "false") return false;
  if (row.op === "in") {
    const items = splitList(row.value);
    if (items.length === 0) return undefined;
    return row.type === "number" ? items.map(fromDutchDecimal) : items;
  }
  if (row.value === "") return undefined;
  return row.type === "number" ? fromDutchDecimal(row.value) : row.value;
}

export function rowToCondition(row: ConditionRow): unknown {
  const c: Obj = {};
  put(c, "fact", row.fact === "" ? undefined : row.fact);
  put(c, "op", row.op === "" ? undefined : row.op);
  put(c, "value", rowValue(row));
  return row.not ? { not: c } : c;
}

export function whenToDraft(w: WhenModel): unknown {
  if (w.kind === "raw") return JSON.parse(w.json) as unknown;
  if (w.rows.length === 0) return undefined;
  const combine = w.combine === "" && w.rows.length > 1 ? "all" : w.combine;
  if (combine === "") return rowToCondition(w.rows[0]!);
  return { [combine]: w.rows.map(rowToCondition) };
}

// ---------------------------------------------------------------------------
// Submitted form → model. Field names are paths; the tree of names is read back into the
// model. Hidden fields: `$orig.<key>` and `$extra` (JSON), `$json` (a raw surcharge or
// condition), `$bands`/`$linear` (which mappings exist), `$combine`, `$not`, `$type`.

class Leaf {
  constructor(public values: string[]) {}
}
type Tree = { [key: string]: Node };
type Node = Tree | Node[] | Leaf | undefined;

export type FormEntries = Iterable<[string, FormDataEntryValue]>;

/**
 * The tree of submitted field names. Objects have no prototype and a name with a segment
 * `__proto__`, `prototype` or `constructor` is ignored: the kader format has no such keys,
 * and a name like `__proto__.x` must never write onto Object.prototype.
 */
export function formTree(entries: FormEntries): Tree {
  const root: Tree = emptyRecord<Node>();
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    const segs = parsePath(name);
    if (!segs || segs.length === 0 || segs.some(isForbiddenKey)) continue;
    let node: Tree | Node[] = root;
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) {
      const seg = segs[i]!;
      const last = i === segs.length - 1;
      const container = node as Record<string | number, Node>;
      if (Array.isArray(node) !== (typeof seg === "number")) {
        ok = false;
        break;
      }
      const existing = Object.hasOwn(container, seg) ? container[seg] : undefined;
      if (last) {
        if (existing instanceof Leaf) existing.values.push(value);
        else if (existing === undefined) container[seg] = new Leaf([value]);
        else ok = false;
      } else {
        const nextIsIndex = typeof segs[i + 1] === "number";
        let next = existing;
        if (next === undefined) {
          next = nextIsIndex ? [] : emptyRecord<Node>();
          container[seg] = next;
        }
        if (next instanceof Leaf || Array.isArray(next) !== nextIsIndex) ok = false;
        else node = next as Tree | Node[];
      }
    }
  }
  return root;
}

const str = (n: Node): string => (n instanceof Leaf ? (n.values[0] ?? "") : "");
const strs = (n: Node): string[] => (n instanceof Leaf ? n.values : []);
const obj = (n: Node): Tree | undefined => (n && !(n instanceof Leaf) && !Array.isArray(n) ? n : undefined);
const list = (n: Node): Tree[] => (Array.isArray(n) ? n.map(obj).filter((x): x is Tree => x !== undefined) : []);

function json(n: Node): unknown {
  const text = str(n);
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedForm(`ongeldige verborgen waarde`);
  }
}

export class MalformedForm extends Error {}

function carried(t: Tree, texts: Record<string, string>, convs: Record<string, ConvName>): { extra?: Extras; orig?: Origs } {
  const out: { extra?: Extras; orig?: Origs } = {};
  const extra = json(t.$extra);
  if (extra !== undefined) {
    if (!isObj(extra)) throw new MalformedForm("ongeldige verborgen waarde");
    out.extra = extra;
  }
  const origTree = obj(t.$orig);
  if (origTree) {
    const origs: Origs = {};
    for (const [k, v] of Object.entries(origTree)) {
      const value = json(v);
      if (value !== undefined) setOwn(origs, k, value);
    }
    const kept = keptOrigs(origs, texts, convs);
    if (kept) out.orig = kept;
  }
  return out;
}

function texts<K extends string>(t: Tree, convs: Record<K, ConvName>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(convs) as K[]) out[k] = str(t[k]);
  return out;
}

/**
 * Codes from checkboxes (`$codes`) and the free list (`$other`). None chosen: null (no
 * restriction), unless the draft holds an explicitly empty list (`$mode` "empty"), kept as [].
 */
function codesFromForm(t: Tree | undefined): string[] | null {
  if (!t) return null;
  const out: string[] = [];
  for (const c of [...strs(t.$codes), ...splitList(str(t.$other))]) if (!out.includes(c)) out.push(c);
  if (out.length > 0) return out;
  return str(t.$mode) === "empty" ? [] : null;
}

function appliesToFromForm(t: Tree | undefined): AppliesToModel | null {
  if (!t) return null;
  const sectors = codesFromForm(obj(t.sectors));
  const prestaties = codesFromForm(obj(t.prestaties));
  const extra = json(t.$extra);
  if (sectors === null && prestaties === null && extra === undefined) return null;
  const m: AppliesToModel = { sectors, prestaties };
  if (isObj(extra)) m.extra = extra;
  return m;
}

function rowFromForm(t: Tree): ConditionRow {
  const leaf = obj(t.not) ?? t;
  const type = str(leaf.$type);
  // `$multi`: the value came from the checkboxes of a choice fact's options (one per option).
  const value = leaf.$multi !== undefined ? joinList(strs(leaf.value)) : str(leaf.value);
  return {
    not: strs(t.$not).length > 0,
    fact: str(leaf.fact),
    op: str(leaf.op),
    type: type === "number" || type === "true" || type === "false" ? type : "text",
    value,
  };
}

function whenFromForm(t: Tree | undefined): WhenModel | null {
  if (!t) return null;
  if (t.$json !== undefined) {
    const value = json(t.$json);
    return value === undefined ? null : { kind: "raw", json: JSON.stringify(value) };
  }
  const combineText = str(t.$combine);
  const combine = combineText === "all" || combineText === "any" ? combineText : "";
  const rows = [...list(t.all), ...list(t.any)].map(rowFromForm);
  if (rows.length === 0 && (t.fact !== undefined || t.not !== undefined)) rows.push(rowFromForm(t));
  return { kind: "builder", combine, rows };
}

const CRITERION_CONVS = { id: "text", label: "text", weight: "decimal", scale: "decimalList", minScore: "decimal" } as const;
const BAND_CONVS = { from: "decimal", percent: "decimal" } as const;
const LINEAR_CONVS = { from: "decimal", to: "decimal", fromPercent: "decimal", toPercent: "decimal" } as const;
const GROUP_CONVS = { id: "text", label: "text" } as const;
const FIXED_CONVS = { id: "text", label: "text", ref: "text", percent: "decimal" } as const;
const POINTS_CONVS = { id: "text", label: "text", ref: "text", threshold: "decimal" } as const;

function surchargeFromForm(t: Tree): SurchargeModel {
  const kind = str(t.kind);
  if (kind !== "fixed" && kind !== "points") {
    const value = json(t.$json);
    return { kind: "raw", json: JSON.stringify(value ?? null) };
  }
  if (kind === "fixed") {
    const x = texts(t, FIXED_CONVS);
    return { kind, ...x, appliesTo: appliesToFromForm(obj(t.appliesTo)), when: whenFromForm(obj(t.when)), ...carried(t, x, FIXED_CONVS) };
  }
  const x = texts(t, POINTS_CONVS);
  const m = obj(t.mapping);
  let mapping: MappingModel | null = null;
  if (m) {
    const basis = str(m.basis);
    const lin = obj(m.linear);
    mapping = {
      basis,
      bands: m.$bands !== undefined ? list(m.bands).map((b) => ({ ...texts(b, BAND_CONVS), ...carried(b, texts(b, BAND_CONVS), BAND_CONVS) })) : null,
      linear: m.$linear !== undefined && lin ? { ...texts(lin, LINEAR_CONVS), ...carried(lin, texts(lin, LINEAR_CONVS), LINEAR_CONVS) } : null,
      ...carried(m, { basis }, { basis: "text" }),
    };
  }
  return {
    kind,
    ...x,
    appliesTo: appliesToFromForm(obj(t.appliesTo)),
    targetGroups: list(t.targetGroups).map((g) => ({ ...texts(g, GROUP_CONVS), ...carried(g, texts(g, GROUP_CONVS), GROUP_CONVS) })),
    criteria: list(t.criteria).map((c) => ({ ...texts(c, CRITERION_CONVS), ...carried(c, texts(c, CRITERION_CONVS), CRITERION_CONVS) })),
    mapping,
    ...carried(t, x, POINTS_CONVS),
  };
}

const ROOT_CONVS = { title: "text", year: "integer", percentDecimals: "integer", maxPercent: "decimal" } as const;

/** Reads the editor form back into a model. Throws MalformedForm for tampered hidden fields. */
export function formToModel(entries: FormEntries): EditorModel {
  const t = formTree(entries);
  const x = texts(t, ROOT_CONVS);
  const r = obj(t.rounding) ?? {};
  const rx = texts(r, { decimals: "integer", mode: "text" } as const);
  const b = obj(t.baseRate) ?? {};
  const bx = texts(b, { default: "decimal" } as const);
  const records = (n: Node): RecordRow[] =>
    list(n).map((row) => {
      const value = str(row.$value);
      const c = carried(row, { value }, { value: "decimal" });
      return c.orig ? { key: str(row.$key), value, orig: c.orig } : { key: str(row.$key), value };
    });
  const surcharges = list(t.surcharges).map(surchargeFromForm);
  const p = obj(t.previousYear);
  let previousYear: EditorModel["previousYear"] = null;
  const mode = p ? str(p.mode) : "";
  if (p && mode !== "") {
    const over: string[] = [];
    for (const v of strs(p.over)) {
      // `@2`: the surcharge at index 2 (by its id as submitted now); `=id`: an id as it stands.
      const id = v.startsWith("@") ? (surcharges[Number(v.slice(1))] as { id?: string } | undefined)?.id : v.startsWith("=") ? v.slice(1) : undefined;
      if (id && !over.includes(id)) over.push(id);
    }
    previousYear = { mode, over, ...carried(p, { mode }, { mode: "text" }) };
  }
  // `$facts`: the kader has a facts section (possibly without rows yet).
  const facts = t.$facts !== undefined ? list(t.facts).map(factFromForm) : null;
  const model: EditorModel = {
    ...x,
    rounding: { ...rx, ...carried(r, rx, { decimals: "integer", mode: "text" }) },
    nonNegotiable: strs(t.nonNegotiable).filter((v, i, all) => all.indexOf(v) === i),
    baseRate: { ...bx, bySector: records(b.bySector), byPrestatie: records(b.byPrestatie), ...carried(b, bx, { default: "decimal" }) },
    previousYear,
    surcharges,
    facts,
    assessment: assessmentFromForm(obj(t.assessment)),
    ...carried(t, x, ROOT_CONVS),
  };
  return model;
}

function factFromForm(t: Tree): FactModel {
  const x = texts(t, FACT_CONVS);
  return { ...x, ...carried(t, x, FACT_CONVS) };
}

/** The assessment section: kept when the draft had one (`$on`), or as soon as a field is filled in. */
function assessmentFromForm(t: Tree | undefined): AssessmentModel | null {
  if (!t) return null;
  const x = texts(t, ASSESSMENT_CONVS);
  const c = carried(t, x, ASSESSMENT_CONVS);
  if (t.$on === undefined && x.assessors.trim() === "" && x.decides === "" && !c.extra) return null;
  return { ...x, ...c };
}

// ---------------------------------------------------------------------------
// New elements

export function newFixed(existing: SurchargeModel[]): FixedModel {
  return { kind: "fixed", id: freeId(existing, "opslag"), label: "", ref: "", percent: "", appliesTo: null, when: null };
}

export function newPoints(existing: SurchargeModel[]): PointsModel {
  return {
    kind: "points",
    id: freeId(existing, "module"),
    label: "",
    ref: "",
    appliesTo: null,
    targetGroups: [],
    criteria: [newCriterion()],
    threshold: "",
    mapping: { basis: "absolute", bands: [newBand()], linear: null },
  };
}

export const newCriterion = (): CriterionModel => ({ id: "", label: "", weight: "1", scale: DEFAULT_SCALE, minScore: "" });
export const newBand = (): BandModel => ({ from: "", percent: "" });
export const newLinear = (): LinearModel => ({ from: "", to: "", fromPercent: "", toPercent: "" });
export const newFact = (): FactModel => ({ id: "", label: "", type: "boolean", options: "", source: "aanbieder", question: "", evidence: "", ref: "" });
export const newRow = (): ConditionRow => ({ not: false, fact: "", op: "==", type: "true", value: "" });

function freeId(existing: SurchargeModel[], stem: string): string {
  const ids = new Set(existing.map((s) => (s.kind === "raw" ? "" : s.id)));
  for (let n = 1; ; n++) if (!ids.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

export { STANDARD_COMPONENTS };
