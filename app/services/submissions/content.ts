import { z } from "zod";
import { canonicalJson } from "../../../db/canonical-json";
import type { FactDeclaration, Kader, PointsSurcharge } from "../../../scoring";
import { asDecimal } from "../../../scoring/format/common";
import type { FieldErrors } from "../../lib/forms";

/**
 * The content of an inschrijving, generated from the kader it answers:
 * - `declarations`: a value for every fact whose source is `aanbieder`, typed as declared;
 * - `plans`: per points module the provider takes part in, a text answer per criterion, or for a
 *   module with target groups, per chosen target group the answers plus capacity, context and
 *   expertise.
 *
 * Keys come from the kader (fact, module, target group and criterion ids) and from the provider's
 * input, so nothing here indexes a plain object by them: maps and own-property checks only, and
 * the parsed value is built from prototype-less objects.
 */
export type Declarations = Record<string, boolean | string>;
export type Answers = Record<string, string>;
export type TargetGroupPlan = { answers: Answers; capacity: number; context: string; expertise: string };
export type ModulePlan = { answers: Answers } | { targetGroups: Record<string, TargetGroupPlan> };
/** Documents backing declarations, per fact id: attachments by their SHA-256 (hex). */
export type Evidence = Record<string, string[]>;
/**
 * Attachments by their SHA-256 (hex), each uploaded first with `storeAttachment`: `attachments`
 * are the general ones, `evidence` backs declarations. A hash appears once in the whole
 * submission; together at most MAX_ATTACHMENTS.
 */
export type SubmissionContent = { declarations: Declarations; evidence: Evidence; plans: Record<string, ModulePlan>; attachments: string[] };

export const MAX_ANSWER_CHARS = 20_000;
export const MAX_DECLARATION_TEXT_CHARS = 2_000;
export const MAX_CAPACITY = 100_000;
export const MAX_ATTACHMENTS = 20;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Canonical JSON of a whole submission (or draft), in characters. */
export const MAX_CONTENT_CHARS = 2_000_000;

const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export type ParsedContent = { ok: true; value: SubmissionContent; canonical: string } | { ok: false; errors: FieldErrors };

/** The facts a provider declares. */
export function providerFacts(kader: Pick<Kader, "facts">): FactDeclaration[] {
  return (kader.facts ?? []).filter((f) => f.source === "aanbieder");
}

/**
 * Whether a declaration needs its evidence: a "no" claims nothing, so only a yes (or any
 * value of another type) must be backed; a missing declaration has its own error.
 */
function needsEvidence(declared: unknown): boolean {
  return declared !== undefined && declared !== false;
}

/** Every attachment a submission refers to: the general ones and the evidence. */
export function allAttachmentHashes(content: Pick<SubmissionContent, "attachments"> & { evidence?: Evidence }): string[] {
  return [...content.attachments, ...Object.values(content.evidence ?? {}).flat()];
}

