// Scoring runs: the engine's tariffs for every provider of a kader, from what the platform
// stores (registry, submissions, established facts, final scores), stored so that anyone can
// reproduce them. See docs/decisions/0010-scoring-runs.md.
//
// A run starts (one transaction: the row with the kader version and its hash, the tariff table,
// the canonical inputs and their hash, the engine version; one audit event), computes in a
// worker thread (scoring-run-compute.ts, so that the server keeps answering), and completes in
// one transaction from the main thread (the result document, the per-provider lines, one audit
// event). After that the run never changes (migration 0012). Every run after the first corrects
// the latest completed one: it needs a reason and is shown as a difference against it.
//
// For the tariff monitor (integrated by the coordinator):
//   latestCompletedRun(db, kaderId)          the newest run with status done, or null;
//   runLinesForProvider(db, runId, agbCode)  one provider's stored lines (prestatie, target group,
//                                            percent, tariff), module outcomes and budget total,
//                                            or null when the provider is not in the run;
//   runFieldBest(db, runId)                  the best points per relative module and target group
//                                            of the run's whole field, to pass as the inputs'
//                                            `fieldBest` so that one provider's own computation
//                                            (computeForProvider's overrides) gives the run's cents.
import { and, desc, eq, inArray, max } from "drizzle-orm";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import type { Db } from "../../../db/client.server";
import { canonicalJson } from "../../../db/canonical-json";
import { kaders, kaderVersions, organisations, scoringRunProviders, scoringRuns, users } from "../../../db/schema";
import { assessmentCompleteness } from "../assessment/completeness.server";
import { NO_GROUP } from "../assessment/plans.server";
import { ENGINE_VERSION, type ModuleResult, type RankFinding } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit, getDb } from "../db.server";
import { kaderAudience, type KaderRow } from "../kaders/access.server";
import { completedOpening } from "../submissions/opening.server";
import { NOT_FOUND, refusal, type Refusal } from "../submissions/context.server";
import { loadTenderProviders, tenderInputs } from "./inputs.server";
import { loadPublishedKader } from "./provider-result.server";
import { sha256, type RunJob, type RunOutput, type RunPhase, type RunSummary } from "./scoring-run-compute";
import { storeRunOutput, type RunStoreContext } from "./scoring-run-store";

export type ScoringRunRow = typeof scoringRuns.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Plans without final scores

export type UnscoredPlan = { providerId: number; agbCode: string; name: string; module: string; moduleLabel: string; targetGroup: string | null; targetGroupLabel: string | null };

/**
 * Every plan of a current submission (a module, and target group, a provider entered) that does
 * not yet have a final score for each of its criteria. A run is refused while any is left. The
 * rule is the assessment's own (`assessmentCompleteness`), so the set-up page and the run agree.
 */
export function unscoredPlans(db: Db, kaderId: number): UnscoredPlan[] {
  const { unassessed } = assessmentCompleteness(db, kaderId);
  if (unassessed.length === 0) return [];
  const agb = new Map(
    db
      .select({ id: organisations.id, agbCode: organisations.agbCode })
      .from(organisations)
      .where(inArray(organisations.id, [...new Set(unassessed.map((p) => p.providerId))]))
      .all()
      .map((o) => [o.id, o.agbCode ?? ""]),
  );
  return unassessed.map((p) => ({
    providerId: p.providerId,
    agbCode: agb.get(p.providerId) ?? "",
    name: p.providerName,
    module: p.moduleId,
    moduleLabel: p.moduleLabel,
    targetGroup: p.targetGroupId === NO_GROUP ? null : p.targetGroupId,
    targetGroupLabel: p.targetGroupLabel,
  }));
}

// ---------------------------------------------------------------------------------------------
// Runs in progress (this process)

