import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * One imported version of the NZa maximum tariffs for a year. A re-import is a new version;
 * a kader refers to one version, so later imports never change a published kader.
 */
export const tariffTables = sqliteTable(
  "tariff_tables",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    zorgkantoorId: integer("zorgkantoor_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    sourceName: text("source_name").notNull(),
    /** SHA-256 of the imported file. */
    sha256: text("sha256").notNull(),
    /** e.g. "Illustratieve cijfers, niet de gepubliceerde NZa-tarieven". */
    note: text("note"),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }).notNull(),
    importedBy: integer("imported_by").references(() => users.id),
  },
  (t) => [uniqueIndex("tariff_tables_version_unique").on(t.zorgkantoorId, t.year, t.version)],
);

/** Money as decimal strings: never binary floating point. */
export const tariffRows = sqliteTable(
  "tariff_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tableId: integer("table_id")
      .notNull()
      .references(() => tariffTables.id),
    code: text("code").notNull(),
    sector: text("sector").notNull(),
    label: text("label").notNull(),
    unit: text("unit").notNull(),
    max: text("max").notNull(),
    nhc: text("nhc").notNull(),
    nic: text("nic").notNull(),
  },
  (t) => [uniqueIndex("tariff_rows_code_unique").on(t.tableId, t.code), index("tariff_rows_table_idx").on(t.tableId)],
);

/** A provider's registry data for one zorgkantoor and year: expected volumes and last year's tariff. */
export const providerYearData = sqliteTable(
  "provider_year_data",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    zorgkantoorId: integer("zorgkantoor_id")
      .notNull()
      .references(() => organisations.id),
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year").notNull(),
    /** { prestatie code: expected units a year (decimal string) } */
    volumes: text("volumes", { mode: "json" }).$type<Record<string, string>>().notNull(),
    previousYearPercent: text("previous_year_percent"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("provider_year_data_unique").on(t.zorgkantoorId, t.providerId, t.year)],
);
