// Issue 13, first bullet: providers' annual accounts imported by an inkoper (CSV and .xlsx) with
// the row-level error report of the other imports; nothing written until the file is clean; one
// version per import and one audit event; every zorgkantoor has and reads only its own figures.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accountsFigures,
  accountsFiguresForYear,
  importAnnualAccounts,
  listAnnualAccountsImports,
  readAnnualAccounts,
} from "../../../app/services/annual-accounts.server";
import { parseAnnualAccounts } from "../../../app/services/imports/annual-accounts.server";
import { toXlsx } from "../../../app/services/imports/table-write.server";
import type { Db } from "../../../db/client.server";
import { annualAccountsImports, organisations, providerRegions } from "../../../db/schema";
import { ensureDemoData } from "../../../db/seed/demo";
import { DEMO_ACCOUNTS_FILE, seedDemoAccounts } from "../../../db/seed/demo-accounts";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, PASSWORD, passwordHash, ROOT, rowCounts, seedDemoOrganisations, type Demo } from "../kaders/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const FIXTURES = path.join(ROOT, "tests/fixtures/imports");
const HEADER = "agb;jaar;wlzOmzet;totaleOmzet;personeelskosten;overigeBedrijfskosten;financieleBaten;financieleLasten;tariefpercentage";

const fixture = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) });
const file = (name: string, lines: string[]) => ({ name, bytes: new TextEncoder().encode(lines.join("\n")) });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
});

afterEach(() => t.close());

/** Every row of every table: a refused import must leave all of them as they were. */
function everything(): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(rowCounts(db)).map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));
}

const figuresOf = (zorgkantoorId: number, year = 2024) => {
  const found = accountsFigures(db, zorgkantoorId, year);
  return found ? Object.fromEntries(found.byAgb) : null;
};

/** The clean fixture's figures, exactly as decimal strings. */
const EXPECTED_2024 = {
  "73730001": { wlzRevenue: "12480000", totalRevenue: "13150000", personnelCosts: "9360000", otherOperatingCosts: "3410000", financingIncome: "12500", financingCosts: "186000", tariffPercent: "97" },
  "73730002": { wlzRevenue: "4215300.5", totalRevenue: "4215300.5", personnelCosts: "3290000", otherOperatingCosts: "905000", financingIncome: "0", financingCosts: "58000", tariffPercent: "95" },
  "73730003": { wlzRevenue: "6820000", totalRevenue: "7940000", personnelCosts: "5870000", otherOperatingCosts: "1905000", financingIncome: "4300", financingCosts: "121000", tariffPercent: "96" },
  "73730004": { wlzRevenue: "9105000", totalRevenue: "9460000", personnelCosts: "7120000", otherOperatingCosts: "2255000", financingIncome: "8000", financingCosts: "142500", tariffPercent: "96" },
  "73730005": { wlzRevenue: "15730000", totalRevenue: "16020000", personnelCosts: "11890000", otherOperatingCosts: "3930000", financingIncome: "22000", financingCosts: "260000", tariffPercent: "95.5" },
  "73730006": { wlzRevenue: "2940000", totalRevenue: "3010000", personnelCosts: "2260000", otherOperatingCosts: "690000", financingIncome: "1200", financingCosts: "38000", tariffPercent: "94" },
  "73730007": { wlzRevenue: "7655000", totalRevenue: "8100000", personnelCosts: "6050000", otherOperatingCosts: "1930000", financingIncome: "6100", financingCosts: "97000", tariffPercent: "96.5" },
};

