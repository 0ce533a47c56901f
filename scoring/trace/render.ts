// The Dutch renderer: one short sentence per trace step, made only from the
// step's own fields, so screens and letters show exactly the computed numbers.
import type { Scalar } from "../format/kader";
import { formatEuro, formatNumber, formatPercent } from "../format/nl";
import type { ConditionCheck, MappingOutcome, PointsSurchargeStep, TraceStep } from "./steps";

const pct = (v: string) => formatPercent(v);
const eur = (v: string) => formatEuro(v);

// The same few amounts and percentages recur on thousands of lines (a tariff's
// N and V, a provider's p): remember their renderings, within a bounded memory.
function remembered(format: (v: string) => string): (v: string) => string {
  const memory = new Map<string, string>();
  return (v) => {
    let text = memory.get(v);
    if (text === undefined) {
      if (memory.size >= 10_000) memory.clear();
      text = format(v);
      memory.set(v, text);
    }
    return text;
  };
}
const recurringEur = remembered(eur);
const recurringPct = remembered(pct);
const points = (v: string) => `${formatNumber(v)} ${v === "1" ? "punt" : "punten"}`;

const OPERATOR_TEXT: Record<string, string> = { "==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥", in: "is een van" };

function scalar(v: Scalar): string {
  if (typeof v === "boolean") return v ? "ja" : "nee";
  return /^-?\d+(\.\d+)?$/.test(v) ? formatNumber(v) : v;
}

function check(c: ConditionCheck): string {
  const expected = Array.isArray(c.expected) ? c.expected.map(scalar).join(", ") : scalar(c.expected);
  // A declared fact reads by its label ("Plan van aanpak ingediend: ja"); an undeclared one by its id.
  if (c.label !== undefined) return `${c.label}: ${c.actual === null ? "ontbreekt" : scalar(c.actual)}, vereist ${OPERATOR_TEXT[c.op]} ${expected}`;
  const actual = c.actual === null ? "ontbreekt" : `is ${scalar(c.actual)}`;
  return `${c.fact} ${actual}, vereist ${OPERATOR_TEXT[c.op]} ${expected}`;
}

function mapping(m: MappingOutcome): string {
  if (m.type === "bands") return m.from === null ? `onder de eerste schijf (vanaf ${formatNumber(m.firstFrom)})` : `schijf vanaf ${formatNumber(m.from)}`;
  if (m.position === "below") return `onder het begin van de lineaire schaal (${formatNumber(m.from)})`;
  if (m.position === "above") return `boven het eind van de lineaire schaal (${formatNumber(m.to)})`;
  return `lineair van ${formatNumber(m.from)} (${pct(m.fromPercent)}) tot ${formatNumber(m.to)} (${pct(m.toPercent)})`;
}

function pointsText(s: PointsSurchargeStep): string {
  const head = `${s.label}: `;
  switch (s.reason) {
    case "notApplicable":
      return `${head}niet van toepassing op deze prestatie: ${pct(s.value)}`;
    case "noAssessment":
      return `${head}geen beoordeling: ${pct(s.value)}`;
    case "otherTargetGroup":
      return `${head}geldt alleen op regels voor de eigen doelgroepen: ${pct(s.value)}`;
    case "minScore": {
      const failed = (s.failed ?? []).map((f) => `${f.label} scoort ${formatNumber(f.score)}, onder de minimumscore ${formatNumber(f.minScore)}`);
      return `${head}knock-out, ${failed.join(" en ")}: ${pct(s.value)}`;
    }
    case "threshold":
      return `${head}${points(s.points ?? "0")}, onder de drempel van ${formatNumber(s.threshold ?? "0")}: ${pct(s.value)}`;
    default: {
      const relative = s.basis === "relative" ? `, relatief ${formatNumber(s.input ?? "0")} (beste ${points(s.best ?? "0")})` : "";
      const how = s.mapping ? `, ${mapping(s.mapping)}` : "";
      return `${head}${points(s.points ?? "0")}${relative}${how}: ${pct(s.value)}`;
    }
  }
}

