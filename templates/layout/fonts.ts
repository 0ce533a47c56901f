// The fonts every document uses: DejaVu Sans (regular and bold) for text and
// DejaVu Sans Mono for hashes and codes, embedded from the `dejavu-fonts-ttf`
// package so every viewer shows the same letters (é, ë, €, ≤, ≥, ×, −) and the
// same line breaks. pdfkit embeds only the glyphs a document uses.
//
// Why the fonts are parsed once per process: handed a file or a buffer, pdfkit
// has fontkit parse the font again for every document, and fontkit decodes its
// glyph-substitution and positioning tables lazily, per parsed font, on the
// first words it shapes. For a letter of eleven pages that was most of the
// time (issue 12's benchmark). pdfkit also accepts a parsed fontkit font: we
// parse each file once and hand every document the same font object. Each
// document still gets its own subset (pdfkit calls `createSubset()` per
// document), so nothing one document embeds leaks into another.
//
// On top, the shaping of a word (what pdfkit asks fontkit for, one word at a
// time) is remembered per font for the process: the same words come back in
// every letter. pdfkit scales the positions it gets in place, so every call
// returns fresh position objects; the glyphs themselves are immutable and shared.
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { createRequire } from "node:module";
import path from "node:path";
import { create } from "fontkit";

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

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: readonly unknown[]; positions: Position[]; readonly advanceWidth: number };
type Subset = { glyphs: number[]; mapping: Record<number, number>; encode(): Uint8Array };
type ParsedFont = {
  layout(text: string, features?: unknown, ...rest: unknown[]): Run;
  createSubset(): Subset;
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; codePoints: number[] };
};

/** A shaped word as pdfkit needs it: its own position objects, the advance summed from them. */
class CachedRun implements Run {
  constructor(
    readonly glyphs: readonly unknown[],
    readonly positions: Position[],
  ) {}
  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

/** Shaped words kept per font; cleared when full, so memory stays bounded in a long-running server. */
const MAX_CACHED_RUNS = 50_000;

function withSharedLayout(font: ParsedFont): ParsedFont {
  const shape = font.layout.bind(font);
  const runs = new Map<string, { glyphs: readonly unknown[]; positions: readonly Position[] }>();
  font.layout = (text: string, features?: unknown, ...rest: unknown[]): Run => {
    // Features or a script/language change the shaping: not remembered.
    if (features !== undefined || rest.length > 0) return shape(text, features, ...rest);
    let run = runs.get(text);
    if (!run) {
      const shaped = shape(text);
      // A copy of the unscaled positions: pdfkit scales the objects it is given.
      run = { glyphs: shaped.glyphs, positions: shaped.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      runs.set(text, run);
    }
    return new CachedRun(
      run.glyphs,
      run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })),
    );
  };
  return font;
}

/** Encoded subsets kept per font; cleared when full. */
const MAX_CACHED_SUBSETS = 256;

/**
 * Why subsets are remembered: every document embeds the glyphs it used, and encoding that subset
 * (decoding each glyph, writing the tables) was a sixth of a letter's time. The bytes are a pure
 * function of the font and the glyph ids in order of first use, and letters of one template
 * mostly use the same glyphs in the same order. Encoding also adds the components of compound
 * glyphs to the subset's list; a remembered encoding restores that list as it left it.
 */
function withSharedSubsets(font: ParsedFont): ParsedFont {
  const createSubset = font.createSubset.bind(font);
  const encoded = new Map<string, { glyphs: readonly number[]; bytes: Uint8Array }>();
  font.createSubset = (): Subset => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = (): Uint8Array => {
      const key = subset.glyphs.join(",");
      const known = encoded.get(key);
      if (known) {
        subset.glyphs = [...known.glyphs];
        subset.mapping = Object.create(null) as Record<number, number>;
        known.glyphs.forEach((glyph, i) => (subset.mapping[glyph] = i));
        return known.bytes;
      }
      const bytes = encode();
      remembered.add(bytes);
      if (encoded.size >= MAX_CACHED_SUBSETS) encoded.clear();
      encoded.set(key, { glyphs: [...subset.glyphs], bytes });
      return bytes;
    };
    return subset;
  };
  return font;
}

/** A remembered subset's bytes as pdfkit deflates them (zlib defaults), computed once. */
const deflated = new WeakMap<Uint8Array, Uint8Array>();

function isRememberedSubset(bytes: unknown): bytes is Uint8Array {
  return bytes instanceof Uint8Array && remembered.has(bytes);
}
const remembered = new WeakSet<Uint8Array>();

type Reference = { compress: boolean; data: Record<string, unknown>; write(chunk: Uint8Array): void; finalize(): void; end(chunk?: unknown): void };

/**
 * Why a document's font files are written already deflated: pdfkit deflates every stream as it
 * writes it, so each document deflated the same remembered subset again (a font file is tens of
 * kilobytes, as much as a page of text). The font file is the stream pdfkit ends with the bytes
 * of `subset.encode()`; when those are remembered bytes, the deflated bytes are remembered too
 * and written as pdfkit would have written them (same dictionary, same order of keys, same bytes).
 */
