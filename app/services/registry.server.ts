import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { organisations, providerRegions, providerYearData, regions, tariffRows, tariffTables } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { appendAudit, getDb } from "./db.server";
import type { ImportError, ImportFile } from "./imports/import-result";
import { parseProviderRegistry, type ProviderRow } from "./imports/provider-registry.server";

export type RegistryImportOutcome = { ok: true; created: number; updated: number } | { ok: false; errors: ImportError[] };

/**
 * Applies clean registry rows for one zorgkantoor and year, all or nothing: providers are
 * matched on AGB code (created when new), their regions within this zorgkantoor replaced,
 * and their volumes and previous-year percentage stored for the year.
 */
export function applyRegistry(
  db: Db,
  input: { zorgkantoorId: number; year: number; rows: ProviderRow[]; sourceName: string; sha256: string; actorUserId: number | null },
  now = new Date(),
): { created: number; updated: number } {
  return db.transaction(
    (tx) => {
      const ownRegions = tx.select().from(regions).where(eq(regions.zorgkantoorId, input.zorgkantoorId)).all();
      const regionByCode = new Map(ownRegions.map((r) => [r.code, r.id]));
      let created = 0;
      let updated = 0;
      for (const row of input.rows) {
        const existing = tx.select().from(organisations).where(eq(organisations.agbCode, row.agbCode)).get();
        let providerId: number;
        if (existing) {
          providerId = existing.id;
          tx.update(organisations).set({ name: row.name, kvkNumber: row.kvkNumber, sectors: row.sectors }).where(eq(organisations.id, providerId)).run();
          updated++;
        } else {
          providerId = tx
            .insert(organisations)
            .values({ kind: "zorgaanbieder", name: row.name, agbCode: row.agbCode, kvkNumber: row.kvkNumber, sectors: row.sectors, createdAt: now })
            .returning({ id: organisations.id })
            .get().id;
          created++;
        }
        if (ownRegions.length > 0) {
          tx.delete(providerRegions).where(and(eq(providerRegions.providerId, providerId), inArray(providerRegions.regionId, ownRegions.map((r) => r.id)))).run();
        }
        for (const code of row.regions) {
          const regionId = regionByCode.get(code);
          if (regionId) tx.insert(providerRegions).values({ providerId, regionId }).run();
        }
        tx.insert(providerYearData)
          .values({ zorgkantoorId: input.zorgkantoorId, providerId, year: input.year, volumes: row.volumes, previousYearPercent: row.previousYearPercent, updatedAt: now })
          .onConflictDoUpdate({
            target: [providerYearData.zorgkantoorId, providerYearData.providerId, providerYearData.year],
            set: { volumes: row.volumes, previousYearPercent: row.previousYearPercent, updatedAt: now },
          })
          .run();
      }
      appendAudit(tx, {
        actorUserId: input.actorUserId,
        action: "registry.import",
        entityType: "registry",
        entityId: `${input.zorgkantoorId}/${input.year}`,
        payload: { sourceName: input.sourceName, sha256: input.sha256, rows: input.rows.length, created, updated },
        organisationIds: [input.zorgkantoorId],
        at: now,
      });
      return { created, updated };
    },
    { behavior: "immediate" },
  );
}

export async function importProviderRegistry(
  actor: SessionUser,
  input: { year: number; file: ImportFile; knownPrestaties?: string[] },
  db: Db = getDb(),
): Promise<RegistryImportOutcome> {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return { ok: false, errors: [{ row: null, column: null, message: "Alleen een zorgkantoor importeert het register." }] };
  const knownRegionCodes = db.select({ code: regions.code }).from(regions).where(eq(regions.zorgkantoorId, org.id)).all().map((r) => r.code);
  // Volume columns are matched to the prestatie codes of this zorgkantoor's tariff tables (4vv → 4VV).
  const knownPrestaties =
    input.knownPrestaties ??
    db.selectDistinct({ code: tariffRows.code }).from(tariffRows).innerJoin(tariffTables, eq(tariffTables.id, tariffRows.tableId)).where(eq(tariffTables.zorgkantoorId, org.id)).all().map((r) => r.code);
  const parsed = await parseProviderRegistry(input.file, { knownRegionCodes, knownPrestaties: knownPrestaties.length > 0 ? knownPrestaties : undefined });
  if (!parsed.ok) return parsed;
  const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
  return { ok: true, ...applyRegistry(db, { zorgkantoorId: org.id, year: input.year, rows: parsed.rows, sourceName: input.file.name, sha256, actorUserId: actor.id }) };
}

/** Providers registered in any of the given regions, with their data for the year (if any). */
export function registeredProviders(db: Db, input: { zorgkantoorId: number; year: number; regionIds: number[] }) {
  if (input.regionIds.length === 0) return [];
  const ids = db.selectDistinct({ id: providerRegions.providerId }).from(providerRegions).where(inArray(providerRegions.regionId, input.regionIds)).all().map((r) => r.id);
  if (ids.length === 0) return [];
  const orgs = db.select().from(organisations).where(inArray(organisations.id, ids)).orderBy(organisations.name).all();
  const data = db
    .select()
    .from(providerYearData)
    .where(and(eq(providerYearData.zorgkantoorId, input.zorgkantoorId), eq(providerYearData.year, input.year), inArray(providerYearData.providerId, ids)))
    .all();
  const byProvider = new Map(data.map((d) => [d.providerId, d]));
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    agbCode: o.agbCode!,
    sectors: o.sectors,
    volumes: byProvider.get(o.id)?.volumes ?? {},
    previousYearPercent: byProvider.get(o.id)?.previousYearPercent ?? null,
  }));
}
