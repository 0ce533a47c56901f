// For the scoring run (issue 11): whether every plan of a kader has its final scores. A plan
// counts as assessed when every criterion of its module has a row in `assessment_final_scores`,
// the same rule as tender/inputs.server.ts `loadTenderProviders` uses to pass an assessment to
// the engine. No access check: the caller (the run's service) has done it.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores } from "../../../db/schema";
import { kaderPlans, planKey, type PlanRef } from "./plans.server";

export type UnassessedPlan = PlanRef & {
  providerName: string;
  moduleLabel: string;
  targetGroupLabel: string | null;
  missingCriteria: string[];
};

export type AssessmentCompleteness = {
  /** Every plan of the kader's current submissions. */
  plans: number;
  /** Plans without a final score for every criterion (empty: the run may start). */
  unassessed: UnassessedPlan[];
  complete: boolean;
};

export function assessmentCompleteness(db: Db, kaderId: number): AssessmentCompleteness {
  const plans = kaderPlans(db, kaderId);
  const given = new Map<string, Set<string>>();
  for (const f of db
    .select({
      providerId: assessmentFinalScores.providerId,
      moduleId: assessmentFinalScores.moduleId,
      targetGroupId: assessmentFinalScores.targetGroupId,
      criterionId: assessmentFinalScores.criterionId,
    })
    .from(assessmentFinalScores)
    .where(and(eq(assessmentFinalScores.kaderId, kaderId)))
    .all()) {
    const key = planKey(f);
    const set = given.get(key) ?? new Set<string>();
    set.add(f.criterionId);
    given.set(key, set);
  }
  const unassessed: UnassessedPlan[] = [];
  for (const p of plans) {
    const have = given.get(planKey(p));
    const missingCriteria = p.criteria.filter((c) => !have?.has(c.id)).map((c) => c.id);
    if (missingCriteria.length > 0)
      unassessed.push({
        providerId: p.providerId,
        moduleId: p.moduleId,
        targetGroupId: p.targetGroupId,
        providerName: p.providerName,
        moduleLabel: p.moduleLabel,
        targetGroupLabel: p.targetGroupLabel,
        missingCriteria,
      });
  }
  return { plans: plans.length, unassessed, complete: unassessed.length === 0 };
}
