// The fonts are parsed once per process and shaped words, text heights and encoded font subsets
// are remembered across documents (templates/layout/fonts.ts, text.ts). None of that may change a
// single byte: a document rendered after others equals the same document rendered first, in a
// fresh process, with no cache at all.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { FONT, registerFonts, renderToBuffer, table, paragraph, heading, keyValueList } from "../../../templates/layout";
import { heightOfText } from "../../../templates/layout/text";
import { FIXED_CREATION_DATE } from "./helpers";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A small document with every font, a table and repeated words; `seed` varies names and digits. */
const SCRIPT = (layout: string, seed: string) => `
import { renderToBuffer, table, paragraph, heading, keyValueList } from ${JSON.stringify(layout)};
const seed = ${JSON.stringify(seed)};
const pdf = await renderToBuffer((doc) => {
  heading(doc, "Besluit " + seed, 1);
  keyValueList(doc, [{ key: "Kenmerk", value: [{ text: "regio-" + seed + "/7000", font: "mono" }] }, { key: "Datum", value: "01-12-2026" }]);
  for (let i = 0; i < 30; i++) paragraph(doc, "Het percentage is het basistarief plus de opslagen (" + seed + i + " %), € " + i + ",50; ĳ ë é ≤ ≥ × −.");
  table(doc, [{ header: "Prestatie", width: 0.3 }, { header: "Opbouw", width: 0.5 }, { header: "Tarief", width: 0.2, align: "right" }],
    Array.from({ length: 40 }, (_, i) => [seed + " " + i + "VV", "93,6 % basistarief + 2 % Standaard opslag bij ingediend plan", "€ " + (100 + i) + ",12"]));
}, { title: "Proef " + seed, creationDate: new Date("2026-01-01T00:00:00Z"), compress: false });
process.stdout.write(pdf.toString("base64"));
`;

function render(seed: string): Promise<Buffer> {
  return renderToBuffer(
    (doc) => {
      heading(doc, `Besluit ${seed}`, 1);
      keyValueList(doc, [
        { key: "Kenmerk", value: [{ text: `regio-${seed}/7000`, font: "mono" }] },
        { key: "Datum", value: "01-12-2026" },
      ]);
      for (let i = 0; i < 30; i++) paragraph(doc, `Het percentage is het basistarief plus de opslagen (${seed}${i} %), € ${i},50; ĳ ë é ≤ ≥ × −.`);
      table(
        doc,
        [
          { header: "Prestatie", width: 0.3 },
          { header: "Opbouw", width: 0.5 },
          { header: "Tarief", width: 0.2, align: "right" },
        ],
        Array.from({ length: 40 }, (_, i) => [`${seed} ${i}VV`, "93,6 % basistarief + 2 % Standaard opslag bij ingediend plan", `€ ${100 + i},12`]),
      );
    },
    { title: `Proef ${seed}`, creationDate: FIXED_CREATION_DATE, compress: false },
  );
}

function renderInFreshProcess(seed: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "zk-fonts-"));
  try {
    const file = path.join(dir, "render.mts");
    writeFileSync(file, SCRIPT(path.join(repoRoot, "templates/layout/index.ts"), seed));
    const out = execFileSync(path.join(repoRoot, "node_modules/.bin/tsx"), [file], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
    return Buffer.from(out.toString(), "base64");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("fonts shared across documents", () => {
  it("gives the same bytes after other documents as in a fresh process", { timeout: 60_000 }, async () => {
    // Warm every cache with other documents (other digits and names, the same words), twice.
    for (const seed of ["987", "Zorgaanbieder 10000098", "123"]) await render(seed);
    const warm = await render("45601");
    const again = await render("45601");
    expect(again.equals(warm)).toBe(true);
    const fresh = renderInFreshProcess("45601");
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(warm.equals(fresh)).toBe(true);
  });

  it("measures a text as pdfkit does, on first and later measurements", () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    registerFonts(doc);
    doc.addPage();
    const texts = ["Kort", "Het percentage is het basistarief plus de opslagen die u verdient, na de vorig-jaarregel en nooit meer dan het maximum.", "a\nb\nc", ""];
    for (const round of [1, 2]) {
      for (const text of texts) {
        for (const [font, size, width] of [
          [FONT.regular, 10, 180],
          [FONT.bold, 9, 60],
          [FONT.mono, 10, 120],
        ] as const) {
          const expected = doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: 2.5 });
          expect(heightOfText(doc, text, font, size, width, 2.5), `${round} ${font} ${text}`).toBe(expected);
        }
      }
    }
  });
});
