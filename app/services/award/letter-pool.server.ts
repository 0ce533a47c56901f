// The worker threads that render award letters (letters.server.ts; the letters bench uses the
// same pool). pdfkit's layout is synchronous, so a letter rendered on the main thread would hold
// up every other request; and one worker uses one core. The pool starts one worker per core (at
// most four; LETTER_WORKERS overrides), hands each letter to the worker with the fewest letters in
// hand, and gives every worker a larger young generation: rendering allocates many short-lived
// objects (lines, glyph runs, content chunks), and with the default semi-space a fifth of a
// letter's time went to scavenges.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AwardLetterViewModel } from "../../../templates/award-letter";

/** Young generation per worker, MB (V8's default is 16 MB of semi-space on a 64-bit machine). */
const YOUNG_GENERATION_MB = 64;
const MAX_WORKERS = 4;

export function projectRoot(): string {
  // From the source (tsx, vitest) or from the bundle (build/index.js): the directory that holds the worker's source.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, "app/services/award/letter.worker.ts"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** How many workers a pool starts by default: LETTER_WORKERS, else one per core, at most four. */
export function defaultPoolSize(): number {
  const configured = Number(process.env.LETTER_WORKERS);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, 16);
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

type Reply = { id: number; ok: true; pdf?: Uint8Array; value?: unknown } | { id: number; ok: false; message: string };

type Thread = { worker: Worker; busy: number; waiting: Map<number, { resolve: (r: Reply & { ok: true }) => void; reject: (e: Error) => void }> };

export type WorkerPool = {
  size: number;
  /** Posts `message` (with an `id` added) to the least busy worker; resolves with its reply. */
  call(message: Record<string, unknown>): Promise<Reply & { ok: true }>;
  close(): void;
};

/** A pool of `size` workers running `script` (a TypeScript module loaded through tsx). */
export function workerPool(script: string, size = defaultPoolSize()): WorkerPool {
  const require = createRequire(import.meta.url);
  const source = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();\nrequire(${JSON.stringify(script)});\n`;
  let next = 0;
  const threads: Thread[] = Array.from({ length: size }, () => {
    const worker = new Worker(source, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const thread: Thread = { worker, busy: 0, waiting: new Map() };
    const failAll = (e: Error) => {
      for (const w of thread.waiting.values()) w.reject(e);
      thread.waiting.clear();
    };
    worker.on("message", (m: Reply) => {
      const w = thread.waiting.get(m.id);
      if (!w) return;
      thread.waiting.delete(m.id);
      thread.busy--;
      if (m.ok) w.resolve(m);
      else w.reject(new Error(m.message));
    });
    worker.on("error", (e) => failAll(e));
    worker.on("exit", () => failAll(new Error("the letter worker stopped")));
    return thread;
  });
  return {
    size,
    call: (message) =>
      new Promise((resolve, reject) => {
        const thread = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
        const id = ++next;
        thread.busy++;
        thread.waiting.set(id, { resolve, reject });
        thread.worker.postMessage({ ...message, id });
      }),
    close: () => {
      for (const t of threads) void t.worker.terminate();
    },
  };
}

export type LetterPool = {
  size: number;
  render: (vm: AwardLetterViewModel, creationDate: Date) => Promise<Buffer>;
  close: () => void;
};

/** Award letters rendered in a pool of workers (app/services/award/letter.worker.ts, or `script`). */
export function letterPool(options: { size?: number; script?: string } = {}): LetterPool {
  const pool = workerPool(options.script ?? join(projectRoot(), "app/services/award/letter.worker.ts"), options.size);
  return {
    size: pool.size,
    render: async (vm, creationDate) => {
      const { pdf } = await pool.call({ vm, creationDate });
      if (!pdf) throw new Error("the letter worker sent no PDF");
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    close: pool.close,
  };
}
