// Shared by the submission benchmark (tests/bench/submissions.ts), its crash variant
// (tests/bench/submissions-crash.ts) and the crash test (tests/e2e/submission-crash.test.ts):
// a fresh database with a kader closing soon and many providers with live sessions, the real
// server as a child process, an HTTP client that uploads and submits as a browser form would,
// and the checks of every acknowledged receipt against the database afterwards.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { freePort } from "../helpers/free-port";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { describeUser, hashToken } from "../../app/auth/session.server";
import { publishKader } from "../../app/services/kaders/publication.server";
import { createKader, latestVersion, saveDraft, saveSettings } from "../../app/services/kaders/store.server";
import { parseSubmissionContent } from "../../app/services/submissions/content";
import { contentFromForm } from "../../app/services/submissions/form-content";
import { receiptOf, sha256Hex, verifyReceipt, type Receipt } from "../../app/services/submissions/receipt.server";
import { appendAudit, verifyAuditChain } from "../../db/audit.server";
import { auditHeadDir, latestHeadExport } from "../../db/audit-head.server";
import { migrateDatabase, openDatabase, type Db } from "../../db/client.server";
import { kaders, regions, submissions, tariffTables, users } from "../../db/schema";
import { ensureDemoData } from "../../db/seed/demo";
import type { Kader } from "../../scoring";
import { parseDocument } from "../../scoring";

export { sha256Hex };

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BENCH_SLUG = "bench-inschrijving-2026";
const DEMO_PASSWORD = "bench-Demo-Wachtwoord-2026";
/** The server runs as in production, so its session cookie is the __Host- one. */
const COOKIE_NAME = "__Host-zk_session";

export type Provider = { id: number; agb: string; cookie: string };
export type BenchDb = { dir: string; file: string; slug: string; kaderVersion: number; kader: Kader; providers: Provider[] };

