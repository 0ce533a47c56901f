// The proces-verbaal van opening: every provider's every version with its
// receipt time and hash, signed off by the two inkopers who opened the
// submissions, as a Dutch PDF. The words come from `describeOpeningRecord`;
// this module only lays them out.
import { TYPE, documentTitle, heading, keyValueList, paragraph, renderToBuffer, space, table, type Column, type Inline } from "./layout";
import { describeOpeningRecord, type OpeningRecordViewModel, type RecordField } from "./opening-record/describe-record";

export type { OpeningRecordDescription, OpeningRecordViewModel, RecordProvider, RecordVersion } from "./opening-record/describe-record";
export { OPENING_RECORD_TITLE, UNCONFIRMED_MARK, describeOpeningRecord, openingRecordTotals } from "./opening-record/describe-record";

export type OpeningRecordOptions = {
  /** Fixed in tests; defaults to now. */
  creationDate?: Date;
  /** Default true; tests turn it off. */
  compress?: boolean;
};

const KEY_WIDTH = 190;

const COLUMNS: Column[] = [
  { header: "Nr.", width: 0.06 },
  { header: "Soort", width: 0.19 },
  { header: "Ontvangen (Nederlandse tijd; UTC)", width: 0.3 },
  { header: "Audit", width: 0.08 },
  { header: "SHA-256 van de inhoud", width: 0.37 },
];

function valueOf(field: RecordField): Inline {
  return field.mono ? [{ text: field.value, font: "mono" }] : field.value;
}

/** The Amsterdam time, its offset and the UTC time on lines of their own, so that none is broken mid-number. */
function timeCell(amsterdam: string, utc: string): Inline {
  const cut = amsterdam.indexOf(" (");
  const lines = cut < 0 ? [amsterdam, utc] : [amsterdam.slice(0, cut), amsterdam.slice(cut + 1), utc];
  return [{ text: lines.join("\n"), font: "mono", size: TYPE.small }];
}

/** 64 hex digits in two halves of 32, so that the hash breaks at a fixed place, never mid-word by chance. */
function hashCell(sha: string | null): Inline {
  if (sha === null) return "geen (intrekking)";
  return [{ text: `${sha.slice(0, 32)}\n${sha.slice(32)}`, font: "mono", size: TYPE.small }];
}

export function buildOpeningRecord(doc: PDFKit.PDFDocument, vm: OpeningRecordViewModel): void {
  const d = describeOpeningRecord(vm);
  documentTitle(doc, vm.zorgkantoor, d.title);
  paragraph(doc, d.intro);
  space(doc, 6);
  keyValueList(doc, d.fields.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: KEY_WIDTH });

  heading(doc, d.openingTitle, 2);
  keyValueList(doc, d.opening.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: KEY_WIDTH });

  heading(doc, d.submissionsTitle, 2);
  if (d.empty) paragraph(doc, d.empty);
  for (const section of d.sections) {
    heading(doc, section.heading, 3);
    for (const text of section.notes) paragraph(doc, text);
    table(
      doc,
      COLUMNS,
      section.rows.map((r) => [r.version, r.kind, timeCell(r.receivedAmsterdam, r.receivedUtc), r.auditSeq, hashCell(r.sha256)]),
    );
  }

  heading(doc, d.totalsTitle, 2);
  keyValueList(doc, d.totals.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: 260 });

  heading(doc, d.signOffTitle, 2);
  paragraph(doc, d.signOffText);
  keyValueList(doc, d.signOff.map((f) => ({ key: f.label, value: valueOf(f) })), { keyWidth: KEY_WIDTH });

  heading(doc, d.explanationTitle, 2);
  for (const text of d.explanation) paragraph(doc, text);
}

/** The proces-verbaal as PDF bytes. */
export function renderOpeningRecord(vm: OpeningRecordViewModel, options: OpeningRecordOptions = {}): Promise<Buffer> {
  const d = describeOpeningRecord(vm);
  return renderToBuffer((doc) => buildOpeningRecord(doc, vm), {
    title: `${d.title} ${vm.kader.slug}`,
    subject: `${d.title} van de inschrijvingen op ${vm.kader.title} (versie ${vm.kader.version})`,
    keywords: ["proces-verbaal", "opening", "inschrijvingen", vm.kader.slug],
    header: `${d.title} · ${vm.kader.slug}`,
    footer: `${d.title} · ${vm.kader.slug} · kaderversie ${vm.kader.version}`,
    ...(options.creationDate ? { creationDate: options.creationDate } : {}),
    ...(options.compress !== undefined ? { compress: options.compress } : {}),
  });
}
