// Crash test at full size (`npm run -s bench -- submissions-crash`): 3,000 providers, the server
// killed with SIGKILL in the middle of each of several surges and restarted on the same
// database; every receipt is then checked (tests/bench/submissions-harness.ts, crashRounds).
// The same test at a smaller size runs in `npm test`: tests/e2e/submission-crash.test.ts.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { buildApp, crashRounds, durabilitySettings, prepareBenchDatabase } from "./submissions-harness";

const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 48);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const out = (s: string) => process.stdout.write(s + "\n");

export async function run(): Promise<void> {
  await buildApp();
  const bench = await prepareBenchDatabase({ count: PROVIDERS, closesInMs: 30 * 60 * 1000 });
  try {
    out(`submissions-crash: ${ROUNDS} surges of ${PROVIDERS} providers, SIGKILL in the middle of each, restart on the same database`);
    const t0 = performance.now();
    const report = await crashRounds(bench, { rounds: ROUNDS, concurrency: CONCURRENCY, log: (line) => out(`  ${line}`) });
    const settings = durabilitySettings(bench.file);
    out(`  total:       ${report.acknowledged} receipts (${report.inFlightResolved} of ${report.inFlightAtKill} cut off by a kill obtained on retry), ${report.verified} verified, lost ${report.lost.length}${report.lost.length ? ` (first: ${JSON.stringify(report.lost[0])})` : ""}`);
    out(`  retries:     ${report.retried} attempts with a receipt retried after a restart; ${report.retryMismatches.length} got another answer${report.retryMismatches.length ? ` (first: ${JSON.stringify(report.retryMismatches[0])})` : ""}`);
    out(`  database:    integrity_check ${report.integrity}; audit chain ${report.auditChain.ok ? `intact (${report.auditChain.events} events)` : `BROKEN ${report.auditChain.reason}`}; journal_mode ${settings.journalMode}, synchronous ${settings.synchronous}`);
    if (Object.keys(report.refusals).length > 0) out(`  refusals:    ${JSON.stringify(report.refusals)}`);
    out(`  time:        ${Math.round((performance.now() - t0) / 100) / 10} s`);
    out(
      JSON.stringify({
        rounds: report.rounds,
        acknowledged: report.acknowledged,
        verified: report.verified,
        lost: report.lost.length,
        retryMismatches: report.retryMismatches.length,
        integrity: report.integrity,
        auditChain: report.auditChain.ok,
      }),
    );
    if (report.lost.length > 0 || report.retryMismatches.length > 0 || report.integrity !== "ok" || !report.auditChain.ok) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(bench.dir, { recursive: true, force: true });
  }
}
