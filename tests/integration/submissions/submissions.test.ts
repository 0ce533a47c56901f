// Sealed submissions, data layer and services (issue 9, first slice): receipts that verify,
// idempotent retries, append-only versions enforced by the database, the window by the server
// clock, one access decision, and audit events without content.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { canReadSubmissionContent, type SubmissionAccessSubject } from "../../../app/services/submissions/access.server";
import { MAX_ATTACHMENT_BYTES, readAttachment, storeAttachment } from "../../../app/services/submissions/attachments.server";
import { verifyReceipt } from "../../../app/services/submissions/receipt.server";
import {
  countSubmissions,
  readDraft,
  readSubmission,
  saveDraft,
  submissionStatusFor,
  submit,
  withdraw,
} from "../../../app/services/submissions/submissions.server";
import { saveDraft as saveKaderDraft } from "../../../app/services/kaders/store.server";
import { verifyAuditChain } from "../../../db/audit.server";
import Database from "better-sqlite3";
import { openDatabase, type Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import {
  addSecondZorgkantoor,
  addUser,
  auditActions,
  auditRows,
  DAY,
  loadKader,
  passwordHash,
  prepareKader,
  publishOrThrow,
  rowCounts,
  seedDemoOrganisations,
  storeTable,
  windowFrom,
  type Demo,
} from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
/** The window opens a day after NOW and closes 30 days after NOW. */
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const LATE = new Date(CLOSES.getTime() + 1);
const SLUG = "vv-2027";
const CANARY = "KANARIE-7f3a9c-geheim-plan";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

/** The worked example with a facts section: four facts the provider declares, one the zorgkantoor establishes. */
/** Every kind of fact the provider declares. */
const DECLARED_FACTS = [
  { id: "fte", label: "Formatie", type: "number", source: "aanbieder", question: "Hoeveel fte zet u in?" },
  { id: "keurmerk", label: "Keurmerk", type: "choice", options: ["geen", "HKZ", "ISO"], source: "aanbieder" },
  { id: "toelichting", label: "Toelichting", type: "text", source: "aanbieder" },
];

function validContent(marker = "eerste versie"): Record<string, unknown> {
  const answers = { visie: `Onze visie (${marker})`, aanpak: `Aanpak ${CANARY}`, expertise: "Specialisten", resultaat: "Meetbare doelen" };
  return {
    declarations: { wzd: true, fte: "12,5", keurmerk: "HKZ", toelichting: "Zie plan" },
    plans: {
      "complexe-zorg": {
        targetGroups: {
          parkinson: { answers, capacity: 12, context: "Wat de doelgroep nodig heeft", expertise: `Wat wij bieden ${CANARY}` },
        },
      },
    },
  };
}

let keyCounter = 0;
function key(): string {
  return `sleutel-${String(++keyCounter).padStart(12, "0")}`;
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW, draftWithFacts(DECLARED_FACTS));
});

afterEach(() => t.close());

function submitOk(actor: SessionUser, content: unknown, k = key(), at = OPEN) {
  const result = submit(actor, SLUG, content, k, at, db);
  if (!result.ok) throw new Error(`submit refused: ${JSON.stringify(result.errors)}`);
  return result;
}

function submissionCount(): number {
  return rowCounts(db).submissions!;
}

