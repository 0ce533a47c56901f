import { describe, expect, it } from "vitest";
import { describeReceipt, receiptLines, renderSubmissionReceipt, type SubmissionReceiptViewModel } from "../../../templates/submission-receipt";
import { FIXED_CREATION_DATE, pdfInfo, pdfPages, pdfText } from "./helpers";

const options = { creationDate: FIXED_CREATION_DATE, compress: false };

/** Collapse runs of spaces and line breaks, so assertions do not depend on where a line wraps. */
const flat = (text: string) => text.replace(/\s+/g, " ");
/** Remove all white space: a hash or a time cut over two lines reads whole again. */
const joined = (text: string) => text.replace(/\s+/g, "");

const HASH = "9c1de4b07a12c5e8f90b6d3a7e41c2b8d9f0a1e3c5b7d9f1a3c5e7b9d1f33f2a";

function submissionVm(overrides: Partial<SubmissionReceiptViewModel> = {}): SubmissionReceiptViewModel {
  return {
    kader: { slug: "vv-2027", title: "Inkoopkader V&V 2027", version: 2 },
    zorgkantoor: "Zorgkantoor Demo",
    provider: { name: "Zorggroep De Linde", agb: "73730001" },
    kind: "submission",
    version: 3,
    // Deliberately not the Amsterdam rendering of the UTC time below: the template must print
    // what the receipt says, never recompute it.
    receivedAtAmsterdam: "03-09-2026 12:00:00,123 (UTC+02:00)",
    receivedAtUtc: "2026-09-03T10:00:00.123Z",
    contentSha256: HASH,
    auditSeq: 4711,
    ...overrides,
  };
}

function withdrawalVm(): SubmissionReceiptViewModel {
  return submissionVm({ kind: "withdrawal", version: 4, contentSha256: null, auditSeq: 4800, receivedAtAmsterdam: "14-01-2027 16:59:59,999 (UTC+01:00)", receivedAtUtc: "2027-01-14T15:59:59.999Z" });
}

const submissionPdf = await renderSubmissionReceipt(submissionVm(), options);
const withdrawalPdf = await renderSubmissionReceipt(withdrawalVm(), options);

describe("submission receipt PDF", () => {
  const raw = pdfText(submissionPdf);
  const text = flat(raw);

  it("is one page with the title and every field of the receipt exactly as given", () => {
    expect(pdfPages(submissionPdf)).toHaveLength(1);
    expect(pdfPages(submissionPdf)[0]).toContain("Auditvolgnummer 4711 · vv-2027 · Zorggroep De Linde pagina 1 van 1");
    expect(text).toContain("Ontvangstbevestiging inschrijving");
    expect(text).toContain("Inkoopkader Inkoopkader V&V 2027");
    expect(text).toContain("Kenmerk vv-2027");
    expect(text).toContain("Versie van het kader versie 2");
    expect(text).toContain("Zorgkantoor Zorgkantoor Demo");
    expect(text).toContain("Zorgaanbieder Zorggroep De Linde");
    expect(text).toContain("AGB-code 73730001");
    expect(text).toContain("Soort Inschrijving, versie 3");
    expect(text).toContain("Ontvangen (Nederlandse tijd) 03-09-2026 12:00:00,123 (UTC+02:00)");
    expect(text).toContain("Ontvangen (UTC) 2026-09-03T10:00:00.123Z");
    expect(text).toContain("Auditvolgnummer 4711");
    expect(joined(raw)).toContain(HASH);
  });

  it("keeps the hash whole on one line, so it can be copied in one piece", () => {
    expect(raw.split("\n").map((l) => l.trim())).toContain(HASH);
  });

  it("explains how to verify: canonical JSON, attachments by their own SHA-256, sealed, opened by two", () => {
    expect(text).toContain("Zo controleert u deze bevestiging");
    expect(text).toContain("canonieke JSON van de inschrijving zoals die is opgeslagen");
    expect(text).toContain("Bijlagen staan daarin met hun eigen SHA-256");
    expect(text).toContain("verzegeld tot de sluitingstermijn");
    expect(text).toContain("twee verschillende medewerkers van het zorgkantoor");
    expect(text).toContain("Deze versie vervangt versie 2.");
    expect(text).not.toContain("ingetrokken");
  });

  it("is Dutch: no English words of the data model leak into it", () => {
    for (const word of ["submission", "withdrawal", "receipt", "undefined", "null", "true", "false", "NaN", "Received", "version"]) {
      expect(text.toLowerCase()).not.toContain(word.toLowerCase());
    }
    expect(pdfInfo(submissionPdf).Title).toBe("Ontvangstbevestiging inschrijving");
  });

  it("gives byte-identical output for the same receipt and creation date, and other bytes for another receipt", async () => {
    const again = await renderSubmissionReceipt(submissionVm(), options);
    expect(again.equals(submissionPdf)).toBe(true);
    const other = await renderSubmissionReceipt(submissionVm({ auditSeq: 4712 }), options);
    expect(other.equals(submissionPdf)).toBe(false);
  });

  it("says when the provider has no AGB-code instead of printing nothing", async () => {
    const pdf = await renderSubmissionReceipt(submissionVm({ provider: { name: "Nieuwe Zorg B.V.", agb: null } }), options);
    expect(flat(pdfText(pdf))).toContain("AGB-code niet bekend");
  });
});

