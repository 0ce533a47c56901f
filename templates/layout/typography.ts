// Block-level helpers: headings, paragraphs, key-value lists and (nested)
// bulleted and numbered lists. Each keeps its own lines together where that
// is cheap (a heading with what follows it, a list item, a key-value row, a
// short paragraph) and tags what it draws.
import { FONT } from "./fonts";
import { COLOR, TYPE, bottomOf, contentWidth, ensureSpace, pageBreak } from "./page";
import { artifact, bookmark, group, tagged } from "./structure";
import { drawInline, drawText, heightOfText, measureInline, type Inline } from "./text";

/** Room a heading needs below it, so that it never ends a page on its own. */
const KEEP_WITH_NEXT = 64;

export type HeadingLevel = 1 | 2 | 3;

const HEADING_SIZE: Record<HeadingLevel, number> = { 1: TYPE.h1, 2: TYPE.h2, 3: TYPE.h3 };
const SPACE_BEFORE: Record<HeadingLevel, number> = { 1: 20, 2: 14, 3: 10 };

function atTopOfPage(doc: PDFKit.PDFDocument): boolean {
  return doc.y <= doc.page.margins.top + 0.5;
}

/** Vertical space, dropped at the top of a page. */
export function space(doc: PDFKit.PDFDocument, points: number): void {
  if (!atTopOfPage(doc)) doc.y = Math.min(doc.y + points, bottomOf(doc));
}

/**
 * The opening of a one-page document (a receipt, a proces-verbaal): the issuing organisation
 * in small type, then the title as H1 and its bookmark.
 */
export function documentTitle(doc: PDFKit.PDFDocument, organisation: string, title: string): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  tagged(doc, "P", () => {
    doc.fillColor(COLOR.muted);
    drawText(doc, organisation, FONT.regular, TYPE.small + 1, x, doc.y, width);
  });
  space(doc, 4);
  tagged(doc, "H1", () => {
    doc.fillColor(COLOR.heading);
    drawText(doc, title, FONT.bold, TYPE.title, x, doc.y, width);
  });
  doc.outline.addItem(title);
  doc.fillColor(COLOR.text);
  space(doc, 8);
}

/** A heading (H1–H3) kept with the first lines after it; levels 1 and 2 become bookmarks. */
export function heading(doc: PDFKit.PDFDocument, text: string, level: HeadingLevel): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const size = HEADING_SIZE[level];
  const height = heightOfText(doc, text, FONT.bold, size, width, 0);
  ensureSpace(doc, SPACE_BEFORE[level] + height + KEEP_WITH_NEXT);
  space(doc, SPACE_BEFORE[level]);
  const y = doc.y;
  tagged(doc, `H${level}`, () => {
    doc.fillColor(COLOR.heading);
    drawText(doc, text, FONT.bold, size, x, y, width);
  });
  doc.fillColor(COLOR.text);
  bookmark(doc, text, level);
  if (level === 1) {
    const ruleY = doc.y + 2;
    artifact(doc, () => {
      doc.moveTo(x, ruleY).lineTo(x + width, ruleY).lineWidth(0.6).strokeColor(COLOR.heading).stroke();
    });
    doc.y = ruleY + 6;
  } else {
    doc.y += 3;
  }
  doc.x = x;
}

export type ParagraphOptions = {
  size?: number;
  color?: string;
  indent?: number;
  spaceAfter?: number;
  /** Room needed below the paragraph on the same page (an introduction kept with its list or table). */
  keepWithNext?: number;
};

/**
 * A paragraph. One of up to six lines that does not fit moves to the next page
 * whole; a longer one breaks, leaving at least two lines on either page.
 */
export function paragraph(doc: PDFKit.PDFDocument, inline: Inline, options: ParagraphOptions = {}): void {
  const x = doc.page.margins.left + (options.indent ?? 0);
  const width = contentWidth(doc) - (options.indent ?? 0);
  const style = { size: options.size ?? TYPE.body, color: options.color ?? COLOR.text };
  const height = measureInline(doc, inline, width, style);
  const line = doc.currentLineHeight(true) + TYPE.lineGap;
  const lines = Math.round(height / line);
  const room = bottomOf(doc) - doc.y;
  if (height + (options.keepWithNext ?? 0) > room && (lines <= 6 || room < line * 2 || options.keepWithNext)) pageBreak(doc);
  const page = doc.page;
  const savedBottom = page.margins.bottom;
  const fitting = Math.floor((bottomOf(doc) - doc.y + TYPE.lineGap) / line);
  if (fitting < lines && lines - fitting < 2) {
    // Push a line over so the next page does not start with a single one.
    page.margins.bottom += (2 - (lines - fitting)) * line;
  }
  const y = doc.y;
  try {
    tagged(doc, "P", () => drawInline(doc, inline, x, y, width, style));
  } finally {
    page.margins.bottom = savedBottom;
  }
  doc.x = doc.page.margins.left;
  doc.y += options.spaceAfter ?? 6;
}

