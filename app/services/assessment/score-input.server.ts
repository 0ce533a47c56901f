// Reading and checking a scoring or consensus form against a plan's criteria: a score must be
// one of the criterion's scale values, a motivation is required, and below the scale's maximum
// "wat ontbrak" is required too. Every problem is reported at its field, in Dutch.
import { canonicalOf } from "../../../scoring/decimal";
import { formatNumber } from "../../../scoring";
import type { FieldErrors } from "../../lib/forms";
import { deviationField, MAX_TEXT, missingField, motivationField, scoreField } from "./fields";
import type { CriterionScale } from "./plans.server";

export type FormLike = { get(name: string): FormDataEntryValue | null };

export type CriterionInput = {
  criterionId: string;
  score: string | null;
  motivation: string;
  missing: string;
  deviation: string;
};

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : "";
}

export function scaleText(c: CriterionScale): string {
  return c.scale.map((s) => formatNumber(s)).join(", ");
}

/**
 * Reads one value per criterion. `complete`: every score, motivation and (below the maximum)
 * "wat ontbrak" must be there (submitting, consensus); otherwise only what is given is checked
 * (a draft). `individual` (consensus): the assessors' scores per criterion, to require a
 * deviation reason for a score that differs from every one of them.
 */
export function readScores(
  criteria: readonly CriterionScale[],
  form: FormLike,
  options: {
    complete: boolean;
    individual?: ReadonlyMap<string, readonly string[]>;
  }
): { ok: true; values: CriterionInput[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = Object.create(null);
  const values: CriterionInput[] = [];
  for (const c of criteria) {
    const rawScore = text(form, scoreField(c.id)).replace(",", ".");
    const motivation = text(form, motivationField(c.id));
    const missing = text(form, missingField(c.id));
    const deviation = text(form, deviationField(c.id));
    for (const [field, value] of [
      [motivationField(c.id), motivation],
      [missingField(c.id), missing],
      [deviationField(c.id), deviation],
    ] as const) {
      if (CONTROL.test(value)) errors[field] = "Dit veld bevat een ongeldig teken (een stuurteken). Verwijder het.";
      else if (value.length > MAX_TEXT) errors[field] = `Dit veld is te lang: hooguit ${formatNumber(MAX_TEXT)} tekens.`;
    }
    let score: string | null = null;
    if (rawScore !== "") {
      const canonical = canonicalOf(rawScore);
      if (canonical === undefined || !c.scale.includes(canonical)) errors[scoreField(c.id)] = `Kies een score op de schaal van dit criterium: ${scaleText(c)}.`;
      else score = canonical;
    } else if (options.complete) errors[scoreField(c.id)] = `Geef een score op de schaal ${scaleText(c)}.`;
    if (options.complete) {
      if (motivation === "") errors[motivationField(c.id)] ??= "Schrijf een motivering bij deze score.";
      if (score !== null && score !== c.max && missing === "")
        errors[missingField(c.id)] ??= `De score is lager dan het maximum (${formatNumber(c.max)}): schrijf wat er ontbrak voor de maximale score.`;
    }
    if (score !== null && score === c.max && missing !== "") errors[missingField(c.id)] ??= "Bij de maximale score ontbrak er niets: laat dit veld leeg.";
    if (options.individual && score !== null) {
      const given = options.individual.get(c.id) ?? [];
      if (!given.includes(score) && deviation === "")
        errors[deviationField(c.id)] ??= `Deze score wijkt af van elke individuele score (${given
          .map((g) => formatNumber(g))
          .join(", ")}): geef de reden van de afwijking.`;
    }
    values.push({ criterionId: c.id, score, motivation, missing, deviation });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values };
}

/** The stored motivation of a final score: the motivation, and what was missing below the maximum. */
export function finalMotivation(v: Pick<CriterionInput, "motivation" | "missing">): string {
  return v.missing === "" ? v.motivation : `${v.motivation}\n\nWat ontbrak voor de maximale score: ${v.missing}`;
}
