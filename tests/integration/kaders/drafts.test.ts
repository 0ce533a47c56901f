// Before publication (issue 4): a kader is created by an inkoper of a zorgkantoor, its draft is
// saved valid or not (the editor never loses work) with its identity fixed, and its settings
// only accept the zorgkantoor's own tariff tables and regions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKader, kaderRegionIds, listKadersForZorgkantoor, saveDraft, saveSettings, validateDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, auditRows, exampleDraft, kaderSnapshot, loadKader, passwordHash, seedDemoOrganisations, storeTable, type Demo } from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
});

afterEach(() => t.close());

describe("creating a kader", () => {
  it("an inkoper creates a concept with a default draft and one kader.create event", () => {
    const before = auditRows(db).length;
    expect(createKader(demo.inkoper, { slug: "vv-2027", title: "Inkoopkader V&V 2027", year: 2027 }, db, NOW)).toEqual({ ok: true, slug: "vv-2027" });
    const kader = loadKader(db, "vv-2027");
    expect(kader).toMatchObject({ phase: "concept", zorgkantoorId: demo.zorgkantoorId, title: "Inkoopkader V&V 2027", year: 2027, tariffTableId: null, createdBy: demo.inkoper.id });
    expect(kader.draft).toMatchObject({ format: "zorginkoop.kader/v1", id: "vv-2027", zorgkantoor: "Zorgkantoor Demo", year: 2027 });
    expect(auditRows(db).slice(before).map((e) => e.action)).toEqual(["kader.create"]);
  });

  it("refuses a duplicate slug and a provider, writing nothing", () => {
    createKader(demo.inkoper, { slug: "vv-2027", title: "Inkoopkader V&V 2027", year: 2027 }, db, NOW);
    const before = kaderSnapshot(db);
    const dup = createKader(demo.inkoper, { slug: "vv-2027", title: "Nog een", year: 2027 }, db, NOW);
    expect(dup).toEqual({ ok: false, errors: { slug: "Er is al een kader met dit kenmerk." } });
    const provider = createKader(demo.aanbieder, { slug: "vv-aanbieder", title: "Van een aanbieder", year: 2027 }, db, NOW);
    expect(provider.ok).toBe(false);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("lists a zorgkantoor's own kaders only", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    createKader(demo.inkoper, { slug: "vv-2027", title: "Inkoopkader V&V 2027", year: 2027 }, db, NOW);
    createKader(other.inkoper, { slug: "anders-2027", title: "Ander kader", year: 2027 }, db, NOW);
    expect(listKadersForZorgkantoor(demo.zorgkantoorId, db).map((k) => k.slug)).toEqual(["vv-2027"]);
    expect(listKadersForZorgkantoor(other.zorgkantoorId, db).map((k) => k.slug)).toEqual(["anders-2027"]);
  });
});

describe("saving a draft", () => {
  beforeEach(() => {
    createKader(demo.inkoper, { slug: "vv-2027", title: "Inkoopkader V&V 2027", year: 2027 }, db, NOW);
  });

  it("keeps an invalid draft as it was typed, reports its issues, and audits the save", () => {
    const draft = { ...exampleDraft(), baseRate: { default: "veel" }, extraVeld: "blijft" };
    const result = saveDraft(demo.inkoper, loadKader(db, "vv-2027"), draft, db, NOW);
    expect(result.issues.length).toBeGreaterThan(0);
    const stored = loadKader(db, "vv-2027").draft;
    expect(stored.baseRate).toEqual({ default: "veel" });
    expect(stored.extraVeld).toBe("blijft");
    const events = auditActions(db, "kader.draft_save");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ valid: false });
  });

  it("fixes the identity fields (format, id, zorgkantoor) whatever the draft says", () => {
    const draft = { ...exampleDraft(), format: "iets/anders", id: "ander-id", zorgkantoor: "Zorgkantoor Elders" };
    const result = saveDraft(demo.inkoper, loadKader(db, "vv-2027"), draft, db, NOW);
    expect(result.issues).toEqual([]);
    expect(loadKader(db, "vv-2027").draft).toMatchObject({ format: "zorginkoop.kader/v1", id: "vv-2027", zorgkantoor: "Zorgkantoor Demo" });
  });

  it("takes title and year of a concept from a valid draft", () => {
    saveDraft(demo.inkoper, loadKader(db, "vv-2027"), { ...exampleDraft(), title: "Nieuwe titel", year: 2028 }, db, NOW);
    expect(loadKader(db, "vv-2027")).toMatchObject({ title: "Nieuwe titel", year: 2028 });
  });

  it("a blank, null or absurd year in an invalid draft leaves the kader's year alone", () => {
    for (const year of ["", null, "  ", true, 99999]) {
      const result = saveDraft(demo.inkoper, loadKader(db, "vv-2027"), { ...exampleDraft(), year }, db, NOW);
      expect(result.issues.length).toBeGreaterThan(0);
      expect(loadKader(db, "vv-2027").year, JSON.stringify(year)).toBe(2027);
    }
  });

  it("a blank title leaves the kader's title alone", () => {
    saveDraft(demo.inkoper, loadKader(db, "vv-2027"), { ...exampleDraft(), title: "   " }, db, NOW);
    expect(loadKader(db, "vv-2027").title).toBe("Inkoopkader V&V 2027");
  });

  it("validates prestaties against the chosen tariff table", () => {
    const onlyFour = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW, 2027, [
      { code: "4VV", sector: "VV", label: "ZZP 4 VV", unit: "dag", max: "180", components: { NHC: "20", NIC: "3" } },
    ]);
    const draft = exampleDraft();
    expect(validateDraft(db, draft, null).issues).toEqual([]);
    const checked = validateDraft(db, draft, onlyFour);
    expect(checked.kader).toBeNull();
    expect(checked.issues.map((i) => i.message).join(" ")).toMatch(/5VV/);
  });
});

