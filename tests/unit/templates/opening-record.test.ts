// The proces-verbaal van opening from a view model: the words (shared by nothing else yet, but
// kept pure like the receipt's) and the PDF read back as text.
import { describe, expect, it } from "vitest";
import { describeOpeningRecord, openingRecordTotals, renderOpeningRecord, UNCONFIRMED_MARK, type OpeningRecordViewModel } from "../../../templates/opening-record";
import { FIXED_CREATION_DATE, pdfInfo, pdfText } from "./helpers";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);

function vm(providers: OpeningRecordViewModel["providers"] = []): OpeningRecordViewModel {
  const at = (utc: string, amsterdam: string) => ({ utc, amsterdam });
  return {
    zorgkantoor: "Zorgkantoor Test",
    kader: { slug: "vv-2027", title: "Inkoopkader V&V 2027", version: 2, contentHash: "c".repeat(64) },
    closesAt: at("2026-10-01T10:00:00.000Z", "01-10-2026 12:00:00,000 (UTC+02:00)"),
    opening: {
      startedBy: "Ingrid Inkoop",
      startedAt: at("2026-10-01T10:05:00.000Z", "01-10-2026 12:05:00,000 (UTC+02:00)"),
      confirmedBy: "Olaf Opening",
      confirmedAt: at("2026-10-01T10:07:00.000Z", "01-10-2026 12:07:00,000 (UTC+02:00)"),
      auditSeqs: { start: 40, confirm: 41 },
    },
    providers,
  };
}

const version = (n: number, kind: "submission" | "withdrawal", state: "current" | "superseded" | "withdrawn", kaderVersion: number, sha: string | null, seq: number) => ({
  version: n,
  kind,
  state,
  kaderVersion,
  receivedAtAmsterdam: `0${n}-09-2026 12:00:00,000 (UTC+02:00)`,
  receivedAtUtc: `2026-09-0${n}T10:00:00.000Z`,
  contentSha256: sha,
  auditSeq: seq,
});

describe("proces-verbaal van opening", () => {
  it("says so when nothing was received, with zero totals", async () => {
    const d = describeOpeningRecord(vm());
    expect(d.empty).toBe("Er is geen enkele inschrijving ontvangen.");
    expect(openingRecordTotals(vm())).toEqual({ providers: 0, submitted: 0, withdrawn: 0, unconfirmed: 0, versions: 0 });
    const pdf = await renderOpeningRecord(vm(), { creationDate: FIXED_CREATION_DATE, compress: false });
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Er is geen enkele inschrijving ontvangen.");
    expect(text).toContain("Gestart door Ingrid Inkoop");
    expect(text).toContain("Bevestigd door Olaf Opening");
    expect(pdfInfo(pdf).Title).toBe("Proces-verbaal van opening vv-2027");
  });

  it("marks an unconfirmed submission, lists withdrawn and superseded versions, and counts them", async () => {
    const model = vm([
      { name: "Aanbieder Een", agb: "11110001", state: "submitted", unconfirmed: true, versions: [version(1, "submission", "current", 1, SHA_A, 10)] },
      {
        name: "Aanbieder Twee",
        agb: null,
        state: "withdrawn",
        unconfirmed: false,
        versions: [version(1, "submission", "superseded", 1, SHA_B, 11), version(2, "withdrawal", "withdrawn", 2, null, 12)],
      },
    ]);
    const d = describeOpeningRecord(model);
    expect(d.sections.map((s) => s.heading)).toEqual([`Aanbieder Een (AGB 11110001) — ${UNCONFIRMED_MARK}`, "Aanbieder Twee (AGB niet bekend)"]);
    expect(d.sections[0]!.notes[1]).toBe(`Let op: ${UNCONFIRMED_MARK}. De geldende inschrijving beantwoordt kaderversie 1, niet de laatst gepubliceerde versie 2.`);
    expect(d.sections[1]!.rows.map((r) => [r.version, r.kind, r.sha256, r.auditSeq])).toEqual([
      ["1", "Inschrijving (vervangen), op kaderversie 1", SHA_B, "11"],
      ["2", "Intrekking, op kaderversie 2", null, "12"],
    ]);
    expect(openingRecordTotals(model)).toEqual({ providers: 2, submitted: 1, withdrawn: 1, unconfirmed: 1, versions: 3 });
    const text = pdfText(await renderOpeningRecord(model, { creationDate: FIXED_CREATION_DATE, compress: false }));
    const joined = text.replace(/\s+/g, "");
    for (const sha of [SHA_A, SHA_B]) expect(joined).toContain(sha);
    expect(joined).toContain("2026-09-02T10:00:00.000Z");
    expect(text.replace(/\s+/g, " ")).toContain("geen (intrekking)");
  });
});
