import { describe, expect, it } from "vitest";
import {
  parseProviderRegistry,
  PROVIDER_REGISTRY_HEADERS,
  providerRegistryTemplateCsv,
  type ProviderRow,
} from "~/services/imports/provider-registry.server";
import { toXlsx } from "~/services/imports/table-write.server";
import { csvFile, errorsOf, fixture, rowsOf, xlsxFile } from "./helpers";

const HEADER = "agb;kvk;naam;regio's;sectoren;tarief vorig jaar (%);volume 4VV;volume 5VV";
const KNOWN = { knownRegionCodes: ["5509", "5510", "Z-NOORD"], knownPrestaties: ["4VV", "5VV", "6VV"] };

const A: ProviderRow = {
  agbCode: "01234567",
  kvkNumber: "00123456",
  name: "Zorggroep A",
  regions: ["5509", "5510"],
  sectors: ["VV", "GHZ"],
  previousYearPercent: "97.25",
  volumes: { "4VV": "3650", "5VV": "1825.5" },
};
const C: ProviderRow = {
  agbCode: "73730003",
  kvkNumber: "41234569",
  name: "Thuiszorg C",
  regions: [],
  sectors: [],
  previousYearPercent: null,
  volumes: {},
};

describe("parseProviderRegistry: clean files", () => {
  it("reads a ;-separated CSV: leading zeros kept, quoted ;-lists and ,-lists, Dutch decimals", async () => {
    const text = [
      HEADER,
      '01234567;00123456;Zorggroep A;"5509; 5510";V&V,GHZ;97,25;3650;1.825,50',
      "73730003;41234569;Thuiszorg C;;;;;",
    ].join("\r\n");
    expect(rowsOf(await parseProviderRegistry(csvFile(text), KNOWN))).toEqual([A, C]);
  });

  it("reads a ,-separated CSV whose lists are quoted or use ;", async () => {
    const text = [
      "AGB,KvK,Naam,Regios,Sectoren,Vorig jaar,Volume 4vv,volume 5VV",
      '01234567,00123456,"Zorggroep A","5509,5510",VV;GHZ;vv,97.25,3650,1825.50',
      "73730003,41234569,Thuiszorg C,,,,,",
    ].join("\n");
    // The known list's spelling of a prestatie wins over the header's ("volume 4vv" → 4VV).
    expect(rowsOf(await parseProviderRegistry(csvFile(text), KNOWN))).toEqual([A, C]);
  });

  it("keeps region and prestatie codes as written when no known lists are given", async () => {
    const text = "agb;kvk;naam;regio's;volume 9vv\n73730003;41234569;C;z-noord;12\n";
    expect(rowsOf(await parseProviderRegistry(csvFile(text)))).toEqual([
      { ...C, name: "C", regions: ["z-noord"], volumes: { "9vv": "12" } },
    ]);
  });

  it("reads an .xlsx with text codes, numeric cells and a cell formatted as percentage", async () => {
    const file = await xlsxFile(
      [
        [...PROVIDER_REGISTRY_HEADERS, "volume 4VV", "volume 5VV"],
        ["01234567", "00123456", "Zorggroep A", "5509,5510", "VV;GHZ", 0.9725, 3650, 1825.5],
        [73730003, 41234569, "Thuiszorg C", null, null, null, null, null],
      ],
      { F2: "0.00%" },
    );
    expect(rowsOf(await parseProviderRegistry(file, KNOWN))).toEqual([A, C]);
  });

  it("accepts a numeric .xlsx code formatted 00000000: the user sees its leading zero", async () => {
    const file = await xlsxFile([["agb", "kvk", "naam", "regio's"], [1234567, 123456, "A", 5509]], {
      A2: "00000000",
      B2: "00000000",
    });
    expect(rowsOf(await parseProviderRegistry(file, KNOWN))).toEqual([
      { agbCode: "01234567", kvkNumber: "00123456", name: "A", regions: ["5509"], sectors: [], previousYearPercent: null, volumes: {} },
    ]);
  });

  it("reads the demo provider fixture with the demo's region codes", async () => {
    const rows = rowsOf(await parseProviderRegistry(fixture("zorgaanbieders-voorbeeld.csv"), { ...KNOWN, knownRegionCodes: ["DEMO-N", "DEMO-M", "DEMO-Z"] }));
    expect(rows.map((r) => [r.name, r.previousYearPercent, r.volumes])).toEqual([
      ["Zorggroep A (fictief)", "97", { "4VV": "3650", "5VV": "1825", "6VV": "730" }],
      ["Stichting B (fictief)", "95", { "4VV": "1000", "5VV": "500" }],
      ["Thuiszorg C (fictief)", null, {}],
    ]);
  });

  it("offers a template CSV that imports cleanly, and an .xlsx whose code columns are text", async () => {
    const template = providerRegistryTemplateCsv();
    expect(template.split("\r\n")[0]).toBe(HEADER);
    const rows = rowsOf(await parseProviderRegistry(csvFile(template), KNOWN));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ sectors: ["VV", "GHZ"], previousYearPercent: "95.5", volumes: { "4VV": "1000" } });
    const lines = template.trimEnd().split("\r\n").map((line) => line.split(";"));
    const bytes = await toXlsx(lines[0] ?? [], lines.slice(1), { textColumns: ["agb", "kvk"] });
    expect(rowsOf(await parseProviderRegistry({ name: "aanbieders.xlsx", bytes }, KNOWN))).toEqual(rows);
  });
});

