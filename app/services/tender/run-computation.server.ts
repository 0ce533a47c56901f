// One provider's tariffs as the latest completed scoring run established them. The run stored
// its canonical inputs (every provider's engine input) and the field's best per relative module;
// this provider's entry with that field best is the one-provider inputs document a provider can
// verify alone (spec 2, `fieldBest`), and the engine computes from it exactly the run's cents for
// this provider (tested against the run's stored lines).
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderVersions } from "../../../db/schema";
import { computeTariffs, parseInputs, parseKader, type Inputs, type Kader } from "../../../scoring";
import { computeTenderProvider, InputsRefused, type ProviderComputation, type PublishedKader, type WhatIfOverrides } from "./provider-result.server";
import { loadTenderProviders, type TenderProvider } from "./inputs.server";
import { latestCompletedRun, runFieldBest, type ScoringRunRow } from "./scoring-run.server";

export type RunReference = { id: number; number: number; completedAt: Date | null; resultSha256: string | null; kaderVersionNumber: number };

export type RunComputation = ProviderComputation & { run: RunReference };

function runKader(db: Db, published: PublishedKader, run: ScoringRunRow) {
  if (run.kaderVersionId === published.version.id) return { kader: published.kader, number: published.version.number };
  const version = db.select().from(kaderVersions).where(eq(kaderVersions.id, run.kaderVersionId)).get()!;
  const parsed = parseKader(version.content);
  if (!parsed.ok) throw new Error(`kader version ${version.id} of run ${run.id} no longer parses`);
  return { kader: parsed.value, number: version.number };
}

/** The kader's latest completed run, read once: its providers' stored inputs by AGB code, its kader and field best. */
export type RunContext = { run: ScoringRunRow; stored: Inputs; entries: Map<string, Inputs["providers"][number]>; kader: Kader; kaderVersionNumber: number; fieldBest: Inputs["fieldBest"] };

export function latestRunContext(db: Db, published: PublishedKader): RunContext | null {
  const run = latestCompletedRun(db, published.row.id);
  if (!run) return null;
  const stored = JSON.parse(run.inputsJson) as Inputs;
  const { kader, number } = runKader(db, published, run);
  return { run, stored, entries: new Map(stored.providers.map((p) => [p.id, p])), kader, kaderVersionNumber: number, fieldBest: runFieldBest(db, run.id) };
}

/** The provider's computation from a run, or null when the run does not hold the provider. */
export function computeFromRun(context: RunContext, provider: TenderProvider): RunComputation | null {
  const entry = context.entries.get(provider.agbCode);
  if (!entry) return null;
  const { stored, fieldBest, run } = context;
  const inputs: Inputs = { format: stored.format, kader: stored.kader, tariffs: stored.tariffs, providers: [entry], ...(fieldBest && fieldBest.length > 0 ? { fieldBest } : {}) };
  const parsed = parseInputs(inputs, context.kader);
  if (!parsed.ok) throw new InputsRefused(parsed.issues);
  return {
    provider,
    basis: "run",
    inputs,
    result: computeTariffs(context.kader, parsed.value, { provider: provider.agbCode }),
    run: { id: run.id, number: run.number, completedAt: run.finishedAt ?? null, resultSha256: run.resultSha256 ?? null, kaderVersionNumber: context.kaderVersionNumber },
  };
}

/**
 * A provider's current tariffs, as every page and download shows them: from the latest completed
 * scoring run when the viewer may read the submissions and the run holds the provider, else live
 * from the registry and (when readable) the submission. Null outside the kader's regions.
 */
export function currentProviderComputation(db: Db, published: PublishedKader, providerId: number, withSubmissions: boolean): ProviderComputation | null {
  const [provider] = loadTenderProviders(db, published.row, published.kader, { withSubmissions, providerIds: [providerId] });
  if (!provider) return null;
  if (withSubmissions) {
    const context = latestRunContext(db, published);
    const fromRun = context ? computeFromRun(context, provider) : null;
    if (fromRun) return fromRun;
  }
  return computeTenderProvider(published, provider);
}

/** A what-if after a run: the field's best as the run published it, unless the what-if names one. */
export function withRunFieldBest(db: Db, published: PublishedKader, overrides: WhatIfOverrides): WhatIfOverrides {
  if (overrides.fieldBest && overrides.fieldBest.length > 0) return overrides;
  const run = latestCompletedRun(db, published.row.id);
  if (!run) return overrides;
  const fieldBest = runFieldBest(db, run.id);
  return fieldBest.length > 0 ? { ...overrides, fieldBest } : overrides;
}
