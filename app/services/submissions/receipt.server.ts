import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { auditEvents, kaderVersions, kaders, organisations, submissionAttachments, submissions, type SubmissionKind } from "../../../db/schema";

/**
 * What a provider gets back for a submission or a withdrawal: enough to prove later, against
 * the database and the audit trail, what was received and when.
 */
export type Receipt = {
  kader: string;
  kaderVersion: number;
  kind: SubmissionKind;
  /** The provider's version number for this kader (1, 2, ...). */
  version: number;
  provider: { id: number; name: string; agb: string | null };
  /** Server receipt time, ISO 8601 UTC with milliseconds. */
  receivedAtUtc: string;
  /** The same instant as Amsterdam wall-clock time, with its offset: "01-12-2026 09:00:00,123 (UTC+01:00)". */
  receivedAtAmsterdam: string;
  /** SHA-256 of the stored canonical content; null for a withdrawal. */
  contentSha256: string | null;
  auditSeq: number;
};

export type SubmissionRow = typeof submissions.$inferSelect;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(typeof data === "string" ? Buffer.from(data, "utf8") : data).digest("hex");
}

const amsterdam = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "longOffset",
});

/** "01-12-2026 09:00:00,123 (UTC+01:00)": to the millisecond, with the offset, so it is unambiguous around DST. */
export function formatAmsterdamPrecise(instant: Date): string {
  const ms = String(instant.getUTCMilliseconds()).padStart(3, "0");
  const [seconds, offset] = amsterdamSecond(Math.floor(instant.getTime() / 1000));
  return `${seconds},${ms} (${offset})`;
}

// formatToParts is slow and a surge formats many receipts within the same second: the last
// second's wall-clock text and offset are kept (a second never straddles an offset change).
let lastSecond: { second: number; text: [string, string] } | null = null;
function amsterdamSecond(second: number): [string, string] {
  if (lastSecond?.second === second) return lastSecond.text;
  const p = new Map(amsterdam.formatToParts(new Date(second * 1000)).map((x) => [x.type, x.value]));
  const offset = (p.get("timeZoneName") ?? "GMT").replace("GMT", "UTC");
  const text: [string, string] = [`${p.get("day")}-${p.get("month")}-${p.get("year")} ${p.get("hour")}:${p.get("minute")}:${p.get("second")}`, offset === "UTC" ? "UTC+00:00" : offset];
  lastSecond = { second, text };
  return text;
}

export function receiptOf(db: Pick<Db, "select">, row: SubmissionRow): Receipt {
  const kader = db.select({ slug: kaders.slug }).from(kaders).where(eq(kaders.id, row.kaderId)).get()!;
  const version = db.select({ number: kaderVersions.number }).from(kaderVersions).where(eq(kaderVersions.id, row.kaderVersionId)).get()!;
  const provider = db.select({ name: organisations.name, agb: organisations.agbCode }).from(organisations).where(eq(organisations.id, row.providerId)).get()!;
  return receiptFrom(row, kader.slug, version.number, provider);
}

/** The receipt of a row whose kader slug, kader version number and provider the caller has read already. */
export function receiptFrom(row: SubmissionRow, kaderSlug: string, kaderVersion: number, provider: { name: string; agb: string | null }): Receipt {
  return {
    kader: kaderSlug,
    kaderVersion,
    kind: row.kind,
    version: row.version,
    provider: { id: row.providerId, name: provider.name, agb: provider.agb },
    receivedAtUtc: row.receivedAt.toISOString(),
    receivedAtAmsterdam: formatAmsterdamPrecise(row.receivedAt),
    contentSha256: row.contentSha256,
    auditSeq: row.auditSeq,
  };
}

export type ReceiptVerdict = { ok: true } | { ok: false; problems: string[] };

/**
 * Checks a receipt against the database: the stored row exists, its content still hashes to the
 * receipt's SHA-256, and the audit event the receipt names recorded this very row (action,
 * time, hash). The audit chain itself is verified by `verifyAuditChain`.
 */
export function verifyReceipt(db: Db, receipt: Receipt): ReceiptVerdict {
  const problems: string[] = [];
  const kader = db.select({ id: kaders.id }).from(kaders).where(eq(kaders.slug, receipt.kader)).get();
  const row = kader
    ? db
        .select()
        .from(submissions)
        .where(and(eq(submissions.kaderId, kader.id), eq(submissions.providerId, receipt.provider.id), eq(submissions.version, receipt.version)))
        .get()
    : undefined;
  if (!row) return { ok: false, problems: ["no stored submission matches the receipt"] };
  if (row.kind !== receipt.kind) problems.push(`kind: stored ${row.kind}, receipt ${receipt.kind}`);
  if (row.receivedAt.toISOString() !== receipt.receivedAtUtc) problems.push("receipt time differs from the stored one");
  if (row.auditSeq !== receipt.auditSeq) problems.push("audit sequence differs from the stored one");
  const recomputed = row.content === null ? null : sha256Hex(row.content);
  if (recomputed !== row.contentSha256) problems.push("stored content does not hash to its stored SHA-256");
  if (recomputed !== receipt.contentSha256) problems.push("stored content does not hash to the receipt's SHA-256");
  if (row.content !== null) {
    // Attachments are part of the content by their hashes: their bytes must still hash to them,
    // the general attachments and the evidence backing declarations alike.
    let refs: unknown[] = [];
    try {
      const parsed = JSON.parse(row.content) as { attachments?: unknown; evidence?: unknown };
      const general = Array.isArray(parsed.attachments) ? parsed.attachments : [];
      const evidence = typeof parsed.evidence === "object" && parsed.evidence !== null ? Object.values(parsed.evidence) : [];
      refs = [...general, ...evidence.flatMap((list) => (Array.isArray(list) ? list : []))];
    } catch {
      problems.push("stored content is not JSON");
    }
    for (const sha of refs) {
      const file = db
        .select({ bytes: submissionAttachments.bytes })
        .from(submissionAttachments)
        .where(and(eq(submissionAttachments.kaderId, row.kaderId), eq(submissionAttachments.providerId, row.providerId), eq(submissionAttachments.sha256, String(sha))))
        .get();
      if (!file) problems.push(`attachment ${String(sha)} is missing`);
      else if (sha256Hex(file.bytes) !== sha) problems.push(`attachment ${String(sha)} does not hash to its name`);
    }
  }
  const stored = receiptOf(db, row);
  if (stored.kaderVersion !== receipt.kaderVersion) problems.push("kader version differs from the stored one");

  const event = db.select().from(auditEvents).where(eq(auditEvents.seq, receipt.auditSeq)).get();
  if (!event) problems.push(`audit event ${receipt.auditSeq} is missing`);
  else {
    let payload: Record<string, unknown> = {};
    try {
      payload = JSON.parse(event.payload) as Record<string, unknown>;
    } catch {
      problems.push("audit event payload is not JSON");
    }
    if (event.action !== `submission.${receipt.kind === "submission" ? "submit" : "withdraw"}`) problems.push(`audit event ${event.seq} is a ${event.action}`);
    if (event.entityId !== submissionEntityId(receipt.kader, receipt.provider.id, receipt.version)) problems.push(`audit event ${event.seq} concerns ${event.entityId}`);
    if (event.at !== receipt.receivedAtUtc) problems.push("audit event time differs from the receipt time");
    if ((payload.contentSha256 ?? null) !== receipt.contentSha256) problems.push("audit event records another SHA-256");
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export function submissionEntityId(kaderSlug: string, providerId: number, version: number): string {
  return `${kaderSlug}/${providerId}/${version}`;
}
