// Spec section 5: bad input never yields a result; every problem is reported
// at once, with its path. Cases in data/errors.yaml, edits of the worked example.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, parseInputs, parseKader, score } from "../../../scoring/index";
import { clone, dataDir, demo, readDocument, setAt } from "./helpers";

type Case = { name: string; set?: Record<string, unknown>; delete?: string[]; issues: string[] };
const table = readDocument(resolve(dataDir, "errors.yaml")) as { cases: Case[] };

function edited(c: Case) {
  const docs: Record<string, unknown> = { kader: clone(demo.kader()), inputs: clone(demo.inputs()) };
  for (const [path, value] of Object.entries(c.set ?? {})) setAt(docs, path, value);
  for (const path of c.delete ?? []) setAt(docs, path, undefined);
  return docs as { kader: unknown; inputs: unknown };
}

describe("errors (data/errors.yaml)", () => {
  it("starts from a valid worked example", () => {
    expect(score(demo.kader(), demo.inputs()).ok).toBe(true);
  });
  for (const c of table.cases) {
    it(c.name, () => {
      const { kader, inputs } = edited(c);
      const scored = score(kader, inputs);
      expect(scored.ok).toBe(false);
      if (scored.ok) return;
      expect(scored.issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual([...c.issues].sort());
    });
  }
});

describe("parse functions", () => {
  it("parseKader and parseInputs report paths without a prefix", () => {
    const kader = clone(demo.kader()) as Record<string, unknown>;
    setAt(kader, "surcharges[1].mapping.bands[2].from", 26);
    expect(parseKader(kader)).toEqual({ ok: false, issues: [{ path: "surcharges[1].mapping.bands[2].from", message: "module complexe-zorg: bands must ascend" }] });
    const inputs = clone(demo.inputs());
    setAt(inputs, "providers[1].prestaties[0]", "11VV");
    const parsed = parseInputs(inputs);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues).toContainEqual({ path: "providers[1].prestaties[0]", message: "provider B: unknown prestatie 11VV" });
  });

  it("parseInputs checks against the kader only when given one", () => {
    const inputs = clone(demo.inputs());
    setAt(inputs, "providers[0].assessments[0].scores.aanpak", 5);
    expect(parseInputs(inputs).ok).toBe(true);
    const kader = parseKader(demo.kader());
    expect(kader.ok && parseInputs(inputs, kader.value).ok).toBe(false);
  });

  it("refuses what is not a document object", () => {
    expect(parseKader(null)).toEqual({ ok: false, issues: [{ path: "", message: "expected an object, got null" }] });
    expect(parseInputs([])).toEqual({ ok: false, issues: [{ path: "", message: "expected an object, got a list" }] });
  });

  it("reports an unknown provider asked for", () => {
    const scored = score(demo.kader(), demo.inputs(), { provider: "Z" });
    expect(scored).toEqual({ ok: false, issues: [{ path: "provider", message: "unknown provider Z" }] });
  });

  it("reports YAML and JSON syntax errors with line and column", () => {
    expect(parseDocument("format: x\nid: [a, b\n")).toMatchObject({ ok: false, issues: [{ path: "", message: expect.stringMatching(/^YAML syntax error at line 3, column 1: /) }] });
    expect(parseDocument("a: 1\na: 2\n")).toEqual({ ok: false, issues: [{ path: "", message: 'duplicate key "a" at line 2, column 1' }] });
    expect(parseDocument('{\n  "a": 1,\n}')).toMatchObject({ ok: false, issues: [{ path: "", message: expect.stringMatching(/^JSON syntax error at line 3, column 1: /) }] });
  });
});
