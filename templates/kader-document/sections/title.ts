// The opening block: what this document is, which version, when it was
// published, the submission window, and the content hash that identifies it.
import { FONT, COLOR, TYPE, formatDocumentDateTime, keyValueList, note, paragraph, space, tagged, contentWidth } from "../../layout";
import type { KaderDocumentViewModel } from "../view-model";

export function renderTitleSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  tagged(doc, "P", () => {
    doc.font(FONT.regular).fontSize(TYPE.small + 1).fillColor(COLOR.muted).text("Inkoopkader Wlz", x, doc.y, { width });
  });
  space(doc, 4);
  tagged(doc, "H1", () => {
    doc.font(FONT.bold).fontSize(TYPE.title).fillColor(COLOR.heading).text(vm.kader.title, x, doc.y, { width });
  });
  doc.outline.addItem(vm.kader.title);
  space(doc, 2);
  tagged(doc, "P", () => {
    doc.font(FONT.regular).fontSize(TYPE.h3 + 1).fillColor(COLOR.text).text(`${vm.zorgkantoor} · ${vm.kader.year} · versie ${vm.version}`, x, doc.y, { width });
  });
  doc.fillColor(COLOR.text);
  space(doc, 14);

  const table = vm.tariffTable;
  keyValueList(doc, [
    { key: "Zorgkantoor", value: vm.zorgkantoor },
    { key: vm.regions.length === 1 ? "Regio" : "Regio's", value: vm.regions.length > 0 ? vm.regions.join(", ") : "geen regio opgegeven" },
    { key: "Jaar", value: String(vm.kader.year) },
    { key: "Versie", value: String(vm.version) },
    { key: "Gepubliceerd", value: formatDocumentDateTime(vm.publishedAt) },
    { key: "Inschrijving open", value: formatDocumentDateTime(vm.opensAt) },
    { key: "Inschrijving sluit", value: formatDocumentDateTime(vm.closesAt) },
    { key: "Vragen stellen tot", value: formatDocumentDateTime(vm.questionsUntil) },
    {
      key: "Maximumtarieven",
      value: `NZa-maximumtarieven ${table.year}, tarieftabel versie ${table.version}${table.note ? ` (${table.note})` : ""}`,
    },
    { key: "Kenmerk", value: [{ text: vm.kader.id, font: "mono" }] },
    { key: "Inhoudshash (SHA-256)", value: [{ text: vm.contentHash, font: "mono", size: TYPE.small }] },
  ], { keyWidth: 130 });
  paragraph(doc, "Alle tijden zijn Nederlandse tijd (Europe/Amsterdam).", { size: TYPE.small, color: COLOR.muted });
  const latest = [...vm.versions].sort((a, b) => b.number - a.number)[0];
  if (latest && latest.number > vm.version) {
    note(doc, [
      { text: "Let op: ", font: "bold" },
      { text: `dit is niet de geldende versie. Versie ${latest.number} is gepubliceerd op ${formatDocumentDateTime(latest.publishedAt)}; zie de versiegeschiedenis aan het eind.` },
    ]);
  }
  if (table.note) note(doc, [{ text: "Let op: ", font: "bold" }, { text: `de maximumtarieven in deze tarieftabel zijn gemarkeerd als „${table.note}”.` }]);
  space(doc, 4);
  paragraph(
    doc,
    `Dit document geeft versie ${vm.version} van het inkoopkader weer zoals het is gepubliceerd. Het kaderbestand (kader.yaml of kader.json) ` +
      "heeft dezelfde inhoud; de inhoudshash hierboven identificeert die inhoud. Met het kaderbestand, de maximumtarieven en de gegevens van een " +
      "aanbieder kan iedereen de tarieven van die aanbieder narekenen en komt daarbij op dezelfde centen uit. " +
      "De nota's van inlichtingen aan het eind van dit document maken deel uit van het kader.",
  );
}
