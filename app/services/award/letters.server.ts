// The letter batch (issue 12): after sending, every sent decision of a kader gets its letter
// (PDF from templates/award-letter, rendered from the stored run) and the letter's SHA-256,
// stored per decision, once (migration 0013 lets the letter go from empty to written, never
// back or over). The batch writes only the missing letters, so after an interruption (a
// restart) it resumes where it stopped. Letters are rendered in a worker thread (pdfkit's layout
// is synchronous: about half a second per letter on a busy 2-core machine, which would otherwise
// hold up every other request); the main thread only reads the stored rows for the view model
// and stores each letter in its own short transaction.
import { and, eq, isNull } from "drizzle-orm";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "../../../db/client.server";
import { awardDecisions, kaders } from "../../../db/schema";
import type { AwardLetterViewModel } from "../../../templates/award-letter";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit } from "../db.server";
import type { KaderRow } from "../kaders/access.server";
import { letterViewModel } from "./stored-data.server";

type Job = { done: number; total: number; startedAt: number; finished: Promise<void> };
const jobsByDb = new WeakMap<Db, Map<number, Job>>();
const jobsOf = (db: Db) => {
  let jobs = jobsByDb.get(db);
  if (!jobs) jobsByDb.set(db, (jobs = new Map()));
  return jobs;
};

export type LetterProgress = {
  /** Sent decisions of the kader, and how many have their letter. */
  total: number;
  written: number;
  /** A batch of this process is writing letters now. */
  running: boolean;
};

export function letterProgress(db: Db, kaderId: number): LetterProgress {
  const sent = db
    .select({ id: awardDecisions.id, sha: awardDecisions.letterSha256 })
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.state, "verzonden")))
    .all();
  return { total: sent.length, written: sent.filter((s) => s.sha !== null).length, running: jobsOf(db).has(kaderId) };
}

function projectRoot(): string {
  // From the source (tsx, vitest) or from the bundle (build/index.js): the directory that holds the worker's source.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "app/services/award/letter.worker.ts"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** A worker rendering letters one at a time; `render` resolves with the PDF bytes. */
function letterWorker(): { render: (vm: AwardLetterViewModel, creationDate: Date) => Promise<Buffer>; close: () => void } {
  const require = createRequire(import.meta.url);
  const source = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();\nrequire(${JSON.stringify(join(projectRoot(), "app/services/award/letter.worker.ts"))});\n`;
  const worker = new Worker(source, { eval: true });
  let next = 0;
  const waiting = new Map<number, { resolve: (pdf: Buffer) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("message", (m: { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else w.reject(new Error(m.message));
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", () => failAll(new Error("the letter worker stopped")));
  return {
    render: (vm, creationDate) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, vm, creationDate });
      }),
    close: () => void worker.terminate(),
  };
}

/** Renders (in the worker) and stores one decision's letter; false when another batch wrote it first. */
async function writeLetter(db: Db, kader: KaderRow, decisionId: number, actorUserId: number | null, render: (vm: AwardLetterViewModel, creationDate: Date) => Promise<Buffer>): Promise<boolean> {
  const d = db.select().from(awardDecisions).where(eq(awardDecisions.id, decisionId)).get();
  if (!d || d.state !== "verzonden" || d.letterSha256 !== null) return false;
  // The creation date is the sending time: the same decision always renders to the same bytes.
  const pdf = await render(letterViewModel(db, kader, d), d.sentAt!);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const at = new Date();
  return db.transaction(
    (tx) => {
      const current = tx.select({ sha: awardDecisions.letterSha256 }).from(awardDecisions).where(eq(awardDecisions.id, decisionId)).get();
      if (current?.sha) return false;
      tx.update(awardDecisions).set({ letterPdf: pdf, letterSha256: sha256, letterGeneratedAt: at }).where(eq(awardDecisions.id, decisionId)).run();
      appendAudit(tx, {
        actorUserId,
        action: "award.letter_written",
        entityType: "award_decision",
        entityId: String(decisionId),
        payload: { kader: kader.slug, decisionId, providerId: d.providerId, letterSha256: sha256, bytes: pdf.length },
        organisationIds: [kader.zorgkantoorId, d.providerId],
        at,
      });
      return true;
    },
    { behavior: "immediate" },
  );
}

/**
 * Starts (or joins) the letter batch of a kader: every sent decision without a letter gets one.
 * Returns at once; `finished` settles when the batch is done. A failing letter stops the batch
 * (the page shows how far it got and offers to resume).
 */
export function startLetterBatch(db: Db, kaderId: number, actor: Pick<SessionUser, "id"> | null): { finished: Promise<void> } {
  const jobs = jobsOf(db);
  const running = jobs.get(kaderId);
  if (running) return { finished: running.finished };
  const kader = db.select().from(kaders).where(eq(kaders.id, kaderId)).get();
  if (!kader) return { finished: Promise.resolve() };
  const missing = db
    .select({ id: awardDecisions.id })
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.state, "verzonden"), isNull(awardDecisions.letterSha256)))
    .orderBy(awardDecisions.id)
    .all()
    .map((r) => r.id);
  const job: Job = { done: 0, total: missing.length, startedAt: Date.now(), finished: Promise.resolve() };
  job.finished = (async () => {
    if (missing.length === 0) return;
    const worker = letterWorker();
    try {
      for (const id of missing) {
        await writeLetter(db, kader, id, actor?.id ?? null, worker.render);
        job.done++;
      }
    } finally {
      worker.close();
    }
  })().finally(() => jobs.delete(kaderId));
  jobs.set(kaderId, job);
  // A failure is shown as an incomplete batch; it must not become an unhandled rejection.
  job.finished.catch(() => undefined);
  return { finished: job.finished };
}

/** The stored letter of a decision, byte for byte, with its hash; null before it is written. */
export function storedLetter(db: Db, decisionId: number): { pdf: Buffer; sha256: string } | null {
  const row = db.select({ pdf: awardDecisions.letterPdf, sha: awardDecisions.letterSha256 }).from(awardDecisions).where(eq(awardDecisions.id, decisionId)).get();
  return row?.pdf && row.sha ? { pdf: row.pdf, sha256: row.sha } : null;
}


