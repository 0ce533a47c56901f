// The beoordelaar's side of the assessment (issue 11): the conflict declarations that come before
// any plan, the list of assigned plans, and the independent scoring of one plan (drafts, then a
// submission that fixes the scores). The plan's text is read through `readSubmission`, so the
// opening rule and the conflict exclusion (gate.server.ts) decide as everywhere else.
import { and, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../../../db/audit.server";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import {
  assessmentConflictDeclarations,
  assessmentFinalScores,
  assessmentScoreSubmissions,
  assessmentScores,
  submissionAttachments,
  users,
} from "../../../db/schema";
import { meanOnScale, type MeanTrace } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { getDb } from "../db.server";
import { listKadersForZorgkantoor } from "../kaders/store.server";
import { sha256Hex } from "../submissions/receipt.server";
import { readSubmission } from "../submissions/submissions.server";
import { conflictField, conflictReasonField, MAX_TEXT } from "./fields";
import { planKey, planPath, type CriterionScale, type PlanRef } from "./plans.server";
import { finalMotivation, readScores, type FormLike } from "./score-input.server";
import {
  assessmentState,
  findPlan,
  isOpened,
  isStaffOf,
  kaderBySlug,
  KADER_NOT_FOUND,
  NOT_OPENED,
  PLAN_STATUS_LABEL,
  refusal,
  undeclaredProviders,
  type AssessmentState,
  type PlanState,
  type Refusal,
} from "./state.server";

const planWhere = (kaderId: number, ref: PlanRef) =>
  and(
    eq(assessmentScores.kaderId, kaderId),
    eq(assessmentScores.providerId, ref.providerId),
    eq(assessmentScores.moduleId, ref.moduleId),
    eq(assessmentScores.targetGroupId, ref.targetGroupId)
  );

function planAudit(slug: string, ref: PlanRef): string {
  return `${slug}/${ref.providerId}/${ref.moduleId}/${ref.targetGroupId}`;
}

// ---------------------------------------------------------------------------
// Kaders and declarations

export type AssessorKader = {
  slug: string;
  title: string;
  year: number;
  opened: boolean;
  assigned: number;
  submitted: number;
  declared: boolean;
};

/** The kaders of the assessor's zorgkantoor, with its assigned plans once opened. */
export function assessorKaders(actor: SessionUser, now: Date = new Date(), db: Db = getDb()): AssessorKader[] {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return [];
  return listKadersForZorgkantoor(org.id, db)
    .filter((k) => k.phase !== "concept")
    .map((k) => {
      const opened = isOpened(db, k, now);
      if (!opened)
        return {
          slug: k.slug,
          title: k.title,
          year: k.year,
          opened,
          assigned: 0,
          submitted: 0,
          declared: false,
        };
      const state = assessmentState(db, k)!;
      const mine = state.plans.filter((p) => p.assessors.some((a) => a.id === actor.id));
      return {
        slug: k.slug,
        title: k.title,
        year: k.year,
        opened,
        assigned: mine.length,
        submitted: mine.filter((p) => p.submitted.some((a) => a.id === actor.id)).length,
        declared: undeclaredProviders(state, actor.id).length === 0,
      };
    });
}

export type AssessorPlanRow = {
  path: string;
  providerName: string;
  moduleLabel: string;
  targetGroupLabel: string | null;
  mine: "open" | "concept" | "ingediend";
  status: string;
};

export type AssessorKaderPage =
  | { opened: false; title: string }
  | {
      opened: true;
      title: string;
      providers: {
        id: number;
        name: string;
        declaration: { conflict: boolean; reason: string | null } | null;
      }[];
      declared: boolean;
      plans: AssessorPlanRow[];
      /** Plans of the assessor's module and target groups that it does not see because of a declared conflict. */
      excluded: number;
    };

function requireAssessor(db: Db, actor: SessionUser, slug: string): { ok: true; row: NonNullable<ReturnType<typeof kaderBySlug>> } | Refusal {
  const row = kaderBySlug(db, slug);
  if (!row || !isStaffOf(actor, row, "beoordelaar") || row.phase === "concept") return refusal(404, KADER_NOT_FOUND);
  return { ok: true, row };
}

