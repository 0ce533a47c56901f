// What every receipt ("ontvangstbevestiging") shares: the title, the introduction, the fields as
// a key-value list, the content hash on a line of its own, sections of their own, and the
// explanation. The words come from each receipt's describe function (shared with the screen).
import { COLOR, FONT, TYPE, contentWidth, documentTitle, heading, keyValueList, paragraph, space, tagged } from "./index";

export type ReceiptFieldText = { label: string; value: string; mono?: boolean };

export type ReceiptBody = {
  zorgkantoor: string;
  title: string;
  intro: string;
  fields: readonly ReceiptFieldText[];
  hash: ReceiptFieldText;
  /** Drawn after the hash and before the explanation (e.g. the attachments with their own hashes). */
  more?: (doc: PDFKit.PDFDocument) => void;
  explanationTitle: string;
  explanation: readonly string[];
};

const KEY_WIDTH = 170;

/**
 * A label, then the value; a hash (mono) on a line of its own at the full text width: 64 hex
 * digits in DejaVu Sans Mono at 10 pt take about 385 pt, so it fits unbroken and can be copied in
 * one piece. Should it ever not fit, it is cut into halves of 32 digits rather than wherever
 * pdfkit would break it.
 */
export function drawHashLine(doc: PDFKit.PDFDocument, field: ReceiptFieldText): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  tagged(doc, "P", () => {
    doc.font(FONT.regular).fontSize(TYPE.body).fillColor(COLOR.muted).text(field.label, x, doc.y, { width });
  });
  doc.fillColor(COLOR.text);
  space(doc, 2);
  if (!field.mono) {
    paragraph(doc, field.value);
    return;
  }
  doc.font(FONT.mono).fontSize(TYPE.body);
  const text = doc.widthOfString(field.value) <= width ? field.value : `${field.value.slice(0, 32)}\n${field.value.slice(32)}`;
  tagged(doc, "P", () => {
    doc.font(FONT.mono).fontSize(TYPE.body).fillColor(COLOR.text).text(text, x, doc.y, { width, lineGap: TYPE.lineGap });
  });
  doc.x = x;
  doc.y += 6;
}

export function drawReceipt(doc: PDFKit.PDFDocument, body: ReceiptBody): void {
  documentTitle(doc, body.zorgkantoor, body.title);
  paragraph(doc, body.intro);
  space(doc, 8);
  keyValueList(
    doc,
    body.fields.map((f) => ({ key: f.label, value: f.mono ? [{ text: f.value, font: "mono" as const }] : f.value })),
    { keyWidth: KEY_WIDTH },
  );
  space(doc, 4);
  drawHashLine(doc, body.hash);
  body.more?.(doc);
  heading(doc, body.explanationTitle, 2);
  for (const text of body.explanation) paragraph(doc, text);
}
