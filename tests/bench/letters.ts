// Award letters at national scale (`npm run -s bench -- letters`): the letters of the national
// field of scoring.ts (3,000 providers over 31 regional kaders, 40 prestaties, target groups),
// each built by the platform's own view model (app/services/award/letter-view-model.ts) from an
// engine result and rendered by templates/award-letter. The floor, measured in the same run, is
// a bare pdfkit document with the same fonts, one page of plain text per page of letter. The last
// line is one JSON object: {"letters", "seconds", "msPerPage", "floorMsPerPage", "ratio"}.
//
// The view model is fed the engine's result directly rather than a stored run read back from the
// database: reading stored lines is measured by the scoring run's own bench; this one measures
// building and rendering the letters. LETTERS_N limits the number of letters for a quick look;
// LETTERS_OUT=dir writes the first three letters there.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import PDFDocument from "pdfkit";
import { awardLetterViewModel } from "../../app/services/award/letter-view-model";
import { standstillFrom } from "../../app/lib/standstill";
import { computeTariffs, parseInputs, parseKader, type Kader, type ModuleResult, type ResultLine } from "../../scoring/index";
import { renderAwardLetter } from "../../templates/award-letter";
import { FONT, registerFonts } from "../../templates/layout/fonts";
import { MARGINS, PAGE, TYPE } from "../../templates/layout/page";
import { buildDataSet } from "./scoring";

const SENT = new Date("2026-12-01T15:00:00Z");
const FIXED = new Date("2026-12-01T00:00:00Z");

function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

const FLOOR_TEXT =
  "Per prestatie het percentage van het NZa-maximumtarief en het tarief. Daaronder per regel de opbouw, stap voor stap, met de verwijzing naar het inkoopkader. ".repeat(12);

/** A bare pdfkit document of `pages` pages, each a block of text in the letter's body font. */
function floorDocument(pages: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: PAGE.size, margins: { ...MARGINS }, autoFirstPage: false, compress: true });
    registerFonts(doc);
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (let i = 0; i < pages; i++) {
      doc.addPage();
      doc.font(FONT.regular).fontSize(TYPE.body).text(FLOOR_TEXT);
    }
    doc.end();
  });
}

type Source = { kader: Kader; lines: Map<string, ResultLine[]>; modules: Map<string, ModuleResult[]>; all: ModuleResult[]; budget: Map<string, string>; set: { inputs: { tariffs: never[]; providers: { id: string; name: string; assessments?: { module: string; targetGroup: string | null; scores: Record<string, string> }[] }[] } } };

function computeSets(limit: number): Source[] {
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

export async function run(): Promise<void> {
  const limit = Number(process.env.LETTERS_N ?? 3000);
  const sources = computeSets(limit);
  const out = process.env.LETTERS_OUT;
  if (out) mkdirSync(out, { recursive: true });
  let letters = 0;
  let pages = 0;
  const started = performance.now();
  for (const source of sources) {
    for (const provider of source.set.inputs.providers) {
      if (letters >= limit) break;
      const vm = awardLetterViewModel({
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
      const pdf = await renderAwardLetter(vm, { creationDate: FIXED });
      pages += pageCount(pdf);
      // LETTERS_OUT=dir keeps the first three letters to look at (pdftoppm -png -r 60).
      if (out && letters < 3) writeFileSync(path.join(out, `letter-${letters + 1}.pdf`), pdf);
      letters++;
    }
  }
  const seconds = (performance.now() - started) / 1000;

  // The floor in the same run: as many bare pages, in documents of the letters' average length.
  const perLetter = Math.max(1, Math.round(pages / letters));
  const floorDocs = Math.max(1, Math.min(letters, Math.ceil(2000 / perLetter)));
  const floorStarted = performance.now();
  let floorPages = 0;
  for (let i = 0; i < floorDocs; i++) floorPages += pageCount(await floorDocument(perLetter));
  const floorMsPerPage = (performance.now() - floorStarted) / floorPages;
  const msPerPage = (seconds * 1000) / pages;
  process.stdout.write(`${letters} brieven, ${pages} pagina's (gemiddeld ${(pages / letters).toFixed(1)}) in ${seconds.toFixed(1)} s\n`);
  process.stdout.write(`${msPerPage.toFixed(2)} ms per pagina; kale pdfkit-pagina met dezelfde lettertypen: ${floorMsPerPage.toFixed(2)} ms\n`);
  process.stdout.write(
    `${JSON.stringify({ letters, seconds: Number(seconds.toFixed(2)), msPerPage: Number(msPerPage.toFixed(3)), floorMsPerPage: Number(floorMsPerPage.toFixed(3)), ratio: Number((msPerPage / floorMsPerPage).toFixed(2)) })}\n`,
  );
}
