// Writing tables for inkopers to download (import templates, exports): CSV as Dutch Excel opens
// it, and .xlsx through exceljs. Tests use toXlsx to build their fixtures.
import ExcelJS from "exceljs";

export type OutCell = string | number | null;

/**
 * CSV with `;` (what Dutch Excel expects), CRLF line ends, quotes only where needed. A text cell
 * that Excel would run as a formula (=, +, @, or - not starting a number) gets a leading ' (OWASP
 * "CSV injection").
 */
export function toCsv(header: readonly string[], rows: readonly (readonly OutCell[])[], delimiter = ";"): string {
  const line = (cells: readonly OutCell[]) => cells.map((cell) => csvField(cell, delimiter)).join(delimiter);
  return [header, ...rows].map(line).join("\r\n") + "\r\n";
}

function csvField(cell: OutCell, delimiter: string): string {
  if (cell === null) return "";
  let text = String(cell);
  if (typeof cell === "string" && /^[=+@\t\r]|^-(?![\d.,])/.test(text)) text = `'${text}`;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type XlsxOptions = {
  sheetName?: string;
  /**
   * Headers of columns to format as text, so that codes typed into the downloaded file later
   * (AGB 01234567) keep their leading zero instead of becoming numbers.
   */
  textColumns?: readonly string[];
};

/** One worksheet: a bold header row and the rows; strings stay strings, numbers stay numbers. */
export async function toXlsx(
  header: readonly string[],
  rows: readonly (readonly OutCell[])[],
  options: XlsxOptions = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? "Gegevens");
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  header.forEach((name, index) => {
    const column = sheet.getColumn(index + 1);
    const longest = Math.max(name.length, ...rows.map((r) => String(r[index] ?? "").length));
    column.width = Math.min(60, Math.max(10, longest + 2));
    if (options.textColumns?.includes(name)) column.numFmt = "@";
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
