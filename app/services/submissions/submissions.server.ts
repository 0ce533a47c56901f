import { and, asc, desc, eq, sql } from "drizzle-orm";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import { preparedOnce } from "../../../db/prepared.server";
import { kaders, organisations, submissionDrafts, submissions, type SubmissionKind } from "../../../db/schema";
import type { Kader } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { appendAudit, getDb } from "../db.server";
import { kaderAudience } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";
import { assessorMayRead } from "../assessment/gate.server";
import { canReadSubmissionContent, openingOf, type SubmissionAccessSubject } from "./access.server";
import { storedAttachments } from "./attachments.server";
export { idempotencyKeySchema, type Refusal } from "./context.server";
import { currentVersion, errorsOf, idempotencyKeySchema, NOT_FOUND, providerContext, refusal, type ProviderContext, type Refusal } from "./context.server";
import { MAX_CONTENT_CHARS, allAttachmentHashes, parseSubmissionContent, type SubmissionContent } from "./content";
import { receiptFrom, receiptOf, sha256Hex, submissionEntityId, type Receipt, type SubmissionRow } from "./receipt.server";

type KaderRow = typeof kaders.$inferSelect;
type VersionRow = NonNullable<ReturnType<typeof latestVersion>>;

/** A refused attempt leaves one audit event; the provider sees it, the beheerder too. */
function auditRefused(tx: Pick<Db, "select" | "insert">, actor: SessionUser, action: string, kaderSlug: string, payload: Record<string, unknown>, organisationIds: number[], now: Date): void {
  appendAudit(tx, { actorUserId: actor.id, action, entityType: "kader", entityId: kaderSlug, payload, organisationIds, at: now });
}

// Prepared once per connection (see db/prepared.server.ts): these run on every submit.
const lastRowStatement = (db: Db) =>
  preparedOnce(db, "submissions.lastRow", () =>
    db
      .select()
      .from(submissions)
      .where(and(eq(submissions.kaderId, sql.placeholder("kaderId")), eq(submissions.providerId, sql.placeholder("providerId"))))
      .orderBy(desc(submissions.version))
      .limit(1)
      .prepare(),
  );

/** The newest version's number and kind only: both stored before the content, which is not read. */
const lastVersionStatement = (db: Db) =>
  preparedOnce(db, "submissions.lastVersion", () =>
    db
      .select({ version: submissions.version, kind: submissions.kind })
      .from(submissions)
      .where(and(eq(submissions.kaderId, sql.placeholder("kaderId")), eq(submissions.providerId, sql.placeholder("providerId"))))
      .orderBy(desc(submissions.version))
      .limit(1)
      .prepare(),
  );

const byKeyStatement = (db: Db) =>
  preparedOnce(db, "submissions.byKey", () =>
    db
      .select()
      .from(submissions)
      .where(and(eq(submissions.kaderId, sql.placeholder("kaderId")), eq(submissions.providerId, sql.placeholder("providerId")), eq(submissions.idempotencyKey, sql.placeholder("key"))))
      .prepare(),
  );

const insertStatement = (db: Db) =>
  preparedOnce(db, "submissions.insert", () =>
    db
      .insert(submissions)
      .values({
        kaderId: sql.placeholder("kaderId"),
        kaderVersionId: sql.placeholder("kaderVersionId"),
        providerId: sql.placeholder("providerId"),
        version: sql.placeholder("version"),
        kind: sql.placeholder("kind"),
        receivedAt: sql.placeholder("receivedAt"),
        submittedBy: sql.placeholder("submittedBy"),
        content: sql.placeholder("content"),
        contentSha256: sql.placeholder("contentSha256"),
        idempotencyKey: sql.placeholder("idempotencyKey"),
        auditSeq: sql.placeholder("auditSeq"),
      })
      .returning()
      .prepare(),
  );

const providerStatement = (db: Db) =>
  preparedOnce(db, "submissions.provider", () =>
    db.select({ name: organisations.name, agb: organisations.agbCode }).from(organisations).where(eq(organisations.id, sql.placeholder("id"))).prepare(),
  );

