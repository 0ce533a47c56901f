// Text in lines, remembered: where a text breaks into lines at a width, and how each line is
// encoded as glyphs, is worked out once per process and reused by every document that uses the
// shared fonts (`usesSharedFonts`). pdfkit does both again for every text it draws: it runs the
// Unicode line breaker over the text, measures every word, shapes every line again to encode it,
// and writes each operator as its own chunk. For a letter, whose tables repeat the same labels,
// amounts and motivations, that was most of the time (issue 12's benchmark).
//
// What is drawn is what pdfkit draws: the lines come from pdfkit's own line wrapper (run once, to
// measure), and each line is written with the operators pdfkit's `_fragment` writes, in the same
// order and with the same numbers (but for the flip of the y axis, folded into the text matrix;
// see `drawLine`), including the page break when a line does not fit (pdfkit's
// `nextSection`). Only the glyph ids are per document: each document has its own font subset, so
// the glyphs are added to that subset (with their widths and Unicode values for the ToUnicode map)
// as pdfkit's `encode` does. Anything outside the simple case (several runs, centred or justified
// text, a glyph with an offset, a text ending in a line break) is left to pdfkit.
import { presetGlyphIds, usesSharedFonts } from "./fonts";

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Position = { xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number };

/** The parts of pdfkit's embedded font and document that pdfkit's own text code uses. */
type EmbeddedFont = {
  id: string;
  scale: number;
  ascender: number;
  layout(text: string): { glyphs: Glyph[]; positions: Position[] };
  subset: { includeGlyph(id: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  ref(): unknown;
};
type Page = { height: number; fonts: Record<string, unknown>; maxY(): number };
type TextOptions = { width?: number; lineGap?: number; height?: number; align?: string; lineWidth?: number; textWidth?: number; wordCount?: number };
type Doc = {
  _font: EmbeddedFont;
  _lineGap?: number;
  _fillColor?: [unknown, unknown];
  page: Page;
  x: number;
  y: number;
  _text(text: string, x: number, y: number, options: TextOptions, line: (text: string) => void): unknown;
  _fragment(text: string, x: number, y: number, options: TextOptions): void;
  addContent(data: string): unknown;
  continueOnNewPage(): unknown;
  fillColor(...args: unknown[]): unknown;
  font(name: string): Doc;
  fontSize(size: number): Doc;
  widthOfString(text: string): number;
  currentLineHeight(includeGap?: boolean): number;
};

type Line = { text: string; rightWidth: number | undefined };
export type Laid = { lines: Line[]; height: number };

/** A line's glyphs and its TJ segments as pdfkit's `_fragment` cuts them (after each kerned glyph). */
type GlyphRun = {
  ids: number[];
  widths: number[];
  codePoints: number[][];
  ends: number[];
  adjusts: string[];
  offsets: boolean;
  advance: number;
  /** The TJ operand when every glyph is a preset one (the same in every document); null when not; undefined until known. */
  preset?: string | null;
};

const MAX_ENTRIES = 50_000;

/**
 * Values by font, size, width and line gap and then by the text, in nested maps: the text is
 * looked up as it is, and the numbers as numbers, rather than glued into one key per call (a new
 * string to build, with the numbers written out in decimal, and to hash, on every measure and
 * every draw; a string keeps its own hash once computed).
 */
type Texts<T> = Map<string, T>;
class Remembered<T> {
  private readonly byFont = new Map<string, Map<number, Map<number, Map<number, Texts<T>>>>>();
  private size = 0;
  // The texts of the last font, size, width and gap looked up: consecutive lookups are mostly in
  // the same column or paragraph, and four comparisons are cheaper than four map lookups.
  private lastFont = "";
  private lastSize = NaN;
  private lastWidth = NaN;
  private lastGap = NaN;
  private lastTexts: Texts<T> | undefined;
  private textsOf(font: string, size: number, width: number, gap: number): Texts<T> | undefined {
    if (font === this.lastFont && size === this.lastSize && width === this.lastWidth && gap === this.lastGap) return this.lastTexts;
    const texts = this.byFont.get(font)?.get(size)?.get(width)?.get(gap);
    if (texts) {
      this.lastFont = font;
      this.lastSize = size;
      this.lastWidth = width;
      this.lastGap = gap;
      this.lastTexts = texts;
    }
    return texts;
  }
  get(font: string, size: number, width: number, gap: number, text: string): T | undefined {
    return this.textsOf(font, size, width, gap)?.get(text);
  }
  set(font: string, size: number, width: number, gap: number, text: string, value: T): T {
    if (this.size >= MAX_ENTRIES) {
      this.byFont.clear();
      this.size = 0;
      this.lastTexts = undefined;
      this.lastFont = "";
    }
    let sizes = this.byFont.get(font);
    if (!sizes) this.byFont.set(font, (sizes = new Map()));
    let widths = sizes.get(size);
    if (!widths) sizes.set(size, (widths = new Map()));
    let gaps = widths.get(width);
    if (!gaps) widths.set(width, (gaps = new Map()));
    let texts = gaps.get(gap);
    if (!texts) gaps.set(gap, (texts = new Map()));
    texts.set(text, value);
    this.size++;
    return value;
  }
}

const laidOut = new Remembered<Laid>();
const widths = new Remembered<number>();
const glyphRuns = new Remembered<GlyphRun>();

/** pdfkit's number formatting in content streams. */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

/** pdfkit's PDFNumber: the largest float32 not above `n`. */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function pdfNumber(n: number): number {
  const rounded = Math.fround(n);
  if (rounded <= n) return rounded;
  f32[0] = n;
  if (n <= 0) u32[0]! += 1;
  else u32[0]! -= 1;
  return f32[0]!;
}

const HEX: string[] = Array.from({ length: 4096 }, (_, i) => `0000${i.toString(16)}`.slice(-4));
const hex4 = (n: number): string => HEX[n] ?? `0000${n.toString(16)}`.slice(-4);

/**
 * The lines of `text` in `font` at `size` within `width`, as pdfkit's wrapper breaks them, and
 * their height (`heightOfString`). Leaves `font` and `size` selected. Only for documents with the
 * shared fonts. A line gap of 0 stands for the document's own, as in pdfkit.
 */
export function linesOf(doc: PDFKit.PDFDocument, text: string, font: string, size: number, width: number, gap: number): Laid {
  const d = doc as unknown as Doc;
  d.font(font).fontSize(size);
  const lineGap = gap || d._lineGap || 0;
  const known = laidOut.get(font, size, width, lineGap, text);
  if (known) return known;
  const step = d.currentLineHeight(true) + lineGap;
  // A text without line breaks that fits the width with room to spare is one line, the text
  // itself: pdfkit's wrapper adds its words up to the same line (amounts, dates and labels, most
  // of them different in every letter, need no line breaker). The room covers kerning: the
  // wrapper measures "ernstig-" and "gedrag" apart, `widthOfString` shapes the text in words
  // between spaces only, so a pair kerned across a hyphen or slash counts in one and not the other.
  // The width is the line's own glyph run (the same shaping as `widthOfString`), which drawing it needs anyway.
  if (
    text !== "" &&
    !/[\n\r\u2028\u2029\u000b\u000c\u0085\u00ad]/.test(text) &&
    text.trim() === text &&
    (glyphRun(d, font, text).advance * size) / 1000 <= width - 2 - 2 * (text.match(/[-/\u2010-\u2015]/g)?.length ?? 0)
  )
    return laidOut.set(font, size, width, lineGap, text, { lines: [{ text, rightWidth: undefined }], height: step });
  const { x, y } = d;
  const lines: Line[] = [];
  let height = 0;
  d._text(text, 0, 0, { width, lineGap, height: Infinity }, (line) => {
    lines.push({ text: line.replace(/\n/g, ""), rightWidth: undefined });
    height += step;
  });
  d.x = x;
  d.y = y;
  return laidOut.set(font, size, width, lineGap, text, { lines, height });
}

/**
 * `doc.font(font).fontSize(size).widthOfString(text)`, remembered per process for documents with
 * the shared fonts: the running header and footer measure the same texts on every page.
 */
export function widthOfText(doc: PDFKit.PDFDocument, text: string, font: string, size: number): number {
  const d = doc as unknown as Doc;
  d.font(font).fontSize(size);
  if (!usesSharedFonts(doc)) return d.widthOfString(text);
  return widths.get(font, size, 0, 0, text) ?? widths.set(font, size, 0, 0, text, d.widthOfString(text));
}

function glyphRun(d: Doc, fontName: string, text: string): GlyphRun {
  const known = glyphRuns.get(fontName, 0, 0, 0, text);
  if (known) return known;
  const font = d._font;
  const { glyphs, positions } = font.layout(text);
  const ends: number[] = [];
  const adjusts: string[] = [];
  let last = 0;
  const segment = (cur: number) => {
    if (last < cur) {
      const p = positions[cur - 1]!;
      ends.push(cur);
      adjusts.push(String(num(-(p.xAdvance - p.advanceWidth))));
    }
    last = cur;
  };
  let offsets = false;
  let advance = 0;
  positions.forEach((p, i) => {
    advance += p.xAdvance;
    if (p.xOffset || p.yOffset) offsets = true;
    if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
  });
  segment(positions.length);
  return glyphRuns.set(fontName, 0, 0, 0, text, {
    ids: glyphs.map((g) => g.id),
    widths: glyphs.map((g) => g.advanceWidth * font.scale),
    codePoints: glyphs.map((g) => g.codePoints),
    ends,
    adjusts,
    offsets,
    advance,
  });
}

/** The glyphs added to this document's subset (with widths and characters) and the TJ operator, as pdfkit's `encode` and `_fragment` do. */
function encode(font: EmbeddedFont, run: GlyphRun): string {
  const parts: string[] = [];
  let hex = "";
  let segment = 0;
  for (let i = 0; i < run.ids.length; i++) {
    const gid = font.subset.includeGlyph(run.ids[i]!);
    hex += hex4(gid);
    if (font.widths[gid] == null) font.widths[gid] = run.widths[i]!;
    if (font.unicode[gid] == null) font.unicode[gid] = run.codePoints[i]!;
    if (i + 1 === run.ends[segment]) {
      parts.push(`<${hex}> ${run.adjusts[segment]!}`);
      hex = "";
      segment++;
    }
  }
  return parts.length > 0 ? `\n[${parts.join(" ")}] TJ` : "";
}

/**
 * The TJ operator of a line whose glyphs are all preset ones (fonts.ts): those are in every
 * document's subset already, at the same index, with their widths and characters, so the
 * operator is the same in every document and `encode` would add nothing. Null otherwise.
 */
function presetShow(run: GlyphRun, ids: ReadonlyMap<number, number>): string | null {
  const parts: string[] = [];
  let hex = "";
  let segment = 0;
  for (let i = 0; i < run.ids.length; i++) {
    const gid = ids.get(run.ids[i]!);
    if (gid === undefined) return null;
    hex += hex4(gid);
    if (i + 1 === run.ends[segment]) {
      parts.push(`<${hex}> ${run.adjusts[segment]!}`);
      hex = "";
      segment++;
    }
  }
  return parts.length > 0 ? `\n[${parts.join(" ")}] TJ` : "";
}

/** One line at (d.x, d.y), as pdfkit's `_fragment` writes it, in one chunk. */
function drawLine(d: Doc, fontName: string, size: number, line: Line, width: number, align: "left" | "right"): void {
  const text = line.text;
  const run = glyphRun(d, fontName, text);
  if (run.offsets) {
    d._fragment(text, d.x, d.y, { width, align, lineWidth: width, textWidth: 0, wordCount: 0 });
    return;
  }
  let x = d.x;
  if (align === "right") {
    line.rightWidth ??= d.widthOfString(text.replace(/\s+$/, ""));
    x += width - line.rightWidth;
  }
  const font = d._font;
  const page = d.page;
  const y = page.height - d.y - (font.ascender / 1000) * size;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  const ids = presetGlyphIds(fontName);
  if (ids && run.preset === undefined) run.preset = presetShow(run, ids);
  const show = (ids && run.preset) ?? encode(font, run);
  // pdfkit writes `q 1 0 0 -1 0 H cm BT 1 0 0 1 x y Tm … ET Q`: it undoes the page's flipped y
  // axis around every line. The same text matrix without the save, the flip and the restore is
  // `1 0 0 -1 x H-y` (the flip folded in): the same place on the page, a fifth fewer bytes a line.
  d.addContent(`BT\n1 0 0 -1 ${num(x)} ${num(page.height - y)} Tm\n/${font.id} ${num(size)} Tf${show}\nET`);
}

/** pdfkit's page break inside a text (`nextSection`); the new page's lowest y. */
function nextPage(d: Doc, x: number): number {
  d.continueOnNewPage();
  d.x = x;
  if (d._fillColor) d.fillColor(...d._fillColor);
  return d.page.maxY();
}

/**
 * `doc.text(text, x, y, { width, lineGap, align })` for one font, through the remembered lines;
 * false (nothing drawn) when the text is not the simple case, for pdfkit to draw. Leaves `doc.x`
 * at `x` and `doc.y` below the last line, as pdfkit does.
 */
export function drawLines(doc: PDFKit.PDFDocument, text: string, font: string, size: number, x: number, y: number, width: number, lineGap: number, align: string): boolean {
  if (!usesSharedFonts(doc) || !(width > 0) || (align !== "left" && align !== "right") || text.endsWith("\n")) return false;
  const d = doc as unknown as Doc;
  const laid = linesOf(doc, text, font, size, width, lineGap);
  lineGap ||= d._lineGap || 0;
  const lineHeight = d.currentLineHeight(true);
  d.x = x;
  d.y = y;
  let maxY = pdfNumber(d.page.maxY());
  if (d.y > maxY || d.y + lineHeight > maxY) maxY = nextPage(d, x);
  const lines = laid.lines;
  const last = lines.length - 1;
  for (let i = 0; i <= last; i++) {
    const line = lines[i]!;
    if (line.text !== "") drawLine(d, font, size, line, width, align);
    d.y += lineHeight + lineGap;
    if (i < last && pdfNumber(d.y + lineHeight) > maxY) maxY = nextPage(d, x);
  }
  d.x = x;
  return true;
}
