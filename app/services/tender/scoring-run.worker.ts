// The worker thread of a scoring run (started by scoring-run.server.ts): computes and posts
// progress, then the outcome. Loaded from source through tsx (see scoring-run.server.ts).
import { parentPort, workerData } from "node:worker_threads";
import { computeRun, type RunJob, type RunOutput } from "./scoring-run-compute";

let output: RunOutput;
try {
  output = computeRun(workerData as RunJob, (p) => parentPort!.postMessage({ type: "progress", progress: p }));
} catch (error) {
  output = { ok: false, message: `De berekening is afgebroken: ${error instanceof Error ? error.message : String(error)}` };
}
parentPort!.postMessage({ type: "done", output }, output.ok ? [output.resultGz.buffer as ArrayBuffer] : []);
