import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { kaders } from "./kaders";
import { organisations } from "./organisations";
import { users } from "./users";

// The assessment workflow (issue 11) up to the final scores, which go to
// `assessment_final_scores` (assessment-outcome.ts). `targetGroupId` is "" for a module without
// target groups, as there.

/**
 * A beoordelaar assigned by the inkoper to a module and target group of a kader: the assessor
 * scores every plan of that module and group, except those of providers it declared a conflict for.
 */
export const assessmentAssignments = sqliteTable(
  "assessment_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    moduleId: text("module_id").notNull(),
    targetGroupId: text("target_group_id").notNull(),
    assessorUserId: integer("assessor_user_id")
      .notNull()
      .references(() => users.id),
    assignedBy: integer("assigned_by")
      .notNull()
      .references(() => users.id),
    assignedAt: integer("assigned_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("assessment_assignments_unique").on(t.kaderId, t.moduleId, t.targetGroupId, t.assessorUserId),
    index("assessment_assignments_assessor_idx").on(t.assessorUserId),
  ]
);

/**
 * An assessor's declaration, per provider with a plan in the kader, of whether it has a conflict
 * of interest (with the reason when it has). Made before it sees any plan; never changed
 * (migration 0011 refuses UPDATE, DELETE and REPLACE).
 */
export const assessmentConflictDeclarations = sqliteTable(
  "assessment_conflict_declarations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    assessorUserId: integer("assessor_user_id")
      .notNull()
      .references(() => users.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    conflict: integer("conflict", { mode: "boolean" }).notNull(),
    reason: text("reason"),
    declaredAt: integer("declared_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("assessment_conflicts_unique").on(t.kaderId, t.assessorUserId, t.providerId)]
);

/**
 * One assessor's score for one criterion of one plan: a draft until the assessor submits the
 * plan's scores (a row in `assessment_score_submissions`), from then on fixed: triggers refuse
 * any insert, update or delete of a submitted plan's scores, for every connection.
 */
export const assessmentScores = sqliteTable(
  "assessment_scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    moduleId: text("module_id").notNull(),
    targetGroupId: text("target_group_id").notNull(),
    assessorUserId: integer("assessor_user_id")
      .notNull()
      .references(() => users.id),
    criterionId: text("criterion_id").notNull(),
    /** A value on the criterion's scale (canonical decimal string); null in a draft not yet scored. */
    score: text("score"),
    motivation: text("motivation").notNull(),
    /** What was missing for the maximum: required when the score is below the scale's maximum. */
    missing: text("missing").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("assessment_scores_unique").on(t.kaderId, t.providerId, t.moduleId, t.targetGroupId, t.assessorUserId, t.criterionId),
    index("assessment_scores_kader_idx").on(t.kaderId),
  ]
);

/** An assessor's submission of all its scores for one plan. Append-only (migration 0011). */
export const assessmentScoreSubmissions = sqliteTable(
  "assessment_score_submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    moduleId: text("module_id").notNull(),
    targetGroupId: text("target_group_id").notNull(),
    assessorUserId: integer("assessor_user_id")
      .notNull()
      .references(() => users.id),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
    /** SHA-256 of the canonical JSON of the submitted scores and motivations. */
    scoresSha256: text("scores_sha256").notNull(),
  },
  (t) => [uniqueIndex("assessment_score_submissions_unique").on(t.kaderId, t.providerId, t.moduleId, t.targetGroupId, t.assessorUserId)]
);
