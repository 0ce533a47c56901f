/**
 * The audit head leaves the database (issue 7, points 7 and 8): exported at start, hourly and at
 * each kader's closing, each export itself an audit event; `npm run audit:verify` uses the latest
 * export by default (so a recomputed tail is caught without `--head`) and checks every published
 * kader version against its content hash and its publish event.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { publishKader } from "../../../app/services/kaders/publication.server";
import { contentHash, latestVersion, saveDraft } from "../../../app/services/kaders/store.server";
import { recordClockTransitions } from "../../../app/services/kaders/transitions.server";
import { loadLastHeadExport } from "../../../app/services/audit-log.server";
import { auditHeadDir, exportAuditHead, HOURLY, latestHeadExport, startHeadExports } from "../../../db/audit-head.server";
import { eventHash, GENESIS_HASH, verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { verifyPublishedVersions } from "../../../db/publications-verify";
import { createTestDb } from "../../helpers/test-db";
import { DAY, demoActors, loadKader, PASSWORD, prepareKader, publishOrThrow } from "../kaders/fixtures";

const ROOT = path.resolve(__dirname, "../../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const NOW = new Date("2026-09-01T10:00:00.000Z");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let dir: string;
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  dir = path.join(path.dirname(t.file), "heads-elders");
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  t.close();
});

type Row = { seq: number; at: string; actorUserId: number | null; action: string; entityType: string; entityId: string | null; payload: string; organisationIds: string; hash: string };
function rows(): Row[] {
  return db.$client
    .prepare("SELECT seq, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, payload, organisation_ids AS organisationIds, hash FROM audit_events ORDER BY seq")
    .all() as Row[];
}

function files(where = dir): string[] {
  return fs.existsSync(where) ? fs.readdirSync(where).filter((f) => f.endsWith(".json")).sort() : [];
}

function readHead(file: string): { seq: number; hash: string; at: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { seq: number; hash: string; at: string };
}

/** Rewrites event `seq`'s payload and recomputes every hash after it, as someone with the file would. */
function recomputeFrom(seq: number): void {
  db.$client.exec("DROP TRIGGER audit_events_no_update");
  const all = rows();
  let prev = seq === 1 ? GENESIS_HASH : all[seq - 2]!.hash;
  const update = db.$client.prepare("UPDATE audit_events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
  for (const row of all.slice(seq - 1)) {
    const payload = row.seq === seq ? '{"vervalst":true}' : row.payload;
    const { hash: _old, ...fields } = { ...row, payload };
    const hash = eventHash(prev, fields);
    update.run(payload, prev, hash, row.seq);
    prev = hash;
  }
}

function verifyCli(env: Record<string, string | undefined>, ...args: string[]) {
  const result = spawnSync(TSX, ["db/audit-verify.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, AUDIT_HEAD_DIR: undefined, DATABASE_URL: t.file, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("head exports", () => {
  it("at start: a file with the head, then an audit event recording it; the jurist's page shows it", () => {
    const before = rows().at(-1)!;
    expect(loadLastHeadExport(db)).toBeNull();
    const { stop } = startHeadExports(db, dir);
    stop();
    expect(files()).toHaveLength(1);
    const head = readHead(files()[0]!);
    expect(head).toMatchObject({ seq: before.seq, hash: before.hash });
    expect(new Date(head.at).toISOString()).toBe(head.at);
    const event = rows().at(-1)!;
    expect(event).toMatchObject({ seq: before.seq + 1, action: "audit.head_export", organisationIds: "[]" });
    expect(JSON.parse(event.payload)).toMatchObject({ seq: before.seq, hash: before.hash, reason: "start", file: files()[0] });
    expect(loadLastHeadExport(db)).toEqual({ at: head.at, seq: before.seq, hash: before.hash, reason: "start" });
    expect(verifyAuditChain(db, { expectedHead: head }).ok).toBe(true);
  });

  it("hourly, until stopped", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { stop } = startHeadExports(db, dir);
    expect(files()).toHaveLength(1);
    vi.advanceTimersByTime(HOURLY - 1);
    expect(files()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(files()).toHaveLength(2);
    vi.advanceTimersByTime(HOURLY);
    expect(files()).toHaveLength(3);
    expect(JSON.parse(rows().at(-1)!.payload)).toMatchObject({ reason: "hourly" });
    stop();
    vi.advanceTimersByTime(3 * HOURLY);
    expect(files()).toHaveLength(3);
    // Each export covers the one before it.
    expect(latestHeadExport(dir).latest).toMatchObject({ seq: rows().at(-2)!.seq });
  });

  it("at a kader's closing, right after the closing is recorded, concerning that kader's zorgkantoor", () => {
    const demo = demoActors(db);
    const tableId = loadKader(db, "demo-vv-2026").tariffTableId!;
    prepareKader(db, demo.inkoper, { slug: "vv-sluit", now: NOW, regionIds: [demo.regionIds["DEMO-M"]], tableId });
    publishOrThrow(db, demo.inkoper, "vv-sluit", { opensAt: new Date(NOW.getTime() + DAY), questionsUntil: new Date(NOW.getTime() + 2 * DAY), closesAt: new Date(NOW.getTime() + 3 * DAY) }, NOW);
    const { onClosed, stop } = startHeadExports(db, dir);
    stop();
    recordClockTransitions(db, new Date(NOW.getTime() + 2 * DAY), { onClosed });
    expect(files()).toHaveLength(1); // opening exports nothing
    recordClockTransitions(db, new Date(NOW.getTime() + 3 * DAY + 1000), { onClosed });
    expect(files()).toHaveLength(2);
    const closed = rows().find((r) => r.action === "kader.gesloten" && r.entityId === "vv-sluit")!;
    const exported = rows().at(-1)!;
    expect(exported).toMatchObject({ seq: closed.seq + 1, action: "audit.head_export", organisationIds: `[${demo.zorgkantoorId}]` });
    expect(JSON.parse(exported.payload)).toMatchObject({ seq: closed.seq, hash: closed.hash, reason: "kader.gesloten", kader: "vv-sluit" });
    expect(latestHeadExport(dir).latest).toMatchObject({ seq: closed.seq, hash: closed.hash });
  });

  it("the directory: AUDIT_HEAD_DIR, or audit-heads beside the database file", () => {
    expect(auditHeadDir("data/zorginkoop.db", {})).toBe(path.resolve("data/audit-heads"));
    expect(auditHeadDir("/srv/db/zk.db", { AUDIT_HEAD_DIR: "/mnt/elders/heads" })).toBe("/mnt/elders/heads");
  });
});

describe("npm run audit:verify with exported heads", { timeout: 120_000 }, () => {
  it("uses the latest export in the default directory and catches a recomputed tail without --head", () => {
    const defaultDir = auditHeadDir(t.file, {});
    exportAuditHead(db, { dir: defaultDir, reason: "start" });
    const intact = verifyCli({});
    expect(intact.stderr).toBe("");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`using the latest exported head: ${path.join(defaultDir, files(defaultDir)[0]!)}`);
    expect(intact.stdout).toMatch(/published versions intact: 1/);

    recomputeFrom(3);
    expect(verifyAuditChain(db).ok).toBe(true); // self-consistent: only the export shows it
    const forged = verifyCli({});
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/audit chain BROKEN at event \d+: event \d+ differs from the exported head/);
  });

  it("uses AUDIT_HEAD_DIR when set; --head overrides; without any export it says so", () => {
    exportAuditHead(db, { dir, reason: "hourly" });
    const first = latestHeadExport(dir).latest!;
    const none = verifyCli({});
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no exported head in .*audit-heads: a recomputed chain cannot be detected/);
    recomputeFrom(2);
    const r = verifyCli({ AUDIT_HEAD_DIR: dir });
    expect(r.stdout).toContain(`using the latest exported head: ${first.file}`);
    expect(r.code).toBe(1);
    const given = verifyCli({ AUDIT_HEAD_DIR: dir }, "--head", first.file);
    expect(given.stdout).toContain(`using the head given: ${first.file}`);
    expect(given.code).toBe(1);
  });
});