describe("settings", () => {
  beforeEach(() => {
    createKader(demo.inkoper, { slug: "vv-2027", title: "Inkoopkader V&V 2027", year: 2027 }, db, NOW);
  });

  it("stores tariff table, contracteerruimte and regions with one kader.settings event", () => {
    const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
    const before = auditRows(db).length;
    const result = saveSettings(demo.inkoper, loadKader(db, "vv-2027"), { tariffTableId: tableId, budgetCeiling: "12500000.50", regionIds: [demo.regionIds["DEMO-N"], demo.regionIds["DEMO-M"]] }, db);
    expect(result).toEqual({ ok: true });
    const kader = loadKader(db, "vv-2027");
    expect(kader).toMatchObject({ tariffTableId: tableId, budgetCeiling: "12500000.50" });
    expect(kaderRegionIds(db, kader.id).sort()).toEqual([demo.regionIds["DEMO-N"], demo.regionIds["DEMO-M"]].sort());
    expect(auditRows(db).slice(before).map((e) => e.action)).toEqual(["kader.settings"]);
  });

  it("refuses another zorgkantoor's tariff table or region, writing nothing", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const foreignTable = storeTable(db, other.zorgkantoorId, other.inkoper, NOW);
    const before = kaderSnapshot(db);
    const table = saveSettings(demo.inkoper, loadKader(db, "vv-2027"), { tariffTableId: foreignTable, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"]] }, db);
    expect(table).toEqual({ ok: false, errors: { tariffTableId: "Kies een tarieftabel van uw zorgkantoor." } });
    const region = saveSettings(demo.inkoper, loadKader(db, "vv-2027"), { tariffTableId: null, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"], other.regionId] }, db);
    expect(region).toEqual({ ok: false, errors: { regionIds: "Kies regio's van uw zorgkantoor." } });
    expect(saveSettings(demo.inkoper, loadKader(db, "vv-2027"), { tariffTableId: 999_999, budgetCeiling: "", regionIds: [demo.regionIds["DEMO-N"]] }, db).ok).toBe(false);
    // Nothing changed; the two attempts with another zorgkantoor's ids are in the audit trail (issue 7).
    const after = kaderSnapshot(db);
    const newEvents = (after.audit_events as { action: string }[]).slice(before.audit_events!.length);
    expect(newEvents.map((e) => e.action)).toEqual(["access.foreign_id", "access.foreign_id"]);
    expect({ ...after, audit_events: before.audit_events }).toEqual(before);
  });
});
