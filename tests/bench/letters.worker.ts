// The letters bench's worker: the letter batch's own job (app/services/award/letter-job.ts), and
// the floor's bare pdfkit documents, in the same kind of worker, so that both are measured alike.
import { parentPort } from "node:worker_threads";
import { renderLetterJob, type LetterJob } from "../../app/services/award/letter-job";
import { floorDocument, pageCount } from "./letters-floor";

type FloorJob = { id: number; floor: number };
type Ping = { id: number; ping: true };

parentPort!.on("message", (job: LetterJob | FloorJob | Ping) => {
  if ("ping" in job) {
    // The worker is up (tsx loaded, modules imported); the fonts are parsed by its first letter, on the clock.
    parentPort!.postMessage({ id: job.id, ok: true });
    return;
  }
  if ("floor" in job) {
    floorDocument(job.floor).then(
      (pdf) => parentPort!.postMessage({ id: job.id, ok: true, value: pageCount(pdf) }),
      (e: unknown) => parentPort!.postMessage({ id: job.id, ok: false, message: String(e) }),
    );
    return;
  }
  void renderLetterJob(job).then(({ reply, transfer }) => parentPort!.postMessage(reply, transfer));
});
