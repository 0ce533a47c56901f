// Tariff tables and the provider registry imported through the services (issue 4): a file with
// any problem imports nothing and reports row and column; a clean re-import is a new version that
// never touches the old one; the registry matches providers on AGB code, all or nothing.
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyRegistry, importProviderRegistry, registeredProviders } from "../../../app/services/registry.server";
import { importTariffTable, listTariffTables, loadTariffTable, tariffsForScoring } from "../../../app/services/tariff-tables.server";
import type { Db } from "../../../db/client.server";
import { organisations, providerRegions, providerYearData, regions } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, auditRows, passwordHash, ROOT, rowCounts, seedDemoOrganisations, type Demo } from "./fixtures";

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

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

/** Every row of every table: a refused import must leave all of them as they were. */
function everything(): Record<string, unknown[]> {
  const names = Object.keys(rowCounts(db));
  return Object.fromEntries(names.map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));
}

const CLEAN_TARIFFS = [
  "prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic",
  "4VV;VV;ZZP 4 VV (illustratief);dag;180,00;20,00;3,00",
  "5VV;V&V;ZZP 5 VV (illustratief);dag;260,00;21,50;3,50",
  "6VV;VV;ZZP 6 VV (illustratief);dag;250,00;21,50;3,50",
].join("\n");

describe("tariff table import", () => {
  it("a CSV with errors imports nothing, leaves the audit trail alone and lists every problem by row and column", async () => {
    const csv = [
      "prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic",
      "4VV;VV;ZZP 4 VV;dag;180,00;20,00;3,00", // row 2: fine
      "5VV;XX;ZZP 5 VV;dag;260,00;21,50;3,50", // row 3: unknown sector
      "6VV;VV;ZZP 6 VV;dag;;21,50;3,50", // row 4: missing maximum
      "7VV;VV;ZZP 7 VV;dag;abc;21,50;3,50", // row 5: text amount
    ].join("\n");
    const before = everything();

    const result = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("fout.csv", csv) }, db);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toContain("3:sector");
    expect(where).toContain("4:maximumtarief");
    expect(where).toContain("5:maximumtarief");
    expect(result.errors.every((e) => e.row !== 2)).toBe(true);
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(everything()).toEqual(before);
    expect(listTariffTables(demo.zorgkantoorId, db)).toEqual([]);
  });

  it("the shared error fixture (one problem per row) imports nothing", async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, "tests/fixtures/imports/tarieven-met-fouten.csv")));
    const before = everything();
    const result = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: { name: "tarieven-met-fouten.csv", bytes } }, db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(new Set(result.errors.map((e) => e.row))).toEqual(new Set([2, 3, 4, 5]));
    expect(everything()).toEqual(before);
  });

  it("a clean import is version 1 with its rows and one audit event", async () => {
    const before = auditRows(db).length;
    const result = await importTariffTable(demo.inkoper, { year: 2026, note: "Illustratieve cijfers", file: file("tarieven.csv", CLEAN_TARIFFS) }, db);
    expect(result).toMatchObject({ ok: true, version: 1, rows: 3 });
    if (!result.ok) return;
    const loaded = loadTariffTable(result.tableId, db)!;
    expect(loaded.table).toMatchObject({ zorgkantoorId: demo.zorgkantoorId, year: 2026, version: 1, sourceName: "tarieven.csv", note: "Illustratieve cijfers", importedBy: demo.inkoper.id });
    expect(loaded.table.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(tariffsForScoring(result.tableId, db)).toEqual([
      { code: "4VV", sector: "VV", label: "ZZP 4 VV (illustratief)", unit: "dag", max: "180", components: { NHC: "20", NIC: "3" } },
      { code: "5VV", sector: "VV", label: "ZZP 5 VV (illustratief)", unit: "dag", max: "260", components: { NHC: "21.5", NIC: "3.5" } },
      { code: "6VV", sector: "VV", label: "ZZP 6 VV (illustratief)", unit: "dag", max: "250", components: { NHC: "21.5", NIC: "3.5" } },
    ]);
    const events = auditRows(db).slice(before);
    expect(events.map((e) => e.action)).toEqual(["tariff_table.import"]);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ year: 2026, version: 1, rows: 3, sourceName: "tarieven.csv" });
  });

  it("a clean re-import becomes version 2 and leaves version 1's rows untouched", async () => {
    const first = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("v1.csv", CLEAN_TARIFFS) }, db);
    if (!first.ok) throw new Error("first import refused");
    const v1Before = loadTariffTable(first.tableId, db);

    const changed = CLEAN_TARIFFS.replace("180,00", "185,00") + "\n7VV;VV;ZZP 7 VV (illustratief);dag;285,40;21,50;3,50";
    const second = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("v2.csv", changed) }, db);

    expect(second).toMatchObject({ ok: true, version: 2, rows: 4 });
    if (!second.ok) return;
    expect(second.tableId).not.toBe(first.tableId);
    expect(loadTariffTable(first.tableId, db)).toEqual(v1Before);
    expect(tariffsForScoring(second.tableId, db).find((r) => r.code === "4VV")!.max).toBe("185");
    expect(listTariffTables(demo.zorgkantoorId, db).map((x) => [x.year, x.version])).toEqual([
      [2026, 2],
      [2026, 1],
    ]);
    expect(auditActions(db, "tariff_table.import")).toHaveLength(2);
  });

  it("versions count per zorgkantoor and year", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CLEAN_TARIFFS) }, db);
    const otherFirst = await importTariffTable(other.inkoper, { year: 2026, note: null, file: file("b.csv", CLEAN_TARIFFS) }, db);
    const nextYear = await importTariffTable(demo.inkoper, { year: 2027, note: null, file: file("c.csv", CLEAN_TARIFFS) }, db);
    expect(otherFirst).toMatchObject({ ok: true, version: 1 });
    expect(nextYear).toMatchObject({ ok: true, version: 1 });
    expect(listTariffTables(other.zorgkantoorId, db)).toHaveLength(1);
  });

  it("only a zorgkantoor imports tariffs", async () => {
    const before = everything();
    const result = await importTariffTable(demo.aanbieder, { year: 2026, note: null, file: file("t.csv", CLEAN_TARIFFS) }, db);
    expect(result.ok).toBe(false);
    expect(everything()).toEqual(before);
  });
});

