// Award letters at national scale (`npm run -s bench -- letters`): the letters of the national
// field of scoring.ts (3,000 providers over 31 regional kaders, 40 prestaties, target groups),
// each built by the platform's own view model (app/services/award/letter-view-model.ts) from an
// engine result and rendered by templates/award-letter. The floor, measured in the same run, is
// a bare pdfkit document with the same fonts, one page of plain text per page of letter. The last
// line is one JSON object: {"letters", "seconds", "msPerPage", "floorMsPerPage", "ratio", "workers",
// "pagesPerLetter", "floorPages", "batches", "batchRatios"}.
//
// As the letter batch does (app/services/award/letters.server.ts), the view models are built on
// the main thread and the letters rendered in the pool of worker threads (letter-pool.server.ts:
// one per core, LETTER_WORKERS overrides; LETTER_WORKERS=1 for one thread), two letters in hand
// per worker. The floor's documents go through the same pool in the same way, so both figures are
// wall-clock time per page with the same threads; the clock starts once the workers are up.
//
// Method (interleaved): the letters go in batches of LETTERS_BATCH (default 100), and after each
// batch of letters a batch of floor documents with as many pages as that batch of letters had
// (documents of the batch's average letter length, the last one shorter). Every other pair runs
// the floor first (letters, floor, floor, letters, …), so neither side always follows the other.
// Each batch is timed on its own and each side's times are summed: `seconds` and `msPerPage` are
// the letters' batches only, `floorMsPerPage` the floor's. Why: measured after the letters over
// 2,000 pages, the floor moved more between runs (0.77–1.18 ms) than the letters did, because the
// machine's load changed between the two phases; interleaved, a change of load hits both sides
// alike, over about as many floor pages as letter pages. The first batch of letters carries the
// font parsing and the letters' warm-up, the first floor batch pdfkit's own text path's.
// `batchRatios` gives the lowest, middle and highest ratio of the pairs, to show the spread.
//
// The view model is fed the engine's result directly rather than a stored run read back from the
// database: reading stored lines is measured by the scoring run's own bench; this one measures
// building and rendering the letters. LETTERS_N limits the number of letters for a quick look;
// LETTERS_OUT=dir writes the first three letters there.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { workerPool } from "../../app/services/award/letter-pool.server";
import { awardLetterViewModel } from "../../app/services/award/letter-view-model";
import { standstillFrom } from "../../app/lib/standstill";
import { computeTariffs, parseInputs, parseKader, type Kader, type ModuleResult, type ResultLine } from "../../scoring/index";
import type { AwardLetterViewModel } from "../../templates/award-letter";
import { pageCount } from "./letters-floor";
import { buildDataSet } from "./scoring";

const WORKER = fileURLToPath(new URL("./letters.worker.ts", import.meta.url));

const SENT = new Date("2026-12-01T15:00:00Z");
const FIXED = new Date("2026-12-01T00:00:00Z");

type Source = { kader: Kader; lines: Map<string, ResultLine[]>; modules: Map<string, ModuleResult[]>; all: ModuleResult[]; budget: Map<string, string>; set: { inputs: { tariffs: never[]; providers: { id: string; name: string; assessments?: { module: string; targetGroup: string | null; scores: Record<string, string> }[] }[] } } };

export function computeSets(limit: number): Source[] {
  const sources: Source[] = [];
  let count = 0;
  for (const raw of buildDataSet() as { kader: unknown; inputs: unknown }[]) {
    if (count >= limit) break;
    const kader = parseKader(raw.kader);
    if (!kader.ok) throw new Error("bench kader invalid");
    const inputs = parseInputs(raw.inputs, kader.value);
    if (!inputs.ok) throw new Error("bench inputs invalid");
    const result = computeTariffs(kader.value, inputs.value);
    const group = <T extends { provider: string }>(items: readonly T[]) => {
      const map = new Map<string, T[]>();
      for (const item of items) map.set(item.provider, [...(map.get(item.provider) ?? []), item]);
      return map;
    };
    sources.push({
      kader: kader.value,
      lines: group(result.lines),
      modules: group(result.modules),
      all: result.modules,
      budget: new Map((result.budget?.byProvider ?? []).map((b) => [b.provider, b.total])),
      set: raw as Source["set"],
    });
    count += inputs.value.providers.length;
  }
  return sources;
}

/** The view models of the first `limit` providers, built as the batch builds them (main thread). */
export function* viewModels(sources: Source[], limit: number): Generator<AwardLetterViewModel> {
  let count = 0;
  for (const source of sources) {
    for (const provider of source.set.inputs.providers) {
      if (count++ >= limit) return;
      yield awardLetterViewModel({
        zorgkantoor: "Zorgkantoor Bench",
        kader: source.kader,
        kaderVersion: { number: 1, contentHash: "0".repeat(64) },
        tariffs: source.set.inputs.tariffs,
        provider: { name: provider.name, agb: provider.id },
        reference: `${source.kader.id}/${provider.id}/1`,
        state: "verzonden",
        date: SENT,
        decision: { contracted: true },
        lines: source.lines.get(provider.id) ?? [],
        modules: source.modules.get(provider.id) ?? [],
        yearlyAmount: source.budget.get(provider.id) ?? null,
        fieldModules: source.all,
        fieldBest: [],
        scores: (provider.assessments ?? []).flatMap((a) =>
          Object.entries(a.scores).map(([criterion, score]) => ({
            module: a.module,
            targetGroup: a.targetGroup ?? null,
            criterion,
            score: String(score),
            motivation: `Het plan beschrijft de doelgroep en de aanpak; score ${score} volgens de beschrijving in het kader.`,
            missing: "Meetbare doelen per kwartaal ontbraken.",
          })),
        ),
        run: { number: 1, resultSha256: "1".repeat(64), inputsSha256: "2".repeat(64), engineVersion: "1.0.0" },
        standstill: standstillFrom(SENT),
        approval: { jurist: "Julia Jurist", at: SENT },
        replaces: null,
      });
    }
  }
}

