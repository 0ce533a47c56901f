// A4 portrait with room above and below the text for the running header and
// footer, and the type sizes and colours every document shares.

/** A4 in PDF points (1/72 inch). */
export const PAGE = { size: "A4", width: 595.28, height: 841.89 } as const;

/** Text area margins; the header sits in the top margin, the footer in the bottom one. */
export const MARGINS = { top: 76, bottom: 72, left: 64, right: 64 } as const;

export const TYPE = {
  body: 10,
  small: 8.5,
  h1: 16,
  h2: 13,
  h3: 11,
  title: 22,
  lineGap: 2.5,
} as const;

export const COLOR = {
  text: "#1a1a1a",
  muted: "#555555",
  heading: "#1f3a5f",
  rule: "#b8b8b8",
  band: "#eef2f6",
} as const;

/** The y below which body text may not go on the current page. */
export function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** The width of the text area. */
export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Start a new page unless `height` points still fit below the current position. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomOf(doc)) pageBreak(doc);
}

/** Start a new page, with the cursor at the top-left of its text area. */
export function pageBreak(doc: PDFKit.PDFDocument): void {
  doc.addPage();
  doc.x = doc.page.margins.left;
  doc.y = doc.page.margins.top;
}
