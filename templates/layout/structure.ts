// Tagged PDF, kept cheap: `renderToBuffer` opens a `Document` structure
// element, and the typographic helpers wrap what they draw in the matching
// element (H1, P, L/LI/Lbl/LBody, Table/TR/TH/TD) so that screen readers and
// text extraction get headings, lists and tables in reading order. Rules,
// backgrounds, the running header and the footer are marked as artifacts.
// On a document that was not opened by `renderToBuffer` the helpers simply draw.

type Context = {
  stack: PDFKit.PDFStructureElement[];
  /** The last level-1 bookmark, parent of level-2 bookmarks. */
  outlineParent: PDFKit.PDFOutline | null;
};

const contexts = new WeakMap<PDFKit.PDFDocument, Context>();

/** Open the document's root structure element. */
export function beginStructure(doc: PDFKit.PDFDocument): void {
  const root = doc.struct("Document");
  doc.addStructure(root);
  contexts.set(doc, { stack: [root], outlineParent: null });
}

/** Close the root structure element (before `doc.end()`). */
export function endStructure(doc: PDFKit.PDFDocument): void {
  const context = contexts.get(doc);
  if (!context) return;
  context.stack[0]?.end();
  contexts.delete(doc);
}

/** Draw content as one structure element of `type` (P, H1, TD, Lbl…). */
export function tagged(doc: PDFKit.PDFDocument, type: string, draw: () => void): void {
  const parent = contexts.get(doc)?.stack.at(-1);
  if (!parent) {
    draw();
    return;
  }
  // Adding to an attached parent runs `draw` at once, inside marked content.
  parent.add(doc.struct(type, {}, draw));
}

/** Group what `body` draws under a structure element of `type` (Sect, L, LI, Table, TR…). */
export function group(doc: PDFKit.PDFDocument, type: string, body: () => void): void {
  const context = contexts.get(doc);
  const parent = context?.stack.at(-1);
  if (!context || !parent) {
    body();
    return;
  }
  const element = doc.struct(type);
  parent.add(element);
  context.stack.push(element);
  try {
    body();
  } finally {
    context.stack.pop();
    element.end();
  }
}

/** Draw decoration (rules, shading, running header and footer) outside the structure. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type?: "Pagination" | "Layout"): void {
  if (!contexts.has(doc)) {
    draw();
    return;
  }
  doc.markContent("Artifact", type ? { type } : undefined);
  draw();
  doc.endMarkedContent();
}

/** Add a bookmark for a heading: level 1 at the top, level 2 under the last level 1. */
export function bookmark(doc: PDFKit.PDFDocument, title: string, level: number): void {
  const context = contexts.get(doc);
  if (!context) return;
  if (level <= 1) context.outlineParent = doc.outline.addItem(title);
  else if (level === 2) (context.outlineParent ?? doc.outline).addItem(title);
}
