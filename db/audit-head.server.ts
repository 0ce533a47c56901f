/**
 * Exports of the audit chain's head outside the database (RFC 6962's signed tree head, without
 * the signature): triggers stop accidents, not someone with the database file, who can rewrite
 * an event and recompute every hash after it. A head written elsewhere earlier is then no longer
 * on the chain, and `npm run audit:verify` reports it.
 *
 * One file per export (never overwritten), in `AUDIT_HEAD_DIR` (default: `audit-heads` beside the
 * database file, so `data/audit-heads` for the default database). Point it at storage the
 * database's host cannot rewrite (another mount, a synced folder) for it to prove anything.
 */
import fs from "node:fs";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { appendAudit, GENESIS_HASH } from "./audit.server";
import type { Db } from "./client.server";
import { auditEvents } from "./schema";

export type ExportedHead = { seq: number; hash: string; at: string };
export type HeadExportReason = "start" | "hourly" | "kader.gesloten";

export const HEAD_EXPORT_ACTION = "audit.head_export";
export const HOURLY = 60 * 60 * 1000;

export function auditHeadDir(databaseFile: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.AUDIT_HEAD_DIR?.trim();
  if (configured) return path.resolve(configured);
  return path.join(path.dirname(path.resolve(databaseFile === ":memory:" ? "data/x" : databaseFile)), "audit-heads");
}

function fileName(head: ExportedHead): string {
  // Sortable by sequence, then time; a second export of the same head gets its own file.
  return `head-${String(head.seq).padStart(12, "0")}-${head.at.replace(/[:.]/g, "")}.json`;
}

/**
 * Writes the current head to a new file in `dir` (written to a temporary name, synced, then
 * renamed, so a reader never sees half a file) and records the export as an audit event. The
 * exported head is the event before that record: the record itself is covered by the next export.
 */
export function exportAuditHead(
  db: Db,
  options: { dir: string; reason: HeadExportReason; kader?: string; organisationIds?: number[]; now?: Date },
): ExportedHead & { file: string } {
  const now = options.now ?? new Date();
  return db.transaction(
    (tx) => {
      const last = tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
      const head: ExportedHead = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, at: now.toISOString() };
      fs.mkdirSync(options.dir, { recursive: true });
      const file = path.join(options.dir, fileName(head));
      const temporary = `${file}.tmp`;
      const fd = fs.openSync(temporary, "wx");
      try {
        fs.writeSync(fd, `${JSON.stringify(head)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, file);
      appendAudit(tx, {
        actorUserId: null,
        action: HEAD_EXPORT_ACTION,
        entityType: "audit",
        entityId: head.seq,
        payload: { seq: head.seq, hash: head.hash, file: path.basename(file), reason: options.reason, ...(options.kader ? { kader: options.kader } : {}) },
        // A closing's export concerns that kader's zorgkantoor; the regular ones only the beheerder.
        organisationIds: options.organisationIds ?? [],
        at: now,
      });
      return { ...head, file };
    },
    { behavior: "immediate" },
  );
}

function parseHead(text: string): ExportedHead | null {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 0) return null;
    if (typeof value.hash !== "string" || !/^[0-9a-f]{64}$/.test(value.hash)) return null;
    const at = typeof value.at === "string" ? value.at : typeof value.exportedAt === "string" ? value.exportedAt : "";
    return { seq: value.seq as number, hash: value.hash, at };
  } catch {
    return null;
  }
}

/** Reads one head file (also the `--export-head` format, which names its time `exportedAt`). */
export function readHeadFile(file: string): ExportedHead {
  const head = parseHead(fs.readFileSync(file, "utf8"));
  if (!head) throw new Error(`not an exported audit head: ${file}`);
  return head;
}

/**
 * The export with the highest sequence in `dir` (the latest, since the chain only grows), or
 * null when there is none. Files that are not a head are listed, not silently ignored.
 */
export function latestHeadExport(dir: string): { latest: (ExportedHead & { file: string }) | null; unreadable: string[] } {
  const unreadable: string[] = [];
  let latest: (ExportedHead & { file: string }) | null = null;
  if (!fs.existsSync(dir)) return { latest, unreadable };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const file = path.join(dir, name);
    const head = parseHead(fs.readFileSync(file, "utf8"));
    if (!head) {
      unreadable.push(file);
      continue;
    }
    if (!latest || head.seq > latest.seq || (head.seq === latest.seq && head.at > latest.at)) latest = { ...head, file };
  }
  return { latest, unreadable };
}

/** The last export as recorded in the trail, for the jurist's page. */
export function lastHeadExportEvent(db: Db): { at: string; seq: number; hash: string; reason: string } | null {
  const row = db
    .select({ at: auditEvents.at, payload: auditEvents.payload })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, HEAD_EXPORT_ACTION), eq(auditEvents.entityType, "audit")))
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .get();
  if (!row) return null;
  const payload = JSON.parse(row.payload) as { seq: number; hash: string; reason: string };
  return { at: row.at, seq: payload.seq, hash: payload.hash, reason: payload.reason };
}

/**
 * What the server runs: an export now, one every `intervalMs` (hourly), and `onClosed` for the
 * clock's ticker to export at each kader's closing. A failed export is reported, never fatal.
 */
export function startHeadExports(
  db: Db,
  dir: string,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { onClosed: (kader: { slug: string; zorgkantoorId: number }) => void; stop: () => void } {
  const run = (reason: HeadExportReason, kader?: { slug: string; zorgkantoorId: number }) => {
    try {
      exportAuditHead(db, { dir, reason, kader: kader?.slug, organisationIds: kader ? [kader.zorgkantoorId] : [] });
    } catch (error) {
      options.onError?.(error);
    }
  };
  run("start");
  const timer = setInterval(() => run("hourly"), options.intervalMs ?? HOURLY);
  timer.unref();
  return { onClosed: (kader) => run("kader.gesloten", kader), stop: () => clearInterval(timer) };
}