describe("withdrawal receipt PDF", () => {
  const text = flat(pdfText(withdrawalPdf));

  it("uses its own wording: intrekking, no content hash, earlier versions kept", () => {
    expect(text).toContain("de intrekking van de inschrijving van Zorggroep De Linde ontvangen en vastgelegd");
    expect(text).toContain("Soort Intrekking, versie 4");
    expect(text).toContain("SHA-256 van de inhoud geen: een intrekking heeft geen inhoud");
    expect(text).toContain("De eerdere versies van de inschrijving blijven bewaard");
    expect(text).toContain("Ontvangen (Nederlandse tijd) 14-01-2027 16:59:59,999 (UTC+01:00)");
    expect(text).toContain("Ontvangen (UTC) 2027-01-14T15:59:59.999Z");
    expect(text).toContain("Auditvolgnummer 4800");
    expect(text).not.toContain("canonieke JSON");
    expect(text).not.toContain("onveranderlijk opgeslagen");
  });
});

describe("receipt lines for the screen", () => {
  it("are the words of the PDF, in the same order", () => {
    for (const [vm, pdf] of [
      [submissionVm(), submissionPdf],
      [withdrawalVm(), withdrawalPdf],
    ] as const) {
      const lines = receiptLines(vm);
      const d = describeReceipt(vm);
      const labels = [...d.fields, d.hash].map((f) => `${f.label}: `);
      const pdfFlat = flat(pdfText(pdf));
      let from = 0;
      for (const line of lines) {
        // On paper a field is label and value side by side; on screen "label: value".
        const label = labels.find((l) => line.startsWith(l));
        const expected = flat(label ? `${label.slice(0, -2)} ${line.slice(label.length)}` : line);
        const at = pdfFlat.indexOf(expected, from);
        expect(at, `not found in order: ${expected}`).toBeGreaterThanOrEqual(0);
        from = at + expected.length;
      }
    }
  });

  it("hold every field of the receipt", () => {
    const lines = receiptLines(submissionVm());
    expect(lines).toContain("Kenmerk: vv-2027");
    expect(lines).toContain("AGB-code: 73730001");
    expect(lines).toContain("Ontvangen (Nederlandse tijd): 03-09-2026 12:00:00,123 (UTC+02:00)");
    expect(lines).toContain("Ontvangen (UTC): 2026-09-03T10:00:00.123Z");
    expect(lines).toContain(`SHA-256 van de inhoud: ${HASH}`);
    expect(lines).toContain("Auditvolgnummer: 4711");
    expect(lines).toContain("Soort: Inschrijving, versie 3");
    expect(receiptLines(withdrawalVm())).toContain("Soort: Intrekking, versie 4");
  });
});
