// Turns the preview page's query parameters into zorginkoop.inputs/v1 documents:
// one example provider for the what-if, and the registered providers for the
// budget impact. Parameters are parsed with zod against the kader (prestaties
// from the tariff table, scores from each criterion's scale) and every problem
// becomes a Dutch field error keyed by the parameter's name. Nothing here
// computes a tariff: the engine does that (preview.server.ts, budget.server.ts).
import { z } from "zod";
import { INPUTS_FORMAT, type Condition, type Inputs, type Kader, type PointsSurcharge, type Provider, type Scalar, type Tariff } from "../../../scoring";
import { D, canonical, canonicalOf } from "../../../scoring/decimal";
import type { FieldErrors } from "../../lib/forms";
import { emptyRecord } from "../../lib/safe-keys";

/** The what-if's provider id in the inputs document. */
export const EXAMPLE_PROVIDER_ID = "voorbeeld";
export const EXAMPLE_PROVIDER_NAME = "Voorbeeldaanbieder";

/** Parameter names (GET, so a preview is a shareable link and changes nothing). */
export const PARAM = {
  /** Marker: the form was submitted (an unchecked checkbox is then really unchecked). */
  submitted: "v",
  prestatie: "p",
  factKey: "fk",
  factType: "ft",
  factText: "fv",
  previousYear: "vj",
  budgetFactKey: "bk",
  budgetFactType: "bt",
  budgetFactText: "bv",
} as const;

/** The default share of a target group in the volume of the prestaties its module applies to (budget assumption, %). */
export const DEFAULT_TARGET_GROUP_SHARE = "10";

export const FACT_TYPES = ["waar", "onwaar", "tekst", "ontbreekt"] as const;
export type FactType = (typeof FACT_TYPES)[number];
export const FACT_TYPE_LABEL: Record<FactType, string> = { waar: "waar", onwaar: "onwaar", tekst: "tekst of getal", ontbreekt: "ontbreekt" };

// ---------------------------------------------------------------------------
// What the kader asks for

export type KaderFact = { name: string; /** values the conditions compare it with, for a hint */ values: Scalar[] };

/** The facts the kader's conditions mention, in order of first mention, with the values they are compared with. */
export function kaderFacts(kader: Kader): KaderFact[] {
  const found = new Map<string, Scalar[]>();
  const walk = (c: Condition) => {
    if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else if ("not" in c) walk(c.not);
    else {
      const values = found.get(c.fact) ?? [];
      for (const v of Array.isArray(c.value) ? c.value : [c.value]) if (!values.includes(v)) values.push(v);
      found.set(c.fact, values);
    }
  };
  for (const s of kader.surcharges) if (s.kind === "fixed" && s.when) walk(s.when);
  return [...found].map(([name, values]) => ({ name, values }));
}

export type ScoreSlot = {
  module: string;
  moduleLabel: string;
  targetGroup: string | null;
  targetGroupLabel: string | null;
  basis: "absolute" | "relative";
  criteria: PointsSurcharge["criteria"];
};

/** Every (module, target group) a provider can be assessed on; `withTargetGroups: false` keeps only modules without target groups. */
export function scoreSlots(kader: Kader, options: { withTargetGroups: boolean }): ScoreSlot[] {
  const slots: ScoreSlot[] = [];
  for (const s of kader.surcharges) {
    if (s.kind !== "points") continue;
    const base = { module: s.id, moduleLabel: s.label, basis: s.mapping.basis, criteria: s.criteria };
    if (!s.targetGroups) slots.push({ ...base, targetGroup: null, targetGroupLabel: null });
    else if (options.withTargetGroups) for (const g of s.targetGroups) slots.push({ ...base, targetGroup: g.id, targetGroupLabel: g.label });
  }
  return slots;
}

/** The middle value of a scale; with an even number of values the higher of the two middle ones. */
export function scaleMiddle(scale: readonly string[]): string {
  return scale[Math.floor(scale.length / 2)]!;
}

