// Issue 7 (walkthrough): importing the same tariff file twice made a silent second version. An
// import whose rows equal a stored version of the same zorgkantoor and year creates nothing and
// says which version it equals. Prestatie codes are listed in natural order (4VV before 10VV).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { comparePrestatieCodes } from "../../../app/lib/prestatie-codes";
import { importTariffTable, listTariffTables, loadTariffTable, tariffsForScoring } from "../../../app/services/tariff-tables.server";
import type { Db } from "../../../db/client.server";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, rowCounts, seedDemoOrganisations, type Demo } from "../kaders/fixtures";

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
const everything = () => Object.fromEntries(Object.keys(rowCounts(db)).map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));

const HEADER = "prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic";
const ROWS = ["10VV;VV;ZZP 10 VV;dag;310,00;21,50;3,50", "4VV;VV;ZZP 4 VV;dag;180,00;20,00;3,00", "5VV;VV;ZZP 5 VV;dag;260,00;21,50;3,50", "9bVV;VV;ZZP 9b VV;dag;300,00;21,50;3,50"];
const CSV = [HEADER, ...ROWS].join("\n");

describe("re-importing an identical tariff file", () => {
  it("creates nothing, writes no audit event and says which version it equals", async () => {
    const first = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("tarieven.csv", CSV) }, db);
    expect(first).toMatchObject({ ok: true, created: true, version: 1, rows: 4 });
    const before = everything();
    const again = await importTariffTable(demo.inkoper, { year: 2026, note: "nog een keer", file: file("tarieven.csv", CSV) }, db);
    expect(again).toEqual({ ok: true, created: false, tableId: (first as { tableId: number }).tableId, version: 1, rows: 4 });
    expect(everything()).toEqual(before);
    expect(auditActions(db, "tariff_table.import")).toHaveLength(1);
  });

  it("the same rows in another order, file name or line ending are the same table", async () => {
    await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CSV) }, db);
    const shuffled = [HEADER, ...[...ROWS].reverse()].join("\r\n");
    const again = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("b.csv", shuffled) }, db);
    expect(again).toMatchObject({ ok: true, created: false, version: 1 });
    expect(listTariffTables(demo.zorgkantoorId, db)).toHaveLength(1);
  });

  it("a changed amount, another year or another zorgkantoor is a new version as before", async () => {
    await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CSV) }, db);
    const changed = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CSV.replace("180,00", "181,00")) }, db);
    expect(changed).toMatchObject({ ok: true, created: true, version: 2 });
    const nextYear = await importTariffTable(demo.inkoper, { year: 2027, note: null, file: file("a.csv", CSV) }, db);
    expect(nextYear).toMatchObject({ ok: true, created: true, version: 1 });
    // Back to version 1's content: it equals version 1, so nothing new.
    const back = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CSV) }, db);
    expect(back).toMatchObject({ ok: true, created: false, version: 1 });
  });
});

describe("prestatie codes in natural order", () => {
  it("sorts the number as a number", () => {
    expect(["10VV", "4VV", "9bVV", "1VV", "5VV", "10GHZ", "2GGZ"].sort(comparePrestatieCodes)).toEqual(["1VV", "2GGZ", "4VV", "5VV", "9bVV", "10GHZ", "10VV"]);
  });

  it("the tariff table lists 4VV before 10VV", async () => {
    const result = await importTariffTable(demo.inkoper, { year: 2026, note: null, file: file("a.csv", CSV) }, db);
    if (!result.ok) throw new Error("import refused");
    expect(loadTariffTable(result.tableId, db)!.rows.map((r) => r.code)).toEqual(["4VV", "5VV", "9bVV", "10VV"]);
    expect(tariffsForScoring(result.tableId, db).map((r) => r.code)).toEqual(["4VV", "5VV", "9bVV", "10VV"]);
  });
});
