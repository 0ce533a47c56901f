// Providers' annual accounts per zorgkantoor and financial year (issue 13): the figures the
// reële-tarieventoets of a kader's basistarief is computed from. The accounts are public (DigiMV),
// but an import is one zorgkantoor's act: every zorgkantoor has its own versions and reads only
// its own, so one tenant's import never changes the figures another tenant works with.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { annualAccounts, annualAccountsImports, organisations, providerRegions, regions } from "../../db/schema";
import type { SessionUser } from "../auth/session.server";
import { appendAudit, getDb } from "./db.server";
import { parseAnnualAccounts, type AnnualAccountsRow } from "./imports/annual-accounts.server";
import type { ImportError, ImportFile } from "./imports/import-result";

/** One provider's figures as decimal strings in euros (the percentage in %), exactly as imported. */
export type AccountsFigures = {
  wlzRevenue: string;
  totalRevenue: string;
  personnelCosts: string;
  otherOperatingCosts: string;
  financingIncome: string;
  financingCosts: string;
  tariffPercent: string;
};

const FIGURE_KEYS = ["wlzRevenue", "totalRevenue", "personnelCosts", "otherOperatingCosts", "financingIncome", "financingCosts", "tariffPercent"] as const satisfies readonly (keyof AccountsFigures)[];

/**
 * `created: false`: the file holds exactly the figures of the current version for this year
 * (same providers, same amounts, same marking as illustrative); nothing was written.
 */
export type AnnualAccountsImportOutcome =
  | { ok: true; created: boolean; importId: number; year: number; version: number; providers: number; changes: ImportChanges | null }
  | { ok: false; errors: ImportError[] };

export type ImportVersion = typeof annualAccountsImports.$inferSelect;
export type ProviderAccounts = AccountsFigures & { providerId: number; agbCode: string; name: string };

/** The row a parsed provider becomes, with the provider it was matched to. */
export type StoredAccountsRow = AccountsFigures & { providerId: number; agbCode: string };

/** The zorgkantoor whose data the actor may read and import; null for anyone else. */
function ownZorgkantoor(actor: SessionUser): number | null {
  return actor.organisation?.kind === "zorgkantoor" ? actor.organisation.id : null;
}

/** Providers (AGB code → id) linked to at least one region of this zorgkantoor: the only ones its import may name. */
export function providersInRegions(db: Db, zorgkantoorId: number): Map<string, number> {
  const rows = db
    .selectDistinct({ id: organisations.id, agbCode: organisations.agbCode })
    .from(providerRegions)
    .innerJoin(regions, eq(regions.id, providerRegions.regionId))
    .innerJoin(organisations, eq(organisations.id, providerRegions.providerId))
    .where(and(eq(regions.zorgkantoorId, zorgkantoorId), eq(organisations.kind, "zorgaanbieder")))
    .all();
  const byAgb = new Map<string, number>();
  for (const r of rows) if (r.agbCode) byAgb.set(r.agbCode, r.id);
  return byAgb;
}

/** The latest version of this zorgkantoor's accounts for the year, or null. */
function currentVersion(db: Pick<Db, "select">, zorgkantoorId: number, year: number): ImportVersion | null {
  return (
    db
      .select()
      .from(annualAccountsImports)
      .where(and(eq(annualAccountsImports.zorgkantoorId, zorgkantoorId), eq(annualAccountsImports.year, year)))
      .orderBy(desc(annualAccountsImports.version))
      .limit(1)
      .get() ?? null
  );
}

function rowsOf(db: Pick<Db, "select">, importId: number): StoredAccountsRow[] {
  return db
    .select({
      providerId: annualAccounts.providerId,
      agbCode: annualAccounts.agbCode,
      wlzRevenue: annualAccounts.wlzRevenue,
      totalRevenue: annualAccounts.totalRevenue,
      personnelCosts: annualAccounts.personnelCosts,
      otherOperatingCosts: annualAccounts.otherOperatingCosts,
      financingIncome: annualAccounts.financingIncome,
      financingCosts: annualAccounts.financingCosts,
      tariffPercent: annualAccounts.tariffPercent,
    })
    .from(annualAccounts)
    .where(eq(annualAccounts.importId, importId))
    .orderBy(asc(annualAccounts.agbCode))
    .all();
}

const sameFigures = (a: AccountsFigures, b: AccountsFigures) => FIGURE_KEYS.every((k) => a[k] === b[k]);

/** How an import differs from the version it replaces (providers added, changed, unchanged, no longer in the file). */
export type ImportChanges = { replacesVersion: number; added: number; changed: number; unchanged: number; dropped: number };

