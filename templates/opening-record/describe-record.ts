// The words of the proces-verbaal van opening, in one place: the PDF template
// draws `describeOpeningRecord`. Pure: no pdfkit, no Node built-ins, no app/ imports.

/** An instant as the record states it: Amsterdam wall-clock time with its offset, and UTC. */
export type RecordInstant = { amsterdam: string; utc: string };

export type RecordVersion = {
  /** The provider's version number for this kader (1, 2, ...). */
  version: number;
  kind: "submission" | "withdrawal";
  state: "current" | "superseded" | "withdrawn";
  /** The kader version this version answered. */
  kaderVersion: number;
  receivedAtAmsterdam: string;
  receivedAtUtc: string;
  /** SHA-256 (hex) of the stored canonical content; null for a withdrawal. */
  contentSha256: string | null;
  auditSeq: number;
};

export type RecordProvider = {
  name: string;
  agb: string | null;
  /** By the latest version. */
  state: "submitted" | "withdrawn";
  /** The current submission answers an older kader version than the latest published one. */
  unconfirmed: boolean;
  /** Every version, oldest first: superseded and withdrawn ones included. */
  versions: RecordVersion[];
};

/** What a proces-verbaal van opening shows; built from the database by one mapper in app/. */
export type OpeningRecordViewModel = {
  zorgkantoor: string;
  kader: { slug: string; title: string; version: number; contentHash: string };
  closesAt: RecordInstant;
  opening: { startedBy: string; startedAt: RecordInstant; confirmedBy: string; confirmedAt: RecordInstant; auditSeqs: { start: number; confirm: number } };
  providers: RecordProvider[];
};

export type RecordField = { label: string; value: string; mono?: boolean };

export type RecordSection = {
  heading: string;
  /** Sentences under the heading: the provider's state, the mark when not confirmed. */
  notes: string[];
  /** Cells per version: version, kind, receipt time (NL, UTC), audit sequence, SHA-256. */
  rows: { version: string; kind: string; receivedAmsterdam: string; receivedUtc: string; auditSeq: string; sha256: string | null }[];
};

export type OpeningRecordDescription = {
  title: string;
  intro: string;
  fields: RecordField[];
  openingTitle: string;
  opening: RecordField[];
  submissionsTitle: string;
  /** When no provider submitted anything. */
  empty: string | null;
  sections: RecordSection[];
  totalsTitle: string;
  totals: RecordField[];
  signOffTitle: string;
  signOffText: string;
  signOff: RecordField[];
  explanationTitle: string;
  explanation: string[];
};

export const OPENING_RECORD_TITLE = "Proces-verbaal van opening";
export const UNCONFIRMED_MARK = "niet bevestigd na wijziging van het kader";

export function describeVersionKind(v: Pick<RecordVersion, "kind" | "state" | "kaderVersion">): string {
  const what = v.kind === "withdrawal" ? "Intrekking" : v.state === "current" ? "Inschrijving (geldend)" : "Inschrijving (vervangen)";
  return `${what}, op kaderversie ${v.kaderVersion}`;
}

export type OpeningRecordTotals = { providers: number; submitted: number; withdrawn: number; unconfirmed: number; versions: number };

export function openingRecordTotals(vm: OpeningRecordViewModel): OpeningRecordTotals {
  const submitted = vm.providers.filter((p) => p.state === "submitted");
  return {
    providers: vm.providers.length,
    submitted: submitted.length,
    withdrawn: vm.providers.length - submitted.length,
    unconfirmed: submitted.filter((p) => p.unconfirmed).length,
    versions: vm.providers.reduce((n, p) => n + p.versions.length, 0),
  };
}

const instant = (i: RecordInstant) => `${i.amsterdam}; ${i.utc}`;

