// The four-eyes opening of sealed submissions (issue 9): an inkoper starts it after the closing
// time, a different inkoper of the same zorgkantoor confirms within 30 minutes; only then does
// the zorgkantoor's staff read submissions. Every step and refusal leaves exactly one audit event.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { publishKader } from "../../../app/services/kaders/publication.server";
import { readAttachment, storeAttachment } from "../../../app/services/submissions/attachments.server";
import { confirmOpening, OPENING_CONFIRM_WINDOW_MS, openingStatus, startOpening } from "../../../app/services/submissions/opening.server";
import { readSubmission, submit } from "../../../app/services/submissions/submissions.server";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import {
  addSecondZorgkantoor,
  addUser,
  auditRows,
  DAY,
  loadKader,
  passwordHash,
  seedDemoOrganisations,
  windowFrom,
  type Demo,
} from "../kaders/fixtures";
import { declareForAssessor, publishSubmissionKader } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const AFTER = new Date(CLOSES.getTime() + 60_000);
const MINUTE = 60_000;
const SLUG = "vv-2027";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let inkoper2: SessionUser;
let jurist: SessionUser;

function content(): Record<string, unknown> {
  const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
  return {
    declarations: { wzd: true },
    plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity: 12, context: "Context", expertise: "Expertise" } } } },
  };
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  inkoper2 = addUser(db, "tweede-inkoper@opening.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
  jurist = addUser(db, "jurist@opening.example", ["jurist"], demo.zorgkantoorId, "x", NOW);
  publishSubmissionKader(db, demo, SLUG, NOW);
});

afterEach(() => t.close());

/** Runs `fn` and returns the audit events it wrote (with their organisations). */
function eventsOf(fn: () => unknown): { action: string; payload: Record<string, unknown>; orgs: number[] }[] {
  const before = auditRows(db).length;
  fn();
  return auditRows(db)
    .slice(before)
    .map((r) => ({
      action: r.action,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      orgs: JSON.parse((db.$client.prepare("SELECT organisation_ids AS ids FROM audit_events WHERE seq = ?").get(r.seq) as { ids: string }).ids) as number[],
    }));
}

function openingRows(): number {
  return (db.$client.prepare("SELECT count(*) AS n FROM submission_openings").get() as { n: number }).n;
}

