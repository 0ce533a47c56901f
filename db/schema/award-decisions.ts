import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { kaders } from "./kaders";
import { organisations } from "./organisations";
import { scoringRuns } from "./scoring-runs";
import { users } from "./users";

/**
 * concept → ter_toetsing → (teruggestuurd → ter_toetsing …) → goedgekeurd → verzonden.
 * `vervangen`: superseded before sending (re-prepared from a newer run); never after sending.
 * Migration 0013 refuses every other transition, for any connection.
 */
export const AWARD_DECISION_STATES = ["concept", "ter_toetsing", "teruggestuurd", "goedgekeurd", "verzonden", "vervangen"] as const;
export type AwardDecisionState = (typeof AWARD_DECISION_STATES)[number];

/**
 * A provisional award decision (besluit voorlopige gunning) for one provider, from one completed
 * scoring run of its kader. The letter is rendered from the content frozen at preparation; once
 * sent, the row and its letter never change and are never deleted (migration 0013). A corrected
 * decision after an objection is a new row naming `replacesDecisionId` with its reason.
 */
export const awardDecisions = sqliteTable(
  "award_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    runId: integer("run_id")
      .notNull()
      .references(() => scoringRuns.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    agbCode: text("agb_code").notNull(),
    contracted: integer("contracted", { mode: "boolean" }).notNull(),
    /** Required when not contracted. */
    reason: text("reason"),
    state: text("state", { enum: AWARD_DECISION_STATES }).notNull(),
    /** The inkoper who prepared or last changed the outcome, and who submitted it for review (four eyes: neither may approve). */
    preparedBy: integer("prepared_by")
      .notNull()
      .references(() => users.id),
    preparedAt: integer("prepared_at", { mode: "timestamp_ms" }).notNull(),
    submittedBy: integer("submitted_by").references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    /** The last return by a jurist, with its remark (kept after a later approval; the audit trail has every step). */
    returnedBy: integer("returned_by").references(() => users.id),
    returnedAt: integer("returned_at", { mode: "timestamp_ms" }),
    returnRemark: text("return_remark"),
    approvedBy: integer("approved_by").references(() => users.id),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    /** The approving jurist's name as it was at the approval: the letter states it, and a sent letter never changes. */
    approvedByName: text("approved_by_name"),
    sentBy: integer("sent_by").references(() => users.id),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** The exclusive end of the 20-day standstill (00:00 Amsterdam after the last day) and that last day. */
    standstillEndsAt: integer("standstill_ends_at", { mode: "timestamp_ms" }),
    standstillLastDay: integer("standstill_last_day", { mode: "timestamp_ms" }),
    /** The sent letter, written once after sending (the letter batch), with its SHA-256. */
    letterPdf: blob("letter_pdf", { mode: "buffer" }),
    letterSha256: text("letter_sha256"),
    letterGeneratedAt: integer("letter_generated_at", { mode: "timestamp_ms" }),
    /** A corrected decision names the sent decision it replaces, and why. */
    replacesDecisionId: integer("replaces_decision_id"),
    replacesReason: text("replaces_reason"),
    supersededAt: integer("superseded_at", { mode: "timestamp_ms" }),
    /**
     * The letter's content and what its checks read beyond the stored run, frozen when the
     * decision is prepared (canonical JSON, format zorginkoop.besluit-inhoud/v1, with its
     * SHA-256): later corrections of the final scores do not change it. Rebuilt only while the
     * inkoper holds the decision (concept, teruggestuurd); NULL only on rows from before
     * migration 0016, which also refuses it on a new row.
     */
    contentJson: text("content_json"),
    contentSha256: text("content_sha256"),
  },
  (t) => [
    index("award_decisions_kader_idx").on(t.kaderId, t.state),
    index("award_decisions_provider_idx").on(t.providerId),
    index("award_decisions_run_idx").on(t.runId, t.providerId),
  ],
);
