// Reading and writing documents, the JSON Schemas, Dutch number display, and
// the command line's conventions (exit codes 0/1/2, stdout only the result).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatEuro,
  formatNumber,
  formatPercent,
  inputsJsonSchema,
  kaderJsonSchema,
  parseDocument,
  parseKader,
  serializeKader,
} from "../../../scoring/index";
import { clone, demo, repoRoot, setAt, validKader } from "./helpers";

describe("parseDocument", () => {
  it("reads YAML and JSON to the same data", () => {
    const yaml = parseDocument("a: 1\nb: [x, true]\n");
    const json = parseDocument('{"a": 1, "b": ["x", true]}');
    expect(yaml).toEqual({ ok: true, value: { a: 1, b: ["x", true] } });
    expect(json).toEqual(yaml);
  });

  it("keeps numbers exactly, also beyond what a JavaScript number holds", () => {
    expect(parseDocument("a: 0.12345678901234567890\nb: 250.10\n")).toEqual({ ok: true, value: { a: "0.1234567890123456789", b: 250.1 } });
    expect(parseDocument('{"a": 12345678901234567.5}')).toEqual({ ok: true, value: { a: "12345678901234567.5" } });
  });

  it("refuses duplicate keys (which JSON.parse would silently merge)", () => {
    expect(parseDocument('{"a": 1, "a": 2}').ok).toBe(false);
  });
});

describe("serializeKader", () => {
  const kader = validKader(demo.kader());
  const rich = validKader({
    ...(demo.kader() as object),
    baseRate: { default: "94.125", bySector: { GGZ: 95 }, byPrestatie: { "10VV": "0.1234567890123456789" } },
    surcharges: [
      {
        id: "standaard",
        kind: "fixed",
        label: "S: met een dubbele punt",
        percent: 1.5,
        when: { any: [{ fact: "code", op: "in", value: ["0123", "7", 8, true] }, { not: { fact: "fte", op: ">=", value: "2.50" } }] },
      },
      { ...(demo.kader() as { surcharges: object[] }).surcharges[1]!, mapping: { basis: "relative", linear: { from: 0, to: 100, fromPercent: 0, toPercent: 6 } } },
    ],
  });

  for (const format of ["yaml", "json"] as const) {
    it(`round-trips a kader through ${format}`, () => {
      for (const k of [kader, rich]) {
        const text = serializeKader(k, format);
        const back = parseDocument(text);
        expect(back.ok).toBe(true);
        if (back.ok) expect(parseKader(back.value)).toEqual({ ok: true, value: k });
      }
    });
  }

  it("writes decimals as numbers where exact, and fills in the defaults", () => {
    const text = serializeKader(kader, "yaml");
    expect(text).toContain("default: 94\n");
    expect(text).toContain("decimals: 2");
    expect(text).toContain("maxPercent: 100");
    expect(serializeKader(rich, "json")).toContain('"10VV": "0.1234567890123456789"');
  });
});

