import { and, asc, count, desc, eq, inArray, sum } from "drizzle-orm";
import { z } from "zod";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import {
  kaderVersions,
  kaders,
  objectionAttachments,
  objections,
  organisations,
  users,
  type ObjectionKind,
  type ObjectionOutcome,
  type ObjectionState,
} from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import {
  MAX_OBJECTION_ATTACHMENTS,
  MAX_OBJECTION_ATTACHMENT_BYTES,
  MAX_OBJECTION_TEXT_CHARS,
  MAX_STORED_OBJECTION_BYTES,
  MAX_STORED_OBJECTION_FILES,
  OBJECTION_KIND_LABEL,
} from "../../lib/objections";
import { CONTROL_CHARACTER_MESSAGE } from "../../lib/forms";
import { formatDate } from "../../lib/dates";
import { appendAudit } from "../db.server";
import { attachmentName } from "../submissions/attachments.server";
import { errorsOf, idempotencyKeySchema, providerContext, refusal, type ProviderContext, type Refusal } from "../submissions/context.server";
import { formatAmsterdamPrecise, sha256Hex } from "../submissions/receipt.server";
import { basistariefPeriod, withinPeriod, type BasistariefPeriod } from "./period";
import { decisionGate, objectableDecision } from "../award/gate.server";
import { describeObjectionReceipt, renderObjectionReceipt, type ObjectionReceiptDescription, type ObjectionReceiptOptions, type ObjectionReceiptViewModel } from "../../../templates/objection-receipt";

export const OBJECTION_FORMAT = "zorginkoop.bezwaar/v1";
const PDF_MAGIC = Buffer.from("%PDF-", "latin1");
// Tab and line breaks are text; every other control character is not.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SHA256 = /^[0-9a-f]{64}$/;

export type ObjectionRow = typeof objections.$inferSelect;
export type { BasistariefPeriod };

/**
 * What the lead's award decisions say about a `besluit` objection, asked inside the filing
 * transaction: the decision exists, is this provider's (and this kader's), has been sent, and
 * its standstill has not ended at `now`. A refusal says why, in Dutch, for the provider.
 */
export type DecisionGate = (
  tx: Db,
  query: { decisionId: number; providerId: number; kaderId: number; now: Date },
) => { ok: true } | { ok: false; status: 403 | 404; reason: string; message: string };


// ---------------------------------------------------------------------------------------------
// The basistarief period

/** The basistarief objection period of a kader, from its published versions; null before publication. */
export function kaderBasistariefPeriod(db: Pick<Db, "select">, kaderId: number): BasistariefPeriod | null {
  const versions = db
    .select({ number: kaderVersions.number, publishedAt: kaderVersions.publishedAt, content: kaderVersions.content })
    .from(kaderVersions)
    .where(eq(kaderVersions.kaderId, kaderId))
    .all();
  return basistariefPeriod(versions);
}

// ---------------------------------------------------------------------------------------------
// Attachments

export type ObjectionAttachmentRef = { sha256: string; name: string; size: number };

/**
 * Stores PDFs for an objection the provider is about to file, in one transaction with one audit
 * event per new file. PDF is checked by content (the `%PDF-` signature), not by name; the same
 * bytes again return the stored reference. Offered only while an objection can be filed (the
 * basistarief period, or the standstill of the provider's own sent decision).
 */
