// The engine's inputs for the providers of a published kader, built from what the platform
// stores about them: the registry (volumes, previous-year percentage, sectors), the provider's
// current inschrijving (declarations, the plans it entered), the facts the zorgkantoor
// established or checked, and the final scores per criterion. One builder for the tariff
// monitor, the inkoper's overview, the verification bundle and the scoring run, so that all of
// them compute the same tariffs from the same inputs.
//
// Access is the caller's: `withSubmissions` says whether the viewer may read the submissions'
// content (the provider its own at any time, the zorgkantoor's staff only after the opening;
// see submissions/access.server.ts). Without it, providers are built from registry data only.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, establishedFacts, type EstablishedFactKind } from "../../../db/schema/assessment-outcome";
import { kaderVersions } from "../../../db/schema/kaders";
import { submissions } from "../../../db/schema/submissions";
import { INPUTS_FORMAT, type Assessment, type Fact, type FactDeclaration, type Inputs, type Kader, type PointsSurcharge, type Provider, type Tariff } from "../../../scoring";
import type { KaderRow } from "../kaders/access.server";
import { kaderRegionIds } from "../kaders/store.server";
import { registeredProviders } from "../registry.server";
import type { SubmissionContent } from "../submissions/content";

/** A plan the provider entered: a points module, and its target group when the module has them. */
export type PlanKey = { module: string; targetGroup: string | null };

/** Where a fact's value comes from, for the monitor's "why" and the provider's view of a correction. */
export type FactOrigin = {
  fact: FactDeclaration;
  /** The provider's declaration in its current submission (source aanbieder), if visible and given. */
  declared: Fact | undefined;
  /** The zorgkantoor's establishment or check of it, if any. */
  established: { kind: EstablishedFactKind; value: Fact; note: string | null } | undefined;
  /** The value the engine receives (undefined: missing). */
  value: Fact | undefined;
};

export type TenderProvider = {
  providerId: number;
  agbCode: string;
  name: string;
  sectors: string[];
  volumes: Record<string, string>;
  previousYearPercent: string | null;
  /** The provider's current submission, when the viewer may read it; null otherwise or when none/withdrawn. */
  submission: { id: number; version: number; receivedAt: Date; kaderVersionNumber: number; contentSha256: string } | null;
  /** Plans of the current submission (empty without one). */
  plans: PlanKey[];
  /** Plans with a final score for every criterion: the engine's assessments. */
  assessments: Assessment[];
  facts: FactOrigin[];
};

const NO_TARGET_GROUP = "";

function pointsModules(kader: Kader): Map<string, PointsSurcharge> {
  const map = new Map<string, PointsSurcharge>();
  for (const s of kader.surcharges) if (s.kind === "points") map.set(s.id, s);
  return map;
}

/** The plans a submission's content enters, in the kader's order. */
export function plansOf(kader: Kader, content: Pick<SubmissionContent, "plans">): PlanKey[] {
  const plans: PlanKey[] = [];
  for (const module of pointsModules(kader).values()) {
    if (!Object.prototype.hasOwnProperty.call(content.plans, module.id)) continue;
    const plan = content.plans[module.id]!;
    if (!module.targetGroups) plans.push({ module: module.id, targetGroup: null });
    else if ("targetGroups" in plan)
      for (const g of module.targetGroups) if (Object.prototype.hasOwnProperty.call(plan.targetGroups, g.id)) plans.push({ module: module.id, targetGroup: g.id });
  }
  return plans;
}

/**
 * The providers of the kader's regions as the engine should see them. `providerIds` narrows the
 * set (a monitor needs one provider; everything is still read in a handful of queries).
 */