export function describeOpeningRecord(vm: OpeningRecordViewModel): OpeningRecordDescription {
  const totals = openingRecordTotals(vm);
  const sections: RecordSection[] = vm.providers.map((p) => {
    const notes: string[] = [];
    const current = p.versions[p.versions.length - 1];
    if (p.state === "withdrawn") notes.push(`Ingetrokken (versie ${current?.version ?? "?"}): deze aanbieder heeft geen geldende inschrijving.`);
    else notes.push(`Ingediend: versie ${current?.version ?? "?"} is de geldende inschrijving.`);
    if (p.unconfirmed) {
      notes.push(
        `Let op: ${UNCONFIRMED_MARK}. De geldende inschrijving beantwoordt kaderversie ${current?.kaderVersion ?? "?"}, niet de laatst gepubliceerde versie ${vm.kader.version}.`,
      );
    }
    return {
      heading: `${p.name} (AGB ${p.agb ?? "niet bekend"})${p.unconfirmed ? ` — ${UNCONFIRMED_MARK}` : ""}`,
      notes,
      rows: p.versions.map((v) => ({
        version: String(v.version),
        kind: describeVersionKind(v),
        receivedAmsterdam: v.receivedAtAmsterdam,
        receivedUtc: v.receivedAtUtc,
        auditSeq: String(v.auditSeq),
        sha256: v.contentSha256,
      })),
    };
  });
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    title: OPENING_RECORD_TITLE,
    intro:
      `Op ${vm.opening.confirmedAt.amsterdam} zijn de inschrijvingen op het inkoopkader „${vm.kader.title}” van ${vm.zorgkantoor} geopend ` +
      `door twee inkopers samen (vier ogen): ${vm.opening.startedBy} startte de opening, ${vm.opening.confirmedBy} bevestigde haar. ` +
      "Dit proces-verbaal legt vast welke inschrijvingen op dat moment waren ontvangen, met alle versies, ook vervangen en ingetrokken versies.",
    fields: [
      { label: "Inkoopkader", value: vm.kader.title },
      { label: "Kenmerk", value: vm.kader.slug, mono: true },
      { label: "Versie van het kader", value: `versie ${vm.kader.version}` },
      { label: "SHA-256 van de kaderversie", value: vm.kader.contentHash, mono: true },
      { label: "Zorgkantoor", value: vm.zorgkantoor },
      { label: "Sluitingstijd (Nederlandse tijd)", value: vm.closesAt.amsterdam, mono: true },
      { label: "Sluitingstijd (UTC)", value: vm.closesAt.utc, mono: true },
    ],
    openingTitle: "Opening",
    opening: [
      { label: "Gestart door", value: vm.opening.startedBy },
      { label: "Gestart op", value: instant(vm.opening.startedAt), mono: true },
      { label: "Auditvolgnummer start", value: String(vm.opening.auditSeqs.start), mono: true },
      { label: "Bevestigd door", value: vm.opening.confirmedBy },
      { label: "Bevestigd op", value: instant(vm.opening.confirmedAt), mono: true },
      { label: "Auditvolgnummer bevestiging", value: String(vm.opening.auditSeqs.confirm), mono: true },
    ],
    submissionsTitle: "Ontvangen inschrijvingen",
    empty: vm.providers.length === 0 ? "Er is geen enkele inschrijving ontvangen." : null,
    sections,
    totalsTitle: "Totalen",
    totals: [
      { label: "Aanbieders met een inschrijving of intrekking", value: String(totals.providers) },
      { label: "Geldende inschrijvingen", value: String(totals.submitted) },
      { label: `Waarvan ${UNCONFIRMED_MARK}`, value: String(totals.unconfirmed) },
      { label: "Ingetrokken", value: String(totals.withdrawn) },
      { label: "Ontvangen versies in totaal", value: `${count(totals.versions, "versie", "versies")} (inschrijvingen en intrekkingen)` },
    ],
    signOffTitle: "Ondertekening",
    signOffText:
      "De opening is elektronisch vastgelegd door de twee inkopers hieronder, elk met de eigen inlog; " +
      "hun handelingen staan in het auditlogboek onder de genoemde auditvolgnummers.",
    signOff: [
      { label: "Eerste inkoper (start)", value: `${vm.opening.startedBy}, ${vm.opening.startedAt.amsterdam}` },
      { label: "Tweede inkoper (bevestiging)", value: `${vm.opening.confirmedBy}, ${vm.opening.confirmedAt.amsterdam}` },
    ],
    explanationTitle: "Zo controleert u dit proces-verbaal",
    explanation: [
      "De SHA-256 van een inschrijving is berekend over de canonieke JSON zoals die is opgeslagen; bijlagen staan daarin met hun eigen SHA-256. " +
        "Dezelfde SHA-256 staat op de ontvangstbevestiging die de aanbieder kreeg en in de gebeurtenis van het auditlogboek met het genoemde auditvolgnummer.",
      "Tijden zijn die van de server van Zorginkoop bij ontvangst, in Nederlandse tijd (met de afwijking van UTC) en in UTC. " +
        "Een inschrijving die een oudere versie van het kader beantwoordt, is ontvangen voordat het kader werd gewijzigd en is daarna niet bevestigd of vervangen.",
      "Ingediende inschrijvingen zijn onveranderlijk: eerdere versies blijven bewaard zoals ze zijn ontvangen.",
    ],
  };
}
