import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  parseTariffTable,
  TARIFF_TABLE_HEADERS,
  tariffTableTemplateCsv,
  type TariffRow,
} from "~/services/imports/tariff-table.server";
import { toXlsx } from "~/services/imports/table-write.server";
import { csvFile, errorsOf, fixture, rowsOf, xlsxFile } from "./helpers";

const HEADER = "prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic";
const FOUR_VV: TariffRow = {
  code: "4VV",
  sector: "VV",
  label: "ZZP 4 VV",
  unit: "dag",
  max: "180",
  components: { NHC: "20", NIC: "3" },
};
const FIVE_VV: TariffRow = {
  code: "5VV",
  sector: "VV",
  label: "ZZP 5 VV",
  unit: "dag",
  max: "260",
  components: { NHC: "21.5", NIC: "3.5" },
};

/** A `;` CSV with the standard header and the given data lines. */
function tariffCsv(...lines: string[]) {
  return csvFile([HEADER, ...lines].join("\n"));
}

describe("parseTariffTable: clean files", () => {
  it("reads a ;-separated CSV with Dutch amounts into canonical decimal strings", async () => {
    const result = await parseTariffTable(
      tariffCsv("4VV;VV;ZZP 4 VV;dag;180,00;20,00;3,00", "5VV;V&V;ZZP 5 VV;dag;260,00;21,50;3,50"),
    );
    expect(rowsOf(result)).toEqual([FOUR_VV, FIVE_VV]);
  });

  it("reads a ,-separated CSV with dot amounts, a BOM and CRLF line ends", async () => {
    const text = "\uFEFFprestatie,sector,omschrijving,eenheid,maximumtarief,nhc,nic\r\n" +
      "4VV,VV,ZZP 4 VV,dag,180.00,20.00,3\r\n5VV,VV,\"ZZP 5 VV\",dag,260,21.5,3.50\r\n";
    expect(rowsOf(await parseTariffTable(csvFile(text)))).toEqual([FOUR_VV, FIVE_VV]);
  });

  it("accepts Dutch thousands, a euro sign and a quoted ; inside a cell", async () => {
    const result = await parseTariffTable(tariffCsv('9VV;GGZ;"herstel; behandeling";dag;€ 1.234,56;1.000,10;0'));
    expect(rowsOf(result)).toEqual([
      { code: "9VV", sector: "GGZ", label: "herstel; behandeling", unit: "dag", max: "1234.56", components: { NHC: "1000.1", NIC: "0" } },
    ]);
  });

  it("matches headers case-insensitively, trimmed, in any order, and skips blank lines", async () => {
    const text = " NIC ;NHC;Maximumtarief;EENHEID;Omschrijving;Sector;Prestatie\n\n3,00;20,00;180,00;dag;ZZP 4 VV;vv;4VV\n;;;;;;\n";
    expect(rowsOf(await parseTariffTable(csvFile(text)))).toEqual([FOUR_VV]);
  });

  it("reads an .xlsx with text cells (built with toXlsx)", async () => {
    const bytes = await toXlsx([...TARIFF_TABLE_HEADERS], [
      ["4VV", "VV", "ZZP 4 VV", "dag", "180,00", "20,00", "3,00"],
      ["5VV", "GHZ", "ZZP 5 VV", "dag", "260.00", "21.50", "3.50"],
    ]);
    const rows = rowsOf(await parseTariffTable({ name: "tarieven.xlsx", bytes }));
    expect(rows).toEqual([FOUR_VV, { ...FIVE_VV, sector: "GHZ" }]);
  });

  it("reads numeric .xlsx cells, taking binary floats within 1e-9 of a cent as that cent", async () => {
    const file = await xlsxFile([
      [...TARIFF_TABLE_HEADERS],
      ["5VV", "VV", "ZZP 5 VV", "dag", 260, 21.5, 3.5],
      // In binary 100.1 + 100.2 is 200.29999999999998, 0.1 + 0.2 is 0.30000000000000004 and
      // 0.7 * 3 is 2.0999999999999996.
      ["6VV", "GGZ", "ZZP 6 VV", "dag", 100.1 + 100.2, 0.1 + 0.2, 0.7 * 3],
    ]);
    expect(rowsOf(await parseTariffTable(file))).toEqual([
      FIVE_VV,
      { code: "6VV", sector: "GGZ", label: "ZZP 6 VV", unit: "dag", max: "200.3", components: { NHC: "0.3", NIC: "2.1" } },
    ]);
  });

  it("reads the demo fixture: the demo tariffs of demo-inputs.yaml plus ten illustrative prestaties", async () => {
    const rows = rowsOf(await parseTariffTable(fixture("nza-tarieven-2026-voorbeeld.csv")));
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map((r) => r.sector))).toEqual(new Set(["VV", "GHZ", "GGZ"]));
    expect(rows.every((r) => r.label.includes("illustratief"))).toBe(true);
    const demo = parseYaml(readFileSync(new URL("../../../../shared/examples/demo-inputs.yaml", import.meta.url), "utf8")) as {
      tariffs: { code: string; sector: string; unit: string; max: number; components: { NHC: number; NIC: number } }[];
    };
    for (const tariff of demo.tariffs) {
      const row = rows.find((r) => r.code === tariff.code);
      expect(row, tariff.code).toMatchObject({
        sector: tariff.sector,
        unit: tariff.unit,
        max: String(tariff.max),
        components: { NHC: String(tariff.components.NHC), NIC: String(tariff.components.NIC) },
      });
    }
  });

  it("decides the format by content: an .xlsx uploaded as .csv, and a CSV named .txt", async () => {
    const bytes = await toXlsx([...TARIFF_TABLE_HEADERS], [["4VV", "VV", "ZZP 4 VV", "dag", "180", "20", "3"]]);
    expect(rowsOf(await parseTariffTable({ name: "tarieven.csv", bytes }))).toEqual([FOUR_VV]);
    const csv = tariffCsv("4VV;VV;ZZP 4 VV;dag;180;20;3");
    expect(rowsOf(await parseTariffTable({ ...csv, name: "tarieven.txt" }))).toEqual([FOUR_VV]);
  });

  it("offers a template CSV that imports cleanly, also as .xlsx", async () => {
    const template = tariffTableTemplateCsv();
    expect(template.split("\r\n")[0]).toBe(HEADER);
    expect(template.trimEnd().split("\r\n")).toHaveLength(3);
    const rows = rowsOf(await parseTariffTable(csvFile(template)));
    expect(rows.map((r) => [r.code, r.max, r.components])).toEqual([
      ["4VV", "180", { NHC: "20", NIC: "3" }],
      ["5VV", "260", { NHC: "21.5", NIC: "3.5" }],
    ]);
    const lines = template.trimEnd().split("\r\n").map((line) => line.split(";"));
    const bytes = await toXlsx(lines[0] ?? [], lines.slice(1));
    expect(rowsOf(await parseTariffTable({ name: "sjabloon.xlsx", bytes }))).toEqual(rows);
  });
});

