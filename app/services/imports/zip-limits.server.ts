// exceljs inflates a whole workbook in memory, and a 5 MB zip can declare gigabytes of content
// (a zip bomb). Reading the zip's central directory first lets us refuse such files cheaply.
// JSZip (inside exceljs) also rejects an entry whose inflated size differs from the declared one.

const EOCD_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 2000;

export type ZipCheck = "ok" | "unreadable" | "too-large";

export function checkZipLimits(bytes: Uint8Array): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return "unreadable";
  const entries = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // 0xffff / 0xffffffff mean ZIP64, which no honest spreadsheet of this size needs.
  if (entries === 0xffff || directoryOffset === 0xffffffff || entries > MAX_ENTRIES) return "too-large";
  let at = directoryOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== ENTRY_SIGNATURE) return "unreadable";
    total += view.getUint32(at + 24, true);
    if (total > MAX_UNZIPPED_BYTES) return "too-large";
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return "ok";
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}