const REGISTRY_HEADER = "agb;kvk;naam;regio's;sectoren;tarief vorig jaar (%);volume 4VV;volume 5VV";

function yearData(providerId: number, year: number) {
  return db
    .select()
    .from(providerYearData)
    .where(and(eq(providerYearData.providerId, providerId), eq(providerYearData.year, year), eq(providerYearData.zorgkantoorId, demo.zorgkantoorId)))
    .get();
}

function orgByAgb(agb: string) {
  return db.select().from(organisations).where(eq(organisations.agbCode, agb)).get();
}

function regionCodes(providerId: number): string[] {
  return db
    .select({ code: regions.code })
    .from(providerRegions)
    .innerJoin(regions, eq(regions.id, providerRegions.regionId))
    .where(eq(providerRegions.providerId, providerId))
    .all()
    .map((r) => r.code)
    .sort();
}

describe("provider registry import", () => {
  it("creates new providers by AGB, links existing ones (master data untouched, differences reported), and stores volumes and previous-year percent for the year", async () => {
    const linde = orgByAgb("73730001")!;
    const organisationsBefore = db.select().from(organisations).all().length;
    const csv = [
      REGISTRY_HEADER,
      "73730001;41100099;Zorggroep De Linde (nieuwe naam);DEMO-M;VV;97,5;3650;1825,5",
      '73739999;41199999;Nieuwe Zorg BV;"DEMO-N,DEMO-Z";VV,GHZ;;100;',
    ].join("\n");

    const result = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("register.csv", csv) }, db);

    expect(result).toEqual({
      ok: true,
      created: 1,
      linked: 1,
      differences: [
        {
          agbCode: "73730001",
          name: "Zorggroep De Linde",
          differences: [
            { field: "name", current: "Zorggroep De Linde", inFile: "Zorggroep De Linde (nieuwe naam)" },
            { field: "kvkNumber", current: "41100001", inFile: "41100099" },
          ],
        },
      ],
    });
    expect(db.select().from(organisations).all()).toHaveLength(organisationsBefore + 1);

    const updated = orgByAgb("73730001")!;
    expect(updated.id).toBe(linde.id);
    expect(updated).toMatchObject({ name: "Zorggroep De Linde", kvkNumber: "41100001", kind: "zorgaanbieder", sectors: ["VV"] });
    expect(regionCodes(linde.id)).toEqual(["DEMO-M"]); // DEMO-N dropped: the file is the truth for this zorgkantoor
    expect(yearData(linde.id, 2027)).toMatchObject({ volumes: { "4VV": "3650", "5VV": "1825.5" }, previousYearPercent: "97.5" });

    const created = orgByAgb("73739999")!;
    expect(created).toMatchObject({ kind: "zorgaanbieder", name: "Nieuwe Zorg BV", kvkNumber: "41199999", sectors: ["VV", "GHZ"] });
    expect(regionCodes(created.id)).toEqual(["DEMO-N", "DEMO-Z"]);
    expect(yearData(created.id, 2027)).toMatchObject({ volumes: { "4VV": "100" }, previousYearPercent: null });

    const events = auditActions(db, "registry.import");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ rows: 2, created: 1, linked: 1, sourceName: "register.csv" });

    const listed = registeredProviders(db, { zorgkantoorId: demo.zorgkantoorId, year: 2027, regionIds: [demo.regionIds["DEMO-M"]] });
    expect(listed.find((p) => p.agbCode === "73730001")).toMatchObject({ volumes: { "4VV": "3650", "5VV": "1825.5" }, previousYearPercent: "97.5" });
  });

  it("a re-import for the same year replaces that year's figures; another year's stay", async () => {
    const linde = orgByAgb("73730001")!;
    await importProviderRegistry(demo.inkoper, { year: 2026, file: file("r26.csv", `${REGISTRY_HEADER}\n73730001;41100001;Zorggroep De Linde;DEMO-N,DEMO-M;VV;96;1000;500`) }, db);
    await importProviderRegistry(demo.inkoper, { year: 2027, file: file("r27.csv", `${REGISTRY_HEADER}\n73730001;41100001;Zorggroep De Linde;DEMO-N,DEMO-M;VV;97;2000;`) }, db);
    const again = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("r27b.csv", `${REGISTRY_HEADER}\n73730001;41100001;Zorggroep De Linde;DEMO-N,DEMO-M;VV;98;;3000`) }, db);
    expect(again).toEqual({ ok: true, created: 0, linked: 1, differences: [] });
    expect(yearData(linde.id, 2026)).toMatchObject({ volumes: { "4VV": "1000", "5VV": "500" }, previousYearPercent: "96" });
    expect(yearData(linde.id, 2027)).toMatchObject({ volumes: { "5VV": "3000" }, previousYearPercent: "98" });
    expect(db.select().from(providerYearData).where(eq(providerYearData.providerId, linde.id)).all()).toHaveLength(2);
  });

  it("a file with one bad row imports nothing at all and reports row and column", async () => {
    const before = everything();
    const csv = [
      REGISTRY_HEADER,
      "73730001;41100099;Zorggroep De Linde (nieuwe naam);DEMO-M;VV;97;3650;1825", // row 2: fine
      "73739999;41199999;Nieuwe Zorg BV;DEMO-X;VV;;100;", // row 3: unknown region
      "7373998;41199998;Te Kort BV;DEMO-N;VV;101;;", // row 4: 7-digit AGB, percent above 100
    ].join("\n");

    const result = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("register.csv", csv) }, db);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(["3:regio's", "4:agb", "4:tarief vorig jaar (%)"]));
    expect(result.errors.find((e) => e.row === 3)!.message).toContain("DEMO-X");
    expect(everything()).toEqual(before);
    expect(orgByAgb("73730001")!.name).toBe("Zorggroep De Linde");
  });

  it("region codes of another zorgkantoor are unknown here", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const code = db.select().from(regions).where(eq(regions.id, other.regionId)).get()!.code;
    const before = everything();
    const result = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("r.csv", `${REGISTRY_HEADER}\n73739999;41199999;Nieuwe Zorg BV;${code};VV;;;`) }, db);
    expect(result.ok).toBe(false);
    expect(everything()).toEqual(before);
  });

  it("applies clean rows in one transaction: a failure on a later row rolls back the earlier ones", () => {
    const before = everything();
    expect(() =>
      applyRegistry(
        db,
        {
          zorgkantoorId: demo.zorgkantoorId,
          year: 2027,
          sourceName: "x",
          sha256: "x",
          actorUserId: demo.inkoper.id,
          rows: [
            { agbCode: "73739999", kvkNumber: "41199999", name: "Nieuwe Zorg BV", regions: ["DEMO-N"], sectors: ["VV"], previousYearPercent: null, volumes: { "4VV": "1" } },
            // The same region twice violates provider_regions' primary key mid-way.
            { agbCode: "73730001", kvkNumber: "41100001", name: "Zorggroep De Linde", regions: ["DEMO-N", "DEMO-N"], sectors: ["VV"], previousYearPercent: null, volumes: {} },
          ],
        },
        NOW,
      ),
    ).toThrow();
    expect(everything()).toEqual(before);
    expect(orgByAgb("73739999")).toBeUndefined();
  });

  it("an import by another zorgkantoor leaves this zorgkantoor's regions and figures of a shared provider alone", async () => {
    await importProviderRegistry(demo.inkoper, { year: 2027, file: file("r.csv", `${REGISTRY_HEADER}\n73730001;41100001;Zorggroep De Linde;DEMO-N,DEMO-M;VV;97;3650;`) }, db);
    const linde = orgByAgb("73730001")!;
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const code = db.select().from(regions).where(eq(regions.id, other.regionId)).get()!.code;

    const result = await importProviderRegistry(other.inkoper, { year: 2027, file: file("r.csv", `${REGISTRY_HEADER}\n73730001;41100001;Zorggroep De Linde;${code};VV;90;10;`) }, db);

    expect(result).toEqual({ ok: true, created: 0, linked: 1, differences: [] });
    expect(regionCodes(linde.id)).toEqual(["DEMO-M", "DEMO-N", code].sort());
    expect(yearData(linde.id, 2027)).toMatchObject({ volumes: { "4VV": "3650" }, previousYearPercent: "97" });
  });

  it("only a zorgkantoor imports the registry", async () => {
    const before = everything();
    const result = await importProviderRegistry(demo.aanbieder, { year: 2027, file: file("r.csv", `${REGISTRY_HEADER}\n73739999;41199999;Nieuwe Zorg BV;DEMO-N;VV;;;`) }, db);
    expect(result.ok).toBe(false);
    expect(everything()).toEqual(before);
  });
});
