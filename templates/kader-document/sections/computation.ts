// "Berekening": spec section 3 in six Dutch steps, with this kader's
// components, maximum and rounding filled in.
import { formatPercent } from "../../../scoring/format/nl";
import { bulletList, heading, numberedList, paragraph } from "../../layout";
import { joinDutch } from "../describe-kader";
import type { KaderDocumentViewModel } from "../view-model";

function halfCent(decimals: number): string {
  // "€ 0,005 wordt € 0,01" for two decimals.
  if (decimals === 0) return "€ 0,5 wordt € 1";
  return `€ 0,${"0".repeat(decimals)}5 wordt € 0,${"0".repeat(decimals - 1)}1`;
}

export function renderComputationSection(doc: PDFKit.PDFDocument, vm: KaderDocumentViewModel, title: string): void {
  const { kader } = vm;
  const components = kader.nonNegotiable.length > 0 ? joinDutch(kader.nonNegotiable) : "geen";
  const decimals = kader.rounding.decimals;
  heading(doc, title, 1);
  paragraph(
    doc,
    "Voor iedere aanbieder is er per prestatie een reguliere tariefregel. Voor iedere beoordeling van een module met doelgroepen is er daarnaast " +
      "een doelgroepregel voor elke prestatie van de aanbieder waarop de module van toepassing is. Het percentage en tarief van elke regel volgen uit deze stappen:",
    { keepWithNext: 40 },
  );
  const steps: [string, string][] = [
    [
      "Maximumtarief en onderhandelbaar deel.",
      `M is het NZa-maximumtarief van de prestatie, N de som van de niet-onderhandelbare componenten (${components}; ` +
      "een ontbrekende component telt als € 0,00). Het onderhandelbare deel is V = M − N.",
    ],
    ["Basistarief.", "b is het basistarief van de prestatie; is dat er niet, dan dat van haar sector; anders het standaard basistarief."],
    [
      "Opslagen.",
      "Van toepassing zijn: elke vaste opslag die voor de prestatie geldt en waarvan de voorwaarde vervuld is; elke module zonder doelgroepen " +
      "die voor de prestatie geldt en waarvoor de aanbieder is beoordeeld; op een doelgroepregel bovendien de module van die doelgroep. " +
      "Een module geeft 0 % bij een knock-out of onder de drempel, en anders het percentage uit de staffel of lineaire schaal.",
    ],
    [
      "Vorig jaar.",
      kader.previousYear
        ? "Het reguliere percentage (b plus de opslagen die onder de vorig-jaarregel vallen) wordt begrensd volgens de vorig-jaarregel " +
        `(${kader.previousYear.mode === "cap" ? "plafond" : "bodem"}) als de aanbieder een percentage van vorig jaar heeft. De overige opslagen komen daarna bovenop.`
        : "Dit kader kent geen vorig-jaarregel: het reguliere percentage (b plus de opslagen) blijft zoals het is.",
    ],
    ["Begrenzing.", `Het percentage p is het reguliere percentage plus de overige opslagen, maar nooit meer dan ${formatPercent(kader.maxPercent)}.`],
    ["Tarief.", `tarief = N + V × p / 100, één keer afgerond, aan het eind, op ${decimals} ${decimals === 1 ? "decimaal" : "decimalen"}.`],
  ];
  numberedList(
    doc,
    steps.map(([lead, text]) => [{ text: `${lead} `, font: "bold" as const }, { text }]),
  );
  heading(doc, "Afronding", 2);
  bulletList(doc, [
    "Alle bedragen en percentages worden exact decimaal berekend, nooit met afrondingsfouten van binaire getallen.",
    `Het tarief wordt alleen in stap 6 afgerond, op ${decimals} ${decimals === 1 ? "decimaal" : "decimalen"}, half-up: precies een half wordt van nul af afgerond (${halfCent(decimals)}).`,
    `Percentages uit een lineaire schaal en relatieve scores worden afgerond op ${kader.percentDecimals} decimalen, half-up.`,
  ]);
}
