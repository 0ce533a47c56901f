// The worker thread of the letter batch (letter-pool.server.ts, started by letters.server.ts):
// renders award letters from view models, one message each, so that the server's event loop
// never waits for pdfkit. Loaded from source through tsx, as the scoring run's worker (see
// scoring-run.server.ts).
import { parentPort } from "node:worker_threads";
import { renderLetterJob, type LetterJob } from "./letter-job";

parentPort!.on("message", (job: LetterJob) => {
  void renderLetterJob(job).then(({ reply, transfer }) => parentPort!.postMessage(reply, transfer));
});
