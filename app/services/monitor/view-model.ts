// The tariff monitor's view model: what the page, the what-if and the PDF show, made from one
// engine computation (computeForProvider). Nothing here computes a tariff or a percentage: the
// lines, percentages, traces and the yearly total are the engine's. The only arithmetic is the
// waterfall's: each step's percentage applied to the line's negotiable part, in exact decimals,
// so that the chart's bars add up to the engine's tariff to the cent.
import { D, canonical, roundHalfUp, type Dec } from "../../../scoring/decimal";
import type { Fact, Kader, ResultLine, Tariff, TraceStep } from "../../../scoring";
import type { ComputationBasis, ProviderComputation } from "../tender/provider-result.server";
import { formatDateTime } from "../../lib/dates";
import type { FactOrigin } from "../tender/inputs.server";

export type TraceItem = { text: string; ref: string | null };
export const traceItems = (trace: readonly TraceStep[]): TraceItem[] => trace.map((s) => ({ text: s.text, ref: ("ref" in s && s.ref) || null }));

/** One bar of the waterfall: a step's effect in euros on the unit tariff. */
export type WaterfallBar = {
  label: string;
  kind: "start" | "up" | "down" | "total";
  /** Exact decimals (euros): the bar runs from `from` to `to`; `amount` = to − from. */
  from: string;
  to: string;
  amount: string;
  /** The step's percentage of the negotiable part, where it has one. */
  percent: string | null;
};

export type Waterfall = { maximum: string; bars: WaterfallBar[] };

export type MonitorLine = {
  prestatie: string;
  targetGroup: string | null;
  targetGroupLabel: string | null;
  percent: string;
  tariff: string;
  trace: TraceItem[];
  waterfall: Waterfall;
};

export type MonitorPrestatie = {
  code: string;
  label: string | null;
  unit: string | null;
  /** The registry's volume for the year, or null when it has none for this prestatie. */
  volume: string | null;
  /** tariff × volume on the regular line, rounded half-up to cents (the total is the engine's budget). */
  yearlyAmount: string | null;
  regular: MonitorLine;
  targetGroups: MonitorLine[];
};

export type FactView = {
  id: string;
  label: string;
  source: "aanbieder" | "zorgkantoor" | "register";
  ref: string | null;
  declared: string | null;
  established: { kind: "established" | "corrected" | "checked" | string; value: string; note: string | null } | null;
  used: string | null;
};

export type OpenItem = { text: string; action: { label: string; href: string } | null };

export type MonitorView = {
  provider: { agbCode: string; name: string };
  kader: { slug: string; title: string; year: number; version: number; closesAt: string };
  basis: ComputationBasis;
  /** The scoring run the figures come from, when they do. */
  run: { number: number; completedAt: string | null; resultSha256: string | null } | null;
  /** The phase in words, and a sentence on what it means. */
  phase: { title: string; text: string };
  scoresNote: string;
  submission: { version: number; receivedAt: string } | null;
  prestaties: MonitorPrestatie[];
  yearly: { total: string; volumes: true } | { volumes: false };
  facts: FactView[];
  open: OpenItem[];
  previousYearPercent: string | null;
};

const ROUNDED = 2;

function lineKey(prestatie: string, targetGroup: string | null): string {
  return `${prestatie}\u0000${targetGroup ?? ""}`;
}

function pointsLabels(kader: Kader): { groups: Map<string, string>; modules: Map<string, string> } {
  const groups = new Map<string, string>();
  const modules = new Map<string, string>();
  for (const s of kader.surcharges) {
    if (s.kind !== "points") continue;
    modules.set(s.id, s.label);
    for (const g of s.targetGroups ?? []) groups.set(g.id, g.label);
  }
  return { groups, modules };
}

/** The waterfall of one line from its trace: N, then b and each surcharge on V, the rules' corrections, the rounding, the tariff. */
export function waterfallOf(line: ResultLine): Waterfall {
  let maximum = "0";
  let negotiable: Dec = new D(0);
  let position: Dec = new D(0);
  const bars: WaterfallBar[] = [];
  const push = (label: string, delta: Dec, percent: string | null) => {
    const from = position;
    position = position.plus(delta);
    bars.push({ label, kind: delta.isNegative() ? "down" : "up", from: canonical(from), to: canonical(position), amount: canonical(delta), percent });
  };
  const onNegotiable = (percent: Dec) => negotiable.times(percent).dividedBy(100);
  for (const step of line.trace) {
    switch (step.step) {
      case "maximum":
        maximum = step.value;
        break;
      case "nonNegotiable": {
        negotiable = new D(step.negotiable);
        const codes = step.components.map((c) => c.code).join(", ");
        position = new D(step.value);
        bars.push({ label: codes ? `Niet-onderhandelbaar deel (${codes})` : "Niet-onderhandelbaar deel", kind: "start", from: "0", to: step.value, amount: step.value, percent: null });
        break;
      }
      case "baseRate":
        push("Basistarief", onNegotiable(new D(step.value)), step.value);
        break;
      case "surcharge":
        if (step.applied && !new D(step.value).isZero()) push(step.label, onNegotiable(new D(step.value)), step.value);
        break;
      case "previousYear": {
        const correction = new D(step.value).minus(step.regular);
        if (!correction.isZero()) push(`Vorig-jaarregel (${step.mode === "cap" ? "plafond" : "bodem"})`, onNegotiable(correction), canonical(correction));
        break;
      }
      case "cap":
        if (step.capped) {
          const correction = new D(step.value).minus(step.sum);
          push("Begrensd op het maximum", onNegotiable(correction), canonical(correction));
        }
        break;
      case "rounding": {
        const delta = new D(step.value).minus(position);
        if (!delta.isZero()) push("Afronding", delta, null);
        break;
      }
    }
  }
  bars.push({ label: "Tarief", kind: "total", from: "0", to: line.tariff, amount: line.tariff, percent: line.percent });
  return { maximum, bars };
}

