// Storing a computed scoring run: the per-provider lines, then the completing transaction (the
// result, its hash and the audit event). Shared by the run's worker, which stores through its own
// connection to the database file so that the server's main thread never waits for these writes
// (a national field's completing UPDATE rewrites the run's row with its megabytes of inputs), and
// by the main thread for a database only it can open (`:memory:` in tests).
import { eq } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { appendAudit } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { scoringRuns } from "../../../db/schema";
import type { ProviderLines, RunOutput } from "./scoring-run-compute";

/** Who and what the completing audit event names. */
export type RunStoreContext = { runId: number; actorUserId: number; kaderSlug: string; zorgkantoorId: number };

/** The longest one transaction of lines holds the database's write lock. */
const LINES_SLICE_MS = 20;

/**
 * Stores a run's outcome. The lines go in short transactions (at most about LINES_SLICE_MS
 * each, `between` awaited after each: the main thread yields to other requests there) while the
 * run is still `running`; every page and the monitor read the lines of completed runs only. The
 * run becomes `done` (or `failed`) in one last transaction with its result and one audit event.
 * If the process stops in between, the run is `running` without a job: shown as interrupted and
 * closed as failed by the next start, its partial lines never read.
 */
export async function storeRunOutput(db: Db, ctx: RunStoreContext, output: RunOutput, between: () => Promise<void> | void = () => {}): Promise<void> {
  const at = new Date();
  const audit = (tx: Pick<Db, "select" | "insert">, action: "scoring_run.completed" | "scoring_run.failed", payload: Record<string, unknown>) =>
    appendAudit(tx, { actorUserId: ctx.actorUserId, action, entityType: "scoring_run", entityId: String(ctx.runId), payload: { kader: ctx.kaderSlug, ...payload }, organisationIds: [ctx.zorgkantoorId], at });
  if (!output.ok) {
    db.transaction(
      (tx) => {
        tx.update(scoringRuns).set({ status: "failed", finishedAt: at, error: output.message }).where(eq(scoringRuns.id, ctx.runId)).run();
        audit(tx, "scoring_run.failed", {});
      },
      { behavior: "immediate" },
    );
    return;
  }
  const insert = db.$client.prepare("INSERT INTO scoring_run_providers (run_id, agb_code, lines_json, budget_total) VALUES (?, ?, ?, ?)");
  const rows: readonly ProviderLines[] = output.providers;
  let next = 0;
  const slice = db.$client.transaction(() => {
    const until = performance.now() + LINES_SLICE_MS;
    do {
      const [agbCode, linesJson, budgetTotal] = rows[next++]!;
      insert.run(ctx.runId, agbCode, linesJson, budgetTotal);
    } while (next < rows.length && performance.now() < until);
  });
  while (next < rows.length) {
    slice.immediate();
    if (next < rows.length) await between();
  }
  db.transaction(
    (tx) => {
      tx.update(scoringRuns)
        .set({
          status: "done",
          finishedAt: at,
          resultGz: Buffer.from(output.resultGz.buffer, output.resultGz.byteOffset, output.resultGz.byteLength),
          resultSha256: output.resultSha256,
          modulesJson: output.modulesJson,
          budgetJson: output.budgetJson,
          fieldBestJson: output.fieldBestJson,
          rankFindingsJson: output.rankFindingsJson,
          summaryJson: output.summaryJson,
        })
        .where(eq(scoringRuns.id, ctx.runId))
        .run();
      audit(tx, "scoring_run.completed", { resultSha256: output.resultSha256, providers: output.providers.length, lines: output.lineCount, rankFindings: output.findingCount });
    },
    { behavior: "immediate" },
  );
}
