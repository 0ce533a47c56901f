// "Opslagen": an overview of every surcharge in the order of the computation,
// then each fixed surcharge with where it applies and its condition in words.
import type { Condition, FixedSurcharge, Kader } from "../../../scoring";
import { formatPercent } from "../../../scoring/format/nl";
import { bulletList, heading, keyValueList, paragraph, table, type KeyValue, type ListItem } from "../../layout";
import { describeCondition, factLabels, type ConditionLine, type FactLabels } from "../describe-condition";
import { describeAmount, describeAppliesTo } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

function listItem(line: ConditionLine): ListItem {
  return { text: line.text, children: line.children.map(listItem) };
}

/** A condition as nested bullets: the top-level line, with its parts below it; declared facts by their labels. */
export function conditionItems(condition: Condition, labels?: FactLabels): ListItem[] {
  return [listItem(describeCondition(condition, labels))];
}

function previousYearNote(kader: Kader, id: string): string | null {
  const rule = kader.previousYear;
  if (!rule || !rule.over.includes(id)) return null;
  return `valt onder de vorig-jaarregel (${rule.mode === "cap" ? "plafond" : "bodem"})`;
}

function renderFixed(doc: PDFKit.PDFDocument, kader: Kader, surcharge: FixedSurcharge): void {
  heading(doc, surcharge.label, 2);
  const rows: KeyValue[] = [
    { key: "Verwijzing", value: surcharge.ref ?? "geen verwijzing opgegeven" },
    { key: "Opslag", value: formatPercent(surcharge.percent) },
    { key: "Geldt voor", value: describeAppliesTo(surcharge.appliesTo) },
  ];
  const previous = previousYearNote(kader, surcharge.id);
  if (previous) rows.push({ key: "Vorig jaar", value: previous });
  keyValueList(doc, rows, { keyWidth: 110 });
  if (!surcharge.when) {
    paragraph(doc, [{ text: "Voorwaarde: ", font: "bold" }, { text: "geen; de opslag geldt voor iedere aanbieder." }]);
    return;
  }
  paragraph(doc, [{ text: "Voorwaarde: ", font: "bold" }, { text: "de opslag geldt als de aanbieder voldoet aan:" }], { spaceAfter: 3, keepWithNext: 16 });
  bulletList(doc, conditionItems(surcharge.when, factLabels(kader)), { indent: 8 });
}

export function renderSurchargesSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  const { kader } = vm;
  heading(doc, title, 1);
  if (kader.surcharges.length === 0) {
    paragraph(doc, "Dit kader kent geen opslagen: het tarief is het basistarief.");
    return;
  }
  paragraph(
    doc,
    "Opslagen komen bovenop het basistarief. Een vaste opslag geldt als de aanbieder aan de voorwaarde voldoet; een module geeft een opslag die " +
      "afhangt van de punten van een beoordeling (zie Modules). De opslagen in volgorde van de berekening:",
    { keepWithNext: 40 },
  );
  table(
    doc,
    [
      { header: "Opslag", width: 30 },
      { header: "Soort", width: 10 },
      { header: "Geldt voor", width: 22 },
      { header: "Verwijzing", width: 20 },
      { header: "Hoogte", width: 18, align: "right" },
    ],
    kader.surcharges.map((s) => [s.label, s.kind === "fixed" ? "vast" : "module", describeAppliesTo(s.appliesTo), s.ref ?? "–", describeAmount(s)]),
  );
  const fixed = kader.surcharges.filter((s): s is FixedSurcharge => s.kind === "fixed");
  if (fixed.length === 0) {
    paragraph(doc, "Dit kader kent geen vaste opslagen.");
    return;
  }
  if (fixed.some((s) => s.when)) {
    paragraph(
      doc,
      "Een voorwaarde noemt gegevens (feiten) van de aanbieder. „alle van” betekent dat elk genoemd onderdeel moet gelden, „een van” dat ten minste " +
        "één onderdeel moet gelden en „niet” dat het genoemde onderdeel niet mag gelden. Ontbreekt een gegeven bij de aanbieder, dan is een " +
        "vergelijking met dat gegeven niet vervuld.",
    );
  }
  for (const surcharge of fixed) renderFixed(doc, kader, surcharge);
}