function storeOrThrow(
  db: Db,
  actor: SessionUser,
  ctx: ProviderContext,
  files: readonly { name: string; bytes: Uint8Array }[],
  now: Date = new Date(),
): { ok: true; attachments: ObjectionAttachmentRef[] } | Refusal {
  if (files.length === 0) return { ok: true, attachments: [] };
  if (files.length > MAX_OBJECTION_ATTACHMENTS) return refusal(400, `Voeg hoogstens ${MAX_OBJECTION_ATTACHMENTS} bijlagen toe.`, "bijlagen");
  const period = kaderBasistariefPeriod(db, ctx.kader.id);
  // Either kind may use the files: the basistarief period or the standstill of the provider's own sent decision.
  if ((!period || !withinPeriod(period, now)) && !objectableDecision(db, ctx.kader.id, ctx.providerId, now))
    return refusal(403, "De termijn voor bezwaar is verstreken; er kunnen geen bijlagen meer worden toegevoegd.", "bijlagen");
  const checked: { name: string; bytes: Buffer; sha256: string }[] = [];
  for (const file of files) {
    const label = file.name ? `„${file.name.slice(0, 80)}”` : "Het bestand";
    if (file.bytes.byteLength === 0) return refusal(400, `${label} is leeg.`, "bijlagen");
    if (file.bytes.byteLength > MAX_OBJECTION_ATTACHMENT_BYTES) return refusal(400, `${label} is te groot (hoogstens 10 MB).`, "bijlagen");
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    if (bytes.byteLength < PDF_MAGIC.length || !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return refusal(400, `${label} is geen PDF; alleen PDF-bestanden zijn toegestaan.`, "bijlagen");
    const name = attachmentName(file.name);
    if (name === null) return refusal(400, "Een bestandsnaam is ongeldig (te lang of met een stuurteken).", "bijlagen");
    checked.push({ name, bytes, sha256: sha256Hex(bytes) });
  }
  const { kader, providerId } = ctx;
  return db.transaction(
    (tx) => {
      const stored: ObjectionAttachmentRef[] = [];
      for (const file of checked) {
        const existing = tx
          .select({ name: objectionAttachments.name, size: objectionAttachments.size })
          .from(objectionAttachments)
          .where(and(eq(objectionAttachments.kaderId, kader.id), eq(objectionAttachments.providerId, providerId), eq(objectionAttachments.sha256, file.sha256)))
          .get();
        if (existing) {
          stored.push({ sha256: file.sha256, name: existing.name, size: existing.size });
          continue;
        }
        const used = tx
          .select({ files: count(), bytes: sum(objectionAttachments.size) })
          .from(objectionAttachments)
          .where(and(eq(objectionAttachments.kaderId, kader.id), eq(objectionAttachments.providerId, providerId)))
          .get();
        if ((used?.files ?? 0) >= MAX_STORED_OBJECTION_FILES || Number(used?.bytes ?? 0) + file.bytes.byteLength > MAX_STORED_OBJECTION_BYTES) {
          // Throwing rolls back the files stored before this one in the same request: all or nothing.
          throw new StorageFull();
        }
        tx.insert(objectionAttachments).values({ kaderId: kader.id, providerId, sha256: file.sha256, name: file.name, size: file.bytes.byteLength, bytes: file.bytes, uploadedAt: now, uploadedBy: actor.id }).run();
        // The hash and size only, never the bytes or the file name.
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "objection.attachment_store",
          entityType: "objection_attachment",
          entityId: `${kader.slug}/${providerId}/${file.sha256}`,
          payload: { kader: kader.slug, providerId, sha256: file.sha256, size: file.bytes.byteLength },
          organisationIds: [providerId],
          at: now,
        });
        stored.push({ sha256: file.sha256, name: file.name, size: file.bytes.byteLength });
      }
      return { ok: true as const, attachments: stored };
    },
    { behavior: "immediate" },
  );
}

class StorageFull extends Error {}

/**
 * Stores PDFs for an objection the provider is about to file, all or nothing: a full quota
 * refuses the whole request with a message for the page.
 */
export function storeObjectionAttachments(...args: Parameters<typeof storeOrThrow>): ReturnType<typeof storeOrThrow> {
  try {
    return storeOrThrow(...args);
  } catch (error) {
    if (error instanceof StorageFull) {
      return refusal(400, `U heeft voor dit kader het maximum aan bijlagen bij bezwaren opgeslagen (${MAX_STORED_OBJECTION_FILES} bestanden of ${MAX_STORED_OBJECTION_BYTES / 1024 / 1024} MB).`, "bijlagen");
    }
    throw error;
  }
}

/** The provider's stored attachments for the kader that no filed objection names yet: what its form offers. */
export function pendingAttachments(db: Pick<Db, "select">, kaderId: number, providerId: number): ObjectionAttachmentRef[] {
  const all = db
    .select({ sha256: objectionAttachments.sha256, name: objectionAttachments.name, size: objectionAttachments.size })
    .from(objectionAttachments)
    .where(and(eq(objectionAttachments.kaderId, kaderId), eq(objectionAttachments.providerId, providerId)))
    .orderBy(asc(objectionAttachments.uploadedAt))
    .all();
  const used = new Set(
    db
      .select({ content: objections.content })
      .from(objections)
      .where(and(eq(objections.kaderId, kaderId), eq(objections.providerId, providerId)))
      .all()
      .flatMap((r) => contentOf(r.content).attachments.map((a) => a.sha256)),
  );
  return all.filter((a) => !used.has(a.sha256));
}

