// Checking a verification bundle: every file against its SHA-256 in the manifest, then the
// kader and the provider's inputs through this engine, and every line of the shipped result
// (percentage and tariff, to the cent) and the yearly amount against the recomputation.
// Pure: the files come in as bytes (scoring/cli.ts unzips them); hashing is computation, not I/O.
import { createHash } from "node:crypto";
import { computeTariffs } from "../compute/lines";
import { D } from "../decimal";
import { parseDocument } from "../format/document";
import { parseInputs } from "../format/inputs";
import { parseKader } from "../format/kader";
import { formatEuro, formatPercent } from "../format/nl";
import { resultSchema, type Result, type ResultLine } from "../format/result";
import { sizeIssues } from "../format/size-limits";
import { ENGINE_VERSION } from "../version";
import { BUNDLE_FILES, manifestSchema, tariffFileSchema, type Manifest } from "./format";

export type VerifyOutcome =
  | { ok: true; lines: number; manifest: Manifest; message: string }
  | { ok: false; message: string };

/** The files a bundle must list and hold, besides the manifest. */
const REQUIRED = [BUNDLE_FILES.kader, BUNDLE_FILES.tariffs, BUNDLE_FILES.inputs, BUNDLE_FILES.result] as const;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const fail = (message: string): VerifyOutcome => ({ ok: false, message });

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A document of the bundle as data, or the reason it is not one. */
function documentOf(files: ReadonlyMap<string, Uint8Array>, name: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = decode(files.get(name)!);
  if (text === null) return { ok: false, message: `${name} is geen geldige UTF-8-tekst.` };
  const parsed = parseDocument(text);
  if (!parsed.ok) return { ok: false, message: `${name} kan niet worden gelezen: ${issueText(parsed.issues)}` };
  return { ok: true, value: parsed.value };
}

function issueText(issues: readonly { path: string; message: string }[]): string {
  const first = issues[0];
  if (!first) return "onbekende fout";
  return `${first.path ? first.path + ": " : ""}${first.message}${issues.length > 1 ? ` (en ${issues.length - 1} andere)` : ""}`;
}

/** JSON with sorted keys: two documents with the same data compare equal whatever their key order. */
function stable(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
}

const lineKey = (l: Pick<ResultLine, "provider" | "prestatie" | "targetGroup">) => `${l.provider}\u0000${l.prestatie}\u0000${l.targetGroup ?? ""}`;

function lineName(l: Pick<ResultLine, "provider" | "prestatie" | "targetGroup">): string {
  return `aanbieder ${l.provider}, prestatie ${l.prestatie}, doelgroep ${l.targetGroup ?? "(geen: reguliere regel)"}`;
}

const sameNumber = (a: string, b: string) => new D(a).eq(new D(b));

/**
 * Checks a bundle given as its files by name. The first problem found is the answer, in Dutch:
 * a file missing or not matching its hash, a document the engine refuses, or the first line
 * (in the engine's order) whose percentage or tariff differs from the recomputation.
 */
