// Issue 7, point 2: a zorgkantoor's registry import creates providers and links them to its own
// regions and year data; it never changes the master data (name, KvK number, sectors) that
// every zorgkantoor shares, it audits every change with old and new values, and it caps the
// number of new providers per file.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importProviderRegistry, MAX_NEW_PROVIDERS_PER_IMPORT } from "../../../app/services/registry.server";
import type { Db } from "../../../db/client.server";
import { organisations, providerRegions, providerYearData, regions } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, passwordHash, rowCounts, seedDemoOrganisations, type Demo } from "../kaders/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const HEADER = "agb;kvk;naam;regio's;sectoren;tarief vorig jaar (%);volume 4VV;volume 5VV";
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;
let otherCode: string;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  other = addSecondZorgkantoor(db, NOW, await passwordHash());
  otherCode = db.select().from(regions).where(eq(regions.id, other.regionId)).get()!.code;
});

afterEach(() => t.close());

const orgByAgb = (agb: string) => db.select().from(organisations).where(eq(organisations.agbCode, agb)).get();

function regionCodesOf(providerId: number): string[] {
  return db
    .select({ code: regions.code })
    .from(providerRegions)
    .innerJoin(regions, eq(regions.id, providerRegions.regionId))
    .where(eq(providerRegions.providerId, providerId))
    .all()
    .map((r) => r.code)
    .sort();
}

function everything(): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(rowCounts(db)).map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));
}