/** The provider's stored attachments for the kader among `hashes` (filed or not): a file may back several objections. */
export function storedObjectionAttachments(db: Pick<Db, "select">, kaderId: number, providerId: number, hashes: readonly string[]): Map<string, ObjectionAttachmentRef> {
  const wanted = [...new Set(hashes)].filter((h) => SHA256.test(h));
  if (wanted.length === 0) return new Map();
  const rows = db
    .select({ sha256: objectionAttachments.sha256, name: objectionAttachments.name, size: objectionAttachments.size })
    .from(objectionAttachments)
    .where(and(eq(objectionAttachments.kaderId, kaderId), eq(objectionAttachments.providerId, providerId), inArray(objectionAttachments.sha256, wanted)))
    .all();
  return new Map(rows.map((r) => [r.sha256, r]));
}

// ---------------------------------------------------------------------------------------------
// Filing

/** The canonical content of a filed objection: what its receipt's SHA-256 is computed over. */
export type ObjectionContent = {
  format: typeof OBJECTION_FORMAT;
  kader: string;
  kaderVersion: number;
  kind: ObjectionKind;
  decisionId: number | null;
  providerId: number;
  grounds: string;
  /** In the order filed; each by its own SHA-256 (of the file's bytes). */
  attachments: ObjectionAttachmentRef[];
};

function contentOf(text: string): ObjectionContent {
  return JSON.parse(text) as ObjectionContent;
}

export type FileObjectionInput = {
  actor: SessionUser;
  kaderSlug: string;
  kind: ObjectionKind;
  /** For `besluit`: the award decision objected to. */
  decisionId?: number | null;
  grounds: unknown;
  /** SHA-256 hashes of attachments the provider stored for this kader. */
  attachments?: unknown;
  /** One key per form rendering: a retry returns the first receipt. */
  idempotencyKey: unknown;
  now?: Date;
  /** The request's provider context when the caller has it already. */
  known?: ProviderContext | null;
};

export type ObjectionReceipt = {
  id: number;
  kader: { slug: string; title: string; version: number };
  zorgkantoor: string;
  provider: { id: number; name: string; agb: string | null };
  kind: ObjectionKind;
  decisionId: number | null;
  attachments: ObjectionAttachmentRef[];
  filedAtUtc: string;
  filedAtAmsterdam: string;
  contentSha256: string;
  auditSeq: number;
};

export type FileObjectionResult = { ok: true; receipt: ObjectionReceipt; replayed: boolean } | Refusal;

const groundsSchema = z
  .string({ error: "Vul de gronden van uw bezwaar in." })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "Vul de gronden van uw bezwaar in: waarom bent u het er niet mee eens?" })
      .max(MAX_OBJECTION_TEXT_CHARS, { error: `De gronden zijn te lang (hoogstens ${MAX_OBJECTION_TEXT_CHARS.toLocaleString("nl-NL")} tekens).` })
      .refine((s) => !CONTROL_CHARACTER.test(s), { error: CONTROL_CHARACTER_MESSAGE }),
  );

const attachmentListSchema = z
  .array(z.string().regex(SHA256, { error: "Een bijlage is onbekend; voeg haar opnieuw toe." }))
  .max(MAX_OBJECTION_ATTACHMENTS, { error: `Voeg hoogstens ${MAX_OBJECTION_ATTACHMENTS} bijlagen toe.` });

/**
 * Files an objection in one immediate transaction: who may object, the period (or, for
 * `besluit`, the decision gate: award/gate.server.ts unless a test passes another), the grounds and attachments, then the row and its audit event
 * together. Every refusal of an attempt is audited with its reason and writes nothing else; a
 * retry with the same key returns the first receipt.
 */
