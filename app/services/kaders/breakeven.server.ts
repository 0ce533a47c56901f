// The reële-tarieventoets (issue 13, docs/spec/breakeven.md) for a kader draft or published
// version: the engine inputs built as the budget impact builds them (the registered providers of
// the kader's regions with their registry volumes), the zorgkantoor's own annual accounts of the
// kader's year or the latest year before it, and the stated assumptions. The test always runs on
// the pseudonymised documents exactly as they are published, so that a stored outcome is what
// `npm run -s score -- breakeven` computes on the downloaded files; the names come back here.
import { createHash } from "node:crypto";
import { and, desc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { annualAccountsImports, kaderBreakevenTests, organisations, tariffTables } from "../../../db/schema";
import {
  BREAKEVEN_FORMAT,
  DEFAULT_THRESHOLD,
  DEFAULT_THRESHOLD_REF,
  parseBreakevenTest,
  parseInputs,
  pseudonymise,
  scoreBreakeven,
  serializeKader,
  type BreakevenOutcome,
  type BreakevenStep,
  type CurvePoint,
  type Kader,
  type Opslagen,
  type Tariff,
} from "../../../scoring";
import type { FieldErrors } from "../../lib/forms";
import { parseDutchDecimal } from "../../lib/dutch-number";
import { formatPercent } from "../../lib/format";
import type { DutchIssue } from "../../lib/kader-issues-nl";
import { BREAKEVEN_JUSTIFICATION, BREAKEVEN_PARAM } from "./breakeven-fields";
import { accountsFigures } from "../annual-accounts.server";
import { getDb } from "../db.server";
import { tariffsForScoring } from "../tariff-tables.server";
import type { KaderRow } from "./access.server";
import { inputsDocument, registryForKader } from "./budget.server";
import { buildBudgetInputs, parsePreviewParams, type BudgetAssumptions, type LeftOut } from "./inputs-builder.server";
import { dutchPreviewIssues, loadPreviewKader } from "./preview.server";

/** The court ruling the default threshold comes from, as the page cites it. */
export const THRESHOLD_RULING = {
  ref: DEFAULT_THRESHOLD_REF,
  text: "Hof Den Haag 6 februari 2024, ECLI:NL:GHDHA:2024:199: aanbieders met minstens 75 % van de omzet in de sector moeten ten minste break-even draaien, financieringslasten en -baten meegerekend, volgens een vooraf bekende, begrijpelijke en controleerbare methode.",
  url: "https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:GHDHA:2024:199",
};

export const OPSLAGEN_LABEL: Record<Opslagen, string> = {
  none: "geen opslagen (alleen het basistarief)",
  fixed: "de vaste opslagen waarvan de voorwaarde geldt",
  expected: "alle opslagen, met de verwachte punten",
};

export { BREAKEVEN_PARAM, BREAKEVEN_JUSTIFICATION } from "./breakeven-fields";

export type BreakevenAssumptionsInput = { costIndexation: string; volumeChange: string; opslagen: Opslagen; threshold: string };
export const DEFAULT_BREAKEVEN_ASSUMPTIONS: BreakevenAssumptionsInput = { costIndexation: "0", volumeChange: "0", opslagen: "none", threshold: DEFAULT_THRESHOLD };

/** The form as typed (Dutch numbers), defaults where the query is silent. */
export type BreakevenForm = Record<keyof BreakevenAssumptionsInput, string>;

const dutchDecimal = (what: string, check: (v: number) => string | null) =>
  z
    .string()
    .trim()
    .max(20, `${what} is te lang.`)
    .transform((text, ctx) => {
      const value = parseDutchDecimal(text);
      if (value === null) {
        ctx.addIssue({ code: "custom", message: `Vul bij ${what} een getal in, bijvoorbeeld 3,5.` });
        return z.NEVER;
      }
      if (/\.\d{3,}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: `Vul bij ${what} hoogstens twee decimalen in.` });
        return z.NEVER;
      }
      const problem = check(Number(value));
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return value;
    });

