// The words of an award decision (besluit voorlopige gunning), in one place for the PDF and the
// screen. Every number arrives in the view model as the stored scoring run gives it (decimal
// strings, trace texts rendered by the engine's renderer): nothing here computes a tariff or a
// score, it only formats and explains. Pure: no pdfkit, no Node built-ins, no app/ imports.
import { formatEuro, formatNumber, formatPercent } from "../../scoring/format/nl";
import { formatDocumentDate, formatDocumentDateTime } from "../layout/dates";

/** A line's build-up as the run's trace states it: the parts of its percentage, in order. */
export type LetterBuildUp = {
  baseRate: string;
  /** The surcharges applied on this line (percent ≠ 0), with the kader's reference. */
  surcharges: { label: string; percent: string; ref: string | null }[];
  /** The previous-year rule, when it changed the regular percentage. */
  previousYear: { mode: "cap" | "floor"; regular: string; result: string } | null;
  /** The cap at the maximum percentage, when it applied. */
  cap: { sum: string; maxPercent: string } | null;
};

export type LetterTariffLine = {
  prestatie: string;
  label: string | null;
  /** Null on a regular line; the target group's label on a target-group line. */
  targetGroup: string | null;
  percent: string;
  tariff: string;
  buildUp: LetterBuildUp;
};

export type LetterCriterion = {
  label: string;
  weight: string;
  score: string;
  maxScore: string;
  motivation: string;
  /** What was missing for the maximum; required below it (checked before a letter may go out). */
  missing: string | null;
};

export type LetterModule = {
  label: string;
  ref: string | null;
  targetGroup: string | null;
  basis: "absolute" | "relative";
  points: string;
  maxPoints: string;
  percent: string;
  /** The engine's knock-out reason in words, or null. */
  knockout: string | null;
  /** Relative scoring: the provider's place in the field and the field's best points. */
  rank: { position: number; of: number } | null;
  fieldBest: string | null;
  criteria: LetterCriterion[];
};

export type AwardLetterViewModel = {
  zorgkantoor: string;
  kader: { title: string; slug: string; year: number; version: number; contentHash: string };
  provider: { name: string; agb: string };
  /** The decision's reference, e.g. "zk1-vv-2027/73730001/1". */
  reference: string;
  /** concept: prepared, not yet sent (watermarked in the PDF); verzonden: as sent. */
  state: "concept" | "verzonden";
  /** The date of the letter: the sending time once sent, else the time it was prepared. */
  date: Date;
  decision: { contracted: true } | { contracted: false; reason: string };
  tariffs: LetterTariffLine[];
  /** Σ tariff × registered volume over the regular lines, as the run stored it; null without volumes. */
  yearlyAmount: string | null;
  modules: LetterModule[];
  run: { number: number; resultSha256: string; inputsSha256: string; engineVersion: string };
  /** Set once sent: the last day of the 20-day standstill and the exclusive end instant. */
  standstill: { lastDay: Date; endsAt: Date } | null;
  approval: { jurist: string; at: Date } | null;
  /** A corrected decision names the decision it replaces and why. */
  replaces: { reference: string; reason: string } | null;
};

export type LetterField = { label: string; value: string; mono?: boolean };
export type LetterSection = { title: string; paragraphs: string[] };

export type AwardLetterDescription = {
  title: string;
  conceptMark: string | null;
  fields: LetterField[];
  intro: string[];
  decisionTitle: string;
  decision: string[];
  tariffsTitle: string;
  tariffsIntro: string;
  /**
   * One row per tariff line; `buildUp` names the line's build-up ("Opbouw A"), listed once in
   * `buildUps`: most lines of a letter share one of a few build-ups, and a table that repeats the
   * same four lines of build-up on every row is long and hard to read.
   */
  tariffRows: { prestatie: string; targetGroup: string; buildUp: string; percent: string; tariff: string }[];
  /** The distinct build-ups of the tariff lines, in order of first use: "Opbouw A", "Opbouw B", … */
  buildUpsTitle: string;
  buildUps: LetterField[];
  /** How a percentage becomes a tariff, and where the step-by-step trace of every line is. */
  method: string[];
  yearlyAmount: string;
  assessmentTitle: string;
  assessmentIntro: string;
  modules: {
    heading: string;
    summary: string[];
    criteria: { label: string; weight: string; score: string; motivation: string; missing: string }[];
  }[];
  objectionTitle: string;
  objection: string[];
  verificationTitle: string;
  verification: LetterField[];
  verificationText: string;
  signOff: string[];
};