describe("zorgkantoor B's import and zorgkantoor A's providers", () => {
  it("never changes the name, KvK number or sectors of a provider A created; reports the difference instead", async () => {
    const a = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("a.csv", `${HEADER}\n73731111;41131111;Zorg van A BV;DEMO-N;VV;97;100;`) }, db);
    expect(a).toMatchObject({ ok: true, created: 1, linked: 0 });
    const created = orgByAgb("73731111")!;

    const b = await importProviderRegistry(other.inkoper, { year: 2027, file: file("b.csv", `${HEADER}\n73731111;99999999;Overgenomen door B;${otherCode};GHZ;90;5;`) }, db);

    expect(b).toEqual({
      ok: true,
      created: 0,
      linked: 1,
      differences: [
        {
          agbCode: "73731111",
          name: "Zorg van A BV",
          differences: [
            { field: "name", current: "Zorg van A BV", inFile: "Overgenomen door B" },
            { field: "kvkNumber", current: "41131111", inFile: "99999999" },
            { field: "sectors", current: "VV", inFile: "GHZ" },
          ],
        },
      ],
    });
    expect(orgByAgb("73731111")).toEqual(created);
  });

  it("links only to B's own regions: A's region code is unknown to B, and A's links and figures stay", async () => {
    await importProviderRegistry(demo.inkoper, { year: 2027, file: file("a.csv", `${HEADER}\n73731111;41131111;Zorg van A BV;DEMO-N,DEMO-M;VV;97;100;`) }, db);
    const provider = orgByAgb("73731111")!;
    const before = everything();

    const foreign = await importProviderRegistry(other.inkoper, { year: 2027, file: file("b.csv", `${HEADER}\n73731111;41131111;Zorg van A BV;DEMO-Z;VV;90;5;`) }, db);
    expect(foreign.ok).toBe(false);
    expect(everything()).toEqual(before);

    const own = await importProviderRegistry(other.inkoper, { year: 2027, file: file("b.csv", `${HEADER}\n73731111;41131111;Zorg van A BV;${otherCode};VV;90;5;`) }, db);
    expect(own).toMatchObject({ ok: true, created: 0, linked: 1 });
    expect(regionCodesOf(provider.id)).toEqual(["DEMO-M", "DEMO-N", otherCode].sort());
    const yearRows = db.select().from(providerYearData).where(and(eq(providerYearData.providerId, provider.id), eq(providerYearData.year, 2027))).all();
    expect(yearRows.map((r) => [r.zorgkantoorId, r.previousYearPercent]).sort()).toEqual(
      [
        [demo.zorgkantoorId, "97"],
        [other.zorgkantoorId, "90"],
      ].sort(),
    );
  });

  it("audits every change with old and new values in the one registry.import event", async () => {
    await importProviderRegistry(demo.inkoper, { year: 2027, file: file("a.csv", `${HEADER}\n73731111;41131111;Zorg van A BV;DEMO-N;VV;97;100;`) }, db);
    const provider = orgByAgb("73731111")!;
    const linde = orgByAgb("73730001")!;
    const before = auditActions(db, "registry.import").length;

    await importProviderRegistry(
      demo.inkoper,
      {
        year: 2027,
        file: file("a2.csv", [HEADER, "73731111;41131111;Andere Naam;DEMO-M;VV;98;200;", "73732222;41132222;Nieuw BV;DEMO-Z;VV;;;"].join("\n")),
      },
      db,
    );

    const events = auditActions(db, "registry.import");
    expect(events).toHaveLength(before + 1);
    const payload = JSON.parse(events.at(-1)!.payload);
    expect(payload.createdProviders).toEqual([{ id: orgByAgb("73732222")!.id, agbCode: "73732222", name: "Nieuw BV", kvkNumber: "41132222", sectors: ["VV"], regions: ["DEMO-Z"] }]);
    expect(payload.regionChanges).toEqual([{ providerId: provider.id, agbCode: "73731111", old: ["DEMO-N"], new: ["DEMO-M"] }]);
    expect(payload.yearDataChanges).toEqual([
      { providerId: provider.id, agbCode: "73731111", old: { volumes: { "4VV": "100" }, previousYearPercent: "97" }, new: { volumes: { "4VV": "200" }, previousYearPercent: "98" } },
      { providerId: orgByAgb("73732222")!.id, agbCode: "73732222", old: null, new: { volumes: {}, previousYearPercent: null } },
    ]);
    expect(payload.masterDataNotApplied).toEqual([{ agbCode: "73731111", name: "Zorg van A BV", differences: [{ field: "name", current: "Zorg van A BV", inFile: "Andere Naam" }] }]);
    expect(orgByAgb("73731111")!.name).toBe("Zorg van A BV");
    expect(linde.name).toBe(orgByAgb("73730001")!.name);
  });

  it("refuses a file with more new providers than the cap, and writes nothing", async () => {
    expect(MAX_NEW_PROVIDERS_PER_IMPORT).toBeGreaterThan(0);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `7374${String(i).padStart(4, "0")};4114${String(i).padStart(4, "0")};Nieuw ${i} BV;DEMO-N;VV;;;`);
    const before = everything();
    const refused = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("veel.csv", [HEADER, "73730001;41100001;Zorggroep De Linde;DEMO-N;VV;;;", ...rows(3)].join("\n")), maxNewProviders: 2 }, db);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]!.message).toMatch(/3 nieuwe aanbieders; per import kunnen er hoogstens 2/);
    expect(everything()).toEqual(before);

    const atCap = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("twee.csv", [HEADER, ...rows(2)].join("\n")), maxNewProviders: 2 }, db);
    expect(atCap).toMatchObject({ ok: true, created: 2 });
  });

  it("the default cap applies without an explicit one", async () => {
    const n = MAX_NEW_PROVIDERS_PER_IMPORT + 1;
    const rows = Array.from({ length: n }, (_, i) => `7375${String(i).padStart(4, "0")};4115${String(i).padStart(4, "0")};Nieuw ${i} BV;DEMO-N;VV;;;`);
    const before = everything();
    const refused = await importProviderRegistry(demo.inkoper, { year: 2027, file: file("veel.csv", [HEADER, ...rows].join("\n")) }, db);
    expect(refused.ok).toBe(false);
    expect(everything()).toEqual(before);
  });
});
