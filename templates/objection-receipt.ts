// The objection receipt ("ontvangstbevestiging bezwaar"): what a provider gets when it files an
// objection, as a Dutch PDF. The words come from `describeObjectionReceipt` (shared with the
// screen); this module only lays them out, as the submission receipt does.
import { COLOR, FONT, TYPE, contentWidth, documentTitle, heading, keyValueList, paragraph, renderToBuffer, space, tagged } from "./layout";
import { describeObjectionReceipt, type ObjectionReceiptField, type ObjectionReceiptViewModel } from "./objection-receipt/describe-receipt";

export type { ObjectionReceiptDescription, ObjectionReceiptField, ObjectionReceiptViewModel } from "./objection-receipt/describe-receipt";
export { OBJECTION_RECEIPT_TITLE, describeObjectionKind, describeObjectionReceipt, formatFileSize, objectionReceiptLines } from "./objection-receipt/describe-receipt";

export type ObjectionReceiptOptions = { creationDate?: Date; compress?: boolean };

const KEY_WIDTH = 170;

/** A label, then a 64-digit hash on a line of its own at full width, so it can be copied in one piece. */
function drawHash(doc: PDFKit.PDFDocument, label: string, value: string): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  tagged(doc, "P", () => {
    doc.font(FONT.regular).fontSize(TYPE.body).fillColor(COLOR.muted).text(label, x, doc.y, { width });
  });
  doc.fillColor(COLOR.text);
  space(doc, 2);
  doc.font(FONT.mono).fontSize(TYPE.body);
  const text = doc.widthOfString(value) <= width ? value : `${value.slice(0, 32)}\n${value.slice(32)}`;
  tagged(doc, "P", () => {
    doc.font(FONT.mono).fontSize(TYPE.body).fillColor(COLOR.text).text(text, x, doc.y, { width, lineGap: TYPE.lineGap });
  });
  doc.x = x;
  doc.y += 6;
}

const valueOf = (field: ObjectionReceiptField) => (field.mono ? [{ text: field.value, font: "mono" as const }] : field.value);

export function buildObjectionReceipt(doc: PDFKit.PDFDocument, vm: ObjectionReceiptViewModel): void {
  const d = describeObjectionReceipt(vm);
  documentTitle(doc, vm.zorgkantoor, d.title);
  paragraph(doc, d.intro);
  space(doc, 8);
  keyValueList(
    doc,
    d.fields.map((f) => ({ key: f.label, value: valueOf(f) })),
    { keyWidth: KEY_WIDTH },
  );
  space(doc, 4);
  drawHash(doc, d.hash.label, d.hash.value);
  if (d.attachments.length > 0) {
    heading(doc, d.attachmentsTitle, 2);
    for (const a of d.attachments) drawHash(doc, `${a.name} (${a.size})`, a.sha256);
  }
  heading(doc, d.explanationTitle, 2);
  for (const text of d.explanation) paragraph(doc, text);
}

export function renderObjectionReceipt(vm: ObjectionReceiptViewModel, options: ObjectionReceiptOptions = {}): Promise<Buffer> {
  const d = describeObjectionReceipt(vm);
  return renderToBuffer((doc) => buildObjectionReceipt(doc, vm), {
    title: d.title,
    subject: `${d.title} ${vm.kader.slug}: ${vm.provider.name}, bezwaar ${vm.number}`,
    keywords: ["ontvangstbevestiging", "bezwaar", vm.kader.slug, vm.contentSha256],
    header: `${d.title} · ${vm.kader.slug} · ${vm.provider.name}`,
    footer: `Auditvolgnummer ${vm.auditSeq} · ${vm.kader.slug} · ${vm.provider.name}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
