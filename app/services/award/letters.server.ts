// The letter batch (issue 12): after sending, every sent decision of a kader gets its letter
// (PDF from templates/award-letter, rendered from the stored run) and the letter's SHA-256,
// stored per decision, once (migration 0013 lets the letter go from empty to written, never
// back or over). The batch writes only the missing letters, so after an interruption (a
// restart) it resumes where it stopped. Letters are rendered in worker threads, one per core
// (letter-pool.server.ts: pdfkit's layout is synchronous and would otherwise hold up every other
// request); the main thread only reads the stored rows for the view model and stores each letter
// in its own short transaction, as its worker hands it back (two letters in hand per worker, so
// that no worker waits for the main thread).
import { and, eq, isNull } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { awardDecisions, kaders } from "../../../db/schema";
import type { AwardLetterViewModel } from "../../../templates/award-letter";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit } from "../db.server";
import type { KaderRow } from "../kaders/access.server";
import { defaultPoolSize, letterPool } from "./letter-pool.server";
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
    const pool = letterPool({ size: Math.min(missing.length, defaultPoolSize()) });
    let next = 0;
    let failed = false;
    const lane = async () => {
      while (!failed && next < missing.length) {
        const id = missing[next++]!;
        try {
          await writeLetter(db, kader, id, actor?.id ?? null, pool.render);
        } catch (error) {
          failed = true;
          throw error;
        }
        job.done++;
      }
    };
    try {
      // The first failure stops the lanes from taking more; the batch fails with it once the letters in hand are done.
      const lanes = await Promise.allSettled(Array.from({ length: pool.size * 2 }, lane));
      const failure = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
      if (failure) throw failure.reason;
    } finally {
      pool.close();
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