const show = (v: Fact | undefined): string | null => (v === undefined || v === null ? null : v === true ? "ja" : v === false ? "nee" : /^-?\d+(\.\d+)?$/.test(v) ? v.replace(".", ",") : v);

function factView(f: FactOrigin): FactView {
  return {
    id: f.fact.id,
    label: f.fact.label,
    source: f.fact.source,
    ref: f.fact.ref ?? null,
    declared: show(f.declared),
    established: f.established ? { kind: f.established.kind, value: show(f.established.value) ?? "ontbreekt", note: f.established.note } : null,
    used: show(f.value),
  };
}

/** The engine's lines grouped per prestatie, each with its waterfall; the yearly amount from the registry's volumes. */
export function monitorPrestaties(kader: Kader, tariffs: readonly Tariff[], computation: Pick<ProviderComputation, "result" | "inputs">, options: { waterfalls?: boolean } = {}): MonitorPrestatie[] {
  const withWaterfalls = options.waterfalls ?? true;
  const { groups } = pointsLabels(kader);
  const tariff = new Map(tariffs.map((t) => [t.code, t]));
  const volumes = computation.inputs.providers[0]?.volumes ?? {};
  const byCode = new Map<string, MonitorPrestatie>();
  for (const l of computation.result.lines) {
    const line: MonitorLine = {
      prestatie: l.prestatie,
      targetGroup: l.targetGroup,
      targetGroupLabel: l.targetGroup === null ? null : (groups.get(l.targetGroup) ?? l.targetGroup),
      percent: l.percent,
      tariff: l.tariff,
      trace: traceItems(l.trace),
      // The what-if shows no chart: its lines skip the waterfall.
      waterfall: withWaterfalls ? waterfallOf(l) : { maximum: "0", bars: [] },
    };
    let p = byCode.get(l.prestatie);
    if (!p) {
      const t = tariff.get(l.prestatie);
      const volume = Object.prototype.hasOwnProperty.call(volumes, l.prestatie) ? volumes[l.prestatie]! : null;
      p = { code: l.prestatie, label: t?.label ?? null, unit: t?.unit ?? null, volume, yearlyAmount: null, regular: line, targetGroups: [] };
      byCode.set(l.prestatie, p);
    }
    if (l.targetGroup === null) {
      p.regular = line;
      p.yearlyAmount = p.volume === null ? null : roundHalfUp(new D(l.tariff).times(p.volume), ROUNDED).toFixed(ROUNDED);
    } else p.targetGroups.push(line);
  }
  return [...byCode.values()];
}

export type MonitorContext = {
  viewer: "provider" | "inkoper";
  kaderSlug: string;
  kaderTitle: string;
  year: number;
  versionNumber: number;
  closesAt: Date;
  now: Date;
  /** Whether the viewer may read the submission (the provider always; the inkoper after the opening). */
  withSubmissions: boolean;
};

