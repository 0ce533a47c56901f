// Where the assessment of an opened kader stands: who is assigned to which module and target
// group, who declared what, who submitted which plan's scores, and which plans have their final
// scores. Loaded in a handful of queries per kader; every page and every rule reads it from here,
// so that the set-up page, the assessor's list and the refusals agree.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import {
  assessmentAssignments,
  assessmentConflictDeclarations,
  assessmentFinalScores,
  assessmentScoreSubmissions,
  assessmentScores,
  kaders,
  userRoles,
  users,
} from "../../../db/schema";
import { assessmentMethod, type AssessmentMethod, type Kader } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { openingOf } from "../submissions/access.server";
import { currentKader, groupKey, kaderPlans, planKey, type KaderRow, type Plan, type PlanRef } from "./plans.server";

export type Refusal = {
  ok: false;
  status: 400 | 403 | 404 | 409;
  errors: FieldErrors;
};

export function refusal(status: Refusal["status"], message: string, field = "_form"): Refusal {
  const errors: FieldErrors = Object.create(null);
  errors[field] = message;
  return { ok: false, status, errors };
}

export const KADER_NOT_FOUND = "Dit kader bestaat niet of is niet van uw zorgkantoor.";
export const NOT_OPENED = "De inschrijvingen van dit kader zijn nog niet geopend. Beoordelen kan pas na de opening door twee inkopers.";

export type PlanStatus = "niet_gestart" | "bezig" | "ingediend" | "definitief";
export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  niet_gestart: "Nog niet begonnen",
  bezig: "Wordt beoordeeld",
  ingediend: "Alle scores ingediend",
  definitief: "Eindscores vastgesteld",
};

export type Person = { id: number; name: string };

export type PlanState = Plan & {
  /** Assigned to the plan's module and target group, without a declared conflict for its provider. */
  assessors: Person[];
  /** Assigned, but declared a conflict for this provider: excluded. */
  conflicted: Person[];
  /** Of `assessors`, those who submitted their scores. */
  submitted: Person[];
  required: number;
  short: boolean;
  /** Every assessor submitted and there are at least `required` of them: the final scores can be set. */
  readyForFinal: boolean;
  final: boolean;
  status: PlanStatus;
};

export type AssessmentState = {
  row: KaderRow;
  kader: Kader;
  method: AssessmentMethod;
  plans: PlanState[];
  /** Assessors per module and target group (groupKey). */
  assignments: Map<string, Person[]>;
  /** Per assessor: provider id → conflict (true) or not (false). */
  declarations: Map<number, Map<number, boolean>>;
};

export function kaderBySlug(db: Db, slug: string): KaderRow | undefined {
  return db.select().from(kaders).where(eq(kaders.slug, slug)).get();
}

/** Staff of the kader's zorgkantoor in one of `roles`. */
export function isStaffOf(user: SessionUser, row: KaderRow, role: "inkoper" | "beoordelaar"): boolean {
  return user.organisation?.kind === "zorgkantoor" && user.organisation.id === row.zorgkantoorId && user.roles.includes(role);
}

export function isOpened(db: Db, row: KaderRow, now: Date): boolean {
  const opening = openingOf(db, row.id);
  return opening !== null && opening.completedAt.getTime() <= now.getTime();
}

/** The beoordelaars of a zorgkantoor (active accounts). */
export function assessorsOf(db: Db, zorgkantoorId: number): Person[] {
  return db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.organisationId, zorgkantoorId), eq(userRoles.role, "beoordelaar")))
    .all()
    .filter((u) => u.disabledAt === null)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
}

function names(db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, ids))
      .all()
      .map((u) => [u.id, u.name])
  );
}

