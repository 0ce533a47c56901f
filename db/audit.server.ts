import { createHash } from "node:crypto";
import { desc } from "drizzle-orm";
import type { Db } from "./client.server";
import { canonicalJson } from "./canonical-json";
import { auditEvents } from "./schema";

export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  payload?: Record<string, unknown>;
  /** Defaults to now; tests pass a fixed clock. */
  at?: Date;
};

type HashedFields = {
  seq: number;
  at: string;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: string;
};

export function eventHash(prevHash: string, event: HashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(event)).digest("hex");
}

/**
 * Appends one event to the chain. Call it inside the same (synchronous) transaction as the
 * change it records, so that the change and its event commit or roll back together.
 */
export function appendAudit(db: Pick<Db, "select" | "insert">, input: AuditInput): { seq: number; hash: string } {
  const last = db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .get();
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: (input.at ?? new Date()).toISOString(),
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    payload: canonicalJson(input.payload ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, fields);
  db.insert(auditEvents)
    .values({ ...fields, prevHash, hash })
    .run();
  return { seq: fields.seq, hash };
}

export type ChainVerdict =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; firstBadSeq: number; reason: string };

/**
 * Walks the whole chain. Reports the first event whose stored hash, link or sequence does not
 * match; `expectedHead` (an exported head hash) additionally proves the chain was not recomputed.
 */
export function verifyAuditChain(db: Db, options: { expectedHead?: { seq: number; hash: string } } = {}): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  // Streamed, so that verifying a long trail does not load it into memory at once.
  const rows = db.$client
    .prepare(
      "SELECT seq, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, payload, prev_hash AS prevHash, hash FROM audit_events ORDER BY seq",
    )
    .iterate() as IterableIterator<typeof auditEvents.$inferSelect>;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      return { ok: false, events: count, firstBadSeq: expectedSeq, reason: `event ${expectedSeq} is missing` };
    }
    if (row.prevHash !== prevHash) {
      return { ok: false, events: count, firstBadSeq: row.seq, reason: `event ${row.seq} does not link to event ${row.seq - 1}` };
    }
    const recomputed = eventHash(prevHash, {
      seq: row.seq,
      at: row.at,
      actorUserId: row.actorUserId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      payload: row.payload,
    });
    if (recomputed !== row.hash) {
      return { ok: false, events: count, firstBadSeq: row.seq, reason: `event ${row.seq} (${row.action}) does not match its hash` };
    }
    if (options.expectedHead && row.seq === options.expectedHead.seq && row.hash !== options.expectedHead.hash) {
      return { ok: false, events: count, firstBadSeq: row.seq, reason: `event ${row.seq} differs from the exported head` };
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  if (options.expectedHead && options.expectedHead.seq >= expectedSeq) {
    return { ok: false, events: count, firstBadSeq: expectedSeq, reason: `the chain ends before the exported head (event ${options.expectedHead.seq})` };
  }
  return { ok: true, events: count, headHash: prevHash };
}
