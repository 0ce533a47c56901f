// Hostile uploads: each is answered with a Dutch message at the file, quickly, and without the
// server's memory or thread paying for it (the heavy parsing runs in a worker with limits).
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseInWorker } from "~/services/imports/parse-worker.server";
import { parseProviderRegistry } from "~/services/imports/provider-registry.server";
import { limitErrors, MAX_COLUMNS, MAX_ERRORS, MAX_ROWS, readTableFile } from "~/services/imports/table-file.server";
import { parseTariffTable } from "~/services/imports/tariff-table.server";
import { checkZipLimits } from "~/services/imports/zip-limits.server";
import { csvFile, errorsOf, xlsxFile } from "./helpers";

describe("table size limits", () => {
  it("refuses a CSV with 200,000 columns with one message instead of 200,000", async () => {
    const header = Array.from({ length: 200_000 }, (_, i) => `k${i}`).join(";");
    const errors = errorsOf(await parseProviderRegistry(csvFile(`${header}\n1;2;3\n`)));
    expect(errors).toEqual([{ row: null, column: null, message: `bestand heeft meer dan ${MAX_COLUMNS} kolommen` }]);
  });

  it("refuses a CSV with more rows than a registry has", async () => {
    const text = "agb;kvk;naam\n" + "12345678;12345678;x\n".repeat(MAX_ROWS + 5);
    expect(errorsOf(await parseProviderRegistry(csvFile(text)))).toEqual([
      { row: null, column: null, message: "bestand heeft meer dan 20.000 rijen" },
    ]);
  });

  it("refuses an xlsx with too many columns", async () => {
    const file = await xlsxFile([Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `kolom ${i}`), ["x"]]);
    expect((await readTableFile(file)).errors).toEqual([{ row: null, column: null, message: `bestand heeft meer dan ${MAX_COLUMNS} kolommen` }]);
  });

  it("lists at most MAX_ERRORS errors and counts the rest", async () => {
    // 3,000 rows with a bad amount each.
    const lines = Array.from({ length: 3000 }, (_, i) => `C${i};VV;ZZP;dag;abc;0;0`);
    const errors = errorsOf(await parseTariffTable(csvFile(["prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic", ...lines].join("\n"))));
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ row: null, column: null, message: "en nog 2.800 fouten: verbeter eerst deze en lees het bestand opnieuw in" });
    expect(limitErrors([{ row: 1, column: null, message: "x" }])).toHaveLength(1);
  });

  it("reports one error per row for values in columns without a header, not one per cell", async () => {
    const read = await readTableFile(csvFile("a;b\n1;2;3;4;5\n"));
    expect(read.errors).toEqual([{ row: 2, column: null, message: "waarde '3' staat in kolom C, die geen kopnaam heeft" }]);
  });
});

describe("zip contents are counted as they inflate", () => {
  it("refuses an xlsx whose directory declares 1 kB for an entry that inflates to 64 MB, after inflating 1 kB", async () => {
    const bomb = deflatedZip({ "[Content_Types].xml": { content: Buffer.alloc(64 * 1024 * 1024, 0x20), declare: 1024 } });
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    expect(await checkZipLimits(bomb)).toBe("mismatch");
    expect((await readTableFile({ name: "bom.xlsx", bytes: bomb })).errors).toEqual([
      { row: null, column: null, message: "bestand kan niet als Excel-bestand (.xlsx) gelezen worden" },
    ]);
  });

  it("refuses content past the limit even when the directory tells the truth", async () => {
    const big = deflatedZip({ "a.xml": { content: Buffer.alloc(3 * 1024 * 1024, 0x20) }, "b.xml": { content: Buffer.alloc(3 * 1024 * 1024, 0x20) } });
    expect(await checkZipLimits(big, 5 * 1024 * 1024)).toBe("too-large");
    expect(await checkZipLimits(big, 7 * 1024 * 1024)).toBe("ok");
  });

  it("refuses an entry that inflates to less than it declares, and passes an honest workbook", async () => {
    const short = deflatedZip({ "a.xml": { content: Buffer.from("<a/>"), declare: 10 } });
    expect(await checkZipLimits(short)).toBe("mismatch");
    const honest = await xlsxFile([["a", "b"], ["1", "2"]]);
    expect(await checkZipLimits(honest.bytes)).toBe("ok");
  });
});

describe("parsing in a worker", () => {
  it("ends a parse that takes longer than its time limit, with a Dutch message", async () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `${i};naam ${i};5509;VV;97;1000`).join("\n");
    const outcome = await parseInWorker({ kind: "csv", text, delimiter: ";", maxRows: 100_000, maxColumns: 10 }, 1);
    expect(outcome).toEqual({ ok: false, reason: "time" });
  });

  it("keeps the server's thread free while a large CSV is parsed", async () => {
    const text = Array.from({ length: 19_000 }, (_, i) => `${i};naam ${i};5509;VV;97;1000;${"x".repeat(100)}`).join("\n");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const outcome = await parseInWorker({ kind: "csv", text, delimiter: ";", maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
    clearInterval(timer);
    expect(outcome.ok && outcome.records.length).toBe(19_000);
    // The timer kept firing while the worker parsed (on this thread it could not have).
    expect(ticks).toBeGreaterThan(2);
  });
});

/** A zip with deflated entries, written by hand; `declare` overrides the size in the directory. */
function deflatedZip(files: Record<string, { content: Buffer; declare?: number }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, { content, declare }] of Object.entries(files)) {
    const data = zlib.deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const size = declare ?? content.byteLength;
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt16LE(0, 2); // flags
    common.writeUInt16LE(8, 4); // deflate
    common.writeUInt32LE(0, 10); // crc (JSZip checks it; the limits refuse these files first)
    common.writeUInt32LE(data.byteLength, 14);
    common.writeUInt32LE(size, 18);
    common.writeUInt16LE(nameBytes.byteLength, 22);
    const local = Buffer.concat([u32(0x04034b50), common, nameBytes, data]);
    // made by, the local fields, comment length, disk, internal and external attributes, offset
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]));
    parts.push(local);
    offset += local.byteLength;
  }
  const directory = Buffer.concat(central);
  const count = Object.keys(files).length;
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(directory.byteLength), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
