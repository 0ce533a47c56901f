// The worker thread of the letter batch (started by letters.server.ts): renders award letters
// from view models, one message each, so that the server's event loop never waits for pdfkit.
// Loaded from source through tsx, as the scoring run's worker (see scoring-run.server.ts).
import { parentPort } from "node:worker_threads";
import { renderAwardLetter, type AwardLetterViewModel } from "../../../templates/award-letter";

type Job = { id: number; vm: AwardLetterViewModel; creationDate: Date };

parentPort!.on("message", (job: Job) => {
  renderAwardLetter(job.vm, { creationDate: job.creationDate }).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort!.postMessage({ id: job.id, ok: true, pdf: bytes }, [bytes.buffer]);
    },
    (error: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
