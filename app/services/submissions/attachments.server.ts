import { and, count, eq, inArray, sql, sum } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { preparedOnce } from "../../../db/prepared.server";
import { kaders, submissionAttachments, submissions } from "../../../db/schema";
import { allAttachmentHashes, type SubmissionContent } from "./content";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit, getDb } from "../db.server";
import { latestVersion } from "../kaders/store.server";
import { assessorMayRead } from "../assessment/gate.server";
import { canReadSubmissionContent, openingOf } from "./access.server";
import { sha256Hex } from "./receipt.server";
import { providerContext, refusal, type ProviderContext, type Refusal } from "./context.server";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const PDF_MAGIC = Buffer.from("%PDF-", "latin1");
const MAX_NAME_CHARS = 200;
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/**
 * What one provider may store for one kader in all: uploads are kept for ever (immutable, never
 * deleted), so without a cap a provider could fill the disk one valid PDF at a time.
 */
export const MAX_STORED_ATTACHMENTS = 100;
export const MAX_STORED_BYTES = 300 * 1024 * 1024;
export const STORAGE_FULL_MESSAGE = `U heeft voor dit kader het maximum aan bijlagen opgeslagen (${MAX_STORED_ATTACHMENTS} bestanden of ${MAX_STORED_BYTES / 1024 / 1024} MB). Gebruik een bijlage die u al heeft geüpload, of neem contact op met het zorgkantoor.`;

export type AttachmentRef = { sha256: string; name: string; size: number };

/**
 * A plain file name: whatever came before the last slash or backslash is dropped (a browser may
 * send a path), control characters refuse the name.
 */
export function attachmentName(raw: string): string | null {
  const base = raw.split(/[\\/]/).pop()!.trim();
  if (CONTROL_CHARACTER.test(base) || base.length > MAX_NAME_CHARS) return null;
  return base === "" || base === "." || base === ".." ? "bijlage.pdf" : base;
}

/**
 * Stores a PDF for the provider's inschrijving, before the closing time. PDF is checked by
 * content (the `%PDF-` signature), not by name. Uploading the same bytes again returns the same
 * reference and writes nothing.
 */
export function storeAttachment(
  actor: SessionUser,
  kaderSlug: string,
  file: { name: string; bytes: Uint8Array },
  db: Db = getDb(),
  now: Date = new Date(),
  known?: ProviderContext | null,
): { ok: true; attachment: AttachmentRef } | Refusal {
  const ctx = known !== undefined ? known : providerContext(db, actor, kaderSlug);
  const checked = checkAttachment(ctx, file, now);
  if (!checked.ok) return checked;
  return db.transaction((tx) => writeAttachment(tx, actor, checked, now), { behavior: "immediate" });
}

export type CheckedAttachment = { ok: true; ctx: ProviderContext; name: string; bytes: Buffer; sha256: string };

/** The checks of an upload that need no lock: visible, before the closing time, a PDF of allowed size and name. */
export function checkAttachment(ctx: ProviderContext | null, file: { name: string; bytes: Uint8Array }, now: Date): CheckedAttachment | Refusal {
  if (!ctx) return refusal(404, "Dit kader bestaat niet of staat niet open voor uw organisatie.");
  if (now.getTime() >= ctx.version.closesAt.getTime()) return refusal(403, "De sluitingstijd is verstreken; er kunnen geen bijlagen meer worden toegevoegd.", "file");
  if (file.bytes.byteLength === 0) return refusal(400, "Het bestand is leeg.", "file");
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) return refusal(400, "Het bestand is te groot (hoogstens 10 MB).", "file");
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if (bytes.byteLength < PDF_MAGIC.length || !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return refusal(400, "Alleen PDF-bestanden zijn toegestaan.", "file");
  const name = attachmentName(file.name);
  if (name === null) return refusal(400, "De bestandsnaam is ongeldig (te lang of met een stuurteken).", "file");
  return { ok: true, ctx, name, bytes, sha256: sha256Hex(bytes) };
}

