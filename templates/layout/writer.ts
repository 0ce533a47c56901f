// Fewer, larger chunks: pdfkit turns every operator it adds to a page, and every line of every
// object it writes, into its own byte array (a loop over the characters), and pushes each line of
// the file through its output stream on its own. A letter has thousands of operators and several
// hundred objects (one per structure element of the tagged PDF), so that was a tenth of its time.
// Here a document's page contents collect their operators as strings and turn them into bytes
// once, when the stream is finished, and the file's own lines are collected and pushed in blocks
// of 64 kB. The bytes are the same, in the same order: pdfkit ends every operator and every line
// with "\n", and its byte conversion keeps the low byte of each character, as latin1 does.

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

/** Page contents and the file's own lines collected in larger chunks (same bytes). */
export function writeInBlocks(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as Writer;

  const ref = d.ref.bind(d);
  d.ref = (data?: unknown) => {
    const reference = ref(data);
    const write = reference.write.bind(reference);
    const finalize = reference.finalize.bind(reference);
    let pending: string[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const text = `${pending.join("\n")}\n`;
      pending = [];
      write(Buffer.from(text, "latin1"));
    };
    reference.write = (chunk: unknown) => {
      if (typeof chunk !== "string") {
        flush();
        write(chunk);
        return;
      }
      if (pending.length === 0 && reference.data.Length == null) {
        // What pdfkit's first write sets, in its order, so the dictionary's keys come out as before.
        reference.data.Length = 0;
        if (reference.compress) reference.data.Filter = "FlateDecode";
      }
      pending.push(chunk);
    };
    reference.finalize = () => {
      flush();
      finalize();
    };
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