export function assessorKaderPage(actor: SessionUser, slug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; page: AssessorKaderPage } | Refusal {
  const ctx = requireAssessor(db, actor, slug);
  if (!ctx.ok) return ctx;
  if (!isOpened(db, ctx.row, now)) return { ok: true, page: { opened: false, title: ctx.row.title } };
  const state = assessmentState(db, ctx.row)!;
  const rows = db
    .select()
    .from(assessmentConflictDeclarations)
    .where(and(eq(assessmentConflictDeclarations.kaderId, ctx.row.id), eq(assessmentConflictDeclarations.assessorUserId, actor.id)))
    .all();
  const byProvider = new Map(rows.map((r) => [r.providerId, { conflict: r.conflict, reason: r.reason }]));
  const providers = new Map<number, string>();
  for (const p of state.plans) providers.set(p.providerId, p.providerName);
  const declared = undeclaredProviders(state, actor.id).length === 0;
  const assignedGroups = state.plans.filter((p) => [...(state.assignments.get(`${p.moduleId}\u0000${p.targetGroupId}`) ?? [])].some((a) => a.id === actor.id));
  const mine = assignedGroups.filter((p) => p.assessors.some((a) => a.id === actor.id));
  const drafts = new Set(
    db
      .select({
        p: assessmentScores.providerId,
        m: assessmentScores.moduleId,
        g: assessmentScores.targetGroupId,
      })
      .from(assessmentScores)
      .where(and(eq(assessmentScores.kaderId, ctx.row.id), eq(assessmentScores.assessorUserId, actor.id)))
      .all()
      .map((r) => planKey({ providerId: r.p, moduleId: r.m, targetGroupId: r.g }))
  );
  return {
    ok: true,
    page: {
      opened: true,
      title: ctx.row.title,
      providers: [...providers]
        .map(([id, name]) => ({
          id,
          name,
          declaration: byProvider.get(id) ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "nl")),
      declared,
      // Until every declaration is made, no plan is listed (not even its provider's name beside a module).
      plans: declared
        ? mine.map((p) => ({
            path: `/beoordeling/${planPath(ctx.row.slug, p)}`,
            providerName: p.providerName,
            moduleLabel: p.moduleLabel,
            targetGroupLabel: p.targetGroupLabel,
            mine: p.submitted.some((a) => a.id === actor.id) ? "ingediend" : drafts.has(planKey(p)) ? "concept" : "open",
            status: PLAN_STATUS_LABEL[p.status],
          }))
        : [],
      excluded: declared ? assignedGroups.length - mine.length : 0,
    },
  };
}

/**
 * The assessor's declarations for every provider with a plan that it has not declared about yet,
 * all at once: per provider "geen belang" or "belang" with a reason. Declarations stand; there is
 * nothing to change afterwards.
 */
export function declareConflicts(
  actor: SessionUser,
  slug: string,
  form: FormLike,
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true; conflicts: number } | Refusal {
  const ctx = requireAssessor(db, actor, slug);
  if (!ctx.ok) return ctx;
  if (!isOpened(db, ctx.row, now)) return refusal(409, NOT_OPENED);
  const state = assessmentState(db, ctx.row)!;
  const open = undeclaredProviders(state, actor.id);
  if (open.length === 0) return refusal(409, "U heeft voor alle aanbieders al een verklaring gegeven; een verklaring blijft staan.");
  const errors: FieldErrors = Object.create(null);
  const entries: {
    providerId: number;
    conflict: boolean;
    reason: string | null;
  }[] = [];
  for (const providerId of open) {
    const choice = form.get(conflictField(providerId));
    const reasonRaw = form.get(conflictReasonField(providerId));
    const reason = typeof reasonRaw === "string" ? reasonRaw.trim() : "";
    if (choice !== "ja" && choice !== "nee") {
      errors[conflictField(providerId)] = "Geef aan of u een belang heeft bij deze aanbieder.";
      continue;
    }
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(reason))
      errors[conflictReasonField(providerId)] = "Dit veld bevat een ongeldig teken (een stuurteken). Verwijder het.";
    else if (reason.length > MAX_TEXT) errors[conflictReasonField(providerId)] = "De reden is te lang.";
    else if (choice === "ja" && reason === "") errors[conflictReasonField(providerId)] = "Geef de reden van het belangenconflict.";
    entries.push({
      providerId,
      conflict: choice === "ja",
      reason: choice === "ja" ? reason : null,
    });
  }
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
  db.transaction(
    (tx) => {
      for (const e of entries)
        tx.insert(assessmentConflictDeclarations)
          .values({
            kaderId: ctx.row.id,
            assessorUserId: actor.id,
            providerId: e.providerId,
            conflict: e.conflict,
            reason: e.reason,
            declaredAt: now,
          })
          .run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "assessment.conflicts_declared",
        entityType: "kader",
        entityId: ctx.row.slug,
        payload: {
          declarations: entries.map((e) => ({
            providerId: e.providerId,
            conflict: e.conflict,
            ...(e.reason ? { reasonSha256: sha256Hex(e.reason) } : {}),
          })),
        },
        organisationIds: [ctx.row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  return { ok: true, conflicts: entries.filter((e) => e.conflict).length };
}

// ---------------------------------------------------------------------------
// One plan

export type PlanText = {
  answers: { criterionId: string; label: string; text: string }[];
  capacity: number | null;
  context: string | null;
  expertise: string | null;
  attachments: { sha256: string; name: string; size: number }[];
};

export type ScoreView = {
  criterionId: string;
  score: string | null;
  motivation: string;
  missing: string;
};
export type IndividualScores = {
  assessor: { id: number; name: string };
  submittedAt: Date;
  scores: ScoreView[];
};
export type FinalView = {
  criterionId: string;
  score: string;
  motivation: string;
  method: "consensus" | "mean";
  deviationReason: string | null;
  setBy: string;
  setAt: Date;
};

export type PlanPage = {
  role: "assessor" | "chair";
  kader: { slug: string; title: string };
  method: { assessors: number; decides: "consensus" | "mean" };
  plan: Pick<
    PlanState,
    | "providerId"
    | "providerName"
    | "moduleId"
    | "moduleLabel"
    | "targetGroupId"
    | "targetGroupLabel"
    | "criteria"
    | "required"
    | "short"
    | "readyForFinal"
    | "final"
  > & {
    status: string;
    assessors: string[];
    submittedCount: number;
    submission: { version: number; contentSha256: string };
  };
  text: PlanText;
  /** The assessor's own scores (assessor role only). */
  own: { scores: ScoreView[]; submittedAt: Date | null } | null;
  /** Other assessors' submitted scores: for an assessor only after submitting its own; for the chair every submitted set. */
  individual: IndividualScores[] | null;
  final: FinalView[];
  /** decides: mean, once every score is in: how each criterion's score was computed. */
  mean: { criterionId: string; trace: MeanTrace }[] | null;
  canScore: boolean;
  canSetConsensus: boolean;
};

type PlanAccess = {
  row: NonNullable<ReturnType<typeof kaderBySlug>>;
  state: AssessmentState;
  plan: PlanState;
  role: "assessor" | "chair";
};

/**
 * Who may open a plan: an inkoper of the zorgkantoor (as chair), or a beoordelaar who declared
 * about every provider, has no conflict with this one and is assigned to its module and target
 * group. `code` tells a page where to send the user.
 */
export type PlanRefusal = Refusal & {
  code: "not_found" | "declare" | "conflict" | "not_assigned" | "role";
};

export function planAccess(db: Db, actor: SessionUser, slug: string, ref: PlanRef, now: Date): ({ ok: true } & PlanAccess) | PlanRefusal {
  const row = kaderBySlug(db, slug);
  const notFound = {
    ...refusal(404, "Dit plan bestaat niet of is niet aan u toegewezen."),
    code: "not_found" as const,
  };
  if (!row || actor.organisation?.id !== row.zorgkantoorId) return notFound;
  const chair = isStaffOf(actor, row, "inkoper");
  const assessor = isStaffOf(actor, row, "beoordelaar");
  if (!chair && !assessor)
    return {
      ...refusal(403, "Alleen beoordelaars en inkopers van het zorgkantoor beoordelen plannen."),
      code: "role",
    };
  if (!isOpened(db, row, now)) return notFound;
  const state = assessmentState(db, row)!;
  const plan = findPlan(state, ref);
  if (!plan) return notFound;
  if (chair) return { ok: true, row, state, plan, role: "chair" };
  if (undeclaredProviders(state, actor.id).length > 0)
    return {
      ...refusal(403, "Verklaar eerst voor elke aanbieder of u een belangenconflict heeft; daarna ziet u de plannen."),
      code: "declare",
    };
  if (state.declarations.get(actor.id)?.get(plan.providerId) === true)
    return {
      ...refusal(403, "U heeft een belangenconflict gemeld bij deze aanbieder: u beoordeelt en ziet zijn plannen niet."),
      code: "conflict",
    };
  if (!plan.assessors.some((a) => a.id === actor.id))
    return {
      ...refusal(403, "Dit plan is niet aan u toegewezen."),
      code: "not_assigned",
    };
  return { ok: true, row, state, plan, role: "assessor" };
}

function planText(db: Db, actor: SessionUser, access: PlanAccess, now: Date): PlanText | null {
  const read = readSubmission(actor, access.row.slug, access.plan.providerId, access.plan.submission.version, db, now);
  if (!read.ok || read.content === null) return null;
  const modulePlan = Object.prototype.hasOwnProperty.call(read.content.plans, access.plan.moduleId) ? read.content.plans[access.plan.moduleId]! : null;
  if (!modulePlan) return null;
  let answers: Record<string, string>;
  let extra: {
    capacity: number | null;
    context: string | null;
    expertise: string | null;
  } = { capacity: null, context: null, expertise: null };
  if ("targetGroups" in modulePlan) {
    const g = Object.prototype.hasOwnProperty.call(modulePlan.targetGroups, access.plan.targetGroupId)
      ? modulePlan.targetGroups[access.plan.targetGroupId]!
      : null;
    if (!g) return null;
    answers = g.answers;
    extra = {
      capacity: g.capacity,
      context: g.context,
      expertise: g.expertise,
    };
  } else answers = modulePlan.answers;
  const hashes = read.content.attachments;
  const files =
    hashes.length === 0
      ? []
      : db
          .select({
            sha256: submissionAttachments.sha256,
            name: submissionAttachments.name,
            size: submissionAttachments.size,
          })
          .from(submissionAttachments)
          .where(
            and(
              eq(submissionAttachments.kaderId, access.row.id),
              eq(submissionAttachments.providerId, access.plan.providerId),
              inArray(submissionAttachments.sha256, hashes)
            )
          )
          .all();
  return {
    answers: access.plan.criteria.map((c) => ({
      criterionId: c.id,
      label: c.label,
      text: Object.prototype.hasOwnProperty.call(answers, c.id) ? answers[c.id]! : "",
    })),
    ...extra,
    attachments: files,
  };
}

function scoresOf(db: Db, kaderId: number, ref: PlanRef, criteria: readonly CriterionScale[]) {
  const rows = db.select().from(assessmentScores).where(planWhere(kaderId, ref)).all();
  const byAssessor = new Map<number, Map<string, ScoreView>>();
  for (const r of rows) {
    const m = byAssessor.get(r.assessorUserId) ?? new Map<string, ScoreView>();
    m.set(r.criterionId, {
      criterionId: r.criterionId,
      score: r.score,
      motivation: r.motivation,
      missing: r.missing,
    });
    byAssessor.set(r.assessorUserId, m);
  }
  const list = (assessorId: number): ScoreView[] =>
    criteria.map(
      (c) =>
        byAssessor.get(assessorId)?.get(c.id) ?? {
          criterionId: c.id,
          score: null,
          motivation: "",
          missing: "",
        }
    );
  return { byAssessor, list };
}

function submissionsOf(db: Db, kaderId: number, ref: PlanRef) {
  return db
    .select({
      assessorUserId: assessmentScoreSubmissions.assessorUserId,
      submittedAt: assessmentScoreSubmissions.submittedAt,
      name: users.name,
    })
    .from(assessmentScoreSubmissions)
    .innerJoin(users, eq(users.id, assessmentScoreSubmissions.assessorUserId))
    .where(
      and(
        eq(assessmentScoreSubmissions.kaderId, kaderId),
        eq(assessmentScoreSubmissions.providerId, ref.providerId),
        eq(assessmentScoreSubmissions.moduleId, ref.moduleId),
        eq(assessmentScoreSubmissions.targetGroupId, ref.targetGroupId)
      )
    )
    .all();
}

export function finalScoresOf(db: Db, kaderId: number, ref: PlanRef, criteria: readonly CriterionScale[]): FinalView[] {
  const rows = db
    .select({ f: assessmentFinalScores, name: users.name })
    .from(assessmentFinalScores)
    .innerJoin(users, eq(users.id, assessmentFinalScores.setBy))
    .where(
      and(
        eq(assessmentFinalScores.kaderId, kaderId),
        eq(assessmentFinalScores.providerId, ref.providerId),
        eq(assessmentFinalScores.moduleId, ref.moduleId),
        eq(assessmentFinalScores.targetGroupId, ref.targetGroupId)
      )
    )
    .all();
  const order = new Map(criteria.map((c, i) => [c.id, i]));
  return rows
    .map((r) => ({
      criterionId: r.f.criterionId,
      score: r.f.score,
      motivation: r.f.motivation,
      method: r.f.method,
      deviationReason: r.f.deviationReason,
      setBy: r.name,
      setAt: r.f.setAt,
    }))
    .sort((a, b) => (order.get(a.criterionId) ?? 99) - (order.get(b.criterionId) ?? 99));
}

/** The mean per criterion over the submitted scores (decides: mean). */
export function meanScores(
  criteria: readonly CriterionScale[],
  submitted: readonly Map<string, ScoreView>[]
): { criterionId: string; score: string; trace: MeanTrace }[] {
  return criteria.map((c) => {
    const scores = submitted.map((m) => m.get(c.id)?.score).filter((s): s is string => typeof s === "string");
    const { score, trace } = meanOnScale(c.scale, scores);
    return { criterionId: c.id, score, trace };
  });
}

export function planPage(actor: SessionUser, slug: string, ref: PlanRef, now: Date = new Date(), db: Db = getDb()): { ok: true; page: PlanPage } | PlanRefusal {
  const access = planAccess(db, actor, slug, ref, now);
  if (!access.ok) return access;
  const text = planText(db, actor, access, now);
  if (!text)
    return {
      ...refusal(404, "Dit plan bestaat niet of is niet aan u toegewezen."),
      code: "not_found",
    };
  const { plan, row, state, role } = access;
  const { byAssessor, list } = scoresOf(db, row.id, plan, plan.criteria);
  const submitted = submissionsOf(db, row.id, plan).filter((s) => plan.assessors.some((a) => a.id === s.assessorUserId));
  const mineSubmitted = submitted.find((s) => s.assessorUserId === actor.id) ?? null;
  // Independence: an assessor sees no one else's scores until its own are submitted; drafts are never shown.
  const showOthers = role === "chair" || mineSubmitted !== null;
  const individual = showOthers
    ? submitted
        .filter((s) => role === "chair" || s.assessorUserId !== actor.id)
        .map((s) => ({
          assessor: { id: s.assessorUserId, name: s.name },
          submittedAt: s.submittedAt,
          scores: list(s.assessorUserId),
        }))
    : null;
  const mean =
    state.method.decides === "mean" && plan.readyForFinal && showOthers
      ? meanScores(
          plan.criteria,
          submitted.map((s) => byAssessor.get(s.assessorUserId) ?? new Map())
        ).map((m) => ({ criterionId: m.criterionId, trace: m.trace }))
      : null;
  return {
    ok: true,
    page: {
      role,
      kader: { slug: row.slug, title: row.title },
      method: state.method,
      plan: {
        providerId: plan.providerId,
        providerName: plan.providerName,
        moduleId: plan.moduleId,
        moduleLabel: plan.moduleLabel,
        targetGroupId: plan.targetGroupId,
        targetGroupLabel: plan.targetGroupLabel,
        criteria: plan.criteria,
        required: plan.required,
        short: plan.short,
        readyForFinal: plan.readyForFinal,
        final: plan.final,
        status: PLAN_STATUS_LABEL[plan.status],
        assessors: plan.assessors.map((a) => a.name),
        submittedCount: plan.submitted.length,
        submission: {
          version: plan.submission.version,
          contentSha256: plan.submission.contentSha256,
        },
      },
      text,
      own:
        role === "assessor"
          ? {
              scores: list(actor.id),
              submittedAt: mineSubmitted?.submittedAt ?? null,
            }
          : null,
      individual,
      final: finalScoresOf(db, row.id, plan, plan.criteria),
      mean,
      canScore: role === "assessor" && mineSubmitted === null,
      canSetConsensus: state.method.decides === "consensus" && plan.readyForFinal && (role === "chair" || mineSubmitted !== null),
    },
  };
}

// ---------------------------------------------------------------------------
// Scoring

function assessorOnly(access: Awaited<ReturnType<typeof planAccess>>): Refusal | null {
  if (!access.ok) return access;
  if (access.role !== "assessor") return refusal(403, "Alleen een toegewezen beoordelaar geeft individuele scores.");
  return null;
}

function alreadySubmitted(db: Db, kaderId: number, ref: PlanRef, assessorId: number): boolean {
  return submissionsOf(db, kaderId, ref).some((s) => s.assessorUserId === assessorId);
}

/**
 * Saves the assessor's draft scores for a plan. `complete`: the draft must be complete (the
 * first step of submitting, which then asks). Refused as a whole at the first bad field: an off-
 * scale score, a too long text; nothing is stored then.
 */
export function saveScores(
  actor: SessionUser,
  slug: string,
  ref: PlanRef,
  form: FormLike,
  options: { complete: boolean },
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true } | Refusal {
  const access = planAccess(db, actor, slug, ref, now);
  const refused = assessorOnly(access);
  if (refused || !access.ok) return refused!;
  const { row, plan } = access;
  if (alreadySubmitted(db, row.id, plan, actor.id)) return refusal(409, "U heeft uw scores voor dit plan al ingediend; ingediende scores veranderen niet.");
  const read = readScores(plan.criteria, form, { complete: options.complete });
  if (!read.ok) return { ok: false, status: 400, errors: read.errors };
  const stored = read.values.map((v) => ({
    criterionId: v.criterionId,
    score: v.score,
    motivation: v.motivation,
    missing: v.missing,
  }));
  db.transaction(
    (tx) => {
      for (const v of stored) {
        tx.insert(assessmentScores)
          .values({
            kaderId: row.id,
            providerId: plan.providerId,
            moduleId: plan.moduleId,
            targetGroupId: plan.targetGroupId,
            assessorUserId: actor.id,
            ...v,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [
              assessmentScores.kaderId,
              assessmentScores.providerId,
              assessmentScores.moduleId,
              assessmentScores.targetGroupId,
              assessmentScores.assessorUserId,
              assessmentScores.criterionId,
            ],
            set: {
              score: v.score,
              motivation: v.motivation,
              missing: v.missing,
              updatedAt: now,
            },
          })
          .run();
      }
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "assessment.scores_draft_saved",
        entityType: "assessment_plan",
        entityId: planAudit(row.slug, plan),
        payload: {
          providerId: plan.providerId,
          moduleId: plan.moduleId,
          targetGroupId: plan.targetGroupId,
          scoresSha256: sha256Hex(canonicalJson(stored)),
        },
        organisationIds: [row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  return { ok: true };
}

/**
 * Submits the assessor's stored scores for a plan: they must be complete (a score on the scale,
 * a motivation, and below the maximum what was missing, for every criterion). From then on the
 * scores are fixed (triggers, migration 0011). With `decides: mean`, the last assessor's
 * submission also sets the final scores, in the same transaction and the same audit event.
 */
export function submitScores(
  actor: SessionUser,
  slug: string,
  ref: PlanRef,
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true; finalSet: boolean } | Refusal {
  const access = planAccess(db, actor, slug, ref, now);
  const refused = assessorOnly(access);
  if (refused || !access.ok) return refused!;
  const { row, plan, state } = access;
  if (alreadySubmitted(db, row.id, plan, actor.id)) return refusal(409, "U heeft uw scores voor dit plan al ingediend; ingediende scores veranderen niet.");
  const { list } = scoresOf(db, row.id, plan, plan.criteria);
  const mine = list(actor.id);
  // The stored draft, checked as a complete form.
  const asForm = new Map<string, string>();
  for (const s of mine) {
    asForm.set(`score.${s.criterionId}`, s.score ?? "");
    asForm.set(`motivatie.${s.criterionId}`, s.motivation);
    asForm.set(`ontbrak.${s.criterionId}`, s.missing);
  }
  const check = readScores(plan.criteria, { get: (n) => asForm.get(n) ?? null }, { complete: true });
  if (!check.ok) return { ok: false, status: 400, errors: check.errors };
  const scoresSha256 = sha256Hex(canonicalJson(mine));
  let finalSet = false;
  db.transaction(
    (tx) => {
      tx.insert(assessmentScoreSubmissions)
        .values({
          kaderId: row.id,
          providerId: plan.providerId,
          moduleId: plan.moduleId,
          targetGroupId: plan.targetGroupId,
          assessorUserId: actor.id,
          submittedAt: now,
          scoresSha256,
        })
        .run();
      let finalSha: string | null = null;
      if (state.method.decides === "mean") {
        // Read inside the transaction: another assessor may have submitted meanwhile.
        const done = new Set(
          tx
            .select({ a: assessmentScoreSubmissions.assessorUserId })
            .from(assessmentScoreSubmissions)
            .where(
              and(
                eq(assessmentScoreSubmissions.kaderId, row.id),
                eq(assessmentScoreSubmissions.providerId, plan.providerId),
                eq(assessmentScoreSubmissions.moduleId, plan.moduleId),
                eq(assessmentScoreSubmissions.targetGroupId, plan.targetGroupId)
              )
            )
            .all()
            .map((r) => r.a)
        );
        const assessors = plan.assessors.filter((a) => done.has(a.id));
        if (assessors.length === plan.assessors.length && assessors.length >= plan.required) {
          const rows = tx.select().from(assessmentScores).where(planWhere(row.id, plan)).all();
          const by = new Map<number, Map<string, ScoreView>>();
          for (const r of rows) {
            const m = by.get(r.assessorUserId) ?? new Map<string, ScoreView>();
            m.set(r.criterionId, {
              criterionId: r.criterionId,
              score: r.score,
              motivation: r.motivation,
              missing: r.missing,
            });
            by.set(r.assessorUserId, m);
          }
          const means = meanScores(
            plan.criteria,
            assessors.map((a) => by.get(a.id) ?? new Map())
          );
          const written = means.map((m) => {
            const individual = assessors.map((a, i) => {
              const s = by.get(a.id)?.get(m.criterionId);
              return `Beoordelaar ${i + 1}: ${s ? finalMotivation(s) : ""}`;
            });
            return {
              criterionId: m.criterionId,
              score: m.score,
              motivation: `${m.trace.text}\n\n${individual.join("\n\n")}`,
            };
          });
          for (const w of written) {
            tx.insert(assessmentFinalScores)
              .values({
                kaderId: row.id,
                providerId: plan.providerId,
                moduleId: plan.moduleId,
                targetGroupId: plan.targetGroupId,
                ...w,
                method: "mean",
                deviationReason: null,
                setBy: actor.id,
                setAt: now,
              })
              .onConflictDoUpdate({
                target: [
                  assessmentFinalScores.kaderId,
                  assessmentFinalScores.providerId,
                  assessmentFinalScores.moduleId,
                  assessmentFinalScores.targetGroupId,
                  assessmentFinalScores.criterionId,
                ],
                set: {
                  score: w.score,
                  motivation: w.motivation,
                  method: "mean",
                  deviationReason: null,
                  setBy: actor.id,
                  setAt: now,
                },
              })
              .run();
          }
          finalSha = sha256Hex(
            canonicalJson(
              written.map((w) => ({
                criterionId: w.criterionId,
                score: w.score,
              }))
            )
          );
          finalSet = true;
        }
      }
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "assessment.scores_submitted",
        entityType: "assessment_plan",
        entityId: planAudit(row.slug, plan),
        payload: {
          providerId: plan.providerId,
          moduleId: plan.moduleId,
          targetGroupId: plan.targetGroupId,
          scoresSha256,
          ...(finalSha ? { finalScores: { method: "mean", scoresSha256: finalSha } } : {}),
        },
        organisationIds: [row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  return { ok: true, finalSet };
}

// ---------------------------------------------------------------------------
// Consensus

/**
 * Sets the consensus scores of a plan (decides: consensus), once every assigned assessor has
 * submitted: by one of the plan's assessors (after its own submission) or an inkoper as chair.
 * Every criterion needs a score on the scale and a consensus motivation (below the maximum also
 * what was missing); a score that differs from every individual score needs a deviation reason.
 * Setting it again overwrites the final scores (a fix), audited.
 */
export function setConsensus(actor: SessionUser, slug: string, ref: PlanRef, form: FormLike, now: Date = new Date(), db: Db = getDb()): { ok: true } | Refusal {
  const access = planAccess(db, actor, slug, ref, now);
  if (!access.ok) return access;
  const { row, plan, state, role } = access;
  if (state.method.decides !== "consensus") return refusal(409, "Dit kader beslist met het gemiddelde van de scores; het platform berekent de eindscore.");
  if (!plan.readyForFinal)
    return refusal(
      409,
      `De consensus volgt pas als alle beoordelaars hun scores hebben ingediend (${plan.submitted.length} van ${Math.max(
        plan.assessors.length,
        plan.required
      )}).`
    );
  if (role === "assessor" && !alreadySubmitted(db, row.id, plan, actor.id)) return refusal(403, "Dien eerst uw eigen scores in.");
  const { byAssessor } = scoresOf(db, row.id, plan, plan.criteria);
  const individual = new Map<string, string[]>();
  for (const c of plan.criteria)
    individual.set(
      c.id,
      plan.assessors.map((a) => byAssessor.get(a.id)?.get(c.id)?.score).filter((s): s is string => typeof s === "string")
    );
  const read = readScores(plan.criteria, form, { complete: true, individual });
  if (!read.ok) return { ok: false, status: 400, errors: read.errors };
  const written = read.values.map((v) => ({
    criterionId: v.criterionId,
    score: v.score!,
    motivation: finalMotivation(v),
    deviationReason: individual.get(v.criterionId)!.includes(v.score!) ? null : v.deviation,
  }));
  db.transaction(
    (tx) => {
      for (const w of written) {
        tx.insert(assessmentFinalScores)
          .values({
            kaderId: row.id,
            providerId: plan.providerId,
            moduleId: plan.moduleId,
            targetGroupId: plan.targetGroupId,
            ...w,
            method: "consensus",
            setBy: actor.id,
            setAt: now,
          })
          .onConflictDoUpdate({
            target: [
              assessmentFinalScores.kaderId,
              assessmentFinalScores.providerId,
              assessmentFinalScores.moduleId,
              assessmentFinalScores.targetGroupId,
              assessmentFinalScores.criterionId,
            ],
            set: {
              score: w.score,
              motivation: w.motivation,
              method: "consensus",
              deviationReason: w.deviationReason,
              setBy: actor.id,
              setAt: now,
            },
          })
          .run();
      }
      appendAudit(tx, {
        actorUserId: actor.id,
        action: plan.final ? "assessment.consensus_corrected" : "assessment.consensus_set",
        entityType: "assessment_plan",
        entityId: planAudit(row.slug, plan),
        payload: {
          providerId: plan.providerId,
          moduleId: plan.moduleId,
          targetGroupId: plan.targetGroupId,
          as: role === "chair" ? "voorzitter" : "beoordelaar",
          scoresSha256: sha256Hex(canonicalJson(written)),
          deviations: written.filter((w) => w.deviationReason !== null).map((w) => w.criterionId),
        },
        organisationIds: [row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  return { ok: true };
}
