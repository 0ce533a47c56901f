// What every import parser returns. Plain types (no `.server`) so the UI can import them to show
// the error report.

/** An uploaded file as the route hands it over. */
export type ImportFile = { name: string; bytes: Uint8Array };

/**
 * One problem in an upload. `row` is the 1-based row number as a spreadsheet user sees it (the
 * header row is 1); `column` is the header as written in the file (or the expected name when the
 * column is missing). Both are null for problems with the file as a whole. `message` is Dutch.
 */
export type ImportError = { row: number | null; column: string | null; message: string };

/** All rows, or all errors: never both, so nothing half-checked can be imported. */
export type ImportResult<T> = { ok: true; rows: T[] } | { ok: false; errors: ImportError[] };

export type Sector = "VV" | "GHZ" | "GGZ";

/** Errors in reading order: file-level first, then by row (stable, so column order is kept). */
export function sortErrors(errors: ImportError[]): ImportError[] {
  return [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
