// "Versiegeschiedenis": every published version of the kader, with its date, its nota and
// its content hash, so that a reader of an older version sees that a newer one exists.
import { COLOR, TYPE, formatDocumentDateTime, heading, paragraph, table } from "../../layout";
import { shortHash, type KaderDocumentViewModel } from "../view-model";

export function renderVersionsSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  heading(doc, title, 1);
  const versions = [...vm.versions].sort((a, b) => a.number - b.number);
  const latest = versions.at(-1);
  if (latest && latest.number > vm.version) {
    paragraph(doc, [
      { text: "Let op: ", font: "bold" },
      { text: `dit document geeft versie ${vm.version} weer. Versie ${latest.number}, gepubliceerd op ${formatDocumentDateTime(latest.publishedAt)}, is de geldende versie.` },
    ]);
  } else {
    paragraph(doc, `Dit document geeft versie ${vm.version} weer, de laatst gepubliceerde versie. Een gepubliceerde versie verandert nooit; een wijziging wordt een nieuwe versie met een nota van inlichtingen.`);
  }
  if (versions.length === 0) return;
  table(
    doc,
    [
      { header: "Versie", width: 24 },
      { header: "Gepubliceerd", width: 22 },
      { header: "Nota van inlichtingen", width: 30 },
      { header: "Inhoudshash (begin)", width: 24, mono: true },
    ],
    versions.map((v) => [
      v.number === vm.version ? `${v.number} (dit document)` : String(v.number),
      formatDocumentDateTime(v.publishedAt),
      v.notaNumber !== null ? `Nota van inlichtingen ${v.notaNumber}` : "–",
      shortHash(v.contentHash),
    ]),
  );
  paragraph(doc, "De inhoudshash is hier ingekort tot de eerste 12 tekens; de volledige hash van deze versie staat bovenaan het document.", { size: TYPE.small, color: COLOR.muted });
}