const segment = (id: string) => id.replaceAll("%", "%25").replaceAll("/", "%2F");
/** `s/complexe-zorg/jonge-dementie/visie` (what-if) or `bs/basis-module/visie` (budget). */
export function scoreParam(prefix: "s" | "bs", slot: Pick<ScoreSlot, "module" | "targetGroup">, criterion: string): string {
  return [prefix, segment(slot.module), ...(slot.targetGroup === null ? [] : [segment(slot.targetGroup)]), segment(criterion)].join("/");
}
/** `ba/complexe-zorg/jonge-dementie`: a target group's share (%) of the volume, for the budget. */
export function shareParam(slot: Pick<ScoreSlot, "module" | "targetGroup">): string {
  return ["ba", segment(slot.module), segment(slot.targetGroup ?? "")].join("/");
}
/** `fb/complexe-zorg/jonge-dementie` (what-if) or `bfb/basis-module` (budget): the field's best points. */
export function fieldBestParam(prefix: "fb" | "bfb", slot: Pick<ScoreSlot, "module" | "targetGroup">): string {
  return [prefix, segment(slot.module), ...(slot.targetGroup === null ? [] : [segment(slot.targetGroup)])].join("/");
}

// ---------------------------------------------------------------------------
// The form's values (what the page shows), defaults filled in

export type FactRow = { key: string; type: FactType; text: string };

export type PreviewForm = {
  prestaties: string[];
  facts: FactRow[];
  previousYear: string;
  /** scoreParam → value ("" = not assessed) */
  scores: Record<string, string>;
  /** fieldBestParam → points ("" = none given) */
  fieldBest: Record<string, string>;
  budgetFacts: FactRow[];
  budgetScores: Record<string, string>;
  budgetFieldBest: Record<string, string>;
  /** shareParam → percentage of the volume (target-group slots only) */
  budgetShares: Record<string, string>;
};

function factRows(params: URLSearchParams, names: { key: string; type: string; text: string }, facts: KaderFact[]): FactRow[] {
  const keys = params.getAll(names.key);
  if (keys.length === 0) return facts.map((f) => ({ key: f.name, type: "waar", text: "" }));
  const types = params.getAll(names.type);
  const texts = params.getAll(names.text);
  // Rows without a name carry nothing (the form's empty extra row): leave them out.
  const rows: FactRow[] = keys.map((key, i) => ({ key, type: (types[i] ?? "ontbreekt") as FactType, text: texts[i] ?? "" })).filter((r) => r.key.trim() !== "");
  // A kader fact the link leaves out is missing for the provider: show it so.
  for (const f of facts) if (!rows.some((r) => r.key.trim() === f.name)) rows.push({ key: f.name, type: "ontbreekt", text: "" });
  return rows;
}

/** The values the form shows: the query's, and where the query is silent the defaults. */
export function previewForm(params: URLSearchParams, kader: Kader, tariffCodes: readonly string[]): PreviewForm {
  const submitted = params.has(PARAM.submitted);
  const facts = kaderFacts(kader);
  const scores = (prefix: "s" | "bs", slots: ScoreSlot[]) => {
    const out = emptyRecord<string>();
    for (const slot of slots) {
      for (const c of slot.criteria) {
        const name = scoreParam(prefix, slot, c.id);
        out[name] = params.get(name) ?? scaleMiddle(c.scale);
      }
    }
    return out;
  };
  const fieldBest = (prefix: "fb" | "bfb", slots: ScoreSlot[]) => {
    const out = emptyRecord<string>();
    for (const slot of slots) if (slot.basis === "relative") out[fieldBestParam(prefix, slot)] = params.get(fieldBestParam(prefix, slot)) ?? "";
    return out;
  };
  const whatIfSlots = scoreSlots(kader, { withTargetGroups: true });
  const budgetSlots = scoreSlots(kader, { withTargetGroups: true });
  const budgetShares = emptyRecord<string>();
  for (const slot of budgetSlots) if (slot.targetGroup !== null) budgetShares[shareParam(slot)] = params.get(shareParam(slot)) ?? DEFAULT_TARGET_GROUP_SHARE;
  const prestaties = params.getAll(PARAM.prestatie);
  return {
    prestaties: submitted || prestaties.length > 0 ? prestaties : [...tariffCodes],
    facts: factRows(params, { key: PARAM.factKey, type: PARAM.factType, text: PARAM.factText }, facts),
    previousYear: params.get(PARAM.previousYear) ?? "",
    scores: scores("s", whatIfSlots),
    fieldBest: fieldBest("fb", whatIfSlots),
    budgetFacts: factRows(params, { key: PARAM.budgetFactKey, type: PARAM.budgetFactType, text: PARAM.budgetFactText }, facts),
    budgetScores: scores("bs", budgetSlots),
    budgetFieldBest: fieldBest("bfb", budgetSlots),
    budgetShares,
  };
}