/** How the new rows differ from the previous version's: for the audit event and the message. */
function compare(previous: readonly StoredAccountsRow[], next: readonly StoredAccountsRow[]) {
  const before = new Map(previous.map((r) => [r.providerId, r]));
  let added = 0;
  let changed = 0;
  for (const r of next) {
    const old = before.get(r.providerId);
    if (!old) added++;
    else if (!sameFigures(old, r)) changed++;
    before.delete(r.providerId);
  }
  return { added, changed, unchanged: next.length - added - changed, dropped: before.size };
}

/**
 * Stores clean rows as the zorgkantoor's new version for the year, in one transaction with one
 * audit event (counts against the previous version and the file's hash). Earlier versions stay.
 */
export function storeAnnualAccounts(
  db: Db,
  input: { zorgkantoorId: number; year: number; sourceName: string; sha256: string; illustrative: boolean; note: string | null; rows: readonly StoredAccountsRow[]; actorUserId: number | null },
  now = new Date(),
): { importId: number; version: number; changes: ImportChanges | null } {
  return db.transaction(
    (tx) => {
      const previous = currentVersion(tx, input.zorgkantoorId, input.year);
      const version =
        (tx
          .select({ v: max(annualAccountsImports.version) })
          .from(annualAccountsImports)
          .where(and(eq(annualAccountsImports.zorgkantoorId, input.zorgkantoorId), eq(annualAccountsImports.year, input.year)))
          .get()?.v ?? 0) + 1;
      const importId = tx
        .insert(annualAccountsImports)
        .values({
          zorgkantoorId: input.zorgkantoorId,
          year: input.year,
          version,
          sourceName: input.sourceName,
          sha256: input.sha256,
          illustrative: input.illustrative,
          note: input.note,
          importedAt: now,
          importedBy: input.actorUserId,
        })
        .returning({ id: annualAccountsImports.id })
        .get().id;
      for (const r of input.rows) {
        tx.insert(annualAccounts)
          .values({
            importId,
            providerId: r.providerId,
            agbCode: r.agbCode,
            wlzRevenue: r.wlzRevenue,
            totalRevenue: r.totalRevenue,
            personnelCosts: r.personnelCosts,
            otherOperatingCosts: r.otherOperatingCosts,
            financingIncome: r.financingIncome,
            financingCosts: r.financingCosts,
            tariffPercent: r.tariffPercent,
          })
          .run();
      }
      const counts = compare(previous ? rowsOf(tx, previous.id) : [], input.rows);
      appendAudit(tx, {
        actorUserId: input.actorUserId,
        action: "annual_accounts.import",
        entityType: "annual_accounts",
        entityId: importId,
        payload: {
          year: input.year,
          version,
          replacesVersion: previous?.version ?? null,
          sourceName: input.sourceName,
          sha256: input.sha256,
          illustrative: input.illustrative,
          providers: input.rows.length,
          ...counts,
        },
        organisationIds: [input.zorgkantoorId],
        at: now,
      });
      return { importId, version, changes: previous ? { replacesVersion: previous.version, ...counts } : null };
    },
    { behavior: "immediate" },
  );
}

/** Matches parsed rows to the providers of the zorgkantoor's regions (the parser already refused any other AGB code). */
function toStored(rows: readonly AnnualAccountsRow[], providers: ReadonlyMap<string, number>): StoredAccountsRow[] {
  return rows.map((r) => ({
    providerId: providers.get(r.agbCode)!,
    agbCode: r.agbCode,
    wlzRevenue: r.wlzRevenue,
    totalRevenue: r.totalRevenue,
    personnelCosts: r.personnelCosts,
    otherOperatingCosts: r.otherOperatingCosts,
    financingIncome: r.financingIncome,
    financingCosts: r.financingCosts,
    tariffPercent: r.tariffPercent,
  }));
}

/** Parses a file against the zorgkantoor's providers and the chosen year: all rows, or all errors. */
export async function parseAccountsFor(db: Db, zorgkantoorId: number, year: number, file: ImportFile) {
  const providers = providersInRegions(db, zorgkantoorId);
  const parsed = await parseAnnualAccounts(file, { year, knownAgbCodes: new Set(providers.keys()) });
  return parsed.ok ? { ok: true as const, rows: toStored(parsed.rows, providers) } : parsed;
}

/**
 * Imports a CSV or Excel file of annual accounts for the acting inkoper's zorgkantoor and the
 * given financial year. A file with any problem imports nothing and reports every row. A file
 * with exactly the current version's figures creates nothing (no audit event: nothing changed).
 */
