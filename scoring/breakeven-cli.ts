// Command line of the reële-tarieventoets (docs/spec/breakeven.md section 6):
//   npm run -s score -- breakeven KADER INPUTS TEST [--text] [--check EXPECTED]
// Prints the outcome JSON on stdout and a Dutch summary on stderr (exit 0); `--text`: only the
// summary, on stdout. `--check EXPECTED`: recomputes and says in Dutch whether the published
// outcome EXPECTED matches to the 0.01 % (exit 0) or not (exit 1). Bad input: every problem as
// `path: message` on stderr, paths starting with kader, inputs, test or expected, exit 1.
// Usage errors (arguments, unreadable file): exit 2. The SHA-256 of the kader and inputs files must
// be the ones the test file refers to: a published outcome is only checked against what it was run on.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { compareOutcomes, outcomeSchema, scoreBreakeven, stringifyOutcome, type BreakevenOutcome } from "./breakeven/index";
import { asObject, messageFor, prefixPath, toIssues, type Issue } from "./format/common";
import { MAX_DOCUMENT_CHARS, parseDocument } from "./format/document";
import { formatEuro, formatPercent } from "./format/nl";

export const BREAKEVEN_USAGE = `usage: npm run -s score -- breakeven KADER INPUTS TEST [--text] [--check EXPECTED]
KADER, INPUTS and TEST are .yaml, .yml or .json files; EXPECTED a published outcome (.json).`;

class UsageError extends Error {}

type Args = { kader: string; inputs: string; test: string; text: boolean; check?: string };

function parseArgs(args: string[]): Args | "help" {
  const files: string[] = [];
  let text = false;
  let check: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--text") text = true;
    else if (arg === "--check") {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError("--check needs a file");
      check = value;
    } else if (arg.startsWith("--check=")) check = arg.slice("--check=".length);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 3) throw new UsageError(files.length < 3 ? "give a KADER, an INPUTS and a TEST file" : "too many files: give a KADER, an INPUTS and a TEST file");
  if (check === "") throw new UsageError("--check needs a file");
  if (check !== undefined && text) throw new UsageError("--check and --text do not go together");
  return { kader: files[0]!, inputs: files[1]!, test: files[2]!, text, ...(check !== undefined && { check }) };
}

