import type { Kader } from "../../../scoring";
import type { FieldErrors } from "../../lib/forms";
import { pointsModules, providerFacts } from "./content";

/**
 * The submission form's field names, and the way between a posted form and the content tree
 * that `parseSubmissionContent` checks.
 *
 * Field names hold positions in the kader (the i-th declared fact, the m-th points module, its
 * g-th target group, its c-th criterion), never ids: kader ids may hold dots and any other
 * character, and a field name the user can forge then never becomes an object key. A form is
 * bound to the kader version it was rendered for (the action compares it), so positions are
 * stable between rendering and posting. Drafts are stored as content trees (by id), so a
 * draft survives an amendment that reorders the kader.
 *
 *   decl.<i>                      declaration: "ja"/"nee", a number as typed, text, a choice
 *   evidence.<i>                  SHA-256 of a document backing declaration i (repeatable)
 *   module.<m>                    "ja": the provider takes part in module m
 *   plan.<m>.<c>                  answer to criterion c (module without target groups)
 *   group.<m>.<g>                 "ja": the provider offers target group g of module m
 *   plan.<m>.<g>.<c>              answer to criterion c for target group g
 *   plan.<m>.<g>.capacity|context|expertise
 *   attachments                   SHA-256 of a general attachment (repeatable)
 */
export const YES = "ja";
export const NO = "nee";

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };
type KaderShape = Pick<Kader, "facts" | "surcharges">;

const GROUP_FIELDS = ["capacity", "context", "expertise"] as const;

