// "Reële-tarieventoets" (issue 13): the method in short, the assumptions and the outcome in
// aggregates (no provider's figures), the justification when it failed, and how to check it.
import { formatPercent } from "../../../scoring/format/nl";
import { COLOR, TYPE, bulletList, heading, paragraph } from "../../layout";
import type { KaderDocumentViewModel } from "../view-model";

const pct = (v: string, decimals?: number) => formatPercent(v, decimals === undefined ? {} : { decimals });

export function renderBreakevenSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  heading(doc, title, 1);
  const b = vm.breakeven;
  if (!b) {
    paragraph(doc, "Bij deze versie is geen reële-tarieventoets gepubliceerd.");
    return;
  }
  paragraph(doc, [
    { text: b.passes ? "Geslaagd: " : "Niet geslaagd: ", font: "bold" },
    {
      text:
        `aanbieders met ${pct(b.share, 2)} van de Wlz-omzet halen bij het basistarief van ${pct(b.basistarief)} minstens break-even; de drempel is ${pct(b.threshold)} (${b.thresholdRef}). ` +
        (b.breakEven === null ? "Ook bij het hoogste basistarief wordt de drempel niet gehaald." : `De drempel wordt gehaald vanaf een basistarief van ${pct(b.breakEven, 2)}.`),
    },
  ]);
  if (!b.passes && b.justification) {
    paragraph(doc, [{ text: "Motivering van het zorgkantoor: ", font: "bold" }, { text: b.justification }]);
  }
  paragraph(
    doc,
    "Methode: per aanbieder met een jaarrekening de Wlz-omzet tegen de tarieven van dit kader (door de rekenkern uit de volumes, of geschaald uit de jaarrekening), plus de overige omzet, min de geïndexeerde kosten, plus het financieel resultaat. Het aandeel is de Wlz-omzet uit de jaarrekeningen van de aanbieders met een resultaat van 0 of meer, gedeeld door die van alle meegetelde aanbieders. Het break-evenpercentage is het laagste basistarief (in stappen van 0,01 %) waarbij de toets slaagt.",
  );
  bulletList(doc, [
    `Kostenindexatie: ${pct(b.costIndexation)}`,
    `Volumewijziging: ${pct(b.volumeChange)}`,
    `Opslagen: ${b.opslagen}`,
    `Jaarrekeningen: ${b.accountsYear ?? "onbekend"}; meegeteld ${b.providersCounted} aanbieders, waarvan ${b.providersPassing} minstens break-even`,
  ]);
  paragraph(
    doc,
    `Narekenen: download bij het kader op het platform de toets (reele-tarieventoets.json), de invoer (reele-tarieventoets-invoer.json) en het kader (JSON), en voer uit: npm run -s score -- breakeven kader.json invoer.json toets.json --text. SHA-256 van de toets: ${b.testFileSha256}.`,
    { size: TYPE.small, color: COLOR.muted },
  );
}