/** Runs `work(i)` for i < n with `lanes` in flight at a time. */
async function inLanes(n: number, lanes: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, n) }, lane));
}

export async function run(): Promise<void> {
  const limit = Number(process.env.LETTERS_N ?? 3000);
  const sources = computeSets(limit);
  const out = process.env.LETTERS_OUT;
  if (out) mkdirSync(out, { recursive: true });
  const raw = workerPool(WORKER);
  try {
    // The clock starts once every worker is up.
    await Promise.all(Array.from({ length: raw.size }, () => raw.call({ ping: true })));
    const models = viewModels(sources, limit);
    const batchSize = Math.max(1, Number(process.env.LETTERS_BATCH ?? 100));
    let letters = 0;
    let pages = 0;
    let letterMs = 0;
    let floorPages = 0;
    let floorMs = 0;
    const ratios: number[] = [];

    /** One batch of letters, timed; its pages. */
    const letterBatch = async (count: number): Promise<{ pages: number; ms: number }> => {
      let batchPages = 0;
      const started = performance.now();
      await inLanes(count, raw.size * 2, async () => {
        const next = models.next();
        if (next.done) return;
        const index = letters++;
        const { pdf } = await raw.call({ vm: next.value, creationDate: FIXED });
        if (!pdf) throw new Error("no PDF from the worker");
        batchPages += pageCount(pdf);
        // LETTERS_OUT=dir keeps the first three letters to look at (pdftoppm -png -r 60).
        if (out && index < 3) writeFileSync(path.join(out, `letter-${index + 1}.pdf`), pdf);
      });
      return { pages: batchPages, ms: performance.now() - started };
    };

    /** One batch of floor documents, `total` pages in documents of `perDocument` pages, timed. */
    const floorBatch = async (total: number, perDocument: number): Promise<{ pages: number; ms: number }> => {
      const documents = Math.ceil(total / perDocument);
      let batchPages = 0;
      const started = performance.now();
      await inLanes(documents, raw.size * 2, async (i) => {
        const { value } = await raw.call({ floor: Math.min(perDocument, total - i * perDocument) });
        batchPages += value as number;
      });
      return { pages: batchPages, ms: performance.now() - started };
    };

    const wallStarted = performance.now();
    for (let pair = 0; letters < limit; pair++) {
      const count = Math.min(batchSize, limit - letters);
      const floorFirst = pair % 2 === 1;
      // The floor's batch has as many pages as the letters' batch; when it goes first, as many as
      // the previous letters' batch per letter (the average so far), for this batch's count.
      const perLetter = pages > 0 ? pages / letters : 0;
      let floor = floorFirst ? await floorBatch(Math.max(1, Math.round(perLetter * count)), Math.max(1, Math.round(perLetter))) : null;
      const batch = await letterBatch(count);
      floor ??= await floorBatch(batch.pages, Math.max(1, Math.round(batch.pages / count)));
      pages += batch.pages;
      letterMs += batch.ms;
      floorPages += floor.pages;
      floorMs += floor.ms;
      ratios.push(batch.ms / batch.pages / (floor.ms / floor.pages));
    }
    const wallSeconds = (performance.now() - wallStarted) / 1000;

    const seconds = letterMs / 1000;
    const msPerPage = letterMs / pages;
    const floorMsPerPage = floorMs / floorPages;
    ratios.sort((a, b) => a - b);
    const batchRatios = [ratios[0]!, ratios[Math.floor(ratios.length / 2)]!, ratios.at(-1)!].map((r) => Number(r.toFixed(2)));
    process.stdout.write(`${letters} brieven, ${pages} pagina's (gemiddeld ${(pages / letters).toFixed(1)}) in ${seconds.toFixed(1)} s, ${raw.size} worker(s)\n`);
    process.stdout.write(
      `kale pdfkit-pagina met dezelfde lettertypen: ${floorPages} pagina's in ${(floorMs / 1000).toFixed(1)} s, afgewisseld in ${ratios.length} paren (samen ${wallSeconds.toFixed(1)} s)\n`,
    );
    process.stdout.write(`${msPerPage.toFixed(2)} ms per pagina; kale pagina ${floorMsPerPage.toFixed(2)} ms; verhouding per paar ${batchRatios.join(" / ")} (laagste / middelste / hoogste)\n`);
    process.stdout.write(
      `${JSON.stringify({ letters, seconds: Number(seconds.toFixed(2)), msPerPage: Number(msPerPage.toFixed(3)), floorMsPerPage: Number(floorMsPerPage.toFixed(3)), ratio: Number((msPerPage / floorMsPerPage).toFixed(2)), workers: raw.size, pagesPerLetter: Number((pages / letters).toFixed(2)), floorPages, batches: ratios.length, batchRatios })}\n`,
    );
  } finally {
    raw.close();
  }
}