describe("submitting", () => {
  it("gives a receipt within the window that verifies against the stored content and the audit event", () => {
    const { receipt, replayed } = submitOk(demo.aanbieder, validContent());
    expect(replayed).toBe(false);
    expect(receipt).toMatchObject({
      kader: SLUG,
      kaderVersion: 1,
      kind: "submission",
      version: 1,
      provider: { id: demo.aanbieder.organisation!.id, name: "Zorggroep De Linde", agb: "73730001" },
      receivedAtUtc: OPEN.toISOString(),
    });
    expect(receipt.receivedAtAmsterdam).toBe("03-09-2026 12:00:00,000 (UTC+02:00)");
    expect(receipt.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRows(db).find((r) => r.seq === receipt.auditSeq)?.action).toBe("submission.submit");
    expect(verifyReceipt(db, receipt)).toEqual({ ok: true });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("rejects a receipt whose hash, time or audit sequence was altered", () => {
    const { receipt } = submitOk(demo.aanbieder, validContent());
    expect(verifyReceipt(db, { ...receipt, contentSha256: "0".repeat(64) }).ok).toBe(false);
    expect(verifyReceipt(db, { ...receipt, receivedAtUtc: new Date(OPEN.getTime() - 1).toISOString() }).ok).toBe(false);
    expect(verifyReceipt(db, { ...receipt, auditSeq: receipt.auditSeq - 1 }).ok).toBe(false);
  });

  it("stores the declarations as typed by the kader (a Dutch decimal becomes a number string)", () => {
    const { receipt } = submitOk(demo.aanbieder, validContent());
    const read = readSubmission(demo.aanbieder, SLUG, receipt.provider.id, 1, db, OPEN);
    expect(read.ok && read.content?.declarations).toEqual({ wzd: true, fte: "12.5", keurmerk: "HKZ", toelichting: "Zie plan" });
  });

  it("answers the same idempotency key with the same receipt and one row, also after a late retry", () => {
    const k = key();
    const first = submitOk(demo.aanbieder, validContent(), k);
    const again = submitOk(demo.aanbieder, validContent(), k, new Date(OPEN.getTime() + 5_000));
    const late = submitOk(demo.aanbieder, validContent(), k, LATE);
    expect(again.replayed).toBe(true);
    expect(late.replayed).toBe(true);
    expect(again.receipt).toEqual(first.receipt);
    expect(late.receipt).toEqual(first.receipt);
    expect(submissionCount()).toBe(1);
    expect(auditActions(db, "submission.submit")).toHaveLength(1);
  });

  it("refuses the same key with other content, storing nothing", () => {
    const k = key();
    submitOk(demo.aanbieder, validContent(), k);
    const result = submit(demo.aanbieder, SLUG, validContent("andere inhoud"), k, OPEN, db);
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(submissionCount()).toBe(1);
    // A withdrawal under a submission's key is another attempt too.
    expect(withdraw(demo.aanbieder, SLUG, k, OPEN, db)).toMatchObject({ ok: false, status: 409 });
    expect(submissionCount()).toBe(1);
  });

  it("answers a retry whose content no longer validates with the receipt of the attempt it repeats", () => {
    const k = key();
    const first = submitOk(demo.aanbieder, validContent(), k);
    const retry = submit(demo.aanbieder, SLUG, { declarations: {} }, k, LATE, db);
    expect(retry).toEqual({ ok: true, receipt: first.receipt, replayed: true });
    expect(submissionCount()).toBe(1);
  });

  it("keeps a replaced version unchanged and readable to its owner", () => {
    const first = submitOk(demo.aanbieder, validContent("eerste versie"));
    const storedBefore = db.$client.prepare("SELECT * FROM submissions WHERE version = 1").get();
    const second = submitOk(demo.aanbieder, validContent("tweede versie"), key(), new Date(OPEN.getTime() + DAY));
    expect(second.receipt.version).toBe(2);
    expect(second.receipt.contentSha256).not.toBe(first.receipt.contentSha256);
    expect(db.$client.prepare("SELECT * FROM submissions WHERE version = 1").get()).toEqual(storedBefore);

    const status = submissionStatusFor(demo.aanbieder, SLUG, db, new Date(OPEN.getTime() + DAY));
    expect(status.ok && status.status.versions.map((v) => [v.receipt.version, v.state])).toEqual([
      [2, "current"],
      [1, "superseded"],
    ]);
    expect(status.ok && status.status.state).toBe("submitted");
    const old = readSubmission(demo.aanbieder, SLUG, first.receipt.provider.id, 1, db, LATE);
    expect(old.ok && JSON.stringify(old.content)).toContain("eerste versie");
    expect(verifyReceipt(db, first.receipt)).toEqual({ ok: true });
    expect(verifyReceipt(db, second.receipt)).toEqual({ ok: true });
  });

  it("withdraws as a new version before the closing time, and refuses a late withdrawal", () => {
    submitOk(demo.aanbieder, validContent());
    const w = withdraw(demo.aanbieder, SLUG, key(), new Date(OPEN.getTime() + DAY), db);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(w.receipt).toMatchObject({ kind: "withdrawal", version: 2, contentSha256: null });
    expect(verifyReceipt(db, w.receipt)).toEqual({ ok: true });
    const status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(status.ok && status.status.state).toBe("withdrawn");
    expect(status.ok && status.status.versions.map((v) => v.state)).toEqual(["withdrawn", "superseded"]);
    expect(countSubmissions(demo.inkoper, SLUG, db)).toEqual({ ok: true, count: 0 });
    // Nothing left to withdraw.
    expect(withdraw(demo.aanbieder, SLUG, key(), OPEN, db)).toMatchObject({ ok: false, status: 409 });

    submitOk(demo.aanbieder, validContent("opnieuw"));
    const late = withdraw(demo.aanbieder, SLUG, key(), LATE, db);
    expect(late).toMatchObject({ ok: false, status: 403 });
    expect(submissionCount()).toBe(3);
  });

  it("refuses a late submit with a Dutch message and one audit event, and its retry stays refused", () => {
    const k = key();
    const late = submit(demo.aanbieder, SLUG, validContent(), k, CLOSES, db);
    expect(late).toMatchObject({ ok: false, status: 403 });
    expect(!late.ok && late.errors._form).toMatch(/sluitingstijd is verstreken/);
    expect(auditActions(db, "submission.refused_late")).toHaveLength(1);
    const retry = submit(demo.aanbieder, SLUG, validContent(), k, new Date(CLOSES.getTime() + 60_000), db);
    expect(retry).toMatchObject({ ok: false, status: 403 });
    expect(auditActions(db, "submission.refused_late")).toHaveLength(2);
    expect(submissionCount()).toBe(0);
    // The refusal concerns the provider and the zorgkantoor, and holds no content.
    const event = auditActions(db, "submission.refused_late")[0]!;
    expect(event.payload).not.toContain(CANARY);
  });

  it("refuses a submit before the kader opens", () => {
    const result = submit(demo.aanbieder, SLUG, validContent(), key(), NOW, db);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(submissionCount()).toBe(0);
  });
});

describe("an amended kader", () => {
  it("checks a submission against the current version and keeps the receipts of the earlier one", () => {
    const first = submitOk(demo.aanbieder, validContent());
    const amended = draftWithFacts(DECLARED_FACTS);
    (amended.facts as unknown[]).push({ id: "bopz", label: "Bopz-locatie", type: "boolean", source: "aanbieder" });
    saveKaderDraft(demo.inkoper, loadKader(db, SLUG), amended, db, OPEN);
    const later = new Date(CLOSES.getTime() + 10 * DAY);
    publishOrThrow(db, demo.inkoper, SLUG, { ...windowFrom(NOW), closesAt: later, noticeBody: "Een verklaring over Bopz-locaties komt erbij; de sluitingstijd schuift op." }, OPEN);

    // The old content lacks the new declaration.
    const old = submit(demo.aanbieder, SLUG, validContent(), key(), OPEN, db);
    expect(!old.ok && old.errors["declarations.bopz"]).toBe("Kies ja of nee.");
    // The window follows the current version: after the old closing time, before the new one.
    const content = validContent() as { declarations: Record<string, unknown> };
    content.declarations.bopz = false;
    const second = submitOk(demo.aanbieder, content, key(), new Date(CLOSES.getTime() + DAY));
    expect(second.receipt).toMatchObject({ kaderVersion: 2, version: 2 });
    expect(verifyReceipt(db, first.receipt)).toEqual({ ok: true });
    expect(first.receipt.kaderVersion).toBe(1);
    const status = submissionStatusFor(demo.aanbieder, SLUG, db, OPEN);
    expect(status.ok && status.status.currentKaderVersion).toBe(2);
  });
});

describe("who may submit", () => {
  it("refuses a provider outside the kader's regions, with one audit event", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const before = auditRows(db).length;
    const result = submit(other.provider, SLUG, validContent(), key(), OPEN, db);
    expect(result).toMatchObject({ ok: false, status: 404 });
    expect(submissionCount()).toBe(0);
    expect(auditRows(db).length).toBe(before + 1);
    expect(auditActions(db, "submission.refused").at(-1)?.payload).toContain("not_visible");
  });

  it("refuses a provider whose region the kader does not buy for", async () => {
    const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW, 2027);
    prepareKader(db, demo.inkoper, { slug: "alleen-noord", now: NOW, regionIds: [demo.regionIds["DEMO-N"]], tableId, draft: { ...draftWithFacts(DECLARED_FACTS), id: "alleen-noord" } });
    publishOrThrow(db, demo.inkoper, "alleen-noord", windowFrom(NOW), NOW);
    // aanbieder2 works in DEMO-M only.
    expect(submit(demo.aanbieder2, "alleen-noord", validContent(), key(), OPEN, db)).toMatchObject({ ok: false, status: 404 });
    expect(submit(demo.aanbieder, "alleen-noord", validContent(), key(), OPEN, db).ok).toBe(true);
  });

  it("refuses staff and administrators, and a kader that does not exist", () => {
    for (const actor of [demo.inkoper, demo.beoordelaar, demo.beheerder]) {
      expect(submit(actor, SLUG, validContent(), key(), OPEN, db)).toMatchObject({ ok: false, status: 404 });
    }
    expect(submit(demo.aanbieder, "bestaat-niet", validContent(), key(), OPEN, db)).toMatchObject({ ok: false, status: 404 });
    expect(submissionCount()).toBe(0);
  });

  it("takes the provider from the actor: a forged provider or kader id in the content is refused and cannot redirect the submission", () => {
    const forged = { ...validContent(), providerId: demo.aanbieder2.organisation!.id, kaderId: 999 };
    const result = submit(demo.aanbieder, SLUG, forged, key(), OPEN, db);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.errors.providerId).toBe("Onbekend veld.");
    expect(!result.ok && result.errors.kaderId).toBe("Onbekend veld.");
    expect(submissionCount()).toBe(0);

    const own = submitOk(demo.aanbieder2, validContent());
    expect(own.receipt.provider.id).toBe(demo.aanbieder2.organisation!.id);
    // Another provider cannot read it by naming its id.
    expect(readSubmission(demo.aanbieder, SLUG, demo.aanbieder2.organisation!.id, 1, db, OPEN)).toMatchObject({ ok: false, status: 404 });
    // Each provider's versions are its own: aanbieder's first submission is its version 1.
    expect(submitOk(demo.aanbieder, validContent()).receipt.version).toBe(1);
  });
});