export function loadTenderProviders(
  db: Db,
  row: KaderRow,
  kader: Kader,
  options: { withSubmissions: boolean; providerIds?: readonly number[] },
): TenderProvider[] {
  let registry = registeredProviders(db, { zorgkantoorId: row.zorgkantoorId, year: row.year, regionIds: kaderRegionIds(db, row.id) });
  if (options.providerIds) {
    const wanted = new Set(options.providerIds);
    registry = registry.filter((p) => wanted.has(p.id));
  }
  const ids = registry.map((p) => p.id);
  if (ids.length === 0) return [];

  const current = new Map<number, { id: number; version: number; kind: string; receivedAt: Date; content: string | null; contentSha256: string | null; kaderVersionNumber: number }>();
  if (options.withSubmissions) {
    const rows = db
      .select({
        id: submissions.id,
        providerId: submissions.providerId,
        version: submissions.version,
        kind: submissions.kind,
        receivedAt: submissions.receivedAt,
        content: submissions.content,
        contentSha256: submissions.contentSha256,
        kaderVersionNumber: kaderVersions.number,
      })
      .from(submissions)
      .innerJoin(kaderVersions, eq(kaderVersions.id, submissions.kaderVersionId))
      .where(and(eq(submissions.kaderId, row.id), inArray(submissions.providerId, ids)))
      .orderBy(desc(submissions.version))
      .all();
    for (const r of rows) if (!current.has(r.providerId)) current.set(r.providerId, r);
  }

  const scores = new Map<number, Map<string, Map<string, string>>>();
  for (const s of db.select().from(assessmentFinalScores).where(and(eq(assessmentFinalScores.kaderId, row.id), inArray(assessmentFinalScores.providerId, ids))).all()) {
    const byPlan = scores.get(s.providerId) ?? new Map<string, Map<string, string>>();
    const key = `${s.moduleId}\u0000${s.targetGroupId}`;
    const byCriterion = byPlan.get(key) ?? new Map<string, string>();
    byCriterion.set(s.criterionId, s.score);
    byPlan.set(key, byCriterion);
    scores.set(s.providerId, byPlan);
  }

  const established = new Map<number, Map<string, { kind: EstablishedFactKind; value: Fact; note: string | null }>>();
  for (const f of db.select().from(establishedFacts).where(and(eq(establishedFacts.kaderId, row.id), inArray(establishedFacts.providerId, ids))).all()) {
    const byFact = established.get(f.providerId) ?? new Map();
    byFact.set(f.factId, { kind: f.kind, value: f.value ?? null, note: f.note });
    established.set(f.providerId, byFact);
  }

  const modules = pointsModules(kader);
  return registry.map((p) => {
    const sub = current.get(p.id);
    const live = sub && sub.kind === "submission" && sub.content !== null ? sub : null;
    const content = live ? (JSON.parse(live.content!) as SubmissionContent) : null;
    const plans = content ? plansOf(kader, content) : [];
    const byPlan = scores.get(p.id);
    const assessments: Assessment[] = [];
    for (const plan of plans) {
      const module = modules.get(plan.module)!;
      const given = byPlan?.get(`${plan.module}\u0000${plan.targetGroup ?? NO_TARGET_GROUP}`);
      if (!given || !module.criteria.every((c) => given.has(c.id))) continue;
      const scoreRecord: Record<string, string> = Object.create(null);
      for (const c of module.criteria) scoreRecord[c.id] = given.get(c.id)!;
      assessments.push({ module: plan.module, targetGroup: plan.targetGroup, scores: scoreRecord });
    }
    const providerEstablished = established.get(p.id);
    const facts: FactOrigin[] = (kader.facts ?? []).map((fact) => {
      const declared = fact.source === "aanbieder" && content && Object.prototype.hasOwnProperty.call(content.declarations, fact.id) ? content.declarations[fact.id] : undefined;
      const est = providerEstablished?.get(fact.id);
      return { fact, declared, established: est, value: est ? est.value : declared };
    });
    return {
      providerId: p.id,
      agbCode: p.agbCode,
      name: p.name,
      sectors: p.sectors,
      volumes: p.volumes,
      previousYearPercent: p.previousYearPercent,
      submission: live
        ? { id: live.id, version: live.version, receivedAt: live.receivedAt, kaderVersionNumber: live.kaderVersionNumber, contentSha256: live.contentSha256! }
        : null,
      plans,
      assessments,
      facts,
    };
  });
}

/**
 * The prestaties a provider is computed for: the tariff table's prestaties of its sectors, and
 * any other prestatie it has registered volumes for. Unknown volume codes are dropped (the
 * tariff table decides what exists).
 */
export function providerPrestaties(tariffs: readonly Tariff[], provider: Pick<TenderProvider, "sectors" | "volumes">): string[] {
  const sectors = new Set(provider.sectors);
  return tariffs.filter((t) => sectors.has(t.sector) || Object.prototype.hasOwnProperty.call(provider.volumes, t.code)).map((t) => t.code);
}

/** One provider as the engine's input (id = AGB code). `overrides` lets a what-if replace facts and assessments. */
export function engineProvider(
  tariffs: readonly Tariff[],
  provider: TenderProvider,
  overrides: { facts?: ReadonlyMap<string, Fact | undefined>; assessments?: Assessment[] } = {},
): Provider {
  const prestaties = providerPrestaties(tariffs, provider);
  const known = new Set(prestaties);
  const facts: Record<string, Fact> = Object.create(null);
  for (const f of provider.facts) {
    const value = overrides.facts?.has(f.fact.id) ? overrides.facts.get(f.fact.id) : f.value;
    if (value !== undefined) facts[f.fact.id] = value;
  }
  const volumes: Record<string, string> = Object.create(null);
  for (const [code, volume] of Object.entries(provider.volumes)) if (known.has(code)) volumes[code] = volume;
  return {
    id: provider.agbCode,
    name: provider.name,
    prestaties,
    ...(provider.previousYearPercent !== null ? { previousYearPercent: provider.previousYearPercent } : {}),
    facts,
    assessments: overrides.assessments ?? provider.assessments,
    volumes,
  };
}

/** The inputs document for the given providers, against the kader and its tariff table. */
export function tenderInputs(kader: Kader, tariffs: readonly Tariff[], providers: readonly TenderProvider[], fieldBest?: Inputs["fieldBest"]): Inputs {
  return {
    format: INPUTS_FORMAT,
    kader: kader.id,
    tariffs: [...tariffs],
    providers: providers.map((p) => engineProvider(tariffs, p)),
    ...(fieldBest && fieldBest.length > 0 ? { fieldBest } : {}),
  };
}
