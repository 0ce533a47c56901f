// The award letter's view model from a stored scoring run and the stored final scores. Pure: the
// caller reads the run (its result lines and modules, as stored) and the motivations; this
// function only selects, labels and orders. No tariff, percentage or point total is computed
// here: each comes from the run as the engine stored it, and the trace texts are the engine's
// own renderer's. Ranks are the order of the stored points among the field.
import { type Kader, type ModuleResult, type PointsSurcharge, type ResultLine, type Tariff, type TraceStep } from "../../../scoring";
import { D, canonical } from "../../../scoring/decimal";
import type { AwardLetterViewModel, LetterBuildUp, LetterModule } from "../../../templates/award-letter";

export type FinalScoreRecord = {
  module: string;
  targetGroup: string | null;
  criterion: string;
  score: string;
  motivation: string;
  /** What was missing for the maximum (the assessors' words), when recorded apart from the motivation. */
  missing: string | null;
};

export type LetterSource = {
  zorgkantoor: string;
  kader: Kader;
  kaderVersion: { number: number; contentHash: string };
  tariffs: readonly Tariff[];
  provider: { name: string; agb: string };
  reference: string;
  state: AwardLetterViewModel["state"];
  date: Date;
  decision: AwardLetterViewModel["decision"];
  /** The run's stored lines, modules and budget total for this provider. */
  lines: readonly ResultLine[];
  modules: readonly ModuleResult[];
  yearlyAmount: string | null;
  /** Every provider's stored module results in the run: for rank and field best under relative scoring. */
  fieldModules: readonly ModuleResult[];
  /** The run's fieldBest per module and target group, as stored with it. */
  fieldBest: readonly { module: string; targetGroup: string | null; points: string }[];
  scores: readonly FinalScoreRecord[];
  run: AwardLetterViewModel["run"];
  standstill: AwardLetterViewModel["standstill"];
  approval: AwardLetterViewModel["approval"];
  replaces: AwardLetterViewModel["replaces"];
};

const KNOCKOUT_TEXT = {
  threshold: "de punten liggen onder de drempel van de module",
  minScore: "een criterium scoort onder zijn minimumscore",
} as const;

const sameGroup = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

function maxPoints(module: PointsSurcharge): string {
  // Σ weight × the scale's highest value, for "x van de y punten": a description of the kader, not a result.
  return canonical(module.criteria.reduce((sum, c) => sum.plus(new D(String(c.weight ?? 1)).times(String(c.scale[c.scale.length - 1]))), new D(0)));
}

/** A module and target group as one key, with sameGroup's equality (no target group is null, not ""). */
const groupKey = (m: ModuleResult) => `${m.module}\u0000${m.targetGroup ?? ""}\u0000${m.targetGroup == null ? "n" : "g"}`;

/** Per field (by identity) and module/target group: the peers' points, highest first. */
const rankings = new WeakMap<readonly ModuleResult[], Map<string, number[]>>();

function rankingOf(field: readonly ModuleResult[], own: ModuleResult): number[] {
  // Built once per field: a batch asks for every letter's rank in the same field, and filtering
  // the whole field for each letter costs the field's size per letter, its square per batch.
  let byModule = rankings.get(field);
  if (!byModule) {
    byModule = new Map();
    for (const m of field) {
      const key = groupKey(m);
      let list = byModule.get(key);
      if (!list) byModule.set(key, (list = []));
      // NaN (never in a stored run) sorts last and is never "more", as in a plain comparison.
      const points = Number(m.points);
      list.push(Number.isNaN(points) ? -Infinity : points);
    }
    for (const list of byModule.values()) list.sort((a, b) => b - a);
    rankings.set(field, byModule);
  }
  return byModule.get(groupKey(own)) ?? [];
}

function rankOf(field: readonly ModuleResult[], own: ModuleResult): { position: number; of: number } {
  const peers = rankingOf(field, own);
  const mine = Number(own.points);
  // Ties share a place: 1 + the number of providers with strictly more points (binary search in
  // the descending list for the first that is not more).
  let lo = 0;
  let hi = peers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (peers[mid]! > mine) lo = mid + 1;
    else hi = mid;
  }
  return { position: 1 + lo, of: peers.length };
}

