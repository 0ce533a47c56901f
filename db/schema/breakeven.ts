import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { annualAccountsImports } from "./annual-accounts";
import { kaderVersions } from "./kaders";

/**
 * The reële-tarieventoets run at a kader version's publication (issue 13, docs/spec/breakeven.md):
 * the published files it ran on (the test file with the assumptions and pseudonymised accounts,
 * and the pseudonymised inputs), its outcome, and the inkoper's justification when it failed.
 * Written with the version, in the same transaction, and immutable like the version (triggers).
 */
export const kaderBreakevenTests = sqliteTable(
  "kader_breakeven_tests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kaderVersionId: integer("kader_version_id")
      .notNull()
      .references(() => kaderVersions.id),
    /** zorginkoop.breakeven/v1, exactly the bytes served as reele-tarieventoets.json. */
    testFile: text("test_file").notNull(),
    /** zorginkoop.inputs/v1 with pseudonymised providers, exactly the bytes served. */
    inputsFile: text("inputs_file").notNull(),
    /** zorginkoop.breakeven-outcome/v1 as computed on those files (pseudonyms only). */
    outcome: text("outcome", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** [AGB code, pseudonym] pairs: so that a provider can be shown its own standing. Never published. */
    pseudonyms: text("pseudonyms", { mode: "json" }).$type<[string, string][]>().notNull(),
    passes: integer("passes", { mode: "boolean" }).notNull(),
    share: text("share").notNull(),
    breakEven: text("break_even"),
    justification: text("justification"),
    accountsImportId: integer("accounts_import_id")
      .notNull()
      .references(() => annualAccountsImports.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("kader_breakeven_tests_version_unique").on(t.kaderVersionId), index("kader_breakeven_tests_import_idx").on(t.accountsImportId)],
);
