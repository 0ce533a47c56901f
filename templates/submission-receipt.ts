// The submission receipt ("ontvangstbevestiging"): what a provider gets for a
// submission or a withdrawal, as a one-page Dutch PDF. The words come from
// `describeReceipt` (shared with the screen); this module only lays them out.
import { renderToBuffer } from "./layout";
import { drawReceipt } from "./layout/receipt";
import { describeReceipt, describeReceiptKind, type SubmissionReceiptViewModel } from "./submission-receipt/describe-receipt";

export type { ReceiptDescription, ReceiptField, SubmissionReceiptViewModel } from "./submission-receipt/describe-receipt";
export { RECEIPT_TITLE, describeReceipt, describeReceiptKind, receiptLines } from "./submission-receipt/describe-receipt";

export type SubmissionReceiptOptions = {
  /** Fixed in tests; defaults to now. */
  creationDate?: Date;
  /** Default true; tests turn it off. */
  compress?: boolean;
};

export function buildSubmissionReceipt(doc: PDFKit.PDFDocument, vm: SubmissionReceiptViewModel): void {
  drawReceipt(doc, { zorgkantoor: vm.zorgkantoor, ...describeReceipt(vm) });
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