describe("a file with errors", () => {
  it("imports nothing, writes no audit event, and names every problem by row and column in Dutch", async () => {
    const before = everything();

    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-met-fouten.csv") }, db, NOW);

    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 2, column: "wlzOmzet", message: "Wlz-omzet ontbreekt (vul 0 in als die er niet is)" },
        { row: 3, column: "wlzOmzet", message: "Wlz-omzet (€ -4.215.300,50) mag niet negatief zijn" },
        { row: 4, column: "agb", message: "onbekende aanbieder: AGB-code 99999999 is geen zorgaanbieder in uw regio's (importeer eerst het aanbiedersregister)" },
        { row: 6, column: "agb", message: "AGB-code 73730003 heeft voor 2024 twee keer een jaarrekening (ook rij 5): één rij per aanbieder en jaar" },
        { row: 7, column: "tariefpercentage", message: "tariefpercentage 120 % ligt niet tussen 0 en 100" },
        { row: 8, column: "personeelskosten", message: "personeelskosten (€ -11.890.000,00) mogen niet negatief zijn: vul kosten en baten als positieve bedragen in" },
        { row: 9, column: "totaleOmzet", message: "totale omzet (€ 2.900.000,00) is lager dan de Wlz-omzet (€ 2.940.000,00)" },
        { row: 10, column: "jaar", message: "jaar 2023 wijkt af van het gekozen boekjaar 2024 (één bestand per boekjaar)" },
        { row: 11, column: "financieleLasten", message: "financiële lasten ontbreken (vul 0 in als er geen zijn)" },
        { row: 11, column: "tariefpercentage", message: "tariefpercentage moet groter dan 0 zijn (het percentage van het maximumtarief waartegen de Wlz-omzet is verdiend)" },
        { row: 12, column: "wlzOmzet", message: "'veel' is geen bedrag" },
        { row: 12, column: "overigeBedrijfskosten", message: "'1.234' is dubbelzinnig (duizendtal of decimalen?): schrijf 1234" },
      ],
    });
    expect(everything()).toEqual(before);
  });

  it("one bad row among clean ones still imports nothing", async () => {
    const clean = fs.readFileSync(path.join(FIXTURES, "jaarrekeningen-voorbeeld.csv"), "utf8").trimEnd().split(/\r?\n/);
    const before = everything();
    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: file("bijna.csv", [...clean, "73730001;2024;1,00;1,00;0;0;0;0;101"]) }, db, NOW);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 9, column: "tariefpercentage" }, { row: 9, column: "agb" }] });
    expect(everything()).toEqual(before);
  });

  it("a missing column, an unknown one and a percentage above 100 are reported; headers are case-insensitive", async () => {
    const result = await parseAnnualAccounts(
      file("kolommen.csv", ["AGB;Jaar;WLZOMZET;TotaleOmzet;Personeelskosten;overige bedrijfskosten;Financiële baten;tariefpercentage;opmerking", "73730001;2024;1;1;0;0;0;100,01;x"]),
      { year: 2024, knownAgbCodes: new Set(["73730001"]) },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 1, column: "opmerking", message: expect.stringMatching(/^onbekende kolom 'opmerking' \(verwacht: agb, jaar, wlzOmzet, totaleOmzet, personeelskosten, overigeBedrijfskosten, financieleBaten, financieleLasten, tariefpercentage\)$/) },
        { row: 1, column: "financieleLasten", message: "kolom 'financieleLasten' ontbreekt" },
        { row: 2, column: "tariefpercentage", message: "tariefpercentage 100,01 % ligt niet tussen 0 en 100" },
      ],
    });
  });

  it("a provider of the zorgkantoor's registry is known only when it is in one of its regions", async () => {
    // Stichting Het Baken (73730002) works only in DEMO-M: without that link it is unknown to the demo zorgkantoor.
    const baken = demo.aanbieder2.organisation!.id;
    db.delete(providerRegions).run();
    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: file("een.csv", [HEADER, "73730002;2024;10;10;5;5;0;0;95"]) }, db, NOW);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2, column: "agb", message: expect.stringContaining("onbekende aanbieder: AGB-code 73730002") }] });
    db.insert(providerRegions).values({ providerId: baken, regionId: demo.regionIds["DEMO-M"] }).run();
    expect(await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: file("een.csv", [HEADER, "73730002;2024;10;10;5;5;0;0;95"]) }, db, NOW)).toMatchObject({ ok: true, providers: 1 });
  });
});

