// Tariff monitor under load (`npm run -s bench -- monitor`).
//
// A fresh database (the submissions harness: the demo, with its published kader demo-vv-2026
// and Zorggroep De Linde's registry volumes), a session for aanbieder@demo made directly, and
// the real server (server/start.ts on the built app) on a free port. Then, with autocannon and
// CONNECTIONS clients for DURATION seconds each:
//   1. the floor: GET /login without a session (a light server-rendered page, no engine);
//   2. the provider's monitor page (GET /kaders/demo-vv-2026/monitor), every figure computed
//      live by the engine;
//   3. a what-if on it (the plan declared, expected scores for one target group), a GET too.
//   4. the monitor and the floor again with one client: the latency of the page itself when the
//      server is not saturated.
// The JSON last line: `monitorPerSecond`/`monitorP99Ms` (the page), the what-if's, the floor's.
// Aim: p99 < 50 ms, the monitor at least a third of the floor's throughput.
// Under N closed-loop clients the mean latency is N / throughput (Little's law): p99 < 50 ms
// at 50 clients needs more than 1,000 requests per second, which the floor page itself does not
// reach on two shared cores. The bench therefore also prints the single-client latencies and
// what the floor's own throughput allows, so the aim can be judged against this machine.
// Knobs: BENCH_CONNECTIONS (50), BENCH_DURATION (10 s); BENCH_CPU_PROF=<dir> profiles the server.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { hashToken } from "../../app/auth/session.server";
import { openDatabase } from "../../db/client.server";
import { sessions, users } from "../../db/schema";
import { buildApp, cpuMsOf, prepareBenchDatabase, startServer } from "./submissions-harness";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const COOKIE_NAME = "__Host-zk_session";
const SLUG = "demo-vv-2026";

type Histogram = { average: number; p50: number; p99: number; max: number };
type CannonResult = { requests: Histogram & { total: number }; latency: Histogram; non2xx: number; errors: number; timeouts: number; duration: number };
type Cannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<CannonResult>;
// autocannon ships no types; the few fields read here are typed above.
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const out = (s: string) => process.stdout.write(s + "\n");
const ms = (x: number) => Math.round(x * 10) / 10;

/** A session for aanbieder@demo, stored as createSession stores it (the SHA-256 of a random token). */
function providerSession(file: string): string {
  const db = openDatabase(file);
  try {
    const user = db.select({ id: users.id }).from(users).where(eq(users.email, "aanbieder@demo.zorginkoop.nl")).get();
    if (!user) throw new Error("no aanbieder@demo in the bench database");
    const token = randomBytes(32).toString("base64url");
    const at = new Date();
    db.insert(sessions).values({ idHash: hashToken(token), userId: user.id, createdAt: at, lastSeenAt: at, expiresAt: new Date(at.getTime() + 12 * 60 * 60 * 1000) }).run();
    return `${COOKIE_NAME}=${token}`;
  } finally {
    db.$client.close();
  }
}

