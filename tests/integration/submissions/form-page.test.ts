// The provider's side of the inschrijving (issue 9): the form page's actions (drafts, submit,
// stale forms, attachments by purpose, removal), unchanged drafts that write nothing,
// confirming a submission unchanged after an amendment, and the cap on stored attachments.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { MAX_STORED_ATTACHMENTS, STORAGE_FULL_MESSAGE, storeAttachment } from "../../../app/services/submissions/attachments.server";
import { handleFormAction, loadFormPage, loadVersionContent, storeUpload, timeLeftDutch } from "../../../app/services/submissions/form-page.server";
import { verifyReceipt, sha256Hex } from "../../../app/services/submissions/receipt.server";
import { confirmUnchanged, readDraft, saveDraft, submissionStatusFor, submit } from "../../../app/services/submissions/submissions.server";
import { saveDraft as saveKaderDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, auditRows, DAY, loadKader, passwordHash, publishOrThrow, rowCounts, seedDemoOrganisations, windowFrom, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const LATE = new Date(CLOSES.getTime() + 1);
const SLUG = "vv-2027";

/** A fact whose yes needs a document, and a number. */
const FACTS = [
  { id: "hkz", label: "HKZ-certificaat", type: "boolean", source: "aanbieder", question: "Heeft u een HKZ-certificaat?", evidence: "required" },
  { id: "fte", label: "Formatie", type: "number", source: "aanbieder", question: "Hoeveel fte zet u in?" },
];

/** The same facts, one question worded more clearly: an amendment that changes nothing a submission answers. */
const REWORDED = FACTS.map((f) => (f.id === "fte" ? { ...f, question: "Hoeveel fte (voltijdbanen) zet u in?" } : f));

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let keys = 0;
const key = () => `formulier-sleutel-${String(++keys).padStart(8, "0")}`;

function pdf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`, "latin1"));
}

/** A posted form: field → value(s). */
function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) f.append(name, v);
  return f;
}

/** A complete form for the fixture kader (fact 0 = wzd, 1 = hkz, 2 = fte; module 0 = complexe-zorg, group 1 = parkinson). */
function fullForm(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    kaderVersion: "1",
    idempotencyKey: key(),
    "decl.0": "ja",
    "decl.1": "nee",
    "decl.2": "12,5",
    "module.0": "ja",
    "group.0.1": "ja",
    "plan.0.1.0": "Visie",
    "plan.0.1.1": "Aanpak",
    "plan.0.1.2": "Expertise en personeel",
    "plan.0.1.3": "Resultaten",
    "plan.0.1.capacity": "12",
    "plan.0.1.context": "Wat de doelgroep nodig heeft",
    "plan.0.1.expertise": "Wat wij bieden",
    ...extra,
  };
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW, draftWithFacts(FACTS));
});
afterEach(() => t.close());

const auditCount = () => auditRows(db).length;

describe("drafts", () => {
  it("writes nothing, not even an audit event, when the draft is saved unchanged", () => {
    const first = saveDraft(demo.aanbieder, SLUG, { declarations: { wzd: true } }, db, OPEN);
    expect(first).toMatchObject({ ok: true, changed: true });
    const before = { audit: auditCount(), row: db.$client.prepare("SELECT * FROM submission_drafts").get() };
    const again = saveDraft(demo.aanbieder, SLUG, { declarations: { wzd: true } }, db, new Date(OPEN.getTime() + 60_000));
    expect(again).toEqual({ ok: true, updatedAt: OPEN, changed: false });
    expect(auditCount()).toBe(before.audit);
    expect(db.$client.prepare("SELECT * FROM submission_drafts").get()).toEqual(before.row);
    // A change is saved, with its event.
    expect(saveDraft(demo.aanbieder, SLUG, { declarations: { wzd: false } }, db, new Date(OPEN.getTime() + 120_000))).toMatchObject({ ok: true, changed: true });
    expect(auditActions(db, "submission.draft_save")).toHaveLength(2);
  });

  it("keeps the input of a refused submit as the draft and reports every error at its field", () => {
    const posted = fullForm({ "decl.1": "ja", "plan.0.1.capacity": "veel", "plan.0.1.0": "" });
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...posted, intent: "submit" }), db, OPEN);
    expect(outcome).toMatchObject({ kind: "page", status: 400 });
    if (outcome.kind !== "page") return;
    expect(outcome.errors["evidence.1"]).toMatch(/bewijsstuk/);
    expect(outcome.errors["plan.0.1.capacity"]).toMatch(/aantal plaatsen/i);
    expect(outcome.errors["plan.0.1.0"]).toMatch(/Vul het antwoord/);
    expect(outcome.message).toMatch(/niet verstuurd/);
    expect(rowCounts(db).submissions).toBe(0);
    const draft = readDraft(demo.aanbieder, SLUG, db, OPEN);
    expect(draft.ok && JSON.stringify(draft.draft?.content)).toContain("Wat wij bieden");
    // The page shows the draft again after a lost session.
    const page = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(page.values["plan.0.1.context"]).toEqual(["Wat de doelgroep nodig heeft"]);
    expect(page.values["decl.2"]).toEqual(["12,5"]);
  });

  it("refuses a form rendered for an older kader version with 409, keeping the input as a draft", () => {
    const amended = draftWithFacts(REWORDED);
    saveKaderDraft(demo.inkoper, loadKader(db, SLUG), amended, db, OPEN);
    publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(NOW), noticeBody: "Een verduidelijking van de tekst." }, OPEN);
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm(), intent: "submit" }), db, OPEN);
    expect(outcome).toMatchObject({ kind: "page", status: 409 });
    expect(outcome.kind === "page" && outcome.errors._form).toMatch(/gewijzigd.*concept bewaard/);
    expect(rowCounts(db).submissions).toBe(0);
    const draft = readDraft(demo.aanbieder, SLUG, db, OPEN);
    expect(draft.ok && JSON.stringify(draft.draft?.content)).toContain("Wat wij bieden");
  });

  it("keeps nothing for a forged kader version number", () => {
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm({ kaderVersion: "99" }), intent: "save" }), db, OPEN);
    expect(outcome).toMatchObject({ kind: "page", status: 409 });
    expect(rowCounts(db).submission_drafts ?? 0).toBe(0);
  });
});

describe("submitting through the form", () => {
  it("submits, replays a double click with the same receipt, and replaces as a new version", () => {
    const fields = { ...fullForm(), intent: "submit" };
    const first = handleFormAction(demo.aanbieder, SLUG, form(fields), db, OPEN);
    expect(first).toEqual({ kind: "redirect", location: `/kaders/${SLUG}/inschrijving/ontvangstbewijs/1` });
    expect(handleFormAction(demo.aanbieder, SLUG, form(fields), db, OPEN)).toEqual(first);
    expect(rowCounts(db).submissions).toBe(1);
    const second = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm({ "plan.0.1.0": "Nieuwe visie" }), intent: "submit" }), db, OPEN);
    expect(second).toEqual({ kind: "redirect", location: `/kaders/${SLUG}/inschrijving/ontvangstbewijs/2` });
    const page = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(page.versions.map((v) => v.state)).toEqual(["current", "superseded"]);
    expect(loadVersionContent(demo.aanbieder, SLUG, "1", db, OPEN)?.plans[0]?.groups[0]?.answers[0]?.text).toBe("Visie");
  });

  it("ignores a forged provider id: the provider is always the user's own organisation", () => {
    const outcome = handleFormAction(demo.aanbieder2, SLUG, form({ ...fullForm({ providerId: String(demo.aanbieder.organisation!.id) }), intent: "submit" }), db, OPEN);
    expect(outcome.kind).toBe("redirect");
    const mine = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(mine.ok && mine.status.versions).toHaveLength(0);
    const theirs = submissionStatusFor(demo.aanbieder2, SLUG, db, OPEN);
    expect(theirs.ok && theirs.status.versions[0]?.receipt.provider.id).toBe(demo.aanbieder2.organisation!.id);
  });

  it("answers a provider outside the kader's regions, and staff, as if the kader did not exist", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    for (const actor of [other.provider, demo.inkoper] as SessionUser[]) {
      expect(handleFormAction(actor, SLUG, form({ ...fullForm(), intent: "submit" }), db, OPEN)).toEqual({ kind: "not_found" });
      expect(loadFormPage(actor, SLUG, db, OPEN)).toBeNull();
    }
    expect(rowCounts(db).submissions).toBe(0);
  });

  it("refuses a submit after the closing time with a Dutch message, and shows no form", () => {
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm(), intent: "submit" }), db, LATE);
    expect(outcome).toMatchObject({ kind: "page", status: 403 });
    expect(outcome.kind === "page" && outcome.errors._form).toMatch(/sluitingstijd is verstreken/);
    expect(rowCounts(db).submissions).toBe(0);
    expect(loadFormPage(demo.aanbieder, SLUG, db, LATE)?.open).toBe(false);
  });

  it("after the closing time the page carries no form (no questions, values or attachments), only the status and the versions", () => {
    expect(handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm(), intent: "submit" }), db, OPEN)).toMatchObject({ kind: "redirect" });
    const open = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(open.facts.length + open.modules.length).toBeGreaterThan(0);
    expect(Object.keys(open.values).length).toBeGreaterThan(0);
    const closed = loadFormPage(demo.aanbieder, SLUG, db, LATE)!;
    expect(closed).toMatchObject({ open: false, facts: [], modules: [], values: {}, attachments: {} });
    expect(closed.versions.map((v) => v.receipt.version)).toEqual(open.versions.map((v) => v.receipt.version));
    expect(closed.versions.length).toBe(1);
  });

  it("refuses oversized answers at their field, storing nothing", () => {
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm({ "plan.0.1.0": "x".repeat(20_001) }), intent: "submit" }), db, OPEN);
    expect(outcome.kind === "page" && outcome.errors["plan.0.1.0"]).toMatch(/te lang/);
    expect(rowCounts(db).submissions).toBe(0);
  });
});

describe("attachments through the form", () => {
  async function upload(fields: Record<string, string | string[]>, file: { name: string; bytes: Uint8Array } | null, at = OPEN, actor: SessionUser = demo.aanbieder) {
    const f = form(fields);
    if (file) f.append(fields.purpose ? `file.${fields.purpose as string}` : "file", new File([new Uint8Array(file.bytes)], file.name));
    return storeUpload(actor, SLUG, f, db, at);
  }

  it("adds an evidence document to the draft from the posted form, then a submit with it is received", async () => {
    const stored = await upload({ ...fullForm({ "decl.1": "ja" }), purpose: "evidence.1" }, { name: "C:\\Users\\anton\\hkz.pdf", bytes: pdf("certificaat") });
    expect(stored).toMatchObject({ kind: "stored", attachment: { name: "hkz.pdf" } });
    const page = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    const sha = sha256Hex(pdf("certificaat"));
    expect(page.values["evidence.1"]).toEqual([sha]);
    expect(page.values["plan.0.1.context"]).toEqual(["Wat de doelgroep nodig heeft"]);
    expect(page.attachments[sha]).toMatchObject({ name: "hkz.pdf" });
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm({ "decl.1": "ja", "evidence.1": sha }), intent: "submit" }), db, OPEN);
    expect(outcome.kind).toBe("redirect");
  });

  it("adds a bare upload (file and purpose only) to the stored draft", async () => {
    saveDraft(demo.aanbieder, SLUG, { declarations: { wzd: true } }, db, OPEN);
    const stored = await upload({ purpose: "algemeen" }, { name: "plan.pdf", bytes: pdf("plan") });
    expect(stored.kind).toBe("stored");
    const page = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(page.values.attachments).toEqual([sha256Hex(pdf("plan"))]);
    expect(page.values["decl.0"]).toEqual(["ja"]);
  });

  it("refuses a renamed executable, a zip and an empty file as PDF, storing nothing", async () => {
    const before = rowCounts(db).submission_attachments ?? 0;
    const exe = await upload({ purpose: "algemeen" }, { name: "plan.pdf", bytes: new Uint8Array(Buffer.from("MZ\x90\x00\x03 this program cannot be run in DOS mode", "latin1")) });
    const zip = await upload({ purpose: "algemeen" }, { name: "plan.pdf", bytes: new Uint8Array(Buffer.from("PK\x03\x04\x14\x00\x00\x00", "latin1")) });
    const none = await upload({ purpose: "algemeen" }, null);
    expect(exe).toMatchObject({ kind: "refused", code: "geen-pdf", status: 400 });
    expect(zip).toMatchObject({ kind: "refused", code: "geen-pdf" });
    expect(none).toMatchObject({ kind: "refused", code: "geen-bestand" });
    expect(exe.kind === "refused" && exe.message).toMatch(/Alleen PDF/);
    expect(exe.kind === "refused" && exe.location).toBe(`/kaders/${SLUG}/inschrijving?bijlagefout=geen-pdf&doel=algemeen#bijlagen`);
    expect(rowCounts(db).submission_attachments ?? 0).toBe(before);
  });

  it("refuses evidence for a fact that asks none, and a forged purpose", async () => {
    expect(await upload({ purpose: "evidence.0" }, { name: "x.pdf", bytes: pdf("x") })).toMatchObject({ kind: "refused", code: "doel" });
    expect(await upload({ purpose: "evidence.__proto__" }, { name: "x.pdf", bytes: pdf("x") })).toMatchObject({ kind: "refused", code: "doel" });
    expect(rowCounts(db).submission_attachments ?? 0).toBe(0);
  });

  it("refuses a file name with control characters; a path is reduced to the plain name", async () => {
    expect(await upload({ purpose: "algemeen" }, { name: "plan\u0007.pdf", bytes: pdf("a") })).toMatchObject({ kind: "refused", code: "naam" });
    const stored = await upload({ purpose: "algemeen" }, { name: "../../etc/passwd.pdf", bytes: pdf("b") });
    expect(stored).toMatchObject({ kind: "stored", attachment: { name: "passwd.pdf" } });
  });

  it("removes an attachment from the draft only: the stored file stays", async () => {
    await upload({ purpose: "algemeen" }, { name: "plan.pdf", bytes: pdf("plan") });
    const sha = sha256Hex(pdf("plan"));
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm({ attachments: sha }), intent: `remove-attachment:${sha}` }), db, OPEN);
    expect(outcome.kind).toBe("redirect");
    expect(loadFormPage(demo.aanbieder, SLUG, db, OPEN)!.values.attachments ?? []).toEqual([]);
    expect(rowCounts(db).submission_attachments).toBe(1);
  });

  it("refuses an upload from a form rendered before an amendment, keeping the input as a draft and storing no file", async () => {
    saveKaderDraft(demo.inkoper, loadKader(db, SLUG), draftWithFacts(FACTS.map((f) => ({ ...f, question: `${f.question ?? f.label} (verduidelijkt)` }))), db, OPEN);
    publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(NOW), noticeBody: "Verduidelijkt." }, OPEN);
    const outcome = await upload({ ...fullForm(), purpose: "algemeen" }, { name: "plan.pdf", bytes: pdf("verouderd") });
    expect(outcome).toMatchObject({ kind: "refused", status: 409, code: "verouderd" });
    expect(rowCounts(db).submission_attachments ?? 0).toBe(0);
    const draft = readDraft(demo.aanbieder, SLUG, db, OPEN);
    expect(draft.ok && JSON.stringify(draft.draft?.content)).toContain("Wat wij bieden");
  });

  it("refuses uploads after the closing time", async () => {
    expect(await upload({ purpose: "algemeen" }, { name: "plan.pdf", bytes: pdf("laat") }, LATE)).toMatchObject({ kind: "refused", code: "gesloten" });
  });
});

