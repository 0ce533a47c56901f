import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { kaders, kaderVersions } from "./kaders";
import { tariffTables } from "./tariffs";
import { users } from "./users";

export const SCORING_RUN_STATUSES = ["running", "done", "failed"] as const;
export type ScoringRunStatus = (typeof SCORING_RUN_STATUSES)[number];

/**
 * A scoring run: the engine's tariffs for every provider of a kader, from the stored inputs.
 * The row is written at the start with everything the computation depends on (kader version
 * and its hash, tariff table, canonical inputs and their hash, engine version) and completed
 * once, from `running` to `done` or `failed`, with the result. After that it never changes
 * (migration 0012: triggers refuse any other UPDATE, every DELETE and REPLACE).
 *
 * The result is stored once as the run-result document (scoring/run-result.ts: the engine's
 * result with every trace, its steps written once), gzip-compressed; `resultSha256` is the
 * SHA-256 of the uncompressed canonical JSON, which anyone can recompute from the command
 * line's output. See docs/decisions/0010-scoring-runs.md.
 */
export const scoringRuns = sqliteTable(
  "scoring_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderId: integer("kader_id")
      .notNull()
      .references(() => kaders.id),
    /** 1, 2, … per kader. */
    number: integer("number").notNull(),
    kaderVersionId: integer("kader_version_id")
      .notNull()
      .references(() => kaderVersions.id),
    kaderContentHash: text("kader_content_hash").notNull(),
    tariffTableId: integer("tariff_table_id")
      .notNull()
      .references(() => tariffTables.id),
    /** The contracteerruimte at the start (decimal string), for the budget comparison. */
    budgetCeiling: text("budget_ceiling"),
    inputsJson: text("inputs_json").notNull(),
    inputsSha256: text("inputs_sha256").notNull(),
    engineVersion: text("engine_version").notNull(),
    /** Required for a correction run (one that corrects `correctsRunId`). */
    reason: text("reason"),
    correctsRunId: integer("corrects_run_id"),
    startedBy: integer("started_by")
      .notNull()
      .references(() => users.id),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: SCORING_RUN_STATUSES }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    /** gzip of the canonical run-result JSON. */
    resultGz: blob("result_gz", { mode: "buffer" }),
    resultSha256: text("result_sha256"),
    /** Canonical JSON: the result's module outcomes (points, input, percent, knock-out) per provider. */
    modulesJson: text("modules_json"),
    /** Canonical JSON: the result's budget, or null without volumes. */
    budgetJson: text("budget_json"),
    /** Canonical JSON: the best points per relative module and target group ([{module, targetGroup, points}]). */
    fieldBestJson: text("field_best_json"),
    /** Canonical JSON: the rank-order findings (scoring/rank-check.ts). */
    rankFindingsJson: text("rank_findings_json"),
    /** Canonical JSON: counts and the providers (agb, name) of the run. */
    summaryJson: text("summary_json"),
    /** Why a run failed (Dutch, for the page). */
    error: text("error"),
  },
  (t) => [uniqueIndex("scoring_runs_number_unique").on(t.kaderId, t.number), index("scoring_runs_kader_idx").on(t.kaderId)],
);

/**
 * A run's lines per provider, compact: one row per provider holding its lines as canonical JSON
 * `[[prestatie, targetGroup, percent, tariff], …]` and its budget total. For the results page,
 * the difference against the previous run and the monitor, without reading the whole result.
 * Written in the run's completing transaction; immutable like the run.
 */
export const scoringRunProviders = sqliteTable(
  "scoring_run_providers",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => scoringRuns.id),
    agbCode: text("agb_code").notNull(),
    linesJson: text("lines_json").notNull(),
    budgetTotal: text("budget_total"),
  },
  (t) => [uniqueIndex("scoring_run_providers_unique").on(t.runId, t.agbCode)],
);
