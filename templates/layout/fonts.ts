// The fonts every document uses: DejaVu Sans (regular and bold) for text and
// DejaVu Sans Mono for hashes and codes, embedded from the `dejavu-fonts-ttf`
// package so every viewer shows the same letters (é, ë, €, ≤, ≥, ×, −) and the
// same line breaks. The files are read once per process and handed to pdfkit
// as buffers; pdfkit embeds only the glyphs a document uses.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const TTF_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** Absolute paths of the font files. */
export const FONT_FILES = {
  regular: path.join(TTF_DIR, "DejaVuSans.ttf"),
  bold: path.join(TTF_DIR, "DejaVuSans-Bold.ttf"),
  mono: path.join(TTF_DIR, "DejaVuSansMono.ttf"),
} as const;

/** The names under which the fonts are registered on a document: `doc.font(FONT.bold)`. */
export const FONT = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  mono: "DejaVuSansMono",
} as const;

let cache: Record<keyof typeof FONT_FILES, Buffer> | undefined;

function fontData(): Record<keyof typeof FONT_FILES, Buffer> {
  cache ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
    mono: readFileSync(FONT_FILES.mono),
  };
  return cache;
}

/** Register the three fonts on a document and select the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const data = fontData();
  doc.registerFont(FONT.regular, data.regular);
  doc.registerFont(FONT.bold, data.bold);
  doc.registerFont(FONT.mono, data.mono);
  doc.font(FONT.regular);
}
