// The pages' view of scoring runs: the runs of a kader with what a start would do, and one run's
// results (per module and target group the ranking, the score distribution, knock-outs and
// thresholds; the budget against the contracteerruimte; the rank-order findings; the difference
// against the run it corrects). Everything shown comes from what the run stored.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderVersions, users } from "../../../db/schema";
import { parseKader, type ModuleResult, type PointsSurcharge } from "../../../scoring";
import type { KaderRow } from "../kaders/access.server";
import {
  listRuns,
  loadRun,
  runDiff,
  runFindings,
  runPreconditions,
  runState,
  runSummary,
  RUN_FILES,
  type ProviderDiff,
  type RunListItem,
  type ScoringRunRow,
  type UnscoredPlan,
} from "./scoring-run.server";

export type RunsPage = {
  runs: RunListItem[];
  start: { ok: true; correctsNumber: number | null } | { ok: false; message: string; unscored: UnscoredPlan[] };
};

export function runsPage(db: Db, kader: KaderRow): RunsPage {
  const pre = runPreconditions(db, kader);
  return {
    runs: listRuns(db, kader.id),
    start: pre.ok ? { ok: true, correctsNumber: pre.corrects?.number ?? null } : { ok: false, message: pre.message, unscored: pre.unscored ?? [] },
  };
}

export type RankingRow = { agbCode: string; name: string; points: string; input: string; percent: string; knockout: ModuleResult["knockout"]; rank: number };
export type GroupView = {
  module: string;
  moduleLabel: string;
  targetGroup: string | null;
  targetGroupLabel: string | null;
  basis: "absolute" | "relative";
  rules: string[];
  ranking: RankingRow[];
  /** Providers per raw points value, highest first. */
  distribution: { points: string; count: number }[];
};

export type RunView = {
  run: {
    id: number;
    number: number;
    state: ReturnType<typeof runState>["state"];
    phase: string | null;
    startedBy: string;
    startedAt: Date;
    finishedAt: Date | null;
    reason: string | null;
    correctsNumber: number | null;
    kaderVersion: number;
    kaderContentHash: string;
    tariffTableId: number;
    inputsSha256: string;
    resultSha256: string | null;
    engineVersion: string;
    error: string | null;
  };
  files: { name: string; label: string; sha256: string }[];
  results: {
    providers: number;
    lines: number;
    groups: GroupView[];
    knockouts: { agbCode: string; name: string; moduleLabel: string; targetGroupLabel: string | null; reason: string }[];
    budget: { total: string; ceiling: string | null; byProvider: { agbCode: string; name: string; total: string }[] } | null;
    findings: {
      moduleLabel: string;
      targetGroupLabel: string | null;
      provider: string;
      bestWith: string;
      bestWithout: string;
      changes: { provider: string; percentBefore: string; percentAfter: string; rankBefore: number; rankAfter: number }[];
    }[];
  } | null;
  diff: { againstNumber: number; providers: ProviderDiff[]; labels: Record<string, string> } | null;
};

const KNOCKOUT_TEXT = { threshold: "onder de drempel", minScore: "onder de minimumscore van een criterium" } as const;

/** Numbers for people: `formatNumber` lives in the browser-safe lib; here only the rules' wording. */
function rulesOf(module: PointsSurcharge, nl: (n: string | number) => string): string[] {
  const rules: string[] = [];
  if (module.threshold !== undefined) rules.push(`Drempel: ${nl(module.threshold)} punten; daaronder geen opslag.`);
  for (const c of module.criteria) if (c.minScore !== undefined) rules.push(`Minimumscore ${c.label}: ${nl(c.minScore)}.`);
  const m = module.mapping;
  const input = m.basis === "relative" ? "relatieve score (punten ÷ beste score × 100)" : "punten";
  if (m.bands) rules.push(`Schijven op de ${input}: ${m.bands.map((b) => `vanaf ${nl(b.from)}: ${nl(b.percent)} %`).join("; ")}.`);
  if (m.linear) rules.push(`Lineair op de ${input}: van ${nl(m.linear.from)} (${nl(m.linear.fromPercent)} %) tot ${nl(m.linear.to)} (${nl(m.linear.toPercent)} %).`);
  return rules;
}

const compareDesc = (a: string, b: string) => Number(b) - Number(a);

