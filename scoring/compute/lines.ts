// Spec 3 — the lines, and `computeTariffs`, which walks the rules in order.
//
// For each provider and each of its prestaties there is a regular line
// (target group null); for each assessment with a target group and each of the
// provider's prestaties that the module applies to, a target group line.
// A line's percentage: base rate (3.2) + the surcharges that apply (3.3),
// the previous-year rule (3.4), the cap (3.5); then the tariff (3.6).
//
// Speed without losing anything: decimals are made once per computation;
// what depends only on the tariff (maximum, non-negotiable part) or only on the
// provider (its surcharge outcomes, module scores) is computed once and its
// frozen step shared by every line it belongs to; tariffs with the same base
// rate and the same applicable surcharges share the provider's percentage and
// its steps; and equal (tariff, percentage) pairs share one rounding.
import { D, ZERO, canonical, type Dec } from "../decimal";
import type { Kader, Surcharge } from "../format/kader";
import type { Inputs, Tariff } from "../format/inputs";
import { RESULT_FORMAT, type ModuleResult, type Result, type ResultLine } from "../format/result";
import type { TraceStep } from "../trace/steps";
import { baseRates, type BaseRate } from "./base-rate";
import { providerBudget, budgetOf, type BudgetEntry } from "./budget";
import { capAtMaxPercent, tariffRounder, type RoundedTariff } from "./cap-and-rounding";
import { tariffParts, type TariffParts } from "./maximum";
import { bestPoints, compileModule, moduleKey, moduleOutcome, moduleRefusal, scoreModule, type CompiledModule } from "./points";
import { previousYearRule } from "./previous-year";
import { appliesTo, fixedSurcharge, notApplicable, type Outcome } from "./surcharges";

export type ComputeOptions = {
  /** Only this provider's lines, modules and budget; relative `best` still uses every provider and `fieldBest`. */
  provider?: string;
};

type CompiledSurcharge = {
  source: Surcharge;
  index: number;
  inOver: boolean;
  notApplicable: Outcome;
  module?: CompiledModule;
  /** For a module without target groups: the provider has no assessment. */
  noAssessment?: Outcome;
  /** For a module with target groups: any line that is not one of its target-group lines. */
  otherTargetGroup?: Outcome;
};

/** Tariffs with the same base rate and the same applicable surcharges get the same percentage. */
type TariffClass = { index: number; baseRate: BaseRate; applies: boolean[] };
type CompiledTariff = { tariff: Tariff; parts: TariffParts; tariffClass: TariffClass; round: (p: Dec, text: string) => RoundedTariff };

/** A provider's percentage for a class of tariffs on one kind of line, with the steps from base rate to cap. */
type Percentage = { value: Dec; text: string; template: TraceStep[] };