/** The state of every plan of an opened kader (the caller checked the opening and the actor). */
export function assessmentState(db: Db, row: KaderRow, options: { providerIds?: readonly number[] } = {}): AssessmentState | null {
  const kader = currentKader(db, row.id);
  if (!kader) return null;
  const method = assessmentMethod(kader);
  const plans = kaderPlans(db, row.id, options);

  const assignmentRows = db.select().from(assessmentAssignments).where(eq(assessmentAssignments.kaderId, row.id)).all();
  const declarationRows = db.select().from(assessmentConflictDeclarations).where(eq(assessmentConflictDeclarations.kaderId, row.id)).all();
  const submissionRows = db.select().from(assessmentScoreSubmissions).where(eq(assessmentScoreSubmissions.kaderId, row.id)).all();
  const scoreRows = db
    .select({
      providerId: assessmentScores.providerId,
      moduleId: assessmentScores.moduleId,
      targetGroupId: assessmentScores.targetGroupId,
    })
    .from(assessmentScores)
    .where(eq(assessmentScores.kaderId, row.id))
    .all();
  const finalRows = db
    .select({
      providerId: assessmentFinalScores.providerId,
      moduleId: assessmentFinalScores.moduleId,
      targetGroupId: assessmentFinalScores.targetGroupId,
      criterionId: assessmentFinalScores.criterionId,
    })
    .from(assessmentFinalScores)
    .where(eq(assessmentFinalScores.kaderId, row.id))
    .all();
  const who = names(db, [...new Set(assignmentRows.map((a) => a.assessorUserId))]);

  const assignments = new Map<string, Person[]>();
  for (const a of assignmentRows) {
    const key = groupKey(a.moduleId, a.targetGroupId);
    const list = assignments.get(key) ?? [];
    list.push({
      id: a.assessorUserId,
      name: who.get(a.assessorUserId) ?? String(a.assessorUserId),
    });
    assignments.set(key, list);
  }
  for (const list of assignments.values()) list.sort((a, b) => a.name.localeCompare(b.name, "nl"));
  const declarations = new Map<number, Map<number, boolean>>();
  for (const d of declarationRows) {
    const m = declarations.get(d.assessorUserId) ?? new Map<number, boolean>();
    m.set(d.providerId, d.conflict);
    declarations.set(d.assessorUserId, m);
  }
  const submittedBy = new Map<string, Set<number>>();
  for (const s of submissionRows) {
    const key = planKey(s);
    const set = submittedBy.get(key) ?? new Set<number>();
    set.add(s.assessorUserId);
    submittedBy.set(key, set);
  }
  const started = new Set(scoreRows.map((s) => planKey(s)));
  const finals = new Map<string, Set<string>>();
  for (const f of finalRows) {
    const key = planKey(f);
    const set = finals.get(key) ?? new Set<string>();
    set.add(f.criterionId);
    finals.set(key, set);
  }

  const states = plans.map((plan): PlanState => {
    const assigned = assignments.get(groupKey(plan.moduleId, plan.targetGroupId)) ?? [];
    const conflicted = assigned.filter((p) => declarations.get(p.id)?.get(plan.providerId) === true);
    const assessors = assigned.filter((p) => declarations.get(p.id)?.get(plan.providerId) !== true);
    const done = submittedBy.get(planKey(plan)) ?? new Set<number>();
    const submitted = assessors.filter((p) => done.has(p.id));
    const final = plan.criteria.every((c) => finals.get(planKey(plan))?.has(c.id) === true);
    const readyForFinal = assessors.length >= method.assessors && submitted.length === assessors.length;
    const status: PlanStatus = final ? "definitief" : readyForFinal ? "ingediend" : started.has(planKey(plan)) ? "bezig" : "niet_gestart";
    return {
      ...plan,
      assessors,
      conflicted,
      submitted,
      required: method.assessors,
      short: assessors.length < method.assessors,
      readyForFinal,
      final,
      status,
    };
  });
  return { row, kader, method, plans: states, assignments, declarations };
}

export function findPlan(state: AssessmentState, ref: PlanRef): PlanState | undefined {
  return state.plans.find((p) => p.providerId === ref.providerId && p.moduleId === ref.moduleId && p.targetGroupId === ref.targetGroupId);
}

/** The providers with a plan that this assessor has not yet declared about. */
export function undeclaredProviders(state: AssessmentState, assessorId: number): number[] {
  const declared = state.declarations.get(assessorId);
  return [...new Set(state.plans.map((p) => p.providerId))].filter((id) => !declared?.has(id));
}
