// Shared helpers for the scoring tests: the shared worked example (read from
// ../shared beside the repository, as CI has it), documents by path, and
// small path-based edits for the data-driven cases.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, parseInputs, parseKader, type Inputs, type Kader, type Result } from "../../../scoring/index";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const examplesDir = resolve(repoRoot, "../shared/examples");
export const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), "data");

export function readDocument(path: string): unknown {
  const parsed = parseDocument(readFileSync(path, "utf8"));
  if (!parsed.ok) throw new Error(`${path}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export const demo = {
  kaderPath: resolve(examplesDir, "demo-kader.yaml"),
  inputsPath: resolve(examplesDir, "demo-inputs.yaml"),
  resultPath: resolve(examplesDir, "demo-result.json"),
  kader: () => readDocument(resolve(examplesDir, "demo-kader.yaml")),
  inputs: () => readDocument(resolve(examplesDir, "demo-inputs.yaml")),
  result: () => JSON.parse(readFileSync(resolve(examplesDir, "demo-result.json"), "utf8")) as Result,
};

export function validKader(data: unknown): Kader {
  const parsed = parseKader(data);
  if (!parsed.ok) throw new Error(`kader invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export function validInputs(data: unknown, kader?: Kader): Inputs {
  const parsed = parseInputs(data, kader);
  if (!parsed.ok) throw new Error(`inputs invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** The comparable part of a result: lines without traces, modules and budget (what demo-result.json fixes). */
export function withoutTraces(result: Result) {
  return {
    lines: result.lines.map(({ provider, prestatie, targetGroup, percent, tariff }) => ({ provider, prestatie, targetGroup, percent, tariff })),
    modules: result.modules,
    budget: result.budget,
  };
}

/** `surcharges[1].mapping.bands[2].from` → ["surcharges", 1, "mapping", "bands", 2, "from"]. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) out.push(part.startsWith("[") ? Number(part.slice(1, -1)) : part);
  return out;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Set (or with `undefined`, delete) the value at a path in a document. */
export function setAt(doc: unknown, path: string, value: unknown): void {
  const segments = pathSegments(path);
  let node = doc as Record<string | number, unknown>;
  for (const s of segments.slice(0, -1)) {
    if (node[s] === undefined) node[s] = {};
    node = node[s] as Record<string | number, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}
