// "Preview while editing": the what-if for one example provider and the budget
// impact, both computed by the engine on the validated draft. The page renders
// this view model and never recomputes: percentages, tariffs, totals and the
// trace sentences all come from the engine's result.
import { computeTariffs, parseInputs, type Issue, type Kader, type ModuleResult, type Result, type Tariff, type TraceStep } from "../../../scoring";
import type { Db } from "../../../db/client.server";
import type { FieldErrors } from "../../lib/forms";
import { issuesToDutch, type DutchIssue } from "../../lib/kader-issues-nl";
import { tariffsForScoring } from "../tariff-tables.server";
import type { KaderRow } from "./access.server";
import { loadBudgetImpact, type BudgetImpact } from "./budget.server";
import {
  EXAMPLE_PROVIDER_ID,
  FACT_TYPE_LABEL,
  FACT_TYPES,
  PARAM,
  buildExampleInputs,
  fieldBestParam,
  scoreParam,
  shareParam,
  kaderFacts,
  parsePreviewParams,
  scoreSlots,
  type BudgetAssumptions,
  type FactType,
  type KaderFact,
  type ParsedPreviewParams,
  type PreviewForm,
  type ScoreSlot,
  type WhatIfInput,
} from "./inputs-builder.server";
import { validateDraft } from "./store.server";

export type PreviewKader =
  | { state: "noTariffTable" }
  | { state: "invalid"; issues: Issue[] }
  | { state: "ok"; kader: Kader; tariffs: Tariff[] };

/** The kader the preview uses: the validated draft with its tariff table. */
export function loadPreviewKader(db: Db, row: KaderRow): PreviewKader {
  if (row.tariffTableId === null) return { state: "noTariffTable" };
  const { kader, issues } = validateDraft(db, row.draft, row.tariffTableId);
  if (!kader) return { state: "invalid", issues };
  const tariffs = tariffsForScoring(row.tariffTableId, db);
  if (tariffs.length === 0) return { state: "noTariffTable" };
  return { state: "ok", kader, tariffs };
}

export type TraceItem = { text: string; ref: string | null };
export const traceItems = (trace: readonly TraceStep[]): TraceItem[] => trace.map((s) => ({ text: s.text, ref: ("ref" in s && s.ref) || null }));

export type WhatIfLine = {
  prestatie: string;
  label: string | null;
  unit: string | null;
  targetGroup: string | null;
  targetGroupLabel: string | null;
  percent: string;
  tariff: string;
  trace: TraceItem[];
};

export type WhatIfModule = ModuleResult & { moduleLabel: string; targetGroupLabel: string | null; basis: "absolute" | "relative"; fieldBestGiven: boolean };

export type WhatIf = { ok: true; lines: WhatIfLine[]; modules: WhatIfModule[] } | { ok: false; issues: DutchIssue[] };

/** The engine's issues in Dutch, surcharges named by their label (the engine speaks English; the page never does). */
export function dutchPreviewIssues(issues: readonly Issue[], draft: unknown): DutchIssue[] {
  const surcharges = (draft as { surcharges?: unknown } | null)?.surcharges;
  const names = Array.isArray(surcharges)
    ? surcharges.map((s) => {
        const o = s as { label?: unknown; id?: unknown } | null;
        return typeof o?.label === "string" && o.label !== "" ? o.label : typeof o?.id === "string" && o.id !== "" ? o.id : undefined;
      })
    : [];
  return issuesToDutch(issues, { surcharges: names });
}

/** Computes the example provider's lines with the engine and keeps what the page shows. */
export function computeWhatIf(kader: Kader, tariffs: readonly Tariff[], w: WhatIfInput): WhatIf & { result?: Result } {
  const parsed = parseInputs(buildExampleInputs(kader, tariffs, w), kader);
  if (!parsed.ok) return { ok: false, issues: dutchPreviewIssues(parsed.issues, kader) };
  const result = computeTariffs(kader, parsed.value, { provider: EXAMPLE_PROVIDER_ID });
  const tariff = new Map(tariffs.map((t) => [t.code, t]));
  const groupLabel = new Map<string, string>();
  const modules = new Map<string, { label: string; basis: "absolute" | "relative" }>();
  for (const s of kader.surcharges) {
    if (s.kind !== "points") continue;
    modules.set(s.id, { label: s.label, basis: s.mapping.basis });
    for (const g of s.targetGroups ?? []) groupLabel.set(g.id, g.label);
  }
  return {
    ok: true,
    result,
    lines: result.lines.map((l) => ({
      prestatie: l.prestatie,
      label: tariff.get(l.prestatie)?.label ?? null,
      unit: tariff.get(l.prestatie)?.unit ?? null,
      targetGroup: l.targetGroup,
      targetGroupLabel: l.targetGroup === null ? null : (groupLabel.get(l.targetGroup) ?? l.targetGroup),
      percent: l.percent,
      tariff: l.tariff,
      trace: traceItems(l.trace),
    })),
    modules: result.modules.map((m) => ({
      ...m,
      moduleLabel: modules.get(m.module)?.label ?? m.module,
      targetGroupLabel: m.targetGroup === null ? null : (groupLabel.get(m.targetGroup) ?? m.targetGroup),
      basis: modules.get(m.module)?.basis ?? "absolute",
      fieldBestGiven: w.fieldBest.some((f) => f.module === m.module && f.targetGroup === m.targetGroup),
    })),
  };
}