describe("the database keeps submissions append-only", () => {
  it("refuses UPDATE, DELETE, REPLACE and an upsert for any connection", () => {
    const { receipt } = submitOk(demo.aanbieder, validContent());
    const before = db.$client.prepare("SELECT * FROM submissions").all();
    const attempts = [
      "UPDATE submissions SET content = '{}'",
      "UPDATE submissions SET received_at = 0",
      "DELETE FROM submissions",
      "REPLACE INTO submissions SELECT * FROM submissions",
      "INSERT OR REPLACE INTO submissions SELECT * FROM submissions",
      "INSERT INTO submissions SELECT * FROM submissions WHERE true ON CONFLICT DO UPDATE SET content = '{}'",
      // A new id over an existing (kader, provider, version).
      "INSERT INTO submissions (kader_id, kader_version_id, provider_id, version, kind, received_at, submitted_by, content, content_sha256, idempotency_key, audit_seq) SELECT kader_id, kader_version_id, provider_id, version, kind, received_at, submitted_by, '{}', content_sha256, 'andere-sleutel-123456', audit_seq FROM submissions",
    ];
    for (const sql of attempts) expect(() => db.$client.exec(sql), sql).toThrow(/append-only/);
    // recursive_triggers makes REPLACE fire DELETE triggers; refused either way.
    db.$client.pragma("recursive_triggers = ON");
    expect(() => db.$client.exec("REPLACE INTO submissions SELECT * FROM submissions")).toThrow(/append-only/);
    expect(db.$client.prepare("SELECT * FROM submissions").all()).toEqual(before);
    expect(verifyReceipt(db, receipt)).toEqual({ ok: true });
  });

  it("refuses them on a separate, plain connection too, and a second server process replays the same receipt", () => {
    const k = key();
    const { receipt } = submitOk(demo.aanbieder, validContent(), k);
    const raw = new Database(t.file);
    try {
      for (const sql of ["UPDATE submissions SET content = '{}'", "DELETE FROM submissions", "REPLACE INTO submissions SELECT * FROM submissions"]) {
        expect(() => raw.exec(sql), sql).toThrow(/append-only/);
      }
    } finally {
      raw.close();
    }
    const second = openDatabase(t.file);
    try {
      expect(submit(demo.aanbieder, SLUG, validContent(), k, OPEN, second)).toEqual({ ok: true, receipt, replayed: true });
    } finally {
      second.$client.close();
    }
    expect(submissionCount()).toBe(1);
  });

  it("refuses a submission row without content and a withdrawal with content", () => {
    submitOk(demo.aanbieder, validContent());
    expect(() =>
      db.$client.exec(
        "INSERT INTO submissions (kader_id, kader_version_id, provider_id, version, kind, received_at, submitted_by, content, content_sha256, idempotency_key, audit_seq) SELECT kader_id, kader_version_id, provider_id, 9, 'withdrawal', received_at, submitted_by, content, content_sha256, 'nog-een-sleutel-1234', audit_seq FROM submissions",
      ),
    ).toThrow(/content must match kind/);
  });
});