export function runView(db: Db, kader: KaderRow, run: ScoringRunRow, nl: (n: string | number) => string): RunView {
  const version = db.select().from(kaderVersions).where(eq(kaderVersions.id, run.kaderVersionId)).get()!;
  const parsed = parseKader(version.content);
  if (!parsed.ok) throw new Error(`kader version ${version.id} no longer parses`);
  const k = parsed.value;
  const starter = db.select({ name: users.name }).from(users).where(eq(users.id, run.startedBy)).get();
  const corrected = run.correctsRunId === null ? null : loadRun(db, kader.id, run.correctsRunId);
  const state = runState(db, run);
  const summary = runSummary(run);
  const names = new Map((summary?.providers ?? []).map((p) => [p.id, p.name ?? p.id]));
  const nameOf = (agb: string) => names.get(agb) ?? agb;
  const modules = new Map(k.surcharges.filter((s): s is PointsSurcharge => s.kind === "points").map((s) => [s.id, s]));
  const groupLabel = (module: string, group: string | null) => (group === null ? null : (modules.get(module)?.targetGroups?.find((g) => g.id === group)?.label ?? group));

  let results: RunView["results"] = null;
  if (run.status === "done" && run.modulesJson) {
    const outcomes = JSON.parse(run.modulesJson) as ModuleResult[];
    const groups: GroupView[] = [];
    for (const module of modules.values()) {
      for (const group of module.targetGroups?.map((g) => g.id) ?? [null]) {
        const entries = outcomes.filter((o) => o.module === module.id && o.targetGroup === group);
        const sorted = [...entries].sort((a, b) => compareDesc(a.percent, b.percent) || compareDesc(a.points, b.points) || nameOf(a.provider).localeCompare(nameOf(b.provider), "nl"));
        const distinct = [...new Set(sorted.map((e) => e.percent))];
        const counts = new Map<string, number>();
        for (const e of entries) counts.set(e.points, (counts.get(e.points) ?? 0) + 1);
        groups.push({
          module: module.id,
          moduleLabel: module.label,
          targetGroup: group,
          targetGroupLabel: groupLabel(module.id, group),
          basis: module.mapping.basis,
          rules: rulesOf(module, nl),
          ranking: sorted.map((e) => ({ agbCode: e.provider, name: nameOf(e.provider), points: e.points, input: e.input, percent: e.percent, knockout: e.knockout, rank: distinct.indexOf(e.percent) + 1 })),
          distribution: [...counts].sort((a, b) => compareDesc(a[0], b[0])).map(([points, count]) => ({ points, count })),
        });
      }
    }
    const budget = run.budgetJson ? (JSON.parse(run.budgetJson) as { total: string; byProvider: { provider: string; total: string }[] }) : null;
    results = {
      providers: summary?.providers.length ?? 0,
      lines: summary?.lines ?? 0,
      groups,
      knockouts: outcomes
        .filter((o) => o.knockout !== null)
        .map((o) => ({ agbCode: o.provider, name: nameOf(o.provider), moduleLabel: modules.get(o.module)?.label ?? o.module, targetGroupLabel: groupLabel(o.module, o.targetGroup), reason: KNOCKOUT_TEXT[o.knockout!] })),
      budget: budget ? { total: budget.total, ceiling: run.budgetCeiling, byProvider: budget.byProvider.map((b) => ({ agbCode: b.provider, name: nameOf(b.provider), total: b.total })) } : null,
      findings: runFindings(run).map((f) => ({
        moduleLabel: modules.get(f.module)?.label ?? f.module,
        targetGroupLabel: groupLabel(f.module, f.targetGroup),
        provider: nameOf(f.provider),
        bestWith: f.bestWith,
        bestWithout: f.bestWithout,
        changes: f.changes.map((c) => ({ ...c, provider: nameOf(c.provider) })),
      })),
    };
  }

  let diff: RunView["diff"] = null;
  if (run.status === "done" && corrected && corrected.status === "done") {
    const labels: Record<string, string> = Object.create(null);
    for (const m of modules.values()) for (const g of m.targetGroups ?? []) labels[g.id] = g.label;
    diff = { againstNumber: corrected.number, providers: runDiff(db, corrected, run), labels: { ...labels } };
  }

  return {
    run: {
      id: run.id,
      number: run.number,
      state: state.state,
      phase: state.phase,
      startedBy: starter?.name ?? "",
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      reason: run.reason,
      correctsNumber: corrected?.number ?? null,
      kaderVersion: version.number,
      kaderContentHash: run.kaderContentHash,
      tariffTableId: run.tariffTableId,
      inputsSha256: run.inputsSha256,
      resultSha256: run.resultSha256,
      engineVersion: run.engineVersion,
      error: run.error,
    },
    files: RUN_FILES.flatMap((name) => {
      const label = name === "kader.json" ? "Kaderversie (JSON)" : name === "invoer.json" ? "Invoer van de rekenkern (JSON)" : "Resultaat met alle berekeningen (JSON)";
      const sha256 = name === "kader.json" ? run.kaderContentHash : name === "invoer.json" ? run.inputsSha256 : run.resultSha256;
      return sha256 ? [{ name, label, sha256 }] : [];
    }),
    results,
    diff,
  };
}
