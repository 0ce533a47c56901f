// The registry of zorgaanbieders a kader is bought from, imported from CSV or .xlsx (issue 4),
// with the same row-level error report as the tariff table: all errors, or all rows.
//
// Headers (case-insensitive, any order):
//   agb                    AGB code, exactly 8 digits (required; also: agb-code, agb code)
//   kvk                    KvK number, exactly 8 digits (required; also: kvk-nummer, kvk nummer)
//   naam                   name (required)
//   regio's                zorgkantoorregio codes, e.g. 5509 (also: regios, regio)
//   sectoren               VV (or V&V), GHZ, GGZ (also: sector)
//   tarief vorig jaar (%)  previous year's tariff percentage, 0–100, up to 4 decimals
//                          (also: tarief vorig jaar, vorig jaar, vorig jaar (%))
//   volume <prestatie>     expected units a year for that prestatie, e.g. "volume 4VV"; one
//                          column per prestatie; 0 or more, up to 2 decimals
// Lists inside a cell are separated by ";" or ",". In a CSV whose delimiter is that same
// character, quote the cell ("5509;5510") or use the other separator.
import type Decimal from "decimal.js";
import {
  canonical,
  dutch,
  isBlank,
  isPrestatieCode,
  listRows,
  parseSector,
  readDecimal,
  splitList,
  timesWord,
  unknownSectorMessage,
} from "./cell-values.server";
import { sortErrors, type ImportError, type ImportFile, type ImportResult, type Sector } from "./import-result";
import {
  cellAt,
  limitErrors,
  mapColumns,
  readTableFile,
  type Cell,
  type ColumnRef,
  type ColumnSpec,
  type TableRow,
} from "./table-file.server";
import { toCsv } from "./table-write.server";

export type ProviderRow = {
  agbCode: string;
  kvkNumber: string;
  name: string;
  regions: string[];
  sectors: Sector[];
  /** Canonical decimal string ("97", "95.5"), or null when not given. */
  previousYearPercent: string | null;
  /** Prestatie code → expected units a year as a canonical decimal string; only filled cells. */
  volumes: Record<string, string>;
};

export type ProviderRegistryOptions = {
  /** When given, every region must be one of these (compared case-insensitively). */
  knownRegionCodes?: string[];
  /** When given, every `volume <prestatie>` column must name one of these. */
  knownPrestaties?: string[];
};

type Key = "agb" | "kvk" | "name" | "regions" | "sectors" | "previousYear";

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: "agb", name: "agb", aliases: ["agb-code", "agb code", "agbcode"], required: true },
  { key: "kvk", name: "kvk", aliases: ["kvk-nummer", "kvk nummer", "kvknummer"], required: true },
  { key: "name", name: "naam", required: true },
  { key: "regions", name: "regio's", aliases: ["regios", "regio"], required: false },
  { key: "sectors", name: "sectoren", aliases: ["sector"], required: false },
  {
    key: "previousYear",
    name: "tarief vorig jaar (%)",
    aliases: ["tarief vorig jaar", "vorig jaar", "vorig jaar (%)"],
    required: false,
  },
];

/** The documented header names, in template order (volume columns are per prestatie). */
export const PROVIDER_REGISTRY_HEADERS: readonly string[] = COLUMNS.map((c) => c.name);

const VOLUME_HEADER = /^volume (.+)$/;
const MAX_NAME = 200;
// Without a known list, at least refuse what cannot be a code (zorgkantoorregio's are like 5509).
const REGION_CODE = /^[A-Za-z0-9-]{1,20}$/;

type VolumeColumn = ColumnRef & { code: string };

