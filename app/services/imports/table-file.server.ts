// One reader for every tabular upload: a CSV or .xlsx file becomes a header and rows with the row
// numbers a spreadsheet user sees, and known headers are matched to columns. What the cells mean
// is up to each import (tariff table, provider registry).
import type ExcelJS from "exceljs";
import type { ImportError, ImportFile } from "./import-result";
import { parseInWorker, workerFailureMessage } from "./parse-worker.server";
import { checkZipLimits, MAX_UNZIPPED_BYTES } from "./zip-limits.server";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Rows in the file, blank ones and the header included: a registry has a few thousand. */
export const MAX_ROWS = 20_000;
/** Columns: the registry has one volume column per prestatie, some tens. */
export const MAX_COLUMNS = 200;
/** Errors reported for one file; past this the rest are counted, not listed. */
export const MAX_ERRORS = 200;

const TOO_MANY_ROWS = `bestand heeft meer dan ${MAX_ROWS.toLocaleString("nl-NL")} rijen`;
const TOO_MANY_COLUMNS = `bestand heeft meer dan ${MAX_COLUMNS} kolommen`;

/**
 * A cell as read. `text` is trimmed and is what the user sees (an xlsx number formatted `00000000`
 * keeps its zero padding). `number` is set only for numeric xlsx cells: the stored binary float.
 * `percentFormat`: the xlsx cell is formatted as a percentage, so it holds 0.97 for 97 %.
 */
export type Cell = { text: string; number: number | null; percentFormat: boolean };
export type TableRow = { row: number; cells: Cell[] };
export type Table = {
  format: "csv" | "xlsx";
  headerRow: number;
  /** Header texts, trimmed, as written; "" for a column without a header. */
  header: string[];
  /** Data rows below the header; blank rows are left out (their numbers are skipped). */
  rows: TableRow[];
};
/** `table` is null when the file cannot be read at all; `errors` may exist beside a table. */
export type ReadResult = { table: Table | null; errors: ImportError[] };

export const EMPTY_CELL: Cell = Object.freeze({ text: "", number: null, percentFormat: false });

const NOT_A_TABLE = "bestand is geen CSV of Excel (.xlsx)";
const UNREADABLE_XLSX = "bestand kan niet als Excel-bestand (.xlsx) gelezen worden";

export async function readTableFile(file: ImportFile): Promise<ReadResult> {
  const bytes = file.bytes;
  if (bytes.byteLength === 0) return fileError("bestand is leeg");
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return fileError(`bestand is groter dan 5 MB (${(bytes.byteLength / 1024 / 1024).toFixed(1).replace(".", ",")} MB)`);
  }
  // The content decides, not the name: an .xlsx is a zip (PK\x03\x04).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return fileError("bestand is een oud Excel-formaat (.xls): sla het op als Excel-werkmap (.xlsx) of als CSV");
  }
  // A file named .xlsx that is not a zip is damaged or mislabelled; reading it as CSV would confuse.
  if (/\.xlsx$/i.test(file.name.trim())) return fileError(NOT_A_TABLE);
  if (hasControlBytes(bytes)) return fileError(NOT_A_TABLE);
  let text: string;
  try {
    // fatal: a Windows-1252 export would otherwise turn é into replacement characters silently.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fileError("bestand is geen UTF-8-tekst: sla het in Excel op als 'CSV UTF-8 (met scheidingstekens)'");
  }
  return readCsv(text);
}

