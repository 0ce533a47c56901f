// The objection receipt ("ontvangstbevestiging bezwaar"): what a provider gets when it files an
// objection, as a Dutch PDF. The words come from `describeObjectionReceipt` (shared with the
// screen); this module only lays them out, as the submission receipt does.
import { heading, renderToBuffer } from "./layout";
import { drawHashLine, drawReceipt } from "./layout/receipt";
import { describeObjectionReceipt, type ObjectionReceiptViewModel } from "./objection-receipt/describe-receipt";

export type { ObjectionReceiptDescription, ObjectionReceiptField, ObjectionReceiptViewModel } from "./objection-receipt/describe-receipt";
export { OBJECTION_RECEIPT_TITLE, describeObjectionKind, describeObjectionReceipt, formatFileSize, objectionReceiptLines } from "./objection-receipt/describe-receipt";

export type ObjectionReceiptOptions = { creationDate?: Date; compress?: boolean };

export function buildObjectionReceipt(doc: PDFKit.PDFDocument, vm: ObjectionReceiptViewModel): void {
  const d = describeObjectionReceipt(vm);
  drawReceipt(doc, {
    zorgkantoor: vm.zorgkantoor,
    ...d,
    more: (doc) => {
      if (d.attachments.length === 0) return;
      heading(doc, d.attachmentsTitle, 2);
      for (const a of d.attachments) drawHashLine(doc, { label: `${a.name} (${a.size})`, value: a.sha256, mono: true });
    },
  });
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