/** The modules a provider can write a plan for. */
export function pointsModules(kader: Pick<Kader, "surcharges">): PointsSurcharge[] {
  return kader.surcharges.filter((s): s is PointsSurcharge => s.kind === "points");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

const pathOf = (...parts: string[]) => parts.join(".");

function textProblem(value: unknown, max: number, what: string): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return `Vul ${what} in.`;
  if (value.length > max) return `${capitalise(what)} is te lang (hoogstens ${max.toLocaleString("nl-NL")} tekens).`;
  if (CONTROL_CHARACTER.test(value)) return "Dit veld bevat een ongeldig teken (een stuurteken). Verwijder het.";
  return undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const capacitySchema = z
  .number({ error: "Vul het aantal plaatsen in (een geheel getal)." })
  .int({ error: "Het aantal plaatsen is een geheel getal." })
  .min(1, { error: "Bied minstens 1 plaats aan." })
  .max(MAX_CAPACITY, { error: `Hoogstens ${MAX_CAPACITY.toLocaleString("nl-NL")} plaatsen.` });

function declarationValue(fact: FactDeclaration, value: unknown): { value: boolean | string } | { error: string } {
  switch (fact.type) {
    case "boolean":
      return typeof value === "boolean" ? { value } : { error: "Kies ja of nee." };
    case "number": {
      const decimal = typeof value === "boolean" ? undefined : asDecimal(typeof value === "string" ? value.trim().replace(",", ".") : value);
      return decimal === undefined ? { error: "Vul een getal in." } : { value: decimal };
    }
    case "text": {
      const problem = textProblem(value, MAX_DECLARATION_TEXT_CHARS, "een antwoord");
      return problem ? { error: problem } : { value: (value as string).trim() };
    }
    case "choice": {
      const options = fact.options ?? [];
      return typeof value === "string" && options.includes(value) ? { value } : { error: `Kies een van: ${options.join(", ")}.` };
    }
  }
}

function parseAnswers(raw: unknown, module: PointsSurcharge, path: string, errors: FieldErrors): Answers {
  const answers: Answers = Object.create(null);
  const record = isPlainObject(raw) ? raw : {};
  if (!isPlainObject(raw)) errors[path] = "Beantwoord de criteria van deze module.";
  const known = new Set(module.criteria.map((c) => c.id));
  for (const key of Object.keys(record)) if (!known.has(key)) errors[pathOf(path, key)] = "Onbekend criterium voor deze module.";
  for (const criterion of module.criteria) {
    const value = own(record, criterion.id);
    const problem = textProblem(value, MAX_ANSWER_CHARS, `het antwoord op "${criterion.label}"`);
    if (problem) errors[pathOf(path, criterion.id)] = problem;
    else answers[criterion.id] = value as string;
  }
  return answers;
}

function parseTargetGroupPlan(raw: unknown, module: PointsSurcharge, path: string, errors: FieldErrors): TargetGroupPlan {
  const record = isPlainObject(raw) ? raw : {};
  if (!isPlainObject(raw)) errors[path] = "Vul het plan voor deze doelgroep in.";
  for (const key of Object.keys(record)) {
    if (!["answers", "capacity", "context", "expertise"].includes(key)) errors[pathOf(path, key)] = "Onbekend veld.";
  }
  const answers = parseAnswers(own(record, "answers"), module, pathOf(path, "answers"), errors);
  const capacity = capacitySchema.safeParse(own(record, "capacity"));
  if (!capacity.success) errors[pathOf(path, "capacity")] = capacity.error.issues[0]!.message;
  const context = own(record, "context");
  const contextProblem = textProblem(context, MAX_ANSWER_CHARS, "wat de doelgroep nodig heeft (context)");
  if (contextProblem) errors[pathOf(path, "context")] = contextProblem;
  const expertise = own(record, "expertise");
  const expertiseProblem = textProblem(expertise, MAX_ANSWER_CHARS, "wat u de doelgroep biedt (expertise)");
  if (expertiseProblem) errors[pathOf(path, "expertise")] = expertiseProblem;
  return { answers, capacity: capacity.success ? capacity.data : 0, context: String(context ?? ""), expertise: String(expertise ?? "") };
}

/**
 * Checks a submission against the kader it answers. Errors are Dutch, one per field path
 * (`declarations.<fact>`, `plans.<module>.answers.<criterion>`,
 * `plans.<module>.targetGroups.<group>.capacity`, ...), `_form` for the whole.
 */
export function parseSubmissionContent(kader: Pick<Kader, "facts" | "surcharges">, raw: unknown): ParsedContent {
  const errors: FieldErrors = Object.create(null);
  if (!isPlainObject(raw)) return { ok: false, errors: Object.assign(Object.create(null), { _form: "De inschrijving is leeg of onleesbaar." }) };
  for (const key of Object.keys(raw)) if (!["declarations", "evidence", "plans", "attachments"].includes(key)) errors[key] = "Onbekend veld.";

  const declarations: Declarations = Object.create(null);
  const rawDeclarations = own(raw, "declarations") ?? {};
  const facts = providerFacts(kader);
  if (!isPlainObject(rawDeclarations)) errors.declarations = "De verklaringen zijn onleesbaar.";
  else {
    const known = new Set(facts.map((f) => f.id));
    for (const key of Object.keys(rawDeclarations)) if (!known.has(key)) errors[pathOf("declarations", key)] = "Onbekende verklaring voor dit kader.";
    for (const fact of facts) {
      const path = pathOf("declarations", fact.id);
      const value = own(rawDeclarations, fact.id);
      if (value === undefined || value === null || value === "") {
        errors[path] = fact.type === "boolean" ? "Kies ja of nee." : "Beantwoord deze vraag.";
        continue;
      }
      const parsed = declarationValue(fact, value);
      if ("error" in parsed) errors[path] = parsed.error;
      else declarations[fact.id] = parsed.value;
    }
  }

  const plans: Record<string, ModulePlan> = Object.create(null);
  const rawPlans = own(raw, "plans") ?? {};
  if (!isPlainObject(rawPlans)) errors.plans = "De plannen zijn onleesbaar.";
  else {
    const modules = new Map(pointsModules(kader).map((m) => [m.id, m]));
    for (const moduleId of Object.keys(rawPlans)) {
      const path = pathOf("plans", moduleId);
      const module = modules.get(moduleId);
      if (!module) {
        errors[path] = "Onbekende module voor dit kader.";
        continue;
      }
      const rawPlan = own(rawPlans, moduleId);
      const record = isPlainObject(rawPlan) ? rawPlan : {};
      if (!isPlainObject(rawPlan)) errors[path] = "Het plan voor deze module is onleesbaar.";
      if (!module.targetGroups) {
        for (const key of Object.keys(record)) if (key !== "answers") errors[pathOf(path, key)] = "Onbekend veld.";
        plans[moduleId] = { answers: parseAnswers(own(record, "answers"), module, pathOf(path, "answers"), errors) };
        continue;
      }
      for (const key of Object.keys(record)) if (key !== "targetGroups") errors[pathOf(path, key)] = "Onbekend veld.";
      const groups = new Map(module.targetGroups.map((g) => [g.id, g]));
      const rawGroups = own(record, "targetGroups");
      const chosen: Record<string, TargetGroupPlan> = Object.create(null);
      if (!isPlainObject(rawGroups) || Object.keys(rawGroups).length === 0) {
        errors[pathOf(path, "targetGroups")] = "Kies minstens één doelgroep voor deze module.";
      } else {
        for (const groupId of Object.keys(rawGroups)) {
          const groupPath = pathOf(path, "targetGroups", groupId);
          if (!groups.has(groupId)) errors[groupPath] = "Onbekende doelgroep voor deze module.";
          else chosen[groupId] = parseTargetGroupPlan(own(rawGroups, groupId), module, groupPath, errors);
        }
      }
      plans[moduleId] = { targetGroups: chosen };
    }
  }

  // Every hash once in the whole submission, so the cap counts documents, not mentions.
  const seen = new Set<string>();
  const attachmentRef = (ref: unknown, path: string): string | null => {
    if (typeof ref !== "string" || !SHA256_HEX.test(ref)) errors[path] = "Onbekende bijlage; upload het bestand opnieuw.";
    else if (seen.has(ref)) errors[path] = "Deze bijlage is al toegevoegd.";
    else {
      seen.add(ref);
      return ref;
    }
    return null;
  };

  const evidence: Evidence = Object.create(null);
  const rawEvidence = own(raw, "evidence") ?? {};
  if (!isPlainObject(rawEvidence)) errors.evidence = "De bewijsstukken zijn onleesbaar.";
  else {
    const withEvidence = new Map(facts.filter((f) => (f.evidence ?? "none") !== "none").map((f) => [f.id, f]));
    for (const key of Object.keys(rawEvidence)) {
      if (!withEvidence.has(key)) errors[pathOf("evidence", key)] = "Bij deze verklaring hoort geen bewijsstuk.";
    }
    for (const fact of withEvidence.values()) {
      const path = pathOf("evidence", fact.id);
      const refs = own(rawEvidence, fact.id) ?? [];
      if (!Array.isArray(refs)) {
        errors[path] = "De bewijsstukken zijn onleesbaar.";
        continue;
      }
      const hashes = refs.map((ref, i) => attachmentRef(ref, pathOf(path, String(i)))).filter((h): h is string => h !== null);
      if (hashes.length > 0) evidence[fact.id] = hashes;
      if (fact.evidence === "required" && refs.length === 0 && needsEvidence(own(declarations, fact.id))) {
        errors[path] = "Voeg een bewijsstuk (PDF) toe dat deze verklaring onderbouwt.";
      }
    }
  }

  const attachments: string[] = [];
  const rawAttachments = own(raw, "attachments") ?? [];
  if (!Array.isArray(rawAttachments)) errors.attachments = "De bijlagen zijn onleesbaar.";
  else {
    rawAttachments.forEach((ref, i) => {
      const hash = attachmentRef(ref, pathOf("attachments", String(i)));
      if (hash !== null) attachments.push(hash);
    });
  }
  if (seen.size > MAX_ATTACHMENTS) errors.attachments = `Hoogstens ${MAX_ATTACHMENTS} bijlagen per inschrijving (bewijsstukken meegeteld).`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const value: SubmissionContent = { declarations, evidence, plans, attachments };
  const canonical = canonicalJson(value);
  if (canonical.length > MAX_CONTENT_CHARS) {
    return { ok: false, errors: Object.assign(Object.create(null), { _form: `De inschrijving is te groot (hoogstens ${MAX_CONTENT_CHARS.toLocaleString("nl-NL")} tekens).` }) };
  }
  return { ok: true, value, canonical };
}