export async function parseProviderRegistry(
  file: ImportFile,
  options: ProviderRegistryOptions = {},
): Promise<ImportResult<ProviderRow>> {
  const read = await readTableFile(file);
  if (!read.table) return { ok: false, errors: read.errors };
  const table = read.table;
  const map = mapColumns(table, COLUMNS, {
    // Upper case only as the duplicate key: "volume 4vv" and "volume 4VV" are the same column.
    matches: (header) => VOLUME_HEADER.exec(header)?.[1]?.toUpperCase() ?? null,
    describe: "volume <prestatiecode>",
  });
  const errors: ImportError[] = [...read.errors, ...map.errors];
  const volumes = volumeColumns(map.extra, options.knownPrestaties, table.headerRow, errors);
  const regionCodes = options.knownRegionCodes ? byLowerCase(options.knownRegionCodes) : null;

  const rows: ProviderRow[] = [];
  const rowsByAgb = new Map<string, number[]>();
  for (const row of table.rows) {
    const result = parseRow(row, map.columns, volumes, regionCodes, errors);
    if (result.agbCode !== null) {
      const seen = rowsByAgb.get(result.agbCode);
      if (seen) seen.push(row.row);
      else rowsByAgb.set(result.agbCode, [row.row]);
    }
    if (result.row) rows.push(result.row);
  }
  // One KvK number may hold several AGB codes (one per establishment), so only AGB must be unique.
  for (const [agb, occurrences] of rowsByAgb) {
    for (const row of occurrences.slice(1)) {
      errors.push({
        row,
        column: map.columns.agb?.name ?? "agb",
        message: `AGB-code ${agb} komt ${timesWord(occurrences.length)} voor (rij ${listRows(occurrences)})`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors: limitErrors(sortErrors(errors)) } : { ok: true, rows };
}

function volumeColumns(
  extra: readonly (ColumnRef & { key: string })[],
  knownPrestaties: readonly string[] | undefined,
  headerRow: number,
  errors: ImportError[],
): VolumeColumn[] {
  const known = knownPrestaties ? byLowerCase(knownPrestaties) : null;
  const columns: VolumeColumn[] = [];
  for (const column of extra) {
    const written = column.name.trim().replace(/^\S+\s+/, "");
    if (!isPrestatieCode(written)) {
      errors.push({ row: headerRow, column: column.name, message: `'${written}' in kolom '${column.name}' is geen geldige prestatiecode` });
      continue;
    }
    // The known list's spelling wins, so volumes match the tariff table's codes exactly.
    const code = known ? known.get(written.toLowerCase()) : written;
    if (code === undefined) {
      errors.push({ row: headerRow, column: column.name, message: `onbekende prestatie '${written}' in kolom '${column.name}'` });
      continue;
    }
    columns.push({ index: column.index, name: column.name, code });
  }
  return columns;
}

function parseRow(
  row: TableRow,
  columns: Partial<Record<Key, ColumnRef>>,
  volumeColumns: readonly VolumeColumn[],
  regionCodes: ReadonlyMap<string, string> | null,
  errors: ImportError[],
): { agbCode: string | null; row: ProviderRow | null } {
  const before = errors.length;
  const report = (column: ColumnRef | undefined, message: string) => {
    errors.push({ row: row.row, column: column?.name ?? null, message });
  };
  const cell = (key: Key) => cellAt(row, columns[key]);

  // A missing required column is reported once by mapColumns; its cells are not checked per row.
  const agbCode = columns.agb ? eightDigits(cell("agb"), "AGB-code", (m) => report(columns.agb, m)) : null;
  const kvkNumber = columns.kvk ? eightDigits(cell("kvk"), "KvK-nummer", (m) => report(columns.kvk, m)) : null;

  let name: string | null = null;
  if (columns.name) {
    const text = cell("name").text;
    if (text === "") report(columns.name, "naam ontbreekt");
    else if (text.length > MAX_NAME) report(columns.name, `naam is langer dan ${MAX_NAME} tekens`);
    else name = text;
  }

  const regions: string[] = [];
  for (const item of splitList(cell("regions").text)) {
    const code = regionCodes ? regionCodes.get(item.toLowerCase()) : REGION_CODE.test(item) ? item : undefined;
    if (code === undefined) report(columns.regions, `${regionCodes ? "onbekende" : "ongeldige"} regiocode '${item}'`);
    else if (!regions.includes(code)) regions.push(code);
  }

  const sectors: Sector[] = [];
  for (const item of splitList(cell("sectors").text)) {
    const sector = parseSector(item);
    if (sector === null) report(columns.sectors, unknownSectorMessage(item));
    else if (!sectors.includes(sector)) sectors.push(sector);
  }

  let previousYearPercent: string | null = null;
  const percentCell = cell("previousYear");
  if (!isBlank(percentCell)) {
    const parsed = readDecimal(percentCell, "percentage", 4);
    if (!parsed.ok) report(columns.previousYear, parsed.message);
    else if (parsed.value.isNegative() || parsed.value.gt(100)) {
      report(columns.previousYear, `tarief vorig jaar ${dutch(parsed.value)} % ligt niet tussen 0 en 100`);
    } else previousYearPercent = canonical(parsed.value);
  }

  const volumes: Record<string, string> = {};
  for (const column of volumeColumns) {
    const volumeCell = cellAt(row, column);
    if (isBlank(volumeCell)) continue;
    const value = volume(volumeCell, (m) => report(column, m));
    if (value !== null) volumes[column.code] = canonical(value);
  }

  if (errors.length > before || agbCode === null || kvkNumber === null || name === null) {
    return { agbCode, row: null };
  }
  return { agbCode, row: { agbCode, kvkNumber, name, regions, sectors, previousYearPercent, volumes } };
}

/**
 * AGB codes and KvK numbers are 8 digits and may start with 0. Excel turns a typed 01234567 into
 * the number 1234567 (also when a CSV is opened and saved there), so say so instead of padding:
 * a guessed code could belong to another provider.
 */
export function eightDigits(cell: Cell, label: string, report: (message: string) => void): string | null {
  const text = cell.text;
  if (text === "") {
    report(`${label} ontbreekt`);
    return null;
  }
  if (/^\d{8}$/.test(text)) return text;
  if (cell.number !== null && Number.isInteger(cell.number) && cell.number >= 0 && cell.number < 1e7) {
    report(
      `${label} ${text} staat in Excel als getal en is zo de voorloopnul kwijtgeraakt: ` +
        `maak de kolom 'Tekst' en typ de code met 8 cijfers (bijv. ${text.padStart(8, "0")})`,
    );
    return null;
  }
  if (/^\d{1,7}$/.test(text)) {
    report(`${label} '${text}' heeft ${text.length} cijfers in plaats van 8 (voorloopnul weggevallen?)`);
    return null;
  }
  report(`${label} '${text}' moet uit precies 8 cijfers bestaan`);
  return null;
}

function volume(cell: Cell, report: (message: string) => void): Decimal | null {
  const parsed = readDecimal(cell, "getal", 2);
  if (!parsed.ok) {
    report(parsed.message);
    return null;
  }
  if (parsed.value.isNegative()) {
    report(`volume ${dutch(parsed.value)} mag niet negatief zijn`);
    return null;
  }
  return parsed.value;
}

function byLowerCase(values: readonly string[]): Map<string, string> {
  return new Map(values.map((value) => [value.trim().toLowerCase(), value.trim()]));
}

/** A CSV an inkoper can download, fill in and upload again (providers are fictitious). */
export function providerRegistryTemplateCsv(): string {
  return toCsv(
    [...PROVIDER_REGISTRY_HEADERS, "volume 4VV", "volume 5VV"],
    [
      ["73730001", "12345678", "Zorggroep A (voorbeeld)", "5509,5510", "VV", "97", "3650", "1825"],
      ["73730002", "23456789", "Stichting B (voorbeeld)", "5509", "VV,GHZ", "95,5", "1000", ""],
    ],
  );
}