/** The Dutch sentence for one step, e.g. "Module complexe zorg V&V: 30 punten, schijf vanaf 28: 4 %". */
export function renderTraceStep(step: TraceStep): string {
  switch (step.step) {
    case "maximum": {
      const name = step.label ? `${step.label} (${step.prestatie})` : step.prestatie;
      return `Maximumtarief NZa ${name}: ${eur(step.value)}${step.unit ? ` per ${step.unit}` : ""}`;
    }
    case "nonNegotiable": {
      if (step.components.length === 0) return `Geen niet-onderhandelbare componenten; onderhandelbaar deel: ${eur(step.negotiable)}`;
      const parts = step.components.map((c) => (c.amount === null ? `${c.code} ontbreekt, telt als ${eur("0")}` : `${c.code} ${eur(c.amount)}`));
      return `Niet-onderhandelbaar deel (${parts.join(" + ")}), altijd 100 %: ${eur(step.value)}; onderhandelbaar deel: ${eur(step.negotiable)}`;
    }
    case "baseRate":
      if (step.source === "prestatie") return `Basistarief voor prestatie ${step.key}: ${pct(step.value)}`;
      if (step.source === "sector") return `Basistarief voor sector ${step.key}: ${pct(step.value)}`;
      return `Basistarief: ${pct(step.value)}`;
    case "surcharge": {
      if (step.kind === "points") return pointsText(step);
      const head = `${step.label}: `;
      const checks = step.condition ? step.condition.checks.map(check).join("; ") : "";
      switch (step.reason) {
        case "notApplicable":
          return `${head}niet van toepassing op deze prestatie: ${pct(step.value)}`;
        case "factMissing":
        case "conditionFalse":
          return `${head}niet toegekend, voorwaarde niet vervuld (${checks}): ${pct(step.value)}`;
        default:
          return step.condition ? `${head}voorwaarde vervuld (${checks}): ${pct(step.value)}` : `${head}${pct(step.value)}`;
      }
    }
    case "previousYear": {
      const mode = step.mode === "cap" ? "plafond" : "bodem";
      const sum = [`basistarief ${pct(step.baseRate)}`, ...step.over.map((o) => `${o.label} ${pct(o.value)}`)].join(" + ");
      if (step.previousYearPercent === null) {
        return `Vorig-jaarregel (${mode}): ${sum} = ${pct(step.regular)}; geen percentage van vorig jaar bekend, dus ${pct(step.value)}`;
      }
      const q = step.previousYearPercent;
      const formula =
        step.mode === "cap"
          ? `min(${pct(step.regular)}, max(${pct(q)}, ${pct(step.baseRate)}))`
          : `max(${pct(step.regular)}, ${pct(q)})`;
      return `Vorig-jaarregel (${mode}): ${sum} = ${pct(step.regular)}; vorig jaar ${pct(q)}: ${formula} = ${pct(step.value)}`;
    }
    case "cap":
      return step.capped
        ? `Totaal ${pct(step.sum)}, begrensd op het maximum van ${pct(step.maxPercent)}: ${pct(step.value)}`
        : `Totaal: ${pct(step.value)} (maximum ${pct(step.maxPercent)})`;
    case "rounding": {
      const value = formatEuro(step.value, { decimals: step.decimals });
      const unrounded = step.exact === (step.value.includes(".") ? step.value.replace(/\.?0+$/, "") : step.value);
      const rounded = unrounded ? "" : ` = ${eur(step.exact)}, afgerond op ${step.decimals} decimalen`;
      return `Tarief: ${recurringEur(step.nonNegotiable)} + ${recurringPct(step.percent)} × ${recurringEur(step.negotiable)}${rounded} = ${value}`;
    }
  }
}

/** The Dutch sentences of a whole trace, in order. */
export function renderTrace(trace: readonly TraceStep[]): string[] {
  return trace.map(renderTraceStep);
}