type Job = { phase: RunPhase | "saving"; startedAt: number };
const jobsByDb = new WeakMap<Db, Map<number, Job>>();
const jobsOf = (db: Db) => {
  let jobs = jobsByDb.get(db);
  if (!jobs) jobsByDb.set(db, (jobs = new Map()));
  return jobs;
};

export const PHASE_LABELS: Record<RunPhase | "saving", string> = {
  parse: "De invoer wordt gecontroleerd",
  compute: "De tarieven worden berekend",
  rank: "De rangordetoets wordt uitgevoerd",
  store: "Het resultaat wordt samengesteld",
  saving: "Het resultaat wordt opgeslagen",
};

/** What the page shows: the stored status, or `interrupted` for a run this process is not computing (a restart). */
export type RunState = "running" | "done" | "failed" | "interrupted";

export function runState(db: Db, run: Pick<ScoringRunRow, "id" | "status">): { state: RunState; phase: string | null } {
  if (run.status !== "running") return { state: run.status, phase: null };
  const job = jobsOf(db).get(run.id);
  return job ? { state: "running", phase: PHASE_LABELS[job.phase] } : { state: "interrupted", phase: null };
}

// ---------------------------------------------------------------------------------------------
// The worker

function projectRoot(): string {
  // From the source (tsx, vitest) or from the bundle (build/index.js): the directory above that holds the worker's source.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "app/services/tender/scoring-run.worker.ts"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

// The app is bundled by the Remix compiler, which ships no separate worker file: the worker
// loads its TypeScript source through tsx (a runtime dependency; the server runs under it).
function workerSource(): string {
  const require = createRequire(import.meta.url);
  const tsx = require.resolve("tsx/cjs/api");
  const file = join(projectRoot(), "app/services/tender/scoring-run.worker.ts");
  return `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(file)});\n`;
}

const WORKER_MEMORY_MB = 2048;

type WorkerOutcome = { output: RunOutput; stored: boolean; storeMs: number };

function newWorker(): Worker {
  const worker = new Worker(workerSource(), {
    eval: true,
    // A young generation as large as the main thread's: the result document allocates
    // many short strings, and a small one makes the worker spend its time collecting them.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 64 },
  });
  // An idle worker never keeps the process alive.
  worker.unref();
  return worker;
}

/**
 * A worker that has loaded its modules and waits for a job: starting one (the thread, tsx and
 * the engine's modules) takes one to two seconds, which a run should not wait for. Warmed when
 * the inkoper is asked to confirm a start, and after each run for the next one.
 */
let spare: { worker: Worker; ready: Promise<boolean> } | null = null;

/** Starts a spare worker unless one is there; resolves when it is ready (false when it died). */
export function prewarmRunWorker(): Promise<boolean> {
  if (spare) return spare.ready;
  const worker = newWorker();
  const current = {
    worker,
    ready: new Promise<boolean>((resolve) => {
      worker.once("message", () => resolve(true));
      const gone = () => {
        if (spare === current) spare = null;
        resolve(false);
      };
      worker.once("error", gone);
      worker.once("exit", gone);
    }),
  };
  spare = current;
  return current.ready;
}

function takeWorker(): Worker {
  const taken = spare;
  spare = null;
  const worker = taken ? taken.worker : newWorker();
  worker.ref();
  return worker;
}

function computeInWorker(job: RunJob, onProgress: (phase: RunPhase) => void): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    const worker = takeWorker();
    // Posted at once: a worker still loading its modules reads it when it is ready.
    worker.postMessage({ type: "job", job });
    let settled = false;
    const finish = (output: RunOutput, stored = false, storeMs = 0) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve({ output, stored, storeMs });
    };
    worker.on("message", (message: { type: "ready" } | { type: "progress"; progress: { phase: RunPhase } } | { type: "done"; output: RunOutput; stored?: boolean; storeMs?: number }) => {
      if (message.type === "ready") return;
      if (message.type === "progress") onProgress(message.progress.phase);
      else finish(message.output, message.stored === true, message.storeMs ?? 0);
    });
    worker.once("error", (error: Error & { code?: string }) =>
      finish({ ok: false, message: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "De berekening vroeg te veel geheugen." : `De berekening is afgebroken: ${error.message}` }),
    );
    worker.once("exit", () => finish({ ok: false, message: "De berekening is onverwacht gestopt." }));
  });
}

