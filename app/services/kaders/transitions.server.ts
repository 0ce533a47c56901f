import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, type KaderPhase } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit, getDb } from "../db.server";
import { MANUAL_TRANSITIONS, PHASE_LABEL } from "./lifecycle";
import { currentPhase } from "./store.server";
import { finalAwardCheck } from "../award/final.server";

/**
 * Records the clock's transitions (gepubliceerd → open → gesloten) with an audit event each,
 * so the trail shows when a kader opened and closed. Run by the server every few seconds;
 * idempotent. Reading code uses the clock directly and never waits for this.
 */
export function recordClockTransitions(
  db: Db = getDb(),
  now = new Date(),
  options: {
    /** Called after a closing is committed: the server exports the audit head at every deadline. */
    onClosed?: (kader: typeof kaders.$inferSelect) => void;
  } = {},
): number {
  const candidates = db.select().from(kaders).where(inArray(kaders.phase, ["gepubliceerd", "open"])).all();
  let changed = 0;
  for (const kader of candidates) {
    const phase = currentPhase(db, kader, now);
    if (phase === kader.phase) continue;
    const recorded = db.transaction(
      (tx) => {
        // Another process may have recorded it first: check again under the write lock.
        const stored = tx.select({ phase: kaders.phase }).from(kaders).where(eq(kaders.id, kader.id)).get();
        if (stored?.phase !== kader.phase) return false;
        tx.update(kaders).set({ phase }).where(eq(kaders.id, kader.id)).run();
        appendAudit(tx, { actorUserId: null, action: `kader.${phase}`, entityType: "kader", entityId: kader.slug, payload: { from: kader.phase, to: phase, by: "klok" }, organisationIds: [kader.zorgkantoorId], at: now });
        return true;
      },
      { behavior: "immediate" },
    );
    if (recorded) changed++;
    if (recorded && phase === "gesloten") options.onClosed?.(kader);
  }
  return changed;
}

/**
 * An inkoper moves a closed kader on; anything else is refused with the reason. The provisional
 * award is not a step here: sending the decisions sets it (award/decisions.server.ts). The final
 * award needs award/final.server.ts's preconditions.
 */
export function transitionKader(
  actor: SessionUser,
  kader: typeof kaders.$inferSelect,
  to: KaderPhase,
  db: Db = getDb(),
  now = new Date(),
): { ok: true } | { ok: false; error: string } {
  const from = currentPhase(db, kader, now);
  const allowed = MANUAL_TRANSITIONS[from];
  if (!allowed || allowed.to !== to) {
    const reason = `Van '${PHASE_LABEL[from]}' kan het kader niet naar '${PHASE_LABEL[to]}'${allowed ? `; de volgende stap is '${PHASE_LABEL[allowed.to]}'` : ""}.`;
    db.transaction((tx) => {
      appendAudit(tx, { actorUserId: actor.id, action: "kader.transition_refused", entityType: "kader", entityId: kader.slug, payload: { from, to }, organisationIds: [kader.zorgkantoorId], at: now });
    });
    return { ok: false, error: reason };
  }
  const refusedFinal = db.transaction(
    (tx) => {
      // The final award is checked under the write lock, so what it checked is what it changes.
      if (to === "definitief_gegund") {
        const check = finalAwardCheck(tx, kader.id, now);
        if (!check.ok) {
          appendAudit(tx, {
            actorUserId: actor.id,
            action: "kader.transition_refused",
            entityType: "kader",
            entityId: kader.slug,
            payload: { from, to, reasons: check.reasons.map((r) => r.code) },
            organisationIds: [kader.zorgkantoorId],
            at: now,
          });
          return `Definitief gunnen kan nog niet. ${check.reasons.map((r) => r.message).join(" ")}`;
        }
      }
      tx.update(kaders).set({ phase: to }).where(eq(kaders.id, kader.id)).run();
      appendAudit(tx, { actorUserId: actor.id, action: `kader.${to}`, entityType: "kader", entityId: kader.slug, payload: { from, to }, organisationIds: [kader.zorgkantoorId], at: now });
      return null;
    },
    { behavior: "immediate" },
  );
  if (refusedFinal !== null) return { ok: false, error: refusedFinal };
  return { ok: true };
}
