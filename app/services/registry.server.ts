import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { organisations, providerRegions, providerYearData, regions, tariffRows, tariffTables } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { appendAudit, getDb } from "./db.server";
import type { ImportError, ImportFile } from "./imports/import-result";
import { parseProviderRegistry, type ProviderRow } from "./imports/provider-registry.server";

/** More new providers than this in one file is refused: a typo'd AGB column must not flood the platform. */
export const MAX_NEW_PROVIDERS_PER_IMPORT = 100;

/** A field where the file differs from a provider's master data; the import never applies it. */
export type MasterDataDifference = { field: "name" | "kvkNumber" | "sectors"; current: string; inFile: string };
export type ProviderDifference = { agbCode: string; name: string; differences: MasterDataDifference[] };

export type RegistryApplied = { created: number; linked: number; differences: ProviderDifference[] };
export type RegistryImportOutcome = ({ ok: true } & RegistryApplied) | { ok: false; errors: ImportError[] };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((x, i) => x === sortedB[i]);
}

function masterDataDifferences(existing: typeof organisations.$inferSelect, row: ProviderRow): MasterDataDifference[] {
  const out: MasterDataDifference[] = [];
  if (existing.name !== row.name) out.push({ field: "name", current: existing.name, inFile: row.name });
  if ((existing.kvkNumber ?? "") !== row.kvkNumber) out.push({ field: "kvkNumber", current: existing.kvkNumber ?? "", inFile: row.kvkNumber });
  // An empty sector cell says nothing about the provider's sectors.
  if (row.sectors.length > 0 && !sameList(existing.sectors, row.sectors)) out.push({ field: "sectors", current: existing.sectors.join(", "), inFile: row.sectors.join(", ") });
  return out;
}

export class TooManyNewProviders extends Error {
  constructor(readonly count: number) {
    super(`${count} new providers in one import (at most ${MAX_NEW_PROVIDERS_PER_IMPORT})`);
  }
}

/**
 * Applies clean registry rows for one zorgkantoor and year, all or nothing. A provider's name,
 * KvK number and sectors are shared by every zorgkantoor that works with it, so the import only
 * creates providers that are new (matched on AGB code) and links providers to this
 * zorgkantoor's own regions and year data; where the file differs from existing master data
 * the difference is reported (and audited), never applied: only the beheerder changes it.
 * One audit event records every change with its old and new values.
 */
