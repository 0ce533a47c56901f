// The budget impact of a kader for the registered providers of its regions: the
// contracteerruimte against the expected total (a) at base rate only and (b) with
// the surcharges under stated assumptions. Both totals and every tariff come from
// the engine's `budget` and `lines` (Σ tariff × volume over regular lines, spec 4);
// only the difference with the ceiling is derived here, from those totals.
import YAML from "yaml";
import { computeTariffs, parseInputs, type Inputs, type Issue, type Kader, type Result, type Tariff } from "../../../scoring";
import { D, canonical, divideHalfUp } from "../../../scoring/decimal";
import type { Db } from "../../../db/client.server";
import { registeredProviders } from "../registry.server";
import type { KaderRow } from "./access.server";
import {
  baseOnlyInputs,
  baseOnlyKader,
  buildBudgetInputs,
  kaderFacts,
  scoreSlots,
  type BudgetAssumptions,
  type LeftOut,
  type RegistryProvider,
} from "./inputs-builder.server";
import { kaderRegionIds } from "./store.server";

/** Total minus ceiling (positive: above the contracteerruimte) and that as a percentage of the ceiling (1 decimal, half-up). */
export type CeilingDifference = { amount: string; percent: string | null };

export function ceilingDifference(total: string, ceiling: string | null): CeilingDifference | null {
  if (ceiling === null) return null;
  const amount = new D(total).minus(ceiling);
  const c = new D(ceiling);
  return { amount: amount.toFixed(2), percent: c.isZero() ? null : divideHalfUp(amount.times(100), c, 1).toFixed(1) };
}

export type BudgetLine = {
  prestatie: string;
  label: string | null;
  volume: string;
  basePercent: string;
  baseTariff: string;
  percent: string;
  tariff: string;
};

export type ProviderBudget = {
  id: string;
  name: string;
  previousYearPercent: string | null;
  baseTotal: string;
  total: string;
  lines: BudgetLine[];
};

export type BudgetImpact = {
  ceiling: string | null;
  base: { total: string; difference: CeilingDifference | null };
  withSurcharges: { total: string; difference: CeilingDifference | null };
  providers: ProviderBudget[];
  leftOut: LeftOut[];
  droppedVolumes: LeftOut[];
  /** The assumptions in words, for the page and the invoer.yaml header. */
  assumptions: string[];
  /** Scenario (b): the exact inputs document and the engine's result. */
  inputs: Inputs;
  result: Result;
  /** Scenario (a): the kader without surcharges and its result. */
  baseKader: Kader;
  baseResult: Result;
};

export type BudgetOutcome = { ok: true; value: BudgetImpact } | { ok: false; issues: Issue[] };

const yesNo = (v: boolean | string) => (v === true ? "waar" : v === false ? "onwaar" : `“${v}”`);

/** The scenario's assumptions as Dutch sentences. */
export function describeAssumptions(kader: Kader, assumptions: BudgetAssumptions): string[] {
  const lines: string[] = [];
  const facts = kaderFacts(kader);
  if (facts.length > 0) {
    const parts = facts.map((f) => `${f.name} ${Object.hasOwn(assumptions.facts, f.name) ? yesNo(assumptions.facts[f.name]!) : "ontbreekt"}`);
    lines.push(`Feiten, voor elke aanbieder gelijk: ${parts.join("; ")}.`);
  }
  for (const slot of scoreSlots(kader, { withTargetGroups: false })) {
    const a = assumptions.assessments.find((x) => x.module === slot.module);
    if (!a) {
      lines.push(`${slot.moduleLabel}: geen beoordeling aangenomen (geen opslag).`);
      continue;
    }
    const scores = slot.criteria.map((c) => `${c.label} ${a.scores[c.id]!.replace(".", ",")}`).join(", ");
    lines.push(`${slot.moduleLabel}: elke aanbieder scoort ${scores}.`);
    if (slot.basis === "relative") {
      const best = assumptions.fieldBest.find((f) => f.module === slot.module);
      lines.push(
        best
          ? `${slot.moduleLabel} (relatieve basis): beste score van het veld ${best.points.replace(".", ",")} punten.`
          : `${slot.moduleLabel} (relatieve basis): iedereen scoort gelijk, dus elke aanbieder is de beste van het veld.`,
      );
    }
  }
  const groupModules = kader.surcharges.filter((s) => s.kind === "points" && s.targetGroups);
  if (groupModules.length > 0) {
    lines.push(`Doelgroepmodules (${groupModules.map((s) => s.label).join(", ")}) tellen niet mee: het budget telt alleen de reguliere regels.`);
  }
  return lines;
}

/**
 * Computes both scenarios for the given registry providers with the engine. The inputs of
 * scenario (b) are checked against the kader first; a problem comes back as issues, never as
 * a partial budget.
 */