async function readCsv(text: string): Promise<ReadResult> {
  let body = text.replace(/^\uFEFF/, "");
  // Excel writes (and hides) a "sep=;" line; honour it and number rows as Excel shows them.
  const sepLine = /^sep=([;,])[ \t]*\r?\n/i.exec(body);
  if (sepLine) body = body.slice(sepLine[0].length);
  if (body.trim() === "") return fileError("bestand is leeg");
  const delimiter = sepLine?.[1] ?? detectDelimiter(body);
  // Blank lines are kept (in the worker) so that record index + 1 is the row number a spreadsheet shows.
  const parsed = await parseInWorker({ kind: "csv", text: body, delimiter, maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
  if (!parsed.ok) {
    if (parsed.reason === "rows") return fileError(TOO_MANY_ROWS);
    if (parsed.reason === "columns") return fileError(TOO_MANY_COLUMNS);
    if (parsed.reason !== "csv") return fileError(workerFailureMessage(parsed.reason));
    const message = parsed.code === "CSV_QUOTE_NOT_CLOSED"
      ? "een aanhalingsteken (\") wordt niet gesloten"
      : "het CSV-bestand kan niet gelezen worden";
    // csv-parse's error carries the number of records read before the problem.
    return { table: null, errors: [{ row: parsed.records !== null ? parsed.records + 1 : null, column: null, message }] };
  }
  const rows = parsed.records.map((cells, index) => ({
    row: index + 1,
    cells: cells.map((value): Cell => ({ text: value.trim(), number: null, percentFormat: false })),
  }));
  return buildTable("csv", rows);
}

/** The header line's most frequent of `;` and `,` outside quotes; `;` (Dutch Excel) on a tie. */
function detectDelimiter(body: string): string {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let seenContent = false;
  for (const char of body) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if (seenContent) break;
    } else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
    if (char.trim() !== "") seenContent = true;
  }
  return commas > semicolons ? "," : ";";
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const zip = await checkZipLimits(bytes);
  if (zip === "too-large") {
    return fileError(`Excel-bestand is uitgepakt groter dan ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
  }
  if (zip !== "ok") return fileError(UNREADABLE_XLSX);
  const loaded = await parseInWorker({ kind: "xlsx", bytes, maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
  if (!loaded.ok) {
    if (loaded.reason === "rows") return fileError(TOO_MANY_ROWS);
    if (loaded.reason === "columns") return fileError(TOO_MANY_COLUMNS);
    if (loaded.reason === "unreadable") return fileError(UNREADABLE_XLSX);
    return fileError(workerFailureMessage(loaded.reason));
  }
  // A zip without worksheets is another kind of file (.docx, .zip), not a damaged workbook.
  if (loaded.worksheets === 0) return fileError(NOT_A_TABLE);
  // The first visible sheet in tab order (the one Excel opens on), read in the worker.
  if (!loaded.rows) return fileError("Excel-bestand bevat geen (zichtbaar) werkblad");
  const rows: TableRow[] = loaded.rows.map(([rowNumber, raw]) => {
    const cells: Cell[] = [];
    for (const [column, value, numFmt] of raw) {
      while (cells.length < column - 1) cells.push(EMPTY_CELL);
      cells[column - 1] = fromExcel(value as ExcelJS.CellValue, numFmt);
    }
    return { row: rowNumber, cells };
  });
  return buildTable("xlsx", rows);
}

function fromExcel(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === "number") return fromExcelNumber(value, numFmt ?? "");
  if (typeof value === "string") return textCell(value);
  if (typeof value === "boolean") return textCell(value ? "WAAR" : "ONWAAR");
  if (value instanceof Date) return textCell(value.toISOString().slice(0, 10));
  if ("richText" in value) return textCell(value.richText.map((part) => part.text).join(""));
  if ("error" in value) return textCell(String(value.error));
  if ("formula" in value || "sharedFormula" in value) {
    // The value Excel last calculated; a formula never calculated shows as the formula itself.
    if (value.result === undefined) return textCell(`=${"formula" in value ? value.formula : value.sharedFormula}`);
    return fromExcel(value.result, numFmt);
  }
  if ("hyperlink" in value) return textCell(String(value.text));
  return textCell(String(value));
}

function fromExcelNumber(value: number, numFmt: string): Cell {
  // A "00000000" format shows 1234567 as 01234567: keep what the user sees.
  const padded = /^0+$/.test(numFmt) && Number.isInteger(value) && value >= 0;
  const text = padded ? String(value).padStart(numFmt.length, "0") : String(value);
  return { text, number: value, percentFormat: numFmt.replace(/"[^"]*"/g, "").includes("%") };
}

function textCell(text: string): Cell {
  return { text: text.trim(), number: null, percentFormat: false };
}

function buildTable(format: Table["format"], all: TableRow[]): ReadResult {
  const filled = all.filter((r) => r.cells.some((c) => c.text !== ""));
  const [headerLine, ...rows] = filled;
  if (!headerLine) return fileError("bestand is leeg");
  const header = headerLine.cells.map((c) => c.text);
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  const errors: ImportError[] = [];
  if (rows.length === 0) errors.push({ row: null, column: null, message: "bestand bevat geen gegevensrijen, alleen een kopregel" });
  for (const r of rows) {
    // The first such cell of a row is enough to find the problem; all of them could be millions.
    const index = r.cells.findIndex((cell, i) => cell.text !== "" && (header[i] ?? "") === "");
    if (index >= 0) {
      errors.push({
        row: r.row,
        column: null,
        message: `waarde '${r.cells[index]!.text}' staat in kolom ${columnLetter(index)}, die geen kopnaam heeft`,
      });
    }
  }
  return { table: { format, headerRow: headerLine.row, header, rows }, errors };
}

/**
 * The errors to show: the first MAX_ERRORS, then one line counting the rest. A file with an
 * error in every cell would otherwise give a report of tens of megabytes.
 */
export function limitErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - MAX_ERRORS;
  return [
    ...errors.slice(0, MAX_ERRORS),
    { row: null, column: null, message: `en nog ${rest.toLocaleString("nl-NL")} ${rest === 1 ? "fout" : "fouten"}: verbeter eerst deze en lees het bestand opnieuw in` },
  ];
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export type ColumnSpec<K extends string> = {
  key: K;
  /** The documented header name, used in messages when the column is missing. */
  name: string;
  /** Other accepted spellings. */
  aliases?: readonly string[];
  required: boolean;
};
/** A column found in the file; `name` is its header as written there. */
export type ColumnRef = { index: number; name: string };
export type ColumnMap<K extends string> = {
  columns: Partial<Record<K, ColumnRef>>;
  /** Columns accepted by the `extra` matcher, e.g. `volume 4VV`, with the key it returned. */
  extra: (ColumnRef & { key: string })[];
  errors: ImportError[];
};

/** Header as compared: case-insensitive, trimmed, single spaces, typographic apostrophes as '. */
export function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ").replace(/[’‘`´]/g, "'");
}