/** `remix build` as the e2e global setup does it (production mode). */
export async function buildApp(): Promise<void> {
  await promisify(execFile)("npx", ["remix", "build"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * A fresh migrated database in a temp folder: the demo (its zorgkantoor, regions and inkoper),
 * a bench kader published through the services for every demo region and closing `closesInMs`
 * from now (so a surge is "the last minutes"), and `count` providers in those regions, each with
 * one user and one session made directly (no argon2 login per provider).
 */
export async function prepareBenchDatabase(options: { count: number; closesInMs: number }): Promise<BenchDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zorginkoop-bench-"));
  const file = path.join(dir, "bench.db");
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    const now = new Date();
    await ensureDemoData(db, { file, password: DEMO_PASSWORD, now });
    const { kader, kaderVersion } = publishBenchKader(db, now, options.closesInMs);
    const providers = seedProviders(db, options.count, now);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return { dir, file, slug: BENCH_SLUG, kaderVersion, kader, providers };
  } finally {
    db.$client.close();
  }
}

function publishBenchKader(db: Db, now: Date, closesInMs: number): { kader: Kader; kaderVersion: number } {
  const inkoperId = db.select({ id: users.id }).from(users).where(eq(users.email, "inkoper@demo.zorginkoop.nl")).get()!.id;
  const inkoper = describeUser(db, inkoperId)!;
  const zorgkantoorId = inkoper.organisation!.id;
  // The demo kader's document (one declared fact, one points module with two target groups).
  const document = parseDocument(fs.readFileSync(path.join(ROOT, "db/seed/demo-kader.yaml"), "utf8"));
  if (!document.ok) throw new Error("demo kader does not parse");
  const draft = { ...(document.value as Record<string, unknown>), id: BENCH_SLUG, title: "Inkoopkader V&V 2026 (benchmark)" };
  const created = createKader(inkoper, { slug: BENCH_SLUG, title: String(draft.title), year: 2026 }, db, now);
  if (!created.ok) throw new Error(`bench kader not created: ${JSON.stringify(created.errors)}`);
  const load = () => db.select().from(kaders).where(eq(kaders.slug, BENCH_SLUG)).get()!;
  saveDraft(inkoper, load(), draft, db, now);
  const tableId = db.select({ id: tariffTables.id }).from(tariffTables).where(eq(tariffTables.zorgkantoorId, zorgkantoorId)).get()!.id;
  const regionIds = db.select({ id: regions.id }).from(regions).where(eq(regions.zorgkantoorId, zorgkantoorId)).all().map((r) => r.id);
  const settings = saveSettings(inkoper, load(), { tariffTableId: tableId, budgetCeiling: "", regionIds }, db);
  if (!settings.ok) throw new Error(`bench kader settings refused: ${JSON.stringify(settings.errors)}`);
  const published = publishKader(
    inkoper,
    load(),
    {
      opensAt: new Date(now.getTime() - 60 * 60 * 1000),
      questionsUntil: new Date(now.getTime() + closesInMs / 2),
      closesAt: new Date(now.getTime() + closesInMs),
      // The demo kader fails the reële-tarieventoets on the demo accounts: a justification is required.
      "rtt-motivering": "Benchmark: het basistarief van het demokader is bewust ongewijzigd.",
    },
    db,
    now,
  );
  if (!published.ok) throw new Error(`bench kader not published: ${JSON.stringify(published)}`);
  const version = latestVersion(db, load().id)!;
  return { kader: version.content as unknown as Kader, kaderVersion: version.number };
}

function seedProviders(db: Db, count: number, now: Date): Provider[] {
  const sqlite = db.$client;
  const passwordHash = db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, "aanbieder@demo.zorginkoop.nl")).get()!.hash;
  const regionIds = db.select({ id: regions.id }).from(regions).all().map((r) => r.id);
  const at = now.getTime();
  const insertOrg = sqlite.prepare("INSERT INTO organisations (kind, name, agb_code, kvk_number, sectors, created_at) VALUES ('zorgaanbieder', ?, ?, ?, '[\"VV\"]', ?)");
  const insertRegion = sqlite.prepare("INSERT INTO provider_regions (provider_id, region_id) VALUES (?, ?)");
  const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, organisation_id, created_at) VALUES (?, ?, ?, ?, ?)");
  const insertRole = sqlite.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'zorgaanbieder')");
  const insertSession = sqlite.prepare("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)");
  const providers: Provider[] = [];
  db.transaction(
    (tx) => {
      for (let i = 0; i < count; i++) {
        const agb = String(90_000_000 + i);
        const orgId = Number(insertOrg.run(`Bench Zorgaanbieder ${i + 1}`, agb, String(60_000_000 + i), at).lastInsertRowid);
        insertRegion.run(orgId, regionIds[i % regionIds.length]!);
        const userId = Number(insertUser.run(`aanbieder${i + 1}@bench.example`, `Aanbieder ${i + 1}`, passwordHash, orgId, at).lastInsertRowid);
        insertRole.run(userId);
        // As createSession stores it: the SHA-256 of a random token; the cookie holds the token.
        const token = randomBytes(32).toString("base64url");
        insertSession.run(hashToken(token), userId, at, at, at + 12 * 60 * 60 * 1000);
        providers.push({ id: orgId, agb, cookie: `${COOKIE_NAME}=${token}` });
      }
      appendAudit(tx, { actorUserId: null, action: "bench.seed", entityType: "system", payload: { providers: count }, at: now });
    },
    { behavior: "immediate" },
  );
  return providers;
}

// ---------------------------------------------------------------------------------------------
// The server


export type Server = { child: ChildProcess; port: number; baseURL: string; output: () => string; stop: () => Promise<void>; kill: () => Promise<void> };

