// The words of a submission receipt ("ontvangstbevestiging"), in one place for
// the PDF and the screen: the PDF template draws `describeReceipt`, a page
// shows `receiptLines`. Pure: no pdfkit, no Node built-ins, no app/ imports.

/** What a receipt shows; built from a `Receipt` by one mapper in app/. */
export type SubmissionReceiptViewModel = {
  kader: {
    /** The kader's kenmerk (its slug). */
    slug: string;
    /** The title of the kader version answered. */
    title: string;
    /** The kader version the submission answers. */
    version: number;
  };
  zorgkantoor: string;
  provider: { name: string; agb: string | null };
  kind: "submission" | "withdrawal";
  /** The provider's version number for this kader (1, 2, ...). */
  version: number;
  /** As the receipt gives it, never recomputed: "03-09-2026 12:00:00,000 (UTC+02:00)". */
  receivedAtAmsterdam: string;
  /** As the receipt gives it: ISO 8601 UTC with milliseconds. */
  receivedAtUtc: string;
  /** SHA-256 (hex) of the stored canonical content; null for a withdrawal. */
  contentSha256: string | null;
  auditSeq: number;
};

export type ReceiptField = { label: string; value: string; mono?: boolean };

export type ReceiptDescription = {
  title: string;
  /** One sentence saying what was received. */
  intro: string;
  fields: ReceiptField[];
  /** The content hash, shown apart from the fields so it can stay on one line. */
  hash: ReceiptField;
  explanationTitle: string;
  explanation: string[];
};

export const RECEIPT_TITLE = "Ontvangstbevestiging inschrijving";

/** "Inschrijving, versie 2" / "Intrekking, versie 3". */
export function describeReceiptKind(vm: Pick<SubmissionReceiptViewModel, "kind" | "version">): string {
  return `${vm.kind === "withdrawal" ? "Intrekking" : "Inschrijving"}, versie ${vm.version}`;
}

export function describeReceipt(vm: SubmissionReceiptViewModel): ReceiptDescription {
  const withdrawal = vm.kind === "withdrawal";
  const intro = withdrawal
    ? `Zorginkoop heeft namens ${vm.zorgkantoor} de intrekking van de inschrijving van ${vm.provider.name} ontvangen en vastgelegd.`
    : `Zorginkoop heeft namens ${vm.zorgkantoor} de inschrijving van ${vm.provider.name} ontvangen en onveranderlijk opgeslagen.`;
  const fields: ReceiptField[] = [
    { label: "Inkoopkader", value: vm.kader.title },
    { label: "Kenmerk", value: vm.kader.slug, mono: true },
    { label: "Versie van het kader", value: `versie ${vm.kader.version}` },
    { label: "Zorgkantoor", value: vm.zorgkantoor },
    { label: "Zorgaanbieder", value: vm.provider.name },
    vm.provider.agb === null ? { label: "AGB-code", value: "niet bekend" } : { label: "AGB-code", value: vm.provider.agb, mono: true },
    { label: "Soort", value: describeReceiptKind(vm) },
    { label: "Ontvangen (Nederlandse tijd)", value: vm.receivedAtAmsterdam, mono: true },
    { label: "Ontvangen (UTC)", value: vm.receivedAtUtc, mono: true },
    { label: "Auditvolgnummer", value: String(vm.auditSeq), mono: true },
  ];
  const hash: ReceiptField =
    vm.contentSha256 === null
      ? { label: "SHA-256 van de inhoud", value: "geen: een intrekking heeft geen inhoud" }
      : { label: "SHA-256 van de inhoud", value: vm.contentSha256, mono: true };

  const explanation: string[] = [];
  if (!withdrawal) {
    explanation.push(
      "De SHA-256 hierboven is berekend over de canonieke JSON van de inschrijving zoals die is opgeslagen " +
        "(sleutels op alfabetische volgorde, zonder witruimte, UTF-8). Bijlagen staan daarin met hun eigen SHA-256; " +
        "een bijlage controleert u door de SHA-256 van het bestand te berekenen en te vergelijken.",
    );
  }
  explanation.push(
    `Het auditvolgnummer verwijst naar de gebeurtenis in het auditlogboek die deze ${withdrawal ? "intrekking" : "ontvangst"} vastlegt, ` +
      `met hetzelfde tijdstip${withdrawal ? "" : " en dezelfde SHA-256"}. Het tijdstip is dat van de server van Zorginkoop op het moment van opslaan.`,
  );
  explanation.push(
    "De inschrijving blijft verzegeld tot de sluitingstermijn: tot dan kan niemand bij het zorgkantoor de inhoud inzien. " +
      "Na de sluitingstermijn openen twee verschillende medewerkers van het zorgkantoor de inschrijvingen samen.",
  );
  if (withdrawal) {
    explanation.push(
      "De eerdere versies van de inschrijving blijven bewaard zoals ze zijn ontvangen; ze worden niet gewijzigd of verwijderd. " +
        "Bij de opening ziet het zorgkantoor dat de inschrijving is ingetrokken.",
    );
  } else if (vm.version > 1) {
    explanation.push(
      `Deze versie vervangt versie ${vm.version - 1}. De eerdere versies blijven bewaard zoals ze zijn ontvangen; ze worden niet gewijzigd of verwijderd.`,
    );
  }
  return { title: RECEIPT_TITLE, intro, fields, hash, explanationTitle: "Zo controleert u deze bevestiging", explanation };
}

/** The receipt as plain text lines for a page: the same words as the PDF, in the same order. */
export function receiptLines(vm: SubmissionReceiptViewModel): string[] {
  const d = describeReceipt(vm);
  return [
    d.title,
    d.intro,
    ...d.fields.map((f) => `${f.label}: ${f.value}`),
    `${d.hash.label}: ${d.hash.value}`,
    d.explanationTitle,
    ...d.explanation,
  ];
}