// ---------------------------------------------------------------------------------------------
// Starting a run

export type StartInput = { reason?: string };
/** How long a completed run's parts took (for the bench); null when the run failed. */
export type RunTimings = { engineMs: number; stepsMs: Record<string, number>; transactionMs: number };
export type Started = { ok: true; runId: number; number: number; correctsRunId: number | null; finished: Promise<RunTimings | null> };
export type StartRefusal = Refusal & { unscored?: UnscoredPlan[] };

export const REASON_MAX = 2000;

export function latestCompletedRun(db: Db, kaderId: number): ScoringRunRow | null {
  return db.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kaderId), eq(scoringRuns.status, "done"))).orderBy(desc(scoringRuns.number)).limit(1).get() ?? null;
}

/** What a start would do now, for the ask-first step and the page: refused (with why) or allowed (correcting which run). */
export function runPreconditions(db: Db, kader: KaderRow): { ok: true; corrects: ScoringRunRow | null } | { ok: false; status: 409; message: string; unscored?: UnscoredPlan[] } {
  if (!loadPublishedKader(db, kader)) return { ok: false, status: 409, message: "Dit kader is nog niet gepubliceerd." };
  if (!completedOpening(db, kader.id)) return { ok: false, status: 409, message: "De inschrijvingen zijn nog niet geopend; een scoringsronde kan pas na de opening." };
  const running = db.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kader.id), eq(scoringRuns.status, "running"))).all();
  if (running.some((r) => jobsOf(db).has(r.id))) return { ok: false, status: 409, message: "Er loopt al een scoringsronde voor dit kader; wacht tot die klaar is." };
  const unscored = unscoredPlans(db, kader.id);
  if (unscored.length > 0) {
    return { ok: false, status: 409, message: `Nog niet elk plan heeft een eindscore voor alle criteria (${unscored.length} ${unscored.length === 1 ? "plan" : "plannen"} zonder eindscore).`, unscored };
  }
  return { ok: true, corrects: latestCompletedRun(db, kader.id) };
}

/**
 * Starts a scoring run for the kader (an inkoper of its zorgkantoor). Returns once the run is
 * stored as running; `finished` settles when the worker's outcome is stored (done or failed).
 * A refused start (no access, not opened, plans without final scores, a run in progress)
 * writes one audit event and nothing else; a bad reason writes nothing.
 */
