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

/**
 * The run-result document of a result, as canonical JSON text (equal to `canonical` of the
 * document object, written without building it). Steps shared between lines (the engine shares
 * them) are serialised once.
 */
export function runResultJson(result: Result): string {
  const byObject = new Map<TraceStep, string>();
  const byText = new Map<string, number>();
  const steps: string[] = [];
  // Each step object's index as text, remembered by identity (the engine shares steps).
  const stepIndex = (step: TraceStep): string => {
    let i = byObject.get(step);
    if (i === undefined) {
      const text = canonical(step);
      let n = byText.get(text);
      if (n === undefined) {
        n = steps.length;
        steps.push(text);
        byText.set(text, n);
      }
      i = String(n);
      byObject.set(step, i);
    }
    return i;
  };
  // Codes, percentages and tariffs repeat across lines: quote each distinct text once.
  const quoted = new Map<string, string>();
  const quote = (text: string): string => {
    let q = quoted.get(text);
    if (q === undefined) {
      q = JSON.stringify(text);
      quoted.set(text, q);
    }
    return q;
  };
  type Node = { text: string; next: Map<TraceStep, Node> | null };
  const root: Node = { text: "", next: null };
  const lines: string[] = new Array(result.lines.length);
  for (let n = 0; n < result.lines.length; n++) {
    const l = result.lines[n]!;
    // A trie over step objects: lines whose traces share a prefix share its text, so each
    // distinct trace's text is made once (most of this function's time was garbage otherwise).
    let node = root;
    for (const step of l.trace) {
      let next = node.next?.get(step);
      if (next === undefined) {
        next = { text: node.text === "" ? stepIndex(step) : node.text + "," + stepIndex(step), next: null };
        (node.next ??= new Map()).set(step, next);
      }
      node = next;
    }
    const indices = node.text;
    lines[n] =
      "[" + quote(l.provider) + "," + quote(l.prestatie) + "," + (l.targetGroup === null ? "null" : quote(l.targetGroup)) + "," + quote(l.percent) + "," + quote(l.tariff) + ",[" + indices + "]]";
  }
  const budget = result.budget === undefined ? "" : `"budget":${canonical(result.budget)},`;
  return `{${budget}"format":${JSON.stringify(RUN_RESULT_FORMAT)},"kader":${JSON.stringify(result.kader)},"lines":[${lines.join(",")}],"modules":${canonical(result.modules)},"steps":[${steps.join(",")}]}`;
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
