// Inline text: a string, or runs of regular, bold and mono text that wrap as
// one paragraph. `typeset` glues "€ 12,00" and "94 %" with a no-break space
// (U+00A0) so that a number never sits at the end of a line and its unit at
// the start of the next; the formatters in scoring/format/nl.ts use a regular
// space on purpose and leave this choice to the renderer.
import { FONT, usesSharedFonts } from "./fonts";
import { drawLines, linesOf, widthOfText } from "./lines";
import { COLOR, TYPE } from "./page";

export type Run = { text: string; font?: keyof typeof FONT; size?: number };
export type Inline = string | readonly Run[];

export const NBSP = "\u00a0";

/** Keep a number and its unit together: "94 %" → "94\u00a0%", "€ 5" → "€\u00a05". */
export function typeset(text: string): string {
  // Most texts have neither: returned as they are, the same string (whose hash the remembered lines keep).
  if (!text.includes(" %") && !text.includes("€ ")) return text;
  return text.replace(/ %/g, `${NBSP}%`).replace(/€ /g, `€${NBSP}`);
}

export function runsOf(inline: Inline): readonly Run[] {
  return typeof inline === "string" ? [{ text: inline }] : inline;
}

export function plainOf(inline: Inline): string {
  return runsOf(inline)
    .map((r) => r.text)
    .join("");
}

export type TextStyle = { size?: number; color?: string; align?: "left" | "right" | "center"; lineGap?: number };

// Why measurements are remembered: a table measures every cell before it draws the row (to keep
// rows whole), and the letters of a kader repeat most of their texts (labels, build-ups,
// motivations). The lines of a text, and so its height, are a pure function of font, size,
// width, line gap and text, as long as the font names stand for the same parsed fonts
// (`usesSharedFonts`): see lines.ts, which also draws them.

/**
 * `doc.heightOfString(text, { width, lineGap })` in `font` at `size`; leaves `font` and `size`
 * selected on the document, as measuring did before (callers read `currentLineHeight` after it).
 */
export function heightOfText(doc: PDFKit.PDFDocument, text: string, font: string, size: number, width: number, lineGap: number): number {
  doc.font(font).fontSize(size);
  if (!usesSharedFonts(doc)) return doc.heightOfString(text, { width, lineGap });
  return linesOf(doc, text, font, size, width, lineGap).height;
}

/** The height `inline` takes at `width` (measured in the regular font, or mono when every run is mono). */
export function measureInline(doc: PDFKit.PDFDocument, inline: Inline, width: number, style: TextStyle = {}): number {
  const runs = runsOf(inline);
  const font = runs.length > 0 && runs.every((r) => r.font === "mono") ? FONT.mono : runs.some((r) => r.font === "bold") ? FONT.bold : FONT.regular;
  return heightOfText(doc, typeset(plainOf(inline)), font, style.size ?? TYPE.body, width, style.lineGap ?? TYPE.lineGap);
}

/** Draw `inline` at (x, y) within `width`; leaves `doc.y` below it. */
export function drawInline(doc: PDFKit.PDFDocument, inline: Inline, x: number, y: number, width: number, style: TextStyle = {}): void {
  const runs = runsOf(inline).filter((r) => r.text !== "");
  const size = style.size ?? TYPE.body;
  const lineGap = style.lineGap ?? TYPE.lineGap;
  const align = style.align ?? "left";
  const options = { width, lineGap, align };
  doc.fillColor(style.color ?? COLOR.text);
  if (runs.length === 0) {
    doc.font(FONT.regular).fontSize(size).text("", x, y, options);
    return;
  }
  const first = runs[0]!;
  if (runs.length === 1 && drawLines(doc, typeset(first.text), FONT[first.font ?? "regular"], first.size ?? size, x, y, width, lineGap, align)) {
    doc.fillColor(COLOR.text);
    return;
  }
  runs.forEach((run, i) => {
    const continued = i < runs.length - 1;
    doc.font(FONT[run.font ?? "regular"]).fontSize(run.size ?? size);
    if (i === 0) doc.text(typeset(run.text), x, y, { ...options, continued });
    else doc.text(typeset(run.text), { continued });
  });
  doc.fillColor(COLOR.text);
}

/**
 * `doc.font(font).fontSize(size).text(text, x, y, { width, lineGap, align })`, through the
 * remembered lines where it can (lines.ts); leaves `doc.y` below the text.
 */
export function drawText(doc: PDFKit.PDFDocument, text: string, font: string, size: number, x: number, y: number, width: number, options: { lineGap?: number; align?: "left" | "right" } = {}): void {
  if (drawLines(doc, text, font, size, x, y, width, options.lineGap ?? 0, options.align ?? "left")) return;
  doc.font(font).fontSize(size).text(text, x, y, { width, ...options });
}

/**
 * A single line in the margins (running header and footer): `doc.text(text, x, y, { width,
 * lineBreak: false, height, ellipsis: true, align })`; a text that fits is drawn through the
 * remembered lines, one that does not is left to pdfkit to cut with an ellipsis.
 */
export function drawMarginLine(doc: PDFKit.PDFDocument, text: string, font: string, size: number, x: number, y: number, width: number, options: { align?: "left" | "right"; ellipsis?: boolean } = {}): void {
  if (widthOfText(doc, text, font, size) <= width - 2 && drawLines(doc, text, font, size, x, y, width, 0, options.align ?? "left")) return;
  doc.text(text, x, y, { width, lineBreak: false, ...(options.ellipsis ? { height: size * 1.4, ellipsis: true } : {}), ...(options.align ? { align: options.align } : {}) });
}
