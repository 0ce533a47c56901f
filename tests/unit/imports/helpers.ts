// Building upload files for the import tests.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { ImportFile, ImportResult } from "~/services/imports/import-result";

export const fixturesDir = new URL("../../fixtures/imports/", import.meta.url);

export function csvFile(text: string, name = "upload.csv"): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

export function fixture(name: string): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, fixturesDir))) };
}

/** A one-sheet workbook whose cells are set exactly (numbers stay numbers), with optional formats. */
export async function xlsxFile(
  rows: (string | number | null)[][],
  formats: Record<string, string> = {},
  name = "upload.xlsx",
): Promise<ImportFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Blad1");
  for (const row of rows) sheet.addRow(row);
  for (const [address, numFmt] of Object.entries(formats)) sheet.getCell(address).numFmt = numFmt;
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** The errors of a failed import; fails the test when the import succeeded. */
export function errorsOf<T>(result: ImportResult<T>) {
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} rows`);
  expect(result).not.toHaveProperty("rows");
  return result.errors;
}

/** The rows of a successful import; shows the errors when it failed. */
export function rowsOf<T>(result: ImportResult<T>): T[] {
  if (!result.ok) throw new Error(`expected rows, got errors:\n${JSON.stringify(result.errors, null, 2)}`);
  return result.rows;
}
