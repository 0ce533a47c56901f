import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * One import of providers' annual accounts (jaarrekeningen, public through DigiMV) by one
 * zorgkantoor for one financial year. The accounts are public, but importing them is a
 * tenant's act: each zorgkantoor has its own versions, so one tenant's import never changes the
 * figures another tenant works with. A re-import is a new version; older ones are kept (and,
 * like tariff tables, never change), so a test run can always name the figures it used.
 */
export const annualAccountsImports = sqliteTable(
  "annual_accounts_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    zorgkantoorId: integer("zorgkantoor_id")
      .notNull()
      .references(() => organisations.id),
    /** The financial year (boekjaar) the accounts are about. */
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    sourceName: text("source_name").notNull(),
    /** SHA-256 of the imported file. */
    sha256: text("sha256").notNull(),
    /** Demo figures: invented, not any provider's real accounts. */
    illustrative: integer("illustrative", { mode: "boolean" }).notNull(),
    /** e.g. "Illustratieve cijfers, geen echte jaarrekeningen". */
    note: text("note"),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }).notNull(),
    importedBy: integer("imported_by").references(() => users.id),
  },
  (t) => [uniqueIndex("annual_accounts_imports_version_unique").on(t.zorgkantoorId, t.year, t.version)],
);

/** One provider's figures in one import. Money as decimal strings in euros: never binary floating point. */
export const annualAccounts = sqliteTable(
  "annual_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importId: integer("import_id")
      .notNull()
      .references(() => annualAccountsImports.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    /** The AGB code as it was in the file (the provider's at the time of import). */
    agbCode: text("agb_code").notNull(),
    wlzRevenue: text("wlz_revenue").notNull(),
    totalRevenue: text("total_revenue").notNull(),
    personnelCosts: text("personnel_costs").notNull(),
    otherOperatingCosts: text("other_operating_costs").notNull(),
    financingIncome: text("financing_income").notNull(),
    financingCosts: text("financing_costs").notNull(),
    /** The tariff percentage (of the NZa maximum) the Wlz revenue was earned at, e.g. "96.5". */
    tariffPercent: text("tariff_percent").notNull(),
  },
  (t) => [uniqueIndex("annual_accounts_provider_unique").on(t.importId, t.providerId), index("annual_accounts_import_idx").on(t.importId)],
);