/** The assumptions' schema, shared by the preview's GET form and the publish form. */
export const breakevenAssumptionsSchema = z.object({
  costIndexation: dutchDecimal("de kostenindexatie", (v) => (v <= -100 ? "De kostenindexatie moet boven −100 % liggen." : v > 100 ? "De kostenindexatie is hoogstens 100 %." : null)),
  volumeChange: dutchDecimal("de volumewijziging", (v) => (v <= -100 ? "De volumewijziging moet boven −100 % liggen." : v > 100 ? "De volumewijziging is hoogstens 100 %." : null)),
  opslagen: z.enum(["none", "fixed", "expected"], { error: "Kies welke opslagen meetellen." }),
  threshold: dutchDecimal("de drempel", (v) => (v <= 0 || v > 100 ? "De drempel ligt boven 0 % en is hoogstens 100 %." : null)),
});

const toDutchText = (v: string) => v.replace(".", ",");

/** Reads the assumptions from a query or form (parameter names BREAKEVEN_PARAM); errors keyed by parameter name. */
export function parseBreakevenAssumptions(
  params: URLSearchParams | FormData,
): { form: BreakevenForm; value: BreakevenAssumptionsInput | null; errors: FieldErrors } {
  const get = (name: string, fallback: string) => {
    const v = params.get(name);
    return typeof v === "string" ? v : fallback;
  };
  const form: BreakevenForm = {
    costIndexation: get(BREAKEVEN_PARAM.costIndexation, toDutchText(DEFAULT_BREAKEVEN_ASSUMPTIONS.costIndexation)),
    volumeChange: get(BREAKEVEN_PARAM.volumeChange, toDutchText(DEFAULT_BREAKEVEN_ASSUMPTIONS.volumeChange)),
    opslagen: get(BREAKEVEN_PARAM.opslagen, DEFAULT_BREAKEVEN_ASSUMPTIONS.opslagen),
    threshold: get(BREAKEVEN_PARAM.threshold, toDutchText(DEFAULT_BREAKEVEN_ASSUMPTIONS.threshold)),
  };
  const parsed = breakevenAssumptionsSchema.safeParse(form);
  if (parsed.success) return { form, value: parsed.data, errors: Object.create(null) as FieldErrors };
  const errors = Object.create(null) as FieldErrors;
  for (const issue of parsed.error.issues) {
    const key = BREAKEVEN_PARAM[issue.path[0] as keyof typeof BREAKEVEN_PARAM];
    if (key && !Object.hasOwn(errors, key)) errors[key] = issue.message;
  }
  return { form, value: null, errors };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The accounts the test of a kader uses: its zorgkantoor's, of the kader's year or else the latest year before it. */
export function accountsForKader(db: Db, row: KaderRow) {
  const latest = db
    .select({ year: annualAccountsImports.year })
    .from(annualAccountsImports)
    .where(and(eq(annualAccountsImports.zorgkantoorId, row.zorgkantoorId), lte(annualAccountsImports.year, row.year)))
    .orderBy(desc(annualAccountsImports.year))
    .limit(1)
    .get();
  if (!latest) return null;
  const figures = accountsFigures(db, row.zorgkantoorId, latest.year);
  return figures ? { year: latest.year, ...figures } : null;
}

/** The published files of a test: the documents the command line takes, as the exact bytes served. */
export type BreakevenFiles = { kaderJson: string; inputsJson: string; testJson: string };

export type AccountsUsed = { importId: number; year: number; kaderYear: number; version: number; sha256: string; illustrative: boolean };

export type BreakevenRun =
  | { state: "noAccounts"; kaderYear: number }
  | { state: "noProviders"; leftOut: LeftOut[] }
  | { state: "invalid"; issues: DutchIssue[] }
  | {
      state: "ok";
      outcome: BreakevenOutcome;
      files: BreakevenFiles;
      accounts: AccountsUsed;
      /** Pseudonym → the provider's AGB code and name (staff only: never published). */
      identities: Map<string, { agbCode: string; name: string }>;
      /** Providers of the kader's regions left out of the inputs (no volumes), and those in the inputs without accounts. */
      leftOut: LeftOut[];
    };

/**
 * Builds the documents and runs the test. `budget`: the facts and scores every provider is assumed
 * to have (the preview's budget assumptions; only `fixed` and `expected` opslagen read them).
 */
export function runKaderBreakeven(
  db: Db,
  row: KaderRow,
  kader: Kader,
  tariffs: readonly Tariff[],
  budget: BudgetAssumptions,
  assumptions: BreakevenAssumptionsInput,
): BreakevenRun {
  const accounts = accountsForKader(db, row);
  if (!accounts) return { state: "noAccounts", kaderYear: row.year };
  const registry = registryForKader(db, row);
  const { inputs: built, leftOut } = buildBudgetInputs(kader, tariffs, registry, budget);
  const names = new Map(registry.map((p) => [p.agbCode, p.name]));
  const withAccounts = built.providers.filter((p) => accounts.byAgb.has(p.id));
  if (built.providers.length === 0 || withAccounts.length === 0) return { state: "noProviders", leftOut };

  const inputsParsed = parseInputs(inputsDocument(built), kader);
  if (!inputsParsed.ok) return { state: "invalid", issues: dutchPreviewIssues(inputsParsed.issues, kader) };
  const table = row.tariffTableId === null ? undefined : db.select({ sha256: tariffTables.sha256, name: tariffTables.sourceName }).from(tariffTables).where(eq(tariffTables.id, row.tariffTableId)).get();
  const testDoc = {
    format: BREAKEVEN_FORMAT,
    kader: kader.id,
    // Placeholders until the pseudonymised files exist; replaced below by their real hashes.
    references: { kader: { sha256: "0".repeat(64) }, inputs: { sha256: "0".repeat(64) } },
    assumptions: { ...assumptions, thresholdRef: DEFAULT_THRESHOLD_REF },
    accounts: withAccounts.map((p) => {
      const a = accounts.byAgb.get(p.id)!;
      return {
        provider: p.id,
        year: accounts.year,
        wlzOmzet: a.wlzRevenue,
        totaleOmzet: a.totalRevenue,
        personeelskosten: a.personnelCosts,
        overigeBedrijfskosten: a.otherOperatingCosts,
        financieleBaten: a.financingIncome,
        financieleLasten: a.financingCosts,
        tariefpercentage: a.tariffPercent,
      };
    }),
  };
  const testParsed = parseBreakevenTest(testDoc, kader, inputsParsed.value);
  if (!testParsed.ok) return { state: "invalid", issues: dutchPreviewIssues(testParsed.issues, kader) };
  const pseudo = pseudonymise(inputsParsed.value, testParsed.value);

  const kaderJson = serializeKader(kader, "json");
  const inputsJson = JSON.stringify(inputsDocument(pseudo.inputs), null, 2) + "\n";
  const testJson =
    JSON.stringify(
      {
        ...pseudo.test,
        references: {
          kader: { sha256: sha256(kaderJson) },
          inputs: { sha256: sha256(inputsJson) },
          ...(table && /^[0-9a-f]{64}$/.test(table.sha256) && { tariffTable: { sha256: table.sha256, name: table.name } }),
        },
      },
      null,
      2,
    ) + "\n";
  // Exactly what the command line does with the three files.
  const outcome = scoreBreakeven(JSON.parse(kaderJson), JSON.parse(inputsJson), JSON.parse(testJson));
  if (!outcome.ok) return { state: "invalid", issues: dutchPreviewIssues(outcome.issues, kader) };
  const identities = new Map<string, { agbCode: string; name: string }>();
  for (const [agb, pseudonym] of pseudo.pseudonyms) identities.set(pseudonym, { agbCode: agb, name: names.get(agb) ?? agb });
  return {
    state: "ok",
    outcome: outcome.value,
    files: { kaderJson, inputsJson, testJson },
    accounts: { importId: accounts.importId, year: accounts.year, kaderYear: row.year, version: accounts.version, sha256: accounts.sha256, illustrative: accounts.illustrative },
    identities,
    leftOut,
  };
}

// ---------------------------------------------------------------------------
// The view model (preview: the inkoper's own tenant data, with names)

export type BreakevenProviderView = {
  agbCode: string;
  name: string;
  method: "engine" | "scaled";
  weight: string;
  wlz: string;
  other: string;
  costs: string;
  financing: string;
  result: string;
  passes: boolean;
  trace: BreakevenStep[];
};

export type BreakevenView =
  | { state: "noAccounts"; kaderYear: number }
  | { state: "noProviders" }
  | { state: "invalid"; issues: DutchIssue[] }
  | { state: "assumptionErrors"; errors: FieldErrors }
  | {
      state: "ok";
      passes: boolean;
      share: string;
      threshold: string;
      ruling: typeof THRESHOLD_RULING;
      basistarief: string;
      breakEven: string | null;
      searchTo: string;
      curve: CurvePoint[];
      assumptions: BreakevenAssumptionsInput;
      accounts: AccountsUsed;
      providers: BreakevenProviderView[];
      /** Providers in the kader's regions that the test could not count (no volumes, or no accounts). */
      withoutAccounts: { agbCode: string; name: string }[];
      withoutVolumes: { agbCode: string; name: string }[];
      engineRuns: number;
    };

export function breakevenView(run: BreakevenRun, assumptions: BreakevenAssumptionsInput): BreakevenView {
  if (run.state === "noAccounts") return run;
  if (run.state === "noProviders") return { state: "noProviders" };
  if (run.state === "invalid") return run;
  const o = run.outcome;
  const who = (id: string) => run.identities.get(id) ?? { agbCode: id, name: id };
  return {
    state: "ok",
    passes: o.test.passes,
    share: o.test.share,
    threshold: o.test.threshold,
    ruling: THRESHOLD_RULING,
    basistarief: o.test.basistarief,
    breakEven: o.breakEven.percent,
    searchTo: o.breakEven.to,
    curve: o.breakEven.curve,
    assumptions,
    accounts: run.accounts,
    providers: o.test.providers
      .map((p) => ({ ...who(p.provider), method: p.method, weight: p.weight, wlz: p.wlz, other: p.other, costs: p.costs, financing: p.financing, result: p.result, passes: p.passes, trace: p.trace }))
      .sort((a, b) => a.name.localeCompare(b.name, "nl")),
    withoutAccounts: o.test.withoutAccounts.map(who),
    withoutVolumes: run.leftOut.map((l) => ({ agbCode: l.agbCode, name: l.name })),
    engineRuns: o.breakEven.engineRuns,
  };
}

/** The aggregate of an outcome that is published and stored (no provider's figures). */
export function outcomeSummary(o: BreakevenOutcome) {
  return {
    basistarief: o.test.basistarief,
    share: o.test.share,
    passes: o.test.passes,
    threshold: o.test.threshold,
    thresholdRef: o.test.thresholdRef,
    breakEven: o.breakEven.percent,
    providersCounted: o.test.providers.length,
    providersPassing: o.test.providers.filter((p) => p.passes).length,
    withoutAccounts: o.test.withoutAccounts.length,
  };
}

// ---------------------------------------------------------------------------
// The preview's section

export type PreviewBreakeven = { slug: string; form: BreakevenForm; names: typeof BREAKEVEN_PARAM; opslagen: { value: Opslagen; label: string }[]; view: BreakevenView };

/** The default budget assumptions (no query): what the publication runs the test with. */
export function defaultBudgetAssumptions(kader: Kader, tariffs: readonly Tariff[]): BudgetAssumptions {
  const parsed = parsePreviewParams(new URLSearchParams(), kader, tariffs.map((t) => t.code)).budget;
  // The defaults always validate; should they not, count no facts and no scores.
  return parsed.ok ? parsed.value : { facts: {}, assessments: [], fieldBest: [], shares: [] };
}

/**
 * The test as the preview shows it, for the page's query: the assumptions from their own
 * parameters, the facts and scores from the budget's (the defaults when those have errors).
 * Null when the draft cannot be computed at all (the page says why).
 */
export function buildPreviewBreakeven(db: Db, row: KaderRow, params: URLSearchParams): PreviewBreakeven | null {
  const loaded = loadPreviewKader(db, row);
  if (loaded.state !== "ok") return null;
  const { form, value, errors } = parseBreakevenAssumptions(params);
  const base = { slug: row.slug, form, names: BREAKEVEN_PARAM, opslagen: (Object.keys(OPSLAGEN_LABEL) as Opslagen[]).map((v) => ({ value: v, label: OPSLAGEN_LABEL[v] })) };
  if (!value) return { ...base, view: { state: "assumptionErrors", errors } };
  const budget = parsePreviewParams(params, loaded.kader, loaded.tariffs.map((t) => t.code)).budget;
  const run = runKaderBreakeven(db, row, loaded.kader, loaded.tariffs, budget.ok ? budget.value : defaultBudgetAssumptions(loaded.kader, loaded.tariffs), value);
  return { ...base, view: breakevenView(run, value) };
}

// ---------------------------------------------------------------------------
// Publication: the test runs on the version as published and is stored with it

const MIN_JUSTIFICATION = 20;

export type PublicationBreakeven =
  | { state: "notRun"; reason: "noAccounts" | "noProviders" | "invalid"; audit: { run: false; reason: string } }
  | {
      state: "ok";
      passes: boolean;
      share: string;
      threshold: string;
      breakEven: string | null;
      run: Extract<BreakevenRun, { state: "ok" }>;
      justification: string | null;
      audit: Record<string, unknown>;
    };

/**
 * The test for a publication, with the assumptions of the publish form (defaults where it is
 * silent) and the default facts and scores. A failing test needs a justification (field error
 * in Dutch); a test that cannot run (no accounts, no providers with volumes and accounts) does
 * not stop the publication, and the audit event says why it did not run.
 */
export function breakevenForPublication(
  db: Db,
  row: KaderRow,
  content: Kader,
  input: Record<string, unknown>,
): { ok: true; value: PublicationBreakeven } | { ok: false; errors: FieldErrors } {
  const params = new URLSearchParams();
  for (const name of Object.values(BREAKEVEN_PARAM)) {
    const v = input[name];
    if (typeof v === "string" && v.trim() !== "") params.set(name, v);
  }
  const assumptions = parseBreakevenAssumptions(params);
  if (!assumptions.value) return { ok: false, errors: assumptions.errors };
  const tariffs = row.tariffTableId === null ? [] : tariffsForScoring(row.tariffTableId, db);
  const run = runKaderBreakeven(db, { ...row, year: content.year }, content, tariffs, defaultBudgetAssumptions(content, tariffs), assumptions.value);
  if (run.state !== "ok") {
    const reason = run.state;
    const words = { noAccounts: "geen jaarrekeningen", noProviders: "geen aanbieders met volumes en een jaarrekening", invalid: "de invoer is niet geldig" }[reason];
    return { ok: true, value: { state: "notRun", reason, audit: { run: false, reason: words } } };
  }
  const o = run.outcome;
  const given = typeof input[BREAKEVEN_JUSTIFICATION] === "string" ? (input[BREAKEVEN_JUSTIFICATION] as string).trim() : "";
  if (!o.test.passes && given.length < MIN_JUSTIFICATION) {
    const errors = Object.create(null) as FieldErrors;
    errors[BREAKEVEN_JUSTIFICATION] =
      `De reële-tarieventoets slaagt niet: aanbieders met ${formatPercent(o.test.share, { decimals: 2 })} van de omzet halen minstens break-even, de drempel is ${formatPercent(o.test.threshold)}. ` +
      `Leg in de motivering uit waarom u dit basistarief toch publiceert (minstens ${MIN_JUSTIFICATION} tekens).`;
    return { ok: false, errors };
  }
  const justification = o.test.passes ? null : given;
  return {
    ok: true,
    value: {
      state: "ok",
      passes: o.test.passes,
      share: o.test.share,
      threshold: o.test.threshold,
      breakEven: o.breakEven.percent,
      run,
      justification,
      audit: {
        run: true,
        assumptions: o.assumptions,
        accounts: { importId: run.accounts.importId, year: run.accounts.year, version: run.accounts.version, sha256: run.accounts.sha256 },
        testFileSha256: sha256(run.files.testJson),
        inputsFileSha256: sha256(run.files.inputsJson),
        kaderFileSha256: sha256(run.files.kaderJson),
        basistarief: o.test.basistarief,
        share: o.test.share,
        passes: o.test.passes,
        breakEven: o.breakEven.percent,
        justification,
      },
    },
  };
}

/** Inside the publication's transaction: the test's files and outcome with the new version. */
export function storeBreakevenTest(tx: Pick<Db, "insert">, kaderVersionId: number, value: PublicationBreakeven, now: Date): void {
  if (value.state !== "ok") return;
  const { run } = value;
  tx.insert(kaderBreakevenTests)
    .values({
      kaderVersionId,
      testFile: run.files.testJson,
      inputsFile: run.files.inputsJson,
      outcome: run.outcome as unknown as Record<string, unknown>,
      pseudonyms: [...run.identities].map(([pseudonym, who]) => [who.agbCode, pseudonym] as [string, string]),
      passes: value.passes,
      share: value.share,
      breakEven: value.breakEven,
      justification: value.justification,
      accountsImportId: run.accounts.importId,
      createdAt: now,
    })
    .run();
}

/** One sentence for the publication's ask-first step. */
export function breakevenSentence(b: PublicationBreakeven): string {
  if (b.state !== "ok") {
    return b.reason === "noAccounts"
      ? "De reële-tarieventoets wordt niet uitgevoerd: er zijn geen jaarrekeningen ingelezen."
      : b.reason === "noProviders"
        ? "De reële-tarieventoets wordt niet uitgevoerd: geen aanbieder heeft zowel volumes als een jaarrekening."
        : "De reële-tarieventoets kan niet worden uitgevoerd.";
  }
  const share = formatPercent(b.share, { decimals: 2 });
  const be = b.breakEven === null ? "" : ` Break-even vanaf ${formatPercent(b.breakEven, { decimals: 2 })}.`;
  return b.passes
    ? `Reële-tarieventoets geslaagd: aanbieders met ${share} van de omzet halen minstens break-even (drempel ${formatPercent(b.threshold)}).${be}`
    : `Reële-tarieventoets niet geslaagd: aanbieders met ${share} van de omzet halen minstens break-even (drempel ${formatPercent(b.threshold)}).${be} Uw motivering wordt met de versie gepubliceerd.`;
}

// ---------------------------------------------------------------------------
// Published: what everyone who may see the kader reads (aggregates only), and a provider's own standing

export type PublishedBreakevenView = {
  assumptions: { costIndexation: string; volumeChange: string; opslagen: string; threshold: string; thresholdRef: string };
  ruling: typeof THRESHOLD_RULING;
  accountsYear: number | null;
  accountsSha256: string;
  accountsVersion: number;
  basistarief: string;
  share: string;
  passes: boolean;
  threshold: string;
  breakEven: string | null;
  providersCounted: number;
  providersPassing: number;
  withoutAccounts: number;
  justification: string | null;
  testFileSha256: string;
  references: { kader: string; inputs: string; tariffTable: string | null };
  /** A provider's own line (its own figures only), when the viewer is a provider counted in the test. */
  own: { result: string; passes: boolean; method: "engine" | "scaled"; wlz: string; costs: string; other: string; financing: string; trace: BreakevenStep[] } | null;
  /** The viewer is a provider of the kader's regions that the test did not count. */
  ownNotCounted: boolean;
};

export function storedBreakevenTest(db: Db, kaderVersionId: number) {
  return db.select().from(kaderBreakevenTests).where(eq(kaderBreakevenTests.kaderVersionId, kaderVersionId)).get() ?? null;
}

/** The published test of a version, or null when none was run. `providerAgb`: the viewing provider's AGB code, for its own standing. */
export function publishedBreakevenView(db: Db, kaderVersionId: number, viewer: { providerAgb: string | null }): PublishedBreakevenView | null {
  const stored = storedBreakevenTest(db, kaderVersionId);
  if (!stored) return null;
  const o = stored.outcome as unknown as BreakevenOutcome;
  const accounts = db.select().from(annualAccountsImports).where(eq(annualAccountsImports.id, stored.accountsImportId)).get();
  const test = JSON.parse(stored.testFile) as { references: { kader: { sha256: string }; inputs: { sha256: string }; tariffTable?: { sha256: string } } };
  let own: PublishedBreakevenView["own"] = null;
  let ownNotCounted = false;
  if (viewer.providerAgb !== null) {
    const pseudonym = new Map(stored.pseudonyms).get(viewer.providerAgb);
    const line = pseudonym === undefined ? undefined : o.test.providers.find((p) => p.provider === pseudonym);
    if (line) own = { result: line.result, passes: line.passes, method: line.method, wlz: line.wlz, costs: line.costs, other: line.other, financing: line.financing, trace: line.trace };
    else ownNotCounted = true;
  }
  const s = outcomeSummary(o);
  return {
    assumptions: {
      costIndexation: o.assumptions.costIndexation,
      volumeChange: o.assumptions.volumeChange,
      opslagen: OPSLAGEN_LABEL[o.assumptions.opslagen],
      threshold: o.assumptions.threshold,
      thresholdRef: o.assumptions.thresholdRef,
    },
    ruling: THRESHOLD_RULING,
    accountsYear: accounts?.year ?? null,
    accountsSha256: accounts?.sha256 ?? "",
    accountsVersion: accounts?.version ?? 0,
    basistarief: s.basistarief,
    share: s.share,
    passes: s.passes,
    threshold: s.threshold,
    breakEven: s.breakEven,
    providersCounted: s.providersCounted,
    providersPassing: s.providersPassing,
    withoutAccounts: s.withoutAccounts,
    justification: stored.justification,
    testFileSha256: sha256(stored.testFile),
    references: { kader: test.references.kader.sha256, inputs: test.references.inputs.sha256, tariffTable: test.references.tariffTable?.sha256 ?? null },
    own,
    ownNotCounted,
  };
}

/** The test file or the pseudonymised inputs of a published version, as a download; 404 when none was published. */
export function breakevenFileResponse(db: Db, slug: string, version: { id: number; number: number }, which: "test" | "inputs"): Response {
  const stored = storedBreakevenTest(db, version.id);
  if (!stored) throw new Response("Bij deze versie is geen reële-tarieventoets gepubliceerd.", { status: 404 });
  const name = which === "test" ? `${slug}-v${version.number}-reele-tarieventoets.json` : `${slug}-v${version.number}-reele-tarieventoets-invoer.json`;
  return new Response(which === "test" ? stored.testFile : stored.inputsFile, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}

/** For the kader page: the published test of a version, with the viewing provider's own line (by its organisation). */
export function publishedBreakevenForViewer(kaderVersionId: number, providerId: number | null, db: Db = getDb()): PublishedBreakevenView | null {
  const agb = providerId === null ? null : (db.select({ agb: organisations.agbCode }).from(organisations).where(eq(organisations.id, providerId)).get()?.agb ?? null);
  // A provider without an AGB code matches no line: it sees the aggregate only.
  return publishedBreakevenView(db, kaderVersionId, { providerAgb: providerId === null ? null : (agb ?? "") });
}