/** A plain decimal text's zero-ness without parsing it; undefined when not plain (exponent, spaces). */
function plainIsZero(value: string): boolean | undefined {
  return /^[+-]?\d*\.?\d*$/.test(value) && /\d/.test(value) ? !/[1-9]/.test(value) : undefined;
}

/** A line's build-up, read from its stored trace (each value as the engine recorded it). */
export function buildUpOf(trace: readonly TraceStep[]): LetterBuildUp {
  const buildUp: LetterBuildUp = { baseRate: "0", surcharges: [], previousYear: null, cap: null };
  for (const step of trace) {
    if (step.step === "baseRate") buildUp.baseRate = step.value;
    else if (step.step === "surcharge" && step.applied && !(plainIsZero(step.value) ?? new D(step.value).isZero())) buildUp.surcharges.push({ label: step.label, percent: step.value, ref: step.ref ?? null });
    else if (step.step === "previousYear" && step.previousYearPercent !== null && step.regular !== step.value && !new D(step.regular).equals(step.value))
      buildUp.previousYear = { mode: step.mode, regular: step.regular, result: step.value };
    else if (step.step === "cap" && step.capped) buildUp.cap = { sum: step.sum, maxPercent: step.maxPercent };
  }
  return buildUp;
}

export function awardLetterViewModel(source: LetterSource): AwardLetterViewModel {
  const points = new Map<string, PointsSurcharge>();
  for (const s of source.kader.surcharges) if (s.kind === "points") points.set(s.id, s);
  const groupLabel = (moduleId: string, id: string | null) => (id === null ? null : (points.get(moduleId)?.targetGroups?.find((g) => g.id === id)?.label ?? id));
  const anyGroupLabel = (id: string | null) => {
    if (id === null) return null;
    for (const m of points.values()) {
      const g = m.targetGroups?.find((x) => x.id === id);
      if (g) return g.label;
    }
    return id;
  };
  const tariffLabel = new Map(source.tariffs.map((t) => [t.code, t.label ?? null]));

  const modules: LetterModule[] = source.modules.map((m) => {
    const module = points.get(m.module);
    if (!module) throw new Error(`the run names module ${m.module}, which the kader does not have`);
    const relative = module.mapping.basis === "relative";
    const best = source.fieldBest.find((f) => f.module === m.module && sameGroup(f.targetGroup, m.targetGroup));
    return {
      label: module.label,
      ref: module.ref ?? null,
      targetGroup: groupLabel(m.module, m.targetGroup),
      basis: module.mapping.basis,
      points: m.points,
      maxPoints: maxPoints(module),
      percent: m.percent,
      knockout: m.knockout ? KNOCKOUT_TEXT[m.knockout] : null,
      rank: relative ? rankOf(source.fieldModules, m) : null,
      fieldBest: relative && best ? best.points : null,
      criteria: module.criteria.map((c) => {
        const s = source.scores.find((x) => x.module === m.module && sameGroup(x.targetGroup, m.targetGroup) && x.criterion === c.id);
        if (!s) throw new Error(`no final score for ${m.module}/${m.targetGroup ?? "-"}/${c.id}`);
        return {
          label: c.label,
          weight: String(c.weight ?? 1),
          score: s.score,
          maxScore: String(c.scale[c.scale.length - 1]),
          motivation: s.motivation,
          missing: s.missing,
        };
      }),
    };
  });

  return {
    zorgkantoor: source.zorgkantoor,
    kader: { title: source.kader.title, slug: source.kader.id, year: source.kader.year, version: source.kaderVersion.number, contentHash: source.kaderVersion.contentHash },
    provider: source.provider,
    reference: source.reference,
    state: source.state,
    date: source.date,
    decision: source.decision,
    tariffs: source.lines.map((l) => ({
      prestatie: l.prestatie,
      label: tariffLabel.get(l.prestatie) ?? null,
      targetGroup: anyGroupLabel(l.targetGroup),
      percent: l.percent,
      tariff: l.tariff,
      buildUp: buildUpOf(l.trace),
    })),
    yearlyAmount: source.yearlyAmount,
    modules,
    run: source.run,
    standstill: source.standstill,
    approval: source.approval,
    replaces: source.replaces,
  };
}