describe("starting and confirming", () => {
  it("refuses a start before the closing time, with a Dutch message and one audit event", () => {
    let result: ReturnType<typeof startOpening> | undefined;
    const events = eventsOf(() => (result = startOpening(demo.inkoper, SLUG, new Date(CLOSES.getTime() - 1), db)));
    expect(result!.ok).toBe(false);
    if (!result!.ok) expect(result!.errors._form).toMatch(/pas worden geopend na de sluitingstijd \(01-10-2026 12:00\)/);
    expect(events).toEqual([{ action: "submission.opening_refused", payload: expect.objectContaining({ step: "start", reason: "before_closing" }), orgs: [demo.zorgkantoorId] }]);
    expect(openingRows()).toBe(0);
    expect(openingStatus(demo.inkoper, SLUG, OPEN, db)).toEqual({ ok: true, status: { state: "not_yet", closesAt: CLOSES } });
  });

  it("starts after the closing time, refuses the same inkoper confirming, and completes with a second inkoper within 30 minutes", () => {
    let started: ReturnType<typeof startOpening> | undefined;
    expect(eventsOf(() => (started = startOpening(demo.inkoper, SLUG, CLOSES, db)))).toEqual([
      { action: "submission.opening_start", payload: { kaderVersion: 1 }, orgs: [demo.zorgkantoorId] },
    ]);
    expect(started).toEqual({ ok: true, at: CLOSES, confirmBefore: new Date(CLOSES.getTime() + 30 * MINUTE) });

    const waiting = openingStatus(demo.beoordelaar, SLUG, new Date(CLOSES.getTime() + MINUTE), db);
    expect(waiting.ok && waiting.status).toMatchObject({ state: "waiting", startedBy: { id: demo.inkoper.id }, startedAt: CLOSES, confirmBefore: new Date(CLOSES.getTime() + 30 * MINUTE), canConfirm: false });
    const forSecond = openingStatus(inkoper2, SLUG, new Date(CLOSES.getTime() + MINUTE), db);
    expect(forSecond.ok && forSecond.status.state === "waiting" && forSecond.status.canConfirm).toBe(true);

    let same: ReturnType<typeof confirmOpening> | undefined;
    expect(eventsOf(() => (same = confirmOpening(demo.inkoper, SLUG, new Date(CLOSES.getTime() + 5 * MINUTE), db)))).toEqual([
      { action: "submission.opening_refused", payload: expect.objectContaining({ step: "confirm", reason: "same_person" }), orgs: [demo.zorgkantoorId] },
    ]);
    expect(same!.ok).toBe(false);
    if (!same!.ok) expect(same!.errors._form).toMatch(/zelf gestart; een andere inkoper/);

    // A second start while the first waits is refused as well.
    expect(eventsOf(() => expect(startOpening(inkoper2, SLUG, new Date(CLOSES.getTime() + 6 * MINUTE), db).ok).toBe(false)).map((e) => e.payload.reason)).toEqual(["pending"]);

    const at = new Date(CLOSES.getTime() + 30 * MINUTE);
    const events = eventsOf(() => expect(confirmOpening(inkoper2, SLUG, at, db)).toEqual({ ok: true, at, confirmBefore: null }));
    expect(events).toEqual([
      { action: "submission.opening_confirm", payload: expect.objectContaining({ kaderVersion: 1, startedBy: demo.inkoper.id, startedAt: CLOSES.toISOString() }), orgs: [demo.zorgkantoorId] },
    ]);
    const complete = openingStatus(jurist, SLUG, at, db);
    expect(complete.ok && complete.status).toMatchObject({ state: "complete", startedBy: { id: demo.inkoper.id, name: demo.inkoper.name }, confirmedBy: { id: inkoper2.id, name: inkoper2.name }, completedAt: at });

    // Once opened, no further start or confirmation: each attempt is refused and audited.
    expect(eventsOf(() => expect(startOpening(demo.inkoper, SLUG, at, db).ok).toBe(false)).map((e) => e.payload.reason)).toEqual(["already_opened"]);
    expect(eventsOf(() => expect(confirmOpening(inkoper2, SLUG, at, db).ok).toBe(false)).map((e) => e.payload.reason)).toEqual(["already_opened"]);
    expect(openingRows()).toBe(2);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("lets an unconfirmed start lapse after 30 minutes: confirming is refused, a new start is allowed", () => {
    expect(startOpening(demo.inkoper, SLUG, AFTER, db).ok).toBe(true);
    const late = new Date(AFTER.getTime() + OPENING_CONFIRM_WINDOW_MS + 1);
    let result: ReturnType<typeof confirmOpening> | undefined;
    const events = eventsOf(() => (result = confirmOpening(inkoper2, SLUG, late, db)));
    expect(events).toEqual([{ action: "submission.opening_refused", payload: expect.objectContaining({ step: "confirm", reason: "lapsed" }), orgs: [demo.zorgkantoorId] }]);
    if (!result!.ok) expect(result!.errors._form).toMatch(/verlopen.*Start de opening opnieuw/);
    expect(result!.ok).toBe(false);
    const status = openingStatus(demo.inkoper, SLUG, late, db);
    expect(status.ok && status.status).toMatchObject({ state: "ready", lapsed: { startedBy: { id: demo.inkoper.id }, startedAt: AFTER }, canStart: true });

    // The database holds the same bound: a confirmation row of the lapsed start is refused.
    const startId = (db.$client.prepare("SELECT id FROM submission_openings").get() as { id: number }).id;
    const version = (db.$client.prepare("SELECT id, kader_id FROM kader_versions").get() as { id: number; kader_id: number });
    expect(() =>
      db.$client.prepare("INSERT INTO submission_openings (kader_id, kader_version_id, step, started_id, actor_user_id, at, audit_seq) VALUES (?, ?, 'confirmed', ?, ?, ?, 1)").run(version.kader_id, version.id, startId, inkoper2.id, late.getTime()),
    ).toThrow(/recent start by another user/);

    // The lapsed start no longer blocks: the second inkoper starts anew, the first confirms.
    expect(startOpening(inkoper2, SLUG, late, db).ok).toBe(true);
    expect(confirmOpening(demo.inkoper, SLUG, new Date(late.getTime() + MINUTE), db).ok).toBe(true);
  });

  it("refuses confirming when nothing was started", () => {
    const events = eventsOf(() => expect(confirmOpening(inkoper2, SLUG, AFTER, db).ok).toBe(false));
    expect(events.map((e) => [e.action, e.payload.reason])).toEqual([["submission.opening_refused", "not_started"]]);
  });

  it("refuses another zorgkantoor's inkoper, the beoordelaar, the jurist, the beheerder and a provider: one audit event each, for the kader's zorgkantoor", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const cases: [SessionUser, number, string][] = [
      [other.inkoper, 404, "not_staff"],
      [demo.beheerder, 404, "not_staff"],
      [demo.aanbieder, 404, "not_staff"],
      [demo.beoordelaar, 403, "not_inkoper"],
      [jurist, 403, "not_inkoper"],
    ];
    for (const [actor, status, reason] of cases) {
      for (const step of [startOpening, confirmOpening]) {
        let result: ReturnType<typeof startOpening> | undefined;
        const events = eventsOf(() => (result = step(actor, SLUG, AFTER, db)));
        expect(result).toMatchObject({ ok: false, status });
        expect(events).toEqual([{ action: "submission.opening_refused", payload: expect.objectContaining({ reason }), orgs: [demo.zorgkantoorId] }]);
      }
    }
    // A started opening is not confirmed by another zorgkantoor's inkoper either.
    expect(startOpening(demo.inkoper, SLUG, AFTER, db).ok).toBe(true);
    expect(confirmOpening(other.inkoper, SLUG, AFTER, db).ok).toBe(false);
    expect(openingRows()).toBe(1);
    // The status is for the zorgkantoor's staff only.
    for (const outsider of [other.inkoper, demo.beheerder, demo.aanbieder]) expect(openingStatus(outsider, SLUG, AFTER, db)).toMatchObject({ ok: false, status: 404 });
  });
});

describe("reading submissions after the opening", () => {
  it("lets the zorgkantoor's inkoper, beoordelaar and jurist read content only after a completed opening; the beheerder and other providers never", () => {
    const providerId = demo.aanbieder.organisation!.id;
    const pdf = Buffer.from("%PDF-1.4\n% bijlage\n%%EOF\n");
    const stored = storeAttachment(demo.aanbieder, SLUG, { name: "plan.pdf", bytes: pdf }, db, OPEN);
    expect(stored.ok).toBe(true);
    const sha = stored.ok ? stored.attachment.sha256 : "";
    const submitted = submit(demo.aanbieder, SLUG, { ...content(), attachments: [sha] }, "sleutel-opening-000001", OPEN, db);
    expect(submitted.ok).toBe(true);
    const staff = [demo.inkoper, inkoper2, demo.beoordelaar, jurist];
    const never = [demo.beheerder, demo.aanbieder2];
    const reads = (actor: SessionUser, at: Date) => [readSubmission(actor, SLUG, providerId, 1, db, at).ok, readAttachment(actor, SLUG, providerId, sha, db, at).ok];

    const started = new Date(AFTER.getTime() + MINUTE);
    const confirmed = new Date(AFTER.getTime() + 2 * MINUTE);
    // After the closing time, before the opening, and while only started: nobody but the owner.
    for (const at of [AFTER, started]) {
      if (at === started) expect(startOpening(demo.inkoper, SLUG, started, db).ok).toBe(true);
      for (const actor of [...staff, ...never]) expect(reads(actor, at)).toEqual([false, false]);
      expect(reads(demo.aanbieder, at)).toEqual([true, true]);
    }
    expect(confirmOpening(inkoper2, SLUG, confirmed, db).ok).toBe(true);
    // Opened, but the beoordelaar has not declared its conflicts for this provider yet: nothing.
    expect(reads(demo.beoordelaar, confirmed)).toEqual([false, false]);
    declareForAssessor(db, demo.beoordelaar.id, SLUG, [providerId], confirmed);
    for (const actor of staff) expect(reads(actor, confirmed)).toEqual([true, true]);
    for (const actor of never) expect(reads(actor, confirmed)).toEqual([false, false]);
    const read = readSubmission(jurist, SLUG, providerId, 1, db, confirmed);
    expect(read.ok && read.content?.declarations).toEqual({ wzd: true });
  });
});

describe("the openings table", () => {
  it("refuses UPDATE, DELETE and REPLACE for any connection", () => {
    expect(startOpening(demo.inkoper, SLUG, AFTER, db).ok).toBe(true);
    expect(confirmOpening(inkoper2, SLUG, AFTER, db).ok).toBe(true);
    const statements = [
      "UPDATE submission_openings SET at = 0",
      "UPDATE submission_openings SET actor_user_id = started_id",
      "DELETE FROM submission_openings",
      "REPLACE INTO submission_openings SELECT * FROM submission_openings",
      "INSERT OR REPLACE INTO submission_openings SELECT * FROM submission_openings",
    ];
    for (const sql of statements) expect(() => db.$client.exec(sql)).toThrow(/append-only/);
    const raw = new Database(t.file);
    try {
      for (const sql of statements) expect(() => raw.exec(sql)).toThrow(/append-only/);
      // A start needs no confirmation reference; a confirmation by the starter is refused.
      const row = raw.prepare("SELECT kader_id, kader_version_id, started_id FROM submission_openings WHERE step = 'confirmed'").get() as { kader_id: number; kader_version_id: number; started_id: number };
      expect(() =>
        raw.prepare("INSERT INTO submission_openings (kader_id, kader_version_id, step, started_id, actor_user_id, at, audit_seq) VALUES (?, ?, 'started', ?, ?, ?, 1)").run(row.kader_id, row.kader_version_id, row.started_id, demo.inkoper.id, AFTER.getTime()),
      ).toThrow();
    } finally {
      raw.close();
    }
    expect(openingRows()).toBe(2);
  });

  it("refuses a confirmation row by the user who started, below the services", () => {
    expect(startOpening(demo.inkoper, SLUG, AFTER, db).ok).toBe(true);
    const start = db.$client.prepare("SELECT id, kader_id, kader_version_id FROM submission_openings").get() as { id: number; kader_id: number; kader_version_id: number };
    expect(() =>
      db.$client.prepare("INSERT INTO submission_openings (kader_id, kader_version_id, step, started_id, actor_user_id, at, audit_seq) VALUES (?, ?, 'confirmed', ?, ?, ?, 1)").run(start.kader_id, start.kader_version_id, start.id, demo.inkoper.id, AFTER.getTime() + MINUTE),
    ).toThrow(/recent start by another user/);
  });
});

describe("the closing time once passed", () => {
  it("cannot be moved by an amendment: refused with a Dutch message at the field and, when confirmed, one audit event; nothing published", () => {
    const window = windowFrom(NOW);
    const versions = () => (db.$client.prepare("SELECT count(*) AS n FROM kader_versions").get() as { n: number }).n;
    for (const [at, closesAt] of [
      [CLOSES, new Date(CLOSES.getTime() + 7 * DAY)],
      [AFTER, new Date(AFTER.getTime() + DAY)],
    ] as const) {
      for (const check of [true, false]) {
        let result: ReturnType<typeof publishKader> | undefined;
        const events = eventsOf(() => (result = publishKader(demo.inkoper, loadKader(db, SLUG), { ...window, closesAt, noticeBody: "De sluitingstijd gaat later." }, db, at, { check })));
        expect(result!.ok).toBe(false);
        if (!result!.ok) expect(result!.errors.closesAt).toBe("De sluitingstijd is verstreken en ligt vast; die kan niet meer worden gewijzigd.");
        // The "ask first" step writes nothing; the confirmed attempt leaves one event.
        expect(events).toEqual(
          check ? [] : [{ action: "kader.amend_refused", payload: expect.objectContaining({ reason: "closing_time_passed", closesAt: CLOSES.toISOString(), requestedClosesAt: closesAt.toISOString() }), orgs: [demo.zorgkantoorId] }],
        );
      }
    }
    expect(versions()).toBe(1);
    // Before it passes, the same move is an ordinary amendment.
    const moved = publishKader(demo.inkoper, loadKader(db, SLUG), { ...window, closesAt: new Date(CLOSES.getTime() + 7 * DAY), noticeBody: "De sluitingstijd gaat een week later." }, db, new Date(CLOSES.getTime() - 1));
    expect(moved.ok).toBe(true);
    expect(versions()).toBe(2);
  });
});