/** Everything the monitor page and PDF show for one computation. */
export function monitorView(kader: Kader, tariffs: readonly Tariff[], computation: ProviderComputation, ctx: MonitorContext): MonitorView {
  const { provider, result } = computation;
  const own = ctx.viewer === "provider";
  const open = ctx.now.getTime() < ctx.closesAt.getTime();
  const prestaties = monitorPrestaties(kader, tariffs, computation);
  const budget = result.budget?.byProvider.find((b) => b.provider === provider.agbCode);
  const hasVolumes = Object.keys(computation.inputs.providers[0]?.volumes ?? {}).length > 0;
  const { modules, groups } = pointsLabels(kader);

  let phase: MonitorView["phase"];
  if (computation.basis === "run" && computation.run) {
    phase = {
      title: "Op basis van de vastgestelde scores",
      text: `De bedragen zijn die van scoringsronde ${computation.run.number}${computation.run.completedAt ? ` van ${formatDateTime(computation.run.completedAt)}` : ""}: ${own ? "uw" : "de"} inschrijving, wat het zorgkantoor heeft vastgesteld en de vastgestelde scores per criterium${computation.inputs.fieldBest ? ", met de hoogste punten van het veld zoals de ronde die vaststelde" : ""}.`,
    };
  } else if (computation.basis === "submission") {
    phase = {
      title: own ? "Op basis van uw inschrijving" : "Op basis van de inschrijving",
      text: `De bedragen rekenen met ${own ? "uw" : "de"} verklaringen uit inschrijving versie ${provider.submission!.version} en de gegevens uit het register, en met wat het zorgkantoor heeft vastgesteld.`,
    };
  } else if (!ctx.withSubmissions) {
    phase = {
      title: "Alleen registergegevens",
      text: "De inschrijvingen zijn nog niet geopend. Tot de opening ziet u van deze aanbieder alleen de berekening op basis van de registergegevens: verklaringen en plannen uit de inschrijving tellen hier niet mee, ook als de aanbieder al heeft ingeschreven.",
    };
  } else {
    phase = {
      title: own ? "Voorlopig: op basis van uw registergegevens" : "Voorlopig: op basis van de registergegevens",
      text: own
        ? "U heeft nog geen inschrijving ingediend. Alles wat u zelf verklaart ontbreekt nog, dus opslagen die daarvan afhangen zijn niet toegekend."
        : "Deze aanbieder heeft geen inschrijving ingediend (of heeft die ingetrokken). Verklaringen ontbreken, dus opslagen die daarvan afhangen zijn niet toegekend.",
    };
  }

  const scored = provider.assessments.length > 0;
  const scoresNote = computation.basis === "run"
    ? "De vastgestelde scores tellen mee: zie per module hieronder de punten en de opslag. Met de wat-als ziet u wat andere scores zouden opleveren."
    : scored
    ? "De beoordeling heeft scores vastgesteld. Die tellen mee zodra het zorgkantoor de scoringsrun maakt; tot dan staan de opslagen uit de modules hier nog niet in de bedragen."
    : "Opslagen uit de modules (punten) tellen pas mee na de beoordeling en de scoringsrun van het zorgkantoor; de vastgestelde scores verschijnen hier na de scoringsrun. Met de wat-als hieronder ziet u wat verwachte scores zouden opleveren.";

  const items: OpenItem[] = [];
  const inschrijving = { label: "Naar uw inschrijving", href: `/kaders/${ctx.kaderSlug}/inschrijving` };
  for (const f of provider.facts) {
    if (f.value !== undefined && f.value !== null) continue;
    if (f.fact.source === "aanbieder") {
      if (own) items.push({ text: `${f.fact.label}: nog niet verklaard. ${open ? "Dien uw inschrijving in met deze verklaring." : "De inschrijving is gesloten."}`, action: open ? inschrijving : null });
      else items.push({ text: `${f.fact.label}: ${ctx.withSubmissions ? "niet verklaard" : "verklaring niet zichtbaar voor de opening"}.`, action: null });
    } else if (f.fact.source === "zorgkantoor") items.push({ text: `${f.fact.label}: wordt door het zorgkantoor vastgesteld.`, action: null });
    else items.push({ text: `${f.fact.label}: komt uit het register en ontbreekt daar.`, action: null });
  }
  for (const plan of provider.plans) {
    const name = `${modules.get(plan.module) ?? plan.module}${plan.targetGroup ? ` — ${groups.get(plan.targetGroup) ?? plan.targetGroup}` : ""}`;
    const assessed = provider.assessments.some((a) => a.module === plan.module && (a.targetGroup ?? null) === plan.targetGroup);
    const state = computation.basis === "run" ? "beoordeeld; de vastgestelde scores tellen mee" : assessed ? "beoordeeld; telt mee na de scoringsrun" : "wordt beoordeeld";
    items.push({ text: `Plan voor ${name}: ${state}.`, action: null });
  }
  if (own && provider.plans.length === 0 && modules.size > 0 && open)
    items.push({ text: "U heeft (nog) geen plan ingediend voor een module. Een plan kan een opslag opleveren; zie de wat-als hieronder.", action: inschrijving });
  if (!hasVolumes) items.push({ text: `Er staan ${own ? "voor u " : ""}geen volumes in het register voor ${ctx.year}: het jaarbedrag is niet te berekenen.`, action: null });
  if (open && own && computation.basis === "submission") items.push({ text: "U kunt uw inschrijving tot de sluitingstijd wijzigen of intrekken.", action: inschrijving });

  return {
    provider: { agbCode: provider.agbCode, name: provider.name },
    kader: { slug: ctx.kaderSlug, title: ctx.kaderTitle, year: ctx.year, version: ctx.versionNumber, closesAt: ctx.closesAt.toISOString() },
    basis: computation.basis,
    run: computation.run ? { number: computation.run.number, completedAt: computation.run.completedAt?.toISOString() ?? null, resultSha256: computation.run.resultSha256 } : null,
    phase,
    scoresNote,
    submission: provider.submission ? { version: provider.submission.version, receivedAt: provider.submission.receivedAt.toISOString() } : null,
    prestaties,
    yearly: hasVolumes && budget ? { total: budget.total, volumes: true } : { volumes: false },
    facts: provider.facts.map(factView),
    open: items,
    previousYearPercent: provider.previousYearPercent,
  };
}

export { lineKey };
