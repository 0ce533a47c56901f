// The monitor's what-if (wat-als): a GET form, so a scenario is a shareable link and changes
// nothing. The provider may change what it declares itself (facts with source `aanbieder`,
// typed as the kader declares them) and the scores it expects per criterion (only values on the
// criterion's scale, only for modules and target groups that apply to at least one of its
// prestaties), and for a relative module assume the field's best. Parameter names are made
// from ids the kader declares and checked against the set this provider may use; anything
// else is refused by name, and nothing is computed from a form with an error.
import { z } from "zod";
import type { Assessment, Fact, FactDeclaration, FieldBest, Kader, Tariff } from "../../../scoring";
import { canonicalOf } from "../../../scoring/decimal";
import { appliesTo } from "../../../scoring/compute/surcharges";
import type { FieldErrors } from "../../lib/forms";
import { emptyRecord } from "../../lib/safe-keys";
import { fieldBestParam, scoreParam, scoreSlots, type ScoreSlot } from "../kaders/inputs-builder.server";

/** Marker: the what-if was submitted (without it the form shows the current values and nothing is computed). */
export const WHAT_IF_MARKER = "wat-als";
/** Parameters Remix itself adds to a client-side GET (the loader's data request). */
const FRAMEWORK_PARAMS = new Set(["_data", "_routes", "index"]);

const segment = (id: string) => id.replaceAll("%", "%25").replaceAll("/", "%2F");
export const factParam = (factId: string) => `f/${segment(factId)}`;

export type WhatIfFact = { param: string; id: string; label: string; type: FactDeclaration["type"]; options: string[]; question: string | null };
export type WhatIfSlot = Omit<ScoreSlot, "criteria"> & {
  criteria: (ScoreSlot["criteria"][number] & { param: string })[];
  /** Relative basis only: the parameter of the assumed field best. */
  fieldBestParam: string | null;
  prestaties: string[];
};

export type WhatIfShape = { facts: WhatIfFact[]; slots: WhatIfSlot[] };

/** What this provider may change: its own declarations and the modules that apply to one of its prestaties. */
export function whatIfShape(kader: Kader, tariffs: readonly Tariff[], prestaties: readonly string[]): WhatIfShape {
  const own = new Set(prestaties);
  const providerTariffs = tariffs.filter((t) => own.has(t.code));
  const modules = new Map(kader.surcharges.filter((s) => s.kind === "points").map((s) => [s.id, s]));
  const facts = (kader.facts ?? [])
    .filter((f) => f.source === "aanbieder")
    .map((f) => ({ param: factParam(f.id), id: f.id, label: f.label, type: f.type, options: f.options ?? [], question: f.question ?? null }));
  const slots: WhatIfSlot[] = [];
  for (const slot of scoreSlots(kader, { withTargetGroups: true })) {
    const module = modules.get(slot.module)!;
    const matching = providerTariffs.filter((t) => appliesTo(module.appliesTo, t)).map((t) => t.code);
    if (matching.length === 0) continue;
    slots.push({
      ...slot,
      criteria: slot.criteria.map((c) => ({ ...c, param: scoreParam("s", slot, c.id) })),
      fieldBestParam: slot.basis === "relative" ? fieldBestParam("fb", slot) : null,
      prestaties: matching,
    });
  }
  return { facts, slots };
}

/**
 * The form's values: the query's where given, else the current ones: the facts as they count now,
 * the scores as the latest scoring run established them (empty before a run: scores count only
 * through a run), so that a what-if after a run starts from the established scores.
 */
export type WhatIfForm = { submitted: boolean; values: Record<string, string> };

export type WhatIfParsed =
  | { state: "none"; form: WhatIfForm }
  | { state: "invalid"; form: WhatIfForm; errors: FieldErrors }
  | { state: "ok"; form: WhatIfForm; overrides: { facts: Map<string, Fact | undefined>; assessments: Assessment[]; fieldBest: FieldBest[] } };

/** A fact's current value as the form shows it. */
export function factFormValue(value: Fact | undefined): string {
  if (value === undefined || value === null) return "";
  if (value === true) return "ja";
  if (value === false) return "nee";
  return /^-?\d+\.\d+$/.test(value) ? value.replace(".", ",") : value;
}

const decimalText = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}([.,]\d{1,10})?$/, "Vul een getal in, bijvoorbeeld 12 of 8,5.")
  .transform((v) => canonicalOf(v.replace(",", "."))!);

const pointsText = z
  .string()
  .trim()
  .regex(/^\d{1,15}([.,]\d{1,10})?$/, "Vul een aantal punten van 0 of meer in, bijvoorbeeld 34.")
  .transform((v) => canonicalOf(v.replace(",", "."))!);

