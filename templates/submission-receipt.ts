// The submission receipt ("ontvangstbevestiging"): what a provider gets for a
// submission or a withdrawal, as a one-page Dutch PDF. The words come from
// `describeReceipt` (shared with the screen); this module only lays them out.
import { COLOR, FONT, TYPE, contentWidth, documentTitle, heading, keyValueList, paragraph, renderToBuffer, space, tagged } from "./layout";
import { describeReceipt, describeReceiptKind, type ReceiptField, type SubmissionReceiptViewModel } from "./submission-receipt/describe-receipt";

export type { ReceiptDescription, ReceiptField, SubmissionReceiptViewModel } from "./submission-receipt/describe-receipt";
export { RECEIPT_TITLE, describeReceipt, describeReceiptKind, receiptLines } from "./submission-receipt/describe-receipt";

export type SubmissionReceiptOptions = {
  /** Fixed in tests; defaults to now. */
  creationDate?: Date;
  /** Default true; tests turn it off. */
  compress?: boolean;
};

const KEY_WIDTH = 170;

function valueOf(field: ReceiptField) {
  return field.mono ? [{ text: field.value, font: "mono" as const }] : field.value;
}

/**
 * The hash on a line of its own at the full text width: 64 hex digits in DejaVu Sans Mono at
 * 10 pt take about 385 pt, so it fits unbroken and can be copied in one piece. Should it ever
 * not fit, it is cut into halves of 32 digits rather than wherever pdfkit would break it.
 */
function drawHash(doc: PDFKit.PDFDocument, field: ReceiptField): void {
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
  const fits = doc.widthOfString(field.value) <= width;
  const text = fits ? field.value : `${field.value.slice(0, 32)}\n${field.value.slice(32)}`;
  tagged(doc, "P", () => {
    doc.font(FONT.mono).fontSize(TYPE.body).fillColor(COLOR.text).text(text, x, doc.y, { width, lineGap: TYPE.lineGap });
  });
  doc.x = x;
  doc.y += 6;
}

export function buildSubmissionReceipt(doc: PDFKit.PDFDocument, vm: SubmissionReceiptViewModel): void {
  const d = describeReceipt(vm);
  documentTitle(doc, vm.zorgkantoor, d.title);
  paragraph(doc, d.intro);
  space(doc, 8);
  keyValueList(
    doc,
    d.fields.map((f) => ({ key: f.label, value: valueOf(f) })),
    { keyWidth: KEY_WIDTH },
  );
  space(doc, 4);
  drawHash(doc, d.hash);
  heading(doc, d.explanationTitle, 2);
  for (const text of d.explanation) paragraph(doc, text);
}

/** The receipt as PDF bytes. */
export function renderSubmissionReceipt(vm: SubmissionReceiptViewModel, options: SubmissionReceiptOptions = {}): Promise<Buffer> {
  const d = describeReceipt(vm);
  return renderToBuffer((doc) => buildSubmissionReceipt(doc, vm), {
    title: d.title,
    subject: `${d.title} ${vm.kader.slug}: ${vm.provider.name}, ${describeReceiptKind(vm).toLowerCase()}`,
    keywords: ["ontvangstbevestiging", "inschrijving", vm.kader.slug, ...(vm.contentSha256 ? [vm.contentSha256] : [])],
    header: `${d.title} · ${vm.kader.slug} · ${vm.provider.name}`,
    // The audit number first: a long kenmerk or name is cut off at the end, never the number.
    footer: `Auditvolgnummer ${vm.auditSeq} · ${vm.kader.slug} · ${vm.provider.name}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
