// The worker thread of a scoring run (started by scoring-run.server.ts, possibly before its job
// arrives): waits for the job, computes and posts
// progress; then, when it was given the database file, stores the outcome through its own
// connection (scoring-run-store.ts) so that the main thread never waits for those writes, and
// posts the outcome without its large parts. Loaded from source through tsx (see scoring-run.server.ts).
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { openDatabase } from "../../../db/client.server";
import { computeRun, type RunJob, type RunOutput } from "./scoring-run-compute";
import { storeRunOutput } from "./scoring-run-store";

async function main(job: RunJob): Promise<void> {
  let output: RunOutput;
  try {
    output = computeRun(job, (p) => parentPort!.postMessage({ type: "progress", progress: p }));
  } catch (error) {
    output = { ok: false, message: `De berekening is afgebroken: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!job.store) {
    parentPort!.postMessage({ type: "done", output }, output.ok ? [output.resultGz.buffer as ArrayBuffer] : []);
    return;
  }
  const start = performance.now();
  try {
    const db = openDatabase(job.store.file);
    try {
      await storeRunOutput(db, job.store.context, output);
    } finally {
      db.$client.close();
    }
  } catch (error) {
    // Not stored: the main thread records the failure through its own connection.
    parentPort!.postMessage({ type: "done", output: { ok: false, message: `Het resultaat kon niet worden opgeslagen: ${error instanceof Error ? error.message : String(error)}` } });
    return;
  }
  const storeMs = performance.now() - start;
  // Stored: only what the main thread needs to know, not the megabytes it would otherwise copy.
  const brief = output.ok ? { ...output, resultGz: new Uint8Array(0), providers: [], modulesJson: "", summaryJson: "" } : output;
  parentPort!.postMessage({ type: "done", output: brief, stored: true, storeMs });
}

// Loaded and waiting: the server may start this worker before it has a job (prewarmRunWorker).
parentPort!.once("message", (message: { type: "job"; job: RunJob }) => void main(message.job));
parentPort!.postMessage({ type: "ready" });
