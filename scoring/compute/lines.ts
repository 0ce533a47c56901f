// Spec 3 — the lines, and `computeTariffs`, which walks the rules in order.
//
// For each provider and each of its prestaties there is a regular line
// (target group null); for each assessment with a target group and each of the
// provider's prestaties that the module applies to, a target group line.
// A line's percentage: base rate (3.2) + the surcharges that apply (3.3),
// the previous-year rule (3.4), the cap (3.5); then the tariff (3.6).
//
// Fast without giving anything up: decimals are made once per computation, and
// whatever is equal is computed once and shared (steps are frozen):
//  - a tariff's maximum and non-negotiable part, for all its lines;
//  - tariffs with the same base rate and the same applicable surcharges form a
//    class: they get the same percentage;
//  - a fixed surcharge's outcome, for all providers with the same facts; a
//    module's outcome, for all assessments with the same points and knock-outs;
//  - a percentage (its steps from base rate to cap), for all providers with the
//    same outcomes and previous-year percentage;
//  - a tariff at a percentage (its rounding step and so the whole trace), for
//    all lines with both.
import { D, ZERO, canonical, type Dec } from "../decimal";
import { factsOfCondition, type FixedSurcharge, type Kader, type PointsSurcharge, type Surcharge } from "../format/kader";
import type { Fact, Inputs, Tariff } from "../format/inputs";
import { RESULT_FORMAT, type ModuleResult, type Result, type ResultLine } from "../format/result";
import type { PointsSurchargeStep, TraceStep } from "../trace/steps";
import { baseRates, type BaseRate } from "./base-rate";
import { addToBudget, budgetOf, type BudgetEntry } from "./budget";
import { capAtMaxPercent, tariffRounder, type RoundedTariff } from "./cap-and-rounding";
import { tariffParts, type TariffParts } from "./maximum";
import { bestPoints, compileModule, failedCriteria, moduleKey, moduleOutcome, moduleRefusal, rawPoints, scoreModule, type CompiledModule, type Knockout } from "./points";
import { previousYearRule } from "./previous-year";
import { appliesTo, fixedSurcharge, notApplicable, type Outcome } from "./surcharges";

export type ComputeOptions = {
  /** Only this provider's lines, modules and budget; relative `best` still uses every provider and `fieldBest`. */
  provider?: string;
};

/** An outcome shared by every provider and line it fits; `id` tells outcomes apart in cache keys. */
type Shared = Outcome & { id: number };

type CompiledSurcharge = {
  source: Surcharge;
  index: number;
  inOver: boolean;
  notApplicable: Shared;
  /** Fixed: the facts its condition reads, and its outcome per combination of their values. */
  facts?: string[];
  fixedOutcomes?: Map<string, Shared>;
  /** Points: the module, its refusals, and its outcome per target group, raw points and failed criteria. */
  module?: CompiledModule;
  noAssessment?: Shared;
  otherTargetGroup?: Shared;
  scored?: Map<string, { outcome: Shared & { step: PointsSurchargeStep }; points: string; input: string; knockout: Knockout }>;
};

/** Tariffs with the same base rate and the same applicable surcharges get the same percentage. */
type TariffClass = { index: number; baseRate: BaseRate; applies: boolean[]; size: number };
/** `slot`: the tariff's place within its class (percentages keep their priced lines per slot). */
type CompiledTariff = { tariff: Tariff; parts: TariffParts; tariffClass: TariffClass; slot: number; round: (p: Dec, text: string) => RoundedTariff };

/** A target group a provider was assessed for, with its module outcome and percentages per tariff class. */
type GroupSlot = { surcharge: CompiledSurcharge; id: string; outcome: Shared; percentages: (Percentage | undefined)[] };
/**
 * A percentage with its steps from base rate to cap and, per tariff of its class (by slot) once
 * asked, the rounded tariff and the whole trace shared by every line with this tariff and percentage.
 */
type Percentage = { value: Dec; text: string; template: TraceStep[]; rounded: (RoundedTariff | undefined)[]; traces: TraceStep[][] };

function remember<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

// Cache keys are JSON arrays of the inputs they stand for: texts may hold any character, so
// joining them with a separator could make two different inputs share one key.
const keyOf = (...parts: unknown[]) => JSON.stringify(parts);