describe("a clean file", () => {
  it("becomes version 1 for the zorgkantoor and year, with exact decimal strings and one audit event carrying counts and the file's hash", async () => {
    const csv = fixture("jaarrekeningen-voorbeeld.csv");
    const events = auditActions(db, "annual_accounts.import").length;

    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: true, file: csv }, db, NOW);

    expect(result).toMatchObject({ ok: true, created: true, year: 2024, version: 1, providers: 7, changes: null });
    expect(figuresOf(demo.zorgkantoorId)).toEqual(EXPECTED_2024);
    const stored = readAnnualAccounts(demo.inkoper, 2024, {}, db)!;
    expect(stored.version).toMatchObject({ version: 1, sourceName: "jaarrekeningen-voorbeeld.csv", sha256: sha256(csv.bytes), illustrative: true, importedBy: demo.inkoper.id });
    expect(stored.version.note).toMatch(/Illustratieve cijfers/);
    expect(stored.providers.map((p) => p.name)[0]).toBe("Zorggroep De Linde");

    const audit = auditActions(db, "annual_accounts.import");
    expect(audit).toHaveLength(events + 1);
    expect(JSON.parse(audit.at(-1)!.payload)).toEqual({
      year: 2024,
      version: 1,
      replacesVersion: null,
      sourceName: "jaarrekeningen-voorbeeld.csv",
      sha256: sha256(csv.bytes),
      illustrative: true,
      providers: 7,
      added: 7,
      changed: 0,
      unchanged: 0,
      dropped: 0,
    });
    expect(audit.at(-1)!.actorUserId).toBe(demo.inkoper.id);
  });

  it("an .xlsx made with the project's own writer gives the same figures as the CSV (numbers as Excel holds them)", async () => {
    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.xlsx") }, db, NOW);
    expect(result).toMatchObject({ ok: true, created: true, providers: 7 });
    expect(figuresOf(demo.zorgkantoorId)).toEqual(EXPECTED_2024);
  });

  it("reads a percentage cell formatted as % in Excel (0.965) as 96,5 %, and refuses an amount with more than 2 decimals", async () => {
    const xlsx = await toXlsx(["agb", "jaar", "wlzOmzet", "totaleOmzet", "personeelskosten", "overigeBedrijfskosten", "financieleBaten", "financieleLasten", "tariefpercentage"], [["73730001", 2024, 100.5, 100.5, 50, 25, 0, 1.125, 0.965]], { textColumns: ["agb"] });
    // toXlsx writes plain numbers; format the percentage cell as Excel does when one types 96,5 %.
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    workbook.worksheets[0]!.getCell("I2").numFmt = "0.0%";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const parsed = await parseAnnualAccounts({ name: "procent.xlsx", bytes }, { year: 2024, knownAgbCodes: new Set(["73730001"]) });
    expect(parsed).toEqual({ ok: false, errors: [{ row: 2, column: "financieleLasten", message: "'1,125' heeft meer dan 2 decimalen" }] });
    workbook.worksheets[0]!.getCell("H2").value = 1.12;
    const fixed = await parseAnnualAccounts({ name: "procent.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }, { year: 2024, knownAgbCodes: new Set(["73730001"]) });
    expect(fixed).toMatchObject({ ok: true, rows: [{ wlzRevenue: "100.5", financingCosts: "1.12", tariffPercent: "96.5" }] });
  });

  it("Dutch and plain notation give the same decimal strings", async () => {
    const parsed = await parseAnnualAccounts(
      file("notatie.csv", [HEADER, "73730001;2024;1.234.567,89;€ 2.000.000,00;1000000;234567.89;0,5;12,25;96,35", "73730002;2024;1234567.89;2000000;1.000.000,00;234.567,89;0.50;12.25;96.35"]),
      { year: 2024, knownAgbCodes: new Set(["73730001", "73730002"]) },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { agbCode: _a, ...first } = parsed.rows[0]!;
    const { agbCode: _b, ...second } = parsed.rows[1]!;
    expect(first).toEqual(second);
    expect(first).toEqual({ year: 2024, wlzRevenue: "1234567.89", totalRevenue: "2000000", personnelCosts: "1000000", otherOperatingCosts: "234567.89", financingIncome: "0.5", financingCosts: "12.25", tariffPercent: "96.35" });
  });
});

describe("versions", () => {
  it("a re-import is version 2 that replaces the current figures; version 1 stays readable and unchanged", async () => {
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const v1 = readAnnualAccounts(demo.inkoper, 2024, { version: 1 }, db);
    const lines = fs.readFileSync(path.join(FIXTURES, "jaarrekeningen-voorbeeld.csv"), "utf8").trimEnd().split(/\r?\n/);
    // De Linde's costs corrected, Zonnehuis Oost (73730006) left out.
    const next = lines.filter((l) => !l.startsWith("73730006")).map((l) => (l.startsWith("73730001") ? l.replace("9.360.000,00", "9.400.000,00") : l));

    const result = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: file("correctie.csv", next) }, db, new Date(NOW.getTime() + 1000));

    expect(result).toMatchObject({ ok: true, created: true, version: 2, providers: 6, changes: { replacesVersion: 1, added: 0, changed: 1, unchanged: 5, dropped: 1 } });
    const current = figuresOf(demo.zorgkantoorId)!;
    expect(current["73730001"]!.personnelCosts).toBe("9400000");
    expect(Object.keys(current)).not.toContain("73730006");
    expect(accountsFigures(db, demo.zorgkantoorId, 2024)).toMatchObject({ version: 2, illustrative: false, sha256: sha256(file("correctie.csv", next).bytes) });
    expect(readAnnualAccounts(demo.inkoper, 2024, { version: 1 }, db)).toEqual(v1);
    expect(listAnnualAccountsImports(demo.inkoper, db).map((v) => [v.year, v.version])).toEqual([
      [2024, 2],
      [2024, 1],
    ]);
    const payload = JSON.parse(auditActions(db, "annual_accounts.import").at(-1)!.payload);
    expect(payload).toMatchObject({ version: 2, replacesVersion: 1, providers: 6, added: 0, changed: 1, unchanged: 5, dropped: 1 });
  });

  it("the same figures again (CSV or Excel) create no version and no audit event; marking them illustrative does", async () => {
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const before = everything();
    const again = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.xlsx") }, db, NOW);
    expect(again).toMatchObject({ ok: true, created: false, version: 1, providers: 7 });
    expect(everything()).toEqual(before);
    const marked = await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: true, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    expect(marked).toMatchObject({ ok: true, created: true, version: 2 });
  });

  it("versions count per year: another year starts at version 1 and leaves 2024 alone", async () => {
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const result = await importAnnualAccounts(demo.inkoper, { year: 2025, illustrative: false, file: file("2025.csv", [HEADER, "73730001;2025;13.000.000,00;13.500.000,00;9.500.000,00;3.500.000,00;0;190.000,00;97,5"]) }, db, NOW);
    expect(result).toMatchObject({ ok: true, version: 1, providers: 1 });
    expect(figuresOf(demo.zorgkantoorId, 2024)).toEqual(EXPECTED_2024);
    expect(Object.keys(figuresOf(demo.zorgkantoorId, 2025)!)).toEqual(["73730001"]);
  });

  it("no connection changes, removes or replaces an imported version (triggers, also for REPLACE INTO)", async () => {
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const before = everything();
    const sql = db.$client;
    expect(() => sql.prepare("UPDATE annual_accounts SET wlz_revenue = '1'").run()).toThrow(/immutable/);
    expect(() => sql.prepare("DELETE FROM annual_accounts").run()).toThrow(/immutable/);
    expect(() => sql.prepare("UPDATE annual_accounts_imports SET illustrative = 1").run()).toThrow(/immutable/);
    expect(() => sql.prepare("DELETE FROM annual_accounts_imports").run()).toThrow(/immutable/);
    const row = sql.prepare("SELECT * FROM annual_accounts ORDER BY id LIMIT 1").get() as Record<string, unknown>;
    expect(() => sql.prepare(`REPLACE INTO annual_accounts (${Object.keys(row).join(", ")}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(", ")})`).run({ ...row, wlz_revenue: "1" })).toThrow(/immutable/);
    const { id: _id, ...withoutId } = row;
    expect(() => sql.prepare(`INSERT OR REPLACE INTO annual_accounts (${Object.keys(withoutId).join(", ")}) VALUES (${Object.keys(withoutId).map((k) => `@${k}`).join(", ")})`).run({ ...withoutId, wlz_revenue: "1" })).toThrow(/immutable/);
    const version = sql.prepare("SELECT * FROM annual_accounts_imports LIMIT 1").get() as Record<string, unknown>;
    const { id: _vid, ...versionWithoutId } = version;
    expect(() => sql.prepare(`INSERT OR REPLACE INTO annual_accounts_imports (${Object.keys(versionWithoutId).join(", ")}) VALUES (${Object.keys(versionWithoutId).map((k) => `@${k}`).join(", ")})`).run({ ...versionWithoutId, sha256: "vervalst" })).toThrow(/immutable/);
    expect(everything()).toEqual(before);
  });
});

