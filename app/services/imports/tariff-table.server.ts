// The NZa maximum-tariff table of one year, imported from CSV or .xlsx (issue 4). Every problem is
// reported with its row and column, and no row is returned until the whole file is clean.
//
// Headers (case-insensitive, any order, all required):
//   prestatie      prestatie code, e.g. 5VV (also: prestatiecode)
//   sector         VV (or V&V), GHZ or GGZ
//   omschrijving   description
//   eenheid        unit, e.g. dag
//   maximumtarief  NZa maximum tariff in euros (also: maximum tarief)
//   nhc            normatieve huisvestingscomponent in euros (0 when none)
//   nic            normatieve inventariscomponent in euros (0 when none)
// Amounts: at most 2 decimals, Dutch (260,00 / 1.234,56) or dot (260.00) notation.
import type Decimal from "decimal.js";
import {
  canonical,
  formatEuro,
  isBlank,
  isPrestatieCode,
  listRows,
  parseSector,
  readDecimal,
  timesWord,
  unknownSectorMessage,
} from "./cell-values.server";
import { sortErrors, type ImportError, type ImportFile, type ImportResult, type Sector } from "./import-result";
import { cellAt, limitErrors, mapColumns, readTableFile, type ColumnRef, type ColumnSpec, type TableRow } from "./table-file.server";
import { toCsv } from "./table-write.server";

export type TariffRow = {
  code: string;
  sector: Sector;
  label: string;
  unit: string;
  /** Canonical decimal strings: "260", "21.5". */
  max: string;
  components: { NHC: string; NIC: string };
};

type Key = "code" | "sector" | "label" | "unit" | "max" | "nhc" | "nic";

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: "code", name: "prestatie", aliases: ["prestatiecode"], required: true },
  { key: "sector", name: "sector", required: true },
  { key: "label", name: "omschrijving", required: true },
  { key: "unit", name: "eenheid", required: true },
  { key: "max", name: "maximumtarief", aliases: ["maximum tarief"], required: true },
  { key: "nhc", name: "nhc", required: true },
  { key: "nic", name: "nic", required: true },
];

/** The documented header names, in template order. */
export const TARIFF_TABLE_HEADERS: readonly string[] = COLUMNS.map((c) => c.name);

const MAX_TEXT = 200;

