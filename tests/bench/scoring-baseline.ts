// The scoring benchmark's baseline, run in its own process (forked by
// scoring.ts) so that neither workload warms up or disturbs decimal.js for the
// other: per line only N + V × p / 100, rounded half-up to cents. It receives
// N and V per tariff and (tariff, p, expected tariff) per line, checks its
// results against the engine's, and sends back its timings.
import { performance } from "node:perf_hooks";
import { D, type Dec } from "../../scoring/decimal";
import { collectGarbage } from "./gc";

export type BaselineJob = { parts: Record<string, [n: string, v: string]>; lines: [code: string, percent: string, expected: string][]; rounds: number };
export type BaselineTimes = { wall: number[]; cpu: number[] };

process.once("message", (job: BaselineJob) => {
  const parts = new Map<string, { n: Dec; v: Dec }>(Object.entries(job.parts).map(([code, [n, v]]) => [code, { n: new D(n), v: new D(v) }]));
  const lines = job.lines.map(([code, percent]) => ({ ...parts.get(code)!, p: new D(percent) }));
  const baseline = () => lines.map((l) => l.n.plus(l.v.times(l.p).div(100)).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2));

  const check = baseline(); // also the warm-up
  const wrong = check.filter((t, i) => t !== job.lines[i]![2]).length;
  if (wrong > 0) throw new Error(`baseline and engine disagree on ${wrong} lines`);

  const times: BaselineTimes = { wall: [], cpu: [] };
  for (let round = 0; round < job.rounds; round++) {
    collectGarbage();
    const c = process.cpuUsage();
    const start = performance.now();
    baseline();
    times.wall.push(performance.now() - start);
    const used = process.cpuUsage(c);
    times.cpu.push((used.user + used.system) / 1000);
  }
  process.send!(times, () => process.exit(0));
});