// ---------------------------------------------------------------------------
// Validation (zod), with Dutch messages keyed by parameter name

/** An optional Dutch decimal ("97,5" or "97.5", 0 or more) → canonical decimal string, or null when left empty. */
const optionalDutchDecimal = (example: string, { max }: { max?: number } = {}) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const text = /^\d{1,15}([.,]\d{1,10})?$/.test(v) ? canonicalOf(v.replace(",", ".")) : undefined;
      if (text === undefined) {
        ctx.addIssue({ code: "custom", message: `Vul een getal van 0 of meer in, bijvoorbeeld ${example}.` });
        return z.NEVER;
      }
      if (max !== undefined && Number(text) > max) {
        ctx.addIssue({ code: "custom", message: `Vul een getal van 0 tot en met ${max} in.` });
        return z.NEVER;
      }
      return text;
    });

/** A fact's text: a Dutch number ("8,5") becomes the decimal the engine compares ("8.5"); other text stays as typed. */
export function dutchNumberAsDecimal(text: string): string {
  return /^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text;
}

export type Facts = Record<string, boolean | string>;
export type Assessment = { module: string; targetGroup: string | null; scores: Record<string, string> };
export type FieldBestEntry = { module: string; targetGroup: string | null; points: string };

export type WhatIfInput = {
  prestaties: string[];
  facts: Facts;
  previousYearPercent: string | null;
  assessments: Assessment[];
  fieldBest: FieldBestEntry[];
};

export type TargetGroupShare = { module: string; targetGroup: string; percent: string };

export type BudgetAssumptions = {
  facts: Facts;
  /** Per module (and target group): the score every provider is assumed to get ("not assessed" slots are absent). */
  assessments: Assessment[];
  fieldBest: FieldBestEntry[];
  /** Per target group: its share (%) of the volume of the prestaties its module applies to, at every provider. */
  shares: TargetGroupShare[];
};

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function factsSchema(names: { key: string; type: string; text: string }) {
  return z
    .object({
      [names.key]: z.array(z.string().trim().max(100, "De naam van het feit is te lang.")),
      [names.type]: z.array(z.enum(FACT_TYPES, { error: "Kies waar, onwaar, tekst of getal, of ontbreekt." })),
      [names.text]: z.array(z.string().trim().max(200, "De waarde is te lang.")),
    })
    .superRefine((raw, ctx) => {
      const keys = raw[names.key]!;
      const types = raw[names.type]!;
      const texts = raw[names.text]!;
      const seen = new Set<string>();
      keys.forEach((key, i) => {
        if (key === "") return; // an empty row
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [names.key, i], message: `Het feit ${key} staat er al.` });
        seen.add(key);
        if (types[i] === undefined) ctx.addIssue({ code: "custom", path: [names.type, i], message: "Kies waar, onwaar, tekst of getal, of ontbreekt." });
        if (types[i] === "tekst" && (texts[i] ?? "") === "") ctx.addIssue({ code: "custom", path: [names.text, i], message: "Vul een waarde in, of kies “ontbreekt”." });
      });
    })
    .transform((raw) => {
      // Fact names are typed by the user: an object without a prototype keeps `__proto__` a name.
      const facts: Facts = emptyRecord<boolean | string>();
      raw[names.key]!.forEach((key, i) => {
        const type = raw[names.type]![i];
        if (key === "" || type === undefined || type === "ontbreekt") return;
        facts[key] = type === "waar" ? true : type === "onwaar" ? false : dutchNumberAsDecimal(raw[names.text]![i]!);
      });
      return facts;
    });
}

