// The final award (definitief gunnen, issue 12): allowed only after the standstill of every sent
// decision, with no open objection against a decision and no corrected decision still to be
// sent. An open objection against the basistarief does not block it: it concerns the kader's
// base percentage, handled in its own yearly period (decision note 0012), and an upheld one leads
// to an amendment of the kader, not to a suspension of this award; the page shows it. The kader's
// phase then moves from voorlopig_gegund to definitief_gegund (kaders/transitions.server.ts
// asks this module inside its transaction). Every reason it cannot yet is named, in Dutch.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { auditEvents, awardDecisions, organisations, type KaderPhase } from "../../../db/schema";
import { formatDate } from "../../lib/dates";
import { OBJECTION_STATE_LABEL } from "../../lib/objections";
import { openObjections } from "../objections/objections.server";
import { DECISION_STATE_LABEL, UNSENT } from "./decisions.server";
import { currentSentDecisions, upheldAwaitingCorrection } from "./corrections.server";

export type FinalAwardCheck = { ok: true; decisions: number } | { ok: false; reasons: { code: string; message: string }[] };

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`);

/** Whether the kader's award can be made final at `now`, or every reason why not. */
export function finalAwardCheck(db: Pick<Db, "select">, kaderId: number, now: Date): FinalAwardCheck {
  const reasons: { code: string; message: string }[] = [];
  const name = (() => {
    const cache = new Map<number, string>();
    return (id: number) => {
      if (!cache.has(id)) cache.set(id, db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).get()?.name ?? String(id));
      return cache.get(id)!;
    };
  })();

  const current = [...currentSentDecisions(db, kaderId).values()];
  if (current.length === 0) reasons.push({ code: "not_sent", message: "Er zijn nog geen besluiten verzonden; definitief gunnen volgt pas na de voorlopige gunning en de opschortende termijn." });
  // Every sent decision, replaced ones included: a replaced decision's objections were handled, but its termijn is shown too.
  const sent = db.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.state, "verzonden"))).all();
  const running = sent.filter((d) => d.standstillEndsAt !== null && now.getTime() < d.standstillEndsAt.getTime());
  if (running.length > 0) {
    const last = running.reduce((a, b) => (a.standstillLastDay!.getTime() >= b.standstillLastDay!.getTime() ? a : b));
    reasons.push({
      code: "standstill",
      message: `De opschortende termijn loopt nog bij ${running.length === 1 ? "1 besluit" : `${running.length} besluiten`} (${list([...new Set(running.map((d) => name(d.providerId)))])}), tot en met ${formatDate(last.standstillLastDay!)} (24:00 uur).`,
    });
  }
  const open = openObjections(db, kaderId).filter((o) => o.kind === "besluit");
  if (open.length > 0)
    reasons.push({
      code: "open_objections",
      message: `Er ${open.length === 1 ? "is nog 1 open bezwaar" : `zijn nog ${open.length} open bezwaren`} tegen een besluit: ${list(open.map((o) => `bezwaar ${o.id} van ${name(o.providerId)} (${OBJECTION_STATE_LABEL[o.state]})`))}. Een jurist beslist eerst op elk bezwaar tegen een besluit.`,
    });
  const upheld = upheldAwaitingCorrection(db, kaderId);
  const unsent = db.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kaderId), inArray(awardDecisions.state, [...UNSENT]))).all();
  const withPending = new Set(unsent.map((d) => d.providerId));
  const waiting = upheld.filter((o) => !withPending.has(o.providerId));
  if (waiting.length > 0)
    reasons.push({
      code: "correction_missing",
      message: `${waiting.length === 1 ? "Een bezwaar is" : `${waiting.length} bezwaren zijn`} (deels) gegrond verklaard zonder dat er een gecorrigeerd besluit is voorbereid: ${list(waiting.map((o) => `bezwaar ${o.id} van ${name(o.providerId)}`))}.`,
    });
  if (unsent.length > 0)
    reasons.push({
      code: "pending_decisions",
      message: `${unsent.length === 1 ? "Een (gecorrigeerd) besluit is" : `${unsent.length} (gecorrigeerde) besluiten zijn`} nog niet verzonden: ${list(unsent.map((d) => `${name(d.providerId)} (${DECISION_STATE_LABEL[d.state].toLowerCase()})`))}.`,
    });
  return reasons.length === 0 ? { ok: true, decisions: current.length } : { ok: false, reasons };
}

export type OpenBasistariefObjection = { id: number; provider: string; state: string };

/** Open objections against the kader's basistarief: shown beside the final award as information, never a reason to wait. */
export function openBasistariefObjections(db: Pick<Db, "select">, kaderId: number): OpenBasistariefObjection[] {
  const open = openObjections(db, kaderId).filter((o) => o.kind === "basistarief");
  if (open.length === 0) return [];
  const names = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, [...new Set(open.map((o) => o.providerId))]))
      .all()
      .map((o) => [o.id, o.name]),
  );
  return open.map((o) => ({ id: o.id, provider: names.get(o.providerId) ?? String(o.providerId), state: OBJECTION_STATE_LABEL[o.state] }));
}

/** When the kader's award was made final (its audited transition), or null while it is not final. */
export function finalAwardedAt(db: Pick<Db, "select">, kader: { slug: string; phase: KaderPhase }): Date | null {
  if (kader.phase !== "definitief_gegund") return null;
  const event = db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "kader.definitief_gegund"), eq(auditEvents.entityType, "kader"), eq(auditEvents.entityId, kader.slug)))
    .orderBy(desc(auditEvents.seq))
    .get();
  return event ? new Date(event.at) : null;
}