/** The newest version (the highest number) the provider has for the kader. */
function lastRow(db: Db, kaderId: number, providerId: number): SubmissionRow | undefined {
  return lastRowStatement(db).get({ kaderId, providerId });
}

function byKey(db: Db, kaderId: number, providerId: number, key: string): SubmissionRow | undefined {
  return byKeyStatement(db).get({ kaderId, providerId, key });
}

function countsOf(content: SubmissionContent): { declarations: number; modules: number; targetGroups: number } {
  let targetGroups = 0;
  for (const plan of Object.values(content.plans)) if ("targetGroups" in plan) targetGroups += Object.keys(plan.targetGroups).length;
  return { declarations: Object.keys(content.declarations).length, modules: Object.keys(content.plans).length, targetGroups };
}

export type SubmitResult = { ok: true; receipt: Receipt; replayed: boolean } | Refusal;

type Counts = ReturnType<typeof countsOf> & { attachments: number; attachmentBytes: number };
type Prepared = { canonical: string; sha256: string; counts: Counts } | { errors: FieldErrors };

/**
 * Records a new version (a submission or a withdrawal) in one immediate transaction: access,
 * idempotency, the window by the server clock, then the row and its audit event together.
 * `known` is the request's provider context when the caller has it already (it is computed
 * once per request); the transaction re-reads only the kader's current version.
 */