/** Scores per slot: every criterion on its scale, or none (not assessed); a partial assessment is an error. */
function scoresSchema(prefix: "s" | "bs", slots: ScoreSlot[]) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const slot of slots) for (const c of slot.criteria) shape[scoreParam(prefix, slot, c.id)] = z.string({ error: "Kies een score." }).trim();
  // One pass over every slot, so that an off-scale score and a partial module are both reported.
  return z.object(shape).transform((raw, ctx) =>
    slots.flatMap((slot): Assessment[] => {
      const scores = emptyRecord<string>();
      const empty: string[] = [];
      let valid = true;
      for (const c of slot.criteria) {
        const name = scoreParam(prefix, slot, c.id);
        const given = raw[name] ?? "";
        if (given === "") {
          empty.push(name);
          continue;
        }
        const text = canonicalOf(given.replace(",", "."));
        if (text === undefined || !c.scale.includes(text)) {
          ctx.addIssue({ code: "custom", path: [name], message: `Kies een score van de schaal ${c.scale.join(", ").replaceAll(".", ",")}.` });
          valid = false;
        } else scores[c.id] = text;
      }
      if (empty.length === slot.criteria.length) return [];
      for (const name of empty) ctx.addIssue({ code: "custom", path: [name], message: "Kies een score voor elk criterium van deze module, of voor geen enkel." });
      return valid && empty.length === 0 ? [{ module: slot.module, targetGroup: slot.targetGroup, scores }] : [];
    }),
  );
}

function fieldBestSchema(prefix: "fb" | "bfb", slots: ScoreSlot[]) {
  const relative = slots.filter((s) => s.basis === "relative");
  const shape: Record<string, z.ZodType<string | null>> = {};
  for (const slot of relative) shape[fieldBestParam(prefix, slot)] = optionalDutchDecimal("34");
  return z.object(shape).transform((raw) =>
    relative.flatMap((slot): FieldBestEntry[] => {
      const points = raw[fieldBestParam(prefix, slot)];
      return points ? [{ module: slot.module, targetGroup: slot.targetGroup, points }] : [];
    }),
  );
}

