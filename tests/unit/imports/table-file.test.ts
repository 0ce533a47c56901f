import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatEuro, readDecimal, type NumberKind } from "~/services/imports/cell-values.server";
import { readTableFile, type Cell } from "~/services/imports/table-file.server";
import { toCsv, toXlsx } from "~/services/imports/table-write.server";
import { csvFile } from "./helpers";

const text = (t: string): Cell => ({ text: t, number: null, percentFormat: false });
const float = (n: number, percentFormat = false): Cell => ({ text: String(n), number: n, percentFormat });

function read(cell: Cell, kind: NumberKind = "bedrag", decimals = 2): string {
  const parsed = readDecimal(cell, kind, decimals);
  return parsed.ok ? parsed.value.toString() : `fout: ${parsed.message}`;
}

describe("readDecimal", () => {
  it.each([
    ["260,00", "260"],
    ["260.00", "260"],
    ["21,5", "21.5"],
    ["1.234,56", "1234.56"],
    ["1.234.567", "1234567"],
    ["1,234.56", "1234.56"],
    ["€ 12,30", "12.3"],
    ["\u00a0 7 ", "7"],
    [",5", "0.5"],
    ["-0,00", "0"],
    ["1,230", "1.23"],
    ["12,5%", "fout: '12,5%' is geen bedrag"],
    ["1 234", "fout: '1 234' is geen bedrag"],
    ["1.23.4", "fout: '1.23.4' is geen bedrag"],
    ["1e3", "fout: '1e3' is geen bedrag"],
    ["0,125", "fout: '0,125' heeft meer dan 2 decimalen"],
    ["1.234", "fout: '1.234' is dubbelzinnig (duizendtal of decimalen?): schrijf 1234"],
    ["3.650", "fout: '3.650' is dubbelzinnig (duizendtal of decimalen?): schrijf 3650 of 3,65"],
    ["1000000000000000", "fout: '1000000000000000' is te groot"],
  ])("reads the text %j as %s", (input, expected) => {
    expect(read(text(input))).toBe(expected);
  });

  it("reads percentages with a % sign and a dot as decimal sign", () => {
    expect(read(text("96,1234 %"), "percentage", 4)).toBe("96.1234");
    expect(read(text("96.125"), "percentage", 4)).toBe("96.125");
  });

  it("rounds an Excel float only when it is within 1e-9 of the allowed decimals", () => {
    expect(read(float(0.1 + 0.2))).toBe("0.3");
    expect(read(float(21.5))).toBe("21.5");
    expect(read(float(260.0000000001))).toBe("260");
    expect(read(float(260.000001))).toBe("fout: '260,000001' heeft meer dan 2 decimalen");
    expect(read(float(0.9725, true), "percentage", 4)).toBe("97.25");
    expect(read(float(0.9725123, true), "percentage", 4)).toBe("fout: '97,25123' heeft meer dan 4 decimalen");
    expect(read(float(Number.NaN))).toBe("fout: 'NaN' is geen bedrag");
  });

  it("formats euros for messages as nl-NL does", () => {
    expect(formatEuro(new Decimal("30"))).toBe("€ 30,00");
    expect(formatEuro(new Decimal("1234567.5"))).toBe("€ 1.234.567,50");
  });
});

describe("readTableFile", () => {
  it("honours Excel's sep= line and numbers rows as Excel shows them (without that line)", async () => {
    const read = await readTableFile(csvFile("sep=,\r\na;b\r\n1;2,3\r\n"));
    expect(read.errors).toEqual([{ row: 2, column: null, message: "waarde '3' staat in kolom B, die geen kopnaam heeft" }]);
    expect(read.table?.header).toEqual(["a;b"]);
  });

  it("detects the delimiter from the header line, ignoring separators inside quotes", async () => {
    // Counting naively would find two ; and one , and pick the wrong one.
    const read = await readTableFile(csvFile('"x;y;z",c\n1,2\n'));
    expect(read.table?.header).toEqual(["x;y;z", "c"]);
  });

  it("keeps the header row number when a sheet starts with blank rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const hidden = workbook.addWorksheet("Toelichting");
    hidden.state = "hidden";
    hidden.addRow(["niet dit blad"]);
    const sheet = workbook.addWorksheet("Tarieven");
    sheet.getCell("B3").value = "kop";
    sheet.getCell("B5").value = { formula: "1+1", result: 2 };
    sheet.getCell("B6").value = { richText: [{ text: "ri" }, { text: "ch" }] };
    sheet.getCell("B7").value = { formula: "A1" } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readTableFile({ name: "x.xlsx", bytes });
    expect(read.errors).toEqual([]);
    expect(read.table?.headerRow).toBe(3);
    expect(read.table?.rows.map((r) => [r.row, r.cells[1]?.text, r.cells[1]?.number])).toEqual([
      [5, "2", 2],
      [6, "rich", null],
      [7, "=A1", null],
    ]);
  });

  it("refuses a zip without worksheets (a .docx, say) as not CSV or Excel, even named .xlsx", async () => {
    const bytes = storedZip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" });
    expect((await readTableFile({ name: "tarieven.xlsx", bytes })).errors).toEqual([
      { row: null, column: null, message: "bestand is geen CSV of Excel (.xlsx)" },
    ]);
  });

  it("refuses a zip that declares more than 100 MB of content before unpacking it", async () => {
    const bytes = await toXlsx(["a"], [["1"]]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let entry = -1;
    for (let at = bytes.length - 4; at >= 0 && entry < 0; at--) if (view.getUint32(at, true) === 0x02014b50) entry = at;
    view.setUint32(entry + 24, 0x7fffffff, true);
    expect((await readTableFile({ name: "bom.xlsx", bytes })).errors).toEqual([
      { row: null, column: null, message: "Excel-bestand is uitgepakt groter dan 100 MB" },
    ]);
  });
});

describe("toCsv", () => {
  it("quotes where needed and defuses cells Excel would run as formulas", () => {
    expect(toCsv(["a", "b"], [["x;y", 'zeg "hoi"'], ["=SOM(A1)", "-5"], ["-x", null]])).toBe(
      'a;b\r\n"x;y";"zeg ""hoi"""\r\n\'=SOM(A1);-5\r\n\'-x;\r\n',
    );
  });
});

/** A zip with uncompressed entries, written by hand so the test needs no zip library. */
function storedZip(files: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = [...encoder.encode(name)];
    const data = [...encoder.encode(content)];
    const common = [...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(crc32(data)), ...u32(data.length), ...u32(data.length), ...u16(nameBytes.length), ...u16(0)];
    const offset = locals.length;
    locals.push(...u32(0x04034b50), ...common, ...nameBytes, ...data);
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...nameBytes);
  }
  const count = Object.keys(files).length;
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(central.length), ...u32(locals.length), ...u16(0)];
  return new Uint8Array([...locals, ...central, ...end]);
}

function crc32(bytes: readonly number[]): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