/** `server/start.ts` on the built app and the given database, as in production; resolves once it listens. */
export async function startServer(file: string, port?: number): Promise<Server> {
  const chosen = port ?? (await freePort());
  let log = "";
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (SIGTERM), for `--cpu-prof` analysis.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(chosen), DATABASE_URL: file, DEMO_PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => (log += chunk));
  child.stderr!.on("data", (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes("draait op http://")) {
        clearInterval(timer);
        resolve();
      } else if (gone()) {
        clearInterval(timer);
        reject(new Error(`server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${log}`));
      }
    }, 25);
  });
  return {
    child,
    port: chosen,
    baseURL: `http://127.0.0.1:${chosen}`,
    output: () => log,
    stop: async () => {
      if (gone()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The client

export type HttpResult = { status: number; location: string | null; body: string; ms: number } | { status: 0; error: string; ms: number };

/** One keep-alive agent per run, as many sockets as requests in flight. */
export function agentFor(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency });
}

export function request(agent: http.Agent, baseURL: string, pathname: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<HttpResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    const body = typeof init.body === "string" ? Buffer.from(init.body, "utf8") : init.body;
    const req = http.request(
      `${baseURL}${pathname}`,
      { method: init.method ?? "GET", agent, headers: { ...(init.headers ?? {}), ...(body ? { "Content-Length": String(body.byteLength) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - start }),
        );
        res.on("error", (error) => resolve({ status: 0, error: String(error), ms: performance.now() - start }));
      },
    );
    req.on("error", (error) => resolve({ status: 0, error: String(error), ms: performance.now() - start }));
    if (body) req.write(body);
    req.end();
  });
}

/** A small valid PDF, different per provider and round (so that each upload is a new attachment). */
export function smallPdf(label: string): Buffer {
  const text = `Bijlage ${label}`.replace(/[()\\]/g, "");
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function multipart(fields: [string, string][], file: { field: string; name: string; type: string; bytes: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, "utf8"));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`, "utf8"));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`, "utf8"));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const WORDS = ["zorg", "bewoner", "dementie", "team", "scholing", "familie", "dagritme", "toezicht", "welzijn", "evaluatie", "netwerk", "specialist"];
function prose(seed: string, words: number): string {
  let h = 0;
  for (const c of seed) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    out.push(WORDS[h % WORDS.length]!);
  }
  return `${seed}: ${out.join(" ")}.`;
}

/**
 * The submit form a provider posts, field names by position (form-content.ts): the declaration
 * (no, so that no evidence is required), the points module with both of its target groups (the
 * two plans: answers per criterion, capacity, context, expertise), and the general attachment.
 */
export function submitForm(kader: Kader, kaderVersion: number, provider: Provider, attachmentSha: string, idempotencyKey: string, round: number): URLSearchParams {
  const form = new URLSearchParams();
  form.set("intent", "submit");
  form.set("idempotencyKey", idempotencyKey);
  form.set("kaderVersion", String(kaderVersion));
  const facts = (kader.facts ?? []).filter((f) => f.source === "aanbieder");
  facts.forEach((fact, i) => form.set(`decl.${i}`, fact.type === "boolean" ? "nee" : "1"));
  const modules = kader.surcharges.filter((s) => s.kind === "points");
  modules.forEach((module, m) => {
    if (module.kind !== "points") return;
    form.set(`module.${m}`, "ja");
    (module.targetGroups ?? []).slice(0, 2).forEach((group, g) => {
      form.set(`group.${m}.${g}`, "ja");
      module.criteria.forEach((criterion, c) => form.set(`plan.${m}.${g}.${c}`, prose(`${provider.agb}/${round}/${group.id}/${criterion.id}`, 60)));
      form.set(`plan.${m}.${g}.capacity`, String(5 + (provider.id % 40)));
      form.set(`plan.${m}.${g}.context`, prose(`${provider.agb}/${round}/${group.id}/context`, 40));
      form.set(`plan.${m}.${g}.expertise`, prose(`${provider.agb}/${round}/${group.id}/expertise`, 40));
    });
  });
  form.append("attachments", attachmentSha);
  return form;
}

/** The SHA-256 the server must store for this form: the same tree, check and canonical JSON as the service. */
export function expectedContentSha(kader: Kader, form: URLSearchParams): string {
  const parsed = parseSubmissionContent(kader, contentFromForm(kader, form));
  if (!parsed.ok) throw new Error(`bench submission does not validate: ${JSON.stringify(parsed.errors)}`);
  return sha256Hex(parsed.canonical);
}

export type Attempt = { provider: Provider; idempotencyKey: string; form: string; contentSha256: string };
export type Ack = Attempt & { version: number };
export type SubmitOutcome =
  | { kind: "ack"; ack: Ack; ms: number }
  | { kind: "refused"; status: number; body: string; ms: number }
  | { kind: "error"; error: string; ms: number };