describe("tenancy: every zorgkantoor has its own figures", () => {
  it("zorgkantoor B's import for the same provider and year never changes A's figures, and neither reads the other's", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    // De Linde also works in B's region: both zorgkantoren may import its (public) accounts.
    db.insert(providerRegions).values({ providerId: demo.aanbieder.organisation!.id, regionId: other.regionId }).run();
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const aBefore = { figures: figuresOf(demo.zorgkantoorId), read: readAnnualAccounts(demo.inkoper, 2024, {}, db), list: listAnnualAccountsImports(demo.inkoper, db) };
    const otherAgb = db.select().from(organisations).where(eq(organisations.id, other.providerOrgId)).get()!.agbCode!;

    const b = await importAnnualAccounts(other.inkoper, { year: 2024, illustrative: false, file: file("b.csv", [HEADER, "73730001;2024;1,00;1,00;1,00;1,00;0;0;50", `${otherAgb};2024;2,00;2,00;0;0;0;0;90`]) }, db, NOW);

    expect(b).toMatchObject({ ok: true, created: true, version: 1, providers: 2 });
    expect({ figures: figuresOf(demo.zorgkantoorId), read: readAnnualAccounts(demo.inkoper, 2024, {}, db), list: listAnnualAccountsImports(demo.inkoper, db) }).toEqual(aBefore);
    expect(figuresOf(other.zorgkantoorId)!["73730001"]!.wlzRevenue).toBe("1");
    // Each reads only its own: B's list and figures hold nothing of A's, and A's nothing of B's.
    expect(listAnnualAccountsImports(other.inkoper, db).map((v) => v.zorgkantoorId)).toEqual([other.zorgkantoorId]);
    expect(readAnnualAccounts(other.inkoper, 2024, {}, db)!.providers.map((p) => [p.agbCode, p.wlzRevenue])).toEqual([
      ["73730001", "1"],
      [otherAgb, "2"],
    ]);
    expect([...accountsFiguresForYear(demo.inkoper, 2024, db)!.byAgb.keys()]).not.toContain(otherAgb);
    expect(accountsFiguresForYear(other.inkoper, 2024, db)!.byAgb.get("73730001")!.wlzRevenue).toBe("1");
    expect(accountsFiguresForYear(demo.inkoper, 2024, db)!.byAgb.get("73730001")!.wlzRevenue).toBe("12480000");
    // A's version 1 and B's version 1 are different rows: asking for "version 1" never crosses over.
    expect(readAnnualAccounts(demo.inkoper, 2024, { version: 1 }, db)!.version.zorgkantoorId).toBe(demo.zorgkantoorId);
    // The audit event names B only, so A's staff do not see it in their trail.
    const named = db.$client.prepare("SELECT organisation_ids FROM audit_events WHERE action = 'annual_accounts.import' ORDER BY seq").pluck().all() as string[];
    expect(named.map((ids) => JSON.parse(ids))).toEqual([
      [demo.zorgkantoorId],
      [other.zorgkantoorId],
    ]);
  });

  it("B cannot import figures for A's providers outside B's regions", async () => {
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    const before = everything();
    const result = await importAnnualAccounts(other.inkoper, { year: 2024, illustrative: false, file: file("b.csv", [HEADER, "73730001;2024;1;1;1;1;0;0;50"]) }, db, NOW);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2, column: "agb", message: expect.stringContaining("onbekende aanbieder") }] });
    expect(everything()).toEqual(before);
  });

  it("a provider, an assessor or the beheerder imports nothing and reads nothing", async () => {
    await importAnnualAccounts(demo.inkoper, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
    const before = everything();
    for (const actor of [demo.aanbieder, demo.beoordelaar, demo.beheerder]) {
      const result = await importAnnualAccounts(actor, { year: 2024, illustrative: false, file: fixture("jaarrekeningen-voorbeeld.csv") }, db, NOW);
      expect(result).toEqual({ ok: false, errors: [{ row: null, column: null, message: "Alleen een inkoper van een zorgkantoor importeert jaarrekeningen." }] });
    }
    expect(everything()).toEqual(before);
    for (const actor of [demo.aanbieder, demo.beheerder]) {
      expect(listAnnualAccountsImports(actor, db)).toEqual([]);
      expect(readAnnualAccounts(actor, 2024, {}, db)).toBeNull();
      expect(accountsFiguresForYear(actor, 2024, db)).toBeNull();
    }
  });
});

