// The budget impact of a kader for the registered providers of its regions: the
// contracteerruimte against the expected total (a) at base rate only and (b) with
// the surcharges under stated assumptions. Every tariff comes from the engine's
// `lines`; its `budget` counts regular lines only (Σ tariff × volume, spec 4). Target
// groups are included under a stated assumption: a share of the volume of the
// prestaties a module applies to is billed at that target group's line (when the
// provider is assumed assessed for it), the rest at the regular line. That sum, and
// the difference with the ceiling, are derived here, exactly, with one rounding.
import YAML from "yaml";
import { computeTariffs, parseInputs, type Inputs, type Issue, type Kader, type Result, type Tariff } from "../../../scoring";
import { D, canonical, divideHalfUp, roundHalfUp, type Dec } from "../../../scoring/decimal";
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
  type TargetGroupShare,
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
  /** The volume left at the regular tariff after the target groups' shares. */
  regularVolume: string;
  /** The target groups' parts of this prestatie's volume, at their lines' tariffs. */
  targetGroups: { targetGroup: string; label: string; share: string; volume: string; percent: string; tariff: string }[];
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
  /** The engine's own budget (regular lines only), as invoer.yaml reproduces it. */
  regularOnly: { total: string };
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
  for (const slot of scoreSlots(kader, { withTargetGroups: true })) lines.push(...slotAssumption(kader, assumptions, slot));
  if (assumptions.shares.length > 0) {
    lines.push(
      "Doelgroepen: het aandeel van een doelgroep geldt voor elke aanbieder gelijk en alleen voor de prestaties waarvoor de module geldt; een cliënt hoort bij hoogstens één doelgroep. Het overige volume krijgt het reguliere tarief.",
    );
  }
  return lines;
}

const nl = (decimal: string) => decimal.replace(".", ",");