describe("parseTariffTable: row errors with row number and column", () => {
  it("reports every error of the error fixture at once, in row order, and returns no rows", async () => {
    const result = await parseTariffTable(fixture("tarieven-met-fouten.csv"));
    expect(errorsOf(result)).toEqual([
      { row: 2, column: "maximumtarief", message: "maximumtarief ontbreekt" },
      { row: 3, column: "sector", message: "onbekende sector 'XX' (kies VV, GHZ of GGZ)" },
      { row: 3, column: "maximumtarief", message: "'abc' is geen bedrag" },
      { row: 4, column: "maximumtarief", message: "NHC + NIC (€ 30,00) is hoger dan het maximumtarief (€ 25,00)" },
      { row: 5, column: "prestatie", message: "prestatiecode 5VV komt twee keer voor (ook rij 3)" },
    ]);
  });

  it("names the column as written in the file", async () => {
    const text = "Prestatie;Sector;Omschrijving;Eenheid;Maximum Tarief;NHC;NIC\n4VV;VV;ZZP 4 VV;dag;12,345;20;3\n";
    expect(errorsOf(await parseTariffTable(csvFile(text)))).toEqual([
      { row: 2, column: "Maximum Tarief", message: "'12,345' heeft meer dan 2 decimalen" },
    ]);
  });

  it("refuses empty fields, bad codes, negative and zero amounts, and too many decimals", async () => {
    const result = await parseTariffTable(
      tariffCsv(
        ";;;;0;-1;",
        "5 VV;GHZ;ZZP 5;dag;260,001;1.234;3",
        "6VV;GHZ;ZZP 6;dag;1.234;21,5;3",
      ),
    );
    expect(errorsOf(result)).toEqual([
      { row: 2, column: "prestatie", message: "prestatiecode ontbreekt" },
      { row: 2, column: "sector", message: "sector ontbreekt" },
      { row: 2, column: "omschrijving", message: "omschrijving ontbreekt" },
      { row: 2, column: "eenheid", message: "eenheid ontbreekt" },
      { row: 2, column: "maximumtarief", message: "maximumtarief moet groter dan 0 zijn" },
      { row: 2, column: "nhc", message: "NHC mag niet negatief zijn" },
      { row: 2, column: "nic", message: "NIC ontbreekt (vul 0 in als er geen NIC is)" },
      { row: 3, column: "prestatie", message: "prestatiecode '5 VV' is ongeldig (alleen letters, cijfers en '-', hoogstens 20 tekens)" },
      { row: 3, column: "maximumtarief", message: "'260,001' heeft meer dan 2 decimalen" },
      { row: 3, column: "nhc", message: "'1.234' is dubbelzinnig (duizendtal of decimalen?): schrijf 1234" },
      { row: 4, column: "maximumtarief", message: "'1.234' is dubbelzinnig (duizendtal of decimalen?): schrijf 1234" },
    ]);
  });

  it("refuses an .xlsx number with more than 2 decimals rather than rounding it", async () => {
    const file = await xlsxFile([[...TARIFF_TABLE_HEADERS], ["4VV", "VV", "ZZP 4 VV", "dag", 180.005, 20, 3]]);
    expect(errorsOf(await parseTariffTable(file))).toEqual([
      { row: 2, column: "maximumtarief", message: "'180,005' heeft meer dan 2 decimalen" },
    ]);
  });

  it("reports .xlsx errors with the sheet's row numbers, blank rows included", async () => {
    const file = await xlsxFile([
      [...TARIFF_TABLE_HEADERS],
      ["4VV", "VV", "ZZP 4 VV", "dag", 180, 20, 3],
      [],
      ["5VV", "VV", "ZZP 5 VV", "dag", "veel", 21.5, 3.5],
    ]);
    expect(errorsOf(await parseTariffTable(file))).toEqual([
      { row: 4, column: "maximumtarief", message: "'veel' is geen bedrag" },
    ]);
  });

  it("counts a quoted multi-line cell as one row, as a spreadsheet does", async () => {
    const result = await parseTariffTable(tariffCsv('4VV;VV;"ZZP 4\nVV";dag;180;20;3', "5VV;VV;ZZP 5 VV;dag;x;21,5;3,5"));
    expect(errorsOf(result)).toEqual([{ row: 3, column: "maximumtarief", message: "'x' is geen bedrag" }]);
  });

  it("reports a third occurrence of a code with all other rows", async () => {
    const line = "5vv;VV;ZZP 5 VV;dag;260;21,5;3,5";
    expect(errorsOf(await parseTariffTable(tariffCsv(line, "5VV;VV;ZZP 5 VV;dag;260;21,5;3,5", line)))).toEqual([
      { row: 3, column: "prestatie", message: "prestatiecode 5VV komt 3 keer voor (ook rij 2 en 4)" },
      { row: 4, column: "prestatie", message: "prestatiecode 5vv komt 3 keer voor (ook rij 2 en 3)" },
    ]);
  });

  it("keeps duplicate messages short when a code repeats thousands of times", async () => {
    const lines = Array.from({ length: 2000 }, () => "5VV;VV;ZZP 5 VV;dag;260;21,5;3,5");
    const errors = errorsOf(await parseTariffTable(tariffCsv(...lines)));
    // 1999 errors: the first 200 are listed, the rest counted in one line.
    expect(errors).toHaveLength(201);
    expect(errors.at(-2)).toEqual({
      row: 202,
      column: "prestatie",
      message: "prestatiecode 5VV komt 2000 keer voor (ook rij 2, 3, 4, 5, 6 en 1994 andere)",
    });
    expect(errors.at(-1)).toEqual({ row: null, column: null, message: "en nog 1.799 fouten: verbeter eerst deze en lees het bestand opnieuw in" });
  });
});