describe("demo seed", () => {
  it("imports the demo accounts as illustrative when the file exists, for the year the file names", async () => {
    const year = await seedDemoAccounts(db, NOW, path.join(FIXTURES, "jaarrekeningen-voorbeeld.csv"));
    expect(year).toBe(2024);
    const stored = accountsFigures(db, demo.zorgkantoorId, 2024)!;
    expect(stored).toMatchObject({ version: 1, illustrative: true });
    expect(Object.fromEntries(stored.byAgb)).toEqual(EXPECTED_2024);
    expect(readAnnualAccounts(demo.inkoper, 2024, {}, db)!.version.note).toMatch(/Illustratieve cijfers/);
  });

  it("the demo seed imports db/seed/demo-jaarrekeningen.csv exactly when it exists", async () => {
    const fresh = createTestDb();
    try {
      await ensureDemoData(fresh.db, { file: fresh.file, password: PASSWORD, now: NOW });
      const versions = fresh.db.select().from(annualAccountsImports).all();
      if (fs.existsSync(DEMO_ACCOUNTS_FILE)) {
        expect(versions).toHaveLength(1);
        expect(versions[0]).toMatchObject({ version: 1, illustrative: true, sourceName: "demo-jaarrekeningen.csv", sha256: sha256(new Uint8Array(fs.readFileSync(DEMO_ACCOUNTS_FILE))) });
      } else {
        expect(versions).toEqual([]);
      }
    } finally {
      fresh.close();
    }
  });

  it("seeds nothing when the file is not there", async () => {
    const before = everything();
    expect(await seedDemoAccounts(db, NOW, path.join(FIXTURES, "bestaat-niet.csv"))).toBeNull();
    expect(everything()).toEqual(before);
  });
});
