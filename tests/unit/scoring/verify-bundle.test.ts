// The verification bundle's checker (scoring/verify/): a genuine bundle passes with the number of
// tariffs; every tampering the issue names is caught and named (a changed percentage or tariff in
// resultaat.json, a changed base rate in kader.json with or without the manifest rewritten, a
// changed volume, a tariff table that differs from the inputs), and hostile zips are refused
// before anything is inflated (too large, too many entries, a zip bomb, a path with ..).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { computeTariffs, ENGINE_VERSION, stringifyResult, type Result } from "../../../scoring/index";
import { BUNDLE_FORMAT, BUNDLE_LIMITS, sha256Hex, unzipBundle, verifyBundle, type Manifest } from "../../../scoring/verify/index";
import { clone, demo, repoRoot, validInputs, validKader } from "./helpers";

type Docs = { kader: Record<string, unknown>; inputs: Record<string, unknown>; result: Result; tariffs?: unknown };

/** The demo's provider A alone, as a provider's bundle holds it. */
function genuine(): Docs {
  const kaderData = demo.kader() as Record<string, unknown>;
  const all = demo.inputs() as { providers: Record<string, unknown>[] } & Record<string, unknown>;
  const inputs = { ...all, providers: [all.providers[0]!] };
  const result = computeTariffs(validKader(kaderData), validInputs(inputs, validKader(kaderData)));
  return { kader: kaderData, inputs, result: JSON.parse(stringifyResult(result)) as Result };
}

const enc = (text: string) => new TextEncoder().encode(text);

/** Files by name with a manifest describing them; `rewrite: false` keeps the manifest of `before`. */
function bundle(docs: Docs, options: { manifestFrom?: Map<string, Uint8Array>; engineVersion?: string; contentSha256?: string } = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([
    ["kader.json", enc(JSON.stringify(docs.kader))],
    ["tarieven.json", enc(JSON.stringify({ table: { year: 2026, version: 1, sourceName: "test.csv", sha256: "0".repeat(64), note: null }, tariffs: docs.tariffs ?? docs.inputs.tariffs }, null, 2))],
    ["invoer.json", enc(JSON.stringify(docs.inputs, null, 2))],
    ["resultaat.json", enc(stringifyResult(docs.result))],
    ["LEESMIJ.txt", enc("Leesmij\r\n")],
  ]);
  if (options.manifestFrom) {
    files.set("manifest.json", options.manifestFrom.get("manifest.json")!);
    return files;
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    engineVersion: options.engineVersion ?? ENGINE_VERSION,
    kader: { id: "demo-vv-2026", slug: "demo-vv-2026", version: 1, publishedAt: "2026-01-01T00:00:00.000Z", contentSha256: options.contentSha256 ?? sha256Hex(files.get("kader.json")!) },
    provider: { agbCode: "A", name: "Zorggroep A" },
    basis: "register",
    submission: null,
    files: [...files].map(([name, bytes]) => ({ name, bytes: bytes.byteLength, sha256: sha256Hex(bytes) })),
  };
  files.set("manifest.json", enc(JSON.stringify(manifest, null, 2)));
  return files;
}

function expectFailure(files: Map<string, Uint8Array>, ...patterns: RegExp[]) {
  const outcome = verifyBundle(files);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  for (const p of patterns) expect(outcome.message).toMatch(p);
}

describe("a genuine bundle", () => {
  it("recomputes to the cent: every line and the yearly amount", () => {
    const docs = genuine();
    const outcome = verifyBundle(bundle(docs));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.lines).toBe(docs.result.lines.length);
    expect(outcome.lines).toBeGreaterThan(3);
    expect(outcome.message.split("\n")[0]).toBe(`Alle ${docs.result.lines.length} tarieven kloppen tot op de cent.`);
    expect(outcome.message).toMatch(/Het jaarbedrag klopt ook: € [\d.]+,\d\d/);
    expect(outcome.message).toContain(`Rekenmotor ${ENGINE_VERSION}.`);
  });

  it("made by another engine version: still checked, and the difference is said", () => {
    const outcome = verifyBundle(bundle(genuine(), { engineVersion: "0.9.0" }));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.message).toContain("gemaakt met rekenmotor 0.9.0");
  });
});

