// The computing half of a scoring run: from the stored kader version and the stored canonical
// inputs to everything the run stores. No database, no clock: it runs in a worker thread
// (scoring-run.worker.ts) so that a national field's seconds of computing never stall the
// server, and the same function runs in the tests and the bench.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { canonicalJson } from "../../../db/canonical-json";
import { sizeIssues } from "../../../scoring/format/size-limits";
import { computeTariffs, parseInputs, parseKader, rankOrderCheck, runResultBytes, type Kader, type Result } from "../../../scoring";

export type RunJob = {
  kaderContent: unknown;
  inputsJson: string;
  /** When set, the worker stores the outcome itself, through its own connection to this file. */
  store?: { file: string; context: import("./scoring-run-store").RunStoreContext };
};

export type RunPhase = "parse" | "compute" | "rank" | "store";
export type RunProgress = { phase: RunPhase };

/** One provider's stored lines: [[prestatie, targetGroup, percent, tariff], …] as canonical JSON, and its budget total. */
export type ProviderLines = [agbCode: string, linesJson: string, budgetTotal: string | null];

export type RunOutput =
  | {
      ok: true;
      resultSha256: string;
      resultGz: Uint8Array;
      modulesJson: string;
      budgetJson: string | null;
      fieldBestJson: string;
      rankFindingsJson: string;
      summaryJson: string;
      providers: ProviderLines[];
      lineCount: number;
      findingCount: number;
      /** The engine's own time (parsing the inputs and computing), for the bench. */
      engineMs: number;
      /** Milliseconds per step after the engine, for the bench's breakdown. */
      stepsMs: { rankCheck: number; resultDocument: number; hashAndGzip: number; linesAndJson: number };
    }
  | { ok: false; message: string };

export type RunSummary = {
  providers: { id: string; name: string | null }[];
  lines: number;
  modules: number;
  findings: number;
};

export const sha256 = (text: string | Uint8Array) => createHash("sha256").update(text).digest("hex");

/** The best points per relative module and target group in the result: what a provider needs to verify alone. */
export function fieldBestOf(kader: Kader, result: Result): { module: string; targetGroup: string | null; points: string }[] {
  const best = new Map<string, string>();
  const relative = new Set(kader.surcharges.filter((s) => s.kind === "points" && s.mapping.basis === "relative").map((s) => s.id));
  for (const m of result.modules) {
    if (!relative.has(m.module)) continue;
    const key = JSON.stringify([m.module, m.targetGroup]);
    const current = best.get(key);
    // Points are canonical decimals; compare exactly through the step's own decimal text.
    if (current === undefined || compareDecimal(m.points, current) > 0) best.set(key, m.points);
  }
  const out: { module: string; targetGroup: string | null; points: string }[] = [];
  for (const s of kader.surcharges) {
    if (!relative.has(s.id) || s.kind !== "points") continue;
    for (const g of s.targetGroups?.map((t) => t.id) ?? [null]) {
      const points = best.get(JSON.stringify([s.id, g]));
      if (points !== undefined) out.push({ module: s.id, targetGroup: g, points });
    }
  }
  return out;
}

/** Compares two non-negative canonical decimal strings exactly. */
function compareDecimal(a: string, b: string): number {
  const [ai = "", af = ""] = a.split(".");
  const [bi = "", bf = ""] = b.split(".");
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const x = af.padEnd(len, "0");
  const y = bf.padEnd(len, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Groups the result's lines per provider (the engine writes them sorted by provider). */
function providerLines(result: Result): ProviderLines[] {
  const totals = new Map((result.budget?.byProvider ?? []).map((b) => [b.provider, b.total]));
  const out: ProviderLines[] = [];
  let current: string | null = null;
  let parts: string[] = [];
  const flush = () => {
    if (current !== null) out.push([current, `[${parts.join(",")}]`, totals.get(current) ?? null]);
  };
  for (const l of result.lines) {
    if (l.provider !== current) {
      flush();
      current = l.provider;
      parts = [];
    }
    parts.push(`[${JSON.stringify(l.prestatie)},${JSON.stringify(l.targetGroup)},${JSON.stringify(l.percent)},${JSON.stringify(l.tariff)}]`);
  }
  flush();
  return out;
}

export function computeRun(job: RunJob, progress: (p: RunProgress) => void = () => {}): RunOutput {
  const started = performance.now();
  progress({ phase: "parse" });
  const kader = parseKader(job.kaderContent);
  if (!kader.ok) return { ok: false, message: "De kaderversie kon niet worden gelezen." };
  const inputs = parseInputs(JSON.parse(job.inputsJson), kader.value);
  if (!inputs.ok) {
    const issues = inputs.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    return { ok: false, message: `De invoer is niet geldig voor de rekenkern: ${issues.join("; ")}` };
  }
  const tooLarge = sizeIssues(kader.value, inputs.value);
  if (tooLarge.length > 0) return { ok: false, message: `De invoer is te groot voor één berekening: ${tooLarge.map((i) => i.message).join("; ")}` };
  progress({ phase: "compute" });
  const result = computeTariffs(kader.value, inputs.value);
  const engineMs = performance.now() - started;
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return Math.round(ms);
  };
  progress({ phase: "rank" });
  const findings = rankOrderCheck(kader.value, inputs.value);
  const rankCheck = lap();
  progress({ phase: "store" });
  const document = runResultBytes(result);
  const resultDocument = lap();
  const resultSha256 = sha256(document);
  // Level 1: the document is repetitive enough that higher levels gain little for their time.
  // Its own buffer, so that the worker can transfer it.
  const resultGz = new Uint8Array(gzipSync(document, { level: 1 }));
  const hashAndGzip = lap();
  const summary: RunSummary = {
    providers: inputs.value.providers.map((p) => ({ id: p.id, name: p.name ?? null })),
    lines: result.lines.length,
    modules: result.modules.length,
    findings: findings.length,
  };
  const rest = {
    modulesJson: canonicalJson(result.modules),
    budgetJson: result.budget ? canonicalJson(result.budget) : null,
    fieldBestJson: canonicalJson(fieldBestOf(kader.value, result)),
    rankFindingsJson: canonicalJson(findings),
    summaryJson: canonicalJson(summary),
    providers: providerLines(result),
  };
  const linesAndJson = lap();
  return {
    ok: true,
    resultSha256,
    resultGz,
    ...rest,
    lineCount: result.lines.length,
    findingCount: findings.length,
    stepsMs: { rankCheck, resultDocument, hashAndGzip, linesAndJson },
    engineMs,
  };
}