describe("sealed content", () => {
  it("writes audit events that hold hashes and counts, never the content", () => {
    saveDraft(demo.aanbieder, SLUG, validContent(), db, OPEN);
    submitOk(demo.aanbieder, validContent());
    submitOk(demo.aanbieder, validContent("vervanging"));
    withdraw(demo.aanbieder, SLUG, key(), OPEN, db);
    submit(demo.aanbieder, SLUG, validContent(), key(), LATE, db);
    const events = auditRows(db).filter((r) => r.action.startsWith("submission."));
    expect(events.map((e) => e.action)).toEqual(["submission.draft_save", "submission.submit", "submission.submit", "submission.withdraw", "submission.refused_late"]);
    const all = db.$client.prepare("SELECT * FROM audit_events").all();
    expect(JSON.stringify(all)).not.toContain(CANARY);
    expect(JSON.stringify(all)).not.toContain("Wat de doelgroep nodig heeft");
    const submitEvent = JSON.parse(events[1]!.payload) as Record<string, unknown>;
    expect(submitEvent).toMatchObject({ declarations: 4, modules: 1, targetGroups: 1, version: 1 });
    // Sealed: the events concern the provider only, so the zorgkantoor's staff do not learn who submitted.
    const orgs = db.$client.prepare("SELECT DISTINCT organisation_ids AS o FROM audit_events WHERE action LIKE 'submission.%'").all() as { o: string }[];
    expect(orgs.map((o) => o.o)).toEqual([JSON.stringify([demo.aanbieder.organisation!.id])]);
  });

  it("lets no officer or administrator read content before the closing time; the inkoper sees only a count", () => {
    const { receipt } = submitOk(demo.aanbieder, validContent());
    saveDraft(demo.aanbieder, SLUG, validContent(), db, OPEN);
    submitOk(demo.aanbieder2, { ...validContent(), plans: {} });
    const jurist = addUser(db, "jurist2@demo.zorginkoop.nl", ["jurist"], demo.zorgkantoorId, "x", NOW);
    const beforeClose = new Date(CLOSES.getTime() - 1);
    for (const officer of [demo.inkoper, demo.beoordelaar, jurist, demo.beheerder, demo.aanbieder2]) {
      expect(readSubmission(officer, SLUG, receipt.provider.id, 1, db, beforeClose), officer.email).toMatchObject({ ok: false, status: 404 });
      // After the closing time too, while no opening exists.
      expect(readSubmission(officer, SLUG, receipt.provider.id, 1, db, LATE), officer.email).toMatchObject({ ok: false, status: 404 });
      // Drafts are read per actor's own provider: nobody else reaches aanbieder's.
      expect(JSON.stringify(readDraft(officer, SLUG, db, beforeClose)), officer.email).not.toContain(CANARY);
    }
    expect(countSubmissions(demo.inkoper, SLUG, db)).toEqual({ ok: true, count: 2 });
    expect(countSubmissions(demo.beoordelaar, SLUG, db)).toEqual({ ok: true, count: 2 });
    expect(countSubmissions(demo.aanbieder, SLUG, db).ok).toBe(false);
    expect(countSubmissions(demo.beheerder, SLUG, db).ok).toBe(false);
    expect(JSON.stringify(readSubmission(demo.aanbieder, SLUG, receipt.provider.id, 1, db, beforeClose))).toContain(CANARY);
    expect(JSON.stringify(readDraft(demo.aanbieder, SLUG, db, beforeClose))).toContain(CANARY);
  });

  it("decides access in one function: the owner always, staff only after the closing time and a completed opening", () => {
    const subject: SubmissionAccessSubject = { providerId: demo.aanbieder.organisation!.id, zorgkantoorId: demo.zorgkantoorId, closesAt: CLOSES, opening: null };
    const opened = { ...subject, opening: { completedAt: new Date(CLOSES.getTime() + DAY) } };
    const afterOpening = new Date(CLOSES.getTime() + 2 * DAY);
    expect(canReadSubmissionContent(demo.aanbieder, subject, OPEN)).toBe(true);
    expect(canReadSubmissionContent(demo.aanbieder2, opened, afterOpening)).toBe(false);
    for (const staff of [demo.inkoper, demo.beoordelaar]) {
      expect(canReadSubmissionContent(staff, subject, OPEN)).toBe(false);
      expect(canReadSubmissionContent(staff, subject, afterOpening)).toBe(false);
      // An opening recorded before the deadline (impossible, but) opens nothing before it.
      expect(canReadSubmissionContent(staff, { ...subject, opening: { completedAt: OPEN } }, OPEN)).toBe(false);
      expect(canReadSubmissionContent(staff, opened, afterOpening)).toBe(true);
    }
    expect(canReadSubmissionContent(demo.beheerder, opened, afterOpening)).toBe(false);
    expect(canReadSubmissionContent(demo.inkoper, { ...opened, zorgkantoorId: demo.zorgkantoorId + 1000 }, afterOpening)).toBe(false);
  });
});

