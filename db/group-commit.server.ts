/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction, so
 * one durable commit (one fsync with `synchronous = FULL`) answers all of them.
 *
 * Why: a receipt is given only after its write is durable, and better-sqlite3 commits on Node's
 * one thread, so with one commit per write the server waits for the disk once per submission.
 * At the deadline, when hundreds of providers submit within a minute, a slow disk (200–300
 * durable commits/s on a shared machine) rather than the CPU then set the pace.
 *
 * Each piece of work runs in its own savepoint inside the shared `BEGIN IMMEDIATE`: one that
 * throws is rolled back alone and its caller gets the error; the others still commit. No caller
 * learns its result before the shared COMMIT has returned, so what was answered is on disk; if
 * the COMMIT fails, every caller of that group gets the error and nothing of it was written.
 * Work runs synchronously, in the order it was queued, with nothing else in between (the flush
 * does not yield), so it sees the writes queued before it as a single writer would.
 */
import type { Db } from "./client.server";

type Pending = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Upper bound on one group, so one flush never holds the thread for long. */
const MAX_GROUP = 64;

const queues = new WeakMap<Db, Pending[]>();

/**
 * Runs `work` (synchronous, may use `db.transaction`, which becomes a savepoint) in the next
 * group commit of `db` and resolves with its result once that group is durable.
 */
export function groupCommit<T>(db: Db, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (queue.length === 1) setImmediate(() => flush(db));
  });
}

function flush(db: Db): void {
  const queue = queues.get(db);
  if (!queue || queue.length === 0) return;
  const group = queue.splice(0, MAX_GROUP);
  // Whatever was queued meanwhile, or beyond the bound, goes in the next turn.
  if (queue.length > 0) setImmediate(() => flush(db));

  const client = db.$client;
  if (client.inTransaction) {
    // Only reachable if a caller left a transaction open across turns; never join it.
    for (const p of group) p.reject(new Error("group commit: a transaction is already open on this connection"));
    return;
  }

  // Results wait for the commit that makes them durable.
  let inThisTransaction: { p: Pending; result: unknown }[] = [];
  const begin = () => client.exec("BEGIN IMMEDIATE");
  try {
    begin();
  } catch (error) {
    for (const p of group) p.reject(error);
    return;
  }
  for (const p of group) {
    try {
      // A savepoint of its own: an error undoes this work only.
      const result = client.transaction(() => p.work())();
      inThisTransaction.push({ p, result });
    } catch (error) {
      p.reject(error);
      if (!client.inTransaction) {
        // SQLite rolled the whole transaction back (a full disk, say): what ran before it is gone.
        for (const done of inThisTransaction) done.p.reject(error);
        inThisTransaction = [];
        try {
          begin();
        } catch (again) {
          const rest = group.slice(group.indexOf(p) + 1);
          for (const r of rest) r.reject(again);
          return;
        }
      }
    }
  }
  try {
    client.exec("COMMIT");
  } catch (error) {
    if (client.inTransaction) client.exec("ROLLBACK");
    for (const done of inThisTransaction) done.p.reject(error);
    return;
  }
  for (const done of inThisTransaction) done.p.resolve(done.result);
}