function record(
  actor: SessionUser,
  kaderSlug: string,
  kind: SubmissionKind,
  idempotencyKey: unknown,
  prepare: (kader: Kader, ctx: ProviderContext) => Prepared | null,
  now: Date,
  db: Db,
  confirms: number | null = null,
  known?: ProviderContext | null,
): SubmitResult {
  const key = idempotencyKeySchema.safeParse(idempotencyKey);
  if (!key.success) return refusal(400, key.error.issues[0]!.message, "idempotencyKey");
  // Validation and hashing run before the write lock is taken; the version they were checked
  // against is compared again inside the transaction.
  const outside = known !== undefined ? known : providerContext(db, actor, kaderSlug);
  // Past the closing time the attempt is refused whatever it holds, so its content is checked
  // only when a retry of an earlier attempt needs its hash (inside the lock, rarely).
  const lateAlready = outside !== null && now.getTime() >= outside.version.closesAt.getTime();
  let prepared: Prepared | null | undefined = outside === null ? null : lateAlready ? undefined : prepare(outside.version.content as unknown as Kader, outside);
  const preparedNow = (): Prepared | null => (prepared === undefined ? (prepared = outside ? prepare(outside.version.content as unknown as Kader, outside) : null) : prepared);
  const actionWord = kind === "submission" ? "submit" : "withdraw";

  return db.transaction(
    (tx): SubmitResult => {
      const ownOrg = actor.organisation ? [actor.organisation.id] : [];
      // The kader's current version, read under the write lock: its window and whether it is still
      // the version the content was checked against (an amendment is a new version).
      const version = outside ? currentVersion(db, outside.kader.id) : null;
      if (!outside || !version) {
        auditRefused(tx, actor, "submission.refused", kaderSlug, { kind, reason: "not_visible" }, ownOrg, now);
        return refusal(404, NOT_FOUND);
      }
      const { kader, providerId } = outside;
      // Sealed until the opening: the zorgkantoor's staff learn how many submissions exist
      // (countSubmissions), not who submitted, so these events concern the provider only.
      const orgs = [providerId];

      // The same key is the same attempt: its receipt, whenever the retry arrives.
      const existing = byKey(db, kader.id, providerId, key.data);
      if (existing) {
        // A conflict only when the retry provably carries other content; content that no longer
        // validates (the kader was amended since, say) is still the same attempt.
        const check = kind === "submission" ? preparedNow() : null;
        const differs = check !== null && !("errors" in check) && check.sha256 !== existing.contentSha256;
        const same = existing.kind === kind && !differs;
        if (same) return { ok: true, receipt: receiptOf(tx, existing), replayed: true };
        auditRefused(tx, actor, "submission.refused", kaderSlug, { kind, reason: "idempotency_conflict", existingVersion: existing.version }, orgs, now);
        return refusal(409, "Deze verzending is al eerder ontvangen met een andere inhoud. Vernieuw de pagina en controleer uw inschrijving.");
      }

      if (now.getTime() < version.opensAt.getTime()) {
        auditRefused(tx, actor, "submission.refused", kaderSlug, { kind, reason: "not_open", kaderVersion: version.number }, orgs, now);
        return refusal(403, "De inschrijving voor dit kader is nog niet geopend.");
      }
      if (now.getTime() >= version.closesAt.getTime()) {
        auditRefused(tx, actor, "submission.refused_late", kaderSlug, { kind, kaderVersion: version.number, closesAt: version.closesAt.toISOString() }, orgs, now);
        return refusal(403, `De sluitingstijd is verstreken; ${kind === "submission" ? "inschrijven" : "intrekken"} kan niet meer.`);
      }
      const checked = outside.version.id === version.id ? preparedNow() : null;
      if (checked === null) {
        // The kader was amended between the check and the lock: check again against the new version.
        return refusal(409, "Het kader is zojuist gewijzigd. Controleer uw inschrijving en verstuur opnieuw.");
      }
      // Bad content writes nothing, not even an audit event: it is bad input, not an attempt.
      if ("errors" in checked) return { ok: false, status: 400, errors: checked.errors };

      const last = lastVersionStatement(db).get({ kaderId: kader.id, providerId });
      if (kind === "withdrawal" && last?.kind !== "submission") return refusal(409, "Er is geen inschrijving om in te trekken.");
      // A confirmation re-submits the version it read before the lock: if another one came in since, it no longer applies.
      if (confirms !== null && last?.version !== confirms) return refusal(409, "Uw inschrijving is zojuist gewijzigd. Vernieuw de pagina en controleer haar.");
      // The newest row has the highest number (lastRow orders by it).
      const number = (last?.version ?? 0) + 1;
      const contentSha256 = kind === "submission" ? checked.sha256 : null;
      // The event records hashes, sizes and counts: never the content itself.
      const { seq } = appendAudit(tx, {
        actorUserId: actor.id,
        action: `submission.${actionWord}`,
        entityType: "submission",
        entityId: submissionEntityId(kader.slug, providerId, number),
        payload: {
          kader: kader.slug,
          kaderVersion: version.number,
          providerId,
          version: number,
          contentSha256,
          ...(kind === "submission" ? { contentChars: checked.canonical.length, ...checked.counts } : {}),
          ...(last ? { supersedes: last.version } : {}),
          ...(confirms !== null ? { confirmsUnchanged: confirms } : {}),
        },
        organisationIds: orgs,
        at: now,
      });
      const row = insertStatement(db).get({
        kaderId: kader.id,
        kaderVersionId: version.id,
        providerId,
        version: number,
        kind,
        receivedAt: now,
        submittedBy: actor.id,
        content: kind === "submission" ? checked.canonical : null,
        contentSha256,
        idempotencyKey: key.data,
        auditSeq: seq,
      })!;
      const provider = providerStatement(db).get({ id: providerId })!;
      return { ok: true, receipt: receiptFrom(row, kader.slug, version.number, provider), replayed: false };
    },
    { behavior: "immediate" },
  );
}

/** Checks content against the kader and the provider's stored attachments, and hashes it. */
function prepareContent(db: Db, kader: Kader, ctx: ProviderContext, content: unknown): Prepared {
  const parsed = parseSubmissionContent(kader, content);
  if (!parsed.ok) return { errors: parsed.errors };
  // Every attachment must have been uploaded by this provider for this kader. Attachments
  // are never deleted (migration 0006), so the check stays true once made.
  const all = allAttachmentHashes(parsed.value);
  const stored = storedAttachments(db, ctx.kader.id, ctx.providerId, all);
  const missing = errorsOf({});
  parsed.value.attachments.forEach((sha, i) => {
    if (!stored.has(sha)) missing[`attachments.${i}`] = "Onbekende bijlage; upload het bestand opnieuw.";
  });
  for (const [factId, hashes] of Object.entries(parsed.value.evidence)) {
    hashes.forEach((sha, i) => {
      if (!stored.has(sha)) missing[`evidence.${factId}.${i}`] = "Onbekend bewijsstuk; upload het bestand opnieuw.";
    });
  }
  if (Object.keys(missing).length > 0) return { errors: missing };
  let attachmentBytes = 0;
  for (const size of stored.values()) attachmentBytes += size;
  return {
    canonical: parsed.canonical,
    sha256: sha256Hex(parsed.canonical),
    counts: { ...countsOf(parsed.value), attachments: all.length, attachmentBytes },
  };
}

