// exceljs inflates a whole workbook in memory, and a 5 MB zip can hold gigabytes of content (a
// zip bomb). The sizes in the zip's directory are only claims: a file can declare 1 kB for an
// entry that inflates to 1 GB. So every entry is inflated here first, counting the bytes that
// actually come out and stopping as soon as an entry passes its declared size or the total
// passes the limit. Inflating runs in zlib's thread pool, not on the server's own thread.
import { promisify } from "node:util";
import zlib from "node:zlib";

const inflateRaw = promisify(zlib.inflateRaw) as (buffer: Uint8Array, options: zlib.ZlibOptions) => Promise<Buffer>;

const EOCD_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** "mismatch": an entry inflates to another size than it declares (damaged, or lying). */
export type ZipCheck = "ok" | "unreadable" | "too-large" | "mismatch";

export async function checkZipLimits(bytes: Uint8Array, limit = MAX_UNZIPPED_BYTES): Promise<ZipCheck> {
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
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const localOffset = view.getUint32(at + 42, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    // Even the claims must fit: this refuses an honest but too large workbook without inflating.
    if (total + declaredSize > limit) return "too-large";
    if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) return "unreadable";
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = bytes.subarray(dataStart, Math.min(dataStart + compressedSize, bytes.byteLength));
    let actual: number;
    if (method === 0) actual = data.byteLength;
    else if (method === 8) {
      try {
        // One byte more than declared is enough to know the claim is false.
        actual = (await inflateRaw(data, { maxOutputLength: declaredSize + 1 })).byteLength;
      } catch (error) {
        if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") return "mismatch";
        return "unreadable";
      }
    } else return "unreadable";
    if (actual !== declaredSize) return "mismatch";
    total += actual;
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