export function fileObjection(db: Db, input: FileObjectionInput, gate: DecisionGate = decisionGate): FileObjectionResult {
  const { actor, kaderSlug, kind } = input;
  const now = input.now ?? new Date();
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) return refusal(400, key.error.issues[0]!.message, "idempotencyKey");
  const ctx = input.known !== undefined ? input.known : providerContext(db, actor, kaderSlug);

  return db.transaction(
    (tx): FileObjectionResult => {
      const refused = (status: Refusal["status"], reason: string, message: string, field = "_form", extra: Record<string, unknown> = {}, action = "objection.refused"): Refusal => {
        appendAudit(tx, {
          actorUserId: actor.id,
          action,
          entityType: "kader",
          entityId: kaderSlug,
          payload: { kind, reason, ...(input.decisionId != null ? { decisionId: input.decisionId } : {}), ...extra },
          // The zorgkantoor's jurist sees refused objections of providers in its regions; a probe of
          // a kader the actor may not see concerns its own organisation only.
          organisationIds: ctx ? [ctx.providerId, ctx.kader.zorgkantoorId] : actor.organisation ? [actor.organisation.id] : [],
          at: now,
        });
        return refusal(status, message, field);
      };

      if (!ctx) return refused(404, "not_visible", "Dit kader bestaat niet of staat niet open voor uw organisatie.");
      const { kader, providerId } = ctx;

      const existing = tx
        .select()
        .from(objections)
        .where(and(eq(objections.providerId, providerId), eq(objections.kaderId, kader.id), eq(objections.idempotencyKey, key.data)))
        .get();
      if (existing) {
        // The same key is the same attempt: its receipt, however late the retry comes.
        const grounds = groundsSchema.safeParse(input.grounds);
        const same = existing.kind === kind && grounds.success && contentOf(existing.content).grounds === grounds.data;
        if (same) return { ok: true, receipt: receiptOf(tx, existing), replayed: true };
        return refused(409, "idempotency_conflict", "Dit bezwaar is al eerder ontvangen met een andere inhoud. Vernieuw de pagina en bekijk uw bezwaren.");
      }

      let decisionId: number | null = null;
      if (kind === "besluit") {
        if (typeof input.decisionId !== "number" || !Number.isSafeInteger(input.decisionId)) return refused(404, "no_decision", "Dit gunningsbesluit bestaat niet.");
        decisionId = input.decisionId;
        const verdict = gate(tx as unknown as Db, { decisionId, providerId, kaderId: kader.id, now });
        if (!verdict.ok) return refused(verdict.status, verdict.reason, verdict.message);
      } else {
        const period = kaderBasistariefPeriod(tx, kader.id);
        if (!period || !withinPeriod(period, now)) {
          const until = period ? ` liep tot en met ${formatDate(period.lastDay)} (24:00 uur)` : " is niet open";
          return refused(
            403,
            "period_closed",
            `De termijn voor bezwaar tegen het basistarief van dit kader${until}. Bezwaar maken kan niet meer.`,
            "_form",
            period ? { periodEndsAt: period.endsAt.toISOString() } : {},
            "objection.refused_late",
          );
        }
      }

      const grounds = groundsSchema.safeParse(input.grounds);
      if (!grounds.success) {
        const raw = typeof input.grounds === "string" ? input.grounds.trim() : "";
        return refused(400, raw === "" ? "empty" : "invalid_grounds", grounds.error.issues[0]!.message, "gronden", { groundsChars: raw.length });
      }
      const list = attachmentListSchema.safeParse(input.attachments ?? []);
      if (!list.success) return refused(400, "invalid_attachments", list.error.issues[0]!.message, "bijlagen");
      const hashes = [...new Set(list.data)];
      const refs: ObjectionAttachmentRef[] = [];
      if (hashes.length > 0) {
        const byHash = storedObjectionAttachments(tx, kader.id, providerId, hashes);
        for (const sha of hashes) {
          const row = byHash.get(sha);
          if (!row) return refused(400, "unknown_attachment", "Een bijlage is onbekend; voeg haar opnieuw toe.", "bijlagen");
          refs.push(row);
        }
      }

      const content: ObjectionContent = {
        format: OBJECTION_FORMAT,
        kader: kader.slug,
        kaderVersion: ctx.version.number,
        kind,
        decisionId,
        providerId,
        grounds: grounds.data,
        attachments: refs,
      };
      const canonical = canonicalJson(content);
      const contentSha256 = sha256Hex(canonical);
      // Hashes, sizes and counts: never the grounds or file names.
      const { seq } = appendAudit(tx, {
        actorUserId: actor.id,
        action: "objection.file",
        entityType: "objection",
        entityId: `${kader.slug}/${providerId}/${key.data}`,
        payload: {
          kader: kader.slug,
          kaderVersion: ctx.version.number,
          kind,
          decisionId,
          providerId,
          contentSha256,
          groundsChars: grounds.data.length,
          attachments: refs.length,
          attachmentBytes: refs.reduce((n, r) => n + r.size, 0),
        },
        organisationIds: [providerId, kader.zorgkantoorId],
        at: now,
      });
      const row = tx
        .insert(objections)
        .values({
          kaderId: kader.id,
          kaderVersionId: ctx.version.id,
          providerId,
          kind,
          decisionId,
          grounds: grounds.data,
          content: canonical,
          contentSha256,
          filedAt: now,
          filedBy: actor.id,
          idempotencyKey: key.data,
          auditSeq: seq,
          state: "ingediend",
        })
        .returning()
        .get();
      return { ok: true, receipt: receiptOf(tx, row), replayed: false };
    },
    { behavior: "immediate" },
  );
}

