// Shared by the template tests: the demo kader as a view model, and the text
// of a PDF as pdftotext (poppler-utils) extracts it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { parseKader, type Kader } from "../../../scoring";
import type { KaderDocumentViewModel } from "../../../templates/kader-document";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const DEMO_KADER_PATH = path.resolve(repoRoot, "../shared/examples/demo-kader.yaml");

/** A fixed creation date: the same input then gives the same bytes. */
export const FIXED_CREATION_DATE = new Date("2026-01-01T00:00:00Z");

export const DEMO_HASH = "3f2a9c1de4b07a12c5e8f90b6d3a7e41c2b8d9f0a1e3c5b7d9f1a3c5e7b9d1f3";

export function demoKader(): Kader {
  const parsed = parseKader(YAML.parse(readFileSync(DEMO_KADER_PATH, "utf8")));
  if (!parsed.ok) throw new Error(`demo kader does not parse: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export function demoViewModel(overrides: Partial<KaderDocumentViewModel> = {}): KaderDocumentViewModel {
  return {
    kader: demoKader(),
    version: 2,
    contentHash: DEMO_HASH,
    // 22-11-2026 14:05 in Amsterdam (winter time, UTC+1)
    publishedAt: new Date("2026-11-22T13:05:00Z"),
    opensAt: new Date("2026-12-01T08:00:00Z"),
    // 15-01-2027 17:00 in Amsterdam
    closesAt: new Date("2027-01-15T16:00:00Z"),
    // summer time: 30-06-2026 12:00 in Amsterdam is 10:00 UTC
    questionsUntil: new Date("2026-06-30T10:00:00Z"),
    zorgkantoor: "Zorgkantoor Demo",
    regions: ["Demo Noord", "Demo Zuid"],
    tariffTable: { year: 2026, version: 1, note: "Illustratieve cijfers" },
    notas: [
      {
        number: 1,
        title: "Vragen over de standaard opslag",
        publishedAt: new Date("2026-11-29T09:30:00Z"),
        body:
          "Vraag: Telt een plan dat na de sluitingstermijn is ingediend mee voor de standaard opslag?\n\n" +
          "Antwoord: Nee. Alleen een plan dat voor de sluitingstermijn is ingediend, telt mee voor de standaard opslag van 2 %.",
      },
      {
        number: 2,
        title: "Wijziging van de staffel",
        publishedAt: new Date("2026-12-05T15:00:00Z"),
        body: "De staffel van de module complexe zorg is ongewijzigd; deze nota bevestigt de schijven vanaf 20, 28 en 34 punten.",
      },
    ],
    versions: [
      { number: 1, publishedAt: new Date("2026-11-15T09:00:00Z"), contentHash: "0".repeat(64), notaNumber: null },
      { number: 2, publishedAt: new Date("2026-11-22T13:05:00Z"), contentHash: DEMO_HASH, notaNumber: null },
    ],
    ...overrides,
  };
}

/**
 * The text of a PDF as pdftotext (poppler-utils) extracts it, in content-stream
 * order (`-raw`): the order the document draws in, so a table row reads as one
 * line ("vanaf 20 punten 2 %"). No-break spaces read as spaces.
 */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "zorginkoop-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\u00a0/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page (pdftotext separates pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  const pages = pdfText(pdf).split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return pages;
}

/** The document information dictionary as pdfinfo reports it. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "zorginkoop-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, pdf);
    const out = execFileSync("pdfinfo", ["-isodates", file], { encoding: "utf8" });
    return Object.fromEntries(
      out
        .split("\n")
        .filter((line) => line.includes(":"))
        .map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A kader that uses every part of the format: sector and prestatie rates, every operator, nesting, linear and relative mappings. */
export function richKader(surchargeCount = 3): Kader {
  const extra = Array.from({ length: surchargeCount }, (_, i) => ({
    id: `kernelement-${i + 1}`,
    kind: "fixed",
    label: `Kernelement ${i + 1}: passende zorg, innovatie en duurzaamheid met een lange omschrijving`,
    ref: `Inkoopkader par. 5.${i + 1}`,
    percent: "0.25",
    appliesTo: { sectors: ["VV", "GHZ"] },
    when: { fact: `kernelement${i + 1}`, op: ">=", value: 3 },
  }));
  const raw = {
    format: "zorginkoop.kader/v1",
    id: "rijk-kader-2027",
    title: "Inkoopkader Wlz 2027 met alle onderdelen",
    zorgkantoor: "Zorgkantoor Proef",
    year: 2027,
    rounding: { decimals: 2, mode: "half-up" },
    percentDecimals: 4,
    maxPercent: 100,
    nonNegotiable: ["NHC", "NIC"],
    baseRate: { default: 94, bySector: { GGZ: 95, GHZ: "94.5" }, byPrestatie: { "10VV": 96 } },
    previousYear: { mode: "floor", over: ["samen"] },
    surcharges: [
      {
        id: "samen",
        kind: "fixed",
        label: "Opslag samenwerking",
        ref: "Inkoopkader par. 4.3",
        percent: "1.5",
        appliesTo: { sectors: ["VV"], prestaties: ["4VV", "5VV"] },
        when: {
          all: [
            { fact: "planIngediend", op: "==", value: true },
            { any: [{ fact: "regio", op: "in", value: ["Noord", "Oost"] }, { fact: "clienten", op: ">", value: 40 }] },
            { not: { fact: "sanctie", op: "!=", value: false } },
            { fact: "wachttijd", op: "<=", value: "6.5" },
            { fact: "verzuim", op: "<", value: 8 },
          ],
        },
      },
      ...extra,
      {
        id: "innovatie",
        kind: "points",
        label: "Module innovatie",
        ref: "Inkoopkader bijlage B",
        criteria: [
          { id: "idee", label: "Idee", weight: 2, scale: [1, 2, 3, 4, 5] },
          { id: "borging", label: "Borging in de organisatie en meetbare resultaten over twee jaar", weight: "1.5", scale: [1, 2, 3, 4, 5], minScore: 2 },
        ],
        mapping: { basis: "relative", linear: { from: 50, to: 100, fromPercent: 0, toPercent: 3 } },
      },
    ],
  };
  const parsed = parseKader(raw);
  if (!parsed.ok) throw new Error(`rich kader does not parse: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}