function line(name: string, r: CannonResult): string {
  return `${name.padEnd(9)} ${r.requests.total} requests in ${ms(r.duration)} s = ${Math.round(r.requests.average)}/s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; non-2xx ${r.non2xx}, errors ${r.errors}`;
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  await buildApp();
  const bench = await prepareBenchDatabase({ count: 1, closesInMs: 30 * 24 * 60 * 60 * 1000 });
  const cookie = providerSession(bench.file);
  const server = await startServer(bench.file);
  try {
    const url = (p: string) => server.baseURL + p;
    const whatIf = new URLSearchParams({ "wat-als": "1", "f/planIngediend": "ja" });
    for (const c of ["visie", "aanpak", "expertise", "resultaat"]) whatIf.set(`s/complexe-zorg/parkinson/${c}`, "8");
    const monitorPath = `/kaders/${SLUG}/monitor`;
    const whatIfPath = `${monitorPath}?${whatIf}`;

    // Check the pages answer as expected before measuring them.
    for (const [p, h] of [["/login", {}], [monitorPath, { cookie }], [whatIfPath, { cookie }]] as const) {
      const res = await fetch(url(p), { headers: h, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${body.slice(0, 200)}`);
      if (p !== "/login" && !body.includes("Zorggroep De Linde")) throw new Error(`${p}: not the monitor of De Linde`);
    }
    out("monitor: the tariff monitor through HTTP against the real server");
    out(`  set-up:    ${ms((performance.now() - t0) / 1000)} s (build, database, server ${server.baseURL}); ${CONNECTIONS} connections, ${DURATION} s per phase`);

    // Warm-up: the first requests pay for compilation and caches.
    await autocannon({ url: url(monitorPath), connections: 10, duration: 2, headers: { cookie } });
    await autocannon({ url: url("/login"), connections: 10, duration: 1 });

    // The server's CPU time per request says what a request costs regardless of how busy the
    // (shared) machine is; requests per second and latency depend on it.
    const measured = async (options: Parameters<Cannon>[0]) => {
      const before = cpuMsOf(server.child.pid) ?? NaN;
      const result = await autocannon(options);
      const cpu = (cpuMsOf(server.child.pid) ?? NaN) - before;
      return { result, cpuMsPerRequest: Number.isFinite(cpu) ? ms(cpu / Math.max(1, result.requests.total)) : null };
    };
    const floor = await measured({ url: url("/login"), connections: CONNECTIONS, duration: DURATION });
    const monitor = await measured({ url: url(monitorPath), connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
    const what = await measured({ url: url(whatIfPath), connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
    const single = await measured({ url: url(monitorPath), connections: 1, duration: Math.max(2, DURATION / 2), headers: { cookie } });
    const singleFloor = await measured({ url: url("/login"), connections: 1, duration: Math.max(2, DURATION / 2) });
    out(`  ${line("floor", floor.result)}; server CPU ${floor.cpuMsPerRequest} ms per request (GET /login)`);
    out(`  ${line("monitor", monitor.result)}; server CPU ${monitor.cpuMsPerRequest} ms per request (GET ${monitorPath})`);
    out(`  ${line("what-if", what.result)}; server CPU ${what.cpuMsPerRequest} ms per request (GET ${monitorPath}?wat-als=1&…)`);
    out(`  ${line("monitor×1", single.result)} (one client)`);
    out(`  ${line("floor×1", singleFloor.result)} (one client)`);
    const littleMs = (CONNECTIONS / Math.max(1, floor.result.requests.average)) * 1000;
    out(`  queueing:  at ${CONNECTIONS} clients even the floor's mean latency is ${CONNECTIONS} / ${Math.round(floor.result.requests.average)} per s = ${Math.round(littleMs)} ms (Little's law); p99 < 50 ms there needs > ${Math.round((CONNECTIONS / 50) * 1000)}/s`);
    const ratio = monitor.result.requests.average / Math.max(1, floor.result.requests.average);
    out(`  ratio:     the monitor serves ${(ratio * 100).toFixed(0)} % of the floor's requests per second (aim ≥ 33 %); the what-if ${((what.result.requests.average / Math.max(1, floor.result.requests.average)) * 100).toFixed(0)} %`);
    out(`  load:      ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (1/5/15 min) on ${os.availableParallelism()} cores (client and server share them)`);
    out(
      JSON.stringify({
        monitorPerSecond: Math.round(monitor.result.requests.average),
        monitorP99Ms: monitor.result.latency.p99,
        floorPerSecond: Math.round(floor.result.requests.average),
        floorP99Ms: floor.result.latency.p99,
        monitorP50Ms: monitor.result.latency.p50,
        whatIfPerSecond: Math.round(what.result.requests.average),
        whatIfP99Ms: what.result.latency.p99,
        serverCpuMsPerMonitor: monitor.cpuMsPerRequest,
        serverCpuMsPerWhatIf: what.cpuMsPerRequest,
        serverCpuMsPerFloor: floor.cpuMsPerRequest,
        monitorSingleClientP50Ms: single.result.latency.p50,
        monitorSingleClientP99Ms: single.result.latency.p99,
        floorSingleClientP99Ms: singleFloor.result.latency.p99,
        failed: [monitor, what, floor].reduce((n, r) => n + r.result.non2xx + r.result.errors, 0),
      }),
    );
  } finally {
    await server.stop();
    if (!process.env.BENCH_KEEP) fs.rmSync(bench.dir, { recursive: true, force: true });
  }
}