export function receiptOf(db: Pick<Db, "select">, row: ObjectionRow): ObjectionReceipt {
  const kader = db
    .select({ slug: kaders.slug, title: kaders.title, zorgkantoor: organisations.name })
    .from(kaders)
    .innerJoin(organisations, eq(organisations.id, kaders.zorgkantoorId))
    .where(eq(kaders.id, row.kaderId))
    .get()!;
  const version = db.select({ number: kaderVersions.number, content: kaderVersions.content }).from(kaderVersions).where(eq(kaderVersions.id, row.kaderVersionId)).get()!;
  const provider = db.select({ name: organisations.name, agb: organisations.agbCode }).from(organisations).where(eq(organisations.id, row.providerId)).get()!;
  const published = version.content.title;
  return {
    id: row.id,
    kader: { slug: kader.slug, title: typeof published === "string" && published !== "" ? published : kader.title, version: version.number },
    zorgkantoor: kader.zorgkantoor,
    provider: { id: row.providerId, name: provider.name, agb: provider.agb },
    kind: row.kind,
    decisionId: row.decisionId,
    attachments: contentOf(row.content).attachments,
    filedAtUtc: row.filedAt.toISOString(),
    filedAtAmsterdam: formatAmsterdamPrecise(row.filedAt),
    contentSha256: row.contentSha256,
    auditSeq: row.auditSeq,
  };
}

/**
 * Checks a filed objection against what its receipt promises: the stored content hashes to its
 * SHA-256, every attachment's bytes hash to the SHA-256 the content names, and the audit event
 * the receipt names recorded this filing with the same hash and time.
 */