describe("content validation and drafts", () => {
  it("reports Dutch errors per field path and stores nothing", () => {
    const content = validContent() as { declarations: Record<string, unknown>; plans: Record<string, any> };
    content.declarations = { wzd: "misschien", fte: "veel", keurmerk: "NEN", onbekend: 1 };
    const group = content.plans["complexe-zorg"].targetGroups.parkinson;
    group.capacity = 2.5;
    group.answers.visie = "   ";
    group.answers.aanpak = "x".repeat(20_001);
    content.plans["geen-module"] = { answers: {} };
    const auditBefore = auditRows(db).length;
    const result = submit(demo.aanbieder, SLUG, JSON.parse(JSON.stringify(content).replace('"parkinson":', '"__proto__":{"capacity":1},"parkinson":')), key(), OPEN, db);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect({ ...result.errors }).toMatchObject({
      "declarations.wzd": "Kies ja of nee.",
      "declarations.fte": "Vul een getal in.",
      "declarations.keurmerk": "Kies een van: geen, HKZ, ISO.",
      "declarations.toelichting": "Beantwoord deze vraag.",
      "declarations.onbekend": "Onbekende verklaring voor dit kader.",
      "plans.complexe-zorg.targetGroups.parkinson.capacity": "Het aantal plaatsen is een geheel getal.",
      "plans.complexe-zorg.targetGroups.parkinson.answers.visie": 'Vul het antwoord op "Visie en doelgroepanalyse" in.',
      "plans.complexe-zorg.targetGroups.parkinson.answers.aanpak": 'Het antwoord op "Plan van aanpak" is te lang (hoogstens 20.000 tekens).',
      "plans.geen-module": "Onbekende module voor dit kader.",
      // A hostile key is just an unknown target group, never a prototype.
      "plans.complexe-zorg.targetGroups.__proto__": "Onbekende doelgroep voor deze module.",
    });
    expect(submissionCount()).toBe(0);
    expect(auditRows(db).length).toBe(auditBefore);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).capacity).toBeUndefined();
  });

  it("refuses a module with target groups but none chosen", () => {
    const result = submit(demo.aanbieder, SLUG, { ...validContent(), plans: { "complexe-zorg": { targetGroups: {} } } }, key(), OPEN, db);
    expect(!result.ok && result.errors["plans.complexe-zorg.targetGroups"]).toBe("Kies minstens één doelgroep voor deze module.");
  });

  it("accepts taking part in no module", () => {
    const result = submitOk(demo.aanbieder, { ...validContent(), plans: {} });
    expect(result.receipt.version).toBe(1);
  });

  it("saves an incomplete draft for the owner only and refuses after the closing time", () => {
    const partial = { declarations: { wzd: "nog niet ingevuld" } };
    expect(saveDraft(demo.aanbieder, SLUG, partial, db, NOW).ok).toBe(true);
    expect(saveDraft(demo.aanbieder, SLUG, { ...partial, plans: {} }, db, OPEN).ok).toBe(true);
    const read = readDraft(demo.aanbieder, SLUG, db, OPEN);
    expect(read.ok && read.draft?.content).toEqual({ ...partial, plans: {} });
    expect(readDraft(demo.aanbieder2, SLUG, db, OPEN)).toEqual({ ok: true, draft: null });
    expect(saveDraft(demo.aanbieder, SLUG, partial, db, CLOSES)).toMatchObject({ ok: false, status: 403 });
    expect(saveDraft(demo.inkoper, SLUG, partial, db, OPEN)).toMatchObject({ ok: false, status: 404 });
    expect(auditActions(db, "submission.draft_save")).toHaveLength(2);
  });
});