describe("parseTariffTable: header and file errors", () => {
  it("names each missing required column once and still checks the other columns", async () => {
    const text = "prestatie;sector;omschrijving;eenheid;nhc\n4VV;VV;ZZP 4 VV;dag;abc\n5VV;VV;ZZP 5 VV;dag;20\n";
    expect(errorsOf(await parseTariffTable(csvFile(text)))).toEqual([
      { row: 1, column: "maximumtarief", message: "kolom 'maximumtarief' ontbreekt" },
      { row: 1, column: "nic", message: "kolom 'nic' ontbreekt" },
      { row: 2, column: "nhc", message: "'abc' is geen bedrag" },
    ]);
  });

  it("refuses an unknown column, a column given twice and a value under an empty header", async () => {
    const text = `${HEADER};opmerking;NHC;\n4VV;VV;ZZP 4 VV;dag;180;20;3;;;los\n`;
    expect(errorsOf(await parseTariffTable(csvFile(text)))).toEqual([
      {
        row: 1,
        column: "opmerking",
        message: "onbekende kolom 'opmerking' (verwacht: prestatie, sector, omschrijving, eenheid, maximumtarief, nhc, nic)",
      },
      { row: 1, column: "NHC", message: "kolom 'NHC' komt twee keer voor (kolommen F en I)" },
      { row: 2, column: null, message: "waarde 'los' staat in kolom J, die geen kopnaam heeft" },
    ]);
  });

  it.each([
    ["an empty file", "", "bestand is leeg"],
    ["a file of blank lines", "\uFEFF\r\n ; \r\n", "bestand is leeg"],
    ["a header without data rows", `${HEADER}\n\n`, "bestand bevat geen gegevensrijen, alleen een kopregel"],
  ])("refuses %s", async (_what, text, message) => {
    expect(errorsOf(await parseTariffTable(csvFile(text)))).toEqual([{ row: null, column: null, message }]);
  });

  it("refuses a file over 5 MB before reading it", async () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
    expect(errorsOf(await parseTariffTable({ name: "groot.csv", bytes }))).toEqual([
      { row: null, column: null, message: "bestand is groter dan 5 MB (5,0 MB)" },
    ]);
  });

  it.each([
    ["a PDF", "rapport.pdf", [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xe2, 0xe3]],
    ["a PNG named .csv", "tarieven.csv", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ["text named .xlsx", "tarieven.xlsx", [...new TextEncoder().encode(`${HEADER}\n4VV;VV;a;dag;1;0;0\n`)]],
  ])("refuses %s as not CSV or Excel", async (_what, name, bytes) => {
    expect(errorsOf(await parseTariffTable({ name, bytes: new Uint8Array(bytes) }))).toEqual([
      { row: null, column: null, message: "bestand is geen CSV of Excel (.xlsx)" },
    ]);
  });

  it("explains an old .xls, a damaged zip, and text that is not UTF-8", async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(errorsOf(await parseTariffTable({ name: "t.xls", bytes: xls }))[0]?.message).toBe(
      "bestand is een oud Excel-formaat (.xls): sla het op als Excel-werkmap (.xlsx) of als CSV",
    );
    const zip = new TextEncoder().encode("PK\u0003\u0004 niet echt een zip");
    expect(errorsOf(await parseTariffTable({ name: "t.xlsx", bytes: zip }))[0]?.message).toBe(
      "bestand kan niet als Excel-bestand (.xlsx) gelezen worden",
    );
    // "é" in Windows-1252 is the single byte 0xE9: invalid UTF-8.
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}\n4VV;VV;caf`), 0xe9, 0x0a]);
    expect(errorsOf(await parseTariffTable({ name: "t.csv", bytes: latin1 }))[0]?.message).toBe(
      "bestand is geen UTF-8-tekst: sla het in Excel op als 'CSV UTF-8 (met scheidingstekens)'",
    );
  });

  it("reports an unclosed quote with the row where it starts", async () => {
    expect(errorsOf(await parseTariffTable(tariffCsv('4VV;VV;"ZZP 4 VV;dag;180;20;3', "5VV;VV;x;dag;1;0;0")))).toEqual([
      { row: 2, column: null, message: 'een aanhalingsteken (") wordt niet gesloten' },
    ]);
  });
});
