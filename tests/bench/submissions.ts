// Submission surge through HTTP (`npm run -s bench -- submissions`).
//
// A fresh database (tests/bench/submissions-harness.ts): the demo, a bench kader closing 15
// minutes from now (the whole run is the last minutes before the deadline), 3,000 providers in its regions with a session each; the real server
// (server/start.ts on the built app) on a free port. Then, with CONCURRENCY requests in flight:
//   1. a baseline: as many GETs of the login page (a light server-rendered page, no database);
//   2. every provider uploads one small PDF (multipart, purpose=algemeen);
//   3. every provider submits: the declaration, two plans (the module's two target groups), the
//      attachment. Only these submit POSTs count for `perSecond` and `p99Ms`.
// Afterwards every acknowledged receipt (303 to a version) is checked against the database:
// `lost` counts receipts missing there or stored with another hash than that of the content sent.
// Two more baselines say what the figures mean on a shared machine: the disk's durable commits per
// second (the ceiling for receipts, one commit each) and the server's CPU time per request.
// Knobs: BENCH_PROVIDERS, BENCH_CONCURRENCY, BENCH_CLOSES_IN_MINUTES; BENCH_KEEP=1 keeps the
// database; BENCH_CPU_PROF=<dir> makes the server write a V8 CPU profile there.
import type http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import {
  agentFor,
  buildApp,
  cpuMsOf,
  durableCommitsPerSecond,
  durabilitySettings,
  expectedContentSha,
  newKey,
  percentile,
  pool,
  postSubmit,
  prepareBenchDatabase,
  request,
  sha256Hex,
  smallPdf,
  startServer,
  submitForm,
  upload,
  verifyAcks,
  type Ack,
} from "./submissions-harness";

export const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 3000);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 48);
/** The kader closes this long after the set-up: the whole run is "the last minutes" before the deadline. */
export const CLOSES_IN_MINUTES = Number(process.env.BENCH_CLOSES_IN_MINUTES ?? 15);

const ms = (x: number) => Math.round(x * 10) / 10;
const out = (s: string) => process.stdout.write(s + "\n");

