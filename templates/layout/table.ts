// A simple table: columns with relative widths, a bold header row repeated on
// every page the table spans, right-aligned columns for numbers, and rows that
// are never split over two pages.
import { FONT } from "./fonts";
import { COLOR, TYPE, bottomOf, contentWidth, ensureSpace, pageBreak } from "./page";
import { artifact, group, tagged } from "./structure";
import { drawInline, measureInline, type Inline } from "./text";

export type Column = {
  header: string;
  /** Share of the text width; the shares are scaled to fill the width. */
  width: number;
  align?: "left" | "right";
  mono?: boolean;
};

const PAD_X = 4;
const PAD_Y = 3.5;

type Layout = { x: number; widths: number[] };

function layout(doc: PDFKit.PDFDocument, columns: readonly Column[], share: number): Layout {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const width = contentWidth(doc) * share;
  return { x: doc.page.margins.left, widths: columns.map((c) => (c.width / total) * width) };
}

function cellInline(column: Column, cell: Inline): Inline {
  if (!column.mono || typeof cell !== "string") return cell;
  return [{ text: cell, font: "mono" }];
}

function rowHeight(doc: PDFKit.PDFDocument, cells: readonly Inline[], widths: number[], size: number, header: boolean): number {
  let height = 0;
  cells.forEach((cell, i) => {
    const inline = header && typeof cell === "string" ? [{ text: cell, font: "bold" as const }] : cell;
    height = Math.max(height, measureInline(doc, inline, widths[i]! - 2 * PAD_X, { size }));
  });
  return height + 2 * PAD_Y;
}

type RowKind = "header" | "repeatedHeader" | "body";

/**
 * The rules under the rows of one page, drawn together when the page is done (before a page break
 * and at the end of the table): one path for the header rules and one for the body rules, instead
 * of a marked artifact, a line width and a colour for every row. The rules lie between the rows'
 * texts and never cross them, so when they are drawn makes no difference to what is seen.
 */
type Rules = { x: number; width: number; header: number[]; body: number[] };

function drawRules(doc: PDFKit.PDFDocument, rules: Rules): void {
  if (rules.header.length === 0 && rules.body.length === 0) return;
  artifact(doc, () => {
    for (const [ys, lineWidth, color] of [
      [rules.header, 0.8, COLOR.muted],
      [rules.body, 0.4, COLOR.rule],
    ] as const) {
      if (ys.length === 0) continue;
      for (const y of ys) doc.moveTo(rules.x, y).lineTo(rules.x + rules.width, y);
      doc.lineWidth(lineWidth).strokeColor(color).stroke();
    }
  });
  rules.header = [];
  rules.body = [];
}

function drawRow(doc: PDFKit.PDFDocument, columns: readonly Column[], cells: readonly Inline[], at: Layout, height: number, kind: RowKind, rules: Rules): void {
  const y = doc.y;
  const header = kind !== "body";
  const size = header ? TYPE.small + 0.5 : TYPE.body;
  const color = header ? COLOR.muted : COLOR.text;
  // A cell's drawing is an inline arrow, not a named one: under tsx every named function made also
  // gets its name set, a call for every cell of every row.
  const drawCells = (tag: boolean): void => {
    let x = at.x;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      const width = at.widths[i]!;
      const raw = cells[i] ?? "";
      const inline = header && typeof raw === "string" ? [{ text: raw, font: "bold" as const }] : cellInline(column, raw);
      const style = { size, align: column.align ?? "left", color };
      const left = x + PAD_X;
      if (tag) tagged(doc, header ? "TH" : "TD", () => drawInline(doc, inline, left, y + PAD_Y, width - 2 * PAD_X, style));
      else drawInline(doc, inline, left, y + PAD_Y, width - 2 * PAD_X, style);
      x += width;
    }
  };
  // A header repeated on a following page is decoration: the structure has it once.
  if (kind === "repeatedHeader") artifact(doc, () => drawCells(false));
  else group(doc, "TR", () => drawCells(true));
  (header ? rules.header : rules.body).push(y + height);
  doc.y = y + height;
}

export type TableOptions = {
  /** Share of the text width the table takes (default 1); narrow two-column tables read better at about 0.5. */
  width?: number;
};

/** A table of `rows` under a header of `columns`. */
export function table(doc: PDFKit.PDFDocument, columns: readonly Column[], rows: readonly (readonly Inline[])[], options: TableOptions = {}): void {
  const at = layout(doc, columns, options.width ?? 1);
  const headers = columns.map((c) => c.header);
  doc.font(FONT.regular);
  const headerHeight = rowHeight(doc, headers, at.widths, TYPE.small + 0.5, true);
  const heights = rows.map((row) => rowHeight(doc, row, at.widths, TYPE.body, false));
  // The header never stands alone at the bottom of a page.
  ensureSpace(doc, headerHeight + (heights[0] ?? 0));
  const rules: Rules = { x: at.x, width: at.widths.reduce((a, b) => a + b, 0), header: [], body: [] };
  group(doc, "Table", () => {
    drawRow(doc, columns, headers, at, headerHeight, "header", rules);
    rows.forEach((row, i) => {
      const height = heights[i]!;
      if (doc.y + height > bottomOf(doc)) {
        drawRules(doc, rules);
        pageBreak(doc);
        drawRow(doc, columns, headers, at, headerHeight, "repeatedHeader", rules);
      }
      drawRow(doc, columns, row, at, height, "body", rules);
    });
  });
  drawRules(doc, rules);
  doc.x = at.x;
  doc.y += 8;
}
