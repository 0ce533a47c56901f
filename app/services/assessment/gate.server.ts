// What a beoordelaar may read of an opened inschrijving, on top of the opening rule
// (`canReadSubmissionContent`): only the providers it has declared for, and declared no conflict
// of interest for. Before its declaration it reads nothing of a provider's plans (its plan pages
// redirect to the declaration, and the opened submissions, their attachments and the
// proces-verbaal leave that provider out); after declaring a conflict it never does. This file is
// the one place that decides it: the submission reads (submissions.server.ts readSubmission,
// attachments.server.ts readAttachment, staff.server.ts readableRows) call it after
// `canReadSubmissionContent`. Only the schema is imported: the submission services import this file.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { assessmentConflictDeclarations } from "../../../db/schema/assessment-workflow";
import type { SessionUser } from "../../auth/session.server";

/** A user who reads as an assessor only: inkopers and juristen are not bound by an assessor's declaration. */
export function readsAsAssessor(user: SessionUser): boolean {
  return user.roles.includes("beoordelaar") && !user.roles.includes("inkoper") && !user.roles.includes("jurist");
}

/** The assessor's declarations in this kader: provider id → conflict. */
function declarationsOf(db: Pick<Db, "select">, userId: number, kaderId: number): Map<number, boolean> {
  const rows = db
    .select({ providerId: assessmentConflictDeclarations.providerId, conflict: assessmentConflictDeclarations.conflict })
    .from(assessmentConflictDeclarations)
    .where(and(eq(assessmentConflictDeclarations.kaderId, kaderId), eq(assessmentConflictDeclarations.assessorUserId, userId)))
    .all();
  return new Map(rows.map((r) => [r.providerId, r.conflict]));
}

/**
 * The one decision: which providers' inschrijvingen `user` may read in this kader as far as the
 * assessment is concerned. `"all"` for whoever does not read as an assessor; for an assessor, the
 * providers it declared no conflict for (an undeclared provider is as hidden as a conflicted one).
 */
export function assessorReadableProviders(db: Pick<Db, "select">, user: SessionUser, kaderId: number): "all" | Set<number> {
  if (!readsAsAssessor(user)) return "all";
  return new Set([...declarationsOf(db, user.id, kaderId)].filter(([, conflict]) => !conflict).map(([id]) => id));
}

/** False when `user` reads as an assessor and has not declared, or declared a conflict, for the provider. */
export function assessorMayRead(db: Pick<Db, "select">, user: SessionUser, kaderId: number, providerId: number): boolean {
  const readable = assessorReadableProviders(db, user, kaderId);
  return readable === "all" || readable.has(providerId);
}
