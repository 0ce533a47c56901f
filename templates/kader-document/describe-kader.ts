// The parts of a kader in Dutch words, for the kader document and for the web
// UI: where a surcharge applies, a module's scale and staffel, its basis, the
// previous-year rule. Pure: no pdfkit, no I/O.
import Decimal from "decimal.js";
import type { AppliesTo, FactDeclaration, Kader, Mapping, PointsSurcharge, Surcharge } from "../../scoring";
import { assessmentMethod } from "../../scoring/format/assessment";
import { formatNumber, formatPercent } from "../../scoring/format/nl";
import { sectorName } from "./describe-condition";

/** "a", "a en b", "a, b en c" (or "of"). */
export function joinDutch(items: readonly string[], last: "en" | "of" = "en"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

const COMPONENT_NAMES: Record<string, string> = {
  NHC: "normatieve huisvestingscomponent",
  NIC: "normatieve inventariscomponent",
};

/** "NHC (normatieve huisvestingscomponent)"; unknown codes as they are. */
export function describeComponent(code: string): string {
  const name = Object.hasOwn(COMPONENT_NAMES, code) ? COMPONENT_NAMES[code] : undefined;
  return name ? `${code} (${name})` : code;
}

export { sectorName };

/** Where a surcharge applies: "alle prestaties", "prestaties 5VV en 6VV", "sector V&V", both combined. */
export function describeAppliesTo(appliesTo: AppliesTo | undefined): string {
  const sectors = (appliesTo?.sectors ?? []).map(sectorName);
  const prestaties = appliesTo?.prestaties ?? [];
  const sectorText = sectors.length > 0 ? `${sectors.length === 1 ? "sector" : "sectoren"} ${joinDutch(sectors, "of")}` : "";
  if (prestaties.length === 0 && sectors.length === 0) return "alle prestaties";
  if (prestaties.length === 0) return `alle prestaties in ${sectorText}`;
  const prestatieText = `${prestaties.length === 1 ? "prestatie" : "prestaties"} ${joinDutch(prestaties)}`;
  return sectors.length === 0 ? prestatieText : `${prestatieText}, voor zover in ${sectorText}`;
}

/** The highest raw points a module can give: Σ weight × highest score on the scale. */
export function maxPoints(module: PointsSurcharge): string {
  let total = new Decimal(0);
  for (const c of module.criteria) total = total.plus(new Decimal(c.weight).times(c.scale.at(-1) ?? "0"));
  return total.isZero() ? "0" : total.toFixed();
}

/** The unit of a mapping's input: raw points, or the score relative to the best in the field. */
function inputWords(mapping: Mapping, value: string): string {
  if (mapping.basis === "relative") return `relatieve score ${formatNumber(value)}`;
  return `${formatNumber(value)} ${value === "1" ? "punt" : "punten"}`;
}

export type BandLine = { from: string; percent: string };

/** The staffel as lines: "minder dan 20 punten" → "0 %", "vanaf 20 punten" → "2 %", … */
export function bandLines(mapping: Mapping): BandLine[] {
  const bands = mapping.bands ?? [];
  const first = bands[0];
  const lines: BandLine[] = [];
  if (first && !new Decimal(first.from).lte(0)) lines.push({ from: `minder dan ${inputWords(mapping, first.from)}`, percent: formatPercent("0") });
  for (const band of bands) lines.push({ from: `vanaf ${inputWords(mapping, band.from)}`, percent: formatPercent(band.percent) });
  return lines;
}

/** The linear mapping in sentences, with its formula. */
export function describeLinear(mapping: Mapping, percentDecimals: number): string[] {
  const l = mapping.linear;
  if (!l) return [];
  const x = mapping.basis === "relative" ? "relatieve score" : "punten";
  return [
    `Onder ${inputWords(mapping, l.from)}: ${formatPercent("0")}.`,
    `Van ${inputWords(mapping, l.from)} (${formatPercent(l.fromPercent)}) tot ${inputWords(mapping, l.to)} (${formatPercent(l.toPercent)}) loopt de opslag naar rato op: ` +
      `opslag = ${formatNumber(l.fromPercent)} + (${x} − ${formatNumber(l.from)}) × (${formatNumber(l.toPercent)} − ${formatNumber(l.fromPercent)}) / (${formatNumber(l.to)} − ${formatNumber(l.from)}) procent, ` +
      `afgerond op ${percentDecimals} decimalen.`,
    `Boven ${inputWords(mapping, l.to)}: ${formatPercent(l.toPercent)}.`,
  ];
}

/** One sentence on what the mapping's input is. */
export function describeBasis(mapping: Mapping, percentDecimals: number): string {
  if (mapping.basis === "relative") {
    return (
      "Relatieve grondslag: de punten van de aanbieder worden uitgedrukt als percentage van de hoogste punten in het veld voor dezelfde module en doelgroep " +
      `(relatieve score = punten / beste punten × 100, afgerond op ${percentDecimals} decimalen); die relatieve score bepaalt de opslag.`
    );
  }
  return "Absolute grondslag: de punten van de aanbieder zelf bepalen de opslag, los van de scores van andere aanbieders.";
}

/** How high a surcharge can be: "2 %", or "0 % tot 6 %, naar punten". */
export function describeAmount(surcharge: Surcharge): string {
  if (surcharge.kind === "fixed") return formatPercent(surcharge.percent);
  const m = surcharge.mapping;
  const top = m.bands ? (m.bands.at(-1)?.percent ?? "0") : (m.linear?.toPercent ?? "0");
  return `${formatPercent("0")} tot ${formatPercent(top)}, naar punten`;
}

/** The previous-year rule in sentences; empty when the kader has none. */
export function describePreviousYear(kader: Kader): string[] {
  const rule = kader.previousYear;
  if (!rule) return [];
  const labels = new Map(kader.surcharges.map((s) => [s.id, s.label]));
  const over = rule.over.map((id) => `„${labels.get(id) ?? id}”`);
  const others = kader.surcharges.filter((s) => !rule.over.includes(s.id)).map((s) => `„${s.label}”`);
  const regular = over.length > 0 ? `het basistarief plus ${joinDutch(over)}` : "het basistarief";
  const sentences = [`Het reguliere percentage is ${regular}.`];
  if (rule.mode === "cap") {
    sentences.push(
      "Plafond: heeft de aanbieder een percentage van vorig jaar (q), dan wordt het reguliere percentage niet hoger dan q, maar ook niet lager dan het basistarief: " +
        "regulier = min(regulier, max(q, basistarief)).",
    );
  } else {
    sentences.push("Bodem: heeft de aanbieder een percentage van vorig jaar (q), dan wordt het reguliere percentage ten minste q: regulier = max(regulier, q).");
  }
  sentences.push("Zonder percentage van vorig jaar blijft het reguliere percentage ongewijzigd.");
  if (others.length > 0) sentences.push(`De overige opslagen (${joinDutch(others)}) vallen niet onder deze regel en komen daarna bovenop.`);
  return sentences;
}

// ---------------------------------------------------------------------------
// Facts and assessment (spec 1): what each fact means, who establishes it, and how plans are scored.

const FACT_SOURCE_WORDS: Record<FactDeclaration["source"], string> = {
  aanbieder: "de aanbieder verklaart het bij de inschrijving",
  zorgkantoor: "het zorgkantoor stelt het vast",
  register: "uit het register van zorgaanbieders",
};

const EVIDENCE_WORDS: Record<NonNullable<FactDeclaration["evidence"]>, string> = {
  required: "bewijsstuk verplicht",
  optional: "bewijsstuk mag",
  none: "geen bewijsstuk",
};

/** A fact's kind of value in words: "ja of nee", "een getal", "tekst", "een van: geen, brons, …". */
export function describeFactType(fact: FactDeclaration): string {
  switch (fact.type) {
    case "boolean":
      return "ja of nee";
    case "number":
      return "een getal";
    case "text":
      return "tekst";
    case "choice":
      return `een van: ${joinDutch(fact.options ?? [], "of")}`;
  }
}

/** Who establishes a fact, and whether evidence is asked: "de aanbieder verklaart het bij de inschrijving; bewijsstuk verplicht". */
export function describeFactSource(fact: FactDeclaration): string {
  const evidence = fact.evidence ?? "none";
  return `${FACT_SOURCE_WORDS[fact.source]}${fact.source === "aanbieder" || evidence !== "none" ? `; ${EVIDENCE_WORDS[evidence]}` : ""}`;
}

/** How the plans of the points modules are assessed, in one or two sentences. */
export function describeAssessment(kader: Pick<Kader, "assessment">): string {
  const { assessors, decides } = assessmentMethod(kader);
  const who = `Elk plan wordt beoordeeld door ten minste ${assessors === 1 ? "één beoordelaar" : `${assessors} onafhankelijke beoordelaars`}.`;
  return decides === "consensus"
    ? `${who} Zij stellen per criterium samen één score vast (consensus), met een motivering.`
    : `${who} De score per criterium is het gemiddelde van hun scores, afgerond op de dichtstbijzijnde waarde van de schaal (precies halverwege naar boven).`;
}
