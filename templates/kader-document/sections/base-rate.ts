// "Basistarief": the base percentage by default, per sector and per
// prestatie, and the components that are always paid in full.
import { formatPercent } from "../../../scoring/format/nl";
import { bulletList, heading, paragraph, table } from "../../layout";
import { describeComponent, joinDutch, sectorName } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

export function renderBaseRateSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  const { baseRate, nonNegotiable } = vm.kader;
  heading(doc, title, 1);
  paragraph(
    doc,
    "Het basistarief is het percentage van het onderhandelbare deel van het NZa-maximumtarief dat iedere gecontracteerde aanbieder krijgt, " +
      "voordat er opslagen bij komen.",
  );
  paragraph(doc, [
    { text: "Standaard basistarief: ", font: "bold" },
    { text: `${formatPercent(baseRate.default)} van het onderhandelbare deel, voor elke prestatie waarvoor hieronder niets anders staat.` },
  ]);
  const sectors = Object.entries(baseRate.bySector ?? {});
  const prestaties = Object.entries(baseRate.byPrestatie ?? {});
  if (sectors.length > 0) {
    paragraph(doc, "Afwijkend basistarief per sector:", { keepWithNext: 40 });
    table(doc, [{ header: "Sector", width: 2 }, { header: "Basistarief", width: 1, align: "right" }], sectors.map(([k, v]) => [sectorName(k), formatPercent(v)]), { width: 0.5 });
  }
  if (prestaties.length > 0) {
    paragraph(doc, "Afwijkend basistarief per prestatie:", { keepWithNext: 40 });
    table(doc, [{ header: "Prestatie", width: 2 }, { header: "Basistarief", width: 1, align: "right" }], prestaties.map(([k, v]) => [k, formatPercent(v)]), { width: 0.5 });
  }
  if (sectors.length > 0 || prestaties.length > 0) {
    paragraph(doc, "Voor een prestatie geldt het basistarief van die prestatie; is dat er niet, dan dat van haar sector; anders het standaard basistarief.");
  }

  if (nonNegotiable.length === 0) {
    paragraph(doc, "Dit kader kent geen niet-onderhandelbare componenten: het hele maximumtarief is onderhandelbaar.");
    return;
  }
  paragraph(
    doc,
    `${nonNegotiable.length === 1 ? "De component" : "De componenten"} ${joinDutch(nonNegotiable)} ${nonNegotiable.length === 1 ? "wordt" : "worden"} altijd voor ` +
      `${formatPercent("100")} vergoed en ${nonNegotiable.length === 1 ? "telt" : "tellen"} niet mee in het onderhandelbare deel:`,
    { keepWithNext: 30 },
  );
  bulletList(doc, nonNegotiable.map((code) => `${describeComponent(code)}: ${formatPercent("100")}`));
  paragraph(doc, "Het onderhandelbare deel is het maximumtarief min deze componenten (een component die in de tarieftabel ontbreekt, telt als € 0,00).");
}