/**
 * Submits (or replaces) the provider's inschrijving. `now` is the server clock: the receipt
 * time, and the time the window is checked against.
 */
export function submit(actor: SessionUser, kaderSlug: string, content: unknown, idempotencyKey: unknown, now: Date = new Date(), db: Db = getDb(), known?: ProviderContext | null): SubmitResult {
  return record(actor, kaderSlug, "submission", idempotencyKey, (kader, ctx) => prepareContent(db, kader, ctx, content), now, db, null, known);
}

/**
 * Confirms the current submission unchanged against the kader's current (amended) version: its
 * content is submitted again as a new version with its own receipt, idempotent like `submit`.
 * Content that no longer validates against the amended kader is refused with its field errors
 * (the provider then edits and replaces).
 */
export function confirmUnchanged(actor: SessionUser, kaderSlug: string, idempotencyKey: unknown, now: Date = new Date(), db: Db = getDb(), known?: ProviderContext | null): SubmitResult {
  const ctx = known !== undefined ? known : providerContext(db, actor, kaderSlug);
  const last = ctx ? lastRow(db, ctx.kader.id, ctx.providerId) : undefined;
  // A retry of a confirmation that went through finds its own row as the last one, with the same
  // content: `record` answers it with the same receipt before looking at anything else.
  const retry = ctx && last && typeof idempotencyKey === "string" && last.idempotencyKey === idempotencyKey;
  const confirms = last?.version ?? 0;
  return record(
    actor,
    kaderSlug,
    "submission",
    idempotencyKey,
    (kader, c) => {
      if (!last || last.kind !== "submission" || last.content === null) return { errors: errorsOf({ _form: "Er is geen inschrijving om te bevestigen." }) };
      if (!retry && last.kaderVersionId === c.version.id) return { errors: errorsOf({ _form: "Uw inschrijving hoort al bij de geldende versie van het kader; bevestigen is niet nodig." }) };
      return prepareContent(db, kader, c, JSON.parse(last.content) as unknown);
    },
    now,
    db,
    retry ? null : confirms,
    ctx,
  );
}

/** Withdraws the current inschrijving, as a new version; the earlier ones stay. */
export function withdraw(actor: SessionUser, kaderSlug: string, idempotencyKey: unknown, now: Date = new Date(), db: Db = getDb(), known?: ProviderContext | null): SubmitResult {
  return record(actor, kaderSlug, "withdrawal", idempotencyKey, () => ({ canonical: "", sha256: "", counts: { declarations: 0, modules: 0, targetGroups: 0, attachments: 0, attachmentBytes: 0 } }), now, db, null, known);
}

/**
 * Saves the provider's work in progress as it is, valid or not (a draft survives validation
 * errors and a lost session), until the closing time.
 */
export function saveDraft(
  actor: SessionUser,
  kaderSlug: string,
  content: unknown,
  db: Db = getDb(),
  now: Date = new Date(),
  known?: ProviderContext | null,
): { ok: true; updatedAt: Date; changed: boolean } | Refusal {
  const ctx = known !== undefined ? known : providerContext(db, actor, kaderSlug);
  const checked = checkDraft(ctx, content, now);
  if (!checked.ok) return checked;
  return db.transaction((tx) => writeDraft(tx, actor, checked.ctx, checked.canonical, now), { behavior: "immediate" });
}

