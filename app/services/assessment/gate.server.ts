// What an assessor's conflict declarations take away from what the opening gives: a beoordelaar
// who declared a conflict of interest for a provider reads none of that provider's inschrijving,
// anywhere (the assessment pages, the opened submissions, the attachments). Called by the
// submission reads (submissions.server.ts readSubmission, attachments.server.ts readAttachment,
// staff.server.ts readableRows) after `canReadSubmissionContent`, so that the one access rule
// stays one rule plus this exclusion. Only the schema is imported: the submission services
// import this file.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { assessmentConflictDeclarations } from "../../../db/schema/assessment-workflow";
import type { SessionUser } from "../../auth/session.server";

/** A user who reads as an assessor only: inkopers and juristen are not bound by an assessor's declaration. */
export function readsAsAssessor(user: SessionUser): boolean {
  return user.roles.includes("beoordelaar") && !user.roles.includes("inkoper") && !user.roles.includes("jurist");
}

/** The providers this assessor declared a conflict for, in this kader. */
export function conflictedProviders(db: Pick<Db, "select">, userId: number, kaderId: number): Set<number> {
  const rows = db
    .select({ providerId: assessmentConflictDeclarations.providerId })
    .from(assessmentConflictDeclarations)
    .where(
      and(
        eq(assessmentConflictDeclarations.kaderId, kaderId),
        eq(assessmentConflictDeclarations.assessorUserId, userId),
        eq(assessmentConflictDeclarations.conflict, true)
      )
    )
    .all();
  return new Set(rows.map((r) => r.providerId));
}

/** False when `user` reads as an assessor and declared a conflict for the provider. */
export function conflictAllowsReading(db: Pick<Db, "select">, user: SessionUser, kaderId: number, providerId: number): boolean {
  if (!readsAsAssessor(user)) return true;
  return !conflictedProviders(db, user.id, kaderId).has(providerId);
}
