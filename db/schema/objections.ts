import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { kaderVersions, kaders } from "./kaders";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * `besluit`: against the provider's own award decision, within its standstill (issue 12).
 * `basistarief`: the yearly objection against the kader's base percentage itself (Rechtbank Den
 * Haag 2023, ECLI:NL:RBDHA:2023:16336), open to every provider of the kader's regions.
 */
export const OBJECTION_KINDS = ["besluit", "basistarief"] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

export const OBJECTION_STATES = ["ingediend", "in_behandeling", "gegrond", "deels_gegrond", "ongegrond"] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_OUTCOMES = ["gegrond", "deels_gegrond", "ongegrond"] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/**
 * One filed objection. What the provider filed (kader, provider, kind, decision, grounds, the
 * canonical content and its hash, the receipt time and audit number) never changes; the
 * handling columns change only along ingediend → in_behandeling → gegrond / deels_gegrond /
 * ongegrond, and a decided objection never changes again. Triggers (migration 0014) enforce
 * this for every connection; there is no delete.
 */
export const objections = sqliteTable(
  "objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    /** The published version in force when it was filed (for `basistarief`: the one whose base percentage is objected to). */
    kaderVersionId: integer("kader_version_id")
      .notNull()
      .references(() => kaderVersions.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind", { enum: OBJECTION_KINDS }).notNull(),
    /** The award decision objected to (`besluit` only). No foreign key yet: the decisions table is built elsewhere. */
    decisionId: integer("decision_id"),
    grounds: text("grounds").notNull(),
    /** Canonical JSON of what was filed (grounds, attachments by their SHA-256, ...). */
    content: text("content").notNull(),
    /** SHA-256 (hex) of `content` as UTF-8: the receipt's hash. */
    contentSha256: text("content_sha256").notNull(),
    /** Server clock at receipt, milliseconds. */
    filedAt: integer("filed_at", { mode: "timestamp_ms" }).notNull(),
    filedBy: integer("filed_by")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    /** The audit event that recorded the filing. */
    auditSeq: integer("audit_seq").notNull(),

    state: text("state", { enum: OBJECTION_STATES }).notNull(),
    takenAt: integer("taken_at", { mode: "timestamp_ms" }),
    takenBy: integer("taken_by").references(() => users.id),
    /** The jurist's motivated answer, shown to the provider. */
    answer: text("answer"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedBy: integer("decided_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("objections_idempotency_unique").on(t.providerId, t.kaderId, t.idempotencyKey),
    index("objections_kader_idx").on(t.kaderId),
    index("objections_provider_idx").on(t.providerId, t.kaderId),
    index("objections_decision_idx").on(t.decisionId),
  ],
);

/**
 * PDF attachments to objections, per (kader, provider) under their SHA-256 (as
 * submission_attachments): an objection names them by hash, so its content hash covers them.
 * Stored when the provider checks its objection, before filing; immutable and never deleted.
 */
export const objectionAttachments = sqliteTable(
  "objection_attachments",
  {
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    sha256: text("sha256").notNull(),
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
