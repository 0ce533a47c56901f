// Parsing an uploaded table is heavy: csv-parse needs seconds for a 5 MB file or for 200,000
// columns, and exceljs holds a whole workbook in memory and parses it in one go (seconds for a
// few MB of sheet XML). On the server's own thread that would stall every other request. So the
// library calls run in a worker thread with a time limit and a memory limit; the worker is
// ended when either is passed, and the caller gets a Dutch message.
//
// The worker's code is a plain script given as a string (`eval: true`), not a file: the app is
// bundled into build/index.js by the Remix compiler, which would not ship a separate worker
// file, and the same code then runs unchanged under tsx, vitest and the build. It only calls
// the libraries and copies out plain values; all checking stays in TypeScript.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export const PARSE_TIME_LIMIT_MS = 15_000;
const MEMORY_LIMIT_MB = 512;

/** An xlsx cell as copied out of exceljs: its column (1-based), value and number format. */
export type RawCell = [column: number, value: unknown, numFmt: string | undefined];
export type RawRow = [row: number, cells: RawCell[]];

export type CsvJob = { kind: "csv"; text: string; delimiter: string; maxRows: number; maxColumns: number };
export type XlsxJob = { kind: "xlsx"; bytes: Uint8Array; maxRows: number; maxColumns: number };

export type CsvOutcome =
  | { ok: true; records: string[][] }
  | { ok: false; reason: "rows" | "columns" }
  | { ok: false; reason: "csv"; code: string | null; records: number | null };
export type XlsxOutcome =
  | { ok: true; worksheets: number; rows: RawRow[] | null }
  | { ok: false; reason: "rows" | "columns" | "unreadable" };
export type WorkerFailure = { ok: false; reason: "time" | "memory" | "crashed" };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const job = workerData.job;
class Limit extends Error { constructor(reason) { super(reason); this.reason = reason; } }
async function run() {
  if (job.kind === "csv") {
    const { parse } = require(workerData.modules.csv);
    try {
      const records = parse(job.text, {
        delimiter: job.delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        on_record: (record, context) => {
          if (record.length > job.maxColumns) throw new Limit("columns");
          if (context.records >= job.maxRows) throw new Limit("rows");
          return record;
        },
      });
      return { ok: true, records };
    } catch (error) {
      if (error instanceof Limit) return { ok: false, reason: error.reason };
      // csv-parse wraps errors thrown in on_record; its own carry a code and the records read.
      const cause = error && error.cause;
      if (cause instanceof Limit) return { ok: false, reason: cause.reason };
      const code = error && typeof error.code === "string" ? error.code : null;
      const records = error && typeof error.records === "number" ? error.records : null;
      return { ok: false, reason: "csv", code, records };
    }
  }
  const ExcelJS = require(workerData.modules.exceljs);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(job.bytes.buffer.slice(job.bytes.byteOffset, job.bytes.byteOffset + job.bytes.byteLength));
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === "visible");
  if (!sheet) return { ok: true, worksheets: workbook.worksheets.length, rows: null };
  const rows = [];
  try {
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rows.length >= job.maxRows) throw new Limit("rows");
      const cells = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > job.maxColumns) throw new Limit("columns");
        cells.push([column, cell.value, cell.numFmt]);
      });
      rows.push([rowNumber, cells]);
    });
  } catch (error) {
    if (error instanceof Limit) return { ok: false, reason: error.reason };
    throw error;
  }
  return { ok: true, worksheets: workbook.worksheets.length, rows };
}
run().then((result) => parentPort.postMessage(result), (error) => parentPort.postMessage({ ok: false, reason: "crashed", message: String(error) }));
`;

let modules: { csv: string; exceljs: string } | null = null;
function modulePaths(): { csv: string; exceljs: string } {
  // Resolved here, where the app's node_modules are known; the worker script has no location.
  const require = createRequire(import.meta.url);
  modules ??= { csv: require.resolve("csv-parse/sync"), exceljs: require.resolve("exceljs") };
  return modules;
}

export function parseInWorker(job: CsvJob, timeLimitMs?: number): Promise<CsvOutcome | WorkerFailure>;
export function parseInWorker(job: XlsxJob, timeLimitMs?: number): Promise<XlsxOutcome | WorkerFailure>;
export function parseInWorker(job: CsvJob | XlsxJob, timeLimitMs = PARSE_TIME_LIMIT_MS): Promise<CsvOutcome | XlsxOutcome | WorkerFailure> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { job, modules: modulePaths() },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: CsvOutcome | XlsxOutcome | WorkerFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: "time" }), timeLimitMs);
    worker.once("message", (message: CsvOutcome | XlsxOutcome | WorkerFailure) => finish(message));
    worker.once("error", (error: Error & { code?: string }) => {
      finish({ ok: false, reason: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crashed" });
    });
    worker.once("exit", () => finish({ ok: false, reason: "crashed" }));
  });
}

/** The Dutch message for a worker that did not finish. */
export function workerFailureMessage(reason: WorkerFailure["reason"]): string {
  if (reason === "time") return `bestand is te zwaar om in te lezen (na ${PARSE_TIME_LIMIT_MS / 1000} seconden afgebroken): maak het kleiner of splits het`;
  if (reason === "memory") return "bestand vraagt te veel geheugen om in te lezen: maak het kleiner of splits het";
  return "bestand kon niet worden ingelezen";
}
