// A kader with a completed scoring run whose plans were assessed as the workflow leaves them:
// two beoordelaars per plan who declared no conflict and submitted their scores, final scores
// by consensus with what was missing below the maximum. Rows are inserted directly (the
// assessment workflow that writes them is tested on its own). `missingLeftOut` drops the
// "what was missing" of one criterion of one provider: that decision's check must fail.
import { expect } from "vitest";
import type { Db } from "../../../db/client.server";
import { decisionsOfKader, prepareDecisions, reviewDecision, sendDecisions, submitForReview } from "../../../app/services/award/decisions.server";
import { appendAudit } from "../../../db/audit.server";
import { assessmentConflictDeclarations, assessmentFinalScores, assessmentScores, assessmentScoreSubmissions } from "../../../db/schema";
import { startScoringRun, type Started } from "../../../app/services/tender/scoring-run.server";
import type { SessionUser } from "../../../app/auth/session.server";
import { addUser } from "../kaders/fixtures";
import { AFTER, buildField, openSubmissions, SLUG, type Field } from "../scoring-run/fixtures";

export { SLUG };
export const CRITERIA = ["visie", "aanpak", "expertise", "resultaat"] as const;
export const MAX = "10";

export type AwardField = Field & { assessors: [SessionUser, SessionUser]; runId: number; runAt: Date };

type Scores = Record<(typeof CRITERIA)[number], string>;

export function assessPlan(db: Db, f: Field, assessors: readonly SessionUser[], providerId: number, scores: Scores, options: { missingLeftOut?: string; at: Date; slug?: string; zorgkantoorId?: number }): void {
  // The audit events the workflow writes (assessment/assessor.server.ts), for the decision's history.
  const audit = (actorUserId: number, action: string, extra: Record<string, unknown> = {}) =>
    appendAudit(db, {
      actorUserId,
      action,
      entityType: "assessment_plan",
      entityId: `${options.slug ?? SLUG}/${providerId}/complexe-zorg/parkinson`,
      payload: { providerId, moduleId: "complexe-zorg", targetGroupId: "parkinson", scoresSha256: "0".repeat(64), ...extra },
      organisationIds: options.zorgkantoorId === undefined ? [] : [options.zorgkantoorId],
      at: options.at,
    });
  for (const a of assessors) {
    db.insert(assessmentConflictDeclarations).values({ kaderId: f.kaderId, assessorUserId: a.id, providerId, conflict: false, declaredAt: options.at }).run();
    db.insert(assessmentScores)
      .values(
        CRITERIA.map((c) => ({
          kaderId: f.kaderId, providerId, moduleId: "complexe-zorg", targetGroupId: "parkinson", assessorUserId: a.id, criterionId: c,
          score: scores[c], motivation: `Beoordeling ${c}`, missing: scores[c] === MAX ? "" : `Meetbare doelen voor ${c}`, updatedAt: options.at,
        })),
      )
      .run();
    db.insert(assessmentScoreSubmissions)
      .values({ kaderId: f.kaderId, providerId, moduleId: "complexe-zorg", targetGroupId: "parkinson", assessorUserId: a.id, submittedAt: options.at, scoresSha256: "0".repeat(64) })
      .run();
    audit(a.id, "assessment.scores_submitted");
  }
  audit(assessors[0]!.id, "assessment.consensus_set", { as: "beoordelaar", deviations: [] });
  db.insert(assessmentFinalScores)
    .values(
      CRITERIA.map((c) => {
        const below = scores[c] !== MAX && options.missingLeftOut !== c;
        return {
          kaderId: f.kaderId, providerId, moduleId: "complexe-zorg", targetGroupId: "parkinson", criterionId: c, score: scores[c],
          motivation: `Het plan van aanbieder ${providerId} voor ${c} is beoordeeld met ${scores[c]}.${below ? `\n\nWat ontbrak voor de maximale score: meetbare doelen voor ${c}.` : ""}`,
          method: "consensus" as const, setBy: assessors[0]!.id, setAt: options.at,
        };
      }),
    )
    .run();
}

/**
 * The field of tests/integration/scoring-run/fixtures.ts, opened, assessed (Eikenhof's
 * "resultaat" without what was missing when `failing`) and run once.
 */
export async function buildAwardField(db: Db, options: { failing?: boolean } = {}): Promise<AwardField> {
  const f = await buildField(db);
  openSubmissions(db, f);
  const b1 = addUser(db, "beoordelaar-a@award.example", ["beoordelaar"], f.demo.zorgkantoorId, "x", AFTER);
  const b2 = addUser(db, "beoordelaar-b@award.example", ["beoordelaar"], f.demo.zorgkantoorId, "x", AFTER);
  const at = new Date(AFTER.getTime() + 120_000);
  const all = (n: string): Scores => ({ visie: n, aanpak: n, expertise: n, resultaat: n });
  const z = { at, zorgkantoorId: f.demo.zorgkantoorId };
  assessPlan(db, f, [b1, b2], f.ids.linde, all("10"), z);
  assessPlan(db, f, [b1, b2], f.ids.baken, all("8"), z);
  assessPlan(db, f, [b1, b2], f.ids.eikenhof, { visie: "8", aanpak: "8", expertise: "8", resultaat: "6" }, { ...z, ...(options.failing ? { missingLeftOut: "resultaat" } : {}) });
  const runAt = new Date(AFTER.getTime() + 3_600_000);
  const started = startScoringRun(f.demo.inkoper, SLUG, {}, db, runAt);
  if (!started.ok) throw new Error(JSON.stringify(started.errors));
  await (started as Started).finished;
  return { ...f, assessors: [b1, b2], runId: started.runId, runAt };
}

/** Prepares every decision of the field's kader, submits them for review, has the jurist approve each and sends them: the letters go out at `when`. */
export function sendAllDecisions(db: Db, f: AwardField, when: Date) {
  expect(prepareDecisions(f.demo.inkoper, SLUG, {}, db, when)).toMatchObject({ ok: true });
  expect(submitForReview(f.demo.inkoper, SLUG, {}, db, when)).toMatchObject({ ok: true });
  for (const d of decisionsOfKader(db, f.kaderId)) expect(reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, when)).toEqual({ ok: true });
  const sent = sendDecisions(f.demo.inkoper, SLUG, db, when);
  expect(sent).toMatchObject({ ok: true });
  return sent as Extract<typeof sent, { ok: true }>;
}