/** A score slot as the form renders it: the parameter names come from here, so the page needs no server module. */
export type SlotView = Omit<ScoreSlot, "criteria"> & {
  criteria: (ScoreSlot["criteria"][number] & { param: string })[];
  /** Relative basis only: the parameter of the field's best points. */
  fieldBestParam: string | null;
  /** Budget, target groups only: the parameter of the group's share of the volume. */
  shareParam: string | null;
};

function slotViews(slots: ScoreSlot[], prefix: "s" | "bs"): SlotView[] {
  return slots.map((slot) => ({
    ...slot,
    criteria: slot.criteria.map((c) => ({ ...c, param: scoreParam(prefix, slot, c.id) })),
    fieldBestParam: slot.basis === "relative" ? fieldBestParam(prefix === "s" ? "fb" : "bfb", slot) : null,
    shareParam: prefix === "bs" && slot.targetGroup !== null ? shareParam(slot) : null,
  }));
}

export type BudgetView =
  | { ok: true; impact: Omit<BudgetImpact, "inputs" | "result" | "baseKader" | "baseResult"> }
  | { ok: false; errors: FieldErrors }
  | { ok: false; issues: DutchIssue[] };

export type PreviewPage =
  | { state: "noTariffTable" }
  | { state: "invalid"; issues: DutchIssue[] }
  | {
      state: "ok";
      form: PreviewForm;
      tariffs: { code: string; label: string | null; sector: string }[];
      names: typeof PARAM;
      factTypes: { value: FactType; label: string }[];
      facts: KaderFact[];
      slots: SlotView[];
      budgetSlots: SlotView[];
      previousYear: Kader["previousYear"] | null;
      whatIf: WhatIf | { ok: false; errors: FieldErrors };
      budget: BudgetView;
    };

/** Parses the page's query against the validated draft (for the invoer.yaml route too). */
export function readPreviewQuery(db: Db, row: KaderRow, params: URLSearchParams): { kader: PreviewKader } & Partial<{ parsed: ParsedPreviewParams }> {
  const kader = loadPreviewKader(db, row);
  if (kader.state !== "ok") return { kader };
  return { kader, parsed: parsePreviewParams(params, kader.kader, kader.tariffs.map((t) => t.code)) };
}

/** Everything the preview page shows, for the kader row and the page's query. */
export function buildPreviewPage(db: Db, row: KaderRow, params: URLSearchParams): PreviewPage {
  const { kader: loaded, parsed } = readPreviewQuery(db, row, params);
  if (loaded.state !== "ok" || !parsed) return loaded.state === "invalid" ? { state: "invalid", issues: dutchPreviewIssues(loaded.issues, row.draft) } : { state: "noTariffTable" };
  const { kader, tariffs } = loaded;
  let whatIf: WhatIf | { ok: false; errors: FieldErrors };
  if (parsed.whatIf.ok) {
    const { result: _result, ...rest } = computeWhatIf(kader, tariffs, parsed.whatIf.value);
    whatIf = rest;
  } else whatIf = parsed.whatIf;
  return {
    state: "ok",
    form: parsed.form,
    tariffs: tariffs.map((t) => ({ code: t.code, label: t.label ?? null, sector: t.sector })),
    names: PARAM,
    factTypes: FACT_TYPES.map((value) => ({ value, label: FACT_TYPE_LABEL[value] })),
    facts: kaderFacts(kader),
    slots: slotViews(scoreSlots(kader, { withTargetGroups: true }), "s"),
    budgetSlots: slotViews(scoreSlots(kader, { withTargetGroups: true }), "bs"),
    previousYear: kader.previousYear ?? null,
    whatIf,
    budget: parsed.budget.ok ? budgetView(db, row, kader, tariffs, parsed.budget.value) : parsed.budget,
  };
}

function budgetView(db: Db, row: KaderRow, kader: Kader, tariffs: readonly Tariff[], assumptions: BudgetAssumptions): BudgetView {
  const outcome = loadBudgetImpact(db, row, kader, tariffs, assumptions);
  if (!outcome.ok) return { ok: false, issues: dutchPreviewIssues(outcome.issues, kader) };
  const { inputs: _inputs, result: _result, baseKader: _baseKader, baseResult: _baseResult, ...impact } = outcome.value;
  return { ok: true, impact };
}