const RECEIPT = /\/inschrijving\/ontvangstbewijs\/(\d+)$/;

/**
 * Uploads the provider's PDF (multipart, purpose=algemeen), asking for JSON (a browser form gets a
 * 303 back to the form page whether stored or refused). Stored: 2xx with the file's SHA-256,
 * which must be the one computed here; anything else comes back as a refusal.
 */
export async function upload(agent: http.Agent, baseURL: string, slug: string, provider: Provider, pdf: Buffer): Promise<HttpResult & { stored: boolean }> {
  const { body, contentType } = multipart([["purpose", "algemeen"]], { field: "file", name: "bijlage.pdf", type: "application/pdf", bytes: pdf });
  const res = await request(agent, baseURL, `/kaders/${slug}/inschrijving/bijlagen`, {
    method: "POST",
    headers: { Cookie: provider.cookie, "Content-Type": contentType, Accept: "application/json" },
    body,
  });
  if ("error" in res || res.status < 200 || res.status >= 300) return { ...res, stored: false };
  let sha: unknown;
  try {
    sha = (JSON.parse(res.body) as { sha256?: unknown }).sha256;
  } catch {
    sha = undefined;
  }
  return { ...res, stored: sha === sha256Hex(pdf) };
}

export async function postSubmit(agent: http.Agent, baseURL: string, slug: string, attempt: Attempt): Promise<SubmitOutcome> {
  const res = await request(agent, baseURL, `/kaders/${slug}/inschrijving`, {
    method: "POST",
    headers: { Cookie: attempt.provider.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: attempt.form,
  });
  if ("error" in res) return { kind: "error", error: res.error, ms: res.ms };
  const match = res.status >= 300 && res.status < 400 && res.location ? RECEIPT.exec(new URL(res.location, baseURL).pathname) : null;
  if (match) return { kind: "ack", ack: { ...attempt, version: Number(match[1]) }, ms: res.ms };
  return { kind: "refused", status: res.status, body: res.body.slice(0, 300), ms: res.ms };
}

/** Runs `task` over `items` with at most `concurrency` in flight; `stop()` returning true stops new starts. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export function newKey(provider: Provider, round: number): string {
  return `bench-${provider.id}-${round}-${randomBytes(8).toString("hex")}`;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ---------------------------------------------------------------------------------------------
// The checks

export type Verification = {
  acknowledged: number;
  verified: number;
  /** Receipts not in the database, or stored with another hash, or failing verifyReceipt: never acceptable. */
  lost: { key: string; provider: number; version: number; problem: string }[];
  integrity: string;
  auditChain: { ok: boolean; events: number; reason?: string };
};


/**
 * Every acknowledged receipt against the database: the row for (kader, provider, version) exists,
 * carries the idempotency key that was sent, its stored hash is the SHA-256 of the canonical content
 * the client sent, and `verifyReceipt` holds for the receipt as the client knows it (its hash; the
 * time and audit sequence the server stored). Then `PRAGMA integrity_check` and the audit chain.
 */