export async function importAnnualAccounts(
  actor: SessionUser,
  input: { year: number; illustrative: boolean; file: ImportFile },
  db: Db = getDb(),
  now = new Date(),
): Promise<AnnualAccountsImportOutcome> {
  const zorgkantoorId = ownZorgkantoor(actor);
  if (zorgkantoorId === null || !actor.roles.includes("inkoper")) {
    return { ok: false, errors: [{ row: null, column: null, message: "Alleen een inkoper van een zorgkantoor importeert jaarrekeningen." }] };
  }
  const parsed = await parseAccountsFor(db, zorgkantoorId, input.year, input.file);
  if (!parsed.ok) return parsed;
  const current = currentVersion(db, zorgkantoorId, input.year);
  if (current && current.illustrative === input.illustrative) {
    const stored = rowsOf(db, current.id);
    const counts = compare(stored, parsed.rows);
    if (counts.added === 0 && counts.changed === 0 && counts.dropped === 0) {
      return { ok: true, created: false, importId: current.id, year: input.year, version: current.version, providers: stored.length, changes: null };
    }
  }
  const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
  const note = input.illustrative ? ILLUSTRATIVE_NOTE : null;
  const stored = storeAnnualAccounts(db, { zorgkantoorId, year: input.year, sourceName: input.file.name, sha256, illustrative: input.illustrative, note, rows: parsed.rows, actorUserId: actor.id }, now);
  return { ok: true, created: true, ...stored, year: input.year, providers: parsed.rows.length };
}

export const ILLUSTRATIVE_NOTE = "Illustratieve cijfers: geen echte jaarrekeningen";

/** Every version the actor's zorgkantoor imported, newest year and version first; nothing for anyone else. */
export function listAnnualAccountsImports(actor: SessionUser, db: Db = getDb()): ImportVersion[] {
  const zorgkantoorId = ownZorgkantoor(actor);
  if (zorgkantoorId === null) return [];
  return db
    .select()
    .from(annualAccountsImports)
    .where(eq(annualAccountsImports.zorgkantoorId, zorgkantoorId))
    .orderBy(desc(annualAccountsImports.year), desc(annualAccountsImports.version))
    .all();
}

/**
 * One version of the actor's zorgkantoor's accounts for the year (the current one unless a
 * version is asked for) with each provider's name, by AGB code; null when there is none or the
 * actor is not a zorgkantoor's staff. Another zorgkantoor's version is never found.
 */
export function readAnnualAccounts(
  actor: SessionUser,
  year: number,
  options: { version?: number } = {},
  db: Db = getDb(),
): { version: ImportVersion; providers: ProviderAccounts[] } | null {
  const zorgkantoorId = ownZorgkantoor(actor);
  if (zorgkantoorId === null) return null;
  const version =
    options.version === undefined
      ? currentVersion(db, zorgkantoorId, year)
      : (db
          .select()
          .from(annualAccountsImports)
          .where(and(eq(annualAccountsImports.zorgkantoorId, zorgkantoorId), eq(annualAccountsImports.year, year), eq(annualAccountsImports.version, options.version)))
          .get() ?? null);
  if (!version) return null;
  const rows = rowsOf(db, version.id);
  const ids = rows.map((r) => r.providerId);
  const names = new Map(ids.length === 0 ? [] : db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).all().map((o) => [o.id, o.name]));
  return { version, providers: rows.map((r) => ({ ...r, name: names.get(r.providerId) ?? "" })) };
}

/**
 * The figures the break-even test computes from: the zorgkantoor's current version for the
 * year, per provider AGB code, as decimal strings. The caller has established that the
 * zorgkantoor is the acting user's own (through `accountsFiguresForYear`, or a kader it owns).
 */
export function accountsFigures(
  db: Db,
  zorgkantoorId: number,
  year: number,
): { importId: number; version: number; illustrative: boolean; sha256: string; byAgb: Map<string, AccountsFigures> } | null {
  const version = currentVersion(db, zorgkantoorId, year);
  if (!version) return null;
  const byAgb = new Map<string, AccountsFigures>();
  for (const r of rowsOf(db, version.id)) {
    const { providerId: _id, agbCode, ...figures } = r;
    byAgb.set(agbCode, figures);
  }
  return { importId: version.id, version: version.version, illustrative: version.illustrative, sha256: version.sha256, byAgb };
}

/** `accountsFigures` for the acting user's own zorgkantoor; null for anyone else. */
export function accountsFiguresForYear(actor: SessionUser, year: number, db: Db = getDb()) {
  const zorgkantoorId = ownZorgkantoor(actor);
  return zorgkantoorId === null ? null : accountsFigures(db, zorgkantoorId, year);
}
