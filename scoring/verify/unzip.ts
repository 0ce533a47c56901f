// Reading a verification bundle (a zip) that may come from anywhere. The sizes in a zip's
// directory are only claims, so every limit is checked before anything is inflated (the archive's
// size, the number of entries, each entry's name and declared size, their total), and then the
// bytes that actually come out of each entry are counted as they inflate, stopping as soon as an
// entry passes its declared size (a zip bomb lies about it). Nothing is written anywhere: the
// entries come back in memory, by name.
import { Inflate } from "fflate";
import { BUNDLE_FILE_NAMES } from "./format";
import { MAX_DOCUMENT_CHARS } from "../format/document";

export const BUNDLE_LIMITS = {
  /** The archive itself (a real bundle of one provider is well under 1 MB). */
  archiveBytes: 64 * 1024 * 1024,
  entries: 16,
  /** One file: the document limit of the engine's formats. */
  entryBytes: MAX_DOCUMENT_CHARS,
  /** All files together, inflated. */
  totalBytes: 64 * 1024 * 1024,
};

export type Unzipped = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed input is fed in slices this small, so one slice can never inflate to much (deflate tops out near 1:1032). */
const SLICE = 4096;

const fail = (message: string): Unzipped => ({ ok: false, message });
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;

/** A name that would leave the folder it is unpacked in, or is not a plain file name. */
function unsafeName(name: string): boolean {
  return name.includes("\\") || name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.split("/").includes("..") || name.includes("\u0000");
}

export function unzipBundle(bytes: Uint8Array, limits = BUNDLE_LIMITS): Unzipped {
  if (bytes.byteLength > limits.archiveBytes) return fail(`De bundel is te groot (${mb(bytes.byteLength)}, hoogstens ${mb(limits.archiveBytes)}).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(view);
  if (eocd < 0) return fail("Dit is geen zip-bestand (of het is beschadigd).");
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // 0xffff / 0xffffffff announce ZIP64, which no bundle of this size needs.
  if (count === 0xffff || directoryOffset === 0xffffffff) return fail("De bundel gebruikt ZIP64; een verificatiebundel heeft dat nooit nodig.");
  if (count > limits.entries) return fail(`De bundel bevat te veel bestanden (${count}, hoogstens ${limits.entries}).`);

  // First every entry's claims, before a single byte is inflated.
  type Entry = { name: string; method: number; compressedSize: number; size: number; dataStart: number };
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) return fail("De inhoudsopgave van de zip is beschadigd.");
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const localOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > view.byteLength) return fail("De inhoudsopgave van de zip is beschadigd.");
    const name = new TextDecoder("utf-8").decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (unsafeName(name)) return fail(`Geweigerd: het bestand "${name}" heeft een onveilig pad.`);
    if (!BUNDLE_FILE_NAMES.includes(name)) return fail(`Geweigerd: "${name}" hoort niet in een verificatiebundel (verwacht: ${BUNDLE_FILE_NAMES.join(", ")}).`);
    if (seen.has(name)) return fail(`Geweigerd: "${name}" staat twee keer in de bundel.`);
    seen.add(name);
    if (flags & 1) return fail(`Geweigerd: "${name}" is versleuteld.`);
    if (method !== 0 && method !== 8) return fail(`Geweigerd: "${name}" gebruikt een onbekende compressiemethode (${method}).`);
    if (size > limits.entryBytes) return fail(`Geweigerd: "${name}" is te groot (${mb(size)}, hoogstens ${mb(limits.entryBytes)}).`);
    declaredTotal += size;
    if (declaredTotal > limits.totalBytes) return fail(`Geweigerd: de bestanden in de bundel zijn samen te groot (meer dan ${mb(limits.totalBytes)}).`);
    if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL) return fail(`"${name}" is beschadigd.`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > view.byteLength) return fail(`"${name}" is beschadigd (afgebroken).`);
    if (method === 0 && compressedSize !== size) return fail(`"${name}" is beschadigd.`);
    entries.push({ name, method, compressedSize, size, dataStart });
  }

  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === 0) {
      files.set(entry.name, data.slice());
      continue;
    }
    const inflated = inflateBounded(data, entry.size);
    if (inflated === "too-large") return fail(`Geweigerd: "${entry.name}" pakt uit tot meer dan de ${entry.size} bytes die de zip opgeeft (een zip-bom of een beschadigd bestand).`);
    if (inflated === "unreadable") return fail(`"${entry.name}" is beschadigd en kan niet worden uitgepakt.`);
    if (inflated.byteLength !== entry.size) return fail(`"${entry.name}" is beschadigd: het pakt uit tot ${inflated.byteLength} bytes in plaats van ${entry.size}.`);
    files.set(entry.name, inflated);
  }
  return { ok: true, files };
}

class Overflow {}

/** Inflates into a buffer of exactly the declared size, refusing the first byte past it. */
function inflateBounded(data: Uint8Array, declared: number): Uint8Array | "too-large" | "unreadable" {
  const out = new Uint8Array(declared);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.byteLength > declared) throw new Overflow();
    out.set(chunk, length);
    length += chunk.byteLength;
  });
  try {
    for (let i = 0; i < data.byteLength; i += SLICE) inflater.push(data.subarray(i, Math.min(i + SLICE, data.byteLength)), i + SLICE >= data.byteLength);
    if (data.byteLength === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    return error instanceof Overflow ? "too-large" : "unreadable";
  }
  return out.subarray(0, length);
}

function endOfCentralDirectory(view: DataView): number {
  // 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) if (view.getUint32(at, true) === EOCD) return at;
  return -1;
}
