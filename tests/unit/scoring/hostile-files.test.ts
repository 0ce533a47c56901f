// Hostile and unusual files (issue: the engine survives hostile files): every one is refused with a
// message that names the problem, never a crash or a stack trace; each limit is tested just
// below and just above.
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { describe, expect, it, vi } from "vitest";
import { MAX_DEPTH, MAX_DOCUMENT_CHARS, MAX_LINES, MAX_PROVIDERS, lineCount, parseDocument, score } from "../../../scoring/index";
import { sizeIssues } from "../../../scoring/format/size-limits";
import { demo, repoRoot, validInputs, validKader } from "./helpers";

const refused = (text: string) => {
  const parsed = parseDocument(text);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? "" : parsed.issues.map((i) => i.message).join("\n");
};

describe("documents", () => {
  it("refuses a YAML alias bomb (billion laughs) at its first anchor", () => {
    const bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    expect(refused(bomb)).toBe("anchors (&) and aliases (*) are not allowed (line 1)");
  });

  it("refuses conditions nested thousands deep, in YAML and in JSON, and reads them just inside the limit", () => {
    // `levels` objects in all: the document, levels − 2 negations, the comparison.
    const deepJson = (levels: number) => '{"when":' + '{"not":'.repeat(levels - 2) + '{"fact":"x","op":"==","value":1}' + "}".repeat(levels - 1);
    expect(refused(deepJson(5000))).toMatch(new RegExp(`^nested too deeply: more than ${MAX_DEPTH} levels \\(line 1, column \\d+\\)$`));
    expect(parseDocument(deepJson(MAX_DEPTH)).ok).toBe(true);
    expect(refused(deepJson(MAX_DEPTH + 1))).toMatch(/^nested too deeply/);
    const deepYaml = (levels: number) => "when: " + "{not: ".repeat(levels - 1) + "{fact: x, op: '==', value: 1}" + "}".repeat(levels - 1);
    expect(refused(deepYaml(5000))).toMatch(/^nested too deeply/);
    expect(parseDocument(deepYaml(MAX_DEPTH)).ok).toBe(true);
    expect(refused(deepYaml(MAX_DEPTH + 1))).toMatch(/^nested too deeply/);
  });

  it("names a repeated key, in JSON and in YAML", () => {
    expect(refused('{"title": "A",\n "title": "B"}')).toBe('duplicate key "title" at line 2, column 2');
    expect(refused("title: A\nid: x\ntitle: B\n")).toBe('duplicate key "title" at line 3, column 1');
    expect(refused('{"a": {"b": 1}, "c": {"b": 2, "b": 3}}')).toBe('duplicate key "b" at line 1, column 31');
  });

  it("reads JSON as JSON only, never a second time through the YAML library", () => {
    const json = JSON.stringify(demo.inputs());
    const spy = vi.spyOn(YAML, "parseDocument");
    try {
      const parsed = parseDocument(json);
      expect(parsed.ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it("keeps a JSON number that a JavaScript number cannot hold as its exact decimal", () => {
    expect(parseDocument('{"max": 180.123456789012345678, "n": 12345678901234567890, "ok": 250.12}')).toEqual({
      ok: true,
      value: { max: "180.123456789012345678", n: "12345678901234567890", ok: 250.12 },
    });
    // A syntax error after such a number still points at the text as given.
    expect(refused('{"max": 180.123456789012345678,}')).toMatch(/^JSON syntax error at line 1, column 32/);
  });

  it("refuses a document above the size limit and reads one just below it", () => {
    const padded = (size: number) => {
      const head = '{"format":"zorginkoop.inputs/v1","note":"';
      return head + "x".repeat(size - head.length - 2) + '"}';
    };
    expect(parseDocument(padded(MAX_DOCUMENT_CHARS)).ok).toBe(true);
    expect(refused(padded(MAX_DOCUMENT_CHARS + 1))).toBe(`document too large: more than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB`);
  });
});

describe("size of a computation", () => {
  const kader = validKader(demo.kader());
  const base = demo.inputs() as { tariffs: unknown[] };
  const withProviders = (count: number, prestaties: string[]) =>
    validInputs({ ...base, providers: Array.from({ length: count }, (_, i) => ({ id: `P${i}`, prestaties })) }, kader);

  it("counts the lines the spec makes: regular lines and target group lines", () => {
    expect(lineCount(kader, validInputs(demo.inputs(), kader))).toBe(demo.result().lines.length);
  });

  it("allows the provider limit and refuses one more", () => {
    expect(sizeIssues(kader, withProviders(MAX_PROVIDERS, ["4VV"]))).toEqual([]);
    expect(sizeIssues(kader, withProviders(MAX_PROVIDERS + 1, ["4VV"]))).toEqual([
      { path: "inputs.providers", message: `${MAX_PROVIDERS + 1} providers, more than the limit of ${MAX_PROVIDERS}` },
    ]);
  });

  it("allows the line limit and refuses one line more, before computing", () => {
    // 40 prestaties, as in the national field: the line limit is reached below the provider limit.
    const tariffs = Array.from({ length: 40 }, (_, i) => ({ code: `T${i}`, sector: "VV", max: "100.00" }));
    const perProvider = tariffs.map((t) => t.code);
    const providers = Array.from({ length: MAX_LINES / perProvider.length }, (_, i) => ({ id: `P${i}` }));
    const inputs = (extra: object[]) => validInputs({ format: "zorginkoop.inputs/v1", kader: kader.id, tariffs, providers: [...providers, ...extra] }, kader);
    const atLimit = inputs([]);
    expect(lineCount(kader, atLimit)).toBe(MAX_LINES);
    expect(sizeIssues(kader, atLimit)).toEqual([]);
    const over = inputs([{ id: "one-more", prestaties: ["T0"] }]);
    const issue = { path: "inputs.providers", message: `the computation would give ${MAX_LINES + 1} lines, more than the limit of ${MAX_LINES}` };
    expect(sizeIssues(kader, over)).toEqual([issue]);
    expect(score(demo.kader(), { format: "zorginkoop.inputs/v1", kader: kader.id, tariffs, providers: [...providers, { id: "one-more", prestaties: ["T0"] }] })).toEqual({ ok: false, issues: [issue] });
  });
});

describe("command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "scoring-hostile-"));
  const cli = (...args: string[]) => spawnSync("npx", ["tsx", "scoring/cli.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

  it("refuses an alias bomb, deep nesting and a repeated key with exit 1, naming the problem, no stack trace", () => {
    writeFileSync(join(dir, "bomb.yaml"), 'format: zorginkoop.inputs/v1\na: &a ["x", "x"]\nb: [*a, *a]\n');
    writeFileSync(join(dir, "deep.json"), '{"x":'.repeat(10_000) + "1" + "}".repeat(10_000));
    writeFileSync(join(dir, "twice.json"), '{"format": "zorginkoop.inputs/v1", "kader": "a", "kader": "b"}');
    for (const [file, message] of [
      ["bomb.yaml", "inputs: anchors (&) and aliases (*) are not allowed (line 2)"],
      ["deep.json", `inputs: nested too deeply: more than ${MAX_DEPTH} levels (line 1, column ${5 * MAX_DEPTH + 1})`],
      ["twice.json", 'inputs: duplicate key "kader" at line 1, column 50'],
    ] as const) {
      const run = cli(demo.kaderPath, join(dir, file));
      expect(run.status, file).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim()).toBe(message);
      noStack(run.stderr);
    }
  }, 60_000);

  it("refuses a file above the size limit before reading it, and reads one at the limit", () => {
    // Sparse files: the size is what is checked, nothing is read.
    const sized = (name: string, size: number) => {
      const file = join(dir, name);
      const fd = openSync(file, "w");
      ftruncateSync(fd, size);
      closeSync(fd);
      return file;
    };
    const over = cli(demo.kaderPath, sized("big.json", 50 * 1024 * 1024));
    expect(over.status).toBe(1);
    expect(over.stderr.trim()).toBe(`inputs: document too large: 50.0 MB, at most ${(MAX_DOCUMENT_CHARS / 1024 / 1024).toFixed(1)} MB`);
    noStack(over.stderr);
    // At the limit the file is read (and here refused for its content: NUL bytes are no JSON or YAML).
    const at = cli(demo.kaderPath, sized("at-limit.yaml", MAX_DOCUMENT_CHARS));
    expect(at.status).toBe(1);
    expect(at.stderr).not.toContain("document too large: 20");
    noStack(at.stderr);
  }, 60_000);
});