/** Target-group shares: each 0–100 %, together at most 100 % (a client is in one target group at most). */
function sharesSchema(slots: ScoreSlot[]) {
  const groups = slots.filter((s): s is ScoreSlot & { targetGroup: string } => s.targetGroup !== null);
  const shape: Record<string, z.ZodType<string | null>> = {};
  for (const slot of groups) shape[shareParam(slot)] = optionalDutchDecimal("10", { max: 100 });
  return z.object(shape).transform((raw, ctx): TargetGroupShare[] => {
    const shares = groups.map((slot) => ({ module: slot.module, targetGroup: slot.targetGroup, percent: raw[shareParam(slot)] ?? "0" }));
    const total = shares.reduce((sum, s) => sum.plus(s.percent), new D(0));
    if (total.gt(100)) {
      const text = canonical(total).replace(".", ",");
      for (const slot of groups) {
        ctx.addIssue({ code: "custom", path: [shareParam(slot)], message: `De aandelen van de doelgroepen tellen op tot ${text} %; samen hoogstens 100 %.` });
      }
      return z.NEVER;
    }
    return shares;
  });
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = emptyRecord<string>();
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The what-if form's schema for this kader and tariff table. */
export function whatIfSchema(kader: Kader, tariffCodes: readonly string[]) {
  const slots = scoreSlots(kader, { withTargetGroups: true });
  const known = new Set(tariffCodes);
  const prestaties = z.object({
    [PARAM.prestatie]: z
      .array(z.string())
      .superRefine((codes, ctx) => {
        if (codes.length === 0) ctx.addIssue({ code: "custom", message: "Kies minstens één prestatie." });
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Onbekende prestatie ${unknown.join(", ")}: kies uit de tarieftabel.` });
        if (new Set(codes).size !== codes.length) ctx.addIssue({ code: "custom", message: "Elke prestatie één keer kiezen." });
      }),
    [PARAM.previousYear]: optionalDutchDecimal("97,5", { max: 100 }),
  });
  const facts = factsSchema({ key: PARAM.factKey, type: PARAM.factType, text: PARAM.factText });
  const scores = scoresSchema("s", slots);
  const fieldBest = fieldBestSchema("fb", slots);
  // One schema of four parts, every part checked (so every error shows at once).
  return z.unknown().transform((raw, ctx): WhatIfInput => {
    const parts = [prestaties.safeParse(raw), facts.safeParse(raw), scores.safeParse(raw), fieldBest.safeParse(raw)] as const;
    for (const p of parts) if (!p.success) for (const issue of p.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    if (!parts.every((p) => p.success)) return z.NEVER;
    const [p, f, s, b] = parts.map((x) => x.data) as [z.output<typeof prestaties>, Facts, Assessment[], FieldBestEntry[]];
    return {
      prestaties: tariffCodes.filter((c) => (p[PARAM.prestatie] as string[]).includes(c)),
      facts: f,
      previousYearPercent: p[PARAM.previousYear] as string | null,
      assessments: s,
      fieldBest: b,
    };
  });
}

/** The budget assumptions' schema for this kader. */
export function budgetSchema(kader: Kader) {
  const slots = scoreSlots(kader, { withTargetGroups: true });
  const facts = factsSchema({ key: PARAM.budgetFactKey, type: PARAM.budgetFactType, text: PARAM.budgetFactText });
  const scores = scoresSchema("bs", slots);
  const fieldBest = fieldBestSchema("bfb", slots);
  const shares = sharesSchema(slots);
  return z.unknown().transform((raw, ctx): BudgetAssumptions => {
    const parts = [facts.safeParse(raw), scores.safeParse(raw), fieldBest.safeParse(raw), shares.safeParse(raw)] as const;
    for (const p of parts) if (!p.success) for (const issue of p.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    if (!parts.every((p) => p.success)) return z.NEVER;
    const [f, s, b, a] = parts.map((x) => x.data) as [Facts, Assessment[], FieldBestEntry[], TargetGroupShare[]];
    return { facts: f, assessments: s, fieldBest: b, shares: a };
  });
}

/** The form's values as the schemas read them (arrays for repeated parameters). */
function rawOf(form: PreviewForm): Record<string, unknown> {
  const rows = (rows: FactRow[], names: { key: string; type: string; text: string }) => ({
    [names.key]: rows.map((r) => r.key),
    [names.type]: rows.map((r) => r.type),
    [names.text]: rows.map((r) => r.text),
  });
  return {
    [PARAM.prestatie]: form.prestaties,
    [PARAM.previousYear]: form.previousYear,
    ...rows(form.facts, { key: PARAM.factKey, type: PARAM.factType, text: PARAM.factText }),
    ...rows(form.budgetFacts, { key: PARAM.budgetFactKey, type: PARAM.budgetFactType, text: PARAM.budgetFactText }),
    ...form.scores,
    ...form.fieldBest,
    ...form.budgetScores,
    ...form.budgetFieldBest,
    ...form.budgetShares,
  };
}

export type ParsedPreviewParams = { form: PreviewForm; whatIf: Validated<WhatIfInput>; budget: Validated<BudgetAssumptions> };

/** Reads the query: the form's values (defaults filled in), and the what-if and budget parts, each valid or with its field errors. */
export function parsePreviewParams(params: URLSearchParams, kader: Kader, tariffCodes: readonly string[]): ParsedPreviewParams {
  const form = previewForm(params, kader, tariffCodes);
  const raw = rawOf(form);
  const w = whatIfSchema(kader, tariffCodes).safeParse(raw);
  const b = budgetSchema(kader).safeParse(raw);
  return {
    form,
    whatIf: w.success ? { ok: true, value: w.data } : { ok: false, errors: toFieldErrors(w.error.issues) },
    budget: b.success ? { ok: true, value: b.data } : { ok: false, errors: toFieldErrors(b.error.issues) },
  };
}

// ---------------------------------------------------------------------------
// The inputs documents

const assessmentOf = (a: Assessment) => ({ module: a.module, ...(a.targetGroup !== null && { targetGroup: a.targetGroup }), scores: { ...a.scores } });
const fieldBestOf = (f: FieldBestEntry) => ({ module: f.module, ...(f.targetGroup !== null && { targetGroup: f.targetGroup }), points: f.points });

/** The what-if as an inputs document: one provider, "voorbeeld", with the chosen prestaties, facts, previous-year percentage and scores. */
export function buildExampleInputs(kader: Kader, tariffs: readonly Tariff[], w: WhatIfInput): Inputs {
  const provider: Provider = {
    id: EXAMPLE_PROVIDER_ID,
    name: EXAMPLE_PROVIDER_NAME,
    prestaties: [...w.prestaties],
    ...(w.previousYearPercent !== null && { previousYearPercent: w.previousYearPercent }),
    facts: { ...w.facts },
    assessments: w.assessments.map(assessmentOf),
  };
  return {
    format: INPUTS_FORMAT,
    kader: kader.id,
    tariffs: tariffs.map((t) => ({ ...t })),
    providers: [provider],
    ...(w.fieldBest.length > 0 && { fieldBest: w.fieldBest.map(fieldBestOf) }),
  };
}

/** A provider as the registry knows it for the kader's year (registeredProviders). */
export type RegistryProvider = { agbCode: string; name: string; volumes: Record<string, string>; previousYearPercent: string | null };

export type LeftOut = { agbCode: string; name: string; reason: "noVolumes" | "unknownPrestaties"; codes: string[] };

/**
 * The budget scenario with surcharges as an inputs document: every registered provider with
 * volumes (id = AGB code), its prestaties those it has volumes for, its previous-year
 * percentage, the assumed facts, and the assumed scores per module and target group. The
 * engine's budget counts regular lines only (spec 4); budget.server.ts adds each target
 * group's share of the volume at its target-group line's tariff.
 * Providers without volumes are left out; volumes for prestaties the tariff table lacks are
 * dropped. Both are reported.
 */
export function buildBudgetInputs(
  kader: Kader,
  tariffs: readonly Tariff[],
  registry: readonly RegistryProvider[],
  assumptions: BudgetAssumptions,
): { inputs: Inputs; leftOut: LeftOut[]; droppedVolumes: LeftOut[] } {
  const known = new Set(tariffs.map((t) => t.code));
  const leftOut: LeftOut[] = [];
  const droppedVolumes: LeftOut[] = [];
  const providers: Provider[] = [];
  for (const p of registry) {
    const codes = Object.keys(p.volumes);
    if (codes.length === 0) {
      leftOut.push({ agbCode: p.agbCode, name: p.name, reason: "noVolumes", codes: [] });
      continue;
    }
    const unknown = codes.filter((c) => !known.has(c));
    const usable = tariffs.map((t) => t.code).filter((c) => Object.hasOwn(p.volumes, c));
    if (usable.length === 0) {
      leftOut.push({ agbCode: p.agbCode, name: p.name, reason: "unknownPrestaties", codes: unknown });
      continue;
    }
    if (unknown.length > 0) droppedVolumes.push({ agbCode: p.agbCode, name: p.name, reason: "unknownPrestaties", codes: unknown });
    providers.push({
      id: p.agbCode,
      name: p.name,
      prestaties: usable,
      ...(p.previousYearPercent !== null && { previousYearPercent: p.previousYearPercent }),
      facts: { ...assumptions.facts },
      assessments: assumptions.assessments.map(assessmentOf),
      volumes: Object.fromEntries(usable.map((c) => [c, p.volumes[c]!])),
    });
  }
  const inputs: Inputs = {
    format: INPUTS_FORMAT,
    kader: kader.id,
    tariffs: tariffs.map((t) => ({ ...t })),
    providers,
    ...(assumptions.fieldBest.length > 0 && { fieldBest: assumptions.fieldBest.map(fieldBestOf) }),
  };
  return { inputs, leftOut, droppedVolumes };
}

/** The kader at base rate only: its surcharges removed; a previous-year rule stays, counting no surcharges. */
export function baseOnlyKader(kader: Kader): Kader {
  return { ...kader, surcharges: [], ...(kader.previousYear && { previousYear: { ...kader.previousYear, over: [] } }) };
}

/** The same providers for the base-only kader: no assessments or field best (it has no modules). */
export function baseOnlyInputs(inputs: Inputs): Inputs {
  const { fieldBest: _fieldBest, ...rest } = inputs;
  return { ...rest, providers: inputs.providers.map(({ assessments: _assessments, ...p }) => p) };
}