describe("parseProviderRegistry: errors with row number and column", () => {
  it("tells that a numeric .xlsx AGB code lost its leading zero", async () => {
    const file = await xlsxFile([["agb", "kvk", "naam"], [1234567, "00123456", "A"], ["01234568", 123456, "B"]]);
    expect(errorsOf(await parseProviderRegistry(file))).toEqual([
      {
        row: 2,
        column: "agb",
        message:
          "AGB-code 1234567 staat in Excel als getal en is zo de voorloopnul kwijtgeraakt: maak de kolom 'Tekst' en typ de code met 8 cijfers (bijv. 01234567)",
      },
      {
        row: 3,
        column: "kvk",
        message:
          "KvK-nummer 123456 staat in Excel als getal en is zo de voorloopnul kwijtgeraakt: maak de kolom 'Tekst' en typ de code met 8 cijfers (bijv. 00123456)",
      },
    ]);
  });

  it("refuses codes that are not exactly 8 digits", async () => {
    const text = "agb;kvk;naam\n1234567;12 345 678;A\n123456789;;B\n";
    expect(errorsOf(await parseProviderRegistry(csvFile(text)))).toEqual([
      { row: 2, column: "agb", message: "AGB-code '1234567' heeft 7 cijfers in plaats van 8 (voorloopnul weggevallen?)" },
      { row: 2, column: "kvk", message: "KvK-nummer '12 345 678' moet uit precies 8 cijfers bestaan" },
      { row: 3, column: "agb", message: "AGB-code '123456789' moet uit precies 8 cijfers bestaan" },
      { row: 3, column: "kvk", message: "KvK-nummer ontbreekt" },
    ]);
  });

  it("names both rows of a duplicate AGB code (one KvK may hold several AGB codes)", async () => {
    const text = "agb;kvk;naam\n01234567;00123456;A\n73730003;00123456;B\n01234567;41234569;C\n";
    expect(errorsOf(await parseProviderRegistry(csvFile(text)))).toEqual([
      { row: 4, column: "agb", message: "AGB-code 01234567 komt twee keer voor (rij 2 en 4)" },
    ]);
  });

  it("refuses unknown regions, prestaties and sectors when the lists are given", async () => {
    const text = "agb;kvk;naam;regio's;sectoren;volume 4VV;volume 9XX\n01234567;00123456;A;5509,9999;VV,XX;1;2\n";
    expect(errorsOf(await parseProviderRegistry(csvFile(text), KNOWN))).toEqual([
      { row: 1, column: "volume 9XX", message: "onbekende prestatie '9XX' in kolom 'volume 9XX'" },
      { row: 2, column: "regio's", message: "onbekende regiocode '9999'" },
      { row: 2, column: "sectoren", message: "onbekende sector 'XX' (kies VV, GHZ of GGZ)" },
    ]);
  });

  it("checks percentages (0–100, 4 decimals) and volumes (not negative, 2 decimals)", async () => {
    const text = [
      "agb;kvk;naam;vorig jaar;volume 4VV;volume 5VV",
      "01234567;00123456;A;100,5;-1;3.650",
      "01234568;00123456;B;96,12345;12,345;veel",
      "01234569;00123456;C;96.125 %;3.650,5;0",
    ].join("\n");
    expect(errorsOf(await parseProviderRegistry(csvFile(text), KNOWN))).toEqual([
      { row: 2, column: "vorig jaar", message: "tarief vorig jaar 100,5 % ligt niet tussen 0 en 100" },
      { row: 2, column: "volume 4VV", message: "volume -1 mag niet negatief zijn" },
      { row: 2, column: "volume 5VV", message: "'3.650' is dubbelzinnig (duizendtal of decimalen?): schrijf 3650 of 3,65" },
      { row: 3, column: "vorig jaar", message: "'96,12345' heeft meer dan 4 decimalen" },
      { row: 3, column: "volume 4VV", message: "'12,345' heeft meer dan 2 decimalen" },
      { row: 3, column: "volume 5VV", message: "'veel' is geen getal" },
    ]);
  });

  it("reports missing required columns, an unknown column and a doubled volume column together", async () => {
    const text = "naam;opmerking;volume 4VV;Volume 4vv;volume\nA;x;1;2;3\n";
    expect(errorsOf(await parseProviderRegistry(csvFile(text)))).toEqual([
      {
        row: 1,
        column: "opmerking",
        message:
          "onbekende kolom 'opmerking' (verwacht: agb, kvk, naam, regio's, sectoren, tarief vorig jaar (%), volume <prestatiecode>)",
      },
      { row: 1, column: "Volume 4vv", message: "kolom 'Volume 4vv' komt twee keer voor (kolommen C en D)" },
      {
        row: 1,
        column: "volume",
        message:
          "onbekende kolom 'volume' (verwacht: agb, kvk, naam, regio's, sectoren, tarief vorig jaar (%), volume <prestatiecode>)",
      },
      { row: 1, column: "agb", message: "kolom 'agb' ontbreekt" },
      { row: 1, column: "kvk", message: "kolom 'kvk' ontbreekt" },
    ]);
  });

  it("reports every error of every row at once and returns no rows", async () => {
    const text = [
      HEADER,
      "01234567;00123456;;5509;VV;97;1;2",
      "01234567;00123456;B;5509;GGZ;;x;",
      "73730003;41234569;C;;;;;",
    ].join("\n");
    expect(errorsOf(await parseProviderRegistry(csvFile(text), KNOWN))).toEqual([
      { row: 2, column: "naam", message: "naam ontbreekt" },
      { row: 3, column: "volume 4VV", message: "'x' is geen getal" },
      { row: 3, column: "agb", message: "AGB-code 01234567 komt twee keer voor (rij 2 en 3)" },
    ]);
  });
});
