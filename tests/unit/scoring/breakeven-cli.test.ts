// `npm run -s score -- breakeven KADER INPUTS TEST [--text] [--check EXPECTED]`, run as a process on
// the demo published the way a zorgkantoor would: providers pseudonymised in the inputs and the
// accounts, the test file referring to the kader and inputs files by SHA-256.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseBreakevenTest, pseudonymise } from "../../../scoring/breakeven/index";
import { DEMO_ASSUMPTIONS, demoAccounts, demoInputs, demoKader, demoKaderText, sha256, testDocument } from "./breakeven-helpers";
import { repoRoot, validInputs, validKader } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "breakeven-cli-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2) + "\n");
  return path;
};
const cli = (...args: string[]) => spawnSync("npx", ["tsx", "scoring/cli.ts", "breakeven", ...args], { cwd: repoRoot, encoding: "utf8" });

let kaderPath: string;
let inputsPath: string;
let testPath: string;
let published: Record<string, unknown>;
let outcomePath: string;

beforeAll(() => {
  const kader = validKader(demoKader());
  const inputs = validInputs(demoInputs(), kader);
  const test = parseBreakevenTest(testDocument("demo-vv-2026", demoAccounts(), DEMO_ASSUMPTIONS), kader, inputs);
  if (!test.ok) throw new Error(JSON.stringify(test.issues));
  const open = pseudonymise(inputs, test.value);
  const kaderText = demoKaderText();
  const inputsText = JSON.stringify(open.inputs, null, 2) + "\n";
  kaderPath = file("kader.yaml", kaderText);
  inputsPath = file("inputs.json", inputsText);
  published = { ...open.test, references: { kader: { sha256: sha256(kaderText) }, inputs: { sha256: sha256(inputsText) } } };
  testPath = file("toets.json", published);
});

describe("the breakeven command line", () => {
  it("prints the outcome JSON on stdout and a Dutch summary on stderr, pseudonyms only", () => {
    const run = cli(kaderPath, inputsPath, testPath);
    expect(run.status).toBe(0);
    const outcome = JSON.parse(run.stdout);
    expect(outcome).toMatchObject({ format: "zorginkoop.breakeven-outcome/v1", kader: "demo-vv-2026", test: { share: "51.32", passes: false }, breakEven: { percent: "96.61" } });
    expect(outcome.test.providers.map((p: { provider: string }) => p.provider)).toEqual(["aanbieder-001", "aanbieder-002", "aanbieder-003", "aanbieder-004", "aanbieder-005", "aanbieder-006", "aanbieder-007"]);
    expect(run.stdout).not.toContain("7373000");
    expect(run.stderr).toContain("Aandeel in de Wlz-omzet van aanbieders met een resultaat van ten minste nul: 51,32 %");
    expect(run.stderr).toContain("voldoet niet");
    expect(run.stderr).toContain("Break-evenpercentage: 96,61 %");
    outcomePath = file("uitkomst.json", run.stdout);
  }, 60_000);

  it("prints only the summary with --text", () => {
    const run = cli(kaderPath, inputsPath, testPath, "--text");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Reële-tarieventoets, kader demo-vv-2026, basistarief 94 %\n/);
  }, 60_000);

  it("confirms a published outcome with --check (exit 0) and names each difference when it does not match (exit 1)", () => {
    const same = cli(kaderPath, inputsPath, testPath, "--check", outcomePath);
    expect(same.status).toBe(0);
    expect(same.stdout).toBe("Komt overeen: de herberekening bevestigt de gepubliceerde uitkomst (aandeel 51,32 %, voldoet niet, break-evenpercentage 96,61 %).\n");

    const claimed = { format: "zorginkoop.breakeven-outcome/v1", kader: "demo-vv-2026", test: { share: "75.00", passes: true }, breakEven: { percent: "96.50" } };
    const other = cli(kaderPath, inputsPath, testPath, "--check", file("beweerd.json", claimed));
    expect(other.status).toBe(1);
    expect(other.stdout).toBe(
      [
        "Komt niet overeen:",
        "  aandeel in de omzet: gepubliceerd 75,00 %, herberekend 51,32 %",
        "  uitkomst: gepubliceerd voldoet, herberekend voldoet niet",
        "  break-evenpercentage: gepubliceerd 96,50 %, herberekend 96,61 %",
        "",
      ].join("\n"),
    );
  }, 120_000);

  it("refuses files other than the ones the test refers to, and bad input, with paths (exit 1)", () => {
    const changed = cli(file("kader-gewijzigd.yaml", demoKaderText().replace("default: 94", "default: 95")), inputsPath, testPath);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toMatch(/^test\.references\.kader\.sha256: the kader file's SHA-256 is [0-9a-f]{64}, not [0-9a-f]{64}: not the kader this test was run against\n$/);

    const accounts = (published.accounts as Record<string, unknown>[]).map((a, i) => (i === 0 ? { ...a, provider: "aanbieder-999", wlzOmzet: -1 } : a));
    const bad = cli(kaderPath, inputsPath, file("toets-fout.json", { ...published, accounts }), "--check", file("leeg.json", {}));
    expect(bad.status).toBe(1);
    expect(bad.stderr.split("\n")).toEqual(
      expect.arrayContaining([
        "expected.format: required",
        "test.accounts[0].wlzOmzet: Wlz revenue -1 is below 0",
        "test.accounts[0].provider: unknown provider aanbieder-999: not in the inputs",
      ]),
    );
  }, 120_000);

  it("answers usage errors with exit 2", () => {
    const two = cli(kaderPath, inputsPath);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain("give a KADER, an INPUTS and a TEST file");
    const option = cli(kaderPath, inputsPath, testPath, "--snel");
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option --snel");
  }, 60_000);
});
