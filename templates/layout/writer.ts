// Fewer, larger chunks: pdfkit turns every operator it adds to a page, and every line of every
// object it writes, into its own byte array (a loop over the characters), and pushes each line of
// the file through its output stream on its own. A letter has thousands of operators and several
// hundred objects (one per structure element of the tagged PDF), so that was a tenth of its time.
// Here a document's page contents collect their operators as strings and turn them into bytes
// once, when the stream is finished, and the file's own lines are collected and pushed in blocks
// of 64 kB. The bytes are the same, in the same order: pdfkit ends every operator and every line
// with "\n", and its byte conversion keeps the low byte of each character, as latin1 does.
//
// The streams collected here (page contents, the fonts' ToUnicode maps) are deflated here too, at
// zlib level 1 instead of pdfkit's default 6: for a letter's page contents that is about three
// times faster and the contents about a fifth larger (a few per cent of the file, whose fonts are
// already deflated). A ToUnicode map is the same for every document with the same subset, so its
// deflated bytes are remembered.
import { deflateSync } from "node:zlib";

type Reference = {
  compress: boolean;
  data: Record<string, unknown>;
  write(chunk: unknown): void;
  finalize(): void;
};
type Writer = {
  ref(data?: unknown): Reference;
  _write(data: unknown): void;
  push(chunk: unknown): boolean;
  _offset: number;
};

const BLOCK = 64 * 1024;
const LEVEL = 1;

/** Deflated ToUnicode maps by their text; cleared when full. */
const MAX_REMEMBERED_MAPS = 256;
const deflatedMaps = new Map<string, Buffer>();

function deflated(text: string): Buffer {
  if (!text.startsWith("/CIDInit")) return deflateSync(Buffer.from(text, "latin1"), { level: LEVEL });
  let bytes = deflatedMaps.get(text);
  if (!bytes) {
    bytes = deflateSync(Buffer.from(text, "latin1"), { level: LEVEL });
    if (deflatedMaps.size >= MAX_REMEMBERED_MAPS) deflatedMaps.clear();
    deflatedMaps.set(text, bytes);
  }
  return bytes;
}

// The methods below are shared by every reference (`this` is the reference) rather than closures
// made per reference: a letter has several hundred references (one per structure element), and
// under tsx every closure made also gets its name set.
type Collecting = Reference & { pending: string[] };

/** pdfkit's own reference methods (its PDFReference prototype), taken from the first reference. */
let base: Reference | undefined;

function flush(reference: Collecting, last: boolean): void {
  const pending = reference.pending;
  if (pending.length === 0) return;
  const text = `${pending.join("\n")}\n`;
  reference.pending = [];
  if (last && reference.compress) {
    // The whole stream at once: deflated here (Filter is already set), not again by pdfkit.
    reference.compress = false;
    base!.write.call(reference, deflated(text));
    return;
  }
  base!.write.call(reference, Buffer.from(text, "latin1"));
}

function collect(this: Collecting, chunk: unknown): void {
  if (typeof chunk !== "string") {
    flush(this, false);
    base!.write.call(this, chunk);
    return;
  }
  if (this.pending.length === 0 && this.data.Length == null) {
    // What pdfkit's first write sets, in its order, so the dictionary's keys come out as before.
    this.data.Length = 0;
    if (this.compress) this.data.Filter = "FlateDecode";
  }
  this.pending.push(chunk);
}

function finish(this: Collecting): void {
  flush(this, !this.data.Length);
  base!.finalize.call(this);
}

/** Page contents and the file's own lines collected in larger chunks (same bytes). */
export function writeInBlocks(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as Writer;

  const ref = d.ref.bind(d);
  d.ref = (data?: unknown) => {
    const reference = ref(data) as Collecting;
    base ??= Object.getPrototypeOf(reference) as Reference;
    reference.pending = [];
    reference.write = collect;
    reference.finalize = finish;
    return reference;
  };

  const push = d.push.bind(d);
  let lines: string[] = [];
  let size = 0;
  const flushLines = () => {
    if (lines.length === 0) return;
    const text = `${lines.join("\n")}\n`;
    lines = [];
    size = 0;
    push(Buffer.from(text, "latin1"));
  };
  d._write = (data: unknown) => {
    if (typeof data === "string") {
      lines.push(data);
      size += data.length + 1;
      d._offset += data.length + 1;
      if (size >= BLOCK) flushLines();
      return;
    }
    flushLines();
    const bytes = data as Uint8Array;
    push(bytes);
    d._offset += bytes.length;
  };
  d.push = (chunk: unknown) => {
    // The end of the file (null) comes after its last lines.
    if (chunk === null) flushLines();
    return push(chunk);
  };
}
