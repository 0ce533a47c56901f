import { createHash } from "node:crypto";
import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { tariffRows, tariffTables } from "../../db/schema";
import type { Tariff } from "../../scoring";
import type { SessionUser } from "../auth/session.server";
import { appendAudit, getDb } from "./db.server";
import type { ImportError, ImportFile } from "./imports/import-result";
import { parseTariffTable, type TariffRow } from "./imports/tariff-table.server";

export type TariffImportOutcome = { ok: true; tableId: number; version: number; rows: number } | { ok: false; errors: ImportError[] };

/** Stores rows that already parsed clean as a new version (a re-import never overwrites). */
export function storeTariffTable(
  db: Db,
  input: { zorgkantoorId: number; year: number; sourceName: string; sha256: string; note: string | null; rows: TariffRow[]; actorUserId: number | null },
  now = new Date(),
): { tableId: number; version: number } {
  return db.transaction(
    (tx) => {
      const version =
        (tx.select({ v: max(tariffTables.version) }).from(tariffTables).where(and(eq(tariffTables.zorgkantoorId, input.zorgkantoorId), eq(tariffTables.year, input.year))).get()?.v ?? 0) + 1;
      const tableId = tx
        .insert(tariffTables)
        .values({ zorgkantoorId: input.zorgkantoorId, year: input.year, version, sourceName: input.sourceName, sha256: input.sha256, note: input.note, importedAt: now, importedBy: input.actorUserId })
        .returning({ id: tariffTables.id })
        .get().id;
      for (const r of input.rows) {
        tx.insert(tariffRows).values({ tableId, code: r.code, sector: r.sector, label: r.label, unit: r.unit, max: r.max, nhc: r.components.NHC, nic: r.components.NIC }).run();
      }
      appendAudit(tx, {
        actorUserId: input.actorUserId,
        action: "tariff_table.import",
        entityType: "tariff_table",
        entityId: tableId,
        payload: { year: input.year, version, sourceName: input.sourceName, sha256: input.sha256, rows: input.rows.length },
        organisationIds: [input.zorgkantoorId],
        at: now,
      });
      return { tableId, version };
    },
    { behavior: "immediate" },
  );
}

/** Imports a CSV or Excel file; a file with any problem imports nothing and reports every row. */
export async function importTariffTable(
  actor: SessionUser,
  input: { year: number; note: string | null; file: ImportFile },
  db: Db = getDb(),
): Promise<TariffImportOutcome> {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return { ok: false, errors: [{ row: null, column: null, message: "Alleen een zorgkantoor importeert tarieven." }] };
  const parsed = await parseTariffTable(input.file);
  if (!parsed.ok) return parsed;
  const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
  const stored = storeTariffTable(db, { zorgkantoorId: org.id, year: input.year, sourceName: input.file.name, sha256, note: input.note, rows: parsed.rows, actorUserId: actor.id });
  return { ok: true, ...stored, rows: parsed.rows.length };
}

export function listTariffTables(zorgkantoorId: number, db: Db = getDb()) {
  return db.select().from(tariffTables).where(eq(tariffTables.zorgkantoorId, zorgkantoorId)).orderBy(desc(tariffTables.year), desc(tariffTables.version)).all();
}

export function loadTariffTable(tableId: number, db: Db = getDb()) {
  const table = db.select().from(tariffTables).where(eq(tariffTables.id, tableId)).get();
  if (!table) return null;
  const rows = db.select().from(tariffRows).where(eq(tariffRows.tableId, tableId)).orderBy(tariffRows.code).all();
  return { table, rows };
}

/** The table's rows in the inputs format the engine reads. */
export function tariffsForScoring(tableId: number, db: Db = getDb()): Tariff[] {
  const loaded = loadTariffTable(tableId, db);
  if (!loaded) return [];
  return loaded.rows.map((r) => ({ code: r.code, sector: r.sector, label: r.label, unit: r.unit, max: r.max, components: { NHC: r.nhc, NIC: r.nic } }) as Tariff);
}