/**
 * Finds each spec's column by header (any order). Reports a missing required column, a column
 * that appears twice, and an unknown column: a misspelt optional header would otherwise be
 * ignored and its data silently lost. `extra` may accept further headers by returning a key.
 */
export function mapColumns<K extends string>(
  table: Table,
  specs: readonly ColumnSpec<K>[],
  extra?: { matches: (normalised: string) => string | null; describe: string },
): ColumnMap<K> {
  const columns: Partial<Record<K, ColumnRef>> = {};
  const extraColumns: (ColumnRef & { key: string })[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, ColumnRef>();
  const row = table.headerRow;
  const expected = [...specs.map((s) => s.name), ...(extra ? [extra.describe] : [])].join(", ");
  table.header.forEach((name, index) => {
    if (name === "") return;
    const normalised = normaliseHeader(name);
    const spec = specs.find((s) => s.name === normalised || (s.aliases ?? []).includes(normalised));
    const key = spec ? `spec:${spec.key}` : extra ? extra.matches(normalised) : null;
    if (key === null) {
      errors.push({ row, column: name, message: `onbekende kolom '${name}' (verwacht: ${expected})` });
      return;
    }
    const first = seen.get(key);
    if (first) {
      errors.push({
        row,
        column: name,
        message: `kolom '${name}' komt twee keer voor (kolommen ${columnLetter(first.index)} en ${columnLetter(index)})`,
      });
      return;
    }
    const ref = { index, name };
    seen.set(key, ref);
    if (spec) columns[spec.key] = ref;
    else extraColumns.push({ ...ref, key });
  });
  for (const spec of specs) {
    if (spec.required && !columns[spec.key]) {
      errors.push({ row, column: spec.name, message: `kolom '${spec.name}' ontbreekt` });
    }
  }
  return { columns, extra: extraColumns, errors };
}

export function cellAt(row: TableRow, column: ColumnRef | undefined): Cell {
  return column === undefined ? EMPTY_CELL : (row.cells[column.index] ?? EMPTY_CELL);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Bytes no text file has (NUL and other C0 controls except tab, LF, CR): a binary upload. */
function hasControlBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  }
  return false;
}

function fileError(message: string): ReadResult {
  return { table: null, errors: [{ row: null, column: null, message }] };
}
