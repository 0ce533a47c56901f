// Publication freezes a version; amendments are new versions with a nota; nothing changes after
// the closing time; published data is immutable in the database itself (issue 4).
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listNotices, publishKader, publishSchema } from "../../../app/services/kaders/publication.server";
import { contentHash, createKader, latestVersion, listVersions, saveDraft, saveSettings } from "../../../app/services/kaders/store.server";
import { canonicalJson } from "../../../db/canonical-json";
import type { Db } from "../../../db/client.server";
import { kaderVersions } from "../../../db/schema";
import { parseKader } from "../../../scoring";
import { createTestDb } from "../../helpers/test-db";
import {
  auditActions,
  auditRows,
  DAY,
  exampleDraft,
  HOUR,
  kaderSnapshot,
  loadKader,
  prepareKader,
  publishOrThrow,
  seedDemoOrganisations,
  storeTable,
  windowFrom,
  type Demo,
} from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let tableId: number;
let allRegions: number[];

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
  allRegions = Object.values(demo.regionIds);
});

afterEach(() => t.close());

function ready(slug = "vv-2027", draft?: Record<string, unknown>) {
  return prepareKader(db, demo.inkoper, { slug, now: NOW, regionIds: allRegions, tableId, draft });
}

describe("publishing a kader", () => {
  it("refuses an invalid draft, writes nothing and reports the draft's issues", () => {
    const draft = exampleDraft();
    draft.baseRate = { default: "honderdtwintig" };
    const kader = ready("vv-ongeldig", draft);
    const before = kaderSnapshot(db);

    const result = publishKader(demo.inkoper, kader, windowFrom(NOW), db, NOW);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors._form).toMatch(/concept bevat nog fouten/);
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues.some((i) => i.path.includes("baseRate"))).toBe(true);
    expect(kaderSnapshot(db)).toEqual(before);
    expect(loadKader(db, "vv-ongeldig").phase).toBe("concept");
  });

  it("refuses a draft that uses a prestatie the chosen tariff table does not have", () => {
    const smallTable = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW, 2026, [
      { code: "4VV", sector: "VV", label: "ZZP 4 VV", unit: "dag", max: "180", components: { NHC: "20", NIC: "3" } },
    ]);
    const kader = prepareKader(db, demo.inkoper, { slug: "vv-tabel-mist", now: NOW, regionIds: allRegions, tableId: smallTable });
    const before = kaderSnapshot(db);

    const result = publishKader(demo.inkoper, kader, windowFrom(NOW), db, NOW);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).join(" ")).toMatch(/5VV|6VV/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("refuses without a tariff table and without regions, saying so per setting, and writes nothing", () => {
    createKader(demo.inkoper, { slug: "vv-kaal", title: "Kaal kader", year: 2027 }, db, NOW);
    saveDraft(demo.inkoper, loadKader(db, "vv-kaal"), exampleDraft(), db, NOW);
    const kader = loadKader(db, "vv-kaal");
    expect(kader.tariffTableId).toBeNull();
    const before = kaderSnapshot(db);

    const result = publishKader(demo.inkoper, kader, windowFrom(NOW), db, NOW);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.tariffTableId).toMatch(/tarieftabel/);
    expect(result.errors.regionIds).toMatch(/regio/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("refuses a window in the wrong order: closing in the past, opening after closing, questions after closing", () => {
    const kader = ready();
    const before = kaderSnapshot(db);

    const past = publishKader(demo.inkoper, kader, { opensAt: new Date(NOW.getTime() - 2 * DAY), questionsUntil: new Date(NOW.getTime() - 2 * DAY), closesAt: new Date(NOW.getTime() - DAY) }, db, NOW);
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.errors.closesAt).toMatch(/toekomst/);

    const reversed = publishKader(demo.inkoper, kader, { opensAt: new Date(NOW.getTime() + 10 * DAY), questionsUntil: new Date(NOW.getTime() + 2 * DAY), closesAt: new Date(NOW.getTime() + 5 * DAY) }, db, NOW);
    expect(reversed.ok).toBe(false);
    if (!reversed.ok) expect(reversed.errors.opensAt).toMatch(/vóór de sluitingstijd/);

    const lateQuestions = publishKader(demo.inkoper, kader, { ...windowFrom(NOW), questionsUntil: new Date(NOW.getTime() + 31 * DAY) }, db, NOW);
    expect(lateQuestions.ok).toBe(false);
    if (!lateQuestions.ok) expect(lateQuestions.errors.questionsUntil).toMatch(/uiterlijk bij de sluitingstijd/);

    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("creates version 1 with the SHA-256 of the canonical JSON of its content, phase gepubliceerd and one kader.publish event", () => {
    const kader = ready();
    const window = windowFrom(NOW);
    const eventsBefore = auditRows(db).length;

    const result = publishKader(demo.inkoper, kader, window, db, NOW);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const versions = listVersions(db, kader.id);
    expect(versions).toHaveLength(1);
    const v1 = versions[0]!;
    expect(v1.number).toBe(1);
    expect(result.version).toBe(1);
    const expectedHash = createHash("sha256").update(canonicalJson(v1.content)).digest("hex");
    expect(v1.contentHash).toBe(expectedHash);
    expect(result.hash).toBe(expectedHash);
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The frozen content is the validated draft (the worked example), with its tariff table and window.
    const parsed = parseKader(exampleDraft());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(v1.content).toEqual({ ...parsed.value, id: "vv-2027" });
    expect(v1.tariffTableId).toBe(tableId);
    expect(v1.opensAt.getTime()).toBe(window.opensAt.getTime());
    expect(v1.closesAt.getTime()).toBe(window.closesAt.getTime());
    expect(v1.questionsUntil.getTime()).toBe(window.questionsUntil.getTime());
    expect(v1.noticeId).toBeNull();
    expect(v1.publishedAt.getTime()).toBe(NOW.getTime());
    expect(v1.publishedBy).toBe(demo.inkoper.id);
    expect(loadKader(db, "vv-2027").phase).toBe("gepubliceerd");

    const events = auditRows(db).slice(eventsBefore);
    expect(events.map((e) => e.action)).toEqual(["kader.publish"]);
    const payload = JSON.parse(events[0]!.payload) as Record<string, unknown>;
    expect(payload.version).toBe(1);
    expect(payload.contentHash).toBe(expectedHash);
    expect(events[0]!.actorUserId).toBe(demo.inkoper.id);
    expect(events[0]!.entityId).toBe("vv-2027");
    expect(listNotices(db, kader.id)).toEqual([]);
  });

  it("hashes the content independently of key order (canonical JSON)", () => {
    const content = { b: 1, a: { d: "2", c: [3, { f: 1, e: 2 }] } };
    const reordered = { a: { c: [3, { e: 2, f: 1 }], d: "2" }, b: 1 };
    expect(contentHash(content)).toBe(contentHash(reordered));
    expect(contentHash(content)).toBe(createHash("sha256").update('{"a":{"c":[3,{"e":2,"f":1}],"d":"2"},"b":1}').digest("hex"));
  });
});

describe("published data is immutable in the database", () => {
  beforeEach(() => {
    ready();
    publishOrThrow(db, demo.inkoper, "vv-2027", windowFrom(NOW), NOW);
    // A nota too (an amendment), so clarification_notices has a row.
    const draft = exampleDraft();
    draft.baseRate = { default: "94.5" };
    saveDraft(demo.inkoper, loadKader(db, "vv-2027"), draft, db, NOW);
    const amended = publishKader(demo.inkoper, loadKader(db, "vv-2027"), { ...windowFrom(NOW), noticeBody: "Het basistarief gaat omhoog naar 94,5 %." }, db, NOW);
    expect(amended.ok).toBe(true);
  });

  const statements: [string, string][] = [
    ["UPDATE kader_versions", "UPDATE kader_versions SET content_hash = 'x'"],
    ["UPDATE kader_versions (window)", "UPDATE kader_versions SET closes_at = closes_at + 86400000"],
    ["DELETE kader_versions", "DELETE FROM kader_versions"],
    ["UPDATE clarification_notices", "UPDATE clarification_notices SET body = 'anders'"],
    ["DELETE clarification_notices", "DELETE FROM clarification_notices"],
    ["UPDATE tariff_rows", "UPDATE tariff_rows SET max = '999'"],
    ["DELETE tariff_rows", "DELETE FROM tariff_rows"],
    ["UPDATE tariff_tables", "UPDATE tariff_tables SET version = 9"],
    ["DELETE tariff_tables", "DELETE FROM tariff_tables"],
  ];

  it.each(statements)("%s is refused by a trigger", (_label, sql) => {
    const before = kaderSnapshot(db);
    expect(() => db.$client.exec(sql)).toThrow(/immutable/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("the tables are not empty, so the refusals above are real", () => {
    const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count("kader_versions")).toBe(2);
    expect(count("clarification_notices")).toBe(1);
    expect(count("tariff_tables")).toBe(1);
    expect(count("tariff_rows")).toBe(3);
  });

  it("refuses UPDATE and DELETE through drizzle as well", () => {
    const v = latestVersion(db, loadKader(db, "vv-2027").id)!;
    expect(() => db.update(kaderVersions).set({ content: {} }).where(eq(kaderVersions.id, v.id)).run()).toThrow(/immutable/);
    expect(() => db.delete(kaderVersions).where(eq(kaderVersions.id, v.id)).run()).toThrow(/immutable/);
    expect(latestVersion(db, v.kaderId)).toEqual(v);
  });
});

describe("amending a published kader", () => {
  function published() {
    ready();
    publishOrThrow(db, demo.inkoper, "vv-2027", windowFrom(NOW), NOW);
    const draft = exampleDraft();
    draft.baseRate = { default: "95" };
    saveDraft(demo.inkoper, loadKader(db, "vv-2027"), draft, db, NOW);
    return loadKader(db, "vv-2027");
  }

  it("refuses an amendment without a nota text (and with too short a text), writing nothing", () => {
    const kader = published();
    const before = kaderSnapshot(db);
    for (const noticeBody of [undefined, "", "kort"]) {
      const result = publishKader(demo.inkoper, kader, { ...windowFrom(NOW), noticeBody }, db, NOW);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.noticeBody).toMatch(/nota van inlichtingen/);
    }
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("with a nota creates version 2, a nota and one kader.amend event; version 1 stays as it was", () => {
    const kader = published();
    const v1Before = listVersions(db, kader.id)[0]!;
    const eventsBefore = auditRows(db).length;
    const later = new Date(NOW.getTime() + HOUR);

    const result = publishKader(demo.inkoper, kader, { ...windowFrom(NOW), noticeTitle: "Wijziging basistarief", noticeBody: "Het basistarief gaat van 94 % naar 95 %." }, db, later);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.version).toBe(2);
    const versions = listVersions(db, kader.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0]).toEqual(v1Before);
    const v2 = versions[1]!;
    expect((v2.content.baseRate as { default: string }).default).toBe("95");
    expect(v2.contentHash).toBe(createHash("sha256").update(canonicalJson(v2.content)).digest("hex"));
    expect(v2.contentHash).not.toBe(v1Before.contentHash);
    const notices = listNotices(db, kader.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ number: 1, title: "Wijziging basistarief", body: "Het basistarief gaat van 94 % naar 95 %." });
    expect(v2.noticeId).toBe(notices[0]!.id);
    const events = auditRows(db).slice(eventsBefore);
    expect(events.map((e) => e.action)).toEqual(["kader.amend"]);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ version: 2, contentHash: v2.contentHash, noticeId: notices[0]!.id });
    expect(loadKader(db, "vv-2027").phase).toBe("gepubliceerd");
  });

  it("refuses an amendment identical to the published version", () => {
    ready();
    const window = windowFrom(NOW);
    publishOrThrow(db, demo.inkoper, "vv-2027", window, NOW);
    const before = kaderSnapshot(db);

    const result = publishKader(demo.inkoper, loadKader(db, "vv-2027"), { ...window, noticeBody: "Niets gewijzigd, toch een nota." }, db, NOW);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors._form).toMatch(/niets gewijzigd/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("accepts an amendment that only moves the closing time (the window is part of the version)", () => {
    ready();
    const window = windowFrom(NOW);
    publishOrThrow(db, demo.inkoper, "vv-2027", window, NOW);
    const result = publishKader(demo.inkoper, loadKader(db, "vv-2027"), { ...window, closesAt: new Date(window.closesAt.getTime() + 7 * DAY), noticeBody: "De sluitingstijd schuift een week op." }, db, NOW);
    expect(result.ok).toBe(true);
    const [v1, v2] = listVersions(db, loadKader(db, "vv-2027").id);
    expect(v2!.contentHash).toBe(v1!.contentHash);
    expect(v2!.closesAt.getTime() - v1!.closesAt.getTime()).toBe(7 * DAY);
  });

  it("once open, refuses to move the opening time", () => {
    const kader = published();
    const window = latestVersion(db, kader.id)!;
    const whileOpen = new Date(window.opensAt.getTime() + HOUR);
    const before = kaderSnapshot(db);

    const moved = publishKader(
      demo.inkoper,
      kader,
      { opensAt: new Date(window.opensAt.getTime() + DAY), closesAt: window.closesAt, questionsUntil: window.questionsUntil, noticeBody: "De opening schuift een dag op." },
      db,
      whileOpen,
    );
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.errors.opensAt).toMatch(/al geopend/);
    expect(kaderSnapshot(db)).toEqual(before);

    // The same amendment with the opening time kept is fine.
    const kept = publishKader(demo.inkoper, kader, { opensAt: window.opensAt, closesAt: window.closesAt, questionsUntil: window.questionsUntil, noticeBody: "Het basistarief gaat naar 95 %." }, db, whileOpen);
    expect(kept.ok).toBe(true);
  });

  it("before opening, the opening time may still move (with a nota)", () => {
    const kader = published();
    const window = latestVersion(db, kader.id)!;
    const result = publishKader(
      demo.inkoper,
      kader,
      { opensAt: new Date(window.opensAt.getTime() + DAY), closesAt: window.closesAt, questionsUntil: window.questionsUntil, noticeBody: "De opening schuift een dag op." },
      db,
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it("an amendment that renames the kader shows the new title everywhere", () => {
    const kader = published();
    const draft = exampleDraft();
    draft.title = "Inkoopkader V&V 2026 (gewijzigd)";
    saveDraft(demo.inkoper, kader, draft, db, NOW);
    const result = publishKader(demo.inkoper, loadKader(db, "vv-2027"), { ...windowFrom(NOW), noticeBody: "De titel van het kader is gewijzigd." }, db, NOW);
    expect(result.ok).toBe(true);
    expect(latestVersion(db, kader.id)!.content.title).toBe("Inkoopkader V&V 2026 (gewijzigd)");
    expect(loadKader(db, "vv-2027").title).toBe("Inkoopkader V&V 2026 (gewijzigd)");
  });
});

describe("after the closing time nothing changes", () => {
  it("refuses saveDraft and publishKader with a Dutch reason and writes nothing", () => {
    const kader = ready();
    const window = windowFrom(NOW);
    publishOrThrow(db, demo.inkoper, "vv-2027", window, NOW);
    const afterClose = new Date(window.closesAt.getTime() + 1);
    const atClose = window.closesAt;
    const before = kaderSnapshot(db);
    const draft = exampleDraft();
    draft.baseRate = { default: "99" };

    for (const when of [atClose, afterClose]) {
      const saved = saveDraft(demo.inkoper, loadKader(db, kader.slug), draft, db, when);
      expect(saved.issues).toHaveLength(1);
      expect(saved.issues[0]!.message).toMatch(/kan niet meer worden gewijzigd: de inschrijving is gesloten/);

      const published = publishKader(demo.inkoper, loadKader(db, kader.slug), { opensAt: window.opensAt, closesAt: new Date(when.getTime() + 7 * DAY), questionsUntil: window.questionsUntil, noticeBody: "De sluitingstijd gaat een week later." }, db, when);
      expect(published.ok).toBe(false);
      if (!published.ok) expect(published.errors._form).toMatch(/inschrijving is gesloten/);
    }
    // Moving a passed closing time is an attempt on the sealed submissions: one audit event each, nothing else.
    const { audit_events: events, ...after } = kaderSnapshot(db);
    const { audit_events: eventsBefore, ...rest } = before;
    expect(after).toEqual(rest);
    expect(events!.slice(eventsBefore!.length).map((e) => (e as { action: string }).action)).toEqual(["kader.amend_refused", "kader.amend_refused"]);
  });

  it("refuses saveSettings with a Dutch reason and writes nothing", () => {
    // saveSettings reads the real clock (it takes no `now`): publish a window that closed in the past.
    const past = new Date("2021-01-04T09:00:00.000Z");
    const kader = prepareKader(db, demo.inkoper, { slug: "vv-2021", now: past, regionIds: allRegions, tableId, budgetCeiling: "100.00" });
    publishOrThrow(db, demo.inkoper, "vv-2021", windowFrom(past), past);
    const otherTable = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
    const before = kaderSnapshot(db);

    const result = saveSettings(demo.inkoper, loadKader(db, kader.slug), { tariffTableId: otherTable, budgetCeiling: "999.00", regionIds: allRegions }, db);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors._form).toMatch(/inschrijving is gesloten/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("after publication (still open) the regions are fixed", () => {
    const kader = ready();
    // Published relative to the real clock: saveSettings has no injected clock.
    const now = new Date();
    publishOrThrow(db, demo.inkoper, "vv-2027", windowFrom(now), now);
    const before = kaderSnapshot(db);
    const result = saveSettings(demo.inkoper, loadKader(db, kader.slug), { tariffTableId: tableId, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"]] }, db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.regionIds).toMatch(/liggen de regio's vast/);
    expect(kaderSnapshot(db)).toEqual(before);
  });
});

describe("publication form times", () => {
  it("parses Amsterdam wall-clock times and refuses a non-existent one", () => {
    const ok = publishSchema.safeParse({ opensAt: "2026-12-01T09:00", closesAt: "2027-01-15T17:00", questionsUntil: "2026-12-15T12:00" });
    expect(ok.success).toBe(true);
    if (ok.success) {
      expect(ok.data.opensAt.toISOString()).toBe("2026-12-01T08:00:00.000Z");
      expect(ok.data.closesAt.toISOString()).toBe("2027-01-15T16:00:00.000Z");
    }
    const gap = publishSchema.safeParse({ opensAt: "2027-03-28T02:30", closesAt: "2027-04-15T17:00", questionsUntil: "2027-04-01T12:00" });
    expect(gap.success).toBe(false);
    if (!gap.success) expect(gap.error.issues[0]!.path).toEqual(["opensAt"]);
  });

  it("refuses a question period that ends after the closing time when entered through the form", () => {
    const kader = ready();
    const form = publishSchema.parse({ opensAt: "2026-09-02T09:00", closesAt: "2026-10-01T17:00", questionsUntil: "2026-10-01T17:01" });
    const before = kaderSnapshot(db);
    const result = publishKader(demo.inkoper, kader, form, db, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual(["questionsUntil"]);
      expect(result.errors.questionsUntil).toMatch(/vragenperiode/);
    }
    expect(kaderSnapshot(db)).toEqual(before);
    // Ending exactly at the closing time is allowed.
    const atClose = publishKader(demo.inkoper, kader, { ...form, questionsUntil: form.closesAt }, db, NOW);
    expect(atClose.ok).toBe(true);
  });
});

describe("audit of publication", () => {
  it("a refused publication leaves no event; a publication exactly one", () => {
    const kader = ready();
    const count = () => auditActions(db, "kader.publish").length + auditActions(db, "kader.amend").length;
    publishKader(demo.inkoper, kader, { ...windowFrom(NOW), questionsUntil: new Date(NOW.getTime() + 60 * DAY) }, db, NOW);
    expect(count()).toBe(0);
    publishOrThrow(db, demo.inkoper, kader.slug, windowFrom(NOW), NOW);
    expect(count()).toBe(1);
  });
});