function summary(latencies: number[], wallMs: number, count: number): string {
  return `${count} in ${ms(wallMs / 1000)} s = ${Math.round(count / (wallMs / 1000))}/s; latency p50 ${ms(percentile(latencies, 50))} ms, p99 ${ms(percentile(latencies, 99))} ms, max ${ms(Math.max(0, ...latencies))} ms`;
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  await buildApp();
  const t1 = performance.now();
  const bench = await prepareBenchDatabase({ count: PROVIDERS, closesInMs: CLOSES_IN_MINUTES * 60 * 1000 });
  const t2 = performance.now();
  const server = await startServer(bench.file);
  // A fresh keep-alive agent per phase: a socket left idle between phases may be closed by the
  // server (keepAliveTimeout) just as the client reuses it, which would show as a lost request.
  let agent: http.Agent = agentFor(CONCURRENCY);
  const nextPhase = () => {
    agent.destroy();
    agent = agentFor(CONCURRENCY);
  };
  const cpu = () => cpuMsOf(server.child.pid) ?? NaN;
  try {
    out("submissions: surge of inschrijvingen through HTTP before the closing time");
    out(`  set-up:      build ${ms((t1 - t0) / 1000)} s; database with ${PROVIDERS} providers and sessions ${ms((t2 - t1) / 1000)} s; server ${server.baseURL}`);
    out(`  kader:       ${bench.slug} version ${bench.kaderVersion}, closes ${CLOSES_IN_MINUTES} minutes after the set-up; ${CONCURRENCY} requests in flight`);

    // Every request body is made before the clock starts.
    const pdfs = bench.providers.map((p) => smallPdf(`${p.agb} ronde 1`));
    const attempts = bench.providers.map((provider, i) => {
      const idempotencyKey = newKey(provider, 1);
      const form = submitForm(bench.kader, bench.kaderVersion, provider, sha256Hex(pdfs[i]!), idempotencyKey, 1);
      return { provider, idempotencyKey, form: form.toString(), contentSha256: expectedContentSha(bench.kader, form) };
    });

    // Warm-up: a few of each request kind, so that neither the baseline nor the surge pays for the first compilations.
    await pool(Array.from({ length: CONCURRENCY }), CONCURRENCY, async () => void (await request(agent, server.baseURL, "/login")));

    // 0. The disk's floor: durable single-row commits per second, before and after the surge.
    const fsyncBefore = durableCommitsPerSecond();

    // 1. Baseline.
    nextPhase();
    const baseLatencies: number[] = [];
    let baseFailures = 0;
    const bc = cpu();
    const b0 = performance.now();
    await pool(bench.providers, CONCURRENCY, async () => {
      const res = await request(agent, server.baseURL, "/login");
      if (res.status !== 200) baseFailures++;
      baseLatencies.push(res.ms);
    });
    const baseWall = performance.now() - b0;
    const baseCpu = cpu() - bc;

    // 2. Uploads.
    nextPhase();
    const uploadLatencies: number[] = [];
    const uploadFailures: string[] = [];
    const uc = cpu();
    const u0 = performance.now();
    let uploadRetries = 0;
    await pool(bench.providers, CONCURRENCY, async (provider, i) => {
      let res = await upload(agent, server.baseURL, bench.slug, provider, pdfs[i]!);
      uploadLatencies.push(res.ms);
      // The same bytes again are the same attachment (stored once), so a broken connection is retried.
      for (let retry = 0; "error" in res && retry < 3; retry++) {
        uploadRetries++;
        res = await upload(agent, server.baseURL, bench.slug, provider, pdfs[i]!);
        uploadLatencies.push(res.ms);
      }
      if ("error" in res) uploadFailures.push(res.error);
      else if (!res.stored) uploadFailures.push(`${res.status} ${res.body.slice(0, 200)}`);
    });
    const uploadWall = performance.now() - u0;
    const uploadCpu = cpu() - uc;

    // 3. The submit surge.
    nextPhase();
    const acks: Ack[] = [];
    const submitLatencies: number[] = [];
    const refusals = new Map<string, number>();
    const sc = cpu();
    const s0 = performance.now();
    let submitRetries = 0;
    await pool(attempts, CONCURRENCY, async (attempt) => {
      let outcome = await postSubmit(agent, server.baseURL, bench.slug, attempt);
      submitLatencies.push(outcome.ms);
      // A connection that broke without an answer is retried with the same key, as a browser's
      // resubmit would be: the key makes it the same attempt, so it cannot submit twice.
      for (let retry = 0; outcome.kind === "error" && retry < 3; retry++) {
        submitRetries++;
        outcome = await postSubmit(agent, server.baseURL, bench.slug, attempt);
        submitLatencies.push(outcome.ms);
      }
      if (outcome.kind === "ack") acks.push(outcome.ack);
      else {
        const what = outcome.kind === "error" ? `error ${outcome.error}` : `${outcome.status} ${outcome.body.replace(/\s+/g, " ").slice(0, 160)}`;
        refusals.set(what, (refusals.get(what) ?? 0) + 1);
      }
    });
    const submitWall = performance.now() - s0;
    const submitCpu = cpu() - sc;
    await server.stop();
    const fsyncAfter = durableCommitsPerSecond();

    const verdict = verifyAcks(bench.file, bench.slug, acks);
    const settings = durabilitySettings(bench.file);
    const perSecond = Math.round(acks.length / (submitWall / 1000));
    const p99 = ms(percentile(submitLatencies, 99));

    out(`  disk:        ${fsyncBefore.perSecond} durable commits/s before the surge (${fsyncBefore.msPerCommit} ms each), ${fsyncAfter.perSecond}/s after (WAL, synchronous=FULL, one connection: the ceiling for receipts/s)`);
    out(`  baseline:    GET /login ${summary(baseLatencies, baseWall, baseLatencies.length)}${baseFailures ? `; ${baseFailures} not 200` : ""}`);
    out(`  uploads:     POST bijlagen ${summary(uploadLatencies, uploadWall, uploadLatencies.length)}${uploadFailures.length ? `; ${uploadFailures.length} refused, first: ${uploadFailures[0]}` : ""}; ${uploadRetries} retried after a broken connection`);
    out(`  submits:     POST inschrijving ${summary(submitLatencies, submitWall, submitLatencies.length)}; ${acks.length} acknowledged (303 to a receipt); ${submitRetries} retried with the same key after a broken connection`);
    for (const [what, n] of refusals) out(`  not acknowledged: ${n}× ${what}`);
    const perRequest = (cpuMs: number, n: number) => (Number.isFinite(cpuMs) ? `${ms(cpuMs / Math.max(1, n))} ms` : "unknown");
    out(`  server CPU:  ${perRequest(baseCpu, baseLatencies.length)} per login-page GET, ${perRequest(uploadCpu, uploadLatencies.length)} per upload, ${perRequest(submitCpu, submitLatencies.length)} per submit (user + system; waiting for the disk not included)`);
    out(`  ratio:       a submit costs ${(submitWall / Math.max(1, submitLatencies.length) / (baseWall / Math.max(1, baseLatencies.length))).toFixed(1)}× a login-page GET (wall per request at the same concurrency)`);
    out(`  checked:     ${verdict.verified} of ${verdict.acknowledged} receipts verified in the database; lost ${verdict.lost.length}${verdict.lost.length ? ` (first: ${JSON.stringify(verdict.lost[0])})` : ""}`);
    out(`  database:    integrity_check ${verdict.integrity}; audit chain ${verdict.auditChain.ok ? `intact (${verdict.auditChain.events} events)` : `BROKEN ${verdict.auditChain.reason}`}; journal_mode ${settings.journalMode}, synchronous ${settings.synchronous}`);
    out(`  load:        ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (1/5/15 min) on ${os.availableParallelism()} cores (client and server share them)`);
    out(
      JSON.stringify({
        submissions: acks.length,
        perSecond,
        p99Ms: p99,
        lost: verdict.lost.length,
        baselinePerSecond: Math.round(baseLatencies.length / (baseWall / 1000)),
        baselineP99Ms: ms(percentile(baseLatencies, 99)),
        uploadsPerSecond: Math.round(uploadLatencies.length / (uploadWall / 1000)),
        retriedSubmits: submitRetries,
        durableCommitsPerSecond: Math.min(fsyncBefore.perSecond, fsyncAfter.perSecond),
        serverCpuMsPerSubmit: Number.isFinite(submitCpu) ? ms(submitCpu / Math.max(1, submitLatencies.length)) : null,
        serverCpuMsPerBaselineGet: Number.isFinite(baseCpu) ? ms(baseCpu / Math.max(1, baseLatencies.length)) : null,
      }),
    );
    if (verdict.lost.length > 0 || verdict.integrity !== "ok" || !verdict.auditChain.ok) process.exitCode = 1;
  } finally {
    agent.destroy();
    await server.stop();
    if (!process.env.BENCH_KEEP) (await import("node:fs")).rmSync(bench.dir, { recursive: true, force: true });
    else out(`  kept:        ${bench.file}`);
  }
}
