import { createHash } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { canonicalJson } from "./canonical-json";
import { preparedOnce } from "./prepared.server";
import { auditEvents, users } from "./schema";

export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  payload?: Record<string, unknown>;
  /**
   * The organisations the event concerns: their staff see it in the audit trail, nobody else
   * but the beheerder does. Defaults to the acting user's organisation (none for the system or
   * a beheerder without one); pass it when the event concerns another organisation (a
   * provider's question concerns the kader's zorgkantoor), `[]` for beheerder-only events.
   */
  organisationIds?: readonly number[];
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
  /**
   * The stored `organisation_ids` text. Hashed only when it is not the empty list, so that events
   * written before the column existed keep their hashes; any other value (also one that replaces
   * an empty list) is part of the hash, so changing whom an event concerns breaks the chain.
   */
  organisationIds?: string;
};

export const NO_ORGANISATIONS = "[]";

export function eventHash(prevHash: string, event: HashedFields): string {
  const { organisationIds, ...rest } = event;
  const hashed = organisationIds === undefined || organisationIds === NO_ORGANISATIONS ? rest : { ...rest, organisationIds };
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(hashed)).digest("hex");
}

/** Canonical form of an organisation list: distinct ids, ascending, as JSON. */
export function organisationIdsText(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`invalid organisation id in audit event: ${id}`);
  return JSON.stringify([...new Set(ids)].sort((a, b) => a - b));
}

/**
 * Appends one event to the chain. Call it inside the same (synchronous) transaction as the
 * change it records, so that the change and its event commit or roll back together.
 */
export function appendAudit(db: Pick<Db, "select" | "insert">, input: AuditInput): { seq: number; hash: string } {
  // Prepared once per connection: every state change runs these two (db/prepared.server.ts).
  const last = preparedOnce(db, "audit.last", (d) => d.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).prepare()).get();
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: (input.at ?? new Date()).toISOString(),
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    payload: canonicalJson(input.payload ?? {}),
    organisationIds: organisationIdsText(input.organisationIds ?? actorOrganisation(db, input.actorUserId)),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, fields);
  preparedOnce(db, "audit.insert", (d) =>
    d
      .insert(auditEvents)
      .values({
        seq: sql.placeholder("seq"),
        at: sql.placeholder("at"),
        actorUserId: sql.placeholder("actorUserId"),
        action: sql.placeholder("action"),
        entityType: sql.placeholder("entityType"),
        entityId: sql.placeholder("entityId"),
        payload: sql.placeholder("payload"),
        organisationIds: sql.placeholder("organisationIds"),
        prevHash: sql.placeholder("prevHash"),
        hash: sql.placeholder("hash"),
      })
      .prepare(),
  ).run({ ...fields, prevHash, hash });
  return { seq: fields.seq, hash };
}

function actorOrganisation(db: Pick<Db, "select">, actorUserId: number | null): number[] {
  if (actorUserId === null) return [];
  const row = db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, actorUserId)).get();
  return row?.organisationId ? [row.organisationId] : [];
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
      "SELECT seq, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, payload, organisation_ids AS organisationIds, prev_hash AS prevHash, hash FROM audit_events ORDER BY seq",
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
      organisationIds: row.organisationIds,
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