export function verifyObjection(db: Db, id: number): { ok: true } | { ok: false; problems: string[] } {
  const row = db.select().from(objections).where(eq(objections.id, id)).get();
  if (!row) return { ok: false, problems: ["no such objection"] };
  const problems: string[] = [];
  if (sha256Hex(row.content) !== row.contentSha256) problems.push("stored content does not hash to its SHA-256");
  for (const a of contentOf(row.content).attachments) {
    const file = db
      .select({ bytes: objectionAttachments.bytes })
      .from(objectionAttachments)
      .where(and(eq(objectionAttachments.kaderId, row.kaderId), eq(objectionAttachments.providerId, row.providerId), eq(objectionAttachments.sha256, a.sha256)))
      .get();
    if (!file) problems.push(`attachment ${a.sha256} is missing`);
    else if (sha256Hex(file.bytes) !== a.sha256) problems.push(`attachment ${a.sha256} does not hash to its name`);
  }
  const event = db.$client.prepare("SELECT action, at, payload FROM audit_events WHERE seq = ?").get(row.auditSeq) as { action: string; at: string; payload: string } | undefined;
  if (!event) problems.push(`audit event ${row.auditSeq} is missing`);
  else {
    if (event.action !== "objection.file") problems.push(`audit event ${row.auditSeq} is a ${event.action}`);
    if (event.at !== row.filedAt.toISOString()) problems.push("audit event time differs from the receipt time");
    if ((JSON.parse(event.payload) as { contentSha256?: string }).contentSha256 !== row.contentSha256) problems.push("audit event records another SHA-256");
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

// ---------------------------------------------------------------------------------------------
// Reading

export type ObjectionSummary = {
  id: number;
  kind: ObjectionKind;
  kindLabel: string;
  decisionId: number | null;
  state: ObjectionState;
  filedAt: string;
  providerName: string;
};

export type ObjectionDetail = ObjectionSummary & {
  kader: { slug: string; title: string; year: number };
  grounds: string;
  receipt: ObjectionReceipt;
  /** The receipt in the words of its PDF, for the page. */
  receiptDescription: ObjectionReceiptDescription;
  takenAt: string | null;
  takenBy: string | null;
  answer: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
};

function summaryOf(row: ObjectionRow, providerName: string): ObjectionSummary {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: OBJECTION_KIND_LABEL[row.kind],
    decisionId: row.decisionId,
    state: row.state,
    filedAt: row.filedAt.toISOString(),
    providerName,
  };
}

function userName(db: Pick<Db, "select">, id: number | null): string | null {
  if (id === null) return null;
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
}

function detailOf(db: Pick<Db, "select">, row: ObjectionRow): ObjectionDetail {
  const receipt = receiptOf(db, row);
  const kader = db.select({ slug: kaders.slug, title: kaders.title, year: kaders.year }).from(kaders).where(eq(kaders.id, row.kaderId)).get()!;
  return {
    ...summaryOf(row, receipt.provider.name),
    kader,
    grounds: row.grounds,
    receipt,
    receiptDescription: describeObjectionReceipt(objectionReceiptViewModel(receipt)),
    takenAt: row.takenAt?.toISOString() ?? null,
    takenBy: userName(db, row.takenBy),
    answer: row.answer,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: userName(db, row.decidedBy),
  };
}

/** The provider's own objections on a kader, newest first. */
export function providerObjections(db: Pick<Db, "select">, ctx: ProviderContext): ObjectionSummary[] {
  const provider = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ctx.providerId)).get();
  return db
    .select()
    .from(objections)
    .where(and(eq(objections.kaderId, ctx.kader.id), eq(objections.providerId, ctx.providerId)))
    .orderBy(desc(objections.id))
    .all()
    .map((row) => summaryOf(row, provider?.name ?? ""));
}

/** One of the provider's own objections on this kader; null for anything else (the page answers 404). */
export function providerObjection(db: Pick<Db, "select">, ctx: ProviderContext, id: number): ObjectionDetail | null {
  if (!Number.isSafeInteger(id)) return null;
  const row = db
    .select()
    .from(objections)
    .where(and(eq(objections.id, id), eq(objections.kaderId, ctx.kader.id), eq(objections.providerId, ctx.providerId)))
    .get();
  return row ? detailOf(db, row) : null;
}

/** The zorgkantoor of a jurist (or null): staff see the objections of their own zorgkantoor's kaders only. */
function staffZorgkantoor(actor: SessionUser): number | null {
  const org = actor.organisation;
  return org && org.kind === "zorgkantoor" && actor.roles.includes("jurist") ? org.id : null;
}

export type KaderObjections = {
  kader: { slug: string; title: string; year: number };
  period: { startsAt: string; lastDay: string; open: boolean } | null;
  objections: ObjectionSummary[];
};

