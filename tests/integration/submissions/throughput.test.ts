// What the submit path's speed-ups must not change (issue 9, "Numbers"): the parsed kader is
// cached per published version, the provider context is computed once per request and the
// write transaction re-checks only the kader's current version; an upload's file and draft
// commit in one transaction; a late submit is refused without checking its content.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { providerContext, publishedVersion } from "../../../app/services/submissions/context.server";
import { handleFormAction, handleFormActionDurably, loadFormPage, storeUpload } from "../../../app/services/submissions/form-page.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import { saveDraft as saveKaderDraft } from "../../../app/services/kaders/store.server";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { auditRows, DAY, loadKader, publishOrThrow, rowCounts, seedDemoOrganisations, windowFrom, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const LATE = new Date(CLOSES.getTime() + 1);
const SLUG = "vv-snel";

const FACTS = [{ id: "fte", label: "Formatie", type: "number", source: "aanbieder", question: "Hoeveel fte zet u in?" }];
const AMENDED_QUESTION = "Hoeveel fte (voltijdbanen) zet u in?";
const AMENDED = FACTS.map((f) => ({ ...f, question: AMENDED_QUESTION }));

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let keys = 0;
const key = () => `snel-sleutel-${String(++keys).padStart(8, "0")}`;

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) f.append(name, v);
  return f;
}

/** A complete form for the fixture kader (fact 0 = wzd, 1 = fte; module 0, group 1). */
function fullForm(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "submit",
    kaderVersion: "1",
    idempotencyKey: key(),
    "decl.0": "ja",
    "decl.1": "12",
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

function amend(at = OPEN) {
  saveKaderDraft(demo.inkoper, loadKader(db, SLUG), draftWithFacts(AMENDED), db, at);
  publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(NOW), noticeBody: "Een verduidelijking." }, at);
}

const submissionsCount = () => rowCounts(db).submissions!;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW, draftWithFacts(FACTS));
});
afterEach(() => t.close());

describe("the cached kader", () => {
  it("sees an amendment at once: the page shows the new version, a form from before gets 409 and nothing is received", () => {
    // Warm the cache with version 1: the page, and a submit received against it.
    const before = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(before.kaderVersion).toBe(1);
    expect(before.facts.map((f) => f.question)).toContain("Hoeveel fte zet u in?");
    expect(handleFormAction(demo.aanbieder, SLUG, form(fullForm()), db, OPEN).kind).toBe("redirect");
    const received = submissionsCount();

    amend();

    const after = loadFormPage(demo.aanbieder, SLUG, db, OPEN)!;
    expect(after.kaderVersion).toBe(2);
    expect(after.facts.map((f) => f.question)).toContain(AMENDED_QUESTION);
    const stale = handleFormAction(demo.aanbieder, SLUG, form(fullForm()), db, OPEN);
    expect(stale).toMatchObject({ kind: "page", status: 409 });
    expect(submissionsCount()).toBe(received);
    // The same form rendered for version 2 is received, against version 2.
    expect(handleFormAction(demo.aanbieder, SLUG, form(fullForm({ kaderVersion: "2" })), db, OPEN).kind).toBe("redirect");
    expect(submissionsCount()).toBe(received + 1);
  });

  it("re-checks the version inside the transaction: a context read before an amendment gets 409, nothing written", () => {
    const ctx = providerContext(db, demo.aanbieder, SLUG)!;
    expect(ctx.version.number).toBe(1);
    amend();
    const events = auditRows(db).length;
    const content = { declarations: { wzd: true, fte: "12" }, evidence: {}, plans: {}, attachments: [] };
    const result = submit(demo.aanbieder, SLUG, content, key(), OPEN, db, ctx);
    expect(result).toMatchObject({ ok: false, status: 409, errors: { _form: "Het kader is zojuist gewijzigd. Controleer uw inschrijving en verstuur opnieuw." } });
    expect(submissionsCount()).toBe(0);
    expect(auditRows(db).length).toBe(events);
  });

  it("keeps one frozen version (window and document) per published version id, and a new version gets its own", () => {
    const v1 = providerContext(db, demo.aanbieder, SLUG)!.version;
    expect(publishedVersion(db, v1.id)).toBe(v1);
    expect(Object.isFrozen(v1.content)).toBe(true);
    expect(() => {
      (v1.content as { title: string }).title = "iets anders";
    }).toThrow(TypeError);
    amend();
    const v2 = providerContext(db, demo.aanbieder, SLUG)!.version;
    expect(v2.id).not.toBe(v1.id);
    expect(v2.content).not.toBe(v1.content);
    expect(JSON.stringify(v2.content)).toContain(AMENDED_QUESTION);
    expect(JSON.stringify(v1.content)).not.toContain(AMENDED_QUESTION);
  });
  it("does not keep a version read inside a transaction that is rolled back, whose id may then go to another version", () => {
    const copy = (title: string) =>
      db.$client
        .prepare(
          `INSERT INTO kader_versions (kader_id, number, content, content_hash, tariff_table_id, opens_at, closes_at, questions_until, notice_id, published_at, published_by)
           SELECT kader_id, 2, json_set(content, '$.title', ?), content_hash, tariff_table_id, opens_at, closes_at, questions_until, notice_id, published_at, published_by FROM kader_versions WHERE number = 1`,
        )
        .run(title).lastInsertRowid;
    let first: number | bigint = 0;
    expect(() =>
      db.transaction(() => {
        first = copy("Teruggedraaid");
        expect(publishedVersion(db, Number(first))!.content.title).toBe("Teruggedraaid");
        throw new Error("terugdraaien");
      }),
    ).toThrow("terugdraaien");
    const second = copy("Gepubliceerd");
    expect(Number(second)).toBe(Number(first));
    expect(publishedVersion(db, Number(second))!.content.title).toBe("Gepubliceerd");
  });
});