/** Whether a draft may be saved now (visible, before the closing time, readable, not too large), and its stored form. */
export function checkDraft(ctx: ProviderContext | null, content: unknown, now: Date): { ok: true; ctx: ProviderContext; canonical: string } | Refusal {
  if (!ctx) return refusal(404, NOT_FOUND);
  if (now.getTime() >= ctx.version.closesAt.getTime()) return refusal(403, "De sluitingstijd is verstreken; het concept kan niet meer worden bewaard.");
  let canonical: string;
  try {
    canonical = canonicalJson(content ?? {});
  } catch {
    return refusal(400, "Het concept is onleesbaar.");
  }
  if (canonical.length > MAX_CONTENT_CHARS) return refusal(400, `Het concept is te groot (hoogstens ${MAX_CONTENT_CHARS.toLocaleString("nl-NL")} tekens).`);
  return { ok: true, ctx, canonical };
}

/** Writes a checked draft inside the caller's transaction, with its audit event; an unchanged one writes nothing. */
export function writeDraft(tx: Pick<Db, "select" | "insert">, actor: SessionUser, ctx: ProviderContext, canonical: string, now: Date): { ok: true; updatedAt: Date; changed: boolean } {
  const { kader, providerId } = ctx;
  // An autosave of an unchanged form writes nothing: no row change, no audit event.
  const stored = tx.select({ content: submissionDrafts.content, updatedAt: submissionDrafts.updatedAt }).from(submissionDrafts).where(and(eq(submissionDrafts.kaderId, kader.id), eq(submissionDrafts.providerId, providerId))).get();
  if (stored && stored.content === canonical) return { ok: true, updatedAt: stored.updatedAt, changed: false };
  tx.insert(submissionDrafts)
    .values({ kaderId: kader.id, providerId, content: canonical, updatedAt: now, updatedBy: actor.id })
    .onConflictDoUpdate({ target: [submissionDrafts.kaderId, submissionDrafts.providerId], set: { content: canonical, updatedAt: now, updatedBy: actor.id } })
    .run();
  appendAudit(tx, {
    actorUserId: actor.id,
    action: "submission.draft_save",
    entityType: "submission_draft",
    entityId: `${kader.slug}/${providerId}`,
    payload: { kader: kader.slug, providerId, contentSha256: sha256Hex(canonical), contentChars: canonical.length },
    organisationIds: [providerId],
    at: now,
  });
  return { ok: true, updatedAt: now, changed: true };
}

function subjectOf(db: Pick<Db, "select">, kader: Pick<KaderRow, "id" | "zorgkantoorId">, version: Pick<VersionRow, "closesAt">, providerId: number): SubmissionAccessSubject {
  return { providerId, zorgkantoorId: kader.zorgkantoorId, closesAt: version.closesAt, opening: openingOf(db, kader.id) };
}

/** The provider's own draft, or null; the same access rule as a submission. */
export function readDraft(actor: SessionUser, kaderSlug: string, db: Db = getDb(), now: Date = new Date()): { ok: true; draft: { content: unknown; updatedAt: Date } | null } | Refusal {
  const ctx = providerContext(db, actor, kaderSlug);
  if (!ctx || !canReadSubmissionContent(actor, subjectOf(db, ctx.kader, ctx.version, ctx.providerId), now)) return refusal(404, NOT_FOUND);
  const row = db.select().from(submissionDrafts).where(and(eq(submissionDrafts.kaderId, ctx.kader.id), eq(submissionDrafts.providerId, ctx.providerId))).get();
  return { ok: true, draft: row ? { content: JSON.parse(row.content) as unknown, updatedAt: row.updatedAt } : null };
}

export type VersionState = "current" | "superseded" | "withdrawn";

export type SubmissionStatus = {
  kader: string;
  /** The kader version a submission now answers; a receipt with an older one answered an earlier version. */
  currentKaderVersion: number;
  opensAt: Date;
  closesAt: Date;
  /** Submitting, replacing and withdrawing are possible now. */
  open: boolean;
  /** The provider's state: nothing submitted, a current submission, or withdrawn. */
  state: "none" | "submitted" | "withdrawn";
  /**
   * The current submission answers an older kader version than the published one (the kader was
   * amended since): "te bevestigen" until the provider confirms it unchanged or replaces it.
   */
  needsConfirmation: boolean;
  /** Newest first. */
  versions: { receipt: Receipt; state: VersionState }[];
  draftUpdatedAt: Date | null;
};