/** Per year, per kader of the jurist's zorgkantoor: its objections (both kinds), newest kaders first. */
export function staffObjectionsByYear(db: Pick<Db, "select">, actor: SessionUser, now: Date = new Date()): { year: number; kaders: KaderObjections[] }[] {
  const zorgkantoorId = staffZorgkantoor(actor);
  if (zorgkantoorId === null) return [];
  const list = db
    .select({ id: kaders.id, slug: kaders.slug, title: kaders.title, year: kaders.year, phase: kaders.phase })
    .from(kaders)
    .where(eq(kaders.zorgkantoorId, zorgkantoorId))
    .orderBy(desc(kaders.year), asc(kaders.title))
    .all()
    .filter((k) => k.phase !== "concept");
  const byYear = new Map<number, KaderObjections[]>();
  for (const k of list) {
    const rows = db
      .select({ row: objections, providerName: organisations.name })
      .from(objections)
      .innerJoin(organisations, eq(organisations.id, objections.providerId))
      .where(eq(objections.kaderId, k.id))
      .orderBy(asc(objections.id))
      .all();
    const period = kaderBasistariefPeriod(db, k.id);
    const entry: KaderObjections = {
      kader: { slug: k.slug, title: k.title, year: k.year },
      period: period ? { startsAt: period.startsAt.toISOString(), lastDay: period.lastDay.toISOString(), open: withinPeriod(period, now) } : null,
      objections: rows.map((r) => summaryOf(r.row, r.providerName)),
    };
    const year = byYear.get(k.year) ?? [];
    year.push(entry);
    byYear.set(k.year, year);
  }
  return [...byYear.entries()].sort(([a], [b]) => b - a).map(([year, ks]) => ({ year, kaders: ks }));
}

/** One objection for a jurist of the kader's zorgkantoor; null for anyone else (the page answers 404). */
export function staffObjection(db: Pick<Db, "select">, actor: SessionUser, id: number): ObjectionDetail | null {
  const zorgkantoorId = staffZorgkantoor(actor);
  if (zorgkantoorId === null || !Number.isSafeInteger(id)) return null;
  const row = db
    .select({ row: objections })
    .from(objections)
    .innerJoin(kaders, eq(kaders.id, objections.kaderId))
    .where(and(eq(objections.id, id), eq(kaders.zorgkantoorId, zorgkantoorId)))
    .get();
  return row ? detailOf(db, row.row) : null;
}

/**
 * An attachment of an objection: for the provider that filed it and the jurists of the kader's
 * zorgkantoor, and only when the objection names it; null (404) otherwise.
 */
export function objectionAttachment(db: Pick<Db, "select">, actor: SessionUser, objectionId: number, sha256: string): { name: string; bytes: Buffer } | null {
  if (!Number.isSafeInteger(objectionId) || !SHA256.test(sha256)) return null;
  const found = db.select({ row: objections, zorgkantoorId: kaders.zorgkantoorId }).from(objections).innerJoin(kaders, eq(kaders.id, objections.kaderId)).where(eq(objections.id, objectionId)).get();
  if (!found) return null;
  const org = actor.organisation;
  const owner = org?.kind === "zorgaanbieder" && org.id === found.row.providerId && actor.roles.includes("zorgaanbieder");
  const staff = staffZorgkantoor(actor) === found.zorgkantoorId;
  if (!owner && !staff) return null;
  if (!contentOf(found.row.content).attachments.some((a) => a.sha256 === sha256)) return null;
  const file = db
    .select({ name: objectionAttachments.name, bytes: objectionAttachments.bytes })
    .from(objectionAttachments)
    .where(and(eq(objectionAttachments.kaderId, found.row.kaderId), eq(objectionAttachments.providerId, found.row.providerId), eq(objectionAttachments.sha256, sha256)))
    .get();
  return file ?? null;
}

/**
 * The kader's objections still open (ingediend or in behandeling), both kinds: the final award
 * waits until there are none against its decisions ("after the standstill with no open objections").
 */
export function openObjections(db: Pick<Db, "select">, kaderId: number): { id: number; kind: ObjectionKind; decisionId: number | null; providerId: number; state: ObjectionState }[] {
  return db
    .select({ id: objections.id, kind: objections.kind, decisionId: objections.decisionId, providerId: objections.providerId, state: objections.state })
    .from(objections)
    .where(and(eq(objections.kaderId, kaderId), inArray(objections.state, ["ingediend", "in_behandeling"])))
    .orderBy(asc(objections.id))
    .all();
}

// ---------------------------------------------------------------------------------------------
// Handling (jurist)

export type HandlingResult = { ok: true; objection: ObjectionDetail } | Refusal;

