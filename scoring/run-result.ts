// The run-result document (`zorginkoop.run-result/v1`): the engine's result (spec section 4)
// with every line's full trace, but each distinct trace step written once. A national field's
// result holds about 200,000 lines whose traces, written out in full, come to some 565 MB of
// JSON, nearly all of it the same few tens of thousands of steps repeated; this document holds
// the same information in about 23 MB. It is what a scoring run stores and hashes.
//
//   { "budget": …, "format": "zorginkoop.run-result/v1", "kader": "…",
//     "lines": [[provider, prestatie, targetGroup, percent, tariff, [step, …]], …],
//     "modules": [ … as in the result … ],
//     "steps": [ { …a trace step… }, … ] }
//
// Steps are numbered in the order they first appear, reading the lines in order; two steps are
// the same when their canonical JSON is. So the document, and its SHA-256, depend only on the
// result's content: recompute a result from the stored kader and inputs (the command line),
// pass it to `runResultJson`, and the hash must match. `expandRunResult` gives back the result.
import type { Result, ResultLine } from "./format/result";
import type { TraceStep } from "./trace/steps";

export const RUN_RESULT_FORMAT = "zorginkoop.run-result/v1";

export type RunResultLine = [provider: string, prestatie: string, targetGroup: string | null, percent: string, tariff: string, steps: number[]];

export type RunResult = {
  format: typeof RUN_RESULT_FORMAT;
  kader: string;
  lines: RunResultLine[];
  modules: Result["modules"];
  steps: TraceStep[];
  budget?: Result["budget"];
};

/** Canonical JSON (keys sorted, no whitespace), as db/canonical-json.ts writes it. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("non-finite number in canonical JSON");
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** A growing UTF-8 byte buffer: the document is written as bytes, not as one JS string per line. */
class ByteWriter {
  buf: Uint8Array;
  len = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(1024, capacity));
  }
  private grow(extra: number): void {
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.len + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.len;
    // Most pieces are a few bytes: a loop beats TypedArray.set's call overhead for those.
    if (n < 24) for (let k = 0; k < n; k++) buf[at++] = b[k]!;
    else {
      buf.set(b, at);
      at += n;
    }
    this.len = at;
  }
  byte(c: number): void {
    if (this.len + 1 > this.buf.length) this.grow(1);
    this.buf[this.len++] = c;
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/**
 * The run-result document of a result, as the UTF-8 bytes of its canonical JSON (equal to
 * `canonical` of the document object, written without building it). Steps shared between lines
 * (the engine shares the step objects) are serialised once; every distinct piece of text (a step
 * index, a code, a percentage, a tariff) is encoded once and copied as bytes. Building one string
 * per line and joining them cost seconds of allocation for a national field; the hash and the
 * gzip take the bytes as they are.
 */
export function runResultBytes(result: Result): Uint8Array {
  const encoder = new TextEncoder();
  const indexOf = new Map<TraceStep, Uint8Array>();
  const byText = new Map<string, Uint8Array>();
  const steps: string[] = [];
  const quoted = new Map<string, Uint8Array>();
  const quote = (text: string): Uint8Array => {
    let q = quoted.get(text);
    if (q === undefined) {
      q = encoder.encode(JSON.stringify(text));
      quoted.set(text, q);
    }
    return q;
  };
  const NULL = encoder.encode("null");
  const out = new ByteWriter(result.lines.length * 96);
  const budget = result.budget === undefined ? "" : `"budget":${canonical(result.budget)},`;
  out.bytes(encoder.encode(`{${budget}"format":${JSON.stringify(RUN_RESULT_FORMAT)},"kader":${JSON.stringify(result.kader)},"lines":[`));
  const lines = result.lines;
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n]!;
    if (n > 0) out.byte(COMMA);
    out.byte(OPEN);
    out.bytes(quote(l.provider));
    out.byte(COMMA);
    out.bytes(quote(l.prestatie));
    out.byte(COMMA);
    out.bytes(l.targetGroup === null ? NULL : quote(l.targetGroup));
    out.byte(COMMA);
    out.bytes(quote(l.percent));
    out.byte(COMMA);
    out.bytes(quote(l.tariff));
    out.byte(COMMA);
    out.byte(OPEN);
    const trace = l.trace;
    for (let k = 0; k < trace.length; k++) {
      const step = trace[k]!;
      // Numbered by first appearance in this reading order; equal steps (same canonical JSON)
      // share a number even when the engine made them as different objects.
      let index = indexOf.get(step);
      if (index === undefined) {
        const text = canonical(step);
        index = byText.get(text);
        if (index === undefined) {
          index = encoder.encode(String(steps.length));
          steps.push(text);
          byText.set(text, index);
        }
        indexOf.set(step, index);
      }
      if (k > 0) out.byte(COMMA);
      out.bytes(index);
    }
    out.byte(CLOSE);
    out.byte(CLOSE);
  }
  out.bytes(encoder.encode(`],"modules":${canonical(result.modules)},"steps":[${steps.join(",")}]}`));
  return out.result();
}

/** The run-result document of a result, as canonical JSON text (the text of `runResultBytes`). */
export function runResultJson(result: Result): string {
  return new TextDecoder().decode(runResultBytes(result));
}

/** The result (spec section 4) a run-result document stands for. */
export function expandRunResult(doc: RunResult): Result {
  const lines: ResultLine[] = doc.lines.map(([provider, prestatie, targetGroup, percent, tariff, steps]) => ({
    provider,
    prestatie,
    targetGroup,
    percent,
    tariff,
    trace: steps.map((i) => doc.steps[i]!),
  }));
  return {
    format: "zorginkoop.result/v1",
    kader: doc.kader,
    lines,
    modules: doc.modules,
    ...(doc.budget !== undefined && { budget: doc.budget }),
  };
}