export function computeBudgetImpact(
  kader: Kader,
  tariffs: readonly Tariff[],
  registry: readonly RegistryProvider[],
  assumptions: BudgetAssumptions,
  ceiling: string | null,
): BudgetOutcome {
  const built = buildBudgetInputs(kader, tariffs, registry, assumptions);
  const parsed = parseInputs(built.inputs, kader);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const inputs = parsed.value;
  const result = computeTariffs(kader, inputs);

  const baseKader = baseOnlyKader(kader);
  const baseParsed = parseInputs(baseOnlyInputs(inputs), baseKader);
  if (!baseParsed.ok) return { ok: false, issues: baseParsed.issues };
  const baseResult = computeTariffs(baseKader, baseParsed.value);

  const zero = (0).toFixed(kader.rounding.decimals);
  const total = result.budget?.total ?? zero;
  const baseTotal = baseResult.budget?.total ?? zero;
  const byProvider = new Map((result.budget?.byProvider ?? []).map((b) => [b.provider, b.total]));
  const baseByProvider = new Map((baseResult.budget?.byProvider ?? []).map((b) => [b.provider, b.total]));
  const labels = new Map(tariffs.map((t) => [t.code, t.label ?? null]));
  const regular = (r: Result) => new Map(r.lines.filter((l) => l.targetGroup === null).map((l) => [`${l.provider}\u0000${l.prestatie}`, l]));
  const lines = regular(result);
  const baseLines = regular(baseResult);

  const providers: ProviderBudget[] = inputs.providers.map((p) => ({
    id: p.id,
    name: p.name ?? p.id,
    previousYearPercent: p.previousYearPercent ?? null,
    baseTotal: baseByProvider.get(p.id) ?? zero,
    total: byProvider.get(p.id) ?? zero,
    lines: (p.prestaties ?? []).map((code) => {
      const line = lines.get(`${p.id}\u0000${code}`)!;
      const baseLine = baseLines.get(`${p.id}\u0000${code}`)!;
      return {
        prestatie: code,
        label: labels.get(code) ?? null,
        volume: p.volumes?.[code] ?? "0",
        basePercent: baseLine.percent,
        baseTariff: baseLine.tariff,
        percent: line.percent,
        tariff: line.tariff,
      };
    }),
  }));

  return {
    ok: true,
    value: {
      ceiling,
      base: { total: baseTotal, difference: ceilingDifference(baseTotal, ceiling) },
      withSurcharges: { total, difference: ceilingDifference(total, ceiling) },
      providers,
      leftOut: built.leftOut,
      droppedVolumes: built.droppedVolumes,
      assumptions: describeAssumptions(kader, assumptions),
      inputs,
      result,
      baseKader,
      baseResult,
    },
  };
}

/** The registered providers of the kader's regions, with their data for the kader's year. */
export function registryForKader(db: Db, row: KaderRow): RegistryProvider[] {
  return registeredProviders(db, { zorgkantoorId: row.zorgkantoorId, year: row.year, regionIds: kaderRegionIds(db, row.id) }).map((p) => ({
    agbCode: p.agbCode,
    name: p.name,
    volumes: p.volumes,
    previousYearPercent: p.previousYearPercent,
  }));
}

/** The budget impact of a validated kader, for its regions' registered providers and its contracteerruimte. */
export function loadBudgetImpact(db: Db, row: KaderRow, kader: Kader, tariffs: readonly Tariff[], assumptions: BudgetAssumptions): BudgetOutcome {
  return computeBudgetImpact(kader, tariffs, registryForKader(db, row), assumptions, row.budgetCeiling);
}

// ---------------------------------------------------------------------------
// invoer.yaml

/** A decimal string as a YAML number when that reads back as exactly the same decimal; else as a string. */
function number(value: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && canonical(new D(n)) === value ? n : value;
}
const numbers = (record: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, number(v)]));

/** The inputs as document data: decimals as numbers where that is exact; facts exactly as given. */
export function inputsDocument(inputs: Inputs): Record<string, unknown> {
  return {
    format: inputs.format,
    kader: inputs.kader,
    tariffs: inputs.tariffs.map((t) => ({ ...t, max: number(t.max), ...(t.components && { components: numbers(t.components) }) })),
    providers: inputs.providers.map((p) => ({
      ...p,
      ...(p.previousYearPercent !== undefined && { previousYearPercent: number(p.previousYearPercent) }),
      ...(p.assessments && { assessments: p.assessments.map((a) => ({ ...a, scores: numbers(a.scores) })) }),
      ...(p.volumes && { volumes: numbers(p.volumes) }),
    })),
    ...(inputs.fieldBest && { fieldBest: inputs.fieldBest.map((f) => ({ ...f, points: number(f.points) })) }),
  };
}

/** invoer.yaml: the exact inputs of scenario (b), with the assumptions and the command that reproduces the budget as comments. */
export function inputsYaml(impact: Pick<BudgetImpact, "inputs" | "assumptions" | "withSurcharges">, slug: string): string {
  const header = [
    `Invoer (zorginkoop.inputs/v1) van de budgetimpact met opslagen voor kader ${slug}.`,
    "Aanbieders: het register van de regio's van het kader, met hun volumes en percentage vorig jaar.",
    ...impact.assumptions,
    `Verwacht totaal: ${impact.withSurcharges.total}. Narekenen: npm run -s score -- kader.yaml invoer.yaml`,
  ];
  return header.map((l) => `# ${l}`).join("\n") + "\n" + YAML.stringify(inputsDocument(impact.inputs), { lineWidth: 0 });
}
