import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit, eventHash, GENESIS_HASH } from "../../../db/audit.server";
import { createTestDb } from "../../helpers/test-db";
import { auditRows, dropAuditTriggers } from "./fixtures";

const ROOT = path.resolve(__dirname, "../../..");

let t: ReturnType<typeof createTestDb>;
beforeEach(() => {
  t = createTestDb();
  for (let i = 1; i <= 4; i++) {
    appendAudit(t.db, { actorUserId: null, action: `cli.event${i}`, entityType: "thing", entityId: i, payload: { i } });
  }
});
afterEach(() => t.close());

/** What `npm run audit:verify` runs (`tsx db/audit-verify.ts`), with DATABASE_URL at the test database. */
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function verifyCli(...args: string[]) {
  const result = spawnSync(TSX, ["db/audit-verify.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.file },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run audit:verify (db/audit-verify.ts)", { timeout: 60_000 }, () => {
  it("exits 0 on an intact chain and reports the number of events", () => {
    const r = verifyCli();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/intact: 4 events/);
  });

  it("exits non-zero naming the event after a row is changed behind the application's back", () => {
    dropAuditTriggers(t.db);
    t.db.$client.exec(`UPDATE audit_events SET payload = '{"i":33}' WHERE seq = 3`);
    const r = verifyCli();
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(/\bevent 3\b/);
    expect(r.stdout).not.toMatch(/intact/);
  });

  it("exports a head and then catches a chain recomputed after it", () => {
    const headFile = path.join(path.dirname(t.file), "head.json");
    const exported = verifyCli("--export-head", headFile);
    expect(exported.code).toBe(0);
    const head = JSON.parse(fs.readFileSync(headFile, "utf8")) as { seq: number; hash: string };
    expect(head).toMatchObject({ seq: 4, hash: auditRows(t.db)[3]!.hash });

    // A later, honest event still verifies against the head.
    appendAudit(t.db, { actorUserId: null, action: "cli.event5", entityType: "thing" });
    expect(verifyCli("--head", headFile).code).toBe(0);

    // Rewrite event 2 and recompute every hash after it: self-consistent, but not the exported head.
    dropAuditTriggers(t.db);
    const rows = auditRows(t.db);
    let prev = rows[0]!.hash;
    const update = t.db.$client.prepare("UPDATE audit_events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
    for (const row of rows.slice(1)) {
      const payload = row.seq === 2 ? '{"i":"vervalst"}' : row.payload;
      const hash = eventHash(prev, { seq: row.seq, at: row.at, actorUserId: row.actorUserId, action: row.action, entityType: row.entityType, entityId: row.entityId, payload });
      update.run(payload, prev, hash, row.seq);
      prev = hash;
    }
    expect(prev).not.toBe(GENESIS_HASH);
    expect(verifyCli().code).toBe(0); // without the head the forgery is invisible
    const r = verifyCli("--head", headFile);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/\bevent 4\b/);
  });

  it("refuses an unknown argument and a missing database with exit code 2", () => {
    expect(verifyCli("--nonsense").code).toBe(2);
    const r = spawnSync(TSX, ["db/audit-verify.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: path.join(path.dirname(t.file), "bestaat-niet.db") },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/database not found/);
  });
});