/** Takes an objection into handling (ingediend → in behandeling), audited. */
export function takeIntoHandling(db: Db, actor: SessionUser, id: number, now: Date = new Date()): HandlingResult {
  return db.transaction(
    (tx): HandlingResult => {
      const current = staffObjection(tx, actor, id);
      if (!current) return refusal(404, "Dit bezwaar bestaat niet.");
      if (current.state !== "ingediend") return refusal(409, "Dit bezwaar is al in behandeling genomen.");
      tx.update(objections).set({ state: "in_behandeling", takenAt: now, takenBy: actor.id }).where(eq(objections.id, id)).run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "objection.take",
        entityType: "objection",
        entityId: String(id),
        payload: { kader: current.kader.slug, kind: current.kind, providerId: current.receipt.provider.id, from: "ingediend", to: "in_behandeling" },
        organisationIds: [current.receipt.provider.id, actor.organisation!.id],
        at: now,
      });
      return { ok: true, objection: staffObjection(tx, actor, id)! };
    },
    { behavior: "immediate" },
  );
}

const decisionSchema = z.object({
  uitkomst: z.enum(["gegrond", "deels_gegrond", "ongegrond"], { error: "Kies de uitkomst: gegrond, deels gegrond of ongegrond." }),
  antwoord: z
    .string({ error: "Schrijf het gemotiveerde antwoord aan de aanbieder." })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, { error: "Schrijf het gemotiveerde antwoord aan de aanbieder: waarom is het bezwaar (deels) gegrond of ongegrond?" })
        .max(MAX_OBJECTION_TEXT_CHARS, { error: `Het antwoord is te lang (hoogstens ${MAX_OBJECTION_TEXT_CHARS.toLocaleString("nl-NL")} tekens).` })
        .refine((s) => !CONTROL_CHARACTER.test(s), { error: CONTROL_CHARACTER_MESSAGE }),
    ),
});

/** Decides an objection in handling, with the motivated answer the provider reads; final, audited. */
export function decideObjection(db: Db, actor: SessionUser, id: number, input: { uitkomst: unknown; antwoord: unknown }, now: Date = new Date()): HandlingResult {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) {
    const errors = errorsOf({});
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
    return { ok: false, status: 400, errors };
  }
  const outcome: ObjectionOutcome = parsed.data.uitkomst;
  return db.transaction(
    (tx): HandlingResult => {
      const current = staffObjection(tx, actor, id);
      if (!current) return refusal(404, "Dit bezwaar bestaat niet.");
      if (current.state === "ingediend") return refusal(409, "Neem het bezwaar eerst in behandeling.");
      if (current.state !== "in_behandeling") return refusal(409, "Op dit bezwaar is al beslist; die beslissing verandert niet meer.");
      tx.update(objections).set({ state: outcome, answer: parsed.data.antwoord, decidedAt: now, decidedBy: actor.id }).where(eq(objections.id, id)).run();
      // The answer's hash and length only: the answer itself is in the objection's row.
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "objection.decide",
        entityType: "objection",
        entityId: String(id),
        payload: { kader: current.kader.slug, kind: current.kind, providerId: current.receipt.provider.id, from: "in_behandeling", to: outcome, answerSha256: sha256Hex(parsed.data.antwoord), answerChars: parsed.data.antwoord.length },
        organisationIds: [current.receipt.provider.id, actor.organisation!.id],
        at: now,
      });
      return { ok: true, objection: staffObjection(tx, actor, id)! };
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------------------------
// Receipt PDF

/** The one mapper from a receipt to the PDF's view model: every field as the receipt states it. */
export function objectionReceiptViewModel(receipt: ObjectionReceipt): ObjectionReceiptViewModel {
  return {
    kader: receipt.kader,
    zorgkantoor: receipt.zorgkantoor,
    provider: { name: receipt.provider.name, agb: receipt.provider.agb },
    kind: receipt.kind,
    decisionId: receipt.decisionId,
    number: receipt.id,
    attachments: receipt.attachments,
    filedAtAmsterdam: receipt.filedAtAmsterdam,
    filedAtUtc: receipt.filedAtUtc,
    contentSha256: receipt.contentSha256,
    auditSeq: receipt.auditSeq,
  };
}

export function renderObjectionReceiptPdf(receipt: ObjectionReceipt, options: ObjectionReceiptOptions = {}): Promise<Buffer> {
  return renderObjectionReceipt(objectionReceiptViewModel(receipt), options);
}

export const objectionReceiptFileName = (receipt: Pick<ObjectionReceipt, "kader" | "id">) => `${receipt.kader.slug}-bezwaar-${receipt.id}-ontvangstbevestiging.pdf`;
