// The receipt PDF of a real submission: submitted through the `submit` service on a temporary
// database, rendered through the one mapper, and read back as text.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { receiptPdfFileName, receiptViewModel, renderReceiptPdf } from "../../../app/services/submissions/receipt-pdf.server";
import { submissionStatusFor, submit, withdraw } from "../../../app/services/submissions/submissions.server";
import type { Receipt } from "../../../app/services/submissions/receipt.server";
import type { Db } from "../../../db/client.server";
import { kaders } from "../../../db/schema";
import { receiptLines } from "../../../templates/submission-receipt";
import { createTestDb } from "../../helpers/test-db";
import { FIXED_CREATION_DATE, pdfPages, pdfText } from "../../unit/templates/helpers";
import { DAY, seedDemoOrganisations, type Demo } from "../kaders/fixtures";
import { publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY + 123);
const SLUG = "vv-2027";
const TITLE = "Inkoopkader V&V 2026 (voorbeeld)";
const options = { creationDate: FIXED_CREATION_DATE, compress: false };

const flat = (text: string) => text.replace(/\s+/g, " ");
const joined = (text: string) => text.replace(/\s+/g, "");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

function content(marker: string): Record<string, unknown> {
  const answers = { visie: `Visie ${marker}`, aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Meetbare doelen" };
  return {
    declarations: { wzd: true },
    plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity: 12, context: "Context", expertise: "Expertise" } } } },
  };
}

function submitOk(marker: string, key: string, at: Date): Receipt {
  const result = submit(demo.aanbieder, SLUG, content(marker), key, at, db);
  if (!result.ok) throw new Error(`submit refused: ${JSON.stringify(result.errors)}`);
  return result.receipt;
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW);
});

afterEach(() => t.close());

describe("receipt PDF of a real submission", () => {
  it("holds every field of the receipt exactly, with the kader's title and the zorgkantoor's name", async () => {
    const receipt = submitOk("eerste", "sleutel-000000000001", OPEN);
    const pdf = await renderReceiptPdf(receipt, db, options);
    const raw = pdfText(pdf);
    const text = flat(raw);
    expect(pdfPages(pdf)).toHaveLength(1);
    expect(text).toContain("Ontvangstbevestiging inschrijving");
    expect(text).toContain(`Inkoopkader ${TITLE}`);
    expect(text).toContain(`Kenmerk ${receipt.kader}`);
    expect(text).toContain(`Versie van het kader versie ${receipt.kaderVersion}`);
    expect(text).toContain(`Zorgkantoor ${demo.inkoper.organisation!.name}`);
    expect(text).toContain(`Zorgaanbieder ${receipt.provider.name}`);
    expect(text).toContain(`AGB-code ${receipt.provider.agb}`);
    expect(text).toContain(`Soort Inschrijving, versie ${receipt.version}`);
    // The times exactly as the receipt states them (here with milliseconds and the summer offset).
    expect(receipt.receivedAtAmsterdam).toBe("03-09-2026 12:00:00,123 (UTC+02:00)");
    expect(text).toContain(`Ontvangen (Nederlandse tijd) ${receipt.receivedAtAmsterdam}`);
    expect(text).toContain(`Ontvangen (UTC) ${receipt.receivedAtUtc}`);
    expect(text).toContain(`Auditvolgnummer ${receipt.auditSeq}`);
    expect(receipt.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(joined(raw)).toContain(receipt.contentSha256!);
    // Nothing of the sealed content itself is on the receipt.
    expect(text).not.toContain("Visie eerste");
  });

  it("renders the same bytes from the receipt of submit and from the one the status gives later", async () => {
    const receipt = submitOk("eerste", "sleutel-000000000002", OPEN);
    const status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    if (!status.ok) throw new Error("status refused");
    const fromStatus = status.status.versions[0]!.receipt;
    const a = await renderReceiptPdf(receipt, db, options);
    const b = await renderReceiptPdf(fromStatus, db, options);
    expect(b.equals(a)).toBe(true);
    expect(receiptPdfFileName(receipt)).toBe("vv-2027-ontvangstbevestiging-v1.pdf");
  });

  it("names the kader by the title of the version answered, not a later working title", async () => {
    const receipt = submitOk("eerste", "sleutel-000000000003", OPEN);
    db.update(kaders).set({ title: "Werktitel van een volgende wijziging" }).where(eq(kaders.slug, SLUG)).run();
    const vm = receiptViewModel(receipt, db);
    expect(vm.kader.title).toBe(TITLE);
    expect(flat(pdfText(await renderReceiptPdf(receipt, db, options)))).not.toContain("Werktitel");
  });

  it("renders a withdrawal with its own wording, and the screen lines match the PDF's fields", async () => {
    submitOk("eerste", "sleutel-000000000004", OPEN);
    const w = withdraw(demo.aanbieder, SLUG, "sleutel-000000000005", new Date(OPEN.getTime() + DAY), db);
    if (!w.ok) throw new Error("withdraw refused");
    const text = flat(pdfText(await renderReceiptPdf(w.receipt, db, options)));
    expect(text).toContain("Soort Intrekking, versie 2");
    expect(text).toContain("geen: een intrekking heeft geen inhoud");
    expect(text).toContain("De eerdere versies van de inschrijving blijven bewaard");
    expect(text).toContain(`Ontvangen (UTC) ${w.receipt.receivedAtUtc}`);
    expect(text).toContain(`Auditvolgnummer ${w.receipt.auditSeq}`);
    const lines = receiptLines(receiptViewModel(w.receipt, db));
    expect(lines).toContain(`Ontvangen (Nederlandse tijd): ${w.receipt.receivedAtAmsterdam}`);
    expect(lines).toContain("Soort: Intrekking, versie 2");
  });

  it("refuses a receipt that names no known kader", () => {
    const receipt = submitOk("eerste", "sleutel-000000000006", OPEN);
    expect(() => receiptViewModel({ ...receipt, kader: "bestaat-niet" }, db)).toThrow(/unknown kader/);
  });
});
