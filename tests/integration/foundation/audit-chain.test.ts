import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit, eventHash, GENESIS_HASH, verifyAuditChain } from "../../../db/audit.server";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import { organisations } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { auditCount, auditRows, dropAuditTriggers, rowCounts } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

const T0 = new Date("2026-03-01T09:00:00.000Z");

/** Five events, with actor, entity and payload varied. */
function seedChain(): void {
  for (let i = 0; i < 5; i++) {
    appendAudit(db, {
      actorUserId: i % 2 === 0 ? null : i,
      action: `test.action${i}`,
      entityType: "thing",
      entityId: i,
      payload: { index: i, nested: { b: [1, 2], a: "x" } },
      at: new Date(T0.getTime() + i * 1000),
    });
  }
}

describe("appendAudit", () => {
  it("links each event to the previous one, starting from the genesis hash", () => {
    seedChain();
    const rows = auditRows(db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
  });

  it("stores the canonical payload, the ISO time and a stringified entity id, and hashes exactly those fields", () => {
    const { seq, hash } = appendAudit(db, {
      actorUserId: 7,
      action: "user.create",
      entityType: "user",
      entityId: 12,
      payload: { z: 1, a: { d: true, c: null } },
      at: T0,
    });
    const row = auditRows(db)[0]!;
    expect(row).toMatchObject({ seq: 1, at: "2026-03-01T09:00:00.000Z", actorUserId: 7, entityId: "12", payload: '{"a":{"c":null,"d":true},"z":1}' });
    expect(hash).toBe(row.hash);
    expect(seq).toBe(1);
    const expected = eventHash(GENESIS_HASH, {
      seq: 1,
      at: row.at,
      actorUserId: 7,
      action: "user.create",
      entityType: "user",
      entityId: "12",
      payload: row.payload,
    });
    expect(row.hash).toBe(expected);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a rolled-back transaction leaves neither the change nor its event", () => {
    seedChain();
    const before = rowCounts(db);
    expect(() =>
      db.transaction((tx) => {
        tx.insert(organisations).values({ kind: "zorgkantoor", name: "Tijdelijk", createdAt: new Date() }).run();
        appendAudit(tx, { actorUserId: null, action: "organisation.create", entityType: "organisation" });
        throw new Error("afgebroken");
      }),
    ).toThrow("afgebroken");
    expect(rowCounts(db)).toEqual(before);
    expect(auditCount(db)).toBe(5);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 5 });
    // The next event continues the chain at seq 6.
    expect(appendAudit(db, { actorUserId: null, action: "x", entityType: "y" }).seq).toBe(6);
  });
});

describe("append-only triggers", () => {
  it("refuses UPDATE on audit_events", () => {
    seedChain();
    expect(() => db.$client.exec("UPDATE audit_events SET action = 'x' WHERE seq = 2")).toThrow(/append-only/);
    expect(auditRows(db)[1]!.action).toBe("test.action1");
  });

  it("refuses DELETE on audit_events", () => {
    seedChain();
    expect(() => db.$client.exec("DELETE FROM audit_events WHERE seq = 5")).toThrow(/append-only/);
    expect(() => db.$client.exec("DELETE FROM audit_events")).toThrow(/append-only/);
    expect(auditCount(db)).toBe(5);
  });
});

