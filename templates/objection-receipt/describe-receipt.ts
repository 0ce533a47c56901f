// The words of an objection receipt ("ontvangstbevestiging bezwaar"), in one place for the PDF
// and the screen. Pure: no pdfkit, no Node built-ins, no app/ imports.

export type ObjectionReceiptViewModel = {
  kader: { slug: string; title: string; version: number };
  zorgkantoor: string;
  provider: { name: string; agb: string | null };
  kind: "besluit" | "basistarief";
  /** The award decision objected to (`besluit` only). */
  decisionId: number | null;
  /** The objection's number on the platform. */
  number: number;
  attachments: { name: string; sha256: string; size: number }[];
  /** As the receipt gives it, never recomputed: "03-12-2026 12:00:00,000 (UTC+01:00)". */
  filedAtAmsterdam: string;
  filedAtUtc: string;
  contentSha256: string;
  auditSeq: number;
};

export type ObjectionReceiptField = { label: string; value: string; mono?: boolean };

export type ObjectionReceiptDescription = {
  title: string;
  intro: string;
  fields: ObjectionReceiptField[];
  hash: ObjectionReceiptField;
  attachmentsTitle: string;
  /** One line per attachment: its name and size; its SHA-256 apart, to copy. */
  attachments: { name: string; size: string; sha256: string }[];
  explanationTitle: string;
  explanation: string[];
};

export const OBJECTION_RECEIPT_TITLE = "Ontvangstbevestiging bezwaar";

/** "1,2 MB", "830 kB": sizes as a Dutch reader writes them. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("nl-NL")} kB`;
}

export function describeObjectionKind(vm: Pick<ObjectionReceiptViewModel, "kind" | "decisionId">): string {
  return vm.kind === "basistarief" ? "Bezwaar tegen het basistarief van het kader" : `Bezwaar tegen het gunningsbesluit (nummer ${vm.decisionId ?? "?"})`;
}

export function describeObjectionReceipt(vm: ObjectionReceiptViewModel): ObjectionReceiptDescription {
  const fields: ObjectionReceiptField[] = [
    { label: "Inkoopkader", value: vm.kader.title },
    { label: "Kenmerk", value: vm.kader.slug, mono: true },
    { label: "Versie van het kader", value: `versie ${vm.kader.version}` },
    { label: "Zorgkantoor", value: vm.zorgkantoor },
    { label: "Zorgaanbieder", value: vm.provider.name },
    vm.provider.agb === null ? { label: "AGB-code", value: "niet bekend" } : { label: "AGB-code", value: vm.provider.agb, mono: true },
    { label: "Soort", value: describeObjectionKind(vm) },
    { label: "Bezwaarnummer", value: String(vm.number), mono: true },
    { label: "Bijlagen", value: vm.attachments.length === 0 ? "geen" : String(vm.attachments.length) },
    { label: "Ontvangen (Nederlandse tijd)", value: vm.filedAtAmsterdam, mono: true },
    { label: "Ontvangen (UTC)", value: vm.filedAtUtc, mono: true },
    { label: "Auditvolgnummer", value: String(vm.auditSeq), mono: true },
  ];
  return {
    title: OBJECTION_RECEIPT_TITLE,
    intro: `Zorginkoop heeft namens ${vm.zorgkantoor} het bezwaar van ${vm.provider.name} ontvangen en onveranderlijk opgeslagen.`,
    fields,
    hash: { label: "SHA-256 van het bezwaar", value: vm.contentSha256, mono: true },
    attachmentsTitle: "Bijlagen",
    attachments: vm.attachments.map((a) => ({ name: a.name, size: formatFileSize(a.size), sha256: a.sha256 })),
    explanationTitle: "Zo controleert u deze bevestiging",
    explanation: [
      "De SHA-256 hierboven is berekend over de canonieke JSON van het bezwaar zoals dat is opgeslagen (sleutels op alfabetische volgorde, zonder witruimte, UTF-8): " +
        "het kader, de soort, uw organisatie, de gronden en de bijlagen. Bijlagen staan daarin met hun eigen SHA-256; een bijlage controleert u door de SHA-256 van het bestand te berekenen en te vergelijken.",
      "Het auditvolgnummer verwijst naar de gebeurtenis in het auditlogboek die dit bezwaar vastlegt, met hetzelfde tijdstip en dezelfde SHA-256. Het tijdstip is dat van de server van Zorginkoop op het moment van opslaan.",
      "Een ingediend bezwaar kan niet worden gewijzigd of ingetrokken. Een jurist van het zorgkantoor neemt het in behandeling en beslist gemotiveerd: gegrond, deels gegrond of ongegrond. " +
        "De stand en het antwoord ziet u op het platform bij uw bezwaar.",
    ],
  };
}

export function objectionReceiptLines(vm: ObjectionReceiptViewModel): string[] {
  const d = describeObjectionReceipt(vm);
  return [
    d.title,
    d.intro,
    ...d.fields.map((f) => `${f.label}: ${f.value}`),
    `${d.hash.label}: ${d.hash.value}`,
    ...(d.attachments.length > 0 ? [d.attachmentsTitle, ...d.attachments.map((a) => `${a.name} (${a.size}) ${a.sha256}`)] : []),
    d.explanationTitle,
    ...d.explanation,
  ];
}
