import { createHash } from "node:crypto";
import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { tariffRows, tariffTables } from "../../db/schema";
import type { Tariff } from "../../scoring";
import type { SessionUser } from "../auth/session.server";
import { comparePrestatieCodes } from "../lib/prestatie-codes";
import { appendAudit, getDb } from "./db.server";
import type { ImportError, ImportFile } from "./imports/import-result";
import { parseTariffTable, type TariffRow } from "./imports/tariff-table.server";

/**
 * `created: false`: the file's rows are identical to a version already stored for this
 * zorgkantoor and year (that version's id and number are given); nothing was written.
 */
export type TariffImportOutcome = { ok: true; created: boolean; tableId: number; version: number; rows: number } | { ok: false; errors: ImportError[] };

type ComparableRow = { code: string; sector: string; label: string; unit: string; max: string; nhc: string; nic: string };

/** SHA-256 of a table's rows in code order: two files with the same rows (CSV or Excel, any row order) have the same hash. */
function rowsHash(rows: readonly ComparableRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(sorted.map((r) => [r.code, r.sector, r.label, r.unit, r.max, r.nhc, r.nic]))).digest("hex");
}

/** The stored version of this zorgkantoor and year whose rows equal `rows`, if any. */
function identicalTable(db: Db, zorgkantoorId: number, year: number, rows: readonly TariffRow[]) {
  const wanted = rowsHash(rows.map((r) => ({ code: r.code, sector: r.sector, label: r.label, unit: r.unit, max: r.max, nhc: r.components.NHC, nic: r.components.NIC })));
  const tables = db.select().from(tariffTables).where(and(eq(tariffTables.zorgkantoorId, zorgkantoorId), eq(tariffTables.year, year))).orderBy(desc(tariffTables.version)).all();
  for (const table of tables) {
    const stored = db.select().from(tariffRows).where(eq(tariffRows.tableId, table.id)).all();
    if (stored.length === rows.length && rowsHash(stored) === wanted) return table;
  }
  return null;
}

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

/**
 * Imports a CSV or Excel file; a file with any problem imports nothing and reports every row.
 * A file whose rows equal a version already stored for the same zorgkantoor and year creates
 * nothing and says which version it equals. No audit event then: the trail records changes
 * (and refusals of access), and nothing changed; a second identical version would only make
 * a kader's choice of table ambiguous.
 */
export async function importTariffTable(
  actor: SessionUser,
  input: { year: number; note: string | null; file: ImportFile },
  db: Db = getDb(),
): Promise<TariffImportOutcome> {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgkantoor") return { ok: false, errors: [{ row: null, column: null, message: "Alleen een zorgkantoor importeert tarieven." }] };
  const parsed = await parseTariffTable(input.file);
  if (!parsed.ok) return parsed;
  const same = identicalTable(db, org.id, input.year, parsed.rows);
  if (same) return { ok: true, created: false, tableId: same.id, version: same.version, rows: parsed.rows.length };
  const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
  const stored = storeTariffTable(db, { zorgkantoorId: org.id, year: input.year, sourceName: input.file.name, sha256, note: input.note, rows: parsed.rows, actorUserId: actor.id });
  return { ok: true, created: true, ...stored, rows: parsed.rows.length };
}

export function listTariffTables(zorgkantoorId: number, db: Db = getDb()) {
  return db.select().from(tariffTables).where(eq(tariffTables.zorgkantoorId, zorgkantoorId)).orderBy(desc(tariffTables.year), desc(tariffTables.version)).all();
}

export function loadTariffTable(tableId: number, db: Db = getDb()) {
  const table = db.select().from(tariffTables).where(eq(tariffTables.id, tableId)).get();
  if (!table) return null;
  const rows = db.select().from(tariffRows).where(eq(tariffRows.tableId, tableId)).all().sort((a, b) => comparePrestatieCodes(a.code, b.code));
  return { table, rows };
}

/** The table's rows in the inputs format the engine reads. */
export function tariffsForScoring(tableId: number, db: Db = getDb()): Tariff[] {
  const loaded = loadTariffTable(tableId, db);
  if (!loaded) return [];
  return loaded.rows.map((r) => ({ code: r.code, sector: r.sector, label: r.label, unit: r.unit, max: r.max, components: { NHC: r.nhc, NIC: r.nic } }) as Tariff);
}
