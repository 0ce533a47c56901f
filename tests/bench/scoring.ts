// National-scale benchmark of the scoring engine (`npm run -s bench -- scoring`).
//
// Builds a deterministic data set (seeded PRNG): 31 zorgkantoorregio's, each
// with its own kader; 3,000 providers with all 40 prestaties; two points
// modules with five target groups each (one absolute with bands, one relative
// with a linear mapping); about 200,000 lines. Then times the full recompute
// WITH traces against a baseline that only does the bare decimal arithmetic
// per line (N + V × p / 100, rounded; scoring-baseline.ts, in its own process),
// and prints the figures; the last line is one JSON object.
import { fork } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { D } from "../../scoring/decimal";
import { computeTariffs, parseInputs, parseKader, type Inputs, type Kader, type Result } from "../../scoring/index";
import { collectGarbage } from "./gc";
import type { BaselineJob, BaselineTimes } from "./scoring-baseline";
import { runFile50MB } from "./scoring-file";

export const REGIONS = 31;
export const PROVIDERS = 3000;
const SEED = 20260101;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildDataSet(seed = SEED): { kader: unknown; inputs: unknown }[] {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cents = (lo: number, hi: number) => (int(lo * 100, hi * 100) / 100).toFixed(2);
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;

  // 40 prestaties: 15 V&V, 15 GHZ, 10 GGZ; illustrative amounts.
  const prestaties = [
    ...Array.from({ length: 15 }, (_, i) => ({ code: `${i + 1}VV`, sector: "VV" })),
    ...Array.from({ length: 15 }, (_, i) => ({ code: `${i + 1}GHZ`, sector: "GHZ" })),
    ...Array.from({ length: 10 }, (_, i) => ({ code: `${i + 1}GGZ-B`, sector: "GGZ" })),
  ];
  const tariffs = prestaties.map((p) => ({
    code: p.code,
    sector: p.sector,
    label: `Prestatie ${p.code}`,
    unit: "dag",
    max: cents(120, 420),
    components: { NHC: cents(15, 35), NIC: cents(2, 6) },
  }));
  const groupsVV = ["jonge-dementie", "obesitas", "nah", "parkinson", "lvhc"];
  const groupsGHZ = ["kinderen-complex", "vrouwen-mvb", "ouderen-lvb", "mannen-lvb", "ernstig-gedrag"];
  const scale = [0, 2, 4, 6, 8, 10];
  const criteria = (minScore?: number) => [
    { id: "visie", label: "Visie en doelgroepanalyse", weight: 1, scale },
    { id: "aanpak", label: "Plan van aanpak", weight: 2, scale, ...(minScore !== undefined && { minScore }) },
    { id: "expertise", label: "Expertise en personeel", weight: 1, scale },
    { id: "resultaat", label: "Meetbare resultaten", weight: 1.5, scale },
  ];

  const sets: { kader: unknown; inputs: unknown }[] = [];
  let agb = 10000000;
  for (let r = 0; r < REGIONS; r++) {
    const id = `regio-${String(r + 1).padStart(2, "0")}-2026`;
    const kader = {
      format: "zorginkoop.kader/v1",
      id,
      title: `Inkoopkader Wlz 2026 regio ${r + 1}`,
      zorgkantoor: `Zorgkantoor ${r + 1}`,
      year: 2026,
      rounding: { decimals: 2, mode: "half-up" },
      percentDecimals: 4,
      maxPercent: 100,
      nonNegotiable: ["NHC", "NIC"],
      baseRate: { default: (93 + int(0, 20) / 10).toFixed(1), bySector: { GGZ: 95 }, byPrestatie: { "10VV": 96 } },
      previousYear: { mode: "cap", over: ["standaard"] },
      surcharges: [
        { id: "standaard", kind: "fixed", label: "Standaard opslag bij ingediend plan", ref: "par. 4.2", percent: 2, when: { fact: "planIngediend", op: "==", value: true } },
        {
          id: "innovatie",
          kind: "fixed",
          label: "Opslag innovatie",
          ref: "par. 4.3",
          percent: 0.5,
          when: { all: [{ fact: "innovatieplan", op: "==", value: true }, { fact: "fte", op: ">=", value: 25 }] },
        },
        {
          id: "complexe-zorg-vv",
          kind: "points",
          label: "Module complexe zorg V&V",
          ref: "bijlage A",
          appliesTo: { sectors: ["VV"], prestaties: prestaties.slice(4, 14).map((p) => p.code) },
          targetGroups: groupsVV.map((g) => ({ id: g, label: g })),
          criteria: criteria(4),
          threshold: 20,
          mapping: { basis: "absolute", bands: [{ from: 20, percent: 1 }, { from: 28, percent: 2.5 }, { from: 34, percent: 4 }, { from: 40, percent: 6 }] },
        },
        {
          id: "complexe-zorg-ghz",
          kind: "points",
          label: "Module complexe zorg GHZ",
          ref: "bijlage B",
          appliesTo: { prestaties: prestaties.slice(18, 28).map((p) => p.code) },
          targetGroups: groupsGHZ.map((g) => ({ id: g, label: g })),
          criteria: criteria(),
          threshold: 15,
          mapping: { basis: "relative", linear: { from: 50, to: 100, fromPercent: 0.5, toPercent: 5 } },
        },
      ],
    };
    const count = Math.floor(PROVIDERS / REGIONS) + (r < PROVIDERS % REGIONS ? 1 : 0);
    const providers = Array.from({ length: count }, () => {
      const assess = (module: string, groups: string[]) => {
        const chosen = groups.filter(() => random() < 0.3);
        return chosen.map((g) => ({
          module,
          targetGroup: g,
          scores: { visie: pick(scale), aanpak: pick(scale), expertise: pick(scale), resultaat: pick(scale) },
        }));
      };
      return {
        id: String(agb++ * 7 % 100000000).padStart(8, "0"),
        name: `Zorgaanbieder ${agb}`,
        ...(random() < 0.7 && { previousYearPercent: cents(93, 99) }),
        facts: { planIngediend: random() < 0.9, innovatieplan: random() < 0.4, fte: int(5, 400) },
        assessments: [...assess("complexe-zorg-vv", groupsVV), ...assess("complexe-zorg-ghz", groupsGHZ)],
        volumes: Object.fromEntries(prestaties.map((p) => [p.code, int(0, 5000)])),
      };
    });
    sets.push({ kader, inputs: { format: "zorginkoop.inputs/v1", kader: id, tariffs, providers } });
  }
  return sets;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const ROUNDS = 5;

export async function run(): Promise<void> {
  const t0 = performance.now();
  const raw = buildDataSet();
  const t1 = performance.now();
  const parsed = raw.map(({ kader, inputs }) => {
    const k = parseKader(kader);
    if (!k.ok) throw new Error(`bench kader invalid: ${JSON.stringify(k.issues.slice(0, 3))}`);
    const i = parseInputs(inputs, k.value);
    if (!i.ok) throw new Error(`bench inputs invalid: ${JSON.stringify(i.issues.slice(0, 3))}`);
    return { kader: k.value, inputs: i.value };
  });
  const t2 = performance.now();

  const engine = (sets: { kader: Kader; inputs: Inputs }[]): Result[] => sets.map((s) => computeTariffs(s.kader, s.inputs));

  // A first run (the warm-up) gives the figures and the baseline's inputs: N and V per tariff, p per line.
  let reference: Result[] | undefined = engine(parsed);
  const lineCount = reference.reduce((n, r) => n + r.lines.length, 0);
  const traceSteps = reference.reduce((n, r) => n + r.lines.reduce((m, l) => m + l.trace.length, 0), 0);
  const parts: BaselineJob["parts"] = {};
  for (const t of parsed[0]!.inputs.tariffs) {
    const n = new D(t.components?.NHC ?? 0).plus(t.components?.NIC ?? 0);
    parts[t.code] = [n.toFixed(), new D(t.max).minus(n).toFixed()];
  }
  const job: BaselineJob = { parts, lines: reference.flatMap((r) => r.lines.map((l) => [l.prestatie, l.percent, l.tariff] as [string, string, string])), rounds: ROUNDS };
  reference = undefined; // not kept alive during the timings

  // Wall clock is what the targets are about; CPU time (user + system, all threads,
  // GC included) is printed too, as it says more on a machine shared with other work.
  const engineTimes: number[] = [];
  const engineCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage();
    const c = process.cpuUsage();
    const start = performance.now();
    engine(parsed);
    engineTimes.push(performance.now() - start);
    const used = process.cpuUsage(c);
    engineCpu.push((used.user + used.system) / 1000);
  }
  const peakMemoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const baselineTimes = await runBaseline(job);

  const engineMs = median(engineTimes);
  const baselineMs = median(baselineTimes.wall);
  const out = (s: string) => process.stdout.write(s + "\n");
  out("scoring: national recompute with traces");
  out(`  data set:    ${REGIONS} regions, ${parsed.reduce((n, s) => n + s.inputs.providers.length, 0)} providers, ${parsed[0]!.inputs.tariffs.length} prestaties, ${lineCount} lines, ${traceSteps} trace steps (built in ${seconds(t1 - t0)} s)`);
  out(`  validation:  ${seconds(t2 - t1)} s (parseKader + parseInputs of all regions, not in the figures below)`);
  out(`  engine:      ${seconds(engineMs)} s wall, median of ${ROUNDS} (${engineTimes.map(seconds).join(", ")}); CPU ${seconds(median(engineCpu))} s`);
  out(`  baseline:    ${seconds(baselineMs)} s wall, median of ${ROUNDS} (${baselineTimes.wall.map(seconds).join(", ")}); CPU ${seconds(median(baselineTimes.cpu))} s (own process)`);
  out(`  ratio:       ${(engineMs / baselineMs).toFixed(2)}× baseline (wall), ${(median(engineCpu) / median(baselineTimes.cpu)).toFixed(2)}× (CPU)`);
  out(`  load:        ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (1/5/15 min) on ${os.availableParallelism()} cores`);
  out(`  peak memory: ${peakMemoryMB} MB (max RSS of the engine's process)`);
  const file = await runFile50MB();
  const fileMB = file.bytes / 1024 / 1024;
  out(
    `  50 MB file:  ${fileMB.toFixed(1)} MB inputs through the command line: ${file.exitCode === 0 ? "computed" : `refused (exit ${file.exitCode}: ${file.firstProblem})`} in ${file.seconds} s, peak memory ${file.peakMemoryMB} MB (${(file.peakMemoryMB / fileMB).toFixed(1)}× the file)`,
  );
  out(
    JSON.stringify({
      lines: lineCount,
      seconds: seconds(engineMs),
      baselineSeconds: seconds(baselineMs),
      ratio: Math.round((engineMs / baselineMs) * 100) / 100,
      peakMemoryMB,
      file50MBSeconds: file.seconds,
      file50MBPeakMemoryMB: file.peakMemoryMB,
    }),
  );
}

/** The baseline in a process of its own, so that the two workloads do not disturb each other's warm-up. */
function runBaseline(job: BaselineJob): Promise<BaselineTimes> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./scoring-baseline.ts", import.meta.url)), [], { execArgv: process.execArgv, serialization: "advanced" });
    let times: BaselineTimes | undefined;
    child.once("message", (m) => (times = m as BaselineTimes));
    child.once("error", reject);
    child.once("exit", (code) => (times && code === 0 ? resolve(times) : reject(new Error(`baseline process failed (exit ${code})`))));
    child.send(job);
  });
}