export function verifyAcks(file: string, slug: string, acks: readonly Ack[]): Verification {
  const db = openDatabase(file);
  try {
    const kader = db.select({ id: kaders.id }).from(kaders).where(eq(kaders.slug, slug)).get()!;
    const lost: Verification["lost"] = [];
    let verified = 0;
    for (const ack of acks) {
      const fail = (problem: string) => lost.push({ key: ack.idempotencyKey, provider: ack.provider.id, version: ack.version, problem });
      const row = db
        .select()
        .from(submissions)
        .where(and(eq(submissions.kaderId, kader.id), eq(submissions.providerId, ack.provider.id), eq(submissions.version, ack.version)))
        .get();
      if (!row) {
        fail("not in the database");
        continue;
      }
      if (row.idempotencyKey !== ack.idempotencyKey) {
        fail(`version ${ack.version} holds another attempt (${row.idempotencyKey})`);
        continue;
      }
      if (row.contentSha256 !== ack.contentSha256) {
        fail(`stored hash ${row.contentSha256} is not the hash of the content sent (${ack.contentSha256})`);
        continue;
      }
      const receipt: Receipt = { ...receiptOf(db, row), contentSha256: ack.contentSha256 };
      const verdict = verifyReceipt(db, receipt);
      if (!verdict.ok) {
        fail(`verifyReceipt: ${verdict.problems.join("; ")}`);
        continue;
      }
      verified++;
    }
    const integrity = (db.$client.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    // As `npm run audit:verify` does: the chain must also extend the head the server exported at its
    // last start (db/audit-head.server.ts), so a tail recomputed after a crash would be caught.
    const { latest } = latestHeadExport(auditHeadDir(file));
    const chain = verifyAuditChain(db, latest ? { expectedHead: latest } : {});
    return {
      acknowledged: acks.length,
      verified,
      lost,
      integrity,
      auditChain: chain.ok ? { ok: true, events: chain.events } : { ok: false, events: chain.events, reason: `event ${chain.firstBadSeq}: ${chain.reason}` },
    };
  } finally {
    db.$client.close();
  }
}

/** The journal mode and synchronous level a connection opened as the server opens it gets. */
export function durabilitySettings(file: string): { journalMode: string; synchronous: number } {
  const db = openDatabase(file);
  try {
    return { journalMode: String(db.$client.pragma("journal_mode", { simple: true })), synchronous: Number(db.$client.pragma("synchronous", { simple: true })) };
  } finally {
    db.$client.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The crash rounds

export type CrashReport = {
  rounds: number;
  /** Receipts received (303 to a version), during the surges and on the retries after a restart. */
  acknowledged: number;
  verified: number;
  lost: Verification["lost"];
  /** Retries after a restart of an attempt that had a receipt: the same version every time, or not. */
  retried: number;
  retryMismatches: { key: string; before: number; after: string }[];
  /** Attempts in flight at the kill (no answer): resolved by retrying with the same key after the restart. */
  inFlightAtKill: number;
  inFlightResolved: number;
  integrity: string;
  auditChain: Verification["auditChain"];
  /** Refusals other than the kill's connection errors, by answer: none expected. */
  refusals: Record<string, number>;
  killedAfter: number[];
};

/**
 * Kills the server with SIGKILL in the middle of each of `rounds` surges (every provider uploads a
 * new PDF and submits a new version; the kill comes once `killFractions[r]` of them have a receipt),
 * restarts it on the same database, retries every attempt of that round with its own key (those
 * with a receipt must get the same version back; those cut off by the kill get theirs now), and
 * checks all receipts so far against the database, with its integrity and the audit chain.
 */
export async function crashRounds(
  bench: BenchDb,
  options: { rounds: number; concurrency: number; killFractions?: number[]; log?: (line: string) => void },
): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const fractions = options.killFractions ?? [0.3, 0.5, 0.7, 0.4, 0.6];
  const acks: Ack[] = [];
  const retryMismatches: CrashReport["retryMismatches"] = [];
  const refusals: Record<string, number> = Object.create(null);
  const killedAfter: number[] = [];
  let retried = 0;
  let inFlightAtKill = 0;
  let inFlightResolved = 0;
  let verification: Verification | undefined;
  let server = await startServer(bench.file);
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const agent = agentFor(options.concurrency);
      const killAt = Math.max(1, Math.floor(bench.providers.length * fractions[(round - 1) % fractions.length]!));
      const roundAcks: Ack[] = [];
      const cutOff: Attempt[] = [];
      let killed: Promise<void> | null = null;
      const target = server;
      await pool(
        bench.providers,
        options.concurrency,
        async (provider) => {
          const pdf = smallPdf(`${provider.agb} ronde ${round}`);
          const idempotencyKey = newKey(provider, round);
          const form = submitForm(bench.kader, bench.kaderVersion, provider, sha256Hex(pdf), idempotencyKey, round);
          const attempt: Attempt = { provider, idempotencyKey, form: form.toString(), contentSha256: expectedContentSha(bench.kader, form) };
          const up = await upload(agent, target.baseURL, bench.slug, provider, pdf);
          if ("error" in up) return; // killed before the upload was answered: the attempt never started
          if (!up.stored) {
            refusals[`upload ${up.status}`] = (refusals[`upload ${up.status}`] ?? 0) + 1;
            return;
          }
          const outcome = await postSubmit(agent, target.baseURL, bench.slug, attempt);
          if (outcome.kind === "ack") {
            roundAcks.push(outcome.ack);
            if (roundAcks.length === killAt) killed = target.kill();
          } else if (outcome.kind === "error") cutOff.push(attempt);
          else refusals[`submit ${outcome.status}`] = (refusals[`submit ${outcome.status}`] ?? 0) + 1;
        },
        () => killed !== null,
      );
      await (killed ?? target.kill());
      agent.destroy();
      killedAfter.push(roundAcks.length);
      inFlightAtKill += cutOff.length;
      log(`round ${round}: SIGKILL after ${roundAcks.length} receipts; ${cutOff.length} submits cut off without an answer`);

      server = await startServer(bench.file);
      const retryAgent = agentFor(options.concurrency);
      await pool([...roundAcks.map((a) => ({ attempt: a as Attempt, before: a.version })), ...cutOff.map((a) => ({ attempt: a, before: null }))], options.concurrency, async ({ attempt, before }) => {
        const outcome = await postSubmit(retryAgent, server.baseURL, bench.slug, attempt);
        if (before !== null) {
          retried++;
          const after = outcome.kind === "ack" ? String(outcome.ack.version) : outcome.kind === "error" ? `error ${outcome.error}` : `${outcome.status}`;
          if (after !== String(before)) retryMismatches.push({ key: attempt.idempotencyKey, before, after });
        } else if (outcome.kind === "ack") {
          inFlightResolved++;
          roundAcks.push(outcome.ack);
        } else refusals[`retry ${outcome.kind === "error" ? "error" : outcome.status}`] = (refusals[`retry ${outcome.kind === "error" ? "error" : outcome.status}`] ?? 0) + 1;
      });
      retryAgent.destroy();
      acks.push(...roundAcks);
      // Read beside the running server (WAL): what a restarted server serves is what is checked.
      verification = verifyAcks(bench.file, bench.slug, acks);
      log(
        `round ${round}: restarted; ${verification.verified}/${verification.acknowledged} receipts verified, lost ${verification.lost.length}, integrity ${verification.integrity}, audit chain ${verification.auditChain.ok ? "intact" : "BROKEN"}, retry mismatches ${retryMismatches.length}`,
      );
    }
  } finally {
    await server.stop();
  }
  // Once more on the closed database, after a clean shutdown.
  verification = verifyAcks(bench.file, bench.slug, acks);
  return {
    rounds: options.rounds,
    acknowledged: verification.acknowledged,
    verified: verification.verified,
    lost: verification.lost,
    retried,
    retryMismatches,
    inFlightAtKill,
    inFlightResolved,
    integrity: verification.integrity,
    auditChain: verification.auditChain,
    refusals: { ...refusals },
    killedAfter,
  };
}

/**
 * The disk's floor for durable commits now: `count` single-row transactions (a row the size of a
 * submission) one after another on a WAL database with synchronous=FULL, as the server commits
 * them. The server commits each submission in its own transaction on one connection, so this is
 * a ceiling for acknowledged submissions per second, whatever the CPU does.
 */
export function durableCommitsPerSecond(count = 300): { perSecond: number; msPerCommit: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zorginkoop-fsync-"));
  const db = openDatabase(path.join(dir, "fsync.db"));
  try {
    db.$client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, content TEXT NOT NULL)");
    const insert = db.$client.prepare("INSERT INTO t (content) VALUES (?)");
    const row = "x".repeat(6000);
    const commit = db.$client.transaction(() => insert.run(row));
    const start = performance.now();
    for (let i = 0; i < count; i++) commit.immediate();
    const elapsed = performance.now() - start;
    return { perSecond: Math.round(count / (elapsed / 1000)), msPerCommit: Math.round((elapsed / count) * 100) / 100 };
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;