function read(file: string): Buffer | Issue {
  if (![".yaml", ".yml", ".json"].includes(extname(file).toLowerCase())) throw new UsageError(`${file}: not a .yaml, .yml or .json file`);
  try {
    const { size } = statSync(file);
    if (size > MAX_DOCUMENT_CHARS) return { path: "", message: `document too large: ${(size / 1024 / 1024).toFixed(1)} MB, at most ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB` };
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function breakevenMain(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let parsed: Args | "help";
  let files: Record<"kader" | "inputs" | "test" | "expected", Buffer | Issue | undefined>;
  try {
    parsed = parseArgs(args);
    if (parsed === "help") {
      out(BREAKEVEN_USAGE + "\n");
      return 0;
    }
    files = { kader: read(parsed.kader), inputs: read(parsed.inputs), test: read(parsed.test), expected: parsed.check === undefined ? undefined : read(parsed.check) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n${BREAKEVEN_USAGE}\n`);
    return 2;
  }
  const problems: Issue[] = [];
  const docs: Partial<Record<keyof typeof files, unknown>> = {};
  for (const name of ["kader", "inputs", "test", "expected"] as const) {
    const file = files[name];
    if (file === undefined) continue;
    if (!Buffer.isBuffer(file)) {
      problems.push({ path: prefixPath(name, file.path), message: file.message });
      continue;
    }
    const doc = parseDocument(file.toString("utf8"));
    if (doc.ok) docs[name] = doc.value;
    else problems.push(...doc.issues.map((i) => ({ path: prefixPath(name, i.path), message: i.message })));
  }
  // The files must be the ones the test was run against.
  const references = asObject(asObject(docs.test)?.references);
  for (const name of ["kader", "inputs"] as const) {
    const file = files[name];
    const expected = asObject(references?.[name])?.sha256;
    if (Buffer.isBuffer(file) && typeof expected === "string" && /^[0-9a-f]{64}$/.test(expected) && sha256(file) !== expected) {
      problems.push({ path: `test.references.${name}.sha256`, message: `the ${name} file's SHA-256 is ${sha256(file)}, not ${expected}: not the ${name} this test was run against` });
    }
  }
  let expected: ReturnType<typeof outcomeSchema.parse> | undefined;
  if (docs.expected !== undefined) {
    const e = outcomeSchema.safeParse(docs.expected, { error: messageFor });
    if (e.success) expected = e.data;
    else problems.push(...toIssues(e.error.issues).map((i) => ({ path: prefixPath("expected", i.path), message: i.message })));
  }
  if (problems.length === 0 || (docs.kader !== undefined && docs.inputs !== undefined && docs.test !== undefined)) {
    if (docs.kader !== undefined && docs.inputs !== undefined && docs.test !== undefined) {
      const outcome = scoreBreakeven(docs.kader, docs.inputs, docs.test);
      if (!outcome.ok) problems.push(...outcome.issues);
      else if (problems.length === 0) {
        if (expected) {
          const differences = compareOutcomes(expected, outcome.value);
          if (differences.length === 0) {
            out(`Komt overeen: de herberekening bevestigt de gepubliceerde uitkomst (aandeel ${pct(outcome.value.test.share)}, ${verdict(outcome.value.test.passes)}, break-evenpercentage ${breakEvenText(outcome.value)}).\n`);
            return 0;
          }
          out(`Komt niet overeen:\n${differences.map((d) => `  ${d}`).join("\n")}\n`);
          return 1;
        }
        if (parsed.text) out(summary(outcome.value));
        else {
          out(stringifyOutcome(outcome.value));
          err(summary(outcome.value));
        }
        return 0;
      }
    }
  }
  err(problems.map((i) => `${i.path}: ${i.message}`).join("\n") + "\n");
  return 1;
}

const pct = (p: string) => formatPercent(p, { decimals: 2 });
const verdict = (passes: boolean) => (passes ? "voldoet" : "voldoet niet");
const breakEvenText = (o: BreakevenOutcome) =>
  o.breakEven.percent === null ? `geen: ook bij ${pct(o.breakEven.to)} niet gehaald` : pct(o.breakEven.percent);

/** The Dutch summary: the outcome, the assumptions and each (pseudonymised) provider in one line. */
export function summary(o: BreakevenOutcome): string {
  const a = o.assumptions;
  const opslagen = { none: "geen opslagen", fixed: "alleen vaste opslagen", expected: "vaste opslagen en verwachte punten" }[a.opslagen];
  const lines = [
    `Reële-tarieventoets, kader ${o.kader}, basistarief ${formatPercent(o.test.basistarief)}`,
    `Uitgangspunten: kostenindexatie ${formatPercent(a.costIndexation)}, volumewijziging ${formatPercent(a.volumeChange)}, ${opslagen}, drempel ${formatPercent(a.threshold)} (${a.thresholdRef})`,
    `Aandeel in de Wlz-omzet van aanbieders met een resultaat van ten minste nul: ${pct(o.test.share)} (${formatEuro(o.test.weightPassing)} van ${formatEuro(o.test.weightTotal)}): ${verdict(o.test.passes)}`,
    `Break-evenpercentage: ${breakEvenText(o)} (laagste basistarief in stappen van 0,01 % tussen ${pct(o.breakEven.from)} en ${pct(o.breakEven.to)}; ${o.breakEven.engineRuns} runs van de rekenkern)`,
    `${o.test.providers.length} aanbieders met jaarrekening; ${o.test.withoutAccounts.length} zonder jaarrekening (niet meegeteld${o.test.withoutAccounts.length > 0 ? ": " + o.test.withoutAccounts.join(", ") : ""})`,
    ...o.test.providers.map(
      (p) =>
        `  ${p.provider}: resultaat ${formatEuro(p.result)}, ${p.passes ? "ten minste break-even" : "negatief"}, omzet ${formatEuro(p.weight)}, ${p.method === "engine" ? "omzet uit volumes" : "omzet geschaald uit jaarrekening"}`,
    ),
  ];
  return lines.join("\n") + "\n";
}