/** Stores a checked upload inside the caller's transaction (with its audit event), unless the same bytes are stored already. */
export function writeAttachment(tx: Pick<Db, "select" | "insert">, actor: SessionUser, file: CheckedAttachment, now: Date): { ok: true; attachment: AttachmentRef } | Refusal {
  const { ctx, name, bytes, sha256 } = file;
  const { kader, providerId } = ctx;
  const existing = tx
    .select({ name: submissionAttachments.name, size: submissionAttachments.size })
    .from(submissionAttachments)
    .where(and(eq(submissionAttachments.kaderId, kader.id), eq(submissionAttachments.providerId, providerId), eq(submissionAttachments.sha256, sha256)))
    .get();
  if (existing) return { ok: true as const, attachment: { sha256, name: existing.name, size: existing.size } };
  const used = tx
    .select({ files: count(), bytes: sum(submissionAttachments.size) })
    .from(submissionAttachments)
    .where(and(eq(submissionAttachments.kaderId, kader.id), eq(submissionAttachments.providerId, providerId)))
    .get();
  if ((used?.files ?? 0) >= MAX_STORED_ATTACHMENTS || Number(used?.bytes ?? 0) + bytes.byteLength > MAX_STORED_BYTES) {
    return refusal(400, STORAGE_FULL_MESSAGE, "file");
  }
  tx.insert(submissionAttachments).values({ kaderId: kader.id, providerId, sha256, name, size: bytes.byteLength, bytes, uploadedAt: now, uploadedBy: actor.id }).run();
  // The hash and size only: neither the bytes nor the file name.
  appendAudit(tx, {
    actorUserId: actor.id,
    action: "submission.attachment_store",
    entityType: "submission_attachment",
    entityId: `${kader.slug}/${providerId}/${sha256}`,
    payload: { kader: kader.slug, providerId, sha256, size: bytes.byteLength },
    // Sealed: the zorgkantoor's staff do not learn who uploaded before the opening.
    organisationIds: [providerId],
    at: now,
  });
  return { ok: true as const, attachment: { sha256, name, size: bytes.byteLength } };
}

/** Which of these hashes the provider has stored for the kader (their sizes), for checking a submission's references. */
export function storedAttachments(db: Db, kaderId: number, providerId: number, hashes: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  // One prepared lookup per hash (at most MAX_ATTACHMENTS): a list in the SQL would need a new statement per length.
  const statement = preparedOnce(db, "submissions.storedAttachment", (d) =>
    d
      .select({ size: submissionAttachments.size })
      .from(submissionAttachments)
      .where(and(eq(submissionAttachments.kaderId, sql.placeholder("kaderId")), eq(submissionAttachments.providerId, sql.placeholder("providerId")), eq(submissionAttachments.sha256, sql.placeholder("sha256"))))
      .prepare(),
  );
  for (const sha256 of new Set(hashes)) {
    const row = statement.get({ kaderId, providerId, sha256 });
    if (row) found.set(sha256, row.size);
  }
  return found;
}

/** Name and size of the provider's stored attachments among `hashes`, for showing them in its own form. */
export function attachmentRefs(db: Pick<Db, "select">, kaderId: number, providerId: number, hashes: readonly string[]): Map<string, AttachmentRef> {
  if (hashes.length === 0) return new Map();
  const rows = db
    .select({ sha256: submissionAttachments.sha256, name: submissionAttachments.name, size: submissionAttachments.size })
    .from(submissionAttachments)
    .where(and(eq(submissionAttachments.kaderId, kaderId), eq(submissionAttachments.providerId, providerId), inArray(submissionAttachments.sha256, [...new Set(hashes)])))
    .all();
  return new Map(rows.map((r) => [r.sha256, r]));
}

/** An attachment's bytes, for whoever `canReadSubmissionContent` allows; otherwise as if it did not exist. */
export function readAttachment(
  actor: SessionUser,
  kaderSlug: string,
  providerId: number,
  sha256: string,
  db: Db = getDb(),
  now: Date = new Date(),
): { ok: true; name: string; bytes: Buffer } | Refusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  const version = kader ? latestVersion(db, kader.id) : null;
  const missing = refusal(404, "Deze bijlage bestaat niet.");
  if (!kader || !version || !Number.isSafeInteger(providerId)) return missing;
  if (!canReadSubmissionContent(actor, { providerId, zorgkantoorId: kader.zorgkantoorId, closesAt: version.closesAt, opening: openingOf(db, kader.id) }, now)) return missing;
  if (!assessorMayRead(db, actor, kader.id, providerId)) return missing;
  const row = db
    .select({ name: submissionAttachments.name, bytes: submissionAttachments.bytes })
    .from(submissionAttachments)
    .where(and(eq(submissionAttachments.kaderId, kader.id), eq(submissionAttachments.providerId, providerId), eq(submissionAttachments.sha256, sha256)))
    .get();
  if (!row) return missing;
  // Staff read the inschrijving, not the provider's uploads: a file no submitted version names
  // (uploaded, then left out) stays the provider's own.
  const owner = actor.organisation?.kind === "zorgaanbieder" && actor.organisation.id === providerId;
  if (!owner && !namedBySubmission(db, kader.id, providerId, sha256)) return missing;
  return { ok: true, name: row.name, bytes: row.bytes };
}

/** Whether any submitted version (superseded ones included) of the provider names the file. */
function namedBySubmission(db: Pick<Db, "select">, kaderId: number, providerId: number, sha256: string): boolean {
  const rows = db
    .select({ content: submissions.content })
    .from(submissions)
    .where(and(eq(submissions.kaderId, kaderId), eq(submissions.providerId, providerId), eq(submissions.kind, "submission")))
    .all();
  return rows.some((row) => row.content !== null && allAttachmentHashes(JSON.parse(row.content) as SubmissionContent).includes(sha256));
}
