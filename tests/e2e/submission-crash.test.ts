/**
 * The crash test (issue 9, "Numbers") at a size that fits `npm test`: the real server on its own
 * fresh database (not the shared e2e server), killed with SIGKILL in the middle of each of three
 * submission surges and restarted on the same database. After each restart and at the end:
 * every submission that got a receipt (303 to a version) is stored with the hash of the content
 * sent and `verifyReceipt` holds for it, every retry of an acknowledged attempt with its key gets
 * the same version back, `PRAGMA integrity_check` is ok and the audit chain verifies.
 * Full size: `npm run -s bench -- submissions-crash` (tests/bench/submissions-crash.ts).
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashRounds, durabilitySettings, prepareBenchDatabase, type BenchDb } from "../bench/submissions-harness";

// Small enough for `npm test` on a shared machine: most of the time goes to the four server starts.
const PROVIDERS = 40;

describe("submissions survive a killed server", () => {
  let bench: BenchDb;
  beforeAll(async () => {
    // The e2e global setup has built the app already.
    bench = await prepareBenchDatabase({ count: PROVIDERS, closesInMs: 10 * 60 * 1000 });
  });
  afterAll(() => {
    if (bench) fs.rmSync(bench.dir, { recursive: true, force: true });
  });

  it("the server's connection is WAL with synchronous=FULL", () => {
    expect(durabilitySettings(bench.file)).toEqual({ journalMode: "wal", synchronous: 2 });
  });

  it("keeps every acknowledged submission through three SIGKILLs mid-surge", { timeout: 120_000 }, async () => {
    const log: string[] = [];
    const started = Date.now();
    const report = await crashRounds(bench, { rounds: 3, concurrency: 8, log: (line) => log.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${line}`) });
    expect(report.lost, log.join("\n")).toEqual([]);
    // Each kill came in the middle of a surge: some receipts before it, not all providers reached.
    expect(report.killedAfter).toHaveLength(3);
    for (const n of report.killedAfter) {
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(PROVIDERS);
    }
    expect(report.refusals).toEqual({});
    expect(report.acknowledged).toBeGreaterThanOrEqual(report.killedAfter.reduce((a, b) => a + b, 0));
    expect(report.lost).toEqual([]);
    expect(report.verified).toBe(report.acknowledged);
    expect(report.retried).toBe(report.killedAfter.reduce((a, b) => a + b, 0));
    expect(report.retryMismatches).toEqual([]);
    // Every attempt the kill cut off got its receipt on the retry with its own key.
    expect(report.inFlightResolved).toBe(report.inFlightAtKill);
    expect(report.integrity).toBe("ok");
    expect(report.auditChain.ok).toBe(true);
  });
});
