// "Nota's van inlichtingen": every published nota of the kader with its number, date and
// text, also the notas published after this version: they are part of the kader.
import { COLOR, TYPE, formatDocumentDateTime, heading, paragraph, paragraphs } from "../../layout";
import { notaHeading, type KaderDocumentViewModel } from "../view-model";

export function renderNotasSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  heading(doc, title, 1);
  if (vm.notas.length === 0) {
    paragraph(doc, "Bij dit kader zijn geen nota's van inlichtingen gepubliceerd.");
    return;
  }
  paragraph(
    doc,
    "Een nota van inlichtingen verduidelijkt of vult het kader aan. Iedere aanbieder krijgt dezelfde nota op hetzelfde moment; " +
      "vragen worden beantwoord zonder te noemen wie ze stelde. De nota's zijn onlosmakelijk onderdeel van het kader: hieronder staan " +
      "alle nota's van dit kader, ook die na deze versie zijn gepubliceerd.",
  );
  const withVersion = new Map(vm.versions.filter((v) => v.notaNumber !== null).map((v) => [v.notaNumber!, v.number]));
  const notas = [...vm.notas].sort((a, b) => a.number - b.number);
  for (const nota of notas) {
    heading(doc, notaHeading(nota.number, nota.title), 2);
    const parts = [`Gepubliceerd op ${formatDocumentDateTime(nota.publishedAt)}`];
    const version = withVersion.get(nota.number);
    if (version !== undefined) parts.push(`hoort bij versie ${version}`);
    if (nota.publishedAt.getTime() > vm.publishedAt.getTime()) parts.push(`na versie ${vm.version} gepubliceerd`);
    paragraph(doc, parts.join(" · "), { size: TYPE.small, color: COLOR.muted, spaceAfter: 4, keepWithNext: 30 });
    paragraphs(doc, nota.body);
  }
}
