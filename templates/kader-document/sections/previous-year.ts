// "Vorig jaar": the cap or floor on the regular percentage, and over which surcharges.
import { heading, paragraph } from "../../layout";
import { describePreviousYear } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

export function renderPreviousYearSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  heading(doc, title, 1);
  const sentences = describePreviousYear(vm.kader);
  if (sentences.length === 0) {
    paragraph(doc, "Dit kader kent geen regel voor het percentage van vorig jaar: het percentage van vorig jaar speelt geen rol.");
    return;
  }
  for (const sentence of sentences) paragraph(doc, sentence);
}
