// One letter job of a letter worker: the view model in, the PDF bytes out (transferred, not
// copied), or the error's message. Shared by the batch's worker and the letters bench's.
import { renderAwardLetter, type AwardLetterViewModel } from "../../../templates/award-letter";

export type LetterJob = { id: number; vm: AwardLetterViewModel; creationDate: Date };
export type LetterReply = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string };

export async function renderLetterJob(job: LetterJob): Promise<{ reply: LetterReply; transfer: ArrayBuffer[] }> {
  try {
    const pdf = await renderAwardLetter(job.vm, { creationDate: job.creationDate });
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    return { reply: { id: job.id, ok: true, pdf: bytes }, transfer: [bytes.buffer] };
  } catch (error) {
    return { reply: { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}