describe("a tampered bundle", () => {
  it("a changed percentage in resultaat.json, manifest rewritten: the line is named with expected and found", () => {
    const docs = genuine();
    const line = docs.result.lines.find((l) => l.prestatie === "5VV" && l.targetGroup === null)!;
    const original = line.percent;
    line.percent = "99";
    expectFailure(bundle(docs), /^Regel klopt niet: aanbieder A, prestatie 5VV, doelgroep \(geen: reguliere regel\): percentage verwacht/, new RegExp(`verwacht ${original.replace(".", ",")}`), /gevonden 99 % in resultaat\.json/);
  });

  it("a changed tariff in resultaat.json, manifest rewritten: named to the cent", () => {
    const docs = genuine();
    const line = docs.result.lines.find((l) => l.targetGroup === "parkinson")!;
    line.tariff = (Number(line.tariff) + 0.01).toFixed(2);
    expectFailure(bundle(docs), new RegExp(`^Regel klopt niet: aanbieder A, prestatie ${line.prestatie}, doelgroep parkinson: tarief verwacht € [\\d.,]+ \\(herberekend\\), gevonden € ${line.tariff.replace(".", ",")} in resultaat\\.json`));
  });

  it("a changed tariff in resultaat.json, manifest kept: the file's hash differs", () => {
    const docs = genuine();
    const before = bundle(docs);
    docs.result.lines[0]!.tariff = "1.00";
    expectFailure(bundle(docs, { manifestFrom: before }), /^Het bestand resultaat\.json is gewijzigd: de SHA-256 in manifest\.json is [0-9a-f]{64}, die van het bestand [0-9a-f]{64}\.$/);
  });

  it("a changed base rate in kader.json, manifest kept: the file's hash differs", () => {
    const docs = genuine();
    const before = bundle(docs);
    docs.kader.baseRate = { default: 95 };
    expectFailure(bundle(docs, { manifestFrom: before }), /^Het bestand kader\.json is gewijzigd/);
  });

  it("a changed base rate in kader.json, file hashes rewritten but not the published content hash: not the published version", () => {
    const genuineKaderHash = sha256Hex(bundle(genuine()).get("kader.json")!);
    const docs = genuine();
    docs.kader.baseRate = { default: 95 };
    expectFailure(bundle(docs, { contentSha256: genuineKaderHash }), /^kader\.json is niet de gepubliceerde versie: de inhoudshash van versie 1 is/);
  });

  it("a changed base rate in kader.json with the whole manifest rewritten: the recomputation differs at the first line", () => {
    const docs = genuine();
    docs.kader.baseRate = { default: 95 };
    expectFailure(bundle(docs), /^Regel klopt niet: aanbieder A, prestatie 4VV, doelgroep \(geen: reguliere regel\): percentage verwacht/);
  });

  it("a changed volume in invoer.json, manifest rewritten: the yearly amount does not match", () => {
    const docs = genuine();
    (docs.inputs.providers as { volumes: Record<string, number> }[])[0]!.volumes["4VV"] = 4000;
    expectFailure(bundle(docs), /^Jaarbedrag klopt niet: aanbieder A: verwacht € [\d.,]+ \(herberekend\), gevonden € [\d.,]+ in resultaat\.json\.$/);
  });

  it("a tariff table that differs from the inputs' tariffs", () => {
    const docs = genuine();
    const tariffs = clone(docs.inputs.tariffs) as { max: number }[];
    tariffs[0]!.max = 181;
    docs.tariffs = tariffs;
    expectFailure(bundle(docs), /tarieven in tarieven\.json en in invoer\.json verschillen/);
  });

  it("a line removed from, or added to, resultaat.json", () => {
    const removed = genuine();
    const gone = removed.result.lines.pop()!;
    expectFailure(bundle(removed), new RegExp(`^Regel ontbreekt in resultaat\\.json: aanbieder A, prestatie ${gone.prestatie}`));
    const added = genuine();
    added.result.lines.push({ ...added.result.lines[0]!, prestatie: "9VV" });
    expectFailure(bundle(added), /bevat een regel die de herberekening niet oplevert: aanbieder A, prestatie 9VV/);
  });

  it("another provider's data added to invoer.json is refused", () => {
    const docs = genuine();
    const all = demo.inputs() as { providers: unknown[] };
    docs.inputs.providers = [...(docs.inputs.providers as unknown[]), all.providers[1]];
    expectFailure(bundle(docs), /precies één aanbieder/);
  });

  it("a changed LEESMIJ.txt, a missing manifest, an invalid manifest", () => {
    const extra = bundle(genuine());
    extra.set("LEESMIJ.txt", enc("anders"));
    expectFailure(extra, /^Het bestand LEESMIJ\.txt is gewijzigd/);
    const noManifest = bundle(genuine());
    noManifest.delete("manifest.json");
    expectFailure(noManifest, /manifest\.json ontbreekt/);
    const bad = bundle(genuine());
    bad.set("manifest.json", enc(JSON.stringify({ format: "iets anders" })));
    expectFailure(bad, /manifest\.json is ongeldig/);
  });
});

/** A zip of the files (fflate), for the reader. */
const zipOf = (files: Map<string, Uint8Array> | Record<string, Uint8Array>) => zipSync(files instanceof Map ? Object.fromEntries(files) : files, { level: 6 });