export function startScoringRun(actor: SessionUser, slug: string, input: StartInput, db: Db = getDb(), now: Date = new Date()): Started | StartRefusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, slug)).get();
  const refuse = (status: Refusal["status"], reason: string, message: string, extra: Record<string, unknown> = {}, field = "_form"): StartRefusal => {
    db.transaction((tx) => {
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "scoring_run.refused",
        entityType: "kader",
        entityId: slug,
        payload: { reason, ...extra },
        organisationIds: kader && kaderAudience(db, actor, kader) === "staff" ? [kader.zorgkantoorId] : actor.organisation ? [actor.organisation.id] : [],
        at: now,
      });
    });
    return refusal(status, message, field);
  };
  if (!kader || kaderAudience(db, actor, kader) !== "staff") return refuse(404, "not_staff", NOT_FOUND);
  if (!actor.roles.includes("inkoper")) return refuse(403, "not_inkoper", "Alleen een inkoper van het zorgkantoor kan een scoringsronde starten.");
  const pre = runPreconditions(db, kader);
  if (!pre.ok) {
    const r = refuse(pre.status, pre.unscored ? "unscored" : "precondition", pre.message, pre.unscored ? { unscored: pre.unscored.length } : {});
    return pre.unscored ? { ...r, unscored: pre.unscored } : r;
  }
  // A missing or overlong reason is bad input at the field: answered, nothing written.
  const reason = (input.reason ?? "").trim();
  if (pre.corrects && reason === "") return refusal(400, "Geef de reden van deze correctieronde (bijvoorbeeld een gegrond bezwaar of een herstelde score).", "reden");
  if (reason.length > REASON_MAX) return refusal(400, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`, "reden");

  const published = loadPublishedKader(db, kader)!;
  const providers = loadTenderProviders(db, kader, published.kader, { withSubmissions: true });
  const inputsJson = canonicalJson(tenderInputs(published.kader, published.tariffs, providers));
  return beginRun(db, { actor, kader, version: published.version, inputsJson, providers: providers.length, reason, corrects: pre.corrects, now });
}

type BeginArgs = {
  actor: SessionUser;
  kader: KaderRow;
  version: Pick<typeof kaderVersions.$inferSelect, "id" | "number" | "contentHash" | "tariffTableId" | "content">;
  inputsJson: string;
  providers: number;
  reason: string;
  corrects: ScoringRunRow | null;
  now: Date;
};

/**
 * Stores a run as running with its inputs (one transaction, one audit event) and starts the
 * worker. The checks are the caller's (startScoringRun); the bench starts here from a generated field.
 */
export function beginRun(db: Db, args: BeginArgs): Started {
  const { actor, kader, version, inputsJson, reason, corrects, now } = args;
  const inputsSha256 = sha256(inputsJson);
  const { runId, number } = db.transaction((tx) => {
    const number = (tx.select({ n: max(scoringRuns.number) }).from(scoringRuns).where(eq(scoringRuns.kaderId, kader.id)).get()?.n ?? 0) + 1;
    // A run left running by an earlier process (a restart) will never finish: close it first.
    for (const orphan of tx.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kader.id), eq(scoringRuns.status, "running"))).all()) {
      if (jobsOf(db).has(orphan.id)) continue;
      tx.update(scoringRuns).set({ status: "failed", finishedAt: now, error: "De berekening is onderbroken (de server is herstart)." }).where(eq(scoringRuns.id, orphan.id)).run();
    }
    const row = tx
      .insert(scoringRuns)
      .values({
        kaderId: kader.id,
        number,
        kaderVersionId: version.id,
        kaderContentHash: version.contentHash,
        tariffTableId: version.tariffTableId,
        budgetCeiling: kader.budgetCeiling,
        inputsJson,
        inputsSha256,
        engineVersion: ENGINE_VERSION,
        reason: reason === "" ? null : reason,
        correctsRunId: corrects?.id ?? null,
        startedBy: actor.id,
        startedAt: now,
        status: "running",
      })
      .returning({ id: scoringRuns.id })
      .get();
    appendAudit(tx, {
      actorUserId: actor.id,
      action: "scoring_run.started",
      entityType: "scoring_run",
      entityId: String(row.id),
      payload: {
        kader: kader.slug,
        number,
        kaderVersion: version.number,
        kaderContentHash: version.contentHash,
        tariffTableId: version.tariffTableId,
        inputsSha256,
        engineVersion: ENGINE_VERSION,
        providers: args.providers,
        corrects: corrects?.number ?? null,
        ...(reason !== "" && { reason }),
      },
      organisationIds: [kader.zorgkantoorId],
      at: now,
    });
    return { runId: row.id, number };
  });

  const jobs = jobsOf(db);
  const job: Job = { phase: "parse", startedAt: Date.now() };
  jobs.set(runId, job);
  const context: RunStoreContext = { runId, actorUserId: actor.id, kaderSlug: kader.slug, zorgkantoorId: kader.zorgkantoorId };
  // The worker stores the outcome through its own connection when it can open the same file (not
  // an in-memory database): the main thread then never waits for a national field's writes.
  const store = db.$client.memory ? undefined : { file: db.$client.name, context };
  const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
  const finished = computeInWorker({ kaderContent: version.content, inputsJson, ...(store && { store }) }, (phase) => (job.phase = phase))
    .then(async ({ output, stored, storeMs }): Promise<RunTimings | null> => {
      job.phase = "saving";
      const start = performance.now();
      if (!stored) await storeRunOutput(db, context, output, yieldToOthers);
      return output.ok ? { engineMs: output.engineMs, stepsMs: output.stepsMs, transactionMs: stored ? storeMs : performance.now() - start } : null;
    })
    .catch(async (error: unknown) => {
      try {
        await storeRunOutput(db, context, { ok: false, message: `Het resultaat kon niet worden opgeslagen: ${error instanceof Error ? error.message : String(error)}` });
      } catch {
        // Not even the failure could be stored (the database is gone): the run stays "running",
        // which the pages show as interrupted and the next start closes.
      }
      return null;
    })
    .finally(() => {
      jobs.delete(runId);
      void prewarmRunWorker();
    });
  return { ok: true, runId, number, correctsRunId: corrects?.id ?? null, finished };
}

// ---------------------------------------------------------------------------------------------
// Reading runs

export type RunListItem = {
  id: number;
  number: number;
  state: RunState;
  startedAt: Date;
  startedBy: string;
  finishedAt: Date | null;
  reason: string | null;
  correctsNumber: number | null;
  inputsSha256: string;
  resultSha256: string | null;
  kaderContentHash: string;
};

export function listRuns(db: Db, kaderId: number): RunListItem[] {
  const rows = db
    .select({ run: scoringRuns, startedBy: users.name })
    .from(scoringRuns)
    .innerJoin(users, eq(users.id, scoringRuns.startedBy))
    .where(eq(scoringRuns.kaderId, kaderId))
    .orderBy(desc(scoringRuns.number))
    .all();
  const numberOf = new Map(rows.map((r) => [r.run.id, r.run.number]));
  return rows.map(({ run, startedBy }) => ({
    id: run.id,
    number: run.number,
    state: runState(db, run).state,
    startedAt: run.startedAt,
    startedBy,
    finishedAt: run.finishedAt,
    reason: run.reason,
    correctsNumber: run.correctsRunId === null ? null : (numberOf.get(run.correctsRunId) ?? null),
    inputsSha256: run.inputsSha256,
    resultSha256: run.resultSha256,
    kaderContentHash: run.kaderContentHash,
  }));
}

/** A run of this kader, or null (another kader's run id answers as if it did not exist). */
export function loadRun(db: Db, kaderId: number, runId: number): ScoringRunRow | null {
  return db.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kaderId), eq(scoringRuns.id, runId))).get() ?? null;
}

export type StoredLine = { prestatie: string; targetGroup: string | null; percent: string; tariff: string };

const parseLines = (json: string): StoredLine[] =>
  (JSON.parse(json) as [string, string | null, string, string][]).map(([prestatie, targetGroup, percent, tariff]) => ({ prestatie, targetGroup, percent, tariff }));

/** For the monitor: one provider's stored lines, module outcomes and budget total in a run, or null. */
export function runLinesForProvider(db: Db, runId: number, agbCode: string): { lines: StoredLine[]; modules: ModuleResult[]; budgetTotal: string | null } | null {
  const row = db.select().from(scoringRunProviders).where(and(eq(scoringRunProviders.runId, runId), eq(scoringRunProviders.agbCode, agbCode))).get();
  if (!row) return null;
  const run = db.select({ modulesJson: scoringRuns.modulesJson }).from(scoringRuns).where(eq(scoringRuns.id, runId)).get();
  const modules = run?.modulesJson ? (JSON.parse(run.modulesJson) as ModuleResult[]).filter((m) => m.provider === agbCode) : [];
  return { lines: parseLines(row.linesJson), modules, budgetTotal: row.budgetTotal };
}

/** For the monitor: the run's best points per relative module and target group (the inputs' `fieldBest`). */
export function runFieldBest(db: Db, runId: number): { module: string; targetGroup: string | null; points: string }[] {
  const run = db.select({ fieldBestJson: scoringRuns.fieldBestJson }).from(scoringRuns).where(eq(scoringRuns.id, runId)).get();
  return run?.fieldBestJson ? JSON.parse(run.fieldBestJson) : [];
}

export function runSummary(run: ScoringRunRow): RunSummary | null {
  return run.summaryJson ? (JSON.parse(run.summaryJson) as RunSummary) : null;
}

export function runFindings(run: ScoringRunRow): RankFinding[] {
  return run.rankFindingsJson ? (JSON.parse(run.rankFindingsJson) as RankFinding[]) : [];
}

// ---------------------------------------------------------------------------------------------
// Difference against the corrected run

export type LineChange = { prestatie: string; targetGroup: string | null; before: StoredLine | null; after: StoredLine | null };
export type ProviderDiff = { agbCode: string; name: string | null; budgetBefore: string | null; budgetAfter: string | null; lines: LineChange[] };

/** Per provider and per line, what changed between two completed runs (percent or tariff; lines added or gone). */
export function runDiff(db: Db, before: ScoringRunRow, after: ScoringRunRow): ProviderDiff[] {
  const load = (runId: number) => new Map(db.select().from(scoringRunProviders).where(eq(scoringRunProviders.runId, runId)).all().map((r) => [r.agbCode, r]));
  const a = load(before.id);
  const b = load(after.id);
  const names = new Map<string, string | null>();
  for (const run of [before, after]) for (const p of runSummary(run)?.providers ?? []) names.set(p.id, p.name);
  const agbs = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ProviderDiff[] = [];
  const key = (l: StoredLine) => JSON.stringify([l.prestatie, l.targetGroup]);
  for (const agb of agbs) {
    const ra = a.get(agb);
    const rb = b.get(agb);
    if (ra && rb && ra.linesJson === rb.linesJson && ra.budgetTotal === rb.budgetTotal) continue;
    const la = new Map((ra ? parseLines(ra.linesJson) : []).map((l) => [key(l), l]));
    const lb = new Map((rb ? parseLines(rb.linesJson) : []).map((l) => [key(l), l]));
    const lines: LineChange[] = [];
    for (const k of new Set([...la.keys(), ...lb.keys()])) {
      const x = la.get(k) ?? null;
      const y = lb.get(k) ?? null;
      if (x && y && x.percent === y.percent && x.tariff === y.tariff) continue;
      const l = (x ?? y)!;
      lines.push({ prestatie: l.prestatie, targetGroup: l.targetGroup, before: x, after: y });
    }
    out.push({ agbCode: agb, name: names.get(agb) ?? null, budgetBefore: ra?.budgetTotal ?? null, budgetAfter: rb?.budgetTotal ?? null, lines });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The stored files

export const RUN_FILES = ["kader.json", "invoer.json", "resultaat.json"] as const;
export type RunFile = (typeof RUN_FILES)[number];

/** A stored file of a run, byte for byte what its hash is over. */
export function runFile(db: Db, run: ScoringRunRow, file: RunFile): { body: string; sha256: string } | null {
  if (file === "invoer.json") return { body: run.inputsJson, sha256: run.inputsSha256 };
  if (file === "resultaat.json") {
    if (!run.resultGz || !run.resultSha256) return null;
    return { body: gunzipSync(run.resultGz).toString("utf8"), sha256: run.resultSha256 };
  }
  const version = db.select().from(kaderVersions).where(eq(kaderVersions.id, run.kaderVersionId)).get();
  if (!version) return null;
  // The version's content hash is the SHA-256 of its canonical JSON: this file.
  return { body: canonicalJson(version.content), sha256: run.kaderContentHash };
}