function factValue(fact: WhatIfFact, text: string): { value: Fact | undefined } | { error: string } {
  const v = text.trim();
  if (v === "") return { value: undefined };
  switch (fact.type) {
    case "boolean":
      return v === "ja" ? { value: true } : v === "nee" ? { value: false } : { error: "Kies ja, nee of niet verklaard." };
    case "number": {
      const parsed = decimalText.safeParse(v);
      return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]!.message };
    }
    case "text":
      return v.length > 2000 ? { error: "Het antwoord is te lang (hoogstens 2.000 tekens)." } : { value: v };
    case "choice":
      return fact.options.includes(v) ? { value: v } : { error: `Kies een van: ${fact.options.join(", ")}.` };
  }
}

/**
 * Reads the what-if from the query. `current` gives each declared fact's current value and
 * `currentScores` the scores the provider's tariffs now count (the form's defaults). Every
 * parameter must be one this provider may use; each appears once.
 */
export function parseWhatIf(
  params: URLSearchParams,
  shape: WhatIfShape,
  current: ReadonlyMap<string, Fact | undefined>,
  currentScores: readonly Assessment[] = [],
): WhatIfParsed {
  const submitted = params.has(WHAT_IF_MARKER);
  const values = emptyRecord<string>();
  const known = new Set<string>([WHAT_IF_MARKER]);
  for (const f of shape.facts) {
    known.add(f.param);
    values[f.param] = factFormValue(current.get(f.id));
  }
  for (const slot of shape.slots) {
    const established = currentScores.find((a) => a.module === slot.module && (a.targetGroup ?? null) === (slot.targetGroup ?? null));
    for (const c of slot.criteria) {
      known.add(c.param);
      const score = established && Object.prototype.hasOwnProperty.call(established.scores, c.id) ? String(established.scores[c.id]) : "";
      values[c.param] = c.scale.includes(score) ? score : "";
    }
    if (slot.fieldBestParam) {
      known.add(slot.fieldBestParam);
      values[slot.fieldBestParam] = "";
    }
  }
  if (!submitted) return { state: "none", form: { submitted, values } };

  const errors: FieldErrors = emptyRecord<string>();
  for (const key of new Set(params.keys())) {
    if (FRAMEWORK_PARAMS.has(key)) continue;
    if (!known.has(key)) {
      errors._form ??= key.startsWith("s/") || key.startsWith("fb/")
        ? `Voor „${key}” kunt u geen score opgeven: die module of doelgroep bestaat niet in dit kader of geldt niet voor uw prestaties.`
        : `Onbekend veld „${key}”: dit formulier kent dat veld niet.`;
      continue;
    }
    const all = params.getAll(key);
    if (all.length > 1) errors[key] = "Geef dit veld één keer op.";
    else values[key] = all[0]!;
  }

  const facts = new Map<string, Fact | undefined>();
  for (const f of shape.facts) {
    if (errors[f.param]) continue;
    const parsed = factValue(f, values[f.param]!);
    if ("error" in parsed) errors[f.param] = parsed.error;
    else facts.set(f.id, parsed.value);
  }

  const assessments: Assessment[] = [];
  const fieldBest: FieldBest[] = [];
  for (const slot of shape.slots) {
    const scores = emptyRecord<string>();
    const empty: string[] = [];
    let valid = true;
    for (const c of slot.criteria) {
      if (errors[c.param]) {
        valid = false;
        continue;
      }
      const given = values[c.param]!.trim();
      if (given === "") {
        empty.push(c.param);
        continue;
      }
      const text = /^\d{1,15}([.,]\d{1,10})?$/.test(given) ? canonicalOf(given.replace(",", ".")) : undefined;
      if (text === undefined || !c.scale.includes(text)) {
        errors[c.param] = `Kies een score van de schaal ${c.scale.join(", ").replaceAll(".", ",")}.`;
        valid = false;
      } else scores[c.id] = text;
    }
    if (empty.length > 0 && empty.length < slot.criteria.length) {
      for (const name of empty) errors[name] = "Kies een score voor elk criterium van dit plan, of voor geen enkel.";
      valid = false;
    }
    if (slot.fieldBestParam && !errors[slot.fieldBestParam]) {
      const given = values[slot.fieldBestParam]!.trim();
      if (given !== "") {
        const parsed = pointsText.safeParse(given);
        if (!parsed.success) errors[slot.fieldBestParam] = parsed.error.issues[0]!.message;
        else if (empty.length === 0) fieldBest.push({ module: slot.module, targetGroup: slot.targetGroup, points: parsed.data });
      }
    }
    if (valid && empty.length === 0) assessments.push({ module: slot.module, targetGroup: slot.targetGroup, scores });
  }

  const form = { submitted, values };
  if (Object.keys(errors).length > 0) return { state: "invalid", form, errors };
  return { state: "ok", form, overrides: { facts, assessments, fieldBest } };
}