describe("JSON Schema", () => {
  it("describes the kader format from the zod schema", () => {
    const schema = kaderJsonSchema() as { $schema: string; title: string; properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(schema.$schema).toMatch(/json-schema/);
    expect(Object.keys(schema.properties).sort()).toEqual(
      ["format", "id", "title", "zorgkantoor", "year", "rounding", "percentDecimals", "maxPercent", "nonNegotiable", "baseRate", "previousYear", "surcharges", "facts", "assessment"].sort(),
    );
    expect(schema.required.sort()).toEqual(["baseRate", "format", "id", "title", "year", "zorgkantoor"]);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"pattern":"^-?\\\\d+(?:\\\\.\\\\d+)?$"');
  });

  it("describes the inputs format", () => {
    const schema = inputsJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(["fieldBest", "format", "kader", "providers", "tariffs"]);
    expect(schema.required.sort()).toEqual(["format", "kader", "providers", "tariffs"]);
  });
});

describe("Dutch display (nl-NL)", () => {
  it("formats euros with a regular space, grouped thousands and a decimal comma", () => {
    expect(formatEuro("1234.56")).toBe("€ 1.234,56");
    expect(formatEuro("1563628")).toBe("€ 1.563.628,00");
    expect(formatEuro("172.935")).toBe("€ 172,935"); // nothing hidden by default
    expect(formatEuro("172.935", { decimals: 2 })).toBe("€ 172,94");
    expect(formatEuro("-5", { decimals: 2 })).toBe("€ -5,00");
    expect(formatEuro("-0.001", { decimals: 2 })).toBe("€ 0,00");
  });

  it("formats percentages minimally, or with fixed decimals", () => {
    expect(formatPercent("94")).toBe("94 %");
    expect(formatPercent("94.50")).toBe("94,5 %");
    expect(formatPercent("94", { decimals: 2 })).toBe("94,00 %");
    expect(formatPercent("66.66666", { decimals: 2 })).toBe("66,67 %");
  });

  it("formats any decimal text or number exactly", () => {
    expect(formatNumber("1234567.891")).toBe("1.234.567,891");
    expect(formatNumber("007.50")).toBe("7,5");
    expect(formatNumber(0.1)).toBe("0,1");
    expect(formatNumber("2.675", { decimals: 2 })).toBe("2,68");
    expect(formatNumber("0.5", { decimals: 0 })).toBe("1");
  });
});

describe("command line", () => {
  const cli = (...args: string[]) => spawnSync("npx", ["tsx", "scoring/cli.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
  const dir = mkdtempSync(join(tmpdir(), "scoring-cli-"));

  it("prints every problem as `path: message` on stderr and exits 1, with nothing on stdout", () => {
    const kader = clone(demo.kader());
    setAt(kader, "surcharges[1].mapping.bands[2].from", 26);
    const inputs = clone(demo.inputs());
    setAt(inputs, "providers[1].prestaties[0]", "11VV");
    writeFileSync(join(dir, "kader.json"), JSON.stringify(kader));
    writeFileSync(join(dir, "inputs.json"), JSON.stringify(inputs));
    const run = cli(join(dir, "kader.json"), join(dir, "inputs.json"));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n").sort()).toEqual(
      [
        "kader.surcharges[1].mapping.bands[2].from: module complexe-zorg: bands must ascend",
        "inputs.providers[1].prestaties[0]: provider B: unknown prestatie 11VV",
        "inputs.providers[1].volumes.4VV: provider B: prestatie 4VV is not among the provider's prestaties",
      ].sort(),
    );
  }, 60_000);

  it("reports a YAML syntax error with its line, exit 1", () => {
    writeFileSync(join(dir, "broken.yaml"), "format: zorginkoop.kader/v1\nid: [a\n");
    const run = cli(join(dir, "broken.yaml"), demo.inputsPath);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^kader: YAML syntax error at line 3, column 1: /);
  }, 60_000);

  it("exits 2 on usage errors: missing file argument, unknown option, unreadable file, wrong extension", () => {
    for (const args of [[demo.kaderPath], [demo.kaderPath, demo.inputsPath, "--verbose"], [demo.kaderPath, join(dir, "nope.yaml")], [demo.kaderPath, join(dir, "inputs.txt")]]) {
      const run = cli(...args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("usage: npm run -s score");
    }
  }, 120_000);

  it("limits to one provider with --provider, and reports an unknown one (exit 1)", () => {
    const run = cli(demo.kaderPath, demo.inputsPath, "--provider", "C");
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { lines: { provider: string }[] }).lines.map((l) => l.provider)).toEqual(["C"]);
    const unknown = cli(demo.kaderPath, demo.inputsPath, "--provider", "Z");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe("provider: unknown provider Z\n");
  }, 60_000);

  it("prints the JSON Schema with --schema", () => {
    const run = cli("--schema", "kader");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(kaderJsonSchema());
  }, 60_000);
});
