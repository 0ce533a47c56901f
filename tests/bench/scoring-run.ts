// A scoring run for a national field (`npm run -s bench -- run`): the national field of
// breakeven.ts (3,000 providers, all 40 prestaties, two points modules with five target groups
// each, about 210,000 lines with traces), started, computed in the worker and stored on a
// temporary database, exactly as the inkoper's start does after building the inputs from the
// database (beginRun, in scoring-run.server.ts), with the run's worker started beforehand as the
// server starts it while the inkoper confirms (its start-up time is printed apart). The engine's own time is its parsing and
// computing inside the run's worker (same process); the same work warmed up on the main thread
// is printed beside it. While the run works, the main thread's event-loop delay is sampled
// (perf_hooks monitorEventLoopDelay, 10 ms resolution): its maximum is the longest pause another
// user's request would have waited. The last line is one JSON object:
// {"providers", "lines", "seconds", "engineSeconds", "ratio", "dbGrowthMB", "peakMemoryMB", "maxEventLoopPauseMs"}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { contentHash } from "../../app/services/kaders/store.server";
import { storeTariffTable } from "../../app/services/tariff-tables.server";
import { beginRun, prewarmRunWorker } from "../../app/services/tender/scoring-run.server";
import { migrateDatabase, openDatabase } from "../../db/client.server";
import { canonicalJson } from "../../db/canonical-json";
import { kaders, kaderVersions, organisations, users } from "../../db/schema";
import { computeTariffs, parseInputs, parseKader } from "../../scoring/index";
import { buildBreakevenField } from "./breakeven";
import { collectGarbage } from "./gc";

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const fileSize = (file: string) => [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);

export async function run(): Promise<void> {
  const out = (s: string) => process.stdout.write(s + "\n");
  const { kader, inputs } = buildBreakevenField("fixed");
  const kaderContent = JSON.parse(JSON.stringify(kader)) as Record<string, unknown>;
  const inputsJson = canonicalJson(inputs);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-bench-run-"));
  const file = path.join(dir, "bench.db");
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    const now = new Date();
    const zk = db.insert(organisations).values({ kind: "zorgkantoor", name: "Zorgkantoor Bench", createdAt: now }).returning().get();
    const user = db.insert(users).values({ email: "inkoper@bench.example", name: "Inkoper Bench", passwordHash: "x", organisationId: zk.id, createdAt: now }).returning().get();
    const table = storeTariffTable(
      db,
      {
        zorgkantoorId: zk.id,
        year: 2026,
        sourceName: "bench.csv",
        sha256: "bench",
        note: "Illustratief",
        rows: inputs.tariffs.map((t) => ({ code: t.code, sector: t.sector as "VV", label: t.label ?? t.code, unit: t.unit ?? "dag", max: t.max, components: { NHC: t.components?.NHC ?? "0", NIC: t.components?.NIC ?? "0" } })),
        actorUserId: user.id,
      },
      now,
    ).tableId;
    const row = db
      .insert(kaders)
      .values({ slug: kader.id, zorgkantoorId: zk.id, title: kader.title, year: kader.year, phase: "gesloten", draft: kaderContent, draftUpdatedAt: now, tariffTableId: table, budgetCeiling: null, createdAt: now })
      .returning()
      .get();
    const version = db
      .insert(kaderVersions)
      .values({ kaderId: row.id, number: 1, content: kaderContent, contentHash: contentHash(kaderContent), tariffTableId: table, opensAt: now, closesAt: now, questionsUntil: now, publishedAt: now })
      .returning()
      .get();
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const sizeBefore = fileSize(file);
    const actor = { id: user.id, email: user.email, name: user.name, roles: ["inkoper" as const], organisation: { id: zk.id, kind: "zorgkantoor" as const, name: zk.name } };

    // The engine alone, in this process: parse and compute (warm-up first, as the run's worker is cold).
    const parsedKader = parseKader(kaderContent);
    if (!parsedKader.ok) throw new Error("bench kader invalid");
    const engineRound = () => {
      const parsed = parseInputs(JSON.parse(inputsJson), parsedKader.value);
      if (!parsed.ok) throw new Error("bench inputs invalid");
      return computeTariffs(parsedKader.value, parsed.value).lines.length;
    };
    engineRound();
    collectGarbage();
    let start = performance.now();
    const lines = engineRound();
    const engineMs = performance.now() - start;
    collectGarbage();

    // As the server does while the inkoper confirms the start: a worker that has loaded its modules.
    const warmStart = performance.now();
    if (!(await prewarmRunWorker())) throw new Error("bench worker did not start");
    const warmMs = performance.now() - warmStart;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    start = performance.now();
    const started = beginRun(db, { actor, kader: row, version, inputsJson, providers: inputs.providers.length, reason: "", corrects: null, now: new Date() });
    const timings = await started.finished;
    const runMs = performance.now() - start;
    loop.disable();
    // The histogram holds each sample's delay beyond the resolution, in nanoseconds.
    const maxPauseMs = Math.round(loop.max / 1e6);
    const p99PauseMs = Math.round(loop.percentile(99) / 1e6);
    if (!timings) throw new Error("bench run failed");
    const stored = db.$client.prepare("SELECT status, error, length(result_gz) AS gz, result_sha256 AS sha FROM scoring_runs WHERE id = ?").get(started.runId) as { status: string; error: string | null; gz: number; sha: string };
    if (stored.status !== "done") throw new Error(`bench run ${stored.status}: ${stored.error}`);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const growth = fileSize(file) - sizeBefore;
    const peak = process.resourceUsage().maxRSS * 1024;

    // The engine's seconds: parsing the inputs and computing, inside the run's own worker (the
    // same process, the same cold start); the same work warmed up on the main thread beside it.
    const figures = {
      providers: inputs.providers.length,
      lines,
      seconds: Math.round(runMs) / 1000,
      engineSeconds: Math.round(timings.engineMs) / 1000,
      ratio: Math.round((runMs / timings.engineMs) * 100) / 100,
      dbGrowthMB: mb(growth),
      peakMemoryMB: mb(peak),
      maxEventLoopPauseMs: maxPauseMs,
    };
    out("run: a scoring run on the national field, computed in the worker and stored");
    out(`  ${figures.providers} providers, ${figures.lines} lines; result stored gzip-compressed: ${mb(stored.gz)} MB (sha256 ${stored.sha.slice(0, 16)}…)`);
    out(`  run ${figures.seconds} s, of which the engine in the worker ${figures.engineSeconds} s: ratio ${figures.ratio}; database +${figures.dbGrowthMB} MB; peak memory ${figures.peakMemoryMB} MB`);
    out(`  the engine warmed up on the main thread: ${Math.round(engineMs) / 1000} s (ratio against it ${Math.round((runMs / engineMs) * 100) / 100})`);
    out(`  starting the worker and loading its modules (before the run, while the start is confirmed): ${Math.round(warmMs) / 1000} s`);
    out(`  main thread while the run worked: longest event-loop pause ${maxPauseMs} ms (99th percentile ${p99PauseMs} ms); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
    const steps = Object.entries(timings.stepsMs).map(([k, v]) => `${k} ${v / 1000} s`).join(", ");
    out(`  after the engine: ${steps}, storing (lines in slices, then the completing transaction) ${Math.round(timings.transactionMs) / 1000} s; the rest is moving the job and the outcome between the threads`);
    out(JSON.stringify(figures));
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