/** The provider's own view: every version with its receipt, newest first. */
export function submissionStatusFor(actor: SessionUser, kaderSlug: string, db: Db = getDb(), now: Date = new Date(), known?: ProviderContext | null): { ok: true; status: SubmissionStatus } | Refusal {
  const ctx = known !== undefined ? known : providerContext(db, actor, kaderSlug);
  if (!ctx) return refusal(404, NOT_FOUND);
  const { kader, version, providerId } = ctx;
  const rows = db
    .select()
    .from(submissions)
    .where(and(eq(submissions.kaderId, kader.id), eq(submissions.providerId, providerId)))
    .orderBy(desc(submissions.version))
    .all();
  const draft = db.select({ updatedAt: submissionDrafts.updatedAt }).from(submissionDrafts).where(and(eq(submissionDrafts.kaderId, kader.id), eq(submissionDrafts.providerId, providerId))).get();
  const latest = rows[0];
  const versions = rows.map((row, i) => ({ receipt: receiptOf(db, row), state: (row.kind === "withdrawal" ? "withdrawn" : i === 0 ? "current" : "superseded") as VersionState }));
  return {
    ok: true,
    status: {
      kader: kader.slug,
      currentKaderVersion: version.number,
      opensAt: version.opensAt,
      closesAt: version.closesAt,
      open: now.getTime() >= version.opensAt.getTime() && now.getTime() < version.closesAt.getTime(),
      state: !latest ? "none" : latest.kind === "submission" ? "submitted" : "withdrawn",
      needsConfirmation: latest?.kind === "submission" && latest.kaderVersionId !== version.id,
      versions,
      draftUpdatedAt: draft?.updatedAt ?? null,
    },
  };
}

/** One version's content, for whoever `canReadSubmissionContent` allows; otherwise as if it did not exist. */
export function readSubmission(
  actor: SessionUser,
  kaderSlug: string,
  providerId: number,
  versionNumber: number,
  db: Db = getDb(),
  now: Date = new Date(),
): { ok: true; receipt: Receipt; content: SubmissionContent | null } | Refusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  const version = kader ? latestVersion(db, kader.id) : null;
  if (!kader || !version || !Number.isSafeInteger(providerId) || !Number.isSafeInteger(versionNumber)) return refusal(404, "Deze inschrijving bestaat niet.");
  if (!canReadSubmissionContent(actor, subjectOf(db, kader, version, providerId), now)) return refusal(404, "Deze inschrijving bestaat niet.");
  if (!assessorMayRead(db, actor, kader.id, providerId)) return refusal(404, "Deze inschrijving bestaat niet.");
  const row = db
    .select()
    .from(submissions)
    .where(and(eq(submissions.kaderId, kader.id), eq(submissions.providerId, providerId), eq(submissions.version, versionNumber)))
    .get();
  if (!row) return refusal(404, "Deze inschrijving bestaat niet.");
  return { ok: true, receipt: receiptOf(db, row), content: row.content === null ? null : (JSON.parse(row.content) as SubmissionContent) };
}

/**
 * For the buying zorgkantoor's staff before the opening: how many providers have a current
 * (not withdrawn) submission. A number only, nothing about who or what.
 */
export function countSubmissions(actor: SessionUser, kaderSlug: string, db: Db = getDb()): { ok: true; count: number } | Refusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  if (!kader || kaderAudience(db, actor, kader) !== "staff") return refusal(404, NOT_FOUND);
  const rows = db
    .select({ providerId: submissions.providerId, kind: submissions.kind })
    .from(submissions)
    .where(eq(submissions.kaderId, kader.id))
    .orderBy(asc(submissions.providerId), asc(submissions.version))
    .all();
  const latest = new Map<number, SubmissionKind>();
  for (const r of rows) latest.set(r.providerId, r.kind);
  let count = 0;
  for (const kind of latest.values()) if (kind === "submission") count++;
  return { ok: true, count };
}
