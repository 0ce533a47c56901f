import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Append-only audit trail with a SHA-256 hash chain (RFC 6962 style): each row's hash covers
 * the previous row's hash and a canonical serialisation of the row. Triggers (see the custom
 * migration) refuse UPDATE and DELETE.
 */
export const auditEvents = sqliteTable("audit_events", {
  seq: integer("seq").primaryKey(),
  /** ISO 8601 UTC with milliseconds. */
  at: text("at").notNull(),
  actorUserId: integer("actor_user_id"),
  /** e.g. "auth.login", "user.create", "kader.publish" */
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id"),
  payload: text("payload").notNull(),
  /**
   * The organisations the event concerns (canonical JSON array of ids, ascending): a
   * zorgkantoor's staff see only events naming their organisation. Hashed when not empty.
   */
  organisationIds: text("organisation_ids").notNull().default("[]"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});