describe("the cap on stored attachments per provider and kader", () => {
  it(`refuses one file more than ${MAX_STORED_ATTACHMENTS} with a Dutch message, and stores nothing`, () => {
    for (let i = 0; i < MAX_STORED_ATTACHMENTS; i++) {
      expect(storeAttachment(demo.aanbieder, SLUG, { name: `b${i}.pdf`, bytes: pdf(`bestand ${i}`) }, db, OPEN).ok).toBe(true);
    }
    const events = auditCount();
    const refused = storeAttachment(demo.aanbieder, SLUG, { name: "teveel.pdf", bytes: pdf("teveel") }, db, OPEN);
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { file: STORAGE_FULL_MESSAGE } });
    expect(rowCounts(db).submission_attachments).toBe(MAX_STORED_ATTACHMENTS);
    expect(auditCount()).toBe(events);
    // The same bytes again are no new file: still fine. Another provider has its own allowance.
    expect(storeAttachment(demo.aanbieder, SLUG, { name: "b0.pdf", bytes: pdf("bestand 0") }, db, OPEN).ok).toBe(true);
    expect(storeAttachment(demo.aanbieder2, SLUG, { name: "x.pdf", bytes: pdf("teveel") }, db, OPEN).ok).toBe(true);
  });

  it("counts bytes too (300 MB)", () => {
    const big = new Uint8Array(10 * 1024 * 1024);
    big.set(pdf(""), 0);
    for (let i = 0; i < 30; i++) {
      big[big.length - 1] = i;
      big[big.length - 2] = 7;
      expect(storeAttachment(demo.aanbieder, SLUG, { name: `groot${i}.pdf`, bytes: big }, db, OPEN).ok).toBe(true);
    }
    big[big.length - 1] = 200;
    expect(storeAttachment(demo.aanbieder, SLUG, { name: "groot-teveel.pdf", bytes: big }, db, OPEN)).toMatchObject({ ok: false, errors: { file: STORAGE_FULL_MESSAGE } });
  });
});

