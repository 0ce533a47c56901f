import { describe, expect, it } from "vitest";
import { objectionReceiptLines, renderObjectionReceipt, type ObjectionReceiptViewModel } from "../../../templates/objection-receipt";
import { FIXED_CREATION_DATE, pdfPages, pdfText } from "./helpers";

const options = { creationDate: FIXED_CREATION_DATE, compress: false };
const flat = (text: string) => text.replace(/\s+/g, " ");
const HASH = "dda18ca63736f31fcbc42c777dffe61c53d30155004ad9ec563124853b3b2433";
const FILE_HASH = "3bdeeb2382226843087059a938792f89c70df33c58944e070860a922a400c083";

function vm(overrides: Partial<ObjectionReceiptViewModel> = {}): ObjectionReceiptViewModel {
  return {
    kader: { slug: "vv-2027", title: "Inkoopkader V&V 2027", version: 2 },
    zorgkantoor: "Zorgkantoor Demo",
    provider: { name: "Zorggroep De Linde", agb: "73730001" },
    kind: "basistarief",
    decisionId: null,
    number: 12,
    attachments: [{ name: "kostprijs.pdf", sha256: FILE_HASH, size: 1_258_291 }],
    // Deliberately not the Amsterdam rendering of the UTC time: the template prints what the receipt says.
    filedAtAmsterdam: "03-09-2026 12:00:00,123 (UTC+02:00)",
    filedAtUtc: "2026-09-03T10:00:00.123Z",
    contentSha256: HASH,
    auditSeq: 4711,
    ...overrides,
  };
}

describe("objection receipt PDF", async () => {
  const pdf = await renderObjectionReceipt(vm(), options);
  const raw = pdfText(pdf);
  const text = flat(raw);

  it("is one page with every field exactly as the receipt gives it, and each hash whole on its own line", () => {
    expect(pdfPages(pdf)).toHaveLength(1);
    expect(text).toContain("Ontvangstbevestiging bezwaar");
    expect(text).toContain("Soort Bezwaar tegen het basistarief van het kader");
    expect(text).toContain("Bezwaarnummer 12");
    expect(text).toContain("Ontvangen (Nederlandse tijd) 03-09-2026 12:00:00,123 (UTC+02:00)");
    expect(text).toContain("Ontvangen (UTC) 2026-09-03T10:00:00.123Z");
    expect(text).toContain("Auditvolgnummer 4711");
    expect(text).toContain("kostprijs.pdf (1,2 MB)");
    const lines = raw.split("\n").map((l) => l.trim());
    expect(lines).toContain(HASH);
    expect(lines).toContain(FILE_HASH);
  });

  it("names the decision for a besluit objection, and says 'geen' without attachments", async () => {
    const other = flat(pdfText(await renderObjectionReceipt(vm({ kind: "besluit", decisionId: 7, attachments: [] }), options)));
    expect(other).toContain("Bezwaar tegen het gunningsbesluit (nummer 7)");
    expect(other).toContain("Bijlagen geen");
  });

  it("the screen's lines are the PDF's words", () => {
    // Lines read "label: value"; the PDF sets label and value side by side.
    for (const line of objectionReceiptLines(vm())) {
      const asField = flat(line.replace(/^([^:]+): /, "$1 "));
      expect(text.includes(flat(line)) || text.includes(asField), line).toBe(true);
    }
  });
});