describe("published versions against their hash and their publish event", () => {
  function dropVersionTriggers(): void {
    db.$client.exec("DROP TRIGGER kader_versions_no_update");
  }

  const publishSeq = () => rows().find((r) => r.action === "kader.publish" && r.entityId === "demo-vv-2026")!.seq;

  it("all intact after publication", () => {
    expect(verifyPublishedVersions(db)).toEqual({ ok: true, versions: 1, problems: [] });
  });

  it("an amendment is checked against its own kader.amend event", () => {
    const demo = demoActors(db);
    const kader = loadKader(db, "demo-vv-2026");
    saveDraft(demo.inkoper, kader, { ...(kader.draft as Record<string, unknown>), baseRate: { default: "95" } }, db, NOW);
    const v1 = latestVersion(db, kader.id)!;
    const amended = publishKader(demo.inkoper, loadKader(db, "demo-vv-2026"), { opensAt: v1.opensAt, closesAt: v1.closesAt, questionsUntil: v1.questionsUntil, noticeTitle: "Wijziging", noticeBody: "Het basistarief wordt 95 %." }, db, NOW);
    expect(amended.ok).toBe(true);
    expect(verifyPublishedVersions(db)).toEqual({ ok: true, versions: 2, problems: [] });
    dropVersionTriggers();
    db.$client.exec("UPDATE kader_versions SET questions_until = questions_until - 1 WHERE number = 2");
    expect(verifyPublishedVersions(db).problems).toEqual([expect.stringMatching(/^kader demo-vv-2026 version 2: question deadline differs from its publish event \d+$/)]);
  });

  it("reports content changed behind the triggers' back", () => {
    dropVersionTriggers();
    db.$client.exec(`UPDATE kader_versions SET content = json_set(content, '$.title', 'Vervalst') WHERE number = 1`);
    const verdict = verifyPublishedVersions(db);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(["kader demo-vv-2026 version 1: stored content does not match its content hash"]);
  });

  it("reports content and hash changed together: they no longer match the publish event", () => {
    dropVersionTriggers();
    const { content } = db.$client.prepare("SELECT content FROM kader_versions WHERE number = 1").get() as { content: string };
    const changed = { ...(JSON.parse(content) as Record<string, unknown>), title: "Vervalst" };
    db.$client.prepare("UPDATE kader_versions SET content = ?, content_hash = ? WHERE number = 1").run(JSON.stringify(changed), contentHash(changed));
    expect(verifyPublishedVersions(db).problems).toEqual([`kader demo-vv-2026 version 1: content hash differs from its publish event ${publishSeq()}`]);
  });

  it("reports a moved deadline and a version without a publish event", () => {
    dropVersionTriggers();
    db.$client.exec("UPDATE kader_versions SET closes_at = closes_at + 86400000 WHERE number = 1");
    db.$client.exec(
      "INSERT INTO kader_versions (kader_id, number, content, content_hash, tariff_table_id, opens_at, closes_at, questions_until, published_at) SELECT kader_id, 2, content, content_hash, tariff_table_id, opens_at, closes_at, questions_until, published_at FROM kader_versions WHERE number = 1",
    );
    expect(verifyPublishedVersions(db).problems).toEqual([
      `kader demo-vv-2026 version 1: closing time differs from its publish event ${publishSeq()}`,
      "kader demo-vv-2026 version 2: no publish event in the audit trail",
    ]);
  });

  it("audit:verify fails on it, naming the version", { timeout: 60_000 }, () => {
    dropVersionTriggers();
    db.$client.exec(`UPDATE kader_versions SET content = json_set(content, '$.title', 'Vervalst') WHERE number = 1`);
    const r = verifyCli({});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("published version BROKEN: kader demo-vv-2026 version 1: stored content does not match its content hash");
  });
});
