import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations, regions } from "./organisations";
import { tariffTables } from "./tariffs";
import { users } from "./users";

/**
 * Stored phases. `open` and `gesloten` follow from the clock (opening and closing time of the
 * current version) and are recorded here by the phase ticker, with an audit event.
 */
export const KADER_PHASES = [
  "concept",
  "gepubliceerd",
  "open",
  "gesloten",
  "in_beoordeling",
  "voorlopig_gegund",
  "definitief_gegund",
] as const;
export type KaderPhase = (typeof KADER_PHASES)[number];

export const kaders = sqliteTable(
  "kaders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The kader format's `id` (slug), unique. */
    slug: text("slug").notNull(),
    zorgkantoorId: integer("zorgkantoor_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    year: integer("year").notNull(),
    phase: text("phase", { enum: KADER_PHASES }).notNull(),
    /**
     * The working copy in the kader format, possibly invalid (the editor never loses work).
     * After publication it is the draft of the next amendment.
     */
    draft: text("draft", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    draftUpdatedAt: integer("draft_updated_at", { mode: "timestamp_ms" }).notNull(),
    tariffTableId: integer("tariff_table_id").references(() => tariffTables.id),
    /** Contracteerruimte in euros (decimal string). */
    budgetCeiling: text("budget_ceiling"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [uniqueIndex("kaders_slug_unique").on(t.slug), index("kaders_zorgkantoor_idx").on(t.zorgkantoorId)],
);

/** The zorgkantoorregio's a kader buys for; its providers may see it once published. */
export const kaderRegions = sqliteTable(
  "kader_regions",
  {
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.kaderId, t.regionId] })],
);

/** A nota van inlichtingen: the same for every provider, never revealing who asked. */
export const clarificationNotices = sqliteTable(
  "clarification_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    publishedBy: integer("published_by").references(() => users.id),
  },
  (t) => [uniqueIndex("clarification_notices_number_unique").on(t.kaderId, t.number)],
);

/** A published, frozen version. Triggers refuse UPDATE and DELETE. */
export const kaderVersions = sqliteTable(
  "kader_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    number: integer("number").notNull(),
    /** The validated kader document (kader format), as parsed by scoring/. */
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical JSON of `content`, shown to everyone. */
    contentHash: text("content_hash").notNull(),
    tariffTableId: integer("tariff_table_id")
      .notNull()
      .references(() => tariffTables.id),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
    questionsUntil: integer("questions_until", { mode: "timestamp_ms" }).notNull(),
    /** The nota that explains an amendment; null for the first version. */
    noticeId: integer("notice_id").references(() => clarificationNotices.id),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    publishedBy: integer("published_by").references(() => users.id),
  },
  (t) => [uniqueIndex("kader_versions_number_unique").on(t.kaderId, t.number)],
);

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    askedBy: integer("asked_by")
      .notNull()
      .references(() => users.id),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    text: text("text").notNull(),
    answer: text("answer"),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    answeredBy: integer("answered_by").references(() => users.id),
    /** Set when the answer is published in a nota van inlichtingen. */
    noticeId: integer("notice_id").references(() => clarificationNotices.id),
  },
  (t) => [index("questions_kader_idx").on(t.kaderId)],
);