export function applyRegistry(
  db: Db,
  input: { zorgkantoorId: number; year: number; rows: ProviderRow[]; sourceName: string; sha256: string; actorUserId: number | null; maxNewProviders?: number },
  now = new Date(),
): RegistryApplied {
  const cap = input.maxNewProviders ?? MAX_NEW_PROVIDERS_PER_IMPORT;
  return db.transaction(
    (tx) => {
      const ownRegions = tx.select().from(regions).where(eq(regions.zorgkantoorId, input.zorgkantoorId)).all();
      const regionByCode = new Map(ownRegions.map((r) => [r.code, r.id]));
      const codeByRegionId = new Map(ownRegions.map((r) => [r.id, r.code]));
      const ownRegionIds = ownRegions.map((r) => r.id);
      const existingByAgb = new Map<string, typeof organisations.$inferSelect>();
      for (const row of input.rows) {
        const found = tx.select().from(organisations).where(eq(organisations.agbCode, row.agbCode)).get();
        if (found) existingByAgb.set(row.agbCode, found);
      }
      const newCount = new Set(input.rows.filter((r) => !existingByAgb.has(r.agbCode)).map((r) => r.agbCode)).size;
      if (newCount > cap) throw new TooManyNewProviders(newCount);

      const created: { id: number; agbCode: string; name: string; kvkNumber: string; sectors: string[]; regions: string[] }[] = [];
      const regionChanges: { providerId: number; agbCode: string; old: string[]; new: string[] }[] = [];
      const yearDataChanges: { providerId: number; agbCode: string; old: { volumes: Record<string, string>; previousYearPercent: string | null } | null; new: { volumes: Record<string, string>; previousYearPercent: string | null } }[] = [];
      const differences: ProviderDifference[] = [];
      let linked = 0;
      for (const row of input.rows) {
        const existing = existingByAgb.get(row.agbCode);
        let providerId: number;
        const newCodes = row.regions.filter((code) => regionByCode.has(code));
        if (existing) {
          if (existing.kind !== "zorgaanbieder") throw new Error(`AGB ${row.agbCode} belongs to a ${existing.kind}`);
          providerId = existing.id;
          linked++;
          const diff = masterDataDifferences(existing, row);
          if (diff.length > 0) differences.push({ agbCode: row.agbCode, name: existing.name, differences: diff });
          const oldCodes =
            ownRegionIds.length === 0
              ? []
              : tx
                  .select({ id: providerRegions.regionId })
                  .from(providerRegions)
                  .where(and(eq(providerRegions.providerId, providerId), inArray(providerRegions.regionId, ownRegionIds)))
                  .all()
                  .map((r) => codeByRegionId.get(r.id)!);
          if (!sameList(oldCodes, newCodes)) regionChanges.push({ providerId, agbCode: row.agbCode, old: [...oldCodes].sort(), new: [...newCodes].sort() });
          // Only this zorgkantoor's own regions are replaced: the file is the truth for them alone.
          if (ownRegionIds.length > 0) {
            tx.delete(providerRegions).where(and(eq(providerRegions.providerId, providerId), inArray(providerRegions.regionId, ownRegionIds))).run();
          }
        } else {
          providerId = tx
            .insert(organisations)
            .values({ kind: "zorgaanbieder", name: row.name, agbCode: row.agbCode, kvkNumber: row.kvkNumber, sectors: row.sectors, createdAt: now })
            .returning({ id: organisations.id })
            .get().id;
          existingByAgb.set(row.agbCode, tx.select().from(organisations).where(eq(organisations.id, providerId)).get()!);
          created.push({ id: providerId, agbCode: row.agbCode, name: row.name, kvkNumber: row.kvkNumber, sectors: row.sectors, regions: newCodes });
        }
        for (const code of newCodes) tx.insert(providerRegions).values({ providerId, regionId: regionByCode.get(code)! }).run();
        const previous = tx
          .select()
          .from(providerYearData)
          .where(and(eq(providerYearData.zorgkantoorId, input.zorgkantoorId), eq(providerYearData.providerId, providerId), eq(providerYearData.year, input.year)))
          .get();
        const next = { volumes: row.volumes, previousYearPercent: row.previousYearPercent };
        if (!previous || JSON.stringify(previous.volumes) !== JSON.stringify(next.volumes) || previous.previousYearPercent !== next.previousYearPercent) {
          yearDataChanges.push({ providerId, agbCode: row.agbCode, old: previous ? { volumes: previous.volumes, previousYearPercent: previous.previousYearPercent } : null, new: next });
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
        payload: {
          sourceName: input.sourceName,
          sha256: input.sha256,
          rows: input.rows.length,
          created: created.length,
          linked,
          createdProviders: created,
          regionChanges,
          yearDataChanges,
          // Reported to the inkoper, not applied: the beheerder decides on master data.
          masterDataNotApplied: differences,
        },
        organisationIds: [input.zorgkantoorId],
        at: now,
      });
      return { created: created.length, linked, differences };
    },
    { behavior: "immediate" },
  );
}

export async function importProviderRegistry(
  actor: SessionUser,
  input: { year: number; file: ImportFile; knownPrestaties?: string[]; maxNewProviders?: number },
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
  try {
    return { ok: true, ...applyRegistry(db, { zorgkantoorId: org.id, year: input.year, rows: parsed.rows, sourceName: input.file.name, sha256, actorUserId: actor.id, maxNewProviders: input.maxNewProviders }) };
  } catch (error) {
    if (!(error instanceof TooManyNewProviders)) throw error;
    const cap = input.maxNewProviders ?? MAX_NEW_PROVIDERS_PER_IMPORT;
    return {
      ok: false,
      errors: [
        {
          row: null,
          column: null,
          message: `Dit bestand bevat ${error.count} nieuwe aanbieders; per import kunnen er hoogstens ${cap} nieuw worden aangemaakt. Splits het bestand, of laat de beheerder de aanbieders aanmaken.`,
        },
      ],
    };
  }
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