export function computeTariffs(kader: Kader, inputs: Inputs, options: ComputeOptions = {}): Result {
  const decimals = kader.rounding.decimals;
  const maxPercent = new D(kader.maxPercent);
  const over = new Set(kader.previousYear?.over ?? []);
  const factLabels = new Map((kader.facts ?? []).map((f) => [f.id, f.label]));
  let nextId = 0;
  const share = <O extends Outcome>(outcome: O): O & { id: number } => ({ ...outcome, id: nextId++ });

  // Once per computation: the surcharges, `best` for relative modules, the tariffs and their classes.
  const surcharges: CompiledSurcharge[] = kader.surcharges.map((s, index) => {
    const compiled: CompiledSurcharge = { source: s, index, inOver: over.has(s.id), notApplicable: share(notApplicable(s)) };
    if (s.kind === "fixed") {
      compiled.facts = factsOfCondition(s.when);
      compiled.fixedOutcomes = new Map();
    } else {
      compiled.module = compileModule(s, kader.percentDecimals);
      compiled.scored = new Map();
      if (s.targetGroups) compiled.otherTargetGroup = share(moduleRefusal(s, "otherTargetGroup"));
      else compiled.noAssessment = share(moduleRefusal(s, "noAssessment"));
    }
    return compiled;
  });
  const byId = new Map(surcharges.map((s) => [s.source.id, s]));
  const groupModules = surcharges.filter((s) => s.source.kind === "points" && s.source.targetGroups);
  const best = bestPoints(
    surcharges.flatMap((s) => (s.module ? [s.module] : [])),
    inputs,
  );

  const baseRate = baseRates(kader);
  const classes = new Map<string, TariffClass>();
  const tariffs: CompiledTariff[] = inputs.tariffs.map((tariff) => {
    const parts = tariffParts(kader, tariff);
    const b = baseRate(tariff);
    const applies = surcharges.map((s) => appliesTo(s.source.appliesTo, tariff));
    const key = keyOf(b.step.source, b.step.key ?? null, applies);
    const tariffClass = remember(classes, key, () => ({ index: classes.size, baseRate: b, applies, size: 0 }));
    return { tariff, parts, tariffClass, slot: tariffClass.size++, round: tariffRounder(parts, decimals) };
  });

  // 3.3, per provider: a fixed surcharge depends only on the facts its condition reads.
  const fixedOutcome = (s: CompiledSurcharge, facts: Readonly<Record<string, Fact>>): Shared => {
    const key = keyOf(s.facts!.map((f) => (Object.hasOwn(facts, f) ? (facts[f] ?? null) : null)));
    return remember(s.fixedOutcomes!, key, () => share(fixedSurcharge(s.source as FixedSurcharge, facts, factLabels)));
  };
  // A module's outcome depends only on the target group, the raw points and any failed criteria (best is fixed per group).
  const moduleOutcomeFor = (s: CompiledSurcharge, group: string | null, scores: Readonly<Record<string, string>>) => {
    const module = s.module!;
    const points = rawPoints(module, scores);
    const failed = failedCriteria(module, scores);
    const key = keyOf(group, canonical(points), failed.map((f) => [f.criterion, f.score]));
    return remember(s.scored!, key, () => {
      const score = scoreModule(module, points, failed, best.get(moduleKey(module.source.id, group)));
      const outcome = share(moduleOutcome(module, score, group));
      // The module result's numbers, as in the step.
      return { outcome, points: outcome.step.points!, input: outcome.step.input!, knockout: score.knockout };
    });
  };

  // 3.4 and 3.5, shared: equal inputs give the same (frozen) step.
  const previousYearSteps = new Map<string, ReturnType<typeof previousYearRule>>();
  const capSteps = new Map<string, ReturnType<typeof capAtMaxPercent>>();
  const percentages = new Map<string, Percentage>();

  // The surcharges' part of a percentage does not depend on the provider's previous-year percentage.
  type Surcharged = { steps: TraceStep[]; other: Dec; listed: { id: string; label: string; value: Dec }[]; overKey: string };
  const surchargedParts = new Map<string, Surcharged>();
  const surcharged = (tariffClass: TariffClass, chosen: Shared[], key: string): Surcharged =>
    remember(surchargedParts, key, () => {
      const steps: TraceStep[] = [tariffClass.baseRate.step];
      let other = ZERO;
      for (const s of surcharges) {
        const outcome = chosen[s.index]!;
        steps.push(outcome.step);
        if (!s.inOver && !outcome.value.isZero()) other = other.plus(outcome.value);
      }
      const listed = (kader.previousYear?.over ?? []).map((id) => {
        const s = byId.get(id)!;
        return { id, label: s.source.label, value: chosen[s.index]!.value };
      });
      const overIds = (kader.previousYear?.over ?? []).map((id) => chosen[byId.get(id)!.index]!.id);
      return { steps, other, listed, overKey: keyOf(tariffClass.index, overIds) };
    });

  const linePercentage = (tariffClass: TariffClass, part: Surcharged, q: string | undefined): Percentage => {
    const b = tariffClass.baseRate;
    // 3.4: with a previous-year rule, regular = b + Σ over; without one everything is simply added.
    let regular = b.value;
    let previousYear: TraceStep | undefined;
    const rule = kader.previousYear;
    if (rule) {
      const applied = remember(previousYearSteps, keyOf(part.overKey, q ?? null), () =>
        previousYearRule(rule, b.value, part.listed, q === undefined ? undefined : new D(q)),
      );
      regular = applied.value;
      previousYear = applied.step;
    }
    const sum = regular.plus(part.other);
    const capped = remember(capSteps, canonical(sum), () => capAtMaxPercent(sum, maxPercent)); // 3.5
    // Slots 0 and 1 (maximum, non-negotiable part) and the last (rounding) belong to the tariff; filled per line.
    const template: TraceStep[] = [b.step, b.step, ...part.steps];
    if (previousYear) template.push(previousYear);
    template.push(capped.step, b.step);
    return { value: capped.value, text: capped.step.value, template, rounded: [], traces: [] };
  };

  // 3.6: the tariff at a percentage, and the full trace, shared (frozen) by all lines with both.
  const price = (t: CompiledTariff, p: Percentage): RoundedTariff => {
    const rounded = t.round(p.value, p.text);
    const trace = p.template.slice();
    trace[0] = t.parts.maximumStep;
    trace[1] = t.parts.nonNegotiableStep;
    trace[trace.length - 1] = rounded.step;
    p.traces[t.slot] = Object.freeze(trace) as TraceStep[];
    return (p.rounded[t.slot] = rounded);
  };

  const providers = (options.provider === undefined ? [...inputs.providers] : inputs.providers.filter((p) => p.id === options.provider)).sort(
    (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const lines: ResultLine[] = [];
  const modules: ModuleResult[] = [];
  const budget: BudgetEntry[] = [];
  const volumeDecimals = new Map<string, Dec>();
  const volume = (text: string) => remember(volumeDecimals, text, () => new D(text));

  for (const provider of providers) {
    const facts = provider.facts ?? {};
    const q = provider.previousYearPercent;
    const assessments = new Map((provider.assessments ?? []).map((a) => [moduleKey(a.module, a.targetGroup), a]));

    // Each surcharge's outcome for this provider on a regular line, and per target group for group modules.
    const outcomes: Shared[] = [];
    const groupOutcomes: Map<string, Shared>[] = [];
    for (const s of surcharges) {
      const source = s.source;
      if (source.kind === "fixed") {
        outcomes[s.index] = fixedOutcome(s, facts);
        continue;
      }
      const scored = new Map<string, Shared>();
      for (const group of source.targetGroups?.map((g) => g.id) ?? [null]) {
        const assessment = assessments.get(moduleKey(source.id, group));
        if (!assessment) continue;
        const { outcome, points, input, knockout } = moduleOutcomeFor(s, group, assessment.scores);
        scored.set(group ?? "", outcome);
        modules.push({ provider: provider.id, module: source.id, targetGroup: group, points, input, percent: outcome.step.value, knockout });
      }
      outcomes[s.index] = source.targetGroups ? s.otherTargetGroup! : (scored.get("") ?? s.noAssessment!);
      groupOutcomes[s.index] = scored;
    }

    // The percentage for a class of tariffs, on a regular line (no slot) or a target group line.
    const percentage = (tariffClass: TariffClass, slot: GroupSlot | null): Percentage => {
      const chosen: Shared[] = [];
      let key = String(tariffClass.index);
      for (const s of surcharges) {
        const outcome = !tariffClass.applies[s.index] ? s.notApplicable : slot && slot.surcharge === s ? slot.outcome : outcomes[s.index]!;
        chosen.push(outcome);
        key += "," + outcome.id;
      }
      return remember(percentages, keyOf(key, q ?? null), () => linePercentage(tariffClass, surcharged(tariffClass, chosen, key), q));
    };
    const line = (t: CompiledTariff, targetGroup: string | null, p: Percentage): Dec => {
      const rounded = p.rounded[t.slot] ?? price(t, p);
      lines.push({ provider: provider.id, prestatie: t.tariff.code, targetGroup, percent: p.text, tariff: rounded.text, trace: p.traces[t.slot]! });
      return rounded.tariff;
    };

    // The provider's target groups, in kader order; percentages per class, looked up by index.
    const slots: GroupSlot[] = [];
    for (const s of groupModules) {
      for (const g of (s.source as PointsSurcharge).targetGroups!) {
        const outcome = groupOutcomes[s.index]!.get(g.id);
        if (outcome) slots.push({ surcharge: s, id: g.id, outcome, percentages: [] });
      }
    }
    const regularPercentages: (Percentage | undefined)[] = [];
    const prestaties = provider.prestaties ? new Set(provider.prestaties) : undefined;
    const volumes = provider.volumes;
    let total = ZERO;
    for (const t of tariffs) {
      if (prestaties && !prestaties.has(t.tariff.code)) continue;
      const c = t.tariffClass;
      const tariff = line(t, null, (regularPercentages[c.index] ??= percentage(c, null)));
      if (volumes) total = addToBudget(total, tariff, volumes, t.tariff.code, volume);
      for (const slot of slots) {
        if (c.applies[slot.surcharge.index]) line(t, slot.id, (slot.percentages[c.index] ??= percentage(c, slot)));
      }
    }
    if (volumes) budget.push({ provider: provider.id, total });
  }

  const result: Result = { format: RESULT_FORMAT, kader: kader.id, lines, modules };
  const b = budgetOf(budget, decimals);
  if (b) result.budget = b;
  return result;
}
