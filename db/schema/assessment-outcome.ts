import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { kaders } from "./kaders";
import { organisations } from "./organisations";
import { users } from "./users";

export const FINAL_SCORE_METHODS = ["consensus", "mean"] as const;
export type FinalScoreMethod = (typeof FINAL_SCORE_METHODS)[number];

/**
 * The final score per criterion of one plan (provider, module, target group): what the engine
 * receives as the provider's assessment (spec 1 "Facts and assessment"). Written by the
 * assessment workflow, by consensus or as the mean of the individual scores. A later fix
 * overwrites the row, audited; every scoring run stores its own canonical inputs, so a run
 * stays reproducible whatever happens here afterwards.
 * `targetGroupId` is "" for a module without target groups (SQLite unique indexes treat NULLs as distinct).
 */
export const assessmentFinalScores = sqliteTable(
  "assessment_final_scores",
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
    criterionId: text("criterion_id").notNull(),
    /** A value on the criterion's scale (canonical decimal string). */
    score: text("score").notNull(),
    motivation: text("motivation").notNull(),
    method: text("method", { enum: FINAL_SCORE_METHODS }).notNull(),
    /** Required when a consensus score differs from every individual score. */
    deviationReason: text("deviation_reason"),
    setBy: integer("set_by")
      .notNull()
      .references(() => users.id),
    setAt: integer("set_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("assessment_final_scores_unique").on(t.kaderId, t.providerId, t.moduleId, t.targetGroupId, t.criterionId),
    index("assessment_final_scores_kader_idx").on(t.kaderId),
  ],
);

export const ESTABLISHED_FACT_KINDS = ["established", "accepted", "corrected"] as const;
/** established: a `source: zorgkantoor` fact set by the inkoper; accepted / corrected: a provider's declaration checked. */
export type EstablishedFactKind = (typeof ESTABLISHED_FACT_KINDS)[number];

/**
 * A fact as the zorgkantoor establishes it for one provider and kader, with its note. For a
 * declared fact (`source: aanbieder`) the declaration stays in the submission; this row says
 * whether it was accepted or corrected (the provider sees both). The engine uses this value
 * over the declaration.
 */
export const establishedFacts = sqliteTable(
  "established_facts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    factId: text("fact_id").notNull(),
    kind: text("kind", { enum: ESTABLISHED_FACT_KINDS }).notNull(),
    /** JSON: true/false, a canonical decimal string, text, or null (unknown). */
    value: text("value", { mode: "json" }).$type<boolean | string | null>(),
    /** Required for established and corrected facts. */
    note: text("note"),
    setBy: integer("set_by")
      .notNull()
      .references(() => users.id),
    setAt: integer("set_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("established_facts_unique").on(t.kaderId, t.providerId, t.factId), index("established_facts_kader_idx").on(t.kaderId)],
);
