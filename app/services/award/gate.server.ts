// The decision gate of a `besluit` objection (issue 12): asked by fileObjection inside its
// filing transaction, so that the answer and the stored objection see the same rows. Migration
// 0015 checks the same facts (the decision is this provider's sent decision of this kader) for
// any connection; the standstill is checked here, against the server clock of the filing.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { awardDecisions } from "../../../db/schema";
import { formatDate } from "../../lib/dates";
import type { DecisionGate } from "../objections/objections.server";

export const NO_DECISION_MESSAGE = "Dit gunningsbesluit bestaat niet.";

/**
 * The decision exists, is this provider's and this kader's, has been sent, is not replaced by a
 * newer sent decision, and `now` is before the end of its standstill. Another provider's or an
 * unsent decision answers exactly as a missing one: its existence does not show.
 */
export const decisionGate: DecisionGate = (tx, { decisionId, providerId, kaderId, now }) => {
  const d = tx.select().from(awardDecisions).where(eq(awardDecisions.id, decisionId)).get();
  if (!d || d.providerId !== providerId || d.kaderId !== kaderId || d.state !== "verzonden" || !d.standstillEndsAt || !d.standstillLastDay)
    return { ok: false, status: 404, reason: "no_decision", message: NO_DECISION_MESSAGE };
  const newest = tx
    .select({ id: awardDecisions.id })
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.providerId, providerId), eq(awardDecisions.state, "verzonden")))
    .orderBy(desc(awardDecisions.id))
    .limit(1)
    .get();
  if (newest && newest.id !== d.id)
    return { ok: false, status: 403, reason: "decision_replaced", message: "Dit besluit is vervangen door een gecorrigeerd besluit. Bezwaar maakt u, binnen zijn termijn, tegen het nieuwe besluit." };
  if (now.getTime() >= d.standstillEndsAt.getTime())
    return {
      ok: false,
      status: 403,
      reason: "standstill_ended",
      message: `De bezwaartermijn van dit besluit liep tot en met ${formatDate(d.standstillLastDay)} (24:00 uur). Bezwaar maken kan niet meer.`,
    };
  if (now.getTime() < (d.sentAt?.getTime() ?? Infinity)) return { ok: false, status: 404, reason: "no_decision", message: NO_DECISION_MESSAGE };
  return { ok: true };
};

/** The provider's newest sent decision on the kader (the one that counts for it), or null. */
export function newestSentDecision(db: Pick<Db, "select">, kaderId: number, providerId: number): typeof awardDecisions.$inferSelect | null {
  return (
    db
      .select()
      .from(awardDecisions)
      .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.providerId, providerId), eq(awardDecisions.state, "verzonden")))
      .orderBy(desc(awardDecisions.id))
      .limit(1)
      .get() ?? null
  );
}

/** The provider's objectable decision now (its newest sent one, within the standstill), for the pages: null when none. */
export function objectableDecision(db: Db, kaderId: number, providerId: number, now: Date): typeof awardDecisions.$inferSelect | null {
  const newest = newestSentDecision(db, kaderId, providerId);
  if (!newest) return null;
  return decisionGate(db, { decisionId: newest.id, providerId, kaderId, now }).ok ? newest : null;
}
