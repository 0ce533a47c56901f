// "Nota's van inlichtingen": each published nota with its number, date and text.
import { COLOR, TYPE, formatDocumentDateTime, heading, paragraph, paragraphs } from "../../layout";
import type { KaderDocumentViewModel } from "../view-model";

export function renderNotasSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  heading(doc, title, 1);
  if (vm.notas.length === 0) {
    paragraph(doc, "Bij deze versie zijn geen nota's van inlichtingen gepubliceerd.");
    return;
  }
  paragraph(
    doc,
    "Een nota van inlichtingen verduidelijkt of vult het kader aan. Iedere aanbieder krijgt dezelfde nota op hetzelfde moment; " +
      "vragen worden beantwoord zonder te noemen wie ze stelde. De nota's zijn onlosmakelijk onderdeel van het kader.",
  );
  const notas = [...vm.notas].sort((a, b) => a.number - b.number);
  for (const nota of notas) {
    heading(doc, `Nota van inlichtingen ${nota.number}: ${nota.title}`, 2);
    paragraph(doc, `Gepubliceerd op ${formatDocumentDateTime(nota.publishedAt)}`, { size: TYPE.small, color: COLOR.muted, spaceAfter: 4, keepWithNext: 30 });
    paragraphs(doc, nota.body);
  }
}