describe("the closing time, checked inside the transaction", () => {
  it("refuses a late submit from a context read before the closing time: 403, one refused_late event, nothing stored", () => {
    const ctx = providerContext(db, demo.aanbieder, SLUG)!;
    const events = auditRows(db).length;
    // Content that would not even validate: past the closing time it is not looked at.
    const result = submit(demo.aanbieder, SLUG, { plans: "onleesbaar" }, key(), LATE, db, ctx);
    expect(result).toMatchObject({ ok: false, status: 403, errors: { _form: "De sluitingstijd is verstreken; inschrijven kan niet meer." } });
    expect(submissionsCount()).toBe(0);
    const added = auditRows(db).slice(events);
    expect(added.map((e) => e.action)).toEqual(["submission.refused_late"]);
  });

  it("still answers a late retry of a received attempt with its receipt, and a late retry with other content with 409", () => {
    const fields = fullForm();
    const first = handleFormAction(demo.aanbieder, SLUG, form(fields), db, OPEN);
    expect(first.kind).toBe("redirect");
    expect(handleFormAction(demo.aanbieder, SLUG, form(fields), db, LATE)).toEqual(first);
    const other = handleFormAction(demo.aanbieder, SLUG, form({ ...fields, "plan.0.1.0": "Een andere visie" }), db, LATE);
    expect(other).toMatchObject({ kind: "page", status: 409 });
    expect(submissionsCount()).toBe(1);
  });
});

describe("an upload", () => {
  it("stores the file and the draft in one transaction: when the draft cannot be written, the file is not stored either", async () => {
    db.$client.exec("CREATE TEMP TRIGGER refuse_drafts BEFORE INSERT ON submission_drafts BEGIN SELECT RAISE(ABORT, 'drafts refused'); END;");
    const f = form({ ...fullForm(), purpose: "algemeen" });
    f.append("file.algemeen", new File([Buffer.from("%PDF-1.4\nplan\n%%EOF\n", "latin1")], "plan.pdf"));
    const events = auditRows(db).length;
    await expect(storeUpload(demo.aanbieder, SLUG, f, db, OPEN)).rejects.toThrow(/drafts refused/);
    expect(rowCounts(db).submission_attachments).toBe(0);
    expect(auditRows(db).length).toBe(events);
    db.$client.exec("DROP TRIGGER refuse_drafts");
    const stored = await storeUpload(demo.aanbieder, SLUG, f, db, OPEN);
    expect(stored.kind).toBe("stored");
    expect(auditRows(db).slice(events).map((e) => e.action)).toEqual(["submission.attachment_store", "submission.draft_save"]);
  });
});

describe("submits at the deadline, committed together (db/group-commit.server.ts)", () => {
  it("answers two providers and a double click of one turn from one commit: two receipts, no second submission, the chain intact", async () => {
    const events = auditRows(db).length;
    const lindeFields = fullForm();
    const baken = handleFormActionDurably(demo.aanbieder2, SLUG, form(fullForm()), db, OPEN);
    const linde = handleFormActionDurably(demo.aanbieder, SLUG, form(lindeFields), db, OPEN);
    const doubleClick = handleFormActionDurably(demo.aanbieder, SLUG, form(lindeFields), db, OPEN);
    // Nothing is answered, or written, before the turn ends.
    expect(submissionsCount()).toBe(0);
    const [a, b, c] = await Promise.all([baken, linde, doubleClick]);
    expect([a.kind, b.kind, c.kind]).toEqual(["redirect", "redirect", "redirect"]);
    // The double click gets the first click's receipt (the same version), not a second submission.
    expect(c).toEqual(b);
    expect(submissionsCount()).toBe(2);
    expect(auditRows(db).slice(events).map((e) => e.action)).toEqual(["submission.submit", "submission.submit"]);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("keeps a refused submit of the same turn from undoing the others: the late one is refused and audited, the one on time is received", async () => {
    const onTime = handleFormActionDurably(demo.aanbieder, SLUG, form(fullForm()), db, OPEN);
    const late = handleFormActionDurably(demo.aanbieder2, SLUG, form(fullForm()), db, LATE);
    const [ok, refused] = await Promise.all([onTime, late]);
    expect(ok.kind).toBe("redirect");
    expect(refused).toMatchObject({ kind: "page", status: 403 });
    expect(submissionsCount()).toBe(1);
    expect(auditRows(db).filter((e) => e.action === "submission.refused_late")).toHaveLength(1);
  });
});
