// The worked example (spec section 6): ../shared/examples/demo-kader.yaml with
// demo-inputs.yaml must give demo-result.json, through the library and the CLI.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { resultSchema } from "../../../scoring/format/result";
import { computeTariffs, renderTrace, score, stringifyResult, type Result } from "../../../scoring/index";
import { demo, repoRoot, validInputs, validKader, withoutTraces } from "./helpers";

function demoResult(options = {}): Result {
  const kader = validKader(demo.kader());
  return computeTariffs(kader, validInputs(demo.inputs(), kader), options);
}

describe("the worked example", () => {
  it("gives demo-result.json's lines, modules and budget through the library", () => {
    const expected = demo.result();
    const result = demoResult();
    expect(withoutTraces(result)).toEqual({ lines: expected.lines, modules: expected.modules, budget: expected.budget });
    expect(result.format).toBe("zorginkoop.result/v1");
    expect(result.kader).toBe("demo-vv-2026");
  });

  it("gives the same through score() on the raw documents", () => {
    const scored = score(demo.kader(), demo.inputs());
    expect(scored.ok).toBe(true);
    if (scored.ok) expect(withoutTraces(scored.value)).toEqual(withoutTraces(demoResult()));
  });

  it("gives demo-result.json through the command line, with stdout only the result JSON", () => {
    const run = spawnSync("npx", ["tsx", "scoring/cli.ts", demo.kaderPath, demo.inputsPath], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as Result;
    const expected = demo.result();
    expect(withoutTraces(output)).toEqual({ lines: expected.lines, modules: expected.modules, budget: expected.budget });
    expect(run.stdout).toBe(stringifyResult(demoResult()));
  }, 60_000);

  it("is a valid result document", () => {
    expect(resultSchema.safeParse(JSON.parse(stringifyResult(demoResult()))).success).toBe(true);
  });

  it("checks by hand as the spec says (A 5VV jonge-dementie; B 4VV)", () => {
    const result = demoResult();
    const a = result.lines.find((l) => l.provider === "A" && l.prestatie === "5VV" && l.targetGroup === "jonge-dementie")!;
    expect(renderTrace(a.trace)).toEqual([
      "Maximumtarief NZa ZZP 5 VV (5VV): € 260,00 per dag",
      "Niet-onderhandelbaar deel (NHC € 21,50 + NIC € 3,50), altijd 100 %: € 25,00; onderhandelbaar deel: € 235,00",
      "Basistarief: 94 %",
      "Standaard opslag bij ingediend plan: voorwaarde vervuld (planIngediend is ja, vereist = ja): 2 %",
      "Module complexe zorg V&V: 30 punten, schijf vanaf 28: 4 %",
      "Vorig-jaarregel (plafond): basistarief 94 % + Standaard opslag bij ingediend plan 2 % = 96 %; vorig jaar 97 %: min(96 %, max(97 %, 94 %)) = 96 %",
      "Totaal: 100 % (maximum 100 %)",
      "Tarief: € 25,00 + 100 % × € 235,00 = € 260,00",
    ]);
    const module = a.trace.find((s) => s.step === "surcharge" && s.id === "complexe-zorg")!;
    // The spec's own example step (section 4).
    expect(module).toMatchObject({ step: "surcharge", id: "complexe-zorg", ref: "Inkoopkader bijlage A", text: "Module complexe zorg V&V: 30 punten, schijf vanaf 28: 4 %", value: "4" });
    const b = result.lines.find((l) => l.provider === "B" && l.prestatie === "4VV" && l.targetGroup === null)!;
    expect(b.trace.find((s) => s.step === "previousYear")).toMatchObject({ regular: "96", previousYearPercent: "95", value: "95" });
    expect(b.trace.at(-1)).toMatchObject({ step: "rounding", nonNegotiable: "23", negotiable: "157", percent: "95", value: "172.15" });
  });

  it("limits the output to one provider with --provider, with the same cents", () => {
    const all = demoResult();
    const onlyB = demoResult({ provider: "B" });
    expect(onlyB.lines.map((l) => l.provider)).toEqual(["B", "B", "B"]);
    expect(onlyB.lines).toEqual(all.lines.filter((l) => l.provider === "B"));
    expect(onlyB.modules).toEqual(all.modules.filter((m) => m.provider === "B"));
    expect(onlyB.budget).toEqual({ total: "296275.00", byProvider: [{ provider: "B", total: "296275.00" }] });
    expect(demoResult({ provider: "C" }).budget).toBeUndefined();
  });
});

describe("every trace step of the worked example", () => {
  const kader = validKader(demo.kader());
  const refs = new Map(kader.surcharges.map((s) => [s.id, s.ref]));
  const result = demoResult();

  it("carries a Dutch text, a decimal value and, for a kader rule with a ref, that ref", () => {
    let steps = 0;
    for (const line of result.lines) {
      for (const step of line.trace) {
        steps++;
        expect(step.text.length).toBeGreaterThan(0);
        expect(step.value).toMatch(/^-?\d+(\.\d+)?$/);
        if (step.step === "surcharge") expect(step.ref).toBe(refs.get(step.id));
      }
    }
    expect(steps).toBeGreaterThan(result.lines.length * 6);
  });

  it("follows the rules in the spec's order: maximum, non-negotiable part, base rate, each surcharge, previous year, cap, rounding", () => {
    for (const line of result.lines) {
      expect(line.trace.map((s) => (s.step === "surcharge" ? `surcharge:${s.id}` : s.step))).toEqual([
        "maximum",
        "nonNegotiable",
        "baseRate",
        "surcharge:standaard",
        "surcharge:complexe-zorg",
        "previousYear",
        "cap",
        "rounding",
      ]);
      expect(line.trace.at(-1)!.value).toBe(line.tariff);
      expect(line.trace.at(-2)!.value).toBe(line.percent);
    }
  });

  it("renders its numbers from the step itself", () => {
    const line = result.lines.find((l) => l.provider === "B" && l.prestatie === "5VV" && l.targetGroup === "parkinson")!;
    const module = line.trace.find((s) => s.step === "surcharge" && s.id === "complexe-zorg")!;
    expect(module.text).toBe("Module complexe zorg V&V: 36 punten, schijf vanaf 34: 6 %");
    const knockedOut = result.lines.find((l) => l.provider === "A" && l.prestatie === "5VV" && l.targetGroup === "parkinson")!;
    expect(knockedOut.trace.find((s) => s.step === "surcharge" && s.id === "complexe-zorg")).toMatchObject({
      applied: false,
      reason: "threshold",
      points: "18",
      threshold: "20",
      text: "Module complexe zorg V&V: 18 punten, onder de drempel van 20: 0 %",
    });
  });
});
