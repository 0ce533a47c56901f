// verifyReceipt covers every document a submission refers to: the evidence backing a
// declaration as well as the general attachments (found by the submission bench, issue 9).
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeAttachment } from "../../../app/services/submissions/attachments.server";
import { verifyReceipt } from "../../../app/services/submissions/receipt.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { DAY, seedDemoOrganisations, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const SLUG = "vv-2027-ontvangst";
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW, draftWithFacts([{ id: "hkz", label: "HKZ-certificaat", type: "boolean", source: "aanbieder", evidence: "required" }]));
});
afterEach(() => t.close());

/** Rewrites an attachment's bytes behind the append-only triggers, as a tampered database file would hold them. */
function tamper(sha256: string, bytes: Uint8Array): void {
  const raw = new Database(t.file);
  try {
    raw.exec("DROP TRIGGER submission_attachments_no_update");
    raw.prepare("UPDATE submission_attachments SET bytes = ? WHERE sha256 = ?").run(Buffer.from(bytes), sha256);
  } finally {
    raw.close();
  }
}

describe("verifyReceipt and the documents of a submission", () => {
  it("fails when the bytes of a document backing a declaration no longer hash to its name", () => {
    const cert = storeAttachment(demo.aanbieder, SLUG, { name: "hkz.pdf", bytes: pdf("certificaat") }, db, OPEN);
    const general = storeAttachment(demo.aanbieder, SLUG, { name: "plan.pdf", bytes: pdf("plan") }, db, OPEN);
    if (!cert.ok || !general.ok) throw new Error("not stored");
    const content = { declarations: { wzd: true, hkz: true }, evidence: { hkz: [cert.attachment.sha256] }, plans: {}, attachments: [general.attachment.sha256] };
    const result = submit(demo.aanbieder, SLUG, content, "sleutel-ontvangst-0001", OPEN, db);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(verifyReceipt(db, result.receipt)).toEqual({ ok: true });

    tamper(cert.attachment.sha256, pdf("vervalst certificaat"));
    const verdict = verifyReceipt(db, result.receipt);
    expect(verdict).toEqual({ ok: false, problems: [`attachment ${cert.attachment.sha256} does not hash to its name`] });
  });
});
