// One provider's tariffs under a published kader, computed live by the engine from the tender
// inputs (inputs.server.ts). The tariff monitor, the verification bundle and the inkoper's
// overview all come through here, so they show the same cents.
//
// Before a scoring run the monitor reflects the registry and (once submitted) the provider's
// declarations; scores only count through a stored scoring run, because a relative module's
// percentage depends on the whole field's best, which is known only when the run is made.
import type { Db } from "../../../db/client.server";
import { computeTariffs, parseInputs, parseKader, type Assessment, type Fact, type Inputs, type Issue, type Kader, type Result, type Tariff } from "../../../scoring";
import type { KaderRow } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";
import { tariffsForScoring } from "../tariff-tables.server";
import { engineProvider, loadTenderProviders, type TenderProvider } from "./inputs.server";

type VersionRow = NonNullable<ReturnType<typeof latestVersion>>;

export type PublishedKader = { row: KaderRow; version: VersionRow; kader: Kader; tariffs: Tariff[] };

/** The kader's current published version with its tariff table, or null before publication. */
export function loadPublishedKader(db: Db, row: KaderRow): PublishedKader | null {
  const version = latestVersion(db, row.id);
  if (!version) return null;
  const parsed = parseKader(version.content);
  // A published version was validated at publication and is immutable (migration 0003).
  if (!parsed.ok) throw new Error(`published kader version ${version.id} no longer parses`);
  return { row, version, kader: parsed.value, tariffs: tariffsForScoring(version.tariffTableId, db) };
}

/** What a live computation is based on, for the monitor's wording. */
export type LiveBasis = "register" | "submission";
/** Live, or the latest completed scoring run (run-computation.server.ts). */
export type ComputationBasis = LiveBasis | "run";

export type ProviderComputation = {
  provider: TenderProvider;
  basis: ComputationBasis;
  /** Set when the basis is a scoring run. */
  run?: { id: number; number: number; completedAt: Date | null; resultSha256: string | null; kaderVersionNumber: number };
  /** The inputs document of this provider alone (with `fieldBest` when given): what the bundle ships. */
  inputs: Inputs;
  result: Result;
};

export type WhatIfOverrides = {
  /** Fact id → value (undefined: missing). Only facts the kader declares are used. */
  facts?: ReadonlyMap<string, Fact | undefined>;
  /** Expected scores per plan; replaces the provider's assessments. */
  assessments?: Assessment[];
  fieldBest?: Inputs["fieldBest"];
};

export class InputsRefused extends Error {
  constructor(readonly issues: Issue[]) {
    super(`the engine refused the inputs: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/**
 * One provider's live computation, or null when the provider is not one of the kader's regions.
 * `withSubmissions` is the caller's access decision (see submissions/access.server.ts).
 * Bad what-if values are the caller's to validate first: the engine refusing them throws.
 */
export function computeForProvider(
  db: Db,
  published: PublishedKader,
  providerId: number,
  options: { withSubmissions: boolean; overrides?: WhatIfOverrides },
): ProviderComputation | null {
  const [provider] = loadTenderProviders(db, published.row, published.kader, { withSubmissions: options.withSubmissions, providerIds: [providerId] });
  if (!provider) return null;
  return computeTenderProvider(published, provider, options.overrides);
}

/**
 * One loaded provider's live computation: what computeForProvider does after loading, for callers
 * that load many providers at once (the inkoper's overview), so that they compute the same way.
 */
export function computeTenderProvider(published: PublishedKader, provider: TenderProvider, overrides: WhatIfOverrides = {}): ProviderComputation {
  const inputs: Inputs = {
    format: "zorginkoop.inputs/v1",
    kader: published.kader.id,
    tariffs: published.tariffs,
    // Scores count only through a scoring run (see above); a what-if supplies expected ones.
    providers: [engineProvider(published.tariffs, provider, { facts: overrides.facts, assessments: overrides.assessments ?? [] })],
    ...(overrides.fieldBest && overrides.fieldBest.length > 0 ? { fieldBest: overrides.fieldBest } : {}),
  };
  const parsed = parseInputs(inputs, published.kader);
  if (!parsed.ok) throw new InputsRefused(parsed.issues);
  return {
    provider,
    basis: provider.submission ? "submission" : "register",
    inputs,
    result: computeTariffs(published.kader, parsed.value, { provider: provider.agbCode }),
  };
}
