import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A zorgkantoor (purchaser) or a zorgaanbieder (provider). */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["zorgkantoor", "zorgaanbieder"] }).notNull(),
    name: text("name").notNull(),
    /** AGB code, 8 digits; providers only. */
    agbCode: text("agb_code"),
    /** KvK number, 8 digits; providers only. */
    kvkNumber: text("kvk_number"),
    /** Sectors a provider works in (VV, GHZ, GGZ), JSON array. */
    sectors: text("sectors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("organisations_agb_code_unique").on(t.agbCode), index("organisations_kind_idx").on(t.kind)],
);

/** A zorgkantoorregio, run by one zorgkantoor. */
export const regions = sqliteTable(
  "regions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    zorgkantoorId: integer("zorgkantoor_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [uniqueIndex("regions_code_unique").on(t.code)],
);

/** The regions a provider delivers care in. */
export const providerRegions = sqliteTable(
  "provider_regions",
  {
    providerId: integer("provider_id")
      .notNull()
      .references(() => organisations.id),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.regionId] })],
);