function withRememberedDeflate(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { ref(data?: unknown): Reference; compress: boolean };
  if (!d.compress) return;
  const ref = d.ref.bind(d);
  d.ref = (data?: unknown) => {
    const reference = ref(data);
    baseEnd ??= (Object.getPrototypeOf(reference) as Reference).end;
    // One shared function, not a closure per reference (a letter has hundreds of references).
    reference.end = endRemembered;
    return reference;
  };
}

/** pdfkit's own `end` of a reference (its PDFReference prototype), taken from the first reference. */
let baseEnd: Reference["end"] | undefined;

function endRemembered(this: Reference, chunk?: unknown): void {
  if (!this.compress || !isRememberedSubset(chunk)) return baseEnd!.call(this, chunk);
  let bytes = deflated.get(chunk);
  if (!bytes) deflated.set(chunk, (bytes = deflateSync(chunk)));
  this.compress = false;
  this.write(bytes);
  this.data.Filter = "FlateDecode";
  this.finalize();
}

let parsed: Record<keyof typeof FONT_FILES, ParsedFont> | undefined;

function parse(file: string): ParsedFont {
  const font = create(readFileSync(file)) as unknown as ParsedFont;
  if (typeof font?.layout !== "function") throw new Error(`${file} is not a single font`);
  return withSharedSubsets(withSharedLayout(font));
}

/** The three fonts, parsed once per process. */
function parsedFonts(): Record<keyof typeof FONT_FILES, ParsedFont> {
  parsed ??= { regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold), mono: parse(FONT_FILES.mono) };
  return parsed;
}

/** Documents whose FONT names stand for the shared parsed fonts (see `usesSharedFonts`). */
const sharing = new WeakSet<PDFKit.PDFDocument>();

/**
 * True when `doc`'s FONT names stand for the process's parsed fonts: what such a document
 * measures, another one measures the same, so a measurement may be remembered across documents.
 */
export function usesSharedFonts(doc: PDFKit.PDFDocument): boolean {
  return sharing.has(doc);
}

/**
 * The glyphs every document's subset starts with, in this order. Why: a subset's bytes depend on
 * the glyphs in order of first use, and that order differs between letters (a provider's name, an
 * amount, come early in one letter and late in another), so the remembered subsets missed for
 * about half of the letters. With the common characters first, in a fixed order, nearly every
 * letter has the same subset, encoded and deflated once. An unused preset glyph costs a few dozen
 * bytes in the font file; a font the document does not use is not embedded at all.
 */
const PRESET = {
  regular: " 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,:;-–€%()/+×\u00a0„”’‘\"'?!&·…",
  bold: " 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,:;-–€%()/+\u00a0",
  mono: "0123456789abcdef-/.",
} as const;

type EmbeddedFont = { subset: { includeGlyph(id: number): number }; widths: (number | undefined)[]; unicode: (number[] | undefined)[]; scale: number };

/**
 * Where each preset glyph lands in a document's subset, by font name: the same in every document
 * (a fresh subset, the same glyphs in the same order), so a line made of preset glyphs encodes the
 * same in every document (lines.ts remembers it). Checked on every document: a document where a
 * preset glyph lands elsewhere turns this off for the process.
 */
const presetIds = new Map<string, Map<number, number>>();
let presetsAgree = true;

/** The subset index of each preset glyph of `fontName` (a FONT name), the same in every document. */
export function presetGlyphIds(fontName: string): ReadonlyMap<number, number> | undefined {
  return presetsAgree ? presetIds.get(fontName) : undefined;
}

function presetGlyphs(doc: PDFKit.PDFDocument, fonts: Record<keyof typeof FONT_FILES, ParsedFont>): void {
  for (const key of ["regular", "bold", "mono"] as const) {
    doc.font(FONT[key]);
    const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
    const known = presetIds.get(FONT[key]);
    const ids = known ?? new Map<number, number>();
    for (const char of PRESET[key]) {
      const glyph = fonts[key].glyphForCodePoint(char.codePointAt(0)!);
      const gid = embedded.subset.includeGlyph(glyph.id);
      if (!known) ids.set(glyph.id, gid);
      else if (known.get(glyph.id) !== gid) presetsAgree = false;
      // As pdfkit's `encode` records a glyph it uses: its width and its characters (for copying text).
      embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
      embedded.unicode[gid] ??= glyph.codePoints;
    }
    if (!known) presetIds.set(FONT[key], ids);
  }
}

/** Register the three fonts on a document and select the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const fonts = parsedFonts();
  sharing.add(doc);
  withRememberedDeflate(doc);
  // pdfkit takes a parsed fontkit font (anything with `layout`) besides a path or bytes; its types only name the latter.
  doc.registerFont(FONT.regular, fonts.regular as unknown as Buffer);
  doc.registerFont(FONT.bold, fonts.bold as unknown as Buffer);
  doc.registerFont(FONT.mono, fonts.mono as unknown as Buffer);
  presetGlyphs(doc, fonts);
  doc.font(FONT.regular);
}