describe("attachments", () => {
  const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);

  it("stores a PDF by its hash, refers to it from a submission, and verifies it with the receipt", () => {
    const stored = storeAttachment(demo.aanbieder, SLUG, { name: "C:\\Users\\jan\\plan.pdf", bytes: pdf(CANARY) }, db, OPEN);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.attachment.name).toBe("plan.pdf");
    // The same bytes again: the same reference, nothing written.
    const auditBefore = auditRows(db).length;
    expect(storeAttachment(demo.aanbieder, SLUG, { name: "ander.pdf", bytes: pdf(CANARY) }, db, OPEN)).toEqual(stored);
    expect(auditRows(db).length).toBe(auditBefore);

    const { receipt } = submitOk(demo.aanbieder, { ...validContent(), attachments: [stored.attachment.sha256] });
    expect(verifyReceipt(db, receipt)).toEqual({ ok: true });
    const event = JSON.parse(auditRows(db).find((r) => r.seq === receipt.auditSeq)!.payload) as Record<string, unknown>;
    expect(event).toMatchObject({ attachments: 1, attachmentBytes: stored.attachment.size });
    expect(JSON.stringify(db.$client.prepare("SELECT * FROM audit_events").all())).not.toContain(CANARY);
    expect(JSON.stringify(db.$client.prepare("SELECT * FROM audit_events").all())).not.toContain("plan.pdf");

    // Only the owner reads the bytes, before and after the closing time (no opening yet).
    const own = readAttachment(demo.aanbieder, SLUG, receipt.provider.id, stored.attachment.sha256, db, OPEN);
    expect(own.ok && Buffer.from(own.bytes).toString()).toContain(CANARY);
    for (const other of [demo.inkoper, demo.beoordelaar, demo.beheerder, demo.aanbieder2]) {
      for (const at of [OPEN, LATE]) expect(readAttachment(other, SLUG, receipt.provider.id, stored.attachment.sha256, db, at)).toMatchObject({ ok: false, status: 404 });
    }
    // And the database keeps it unchanged.
    expect(() => db.$client.exec("UPDATE submission_attachments SET bytes = x'00'")).toThrow(/append-only/);
    expect(() => db.$client.exec("DELETE FROM submission_attachments")).toThrow(/append-only/);
    expect(() => db.$client.exec("REPLACE INTO submission_attachments SELECT * FROM submission_attachments")).toThrow(/append-only/);
  });

  it("refuses a renamed executable, an empty or oversized file and a bad name, storing nothing", () => {
    const before = rowCounts(db);
    const cases: [string, Uint8Array, RegExp][] = [
      ["plan.pdf", new TextEncoder().encode("MZ\x90\x00 dit is een programma"), /Alleen PDF/],
      ["leeg.pdf", new Uint8Array(0), /leeg/],
      ["groot.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(MAX_ATTACHMENT_BYTES)]), /te groot/],
      ["plan\u0000.pdf", pdf("x"), /bestandsnaam/],
    ];
    for (const [name, bytes, message] of cases) {
      const result = storeAttachment(demo.aanbieder, SLUG, { name, bytes }, db, OPEN);
      expect(result.ok, name).toBe(false);
      expect(!result.ok && result.errors.file, name).toMatch(message);
    }
    expect(storeAttachment(demo.aanbieder, SLUG, { name: "plan.pdf", bytes: pdf("x") }, db, CLOSES)).toMatchObject({ ok: false, status: 403 });
    expect(storeAttachment(demo.inkoper, SLUG, { name: "plan.pdf", bytes: pdf("x") }, db, OPEN)).toMatchObject({ ok: false, status: 404 });
    expect(rowCounts(db)).toEqual(before);
  });

  it("refuses a reference to another provider's attachment, an unknown hash and more than 20", () => {
    const theirs = storeAttachment(demo.aanbieder2, SLUG, { name: "plan.pdf", bytes: pdf("van een ander") }, db, OPEN);
    expect(theirs.ok).toBe(true);
    if (!theirs.ok) return;
    const result = submit(demo.aanbieder, SLUG, { ...validContent(), attachments: [theirs.attachment.sha256, "f".repeat(64), "geen-hash"] }, key(), OPEN, db);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.errors["attachments.2"]).toBe("Onbekende bijlage; upload het bestand opnieuw.");
    const refs = submit(demo.aanbieder, SLUG, { ...validContent(), attachments: [theirs.attachment.sha256, "f".repeat(64)] }, key(), OPEN, db);
    expect(!refs.ok && { ...refs.errors }).toEqual({ "attachments.0": "Onbekende bijlage; upload het bestand opnieuw.", "attachments.1": "Onbekende bijlage; upload het bestand opnieuw." });
    const many = submit(demo.aanbieder, SLUG, { ...validContent(), attachments: Array.from({ length: 21 }, (_, i) => i.toString(16).padStart(64, "0")) }, key(), OPEN, db);
    expect(!many.ok && many.errors.attachments).toBe("Hoogstens 20 bijlagen per inschrijving (bewijsstukken meegeteld).");
    expect(submissionCount()).toBe(0);
  });
});