/** The assumption for one module slot: its scores, and for a relative basis the field's best. */
function slotAssumption(kader: Kader, assumptions: BudgetAssumptions, slot: ReturnType<typeof scoreSlots>[number]): string[] {
  const name = slot.targetGroup === null ? slot.moduleLabel : `${slot.moduleLabel}, doelgroep ${slot.targetGroupLabel}`;
  const a = assumptions.assessments.find((x) => x.module === slot.module && x.targetGroup === slot.targetGroup);
  const out: string[] = [];
  if (slot.targetGroup !== null) {
    const share = assumptions.shares.find((x) => x.module === slot.module && x.targetGroup === slot.targetGroup)?.percent ?? "0";
    const module = kader.surcharges.find((s) => s.id === slot.module);
    const where = module?.appliesTo?.prestaties ? `de prestaties ${module.appliesTo.prestaties.join(", ")}` : "de prestaties waarvoor de module geldt";
    out.push(
      a
        ? `${name}: bij elke aanbieder hoort ${nl(share)} % van het volume van ${where} bij deze doelgroep en krijgt het doelgroeptarief; elke aanbieder scoort ${slot.criteria.map((c) => `${c.label} ${nl(a.scores[c.id]!)}`).join(", ")}.`
        : `${name}: geen beoordeling aangenomen; het aandeel van ${nl(share)} % krijgt het reguliere tarief.`,
    );
  } else if (!a) {
    return [`${name}: geen beoordeling aangenomen (geen opslag).`];
  } else {
    out.push(`${name}: elke aanbieder scoort ${slot.criteria.map((c) => `${c.label} ${nl(a.scores[c.id]!)}`).join(", ")}.`);
  }
  if (a && slot.basis === "relative") {
    const best = assumptions.fieldBest.find((f) => f.module === slot.module && f.targetGroup === slot.targetGroup);
    out.push(
      best
        ? `${name} (relatieve basis): beste score van het veld ${nl(best.points)} punten.`
        : `${name} (relatieve basis): iedereen scoort gelijk, dus elke aanbieder is de beste van het veld.`,
    );
  }
  return out;
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

  const decimals = kader.rounding.decimals;
  const zero = (0).toFixed(decimals);
  const regularTotal = result.budget?.total ?? zero;
  const baseTotal = baseResult.budget?.total ?? zero;
  const baseByProvider = new Map((baseResult.budget?.byProvider ?? []).map((b) => [b.provider, b.total]));
  const labels = new Map(tariffs.map((t) => [t.code, t.label ?? null]));
  const key = (provider: string, prestatie: string, group: string | null) => `${provider}\u0000${prestatie}\u0000${group ?? ""}`;
  const byKey = (r: Result) => new Map(r.lines.map((l) => [key(l.provider, l.prestatie, l.targetGroup), l]));
  const lines = byKey(result);
  const baseLines = byKey(baseResult);
  const groupLabels = new Map(kader.surcharges.flatMap((s) => (s.kind === "points" ? (s.targetGroups ?? []).map((g) => [g.id, g.label] as const) : [])));
  const shares: readonly TargetGroupShare[] = assumptions.shares.filter((s) => !new D(s.percent).isZero());

  // Σ volume × tariff, exactly: the regular line for what the target groups leave, each
  // target group's line for its share (only where the engine made that line: the module
  // applies to the prestatie and the provider is assumed assessed for the group).
  let exactTotal: Dec = new D(0);
  const providers: ProviderBudget[] = inputs.providers.map((p) => {
    let exact: Dec = new D(0);
    const budgetLines = (p.prestaties ?? []).map((code): BudgetLine => {
      const line = lines.get(key(p.id, code, null))!;
      const baseLine = baseLines.get(key(p.id, code, null))!;
      const volume = new D(p.volumes?.[code] ?? "0");
      let regularVolume = volume;
      const groups: BudgetLine["targetGroups"] = [];
      for (const share of shares) {
        const groupLine = lines.get(key(p.id, code, share.targetGroup));
        if (!groupLine) continue;
        const groupVolume = volume.times(share.percent).div(100); // exact: a division by 100
        regularVolume = regularVolume.minus(groupVolume);
        exact = exact.plus(groupVolume.times(groupLine.tariff));
        groups.push({ targetGroup: share.targetGroup, label: groupLabels.get(share.targetGroup) ?? share.targetGroup, share: share.percent, volume: canonical(groupVolume), percent: groupLine.percent, tariff: groupLine.tariff });
      }
      exact = exact.plus(regularVolume.times(line.tariff));
      return {
        prestatie: code,
        label: labels.get(code) ?? null,
        volume: canonical(volume),
        basePercent: baseLine.percent,
        baseTariff: baseLine.tariff,
        percent: line.percent,
        tariff: line.tariff,
        regularVolume: canonical(regularVolume),
        targetGroups: groups,
      };
    });
    exactTotal = exactTotal.plus(exact);
    return {
      id: p.id,
      name: p.name ?? p.id,
      previousYearPercent: p.previousYearPercent ?? null,
      baseTotal: baseByProvider.get(p.id) ?? zero,
      total: roundHalfUp(exact, decimals).toFixed(decimals),
      lines: budgetLines,
    };
  });
  const total = roundHalfUp(exactTotal, decimals).toFixed(decimals);

  return {
    ok: true,
    value: {
      ceiling,
      regularOnly: { total: regularTotal },
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
export function inputsYaml(impact: Pick<BudgetImpact, "inputs" | "assumptions" | "withSurcharges" | "regularOnly">, slug: string): string {
  const groups = impact.regularOnly.total !== impact.withSurcharges.total || impact.assumptions.some((a) => a.startsWith("Doelgroepen:"));
  const header = [
    `Invoer (zorginkoop.inputs/v1) van de budgetimpact met opslagen voor kader ${slug}.`,
    "Aanbieders: het register van de regio's van het kader, met hun volumes en percentage vorig jaar.",
    ...impact.assumptions,
    ...(groups
      ? [
          `Budget van de rekenkern (alle volume tegen de reguliere regels): ${impact.regularOnly.total}. Narekenen: npm run -s score -- kader.yaml invoer.yaml`,
          `Met de doelgroepen: ${impact.withSurcharges.total} = per aanbieder en prestatie (volume − Σ doelgroepvolume) × regulier tarief + Σ doelgroepvolume × tarief van de doelgroepregel, met doelgroepvolume = aandeel × volume; één afronding.`,
        ]
      : [`Verwacht totaal: ${impact.withSurcharges.total}. Narekenen: npm run -s score -- kader.yaml invoer.yaml`]),
  ];
  return header.map((l) => `# ${l}`).join("\n") + "\n" + YAML.stringify(inputsDocument(impact.inputs), { lineWidth: 0 });
}