export const AWARD_LETTER_TITLE = "Besluit voorlopige gunning";

/** "94 % basistarief + 2 % Standaard opslag + 4 % Module complexe zorg; vorig-jaarregel (plafond): 96 % → 96 %". */
export function describeBuildUp(b: LetterBuildUp): string {
  const parts = [`${formatPercent(b.baseRate)} basistarief`, ...b.surcharges.map((s) => `${formatPercent(s.percent)} ${s.label}`)];
  let text = parts.join(" + ");
  if (b.previousYear)
    text += `; vorig-jaarregel (${b.previousYear.mode === "cap" ? "plafond" : "bodem"}): regulier ${formatPercent(b.previousYear.regular)} wordt ${formatPercent(b.previousYear.result)}`;
  if (b.cap) text += `; ${formatPercent(b.cap.sum)} begrensd op ${formatPercent(b.cap.maxPercent)}`;
  return text;
}

/** "Opbouw A" … "Opbouw Z", then "Opbouw AA", "Opbouw AB", … */
export function buildUpName(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Opbouw ${letters}`;
}

function moduleHeading(m: LetterModule): string {
  return m.targetGroup ? `${m.label}, doelgroep ${m.targetGroup}` : m.label;
}

function moduleSummary(m: LetterModule): string[] {
  const lines = [`Uw punten: ${formatNumber(m.points)} van de ${formatNumber(m.maxPoints)} (som van weging × score).`];
  if (m.knockout) lines.push(`Geen opslag: ${m.knockout}.`);
  else lines.push(`Opslag uit deze module: ${formatPercent(m.percent)}.`);
  if (m.basis === "relative") {
    lines.push(
      m.fieldBest === null
        ? "Relatieve beoordeling: uw punten worden afgezet tegen de hoogste punten in het veld."
        : `Relatieve beoordeling: de hoogste punten in het veld voor deze module en doelgroep zijn ${formatNumber(m.fieldBest)}; uw opslag volgt uit uw punten als percentage daarvan.`,
    );
    if (m.rank) lines.push(`Uw plaats in de rangorde: ${m.rank.position} van ${m.rank.of}.`);
  }
  return lines;
}

export function describeAwardLetter(vm: AwardLetterViewModel): AwardLetterDescription {
  const concept = vm.state === "concept";
  const fields: LetterField[] = [
    { label: "Kenmerk besluit", value: vm.reference, mono: true },
    { label: "Datum", value: formatDocumentDate(vm.date) },
    { label: "Zorgaanbieder", value: vm.provider.name },
    { label: "AGB-code", value: vm.provider.agb, mono: true },
    { label: "Inkoopkader", value: vm.kader.title },
    { label: "Jaar", value: String(vm.kader.year) },
    { label: "Kenmerk kader", value: vm.kader.slug, mono: true },
    { label: "Versie van het kader", value: `versie ${vm.kader.version}` },
  ];
  const intro = [
    `Geachte heer, mevrouw,`,
    `U heeft ingeschreven op het ${vm.kader.title} van ${vm.zorgkantoor}. De plannen van alle inschrijvers zijn beoordeeld volgens de criteria die in het kader vooraf zijn vastgelegd. ` +
      `In deze brief leest u ons besluit, uw tarieven en hoe die tot stand komen, en uw scores per criterium met de motivering.`,
  ];
  if (vm.replaces)
    intro.push(`Dit besluit vervangt het besluit met kenmerk ${vm.replaces.reference}. Reden: ${vm.replaces.reason}`);

  const decision = vm.decision.contracted
    ? [
        `${vm.zorgkantoor} is voornemens een overeenkomst met u te sluiten voor ${vm.kader.year} tegen de tarieven hieronder. ` +
          `Dit voornemen wordt definitief na afloop van de opschortende termijn, als er geen bezwaar is gemaakt dat tot een ander besluit leidt.`,
      ]
    : [`${vm.zorgkantoor} is voornemens geen overeenkomst met u te sluiten. Reden: ${vm.decision.reason}`];

  // Identical build-ups (the same words) share one name; the names follow the order of first use.
  const buildUpNames = new Map<string, string>();
  const tariffRows = vm.tariffs.map((l) => {
    const text = describeBuildUp(l.buildUp);
    let name = buildUpNames.get(text);
    if (name === undefined) buildUpNames.set(text, (name = buildUpName(buildUpNames.size)));
    return {
      prestatie: `${l.prestatie}${l.label ? ` (${l.label})` : ""}`,
      targetGroup: l.targetGroup ?? "–",
      buildUp: name,
      percent: formatPercent(l.percent),
      tariff: formatEuro(l.tariff),
    };
  });
  const buildUps: LetterField[] = [...buildUpNames].map(([text, name]) => ({ label: name, value: text }));
  const references = [...new Map(vm.tariffs.flatMap((l) => l.buildUp.surcharges.filter((x) => x.ref).map((x) => [x.label, x.ref!] as const))).entries()];
  const method = [
    "Het percentage is het basistarief plus de opslagen die u verdient, na de vorig-jaarregel en nooit meer dan het maximum. " +
      "Het tarief is het niet-onderhandelbare deel (NHC en NIC, altijd 100 %) plus het percentage van het onderhandelbare deel van het NZa-maximumtarief, één keer afgerond op centen.",
    ...(references.length > 0 ? [`Verwijzingen naar het kader: ${references.map(([label, ref]) => `${label}: ${ref}`).join("; ")}.`] : []),
    "De volledige opbouw van elke regel, stap voor stap met de bedragen, staat in uw tariefmonitor op het platform en in de verificatiebundel.",
  ];

  const modules = vm.modules.map((m) => ({
    heading: moduleHeading(m),
    summary: moduleSummary(m),
    criteria: m.criteria.map((c) => ({
      label: c.label,
      weight: formatNumber(c.weight),
      score: `${formatNumber(c.score)} van ${formatNumber(c.maxScore)}`,
      motivation: c.motivation,
      missing: c.score === c.maxScore ? "–" : (c.missing ?? "niet vermeld"),
    })),
  }));

  const objection = vm.standstill
    ? [
        `Bent u het niet eens met dit besluit, dan kunt u bezwaar maken tot en met ${formatDocumentDate(vm.standstill.lastDay)} (24:00 uur, Nederlandse tijd). ` +
          `Dat is de opschortende termijn van 20 kalenderdagen na verzending van dit besluit op ${formatDocumentDateTime(vm.date)}.`,
        "U maakt bezwaar op het platform Zorginkoop, bij dit besluit onder „Bezwaar maken”: beschrijf uw gronden en voeg zo nodig stukken toe. U ontvangt een ontvangstbevestiging. " +
          "Een jurist van het zorgkantoor behandelt uw bezwaar en stuurt u een gemotiveerd antwoord. Leidt het bezwaar tot een andere uitkomst, dan ontvangt u een nieuw besluit.",
        "Tijdens de opschortende termijn wordt er niet definitief gegund.",
      ]
    : ["Dit is een concept. De termijn voor bezwaar (20 kalenderdagen) begint pas als het besluit is verzonden; de einddatum staat dan in de verzonden brief."];

  const verification: LetterField[] = [
    { label: "Scoringsronde", value: `nummer ${vm.run.number}` },
    { label: "SHA-256 van de invoer", value: vm.run.inputsSha256, mono: true },
    { label: "SHA-256 van de uitkomst", value: vm.run.resultSha256, mono: true },
    { label: "Versie van de rekenkern", value: vm.run.engineVersion, mono: true },
    { label: "Inhoudshash van het kader", value: vm.kader.contentHash, mono: true },
  ];

  const signOff = vm.approval
    ? [`Dit besluit is juridisch getoetst door ${vm.approval.jurist} op ${formatDocumentDateTime(vm.approval.at)}.`, `Met vriendelijke groet,`, vm.zorgkantoor]
    : ["Dit besluit is nog niet juridisch getoetst en kan niet worden verzonden voordat een jurist het heeft goedgekeurd."];

  return {
    title: AWARD_LETTER_TITLE,
    conceptMark: concept ? "CONCEPT – niet verzonden" : null,
    fields,
    intro,
    decisionTitle: "Ons besluit",
    decision,
    tariffsTitle: "Uw tarieven",
    tariffsIntro:
      "Per prestatie (en doelgroep) de opbouw van het percentage, het percentage van het NZa-maximumtarief en het tarief. " +
      "De kolom Opbouw verwijst naar de opbouw onder de tabel (Opbouw A, B, …): regels met dezelfde opbouw delen die. " +
      "De tarieven komen uit de opgeslagen scoringsronde; u kunt ze narekenen (zie „Narekenen”).",
    tariffRows,
    buildUpsTitle: "Opbouw van de percentages",
    buildUps,
    method,
    yearlyAmount:
      vm.yearlyAmount === null
        ? "Er zijn geen verwachte volumes van u geregistreerd; daarom noemen wij geen jaarbedrag."
        : `Met uw geregistreerde verwachte volumes is het jaarbedrag op de reguliere tariefregels ${formatEuro(vm.yearlyAmount)}.`,
    assessmentTitle: "De beoordeling van uw plannen",
    assessmentIntro:
      vm.modules.length === 0
        ? "U heeft geen plan ingediend voor een module; er is dus niets beoordeeld."
        : "Per module (en doelgroep) uw score per criterium, met de motivering van de beoordelaars en, waar u niet het maximum kreeg, wat daarvoor ontbrak.",
    modules,
    objectionTitle: "Bezwaar en opschortende termijn",
    objection,
    verificationTitle: "Narekenen",
    verification,
    verificationText:
      "Deze brief is opgemaakt uit de opgeslagen scoringsronde hierboven. Met de verificatiebundel bij uw tariefmonitor rekent u uw tarieven zelf na met de open rekenkern; " +
      "de hashes hierboven identificeren precies de gegevens waarmee is gerekend.",
    signOff,
  };
}

/** A block of the letter on a page: the letter's title, a section heading, a module's heading or a paragraph. */
export type LetterBlock = { kind: "title" | "section" | "module" | "paragraph"; text: string };

/** The letter as blocks for a page: the same words as the PDF, in the same order, with its headings marked. */
export function awardLetterBlocks(vm: AwardLetterViewModel): LetterBlock[] {
  const d = describeAwardLetter(vm);
  const p = (text: string): LetterBlock => ({ kind: "paragraph", text });
  const section = (text: string): LetterBlock => ({ kind: "section", text });
  return [
    { kind: "title", text: d.title },
    ...(d.conceptMark ? [p(d.conceptMark)] : []),
    ...d.fields.map((f) => p(`${f.label}: ${f.value}`)),
    ...d.intro.map(p),
    section(d.decisionTitle),
    ...d.decision.map(p),
    section(d.tariffsTitle),
    p(d.tariffsIntro),
    ...d.tariffRows.map((r) => p(`${r.prestatie} · ${r.targetGroup} · ${r.buildUp} · ${r.percent} · ${r.tariff}`)),
    ...(d.buildUps.length > 0 ? [section(d.buildUpsTitle), ...d.buildUps.map((b) => p(`${b.label}: ${b.value}`))] : []),
    ...d.method.map(p),
    p(d.yearlyAmount),
    section(d.assessmentTitle),
    p(d.assessmentIntro),
    ...d.modules.flatMap((m) => [
      { kind: "module", text: m.heading } satisfies LetterBlock,
      ...m.summary.map(p),
      ...m.criteria.map((c) => p(`${c.label} · weging ${c.weight} · ${c.score} · ${c.motivation} · ontbrak: ${c.missing}`)),
    ]),
    section(d.objectionTitle),
    ...d.objection.map(p),
    section(d.verificationTitle),
    ...d.verification.map((f) => p(`${f.label}: ${f.value}`)),
    p(d.verificationText),
    ...d.signOff.map(p),
  ];
}

/** The letter as plain text lines: the same words as the PDF, in the same order. */
export function awardLetterLines(vm: AwardLetterViewModel): string[] {
  return awardLetterBlocks(vm).map((b) => b.text);
}
