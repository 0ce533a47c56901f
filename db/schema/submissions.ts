import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { kaderVersions, kaders } from "./kaders";
import { organisations } from "./organisations";
import { users } from "./users";

export const SUBMISSION_KINDS = ["submission", "withdrawal"] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/**
 * A provider's inschrijving as an append-only list of versions: a replacement or a withdrawal is
 * a new row, never a change. The current state is the latest row per (kader, provider); earlier
 * submission rows are superseded. Triggers (migration 0006) refuse UPDATE, DELETE and an INSERT
 * over an existing key for every connection, administrators included.
 */
export const submissions = sqliteTable(
  "submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    /** The published kader version the provider answered (the latest one when it submitted). */
    kaderVersionId: integer("kader_version_id")
      .notNull()
      .references(() => kaderVersions.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    /** 1, 2, ... per (kader, provider). */
    version: integer("version").notNull(),
    kind: text("kind", { enum: SUBMISSION_KINDS }).notNull(),
    /** Server clock at receipt, milliseconds. */
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    /** Canonical JSON of the validated content; null for a withdrawal. */
    content: text("content"),
    /** SHA-256 (hex) of `content` as UTF-8; null for a withdrawal. */
    contentSha256: text("content_sha256"),
    idempotencyKey: text("idempotency_key").notNull(),
    /** The audit event that recorded this row. */
    auditSeq: integer("audit_seq").notNull(),
  },
  (t) => [
    uniqueIndex("submissions_version_unique").on(t.kaderId, t.providerId, t.version),
    uniqueIndex("submissions_idempotency_unique").on(t.providerId, t.kaderId, t.idempotencyKey),
    index("submissions_kader_idx").on(t.kaderId),
  ],
);

/**
 * The provider's work in progress, one row per (kader, provider). Not a sealed record (it is
 * overwritten as the provider works) but sealed content: the same access rule as a submission.
 */
export const submissionDrafts = sqliteTable(
  "submission_drafts",
  {
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    /** Canonical JSON, possibly incomplete or invalid: a draft survives validation errors. */
    content: text("content").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    updatedBy: integer("updated_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.kaderId, t.providerId] })],
);

/**
 * Attachments (PDF only), stored per (kader, provider) under their SHA-256: a submission refers
 * to them by hash, so its content hash covers them. Scoped per provider, so one provider's
 * upload never tells another that the same file exists. Immutable like the submissions that
 * refer to them (migration 0006).
 */
export const submissionAttachments = sqliteTable(
  "submission_attachments",
  {
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    sha256: text("sha256").notNull(),
    /** The file name as uploaded, reduced to a plain name (no path). */
    name: text("name").notNull(),
    size: integer("size").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    uploadedAt: integer("uploaded_at", { mode: "timestamp_ms" }).notNull(),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.kaderId, t.providerId, t.sha256] })],
);

export const OPENING_STEPS = ["started", "confirmed"] as const;
export type OpeningStep = (typeof OPENING_STEPS)[number];

/**
 * The four-eyes opening of a kader's submissions, one append-only row per step: an inkoper of
 * the kader's zorgkantoor starts it after the closing time, a different inkoper of the same
 * zorgkantoor confirms it within 30 minutes (an unconfirmed start lapses). The opening is
 * complete once a confirmed row exists. Triggers (migration 0007) refuse UPDATE, DELETE and an
 * INSERT over an existing key, and a confirmation by the starter or of another kader's start.
 */
export const submissionOpenings = sqliteTable(
  "submission_openings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    /** The published version whose closing time had passed when the step was taken. */
    kaderVersionId: integer("kader_version_id")
      .notNull()
      .references(() => kaderVersions.id),
    step: text("step", { enum: OPENING_STEPS }).notNull(),
    /** For a confirmation: the start it confirms; null for a start. */
    startedId: integer("started_id"),
    actorUserId: integer("actor_user_id")
      .notNull()
      .references(() => users.id),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    /** The audit event that recorded this step. */
    auditSeq: integer("audit_seq").notNull(),
  },
  (t) => [
    index("submission_openings_kader_idx").on(t.kaderId),
    // One confirmation per start, and one completed opening per kader.
    uniqueIndex("submission_openings_started_unique").on(t.startedId),
    uniqueIndex("submission_openings_one_confirmed").on(t.kaderId).where(sql`step = 'confirmed'`),
  ],
);