function text(form: FormLike, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

function texts(form: FormLike, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
}

function record(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

function has(o: unknown, key: string): boolean {
  return typeof o === "object" && o !== null && Object.prototype.hasOwnProperty.call(o, key);
}

function get(o: unknown, key: string): unknown {
  return has(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** A capacity as typed: a whole number becomes a number, anything else stays text (and fails validation). */
function capacityValue(raw: string | undefined): unknown {
  if (raw === undefined || raw.trim() === "") return undefined;
  return /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
}

/**
 * The content tree a posted form describes, for `parseSubmissionContent` (or as a draft).
 * Only the fields the kader defines are read; anything else in the form is ignored.
 */
export function contentFromForm(kader: KaderShape, form: FormLike): Record<string, unknown> {
  const declarations = record();
  const evidence = record();
  providerFacts(kader).forEach((fact, i) => {
    const raw = text(form, `decl.${i}`);
    if (raw !== undefined && raw !== "") {
      if (fact.type === "boolean") declarations[fact.id] = raw === YES ? true : raw === NO ? false : raw;
      else declarations[fact.id] = raw;
    }
    const docs = texts(form, `evidence.${i}`);
    if (docs.length > 0) evidence[fact.id] = docs;
  });

  const plans = record();
  pointsModules(kader).forEach((module, m) => {
    if (text(form, `module.${m}`) !== YES) return;
    const answersOf = (prefix: string) => {
      const answers = record();
      module.criteria.forEach((criterion, c) => {
        const answer = text(form, `${prefix}.${c}`);
        if (answer !== undefined) answers[criterion.id] = answer;
      });
      return answers;
    };
    if (!module.targetGroups) {
      plans[module.id] = { answers: answersOf(`plan.${m}`) };
      return;
    }
    const groups = record();
    module.targetGroups.forEach((group, g) => {
      if (text(form, `group.${m}.${g}`) !== YES) return;
      const prefix = `plan.${m}.${g}`;
      groups[group.id] = {
        answers: answersOf(prefix),
        capacity: capacityValue(text(form, `${prefix}.capacity`)),
        context: text(form, `${prefix}.context`) ?? "",
        expertise: text(form, `${prefix}.expertise`) ?? "",
      };
    });
    plans[module.id] = { targetGroups: groups };
  });

  const content = record();
  content.declarations = declarations;
  content.evidence = evidence;
  content.plans = plans;
  content.attachments = texts(form, "attachments");
  return content;
}

/**
 * The form's field values for a content tree (a draft, or the submission being replaced), by
 * the current kader's positions; what the kader no longer asks is left out. Repeatable fields
 * hold every value.
 */
export function formValuesFromContent(kader: KaderShape, content: unknown): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const put = (name: string, value: unknown) => {
    if (typeof value === "string") values.set(name, [value]);
    else if (typeof value === "number") values.set(name, [String(value).replace(".", ",")]);
    else if (typeof value === "boolean") values.set(name, [value ? YES : NO]);
  };
  const declarations = get(content, "declarations");
  const evidence = get(content, "evidence");
  providerFacts(kader).forEach((fact, i) => {
    const declared = get(declarations, fact.id);
    // A number is stored as a decimal string with a point; the form shows the Dutch comma.
    put(`decl.${i}`, fact.type === "number" && typeof declared === "string" ? declared.replace(".", ",") : declared);
    const docs = get(evidence, fact.id);
    if (Array.isArray(docs)) values.set(`evidence.${i}`, docs.filter((d): d is string => typeof d === "string"));
  });
  const plans = get(content, "plans");
  pointsModules(kader).forEach((module, m) => {
    if (!has(plans, module.id)) return;
    values.set(`module.${m}`, [YES]);
    const plan = get(plans, module.id);
    const putAnswers = (answers: unknown, prefix: string) => module.criteria.forEach((criterion, c) => put(`${prefix}.${c}`, get(answers, criterion.id)));
    if (!module.targetGroups) {
      putAnswers(get(plan, "answers"), `plan.${m}`);
      return;
    }
    const groups = get(plan, "targetGroups");
    module.targetGroups.forEach((group, g) => {
      if (!has(groups, group.id)) return;
      values.set(`group.${m}.${g}`, [YES]);
      const groupPlan = get(groups, group.id);
      putAnswers(get(groupPlan, "answers"), `plan.${m}.${g}`);
      for (const field of GROUP_FIELDS) put(`plan.${m}.${g}.${field}`, get(groupPlan, field));
    });
  });
  const attachments = get(content, "attachments");
  if (Array.isArray(attachments)) values.set("attachments", attachments.filter((a): a is string => typeof a === "string"));
  return values;
}

/** Every content path `parseSubmissionContent` reports, with the field that shows it. */
function pathToField(kader: KaderShape): Map<string, string> {
  const map = new Map<string, string>([
    ["declarations", "_form"],
    ["evidence", "_form"],
    ["plans", "_form"],
    ["attachments", "attachments"],
  ]);
  providerFacts(kader).forEach((fact, i) => {
    map.set(`declarations.${fact.id}`, `decl.${i}`);
    map.set(`evidence.${fact.id}`, `evidence.${i}`);
  });
  pointsModules(kader).forEach((module, m) => {
    const base = `plans.${module.id}`;
    map.set(base, `module.${m}`);
    if (!module.targetGroups) {
      map.set(`${base}.answers`, `module.${m}`);
      module.criteria.forEach((criterion, c) => map.set(`${base}.answers.${criterion.id}`, `plan.${m}.${c}`));
      return;
    }
    map.set(`${base}.targetGroups`, `module.${m}`);
    module.targetGroups.forEach((group, g) => {
      const groupBase = `${base}.targetGroups.${group.id}`;
      map.set(groupBase, `group.${m}.${g}`);
      map.set(`${groupBase}.answers`, `group.${m}.${g}`);
      module.criteria.forEach((criterion, c) => map.set(`${groupBase}.answers.${criterion.id}`, `plan.${m}.${g}.${c}`));
      for (const field of GROUP_FIELDS) map.set(`${groupBase}.${field}`, `plan.${m}.${g}.${field}`);
    });
  });
  return map;
}

/**
 * The errors of `parseSubmissionContent` (or `submit`) keyed by form field instead of content
 * path. A path with a trailing list index (`evidence.<fact>.0`, `attachments.3`) is shown at
 * its list; anything else the form has no field for goes to `_form`. The first message per
 * field wins.
 */
export function errorsByField(kader: KaderShape, errors: FieldErrors): FieldErrors {
  const map = pathToField(kader);
  const byField: FieldErrors = Object.create(null);
  for (const [path, message] of Object.entries(errors)) {
    const field = map.get(path) ?? map.get(path.replace(/\.\d+$/, "")) ?? "_form";
    if (!has(byField, field)) byField[field] = message;
  }
  return byField;
}
