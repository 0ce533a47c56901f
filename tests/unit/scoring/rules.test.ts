// Every rule of spec section 3, as a scenario table (data/rules.yaml) and as
// focused tests of the rule functions and their trace steps.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../../../scoring/compute/conditions";
import { compileModule, mapPoints, rawPoints, relativeInput } from "../../../scoring/compute/points";
import { D, divideHalfUp, roundHalfUp } from "../../../scoring/decimal";
import { score, type Condition, type PointsSurchargeStep, type Result, type TraceStep } from "../../../scoring/index";
import { assessmentMethod, parseKader, type Kader } from "../../../scoring/format/kader";
import { dataDir, readDocument, validKader } from "./helpers";

function parseKaderOk(doc: object): Kader {
  const parsed = parseKader(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

type Case = {
  name: string;
  kader?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  lines: string[];
  modules?: string[];
  budget?: Result["budget"] | null;
};
const table = readDocument(resolve(dataDir, "rules.yaml")) as { base: { kader: object; inputs: object }; cases: Case[] };

const lineText = (l: Result["lines"][number]) => [l.provider, l.prestatie, l.targetGroup ?? "-", l.percent, l.tariff].join(" ");
const moduleText = (m: Result["modules"][number]) => [m.provider, m.module, m.targetGroup ?? "-", m.points, m.input, m.percent, String(m.knockout)].join(" ");

function run(kader: object, inputs: object): Result {
  const scored = score(kader, inputs);
  if (!scored.ok) throw new Error(scored.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return scored.value;
}

describe("scenario table (data/rules.yaml)", () => {
  it("has cases", () => expect(table.cases.length).toBeGreaterThan(25));
  for (const c of table.cases) {
    it(c.name, () => {
      const result = run({ ...table.base.kader, ...c.kader }, { ...table.base.inputs, ...c.inputs });
      expect(result.lines.map(lineText)).toEqual(c.lines);
      if (c.modules) expect(result.modules.map(moduleText)).toEqual(c.modules);
      if (c.budget === null) expect(result.budget).toBeUndefined();
      else if (c.budget) expect(result.budget).toEqual(c.budget);
    });
  }
});

function caseResult(name: string): Result {
  const c = table.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return run({ ...table.base.kader, ...c.kader }, { ...table.base.inputs, ...c.inputs });
}
const stepOf = (trace: TraceStep[], name: TraceStep["step"], id?: string) =>
  trace.find((s) => s.step === name && (id === undefined || ("id" in s && s.id === id)));

describe("declared facts (spec 1, facts)", () => {
  const kader = (facts?: object[]) => ({
    ...table.base.kader,
    surcharges: [{ id: "s", kind: "fixed", label: "S", percent: 2, when: { all: [{ fact: "plan", op: "==", value: true }, { fact: "keurmerk", op: "in", value: ["zilver", "goud"] }] } }],
    ...(facts && { facts }),
  });
  const inputs = { ...table.base.inputs, providers: [{ id: "A", facts: { plan: true } }] };
  const declared = [
    { id: "plan", label: "Plan van aanpak kernelementen ingediend", type: "boolean", source: "aanbieder", question: "Dient u een plan in?", evidence: "required", ref: "par. 4.2" },
    { id: "keurmerk", label: "Kwaliteitskeurmerk", type: "choice", options: ["geen", "brons", "zilver", "goud"], source: "zorgkantoor" },
  ];

  it("the trace names a declared fact by its label, never its id", () => {
    const step = stepOf(run(kader(declared), inputs).lines[0]!.trace, "surcharge", "s");
    expect(step).toMatchObject({
      text: "S: niet toegekend, voorwaarde niet vervuld (Plan van aanpak kernelementen ingediend: ja, vereist = ja; Kwaliteitskeurmerk: ontbreekt, vereist is een van zilver, goud): 0 %",
    });
    expect((step as { text: string }).text).not.toMatch(/\bplan\b|keurmerk /);
  });

  it("without a facts section the trace names facts by their ids, as before", () => {
    expect(stepOf(run(kader(), inputs).lines[0]!.trace, "surcharge", "s")).toMatchObject({
      text: "S: niet toegekend, voorwaarde niet vervuld (plan is ja, vereist = ja; keurmerk ontbreekt, vereist is een van zilver, goud): 0 %",
    });
  });

  it("keeps the declarations and the assessment method in the parsed kader", () => {
    const parsed = score({ ...kader(declared), assessment: { decides: "mean" } }, inputs);
    expect(parsed.ok).toBe(true);
    const k = parseKaderOk({ ...kader(declared), assessment: { decides: "mean" } });
    expect(k.facts).toEqual(declared);
    expect(k.assessment).toEqual({ assessors: 2, decides: "mean" });
    expect(assessmentMethod(parseKaderOk(kader()))).toEqual({ assessors: 2, decides: "consensus" });
  });
});

describe("3.2 base rate", () => {
  it("says where the base rate came from", () => {
    const lines = caseResult("a prestatie's base rate beats the sector's").lines;
    expect(lines.map((l) => stepOf(l.trace, "baseRate"))).toMatchObject([
      { source: "sector", key: "VV", value: "95", text: "Basistarief voor sector VV: 95 %" },
      { source: "prestatie", key: "10VV", value: "96", text: "Basistarief voor prestatie 10VV: 96 %" },
      { source: "default", key: null, value: "94", text: "Basistarief: 94 %" },
    ]);
  });
});

describe("3.3 fixed surcharges and conditions", () => {
  const facts = { plan: true, fte: "30", regio: "Noord", code: "0123", leeg: null };
  const holds = (c: Condition) => evaluateCondition(c, facts).holds;

  it("compares with == != < <= > >= and in", () => {
    expect(holds({ fact: "plan", op: "==", value: true })).toBe(true);
    expect(holds({ fact: "plan", op: "!=", value: true })).toBe(false);
    expect(holds({ fact: "fte", op: ">=", value: "30" })).toBe(true);
    expect(holds({ fact: "fte", op: ">", value: "30" })).toBe(false);
    expect(holds({ fact: "fte", op: "<", value: "30.5" })).toBe(true);
    expect(holds({ fact: "fte", op: "<=", value: "29.99" })).toBe(false);
    expect(holds({ fact: "fte", op: "==", value: "30.0" })).toBe(true); // decimals compare exactly, not as text
    expect(holds({ fact: "regio", op: "in", value: ["Zuid", "Noord"] })).toBe(true);
    expect(holds({ fact: "regio", op: "in", value: ["Zuid"] })).toBe(false);
    expect(holds({ fact: "regio", op: "<", value: "5" })).toBe(false); // text is not a number
    expect(holds({ fact: "plan", op: "==", value: "true" })).toBe(false); // true/false is not text
  });

  it("combines with all, any and not", () => {
    expect(holds({ all: [{ fact: "plan", op: "==", value: true }, { fact: "fte", op: ">", value: "10" }] })).toBe(true);
    expect(holds({ all: [{ fact: "plan", op: "==", value: true }, { fact: "fte", op: ">", value: "40" }] })).toBe(false);
    expect(holds({ any: [{ fact: "plan", op: "==", value: false }, { fact: "fte", op: ">", value: "10" }] })).toBe(true);
    expect(holds({ any: [{ fact: "plan", op: "==", value: false }, { fact: "fte", op: ">", value: "40" }] })).toBe(false);
    expect(holds({ not: { fact: "plan", op: "==", value: false } })).toBe(true);
  });

  it("makes every comparison on a missing (or null) fact false, and records it as missing", () => {
    for (const op of ["==", "!=", "<", ">="] as const) expect(holds({ fact: "onbekend", op, value: "1" })).toBe(false);
    expect(holds({ fact: "leeg", op: "!=", value: "x" })).toBe(false);
    const outcome = evaluateCondition({ all: [{ fact: "plan", op: "==", value: true }, { fact: "onbekend", op: "==", value: true }] }, facts);
    expect(outcome).toEqual({
      holds: false,
      checks: [
        { fact: "plan", op: "==", expected: true, actual: true, holds: true },
        { fact: "onbekend", op: "==", expected: true, actual: null, holds: false },
      ],
    });
    expect(holds({ not: { fact: "onbekend", op: "==", value: true } })).toBe(true); // spec: the comparison is false
  });

  it("does not read facts from the object prototype", () => {
    expect(holds({ fact: "constructor", op: "!=", value: "x" })).toBe(false);
  });

  it("traces an applied surcharge, a refused one with the reason, and one that does not apply", () => {
    const applied = caseResult("a fixed surcharge applies when its condition holds").lines;
    expect(stepOf(applied[0]!.trace, "surcharge", "s")).toMatchObject({ applied: true, value: "2", percent: "2" });
    expect(stepOf(applied[3]!.trace, "surcharge", "s")).toMatchObject({
      applied: false,
      reason: "conditionFalse",
      value: "0",
      text: "S: niet toegekend, voorwaarde niet vervuld (plan is nee, vereist = ja): 0 %",
    });
    const missing = caseResult("a missing fact makes the comparison false").lines;
    expect(stepOf(missing[0]!.trace, "surcharge", "s")).toMatchObject({
      applied: false,
      reason: "factMissing",
      text: "S: niet toegekend, voorwaarde niet vervuld (plan ontbreekt, vereist = ja): 0 %",
    });
    const limited = caseResult("appliesTo sectors limits a surcharge to those sectors").lines;
    expect(stepOf(limited[0]!.trace, "surcharge", "s")).toMatchObject({ applied: false, reason: "notApplicable", value: "0" });
  });
});

describe("3.3 points modules", () => {
  const kader = validKader({
    ...table.base.kader,
    surcharges: [
      {
        id: "m",
        kind: "points",
        label: "M",
        criteria: [
          { id: "a", label: "A", weight: 1.5, scale: [0, 1, 2, 3] },
          { id: "b", label: "B", weight: 0.5, scale: [0, 1, 2, 3] },
        ],
        mapping: { basis: "absolute", linear: { from: 0, to: 3, fromPercent: 0, toPercent: 1 } },
      },
    ],
  });
  const module = compileModule(kader.surcharges[0] as Extract<(typeof kader.surcharges)[number], { kind: "points" }>, 4);

  it("sums weight × score exactly", () => {
    expect(rawPoints(module, { a: "3", b: "1" }).toFixed()).toBe("5");
    expect(rawPoints(module, { a: "1", b: "1" }).toFixed()).toBe("2");
  });

  it("maps linearly with a single half-up rounding", () => {
    expect(mapPoints(module, new D(1)).percent.toFixed()).toBe("0.3333");
    expect(mapPoints(module, new D(2)).percent.toFixed()).toBe("0.6667");
    expect(mapPoints(module, new D(4)).mapping).toMatchObject({ type: "linear", position: "above" });
  });

  it("computes R = P / best × 100, half-up, and 0 when best is 0", () => {
    expect(relativeInput(new D(2), new D(3), 4).toFixed()).toBe("66.6667");
    expect(relativeInput(new D(1), new D(8), 2).toFixed()).toBe("12.5");
    expect(relativeInput(new D(1), new D(16), 2).toFixed()).toBe("6.25");
    expect(relativeInput(new D(1), new D(32), 2).toFixed()).toBe("3.13"); // 3.125 → 3.13
    expect(relativeInput(new D(5), new D(0), 4).toFixed()).toBe("0");
  });

  it("names the failed criterion of a minScore knock-out in the trace", () => {
    const line = caseResult("a score below a criterion's minScore knocks the module out").lines[0]!;
    const step = stepOf(line.trace, "surcharge", "m") as PointsSurchargeStep;
    expect(step).toMatchObject({ applied: false, reason: "minScore", failed: [{ criterion: "b", label: "B", score: "1", minScore: "2" }], value: "0" });
    expect(step.text).toBe("Module M: knock-out, B scoort 1, onder de minimumscore 2: 0 %");
  });

  it("traces the relative input and best", () => {
    const line = caseResult("fieldBest counts towards best, so one provider can verify alone").lines[0]!;
    expect(stepOf(line.trace, "surcharge", "m")).toMatchObject({
      basis: "relative",
      points: "11",
      best: "20",
      input: "55",
      value: "1",
      text: "Module M: 11 punten, relatief 55 (beste 20 punten), schijf vanaf 50: 1 %",
    });
  });

  it("refuses a target-group module on other lines, and a module without an assessment", () => {
    const lines = caseResult("target group lines only for assessed groups and prestaties the module applies to; budget counts regular lines only").lines;
    const regular10 = lines.find((l) => l.prestatie === "10VV" && l.targetGroup === null)!;
    expect(stepOf(regular10.trace, "surcharge", "m")).toMatchObject({ applied: false, reason: "otherTargetGroup" });
    const g1 = lines.find((l) => l.targetGroup === "g1")!;
    expect(stepOf(g1.trace, "surcharge", "m")).toMatchObject({ applied: true, targetGroup: "g1", value: "2.5" });
    const noAssessment = caseResult("a module without target groups applies only to providers with an assessment").lines[1]!;
    expect(stepOf(noAssessment.trace, "surcharge", "m")).toMatchObject({ applied: false, reason: "noAssessment", text: "Module M: geen beoordeling: 0 %" });
  });
});

describe("3.4 previous-year rule, 3.5 cap", () => {
  it("traces the rule's inputs and outcome", () => {
    const line = caseResult("cap with q below the regular percentage lowers it to q").lines[0]!;
    expect(stepOf(line.trace, "previousYear")).toMatchObject({
      mode: "cap",
      baseRate: "94",
      over: [{ id: "standaard", label: "Standaard", value: "2" }],
      regular: "96",
      previousYearPercent: "95",
      value: "95",
    });
    const none = caseResult("without q the previous-year rule leaves the regular percentage").lines[0]!;
    expect(stepOf(none.trace, "previousYear")).toMatchObject({ previousYearPercent: null, value: "96" });
  });

  it("has no previous-year step without the rule", () => {
    expect(stepOf(caseResult("the default base rate applies to every prestatie; a missing component counts 0").lines[0]!.trace, "previousYear")).toBeUndefined();
  });

  it("traces the cap", () => {
    const line = caseResult("the percentage is capped at maxPercent (default 100)").lines[0]!;
    expect(stepOf(line.trace, "cap")).toMatchObject({ sum: "101", maxPercent: "100", capped: true, value: "100", text: "Totaal 101 %, begrensd op het maximum van 100 %: 100 %" });
  });
});

describe("3.6 rounding, exactly", () => {
  it("rounds half-up, away from zero at exactly half", () => {
    expect(roundHalfUp(new D("2.675"), 2).toFixed(2)).toBe("2.68");
    expect(roundHalfUp(new D("2.665"), 2).toFixed(2)).toBe("2.67");
    expect(roundHalfUp(new D("-2.675"), 2).toFixed(2)).toBe("-2.68");
    expect(roundHalfUp(new D("2.67499999999999999999"), 2).toFixed(2)).toBe("2.67");
  });

  it("computes 50 % of 10.01 as 5.005 and rounds it to 5.01 (binary floating point gives 5.00)", () => {
    expect(new D("10.01").times(50).div(100).toFixed()).toBe("5.005");
    expect((10.01 * 0.5).toFixed(2)).toBe("5.00"); // why binary floating point is never used
    expect((2.675).toFixed(2)).toBe("2.67");
    const line = caseResult("the tariff is rounded once, half-up (2.675 → 2.68; 50 % of 10.01 → 5.01)").lines[1]!;
    expect(stepOf(line.trace, "rounding")).toMatchObject({ exact: "5.005", value: "5.01", text: "Tarief: € 0,00 + 50 % × € 10,01 = € 5,005, afgerond op 2 decimalen = € 5,01" });
  });

  it("divides exactly with a single half-up rounding", () => {
    expect(divideHalfUp(new D(2), new D(3), 4).toFixed()).toBe("0.6667");
    expect(divideHalfUp(new D(-2), new D(3), 4).toFixed()).toBe("-0.6667");
    expect(divideHalfUp(new D(1), new D(8), 2).toFixed()).toBe("0.13");
    expect(divideHalfUp(new D(-1), new D(8), 2).toFixed()).toBe("-0.13");
    expect(divideHalfUp(new D("1"), new D("-8"), 2).toFixed()).toBe("-0.13");
    expect(divideHalfUp(new D("0.0049999999999999999999"), new D(1), 2).toFixed()).toBe("0");
  });
});
