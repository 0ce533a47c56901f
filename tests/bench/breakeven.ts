// National-scale benchmark of the reële-tarieventoets (`npm run -s bench -- breakeven`).
//
// One kader over the whole deterministic national field of scoring.ts (3,000 providers, all
// 40 prestaties, previous-year cap over the standard surcharge) with deterministic annual accounts:
// each provider's costs are set so that it breaks even somewhere between 92 % and 101 % (so some
// never do), 5 % have no volumes (their revenue is scaled from their accounts) and 2 % have no
// accounts. Times the whole test plus the break-even search (median of 3) against a baseline
// measured in the same run: one full engine run on the same field. The last line is one JSON object.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { breakeven, kaderForTest, parseBreakevenTest } from "../../scoring/breakeven/index";
import { computeTariffs, parseInputs, parseKader, type Inputs, type Kader } from "../../scoring/index";
import { collectGarbage } from "./gc";
import { buildDataSet } from "./scoring";

const SEED = 20261301;
const ROUNDS = 3;

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

/** The national field as one kader, with accounts; `opslagen` says which surcharges the test counts. */
export function buildBreakevenField(opslagen: "none" | "fixed" | "expected" = "fixed"): { kader: Kader; inputs: Inputs; test: unknown } {
  const sets = buildDataSet() as { kader: Record<string, unknown>; inputs: { tariffs: { code: string; max: string; components: { NHC: string; NIC: string } }[]; providers: Record<string, unknown>[] } }[];
  const random = prng(SEED);
  const first = sets[0]!;
  const kader = parseKader({ ...first.kader, id: "nationaal-2026", baseRate: { default: "94", bySector: { GGZ: 95 }, byPrestatie: { "10VV": 96 } } });
  if (!kader.ok) throw new Error(`bench kader invalid: ${JSON.stringify(kader.issues.slice(0, 3))}`);
  const tariffs = first.inputs.tariffs;
  const providers: Record<string, unknown>[] = [];
  const accounts: Record<string, unknown>[] = [];
  for (const set of sets) {
    for (const p of set.inputs.providers) {
      const volumes = p.volumes as Record<string, number>;
      // Roughly the Wlz revenue at 100 % and per percentage point (floats: only to choose the figures).
      let at100 = 0;
      let perPoint = 0;
      for (const t of tariffs) {
        const v = volumes[t.code] ?? 0;
        at100 += Number(t.max) * v;
        perPoint += ((Number(t.max) - Number(t.components.NHC) - Number(t.components.NIC)) / 100) * v;
      }
      const scaled = random() < 0.05;
      providers.push(scaled ? { ...p, volumes: undefined } : p);
      if (random() < 0.02) continue;
      const breakEven = 92 + random() * 9;
      const wlz = Math.round(at100 * 0.955);
      const other = Math.round(wlz * random() * 0.2);
      const finIn = Math.round(wlz * random() * 0.005);
      const finOut = Math.round(wlz * random() * 0.02);
      const revenue = at100 - (100 - breakEven) * perPoint;
      const costs = (revenue + other + finIn - finOut) / 1.03;
      accounts.push({
        provider: p.id,
        year: 2024,
        wlzOmzet: String(wlz),
        totaleOmzet: String(wlz + other),
        personeelskosten: String(Math.max(0, Math.round(costs * 0.72))),
        overigeBedrijfskosten: String(Math.max(0, Math.round(costs * 0.28))),
        financieleBaten: String(finIn),
        financieleLasten: String(finOut),
        tariefpercentage: "95.5",
      });
    }
  }
  const inputs = parseInputs(JSON.parse(JSON.stringify({ format: "zorginkoop.inputs/v1", kader: "nationaal-2026", tariffs, providers })), kader.value);
  if (!inputs.ok) throw new Error(`bench inputs invalid: ${JSON.stringify(inputs.issues.slice(0, 3))}`);
  const test = {
    format: "zorginkoop.breakeven/v1",
    kader: "nationaal-2026",
    references: { kader: { sha256: "0".repeat(64) }, inputs: { sha256: "0".repeat(64) } },
    assumptions: { costIndexation: "3", volumeChange: "0", opslagen, threshold: "75", searchFrom: "85" },
    accounts,
  };
  return { kader: kader.value, inputs: inputs.value, test };
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<void> {
  const { kader, inputs, test: raw } = buildBreakevenField("fixed");
  const test = parseBreakevenTest(raw, kader, inputs);
  if (!test.ok) throw new Error(`bench test invalid: ${JSON.stringify(test.issues.slice(0, 3))}`);
  const prestaties = inputs.tariffs.length;

  // Baseline: one full engine run on the same field and kader as the test runs it.
  const asRun = kaderForTest(kader, test.value.assumptions.opslagen);
  computeTariffs(asRun, inputs); // warm-up
  const baseline: number[] = [];
  let lines = 0;
  for (let i = 0; i < ROUNDS; i++) {
    collectGarbage();
    const start = performance.now();
    lines = computeTariffs(asRun, inputs).lines.length;
    baseline.push(performance.now() - start);
  }

  const times: number[] = [];
  let outcome: ReturnType<typeof breakeven> | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    outcome = undefined;
    collectGarbage();
    const start = performance.now();
    outcome = breakeven(kader, inputs, test.value);
    times.push(performance.now() - start);
  }
  if (!outcome?.ok) throw new Error("bench test refused");
  const o = outcome.value;
  const ms = median(times);
  const out = (s: string) => process.stdout.write(s + "\n");
  out("breakeven: reële-tarieventoets and break-even search, national field");
  out(`  field:       ${inputs.providers.length} providers (${o.test.providers.length} with accounts, ${o.test.providers.filter((p) => p.method === "scaled").length} scaled from accounts), ${prestaties} prestaties, ${lines} lines per full run`);
  out(`  outcome:     share ${o.test.share} % at ${o.test.basistarief} % (${o.test.passes ? "passes" : "fails"}); break-even ${o.breakEven.percent ?? "none"} %; ${o.breakEven.curve.length} curve points`);
  out(`  search:      ${seconds(ms)} s wall, median of ${ROUNDS} (${times.map(seconds).join(", ")}); ${o.breakEven.engineRuns} engine runs computing ${o.breakEven.linesComputed} lines (${(o.breakEven.linesComputed / lines).toFixed(2)} full runs)`);
  out(`  baseline:    ${seconds(median(baseline))} s wall for one full engine run, median of ${ROUNDS} (${baseline.map(seconds).join(", ")}); search = ${(ms / median(baseline)).toFixed(2)}× one run`);
  out(`  load:        ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (1/5/15 min) on ${os.availableParallelism()} cores`);
  out(
    JSON.stringify({
      providers: inputs.providers.length,
      prestaties,
      seconds: seconds(ms),
      engineRuns: o.breakEven.engineRuns,
      linesComputed: o.breakEven.linesComputed,
      fullRunSeconds: seconds(median(baseline)),
      breakEven: o.breakEven.percent,
    }),
  );
}