describe("verifyAuditChain", () => {
  it("is ok on an empty chain and on an intact chain, reporting the head", () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, events: 0, headHash: GENESIS_HASH });
    seedChain();
    const rows = auditRows(db);
    expect(verifyAuditChain(db)).toEqual({ ok: true, events: 5, headHash: rows[4]!.hash });
  });

  const tampering: [string, string][] = [
    ["payload", `UPDATE audit_events SET payload = '{"index":99}' WHERE seq = 3`],
    ["payload (same meaning, other spelling)", `UPDATE audit_events SET payload = '{"nested":{"a":"x","b":[1,2]},"index":2}' WHERE seq = 3`],
    ["action", "UPDATE audit_events SET action = 'test.harmless' WHERE seq = 3"],
    ["at", "UPDATE audit_events SET at = '2026-03-01T09:00:02.001Z' WHERE seq = 3"],
    ["actor (null to a user)", "UPDATE audit_events SET actor_user_id = 1 WHERE seq = 3"],
    ["actor (a user to another)", "UPDATE audit_events SET actor_user_id = 2 WHERE seq = 4"],
    ["entity type", "UPDATE audit_events SET entity_type = 'other' WHERE seq = 3"],
    ["entity id", "UPDATE audit_events SET entity_id = '9' WHERE seq = 3"],
    ["stored hash", "UPDATE audit_events SET hash = '" + "a".repeat(64) + "' WHERE seq = 3"],
    ["prev_hash", "UPDATE audit_events SET prev_hash = '" + "b".repeat(64) + "' WHERE seq = 3"],
  ];
  for (const [field, sql] of tampering) {
    it(`reports exactly the changed event as first bad after its ${field} is changed`, () => {
      seedChain();
      dropAuditTriggers(db);
      db.$client.exec(sql);
      const seq = Number(/seq = (\d)/.exec(sql)![1]);
      const verdict = verifyAuditChain(db);
      expect(verdict.ok).toBe(false);
      if (verdict.ok) return;
      expect(verdict.firstBadSeq).toBe(seq);
      expect(verdict.reason).toContain(`event ${seq}`);
    });
  }

  it("reports a tampered first event and a tampered last event", () => {
    seedChain();
    dropAuditTriggers(db);
    db.$client.exec("UPDATE audit_events SET payload = '{}' WHERE seq = 5");
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 5 });
    db.$client.exec("UPDATE audit_events SET action = 'x' WHERE seq = 1");
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it("reports a deleted middle event", () => {
    seedChain();
    dropAuditTriggers(db);
    db.$client.exec("DELETE FROM audit_events WHERE seq = 3");
    const verdict = verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 3 });
    if (!verdict.ok) expect(verdict.reason).toMatch(/event 3 is missing/);
  });

  it("reports a deleted first event", () => {
    seedChain();
    dropAuditTriggers(db);
    db.$client.exec("DELETE FROM audit_events WHERE seq = 1");
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  /** Rewrites event `seq` and recomputes every hash after it, as an attacker with the file would. */
  function recomputeFrom(seq: number, change: (row: ReturnType<typeof auditRows>[number]) => void): void {
    dropAuditTriggers(db);
    const rows = auditRows(db);
    let prev = seq === 1 ? GENESIS_HASH : rows[seq - 2]!.hash;
    const update = db.$client.prepare("UPDATE audit_events SET action = ?, payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
    for (const row of rows.slice(seq - 1)) {
      if (row.seq === seq) change(row);
      const { seq: s, at, actorUserId, action, entityType, entityId, payload } = row;
      const hash = eventHash(prev, { seq: s, at, actorUserId, action, entityType, entityId, payload });
      update.run(row.action, row.payload, prev, hash, row.seq);
      prev = hash;
    }
  }

  it("does not catch a recomputed tail by itself, but does when an exported head is given", () => {
    seedChain();
    const head = { seq: 5, hash: auditRows(db)[4]!.hash };
    const middle = { seq: 3, hash: auditRows(db)[2]!.hash };
    recomputeFrom(2, (row) => {
      row.payload = canonicalJson({ forged: true });
    });
    // Without a head the forged chain is self-consistent: that is why the head is exported.
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, events: 5 });
    expect(verifyAuditChain(db, { expectedHead: head })).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(verifyAuditChain(db, { expectedHead: middle })).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it("accepts a chain that extends the exported head", () => {
    seedChain();
    const head = { seq: 5, hash: auditRows(db)[4]!.hash };
    appendAudit(db, { actorUserId: null, action: "later", entityType: "x" });
    expect(verifyAuditChain(db, { expectedHead: head })).toMatchObject({ ok: true, events: 6 });
  });

  it("reports a chain truncated before the exported head", () => {
    seedChain();
    const head = { seq: 5, hash: auditRows(db)[4]!.hash };
    dropAuditTriggers(db);
    db.$client.exec("DELETE FROM audit_events WHERE seq >= 4");
    const verdict = verifyAuditChain(db, { expectedHead: head });
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 4 });
    if (!verdict.ok) expect(verdict.reason).toMatch(/ends before the exported head/);
  });
});