/** Offsets of each central-directory entry (signature PK\x01\x02). */
function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.byteLength; i++) if (view.getUint32(i, true) === 0x02014b50) out.push(i);
  return out;
}

describe("reading the zip", () => {
  it("a genuine bundle unzips to its files and verifies", () => {
    const files = bundle(genuine());
    const read = unzipBundle(zipOf(files));
    if (!read.ok) throw new Error(read.message);
    expect([...read.files.keys()].sort()).toEqual([...files.keys()].sort());
    expect(verifyBundle(read.files).ok).toBe(true);
  });

  it("refuses a path with .., an absolute path and a name that is no bundle file", () => {
    const escape = unzipBundle(zipOf({ "../kader.json": strToU8("{}") }));
    expect(escape).toEqual({ ok: false, message: 'Geweigerd: het bestand "../kader.json" heeft een onveilig pad.' });
    expect(unzipBundle(zipOf({ "/etc/passwd": strToU8("x") }))).toMatchObject({ ok: false, message: expect.stringContaining("onveilig pad") });
    expect(unzipBundle(zipOf({ "extra.exe": strToU8("x") }))).toMatchObject({ ok: false, message: expect.stringContaining("hoort niet in een verificatiebundel") });
  });

  it("refuses too many entries before inflating any", () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < BUNDLE_LIMITS.entries + 1; i++) many[`f${i}.json`] = strToU8("{}");
    expect(unzipBundle(zipOf(many))).toMatchObject({ ok: false, message: expect.stringContaining("te veel bestanden (17, hoogstens 16)") });
  });

  it("refuses an archive past the size limit", () => {
    const zip = zipOf(bundle(genuine()));
    expect(unzipBundle(zip, { ...BUNDLE_LIMITS, archiveBytes: zip.byteLength - 1 })).toMatchObject({ ok: false, message: expect.stringContaining("De bundel is te groot") });
  });

  it("refuses an entry whose declared size is past the limit, without inflating it", () => {
    const zip = zipOf({ "invoer.json": strToU8("{}") });
    const entry = centralEntries(zip)[0]!;
    new DataView(zip.buffer, zip.byteOffset).setUint32(entry + 24, BUNDLE_LIMITS.entryBytes + 1, true);
    expect(unzipBundle(zip)).toMatchObject({ ok: false, message: expect.stringMatching(/^Geweigerd: "invoer\.json" is te groot/) });
  });

  it("a zip bomb: an entry that inflates past the size it declares is stopped", () => {
    // 16 MB of zeros compress to about 16 kB; the directory then claims 1 kB.
    const zip = zipOf({ "invoer.json": new Uint8Array(16 * 1024 * 1024) });
    const entry = centralEntries(zip)[0]!;
    new DataView(zip.buffer, zip.byteOffset).setUint32(entry + 24, 1024, true);
    expect(zip.byteLength).toBeLessThan(100_000);
    expect(unzipBundle(zip)).toMatchObject({ ok: false, message: expect.stringContaining("zip-bom") });
  });

  it("refuses what is not a zip", () => {
    expect(unzipBundle(strToU8("gewoon tekst"))).toEqual({ ok: false, message: "Dit is geen zip-bestand (of het is beschadigd)." });
  });
});

describe("npm run -s score -- verify BUNDLE", () => {
  const dir = mkdtempSync(join(tmpdir(), "verify-cli-"));
  const cli = (...args: string[]) => spawnSync("npx", ["tsx", "scoring/cli.ts", "verify", ...args], { cwd: repoRoot, encoding: "utf8" });

  // Each run starts tsx (several seconds on a busy machine): a generous timeout per run.
  const SLOW = 60_000;

  it("exit 0 with the Dutch verdict for a genuine bundle", () => {
    const good = join(dir, "goed.zip");
    writeFileSync(good, zipOf(bundle(genuine())));
    const ok = cli(good);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Alle \d+ tarieven kloppen tot op de cent\.\n/);
  }, SLOW);

  it("exit 1 naming the line for a tampered tariff", () => {
    const docs = genuine();
    docs.result.lines[0]!.tariff = "1.00";
    const bad = join(dir, "fout.zip");
    writeFileSync(bad, zipOf(bundle(docs)));
    const refused = cli(bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^Regel klopt niet: aanbieder A, prestatie 4VV, doelgroep \(geen: reguliere regel\): tarief verwacht € [\d.,]+ \(herberekend\), gevonden € 1,00/);
  }, SLOW);

  it("exit 1 for a file that is no zip; exit 2 without a file", () => {
    const notZip = join(dir, "geen.zip");
    writeFileSync(notZip, "tekst");
    const refused = cli(notZip);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Dit is geen zip-bestand");
    expect(cli().status).toBe(2);
  }, SLOW);
});
