// The inkoper's set-up of the assessment (issue 11): after the opening, beoordelaars of the
// zorgkantoor are assigned per module and target group; the page shows per plan how many
// assessors it has against the kader's `assessment.assessors` and where it stands.
import { and, eq } from "drizzle-orm";
import { appendAudit } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { assessmentAssignments, assessmentScores } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { getDb } from "../db.server";
import { groupKey, NO_GROUP, pointsModulesOf } from "./plans.server";
import {
  assessmentState,
  assessorsOf,
  isOpened,
  isStaffOf,
  kaderBySlug,
  KADER_NOT_FOUND,
  NOT_OPENED,
  refusal,
  type PlanState,
  type Person,
  type Refusal,
} from "./state.server";

export type SetupGroup = {
  moduleId: string;
  moduleLabel: string;
  targetGroupId: string;
  targetGroupLabel: string | null;
  assessors: (Person & { removable: boolean })[];
  candidates: Person[];
  plans: PlanState[];
};

export type SetupOverview =
  | { opened: false }
  | {
      opened: true;
      method: { assessors: number; decides: "consensus" | "mean" };
      groups: SetupGroup[];
      plans: number;
      finalPlans: number;
    };

function requireInkoper(db: Db, actor: SessionUser, slug: string) {
  const row = kaderBySlug(db, slug);
  if (!row || actor.organisation?.id !== row.zorgkantoorId) return { ok: false as const, refusal: refusal(404, KADER_NOT_FOUND) };
  if (!isStaffOf(actor, row, "inkoper"))
    return {
      ok: false as const,
      refusal: refusal(403, "Alleen een inkoper van het zorgkantoor richt de beoordeling in."),
    };
  return { ok: true as const, row };
}

export function setupOverview(actor: SessionUser, slug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; overview: SetupOverview } | Refusal {
  const ctx = requireInkoper(db, actor, slug);
  if (!ctx.ok) return ctx.refusal;
  if (!isOpened(db, ctx.row, now)) return { ok: true, overview: { opened: false } };
  const state = assessmentState(db, ctx.row)!;
  const all = assessorsOf(db, ctx.row.zorgkantoorId);
  const scored = new Set(
    db
      .select({
        a: assessmentScores.assessorUserId,
        m: assessmentScores.moduleId,
        g: assessmentScores.targetGroupId,
      })
      .from(assessmentScores)
      .where(eq(assessmentScores.kaderId, ctx.row.id))
      .all()
      .map((r) => `${r.a}\u0000${groupKey(r.m, r.g)}`)
  );
  const groups: SetupGroup[] = [];
  for (const m of pointsModulesOf(state.kader)) {
    for (const g of m.targetGroups ?? [{ id: NO_GROUP, label: null as string | null }]) {
      const plans = state.plans.filter((p) => p.moduleId === m.id && p.targetGroupId === g.id);
      // Only groups that have plans need assessors.
      if (plans.length === 0) continue;
      const assigned = state.assignments.get(groupKey(m.id, g.id)) ?? [];
      const ids = new Set(assigned.map((a) => a.id));
      groups.push({
        moduleId: m.id,
        moduleLabel: m.label,
        targetGroupId: g.id,
        targetGroupLabel: g.label,
        assessors: assigned.map((a) => ({
          ...a,
          removable: !scored.has(`${a.id}\u0000${groupKey(m.id, g.id)}`),
        })),
        candidates: all.filter((a) => !ids.has(a.id)),
        plans,
      });
    }
  }
  return {
    ok: true,
    overview: {
      opened: true,
      method: state.method,
      groups,
      plans: state.plans.length,
      finalPlans: state.plans.filter((p) => p.final).length,
    },
  };
}

export type AssignInput = {
  moduleId: string;
  targetGroupId: string;
  assessorUserId: number;
};

/**
 * Assigns a beoordelaar to a module and target group. Refused when the account is no beoordelaar
 * of this zorgkantoor, the group has no plans, or the assessor declared a conflict for every
 * provider in it; otherwise the plans of providers it declared a conflict for are named in the
 * notice (it will not see them).
 */
