// The award decision (besluit voorlopige gunning) as a Dutch, tagged PDF. The words come from
// `describeAwardLetter` (shared with the screen); this module only lays them out. A letter is
// rendered from a view model built from the stored scoring run and the stored motivations: it
// never computes a number.
import { documentTitle, heading, keyValueList, note, paragraph, renderToBuffer, space, table, type Column, type Inline } from "./layout";
import { describeAwardLetter, type AwardLetterViewModel, type LetterField } from "./award-letter/describe-letter";

export type {
  AwardLetterDescription,
  AwardLetterViewModel,
  LetterCriterion,
  LetterField,
  LetterModule,
  LetterBuildUp,
  LetterTariffLine,
} from "./award-letter/describe-letter";
export { AWARD_LETTER_TITLE, awardLetterBlocks, awardLetterLines, describeAwardLetter, describeBuildUp, type LetterBlock } from "./award-letter/describe-letter";

export type AwardLetterOptions = {
  /** Fixed in tests and for the stored letter's hash; defaults to now. */
  creationDate?: Date;
  /** Default true; tests turn it off. */
  compress?: boolean;
};

const KEY_WIDTH = 150;
const BUILD_UP_KEY_WIDTH = 80;

// The build-up column names a build-up ("Opbouw A") listed under the table; "Percentage" fits its
// column on one line (at 0.12 it broke into "Percenta" and "ge").
const TARIFF_COLUMNS: Column[] = [
  { header: "Prestatie", width: 0.34 },
  { header: "Doelgroep", width: 0.2 },
  { header: "Opbouw", width: 0.15 },
  { header: "Percentage", width: 0.15, align: "right" },
  { header: "Tarief", width: 0.16, align: "right" },
];

const CRITERIA_COLUMNS: Column[] = [
  { header: "Criterium", width: 0.24 },
  { header: "Weging", width: 0.1, align: "right" },
  { header: "Score", width: 0.12, align: "right" },
  { header: "Motivering", width: 0.3 },
  { header: "Wat ontbrak voor het maximum", width: 0.24 },
];

function valueOf(field: LetterField): Inline {
  if (!field.mono) return field.value;
  // A SHA-256 in two halves of 32, so that it breaks at a fixed place, never mid-word by chance.
  const text = /^[0-9a-f]{64}$/.test(field.value) ? `${field.value.slice(0, 32)}\n${field.value.slice(32)}` : field.value;
  return [{ text, font: "mono" }];
}

export function buildAwardLetter(doc: PDFKit.PDFDocument, vm: AwardLetterViewModel): void {
  const d = describeAwardLetter(vm);
  documentTitle(doc, vm.zorgkantoor, d.title);
  if (d.conceptMark) note(doc, [{ text: d.conceptMark, font: "bold" }]);
  keyValueList(doc, d.fields.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: KEY_WIDTH });
  space(doc, 6);
  for (const text of d.intro) paragraph(doc, text);

  heading(doc, d.decisionTitle, 2);
  for (const text of d.decision) paragraph(doc, text);

  heading(doc, d.tariffsTitle, 2);
  paragraph(doc, d.tariffsIntro);
  table(doc, TARIFF_COLUMNS, d.tariffRows.map((r) => [r.prestatie, r.targetGroup, r.buildUp, r.percent, r.tariff]));
  if (d.buildUps.length > 0) {
    heading(doc, d.buildUpsTitle, 3);
    keyValueList(doc, d.buildUps.map((b) => ({ key: b.label, value: b.value })), { keyWidth: BUILD_UP_KEY_WIDTH });
  }
  paragraph(doc, d.yearlyAmount);
  for (const text of d.method) paragraph(doc, text);

  heading(doc, d.assessmentTitle, 2);
  paragraph(doc, d.assessmentIntro);
  for (const m of d.modules) {
    heading(doc, m.heading, 3);
    for (const text of m.summary) paragraph(doc, text);
    table(doc, CRITERIA_COLUMNS, m.criteria.map((c) => [c.label, c.weight, c.score, c.motivation, c.missing]));
  }

  heading(doc, d.objectionTitle, 2);
  for (const text of d.objection) paragraph(doc, text);

  heading(doc, d.verificationTitle, 2);
  keyValueList(doc, d.verification.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: KEY_WIDTH });
  paragraph(doc, d.verificationText);

  space(doc, 10);
  for (const text of d.signOff) paragraph(doc, text);
}

/** The letter as PDF bytes. */
export function renderAwardLetter(vm: AwardLetterViewModel, options: AwardLetterOptions = {}): Promise<Buffer> {
  const d = describeAwardLetter(vm);
  return renderToBuffer((doc) => buildAwardLetter(doc, vm), {
    title: `${d.title} ${vm.reference}`,
    subject: `${d.title} ${vm.kader.title}: ${vm.provider.name}`,
    keywords: ["gunning", "besluit", vm.kader.slug, vm.provider.agb],
    header: `${d.title} · ${vm.reference}${d.conceptMark ? " · CONCEPT" : ""}`,
    footer: `${vm.reference} · ${vm.provider.name} · scoringsronde ${vm.run.number}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