/** Paragraphs from plain text: blank lines separate paragraphs, single line breaks are kept. */
export function paragraphs(doc: PDFKit.PDFDocument, text: string, options: ParagraphOptions = {}): void {
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (trimmed !== "") paragraph(doc, trimmed, options);
  }
}

export type KeyValue = { key: string; value: Inline };

/** Two columns, label and value; each row is kept on one page. */
export function keyValueList(doc: PDFKit.PDFDocument, rows: readonly KeyValue[], options: { keyWidth?: number } = {}): void {
  const x = doc.page.margins.left;
  const keyWidth = options.keyWidth ?? 150;
  const valueWidth = contentWidth(doc) - keyWidth;
  group(doc, "Table", () => {
    for (const row of rows) {
      const keyHeight = measureInline(doc, row.key, keyWidth - 10, { size: TYPE.body });
      const valueHeight = measureInline(doc, row.value, valueWidth, { size: TYPE.body });
      ensureSpace(doc, Math.max(keyHeight, valueHeight));
      const y = doc.y;
      let bottom = y;
      group(doc, "TR", () => {
        tagged(doc, "TH", () => drawInline(doc, row.key, x, y, keyWidth - 10, { color: COLOR.muted }));
        bottom = doc.y;
        tagged(doc, "TD", () => drawInline(doc, row.value, x + keyWidth, y, valueWidth));
      });
      doc.y = Math.max(bottom, doc.y) + 3;
    }
  });
  doc.x = x;
  doc.y += 4;
}

export type ListItem = Inline | { text: Inline; children?: readonly ListItem[] };

const BULLETS = ["•", "–", "◦"];
const LIST_INDENT = 14;

function itemParts(item: ListItem): { text: Inline; children: readonly ListItem[] } {
  if (typeof item === "string" || Array.isArray(item)) return { text: item as Inline, children: [] };
  const rich = item as { text: Inline; children?: readonly ListItem[] };
  return { text: rich.text, children: rich.children ?? [] };
}

function drawList(doc: PDFKit.PDFDocument, items: readonly ListItem[], left: number, label: (index: number) => string, labelWidth: number, depth: number): void {
  const textX = left + labelWidth;
  const width = doc.page.margins.left + contentWidth(doc) - textX;
  group(doc, "L", () => {
    items.forEach((item, index) => {
      const { text, children } = itemParts(item);
      const height = measureInline(doc, text, width);
      ensureSpace(doc, height);
      const y = doc.y;
      group(doc, "LI", () => {
        tagged(doc, "Lbl", () => drawInline(doc, label(index), left, y, labelWidth, { color: COLOR.muted }));
        group(doc, "LBody", () => {
          tagged(doc, "P", () => drawInline(doc, text, textX, y, width));
          doc.y += 2;
          if (children.length > 0) {
            const bullet = BULLETS[(depth + 1) % BULLETS.length]!;
            drawList(doc, children, textX, () => bullet, LIST_INDENT, depth + 1);
          }
        });
      });
    });
  });
  doc.x = doc.page.margins.left;
}

/** A bulleted list; items may nest (•, –, ◦). */
export function bulletList(doc: PDFKit.PDFDocument, items: readonly ListItem[], options: { indent?: number } = {}): void {
  drawList(doc, items, doc.page.margins.left + (options.indent ?? 0), () => BULLETS[0]!, LIST_INDENT, 0);
  doc.y += 4;
}

/** A numbered list (1., 2., …); items may carry nested bullets. */
export function numberedList(doc: PDFKit.PDFDocument, items: readonly ListItem[]): void {
  drawList(doc, items, doc.page.margins.left, (i) => `${i + 1}.`, 20, 0);
  doc.y += 4;
}

/** A shaded note (e.g. "Illustratieve cijfers"), kept on one page. */
export function note(doc: PDFKit.PDFDocument, inline: Inline): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 6;
  const height = measureInline(doc, inline, width - 2 * pad) + 2 * pad;
  ensureSpace(doc, height);
  const y = doc.y;
  artifact(doc, () => {
    doc.rect(x, y, width, height - TYPE.lineGap).fillColor(COLOR.band).fill();
  });
  tagged(doc, "P", () => drawInline(doc, inline, x + pad, y + pad, width - 2 * pad));
  doc.x = x;
  doc.y = y + height + 4;
}