describe("evidence for declarations", () => {
  const EVIDENCE_SLUG = "vv-2027-bewijs";
  const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);
  const evidenceFacts = [
    { id: "hkz", label: "HKZ-certificaat", type: "boolean", source: "aanbieder", evidence: "required" },
    { id: "fte", label: "Formatie", type: "number", source: "aanbieder", evidence: "optional" },
  ];
  const submitTo = (content: Record<string, unknown>) => submit(demo.aanbieder, EVIDENCE_SLUG, content, key(), OPEN, db);
  const base = (declarations: Record<string, unknown>, evidence?: Record<string, unknown>) => ({ declarations: { wzd: true, ...declarations }, ...(evidence ? { evidence } : {}), plans: {} });

  beforeEach(() => publishSubmissionKader(db, demo, EVIDENCE_SLUG, NOW, draftWithFacts(evidenceFacts)));

  it("requires a document for a yes on a fact with required evidence, not for a no", () => {
    const missing = submitTo(base({ hkz: true, fte: "3" }));
    expect(!missing.ok && { ...missing.errors }).toEqual({ "evidence.hkz": "Voeg een bewijsstuk (PDF) toe dat deze verklaring onderbouwt." });
    expect(submitTo(base({ hkz: false, fte: "3" })).ok).toBe(true);
  });

  it("accepts stored documents as evidence, counts them in the receipt's event and covers them by the content hash", () => {
    const cert = storeAttachment(demo.aanbieder, EVIDENCE_SLUG, { name: "hkz.pdf", bytes: pdf("certificaat") }, db, OPEN);
    if (!cert.ok) throw new Error("not stored");
    const result = submitTo(base({ hkz: true, fte: "3" }, { hkz: [cert.attachment.sha256] }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const event = JSON.parse(auditRows(db).find((r) => r.seq === result.receipt.auditSeq)!.payload) as Record<string, unknown>;
    expect(event).toMatchObject({ attachments: 1, attachmentBytes: cert.attachment.size });
    const read = readSubmission(demo.aanbieder, EVIDENCE_SLUG, result.receipt.provider.id, 1, db, OPEN);
    expect(read.ok && read.content?.evidence).toEqual({ hkz: [cert.attachment.sha256] });
  });

  it("refuses evidence for a fact without it, an unknown or another provider's document, and one document used twice", () => {
    const own = storeAttachment(demo.aanbieder, EVIDENCE_SLUG, { name: "a.pdf", bytes: pdf("eigen") }, db, OPEN);
    const theirs = storeAttachment(demo.aanbieder2, EVIDENCE_SLUG, { name: "b.pdf", bytes: pdf("ander") }, db, OPEN);
    if (!own.ok || !theirs.ok) throw new Error("not stored");
    const before = submissionCount();
    const wrongFact = submitTo(base({ hkz: false, fte: "3" }, { wzd: [own.attachment.sha256] }));
    expect(!wrongFact.ok && wrongFact.errors["evidence.wzd"]).toBe("Bij deze verklaring hoort geen bewijsstuk.");
    const foreign = submitTo(base({ hkz: true, fte: "3" }, { hkz: [theirs.attachment.sha256] }));
    expect(!foreign.ok && foreign.errors["evidence.hkz.0"]).toBe("Onbekend bewijsstuk; upload het bestand opnieuw.");
    const twice = submitTo({ ...base({ hkz: true, fte: "3" }, { hkz: [own.attachment.sha256] }), attachments: [own.attachment.sha256] });
    expect(!twice.ok && twice.errors["attachments.0"]).toBe("Deze bijlage is al toegevoegd.");
    expect(submissionCount()).toBe(before);
  });
});