export function assignAssessor(
  actor: SessionUser,
  slug: string,
  input: AssignInput,
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true; notice: string } | Refusal {
  const ctx = requireInkoper(db, actor, slug);
  if (!ctx.ok) return ctx.refusal;
  if (!isOpened(db, ctx.row, now)) return refusal(409, NOT_OPENED);
  const state = assessmentState(db, ctx.row)!;
  const plans = state.plans.filter((p) => p.moduleId === input.moduleId && p.targetGroupId === input.targetGroupId);
  if (plans.length === 0) return refusal(400, "Voor deze module en doelgroep zijn geen plannen ingediend.", "assessorUserId");
  const assessor = assessorsOf(db, ctx.row.zorgkantoorId).find((a) => a.id === input.assessorUserId);
  if (!assessor) return refusal(400, "Kies een beoordelaar van uw zorgkantoor.", "assessorUserId");
  if ((state.assignments.get(groupKey(input.moduleId, input.targetGroupId)) ?? []).some((a) => a.id === assessor.id))
    return refusal(409, `${assessor.name} is al toegewezen aan deze module en doelgroep.`, "assessorUserId");
  const declared = state.declarations.get(assessor.id);
  const conflicted = plans.filter((p) => declared?.get(p.providerId) === true);
  if (conflicted.length === plans.length)
    return refusal(
      409,
      `${assessor.name} heeft een belangenconflict gemeld bij ${conflicted.map((p) => p.providerName).join(", ")}: er blijft geen plan over om te beoordelen.`,
      "assessorUserId"
    );
  db.transaction(
    (tx) => {
      tx.insert(assessmentAssignments)
        .values({
          kaderId: ctx.row.id,
          moduleId: input.moduleId,
          targetGroupId: input.targetGroupId,
          assessorUserId: assessor.id,
          assignedBy: actor.id,
          assignedAt: now,
        })
        .run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "assessment.assessor_assigned",
        entityType: "kader",
        entityId: ctx.row.slug,
        payload: {
          moduleId: input.moduleId,
          targetGroupId: input.targetGroupId,
          assessorUserId: assessor.id,
          excludedProviderIds: conflicted.map((p) => p.providerId),
        },
        organisationIds: [ctx.row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  const notice =
    conflicted.length > 0
      ? `${assessor.name} is toegewezen. Het plan van ${conflicted.map((p) => p.providerName).join(", ")} beoordeelt ${
          assessor.name
        } niet: belangenconflict gemeld.`
      : `${assessor.name} is toegewezen.`;
  return { ok: true, notice };
}

/** Removes an assignment, unless the assessor already scored in that module and target group. */
export function unassignAssessor(
  actor: SessionUser,
  slug: string,
  input: AssignInput,
  now: Date = new Date(),
  db: Db = getDb()
): { ok: true; notice: string } | Refusal {
  const ctx = requireInkoper(db, actor, slug);
  if (!ctx.ok) return ctx.refusal;
  if (!isOpened(db, ctx.row, now)) return refusal(409, NOT_OPENED);
  const where = and(
    eq(assessmentAssignments.kaderId, ctx.row.id),
    eq(assessmentAssignments.moduleId, input.moduleId),
    eq(assessmentAssignments.targetGroupId, input.targetGroupId),
    eq(assessmentAssignments.assessorUserId, input.assessorUserId)
  );
  const row = db.select({ id: assessmentAssignments.id }).from(assessmentAssignments).where(where).get();
  if (!row) return refusal(404, "Deze toewijzing bestaat niet.", "assessorUserId");
  const scored = db
    .select({ id: assessmentScores.id })
    .from(assessmentScores)
    .where(
      and(
        eq(assessmentScores.kaderId, ctx.row.id),
        eq(assessmentScores.moduleId, input.moduleId),
        eq(assessmentScores.targetGroupId, input.targetGroupId),
        eq(assessmentScores.assessorUserId, input.assessorUserId)
      )
    )
    .get();
  if (scored) return refusal(409, "Deze beoordelaar heeft in deze module en doelgroep al gescoord; de toewijzing blijft staan.", "assessorUserId");
  db.transaction(
    (tx) => {
      tx.delete(assessmentAssignments).where(where).run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "assessment.assessor_unassigned",
        entityType: "kader",
        entityId: ctx.row.slug,
        payload: {
          moduleId: input.moduleId,
          targetGroupId: input.targetGroupId,
          assessorUserId: input.assessorUserId,
        },
        organisationIds: [ctx.row.zorgkantoorId],
        at: now,
      });
    },
    { behavior: "immediate" }
  );
  return { ok: true, notice: "De toewijzing is ingetrokken." };
}
