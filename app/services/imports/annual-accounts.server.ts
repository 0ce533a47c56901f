// Providers' annual accounts (jaarrekeningen, public through DigiMV) for one financial year,
// imported from CSV or .xlsx (issue 13) for the reële-tarieventoets, with the same row-level error
// report as the tariff table and the registry: all errors, or all rows.
//
// Headers (case-insensitive, any order, all required):
//   agb                    AGB code of the provider, exactly 8 digits (also: agb-code, agb code)
//   jaar                   financial year; must be the year chosen for the import
//   wlzOmzet               Wlz revenue in euros (also: wlz-omzet, wlz omzet)
//   totaleOmzet            total revenue in euros, at least the Wlz revenue (also: totale omzet)
//   personeelskosten       personnel costs in euros
//   overigeBedrijfskosten  other operating costs in euros (also: overige bedrijfskosten)
//   financieleBaten        financing income in euros (also: financiële baten, financiele baten)
//   financieleLasten       financing costs in euros (also: financiële lasten, financiele lasten)
//   tariefpercentage       the percentage of the NZa maximum tariff the Wlz revenue was earned at,
//                          above 0 and at most 100, up to 4 decimals (also: tariefpercentage (%))
// Amounts: at most 2 decimals, Dutch (1.234.567,89) or dot (1234567.89) notation, never negative
// (a loss is the outcome of the test, not an input: costs are written as positive amounts).
import type Decimal from "decimal.js";
import { canonical, dutch, formatEuro, isBlank, listRows, readDecimal, timesWord } from "./cell-values.server";
import { sortErrors, type ImportError, type ImportFile, type ImportResult } from "./import-result";
import { eightDigits } from "./provider-registry.server";
import { cellAt, limitErrors, mapColumns, readTableFile, type ColumnRef, type ColumnSpec, type TableRow } from "./table-file.server";
import { toCsv } from "./table-write.server";

/** One provider's figures; amounts and the percentage as canonical decimal strings ("1234567.89", "96.5"). */
export type AnnualAccountsRow = {
  agbCode: string;
  year: number;
  wlzRevenue: string;
  totalRevenue: string;
  personnelCosts: string;
  otherOperatingCosts: string;
  financingIncome: string;
  financingCosts: string;
  tariffPercent: string;
};

export type AnnualAccountsOptions = {
  /** The financial year chosen for the import: every row's `jaar` must be this year. */
  year: number;
  /** AGB codes of the providers in the importing zorgkantoor's regions; any other is unknown. */
  knownAgbCodes: ReadonlySet<string>;
};

type AmountKey = "wlzRevenue" | "totalRevenue" | "personnelCosts" | "otherOperatingCosts" | "financingIncome" | "financingCosts";
type Key = "agb" | "year" | AmountKey | "tariffPercent";

// The documented names are written as the brief's template has them; matching is on lower case.
const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: "agb", name: "agb", aliases: ["agb-code", "agb code", "agbcode"], required: true },
  { key: "year", name: "jaar", aliases: ["boekjaar"], required: true },
  { key: "wlzRevenue", name: "wlzOmzet", aliases: ["wlzomzet", "wlz-omzet", "wlz omzet"], required: true },
  { key: "totalRevenue", name: "totaleOmzet", aliases: ["totaleomzet", "totale omzet"], required: true },
  { key: "personnelCosts", name: "personeelskosten", aliases: ["personeelskosten"], required: true },
  { key: "otherOperatingCosts", name: "overigeBedrijfskosten", aliases: ["overigebedrijfskosten", "overige bedrijfskosten"], required: true },
  { key: "financingIncome", name: "financieleBaten", aliases: ["financielebaten", "financiële baten", "financiele baten", "financiëlebaten"], required: true },
  { key: "financingCosts", name: "financieleLasten", aliases: ["financielelasten", "financiële lasten", "financiele lasten", "financiëlelasten"], required: true },
  { key: "tariffPercent", name: "tariefpercentage", aliases: ["tariefpercentage", "tariefpercentage (%)", "tarief (%)"], required: true },
];

