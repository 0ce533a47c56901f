// Command line: `npm run -s score -- KADER INPUTS [--provider ID]`
//               `npm run -s score -- --schema kader|inputs|result`
//               `npm run -s score -- breakeven KADER INPUTS TEST [--text] [--check EXPECTED]` (breakeven-cli.ts)
//               `npm run -s score -- verify BUNDLE` (a verification bundle: exit 0 when every tariff matches, else 1)
// Prints the result JSON on stdout and nothing else (exit 0). Bad input: every
// problem on stderr as `path: message`, one per line, paths starting with
// `kader` or `inputs` (syntax errors: `kader: YAML syntax error at line …`),
// exit 1. Usage errors (arguments, unreadable file): exit 2.
import { readFileSync, statSync } from "node:fs";
import { BUNDLE_LIMITS, unzipBundle, verifyBundle } from "./verify/index";
import { breakevenMain } from "./breakeven-cli";
import { breakevenJsonSchema } from "./breakeven/format";
import { extname } from "node:path";
import { MAX_DOCUMENT_CHARS } from "./format/document";
import { inputsJsonSchema, kaderJsonSchema, parseDocument, resultJsonSchema, score, stringifyResult } from "./index";

const USAGE = `usage: npm run -s score -- KADER INPUTS [--provider ID]
       npm run -s score -- --schema kader|inputs|result|breakeven
       npm run -s score -- breakeven KADER INPUTS TEST [--text] [--check EXPECTED]
       npm run -s score -- verify BUNDLE
KADER and INPUTS are .yaml, .yml or .json files.`;

class UsageError extends Error {}

type Command = { kind: "score"; kader: string; inputs: string; provider?: string } | { kind: "schema"; which: string } | { kind: "help" };

function parseArgs(args: string[]): Command {
  const files: string[] = [];
  let provider: string | undefined;
  let schema: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    if (arg === "--provider" || arg === "--schema") {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      if (arg === "--provider") provider = value;
      else schema = value;
    } else if (arg.startsWith("--provider=")) provider = arg.slice("--provider=".length);
    else if (arg.startsWith("--schema=")) schema = arg.slice("--schema=".length);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (schema !== undefined) {
    if (files.length > 0 || provider !== undefined) throw new UsageError("--schema takes no files or other options");
    if (!["kader", "inputs", "result", "breakeven"].includes(schema)) throw new UsageError(`unknown schema ${schema}: choose kader, inputs, result or breakeven`);
    return { kind: "schema", which: schema };
  }
  if (files.length !== 2) throw new UsageError(files.length < 2 ? "give a KADER and an INPUTS file" : "too many files: give a KADER and an INPUTS file");
  if (provider === "") throw new UsageError("--provider needs a value");
  return { kind: "score", kader: files[0]!, inputs: files[1]!, ...(provider !== undefined && { provider }) };
}

/** A file past the document limit is refused before it is read, so that it costs no memory. */
class TooLarge {
  constructor(readonly bytes: number) {}
}

function read(file: string): string | TooLarge {
  if (![".yaml", ".yml", ".json"].includes(extname(file).toLowerCase())) throw new UsageError(`${file}: not a .yaml, .yml or .json file`);
  try {
    const { size } = statSync(file);
    if (size > MAX_DOCUMENT_CHARS) return new TooLarge(size);
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function main(args: string[]): number {
  let command: Command;
  let texts: { kader: string | TooLarge; inputs: string | TooLarge } | undefined;
  try {
    command = parseArgs(args);
    if (command.kind === "score") texts = { kader: read(command.kader), inputs: read(command.inputs) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (command.kind === "schema") {
    const schema =
      command.which === "kader" ? kaderJsonSchema() : command.which === "inputs" ? inputsJsonSchema() : command.which === "breakeven" ? breakevenJsonSchema() : resultJsonSchema();
    process.stdout.write(JSON.stringify(schema, null, 2) + "\n");
    return 0;
  }
  const kader = parseText(texts!.kader);
  const inputs = parseText(texts!.inputs);
  const problems: string[] = [];
  if (!kader.ok) problems.push(...kader.issues.map((i) => `kader${i.path ? "." + i.path : ""}: ${i.message}`));
  if (!inputs.ok) problems.push(...inputs.issues.map((i) => `inputs${i.path ? "." + i.path : ""}: ${i.message}`));
  if (kader.ok && inputs.ok) {
    const result = score(kader.value, inputs.value, command.provider === undefined ? {} : { provider: command.provider });
    if (result.ok) {
      process.stdout.write(stringifyResult(result.value));
      return 0;
    }
    problems.push(...result.issues.map((i) => `${i.path}: ${i.message}`));
  }
  process.stderr.write(problems.join("\n") + "\n");
  return 1;
}

function parseText(text: string | TooLarge): ReturnType<typeof parseDocument> {
  if (typeof text === "string") return parseDocument(text);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return { ok: false, issues: [{ path: "", message: `document too large: ${mb(text.bytes)} MB, at most ${mb(MAX_DOCUMENT_CHARS)} MB` }] };
}

/**
 * `verify BUNDLE`: the bundle's size is checked before it is read, its entries before they are
 * inflated (verify/unzip.ts); the verdict in Dutch on stdout (exit 0) or stderr (exit 1).
 */
function verifyMain(args: string[]): number {
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    process.stderr.write(`give one BUNDLE file (verificatie.zip)\n${USAGE}\n`);
    return 2;
  }
  const file = args[0]!;
  let bytes: Uint8Array;
  try {
    const { size } = statSync(file);
    if (size > BUNDLE_LIMITS.archiveBytes) {
      process.stderr.write(`${file}: de bundel is te groot (${size} bytes, hoogstens ${BUNDLE_LIMITS.archiveBytes}).\n`);
      return 1;
    }
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  const unzipped = unzipBundle(bytes);
  if (!unzipped.ok) {
    process.stderr.write(`${file}: ${unzipped.message}\n`);
    return 1;
  }
  const outcome = verifyBundle(unzipped.files);
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    return 1;
  }
  process.stdout.write(`${outcome.message}\n`);
  return 0;
}

const args = process.argv.slice(2);
process.exitCode =
  args[0] === "breakeven"
    ? breakevenMain(args.slice(1), (s) => process.stdout.write(s), (s) => process.stderr.write(s))
    : args[0] === "verify"
      ? verifyMain(args.slice(1))
      : main(args);