describe("confirming unchanged after an amendment", () => {
  function amend(facts: Record<string, unknown>[] = REWORDED, at = OPEN) {
    saveKaderDraft(demo.inkoper, loadKader(db, SLUG), draftWithFacts(facts), db, at);
    publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(NOW), noticeBody: "Een verduidelijking." }, at);
  }
  function submitForm() {
    const outcome = handleFormAction(demo.aanbieder, SLUG, form({ ...fullForm(), intent: "submit" }), db, OPEN);
    expect(outcome.kind).toBe("redirect");
  }

  it("marks the submission te bevestigen, confirms it as a new version with its own receipt, idempotently", () => {
    submitForm();
    let status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(status.ok && status.status.needsConfirmation).toBe(false);
    amend();
    status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(status.ok && status.status.needsConfirmation).toBe(true);
    expect(loadFormPage(demo.aanbieder, SLUG, db, OPEN)?.answeredKaderVersion).toBe(1);

    const k = key();
    const confirmed = confirmUnchanged(demo.aanbieder, SLUG, k, OPEN, db);
    expect(confirmed).toMatchObject({ ok: true, replayed: false, receipt: { version: 2, kaderVersion: 2 } });
    if (!confirmed.ok) return;
    const original = status.ok ? status.status.versions[0]!.receipt : null;
    expect(confirmed.receipt.contentSha256).toBe(original?.contentSha256);
    expect(verifyReceipt(db, confirmed.receipt)).toEqual({ ok: true });
    const event = auditRows(db).find((r) => r.seq === confirmed.receipt.auditSeq)!;
    expect(JSON.parse(event.payload)).toMatchObject({ confirmsUnchanged: 1, supersedes: 1 });
    // A retry (double click) gets the same receipt and writes nothing.
    expect(confirmUnchanged(demo.aanbieder, SLUG, k, OPEN, db)).toEqual({ ok: true, receipt: confirmed.receipt, replayed: true });
    expect(rowCounts(db).submissions).toBe(2);
    status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(status.ok && status.status.needsConfirmation).toBe(false);
    // Nothing left to confirm.
    expect(confirmUnchanged(demo.aanbieder, SLUG, key(), OPEN, db)).toMatchObject({ ok: false, status: 400 });
    expect(rowCounts(db).submissions).toBe(2);
  });

  it("refuses with field errors when the content no longer fits the amended kader", () => {
    submitForm();
    amend([...REWORDED, { id: "bopz", label: "Bopz", type: "boolean", source: "aanbieder", question: "Heeft u een Bopz-locatie?" }]);
    const refused = handleFormAction(demo.aanbieder, SLUG, form({ intent: "confirm", idempotencyKey: key() }), db, OPEN);
    expect(refused).toMatchObject({ kind: "page", status: 400 });
    if (refused.kind !== "page") return;
    expect(refused.errors["decl.3"]).toBe("Kies ja of nee.");
    expect(refused.message).toMatch(/past niet ongewijzigd/);
    expect(rowCounts(db).submissions).toBe(1);
  });

  it("refuses with nothing to confirm, and after the closing time", () => {
    expect(confirmUnchanged(demo.aanbieder, SLUG, key(), OPEN, db)).toMatchObject({ ok: false });
    submitForm();
    amend();
    expect(confirmUnchanged(demo.aanbieder, SLUG, key(), LATE, db)).toMatchObject({ ok: false, status: 403 });
    expect(rowCounts(db).submissions).toBe(1);
  });

  it("a submit by another provider is not the provider's own to confirm", () => {
    submitForm();
    amend();
    expect(confirmUnchanged(demo.aanbieder2, SLUG, key(), OPEN, db)).toMatchObject({ ok: false });
    expect(submit(demo.aanbieder2, SLUG, {}, key(), OPEN, db).ok).toBe(false);
    expect(rowCounts(db).submissions).toBe(1);
  });
});

describe("the time left, in Dutch", () => {
  it("says days and hours, then hours and minutes, then minutes", () => {
    const HOUR = 60 * 60 * 1000;
    expect(timeLeftDutch(3 * DAY + 4 * HOUR + 59_000)).toBe("nog 3 dagen en 4 uur");
    expect(timeLeftDutch(1 * DAY)).toBe("nog 1 dag");
    expect(timeLeftDutch(2 * HOUR + 60_000)).toBe("nog 2 uur en 1 minuut");
    expect(timeLeftDutch(40 * 60_000)).toBe("nog 40 minuten");
    expect(timeLeftDutch(30_000)).toBe("nog minder dan een minuut");
    expect(timeLeftDutch(0)).toBe("gesloten");
  });
});
