import { count, desc, lt } from "drizzle-orm";
import { verifyAuditChain } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema";
import { getDb } from "./db.server";

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit trail, newest first, with the chain's verdict. */
export function loadAuditPage(before: number | null, db: Db = getDb()) {
  const where = before ? lt(auditEvents.seq, before) : undefined;
  const rows = db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(AUDIT_PAGE_SIZE).all();
  const names = new Map(db.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.id, u.email]));
  const total = db.select({ n: count() }).from(auditEvents).get()!.n;
  const verdict = verifyAuditChain(db);
  return {
    total,
    verdict: verdict.ok ? { ok: true as const, head: verdict.headHash } : { ok: false as const, firstBadSeq: verdict.firstBadSeq, reason: verdict.reason },
    events: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actorUserId === null ? "—" : (names.get(r.actorUserId) ?? `#${r.actorUserId}`),
      action: r.action,
      entity: r.entityId ? `${r.entityType} ${r.entityId}` : r.entityType,
      payload: r.payload,
      hash: r.hash,
    })),
    nextBefore: rows.length === AUDIT_PAGE_SIZE ? rows[rows.length - 1]!.seq : null,
  };
}
