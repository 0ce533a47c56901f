// "Modules": each points module with its target groups, criteria (weight,
// scale, minimum score), threshold, basis and staffel or linear scale.
import type { PointsSurcharge } from "../../../scoring";
import { formatNumber } from "../../../scoring/format/nl";
import { bulletList, heading, keyValueList, paragraph, table, type KeyValue } from "../../layout";
import { leadIn } from "./lead-in";
import { bandLines, describeAppliesTo, describeBasis, describeLinear, maxPoints } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

const points = (v: string) => `${formatNumber(v)} ${v === "1" ? "punt" : "punten"}`;

function renderModule(doc: PDFKit.PDFDocument, module: PointsSurcharge, percentDecimals: number, previousYear: string | null): void {
  heading(doc, module.label, 2);
  const rows: KeyValue[] = [
    { key: "Verwijzing", value: module.ref ?? "geen verwijzing opgegeven" },
    { key: "Geldt voor", value: describeAppliesTo(module.appliesTo) },
    { key: "Punten", value: `som van weging × score over de criteria; ten hoogste ${points(maxPoints(module))}` },
    { key: "Drempel", value: module.threshold !== undefined ? `ten minste ${points(module.threshold)}; daaronder is de opslag 0 %` : "geen" },
  ];
  if (previousYear) rows.push({ key: "Vorig jaar", value: previousYear });
  keyValueList(doc, rows, { keyWidth: 110 });

  if (module.targetGroups && module.targetGroups.length > 0) {
    paragraph(doc, leadIn("Doelgroepen: de opslag geldt alleen op de tariefregels voor de doelgroep waarvoor de aanbieder is beoordeeld; elke doelgroep heeft een eigen beoordeling."), { spaceAfter: 3, keepWithNext: 16 });
    bulletList(doc, module.targetGroups.map((g) => g.label));
  } else {
    paragraph(doc, "Deze module heeft geen doelgroepen: de opslag geldt op de reguliere tariefregels van een aanbieder die voor de module is beoordeeld.");
  }

  heading(doc, "Criteria", 3);
  table(
    doc,
    [
      { header: "Criterium", width: 44 },
      { header: "Weging", width: 12, align: "right" },
      { header: "Schaal", width: 25 },
      { header: "Minimumscore", width: 19, align: "right" },
    ],
    module.criteria.map((c) => [c.label, formatNumber(c.weight), c.scale.map((s) => formatNumber(s)).join(", "), c.minScore !== undefined ? formatNumber(c.minScore) : "–"]),
  );
  const knockOuts = module.criteria.filter((c) => c.minScore !== undefined);
  if (knockOuts.length > 0) {
    paragraph(doc, leadIn("Knock-out: scoort de aanbieder op een criterium lager dan de minimumscore, dan is de opslag van deze module 0 %, ongeacht de andere scores."));
  }

  const mapping = module.mapping;
  paragraph(doc, leadIn(describeBasis(mapping, percentDecimals)));
  if (mapping.bands) {
    heading(doc, "Staffel", 3);
    table(
      doc,
      [
        { header: mapping.basis === "relative" ? "Relatieve score" : "Punten", width: 3 },
        { header: "Opslag", width: 1, align: "right" },
      ],
      bandLines(mapping).map((line) => [line.from, line.percent]),
      { width: 0.6 },
    );
    paragraph(doc, "De opslag is die van de hoogste schijf waarvan de ondergrens is bereikt.");
  } else if (mapping.linear) {
    heading(doc, "Lineaire schaal", 3);
    bulletList(doc, describeLinear(mapping, percentDecimals));
  }
}

export function renderModulesSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  const { kader } = vm;
  heading(doc, title, 1);
  const modules = kader.surcharges.filter((s): s is PointsSurcharge => s.kind === "points");
  if (modules.length === 0) {
    paragraph(doc, "Dit kader kent geen modules met punten.");
    return;
  }
  paragraph(
    doc,
    "Een module is een thema waarop aanbieders een plan indienen. Beoordelaars geven per criterium een score op de schaal; de punten van de " +
      "aanbieder zijn de som van weging × score. Uit de punten volgt de opslag van de module.",
  );
  for (const module of modules) {
    const rule = kader.previousYear;
    const previous = rule && rule.over.includes(module.id) ? `valt onder de vorig-jaarregel (${rule.mode === "cap" ? "plafond" : "bodem"})` : null;
    renderModule(doc, module, kader.percentDecimals, previous);
  }
}