export async function parseTariffTable(file: ImportFile): Promise<ImportResult<TariffRow>> {
  const read = await readTableFile(file);
  if (!read.table) return { ok: false, errors: read.errors };
  const table = read.table;
  const map = mapColumns(table, COLUMNS);
  const errors: ImportError[] = [...read.errors, ...map.errors];
  const rows: TariffRow[] = [];
  // Codes are compared case-insensitively: 5vv and 5VV are the same prestatie.
  const rowsByCode = new Map<string, { row: number; code: string }[]>();

  for (const row of table.rows) {
    const result = parseRow(row, map.columns, errors);
    if (result.code !== null) {
      const key = result.code.toUpperCase();
      const seen = rowsByCode.get(key);
      if (seen) seen.push({ row: row.row, code: result.code });
      else rowsByCode.set(key, [{ row: row.row, code: result.code }]);
    }
    if (result.row) rows.push(result.row);
  }
  for (const occurrences of rowsByCode.values()) {
    const rowNumbers = occurrences.map((o) => o.row);
    for (const { row, code } of occurrences.slice(1)) {
      errors.push({
        row,
        column: map.columns.code?.name ?? "prestatie",
        message: `prestatiecode ${code} komt ${timesWord(occurrences.length)} voor (ook rij ${listRows(rowNumbers, row)})`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors: limitErrors(sortErrors(errors)) } : { ok: true, rows };
}

/** Checks one row, adding its errors; returns the row only when every field of it is valid. */
function parseRow(
  row: TableRow,
  columns: Partial<Record<Key, ColumnRef>>,
  errors: ImportError[],
): { code: string | null; row: TariffRow | null } {
  const before = errors.length;
  const report = (key: Key, message: string) => {
    errors.push({ row: row.row, column: columns[key]?.name ?? null, message });
  };
  // A missing column is reported once by mapColumns; its cells are not checked row by row.
  const present = (key: Key) => columns[key] !== undefined;
  const cell = (key: Key) => cellAt(row, columns[key]);

  let code: string | null = null;
  const codeText = cell("code").text;
  if (!present("code")) {
    // reported as a missing column
  } else if (codeText === "") report("code", "prestatiecode ontbreekt");
  else if (!isPrestatieCode(codeText)) {
    report("code", `prestatiecode '${codeText}' is ongeldig (alleen letters, cijfers en '-', hoogstens 20 tekens)`);
  } else code = codeText;

  let sector: Sector | null = null;
  const sectorText = cell("sector").text;
  if (present("sector")) {
    if (sectorText === "") report("sector", "sector ontbreekt");
    else {
      sector = parseSector(sectorText);
      if (sector === null) report("sector", unknownSectorMessage(sectorText));
    }
  }

  const label = requiredText(cell("label").text, "omschrijving", present("label"), (m) => report("label", m));
  const unit = requiredText(cell("unit").text, "eenheid", present("unit"), (m) => report("unit", m));

  const amount = (key: Key, name: string, emptyHint: string): Decimal | null => {
    if (!present(key)) return null;
    const c = cell(key);
    if (isBlank(c)) {
      report(key, `${name} ontbreekt${emptyHint}`);
      return null;
    }
    const parsed = readDecimal(c, "bedrag", 2);
    if (!parsed.ok) {
      report(key, parsed.message);
      return null;
    }
    if (parsed.value.isNegative()) {
      report(key, `${name} mag niet negatief zijn`);
      return null;
    }
    return parsed.value;
  };
  let max = amount("max", "maximumtarief", "");
  if (max !== null && max.isZero()) {
    report("max", "maximumtarief moet groter dan 0 zijn");
    max = null;
  }
  // An empty NHC/NIC is refused rather than read as 0: both are paid at 100 %, so a forgotten
  // value would change every tariff built on this table.
  const nhc = amount("nhc", "NHC", " (vul 0 in als er geen NHC is)");
  const nic = amount("nic", "NIC", " (vul 0 in als er geen NIC is)");
  if (max !== null && nhc !== null && nic !== null && nhc.plus(nic).gt(max)) {
    report("max", `NHC + NIC (${formatEuro(nhc.plus(nic))}) is hoger dan het maximumtarief (${formatEuro(max)})`);
  }

  if (errors.length > before) return { code, row: null };
  if (code === null || sector === null || label === null || unit === null) return { code, row: null };
  if (max === null || nhc === null || nic === null) return { code, row: null };
  return {
    code,
    row: {
      code,
      sector,
      label,
      unit,
      max: canonical(max),
      components: { NHC: canonical(nhc), NIC: canonical(nic) },
    },
  };
}

function requiredText(text: string, name: string, present: boolean, report: (message: string) => void): string | null {
  if (!present) return null;
  if (text === "") {
    report(`${name} ontbreekt`);
    return null;
  }
  if (text.length > MAX_TEXT) {
    report(`${name} is langer dan ${MAX_TEXT} tekens`);
    return null;
  }
  return text;
}

/** A CSV an inkoper can download, fill in and upload again (figures are illustrative). */
export function tariffTableTemplateCsv(): string {
  return toCsv(TARIFF_TABLE_HEADERS, [
    ["4VV", "VV", "ZZP 4 VV (voorbeeld, illustratieve bedragen)", "dag", "180,00", "20,00", "3,00"],
    ["5VV", "VV", "ZZP 5 VV (voorbeeld, illustratieve bedragen)", "dag", "260,00", "21,50", "3,50"],
  ]);
}