export function verifyBundle(files: ReadonlyMap<string, Uint8Array>): VerifyOutcome {
  const manifestBytes = files.get(BUNDLE_FILES.manifest);
  if (!manifestBytes) return fail(`${BUNDLE_FILES.manifest} ontbreekt: dit is geen verificatiebundel.`);
  const manifestDoc = documentOf(files, BUNDLE_FILES.manifest);
  if (!manifestDoc.ok) return fail(manifestDoc.message);
  const manifestParsed = manifestSchema.safeParse(manifestDoc.value);
  if (!manifestParsed.success) {
    const issue = manifestParsed.error.issues[0]!;
    return fail(`${BUNDLE_FILES.manifest} is ongeldig: ${issue.path.join(".") || "(document)"}: ${issue.message}`);
  }
  const manifest = manifestParsed.data;

  // 1. Every file exactly as the manifest describes it, and nothing unlisted.
  const listed = new Map<string, Manifest["files"][number]>();
  for (const entry of manifest.files) {
    if (listed.has(entry.name)) return fail(`${BUNDLE_FILES.manifest} noemt ${entry.name} twee keer.`);
    listed.set(entry.name, entry);
  }
  for (const name of REQUIRED) if (!listed.has(name)) return fail(`${BUNDLE_FILES.manifest} noemt ${name} niet.`);
  for (const name of files.keys()) {
    if (name !== BUNDLE_FILES.manifest && !listed.has(name)) return fail(`Het bestand ${name} staat niet in ${BUNDLE_FILES.manifest}.`);
  }
  for (const entry of manifest.files) {
    const bytes = files.get(entry.name);
    if (!bytes) return fail(`Het bestand ${entry.name} ontbreekt in de bundel.`);
    const actual = sha256Hex(bytes);
    if (actual !== entry.sha256) {
      return fail(`Het bestand ${entry.name} is gewijzigd: de SHA-256 in ${BUNDLE_FILES.manifest} is ${entry.sha256}, die van het bestand ${actual}.`);
    }
    if (bytes.byteLength !== entry.bytes) return fail(`Het bestand ${entry.name} heeft ${bytes.byteLength} bytes, ${BUNDLE_FILES.manifest} noemt er ${entry.bytes}.`);
  }
  const kaderHash = listed.get(BUNDLE_FILES.kader)!.sha256;
  if (kaderHash !== manifest.kader.contentSha256) {
    return fail(`${BUNDLE_FILES.kader} is niet de gepubliceerde versie: de inhoudshash van versie ${manifest.kader.version} is ${manifest.kader.contentSha256}, de SHA-256 van het bestand ${kaderHash}.`);
  }

  // 2. The documents, through the engine's own checks.
  const kaderDoc = documentOf(files, BUNDLE_FILES.kader);
  if (!kaderDoc.ok) return fail(kaderDoc.message);
  const kader = parseKader(kaderDoc.value);
  if (!kader.ok) return fail(`${BUNDLE_FILES.kader} is geen geldig kader: ${issueText(kader.issues)}`);
  const inputsDoc = documentOf(files, BUNDLE_FILES.inputs);
  if (!inputsDoc.ok) return fail(inputsDoc.message);
  const inputs = parseInputs(inputsDoc.value, kader.value);
  if (!inputs.ok) return fail(`${BUNDLE_FILES.inputs} is geen geldige invoer bij dit kader: ${issueText(inputs.issues)}`);
  const tariffDoc = documentOf(files, BUNDLE_FILES.tariffs);
  if (!tariffDoc.ok) return fail(tariffDoc.message);
  const tariffFile = tariffFileSchema.safeParse(tariffDoc.value);
  if (!tariffFile.success) return fail(`${BUNDLE_FILES.tariffs} is ongeldig: ${tariffFile.error.issues[0]!.path.join(".")}: ${tariffFile.error.issues[0]!.message}`);
  const inputsTariffs = (inputsDoc.value as { tariffs?: unknown }).tariffs;
  if (stable(tariffFile.data.tariffs) !== stable(inputsTariffs)) return fail(`De tarieven in ${BUNDLE_FILES.tariffs} en in ${BUNDLE_FILES.inputs} verschillen.`);
  const resultDoc = documentOf(files, BUNDLE_FILES.result);
  if (!resultDoc.ok) return fail(resultDoc.message);
  const shippedParsed = resultSchema.safeParse(resultDoc.value);
  if (!shippedParsed.success) {
    const issue = shippedParsed.error.issues[0]!;
    return fail(`${BUNDLE_FILES.result} is geen geldig resultaat: ${issue.path.join(".")}: ${issue.message}`);
  }
  const shipped = shippedParsed.data as Result;
  if (inputs.value.kader !== kader.value.id || shipped.kader !== kader.value.id || manifest.kader.id !== kader.value.id) {
    return fail(`De bestanden horen niet bij hetzelfde kader (${kader.value.id}).`);
  }
  if (inputs.value.providers.length !== 1 || inputs.value.providers[0]!.id !== manifest.provider.agbCode) {
    return fail(`${BUNDLE_FILES.inputs} hoort de gegevens van precies één aanbieder te bevatten: AGB ${manifest.provider.agbCode}.`);
  }
  const tooLarge = sizeIssues(kader.value, inputs.value);
  if (tooLarge.length > 0) return fail(`${BUNDLE_FILES.inputs}: ${issueText(tooLarge)}`);

  // 3. Recompute and compare, line by line in the engine's order.
  const expected = computeTariffs(kader.value, inputs.value);
  const found = new Map<string, ResultLine>();
  for (const line of shipped.lines) {
    const key = lineKey(line);
    if (found.has(key)) return fail(`${BUNDLE_FILES.result} bevat de regel ${lineName(line)} twee keer.`);
    found.set(key, line);
  }
  for (const line of expected.lines) {
    const other = found.get(lineKey(line));
    if (!other) return fail(`Regel ontbreekt in ${BUNDLE_FILES.result}: ${lineName(line)} (herberekend: ${formatPercent(line.percent)}, ${formatEuro(line.tariff)}).`);
    if (!sameNumber(line.percent, other.percent)) {
      return fail(`Regel klopt niet: ${lineName(line)}: percentage verwacht ${formatPercent(line.percent)} (herberekend), gevonden ${formatPercent(other.percent)} in ${BUNDLE_FILES.result}.`);
    }
    if (!sameNumber(line.tariff, other.tariff)) {
      return fail(`Regel klopt niet: ${lineName(line)}: tarief verwacht ${formatEuro(line.tariff)} (herberekend), gevonden ${formatEuro(other.tariff)} in ${BUNDLE_FILES.result}.`);
    }
    found.delete(lineKey(line));
  }
  const extra = found.values().next();
  if (!extra.done) return fail(`${BUNDLE_FILES.result} bevat een regel die de herberekening niet oplevert: ${lineName(extra.value)}.`);

  const budgetMessage = compareBudget(expected, shipped);
  if (budgetMessage) return fail(budgetMessage);

  const n = expected.lines.length;
  const lines = [
    `Alle ${n} tarieven kloppen tot op de cent.`,
    ...(expected.budget ? [`Het jaarbedrag klopt ook: ${formatEuro(expected.budget.total)}.`] : []),
    `Kader ${manifest.kader.id}, versie ${manifest.kader.version}; inhoudshash (SHA-256) ${manifest.kader.contentSha256}: vergelijk die met de kaderpagina.`,
    `Aanbieder ${manifest.provider.name} (AGB ${manifest.provider.agbCode}).`,
    manifest.engineVersion === ENGINE_VERSION
      ? `Rekenmotor ${ENGINE_VERSION}.`
      : `Let op: de bundel is gemaakt met rekenmotor ${manifest.engineVersion}, herberekend met rekenmotor ${ENGINE_VERSION}.`,
  ];
  return { ok: true, lines: n, manifest, message: lines.join("\n") };
}

function compareBudget(expected: Result, shipped: Result): string | null {
  if (!expected.budget && !shipped.budget) return null;
  if (!expected.budget || !shipped.budget) {
    return expected.budget ? `${BUNDLE_FILES.result} mist het jaarbedrag (herberekend: ${formatEuro(expected.budget.total)}).` : `${BUNDLE_FILES.result} noemt een jaarbedrag dat de herberekening niet oplevert.`;
  }
  for (const row of expected.budget.byProvider) {
    const other = shipped.budget.byProvider.find((b) => b.provider === row.provider);
    if (!other || !sameNumber(row.total, other.total)) {
      return `Jaarbedrag klopt niet: aanbieder ${row.provider}: verwacht ${formatEuro(row.total)} (herberekend), gevonden ${other ? formatEuro(other.total) : "geen"} in ${BUNDLE_FILES.result}.`;
    }
  }
  if (shipped.budget.byProvider.length !== expected.budget.byProvider.length || !sameNumber(expected.budget.total, shipped.budget.total)) {
    return `Jaarbedrag klopt niet: verwacht ${formatEuro(expected.budget.total)} (herberekend), gevonden ${formatEuro(shipped.budget.total)} in ${BUNDLE_FILES.result}.`;
  }
  return null;
}