/** The documented header names, in template order. */
export const ANNUAL_ACCOUNTS_HEADERS: readonly string[] = COLUMNS.map((c) => c.name);

/** How each amount is named in messages, and the Dutch verb agreeing with it ("ontbreekt"/"ontbreken"). */
const AMOUNT_LABEL: Record<AmountKey, { label: string; plural: boolean }> = {
  wlzRevenue: { label: "Wlz-omzet", plural: false },
  totalRevenue: { label: "totale omzet", plural: false },
  personnelCosts: { label: "personeelskosten", plural: true },
  otherOperatingCosts: { label: "overige bedrijfskosten", plural: true },
  financingIncome: { label: "financiële baten", plural: true },
  financingCosts: { label: "financiële lasten", plural: true },
};
const AMOUNT_KEYS = Object.keys(AMOUNT_LABEL) as AmountKey[];

/** A tariff percentage may have more decimals than the 0,01 % steps of the test: it is a weighted average. */
const PERCENT_DECIMALS = 4;

export async function parseAnnualAccounts(file: ImportFile, options: AnnualAccountsOptions): Promise<ImportResult<AnnualAccountsRow>> {
  const read = await readTableFile(file);
  if (!read.table) return { ok: false, errors: read.errors };
  const table = read.table;
  const map = mapColumns(table, COLUMNS);
  const errors: ImportError[] = [...read.errors, ...map.errors];
  const rows: AnnualAccountsRow[] = [];
  // Keyed by "agb/year": one provider has one set of accounts a year. A Map, never a plain object.
  const rowsByKey = new Map<string, { agb: string; year: number; rows: number[] }>();

  for (const row of table.rows) {
    const result = parseRow(row, map.columns, options, errors);
    if (result.agbCode !== null && result.year !== null) {
      const key = `${result.agbCode}/${result.year}`;
      const seen = rowsByKey.get(key);
      if (seen) seen.rows.push(row.row);
      else rowsByKey.set(key, { agb: result.agbCode, year: result.year, rows: [row.row] });
    }
    if (result.row) rows.push(result.row);
  }
  for (const { agb, year, rows: occurrences } of rowsByKey.values()) {
    for (const row of occurrences.slice(1)) {
      errors.push({
        row,
        column: map.columns.agb?.name ?? "agb",
        message: `AGB-code ${agb} heeft voor ${year} ${timesWord(occurrences.length)} een jaarrekening (ook rij ${listRows(occurrences, row)}): één rij per aanbieder en jaar`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors: limitErrors(sortErrors(errors)) } : { ok: true, rows };
}

/** Checks one row, adding its errors; returns the row only when every field of it is valid. */
function parseRow(
  row: TableRow,
  columns: Partial<Record<Key, ColumnRef>>,
  options: AnnualAccountsOptions,
  errors: ImportError[],
): { agbCode: string | null; year: number | null; row: AnnualAccountsRow | null } {
  const before = errors.length;
  const report = (key: Key, message: string) => {
    errors.push({ row: row.row, column: columns[key]?.name ?? null, message });
  };
  // A missing column is reported once by mapColumns; its cells are not checked row by row.
  const present = (key: Key) => columns[key] !== undefined;
  const cell = (key: Key) => cellAt(row, columns[key]);

  let agbCode: string | null = null;
  if (present("agb")) {
    agbCode = eightDigits(cell("agb"), "AGB-code", (m) => report("agb", m));
    if (agbCode !== null && !options.knownAgbCodes.has(agbCode)) {
      report("agb", `onbekende aanbieder: AGB-code ${agbCode} is geen zorgaanbieder in uw regio's (importeer eerst het aanbiedersregister)`);
    }
  }

  let year: number | null = null;
  if (present("year")) {
    const text = cell("year").text;
    if (text === "") report("year", "jaar ontbreekt");
    else if (!/^\d{4}$/.test(text)) report("year", `jaar '${text}' is geen jaartal`);
    else {
      year = Number(text);
      if (year !== options.year) report("year", `jaar ${year} wijkt af van het gekozen boekjaar ${options.year} (één bestand per boekjaar)`);
    }
  }

  const amounts = new Map<AmountKey, Decimal>();
  for (const key of AMOUNT_KEYS) {
    if (!present(key)) continue;
    const { label, plural } = AMOUNT_LABEL[key];
    const c = cell(key);
    if (isBlank(c)) {
      // Refused rather than read as 0: a forgotten cost would make a loss look like a profit.
      report(key, plural ? `${label} ontbreken (vul 0 in als er geen zijn)` : `${label} ontbreekt (vul 0 in als die er niet is)`);
      continue;
    }
    const parsed = readDecimal(c, "bedrag", 2);
    if (!parsed.ok) report(key, parsed.message);
    else if (parsed.value.isNegative()) {
      const hint = plural ? "mogen niet negatief zijn: vul kosten en baten als positieve bedragen in" : "mag niet negatief zijn";
      report(key, `${label} (${formatEuro(parsed.value)}) ${hint}`);
    } else amounts.set(key, parsed.value);
  }
  const wlz = amounts.get("wlzRevenue");
  const total = amounts.get("totalRevenue");
  if (wlz !== undefined && total !== undefined && total.lt(wlz)) {
    report("totalRevenue", `totale omzet (${formatEuro(total)}) is lager dan de Wlz-omzet (${formatEuro(wlz)})`);
  }

  let tariffPercent: string | null = null;
  if (present("tariffPercent")) {
    const c = cell("tariffPercent");
    if (isBlank(c)) report("tariffPercent", "tariefpercentage ontbreekt");
    else {
      const parsed = readDecimal(c, "percentage", PERCENT_DECIMALS);
      if (!parsed.ok) report("tariffPercent", parsed.message);
      else if (parsed.value.isNegative() || parsed.value.gt(100)) {
        report("tariffPercent", `tariefpercentage ${dutch(parsed.value)} % ligt niet tussen 0 en 100`);
      } else if (parsed.value.isZero()) {
        // The test scales the Wlz revenue from this percentage to the kader's: 0 % cannot be scaled.
        report("tariffPercent", "tariefpercentage moet groter dan 0 zijn (het percentage van het maximumtarief waartegen de Wlz-omzet is verdiend)");
      } else tariffPercent = canonical(parsed.value);
    }
  }

  if (errors.length > before || agbCode === null || year === null || tariffPercent === null) return { agbCode, year, row: null };
  const amount = (key: AmountKey) => canonical(amounts.get(key)!);
  return {
    agbCode,
    year,
    row: {
      agbCode,
      year,
      wlzRevenue: amount("wlzRevenue"),
      totalRevenue: amount("totalRevenue"),
      personnelCosts: amount("personnelCosts"),
      otherOperatingCosts: amount("otherOperatingCosts"),
      financingIncome: amount("financingIncome"),
      financingCosts: amount("financingCosts"),
      tariffPercent,
    },
  };
}

/** A CSV an inkoper can download, fill in and upload again (figures are illustrative). */
export function annualAccountsTemplateCsv(year: number): string {
  return toCsv(ANNUAL_ACCOUNTS_HEADERS, [
    ["73730001", String(year), "12.500.000,00", "13.100.000,00", "9.400.000,00", "3.050.000,00", "15.000,00", "240.000,00", "96,5"],
    ["73730002", String(year), "4.200.000,00", "4.200.000,00", "3.300.000,00", "850.000,00", "0,00", "60.000,00", "95"],
  ]);
}

/**
 * The financial years named in a file's `jaar` column (valid four-digit years only, ascending):
 * for a caller that takes the year from the file instead of from a form (the demo seed).
 */
export async function accountsYearsInFile(file: ImportFile): Promise<number[]> {
  const read = await readTableFile(file);
  if (!read.table) return [];
  const column = mapColumns(read.table, COLUMNS).columns.year;
  if (!column) return [];
  const years = new Set<number>();
  for (const row of read.table.rows) {
    const text = cellAt(row, column).text;
    if (/^\d{4}$/.test(text)) years.add(Number(text));
  }
  return [...years].sort((a, b) => a - b);
}