export function computeTariffs(kader: Kader, inputs: Inputs, options: ComputeOptions = {}): Result {
  const decimals = kader.rounding.decimals;
  const maxPercent = new D(kader.maxPercent);
  const over = new Set(kader.previousYear?.over ?? []);

  const surcharges: CompiledSurcharge[] = kader.surcharges.map((s, index) => {
    const compiled: CompiledSurcharge = { source: s, index, inOver: over.has(s.id), notApplicable: notApplicable(s) };
    if (s.kind === "points") {
      compiled.module = compileModule(s, kader.percentDecimals);
      if (s.targetGroups) compiled.otherTargetGroup = moduleRefusal(s, "otherTargetGroup");
      else compiled.noAssessment = moduleRefusal(s, "noAssessment");
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
    const key = `${b.step.source}\u0000${b.step.key ?? ""}\u0000${applies.map(Number).join("")}`;
    let tariffClass = classes.get(key);
    if (!tariffClass) {
      tariffClass = { index: classes.size, baseRate: b, applies };
      classes.set(key, tariffClass);
    }
    return { tariff, parts, tariffClass, round: tariffRounder(parts, decimals) };
  });

  const providers = (options.provider === undefined ? [...inputs.providers] : inputs.providers.filter((p) => p.id === options.provider)).sort(
    (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const lines: ResultLine[] = [];
  const modules: ModuleResult[] = [];
  const budget: BudgetEntry[] = [];

  for (const provider of providers) {
    const facts = provider.facts ?? {};
    const q = provider.previousYearPercent === undefined ? undefined : new D(provider.previousYearPercent);
    const assessments = new Map((provider.assessments ?? []).map((a) => [moduleKey(a.module, a.targetGroup), a]));

    // 3.3 per provider: fixed surcharges' conditions and module scores do not depend on the prestatie.
    const outcomes: Outcome[] = [];
    const groupOutcomes: Map<string, Outcome>[] = [];
    for (const s of surcharges) {
      const source = s.source;
      if (source.kind === "fixed") {
        outcomes[s.index] = fixedSurcharge(source, facts);
        continue;
      }
      const module = s.module!;
      const groups = source.targetGroups?.map((g) => g.id) ?? [null];
      const scored = new Map<string, Outcome>();
      for (const group of groups) {
        const key = moduleKey(source.id, group);
        const assessment = assessments.get(key);
        if (!assessment) continue;
        const score = scoreModule(module, assessment.scores, best.get(key));
        scored.set(group ?? "", moduleOutcome(module, score, group));
        modules.push({
          provider: provider.id,
          module: source.id,
          targetGroup: group,
          points: canonical(score.points),
          input: canonical(score.input),
          percent: canonical(score.percent),
          knockout: score.knockout,
        });
      }
      outcomes[s.index] = source.targetGroups ? s.otherTargetGroup! : (scored.get("") ?? s.noAssessment!);
      groupOutcomes[s.index] = scored;
    }

    // Per class of tariffs: the regular lines' percentage; per class, module and group: a target group line's.
    const regularPercentages: (Percentage | undefined)[] = [];
    const groupPercentages = new Map<string, Percentage>();
    const percentage = (tariffClass: TariffClass, group: { surcharge: CompiledSurcharge; id: string } | null): Percentage => {
      if (!group) return (regularPercentages[tariffClass.index] ??= linePercentage(tariffClass, null));
      const key = `${tariffClass.index}\u0000${group.surcharge.index}\u0000${group.id}`;
      let found = groupPercentages.get(key);
      if (!found) {
        found = linePercentage(tariffClass, { index: group.surcharge.index, outcome: groupOutcomes[group.surcharge.index]!.get(group.id)! });
        groupPercentages.set(key, found);
      }
      return found;
    };

    const linePercentage = (tariffClass: TariffClass, group: { index: number; outcome: Outcome } | null): Percentage => {
      const b = tariffClass.baseRate;
      const steps: TraceStep[] = [b.step];
      const values: Dec[] = [];
      let other = ZERO;
      for (const s of surcharges) {
        const outcome = !tariffClass.applies[s.index]
          ? s.notApplicable
          : group && group.index === s.index
            ? group.outcome
            : outcomes[s.index]!;
        steps.push(outcome.step);
        values[s.index] = outcome.value;
        if (!s.inOver) other = other.plus(outcome.value);
      }
      // 3.4: with a previous-year rule, `regular` = b + Σ over; without one everything is simply added.
      let regular = b.value;
      const rule = kader.previousYear;
      if (rule) {
        const listed = rule.over.map((id) => {
          const s = byId.get(id)!;
          return { id, label: s.source.label, value: values[s.index]! };
        });
        const applied = previousYearRule(rule, b.value, listed, q);
        regular = applied.value;
        steps.push(applied.step);
      }
      const capped = capAtMaxPercent(regular.plus(other), maxPercent); // 3.5
      steps.push(capped.step);
      // Slots 0 and 1 (maximum, non-negotiable part) and the last (rounding) belong to the tariff.
      const template = [b.step, b.step, ...steps, b.step];
      return { value: capped.value, text: canonical(capped.value), template };
    };

    const own = provider.prestaties ? new Set(provider.prestaties) : undefined;
    const regularTariffs = new Map<string, Dec>();
    const line = (t: CompiledTariff, targetGroup: string | null, p: Percentage) => {
      const rounded = t.round(p.value, p.text); // 3.6
      // A copy of the percentage's template (maximum and rounding slots left empty), filled in.
      const trace = p.template.slice();
      trace[0] = t.parts.maximumStep;
      trace[1] = t.parts.nonNegotiableStep;
      trace[trace.length - 1] = rounded.step;
      lines.push({ provider: provider.id, prestatie: t.tariff.code, targetGroup, percent: p.text, tariff: rounded.text, trace });
      return rounded.tariff;
    };

    for (const t of tariffs) {
      if (own && !own.has(t.tariff.code)) continue;
      regularTariffs.set(t.tariff.code, line(t, null, percentage(t.tariffClass, null)));
      for (const s of groupModules) {
        if (!t.tariffClass.applies[s.index]) continue;
        const scored = groupOutcomes[s.index]!;
        for (const g of (s.source as Extract<Surcharge, { kind: "points" }>).targetGroups!) {
          if (scored.has(g.id)) line(t, g.id, percentage(t.tariffClass, { surcharge: s, id: g.id }));
        }
      }
    }
    if (provider.volumes) budget.push({ provider: provider.id, total: providerBudget(provider.volumes, regularTariffs) });
  }

  const result: Result = { format: RESULT_FORMAT, kader: kader.id, lines, modules };
  const b = budgetOf(budget, decimals);
  if (b) result.budget = b;
  return result;
}

