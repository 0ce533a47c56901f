import { describe, expect, it } from "vitest";
import { parseInputs, parseKader } from "../../../scoring";
import {
  EXAMPLE_PROVIDER_ID,
  baseOnlyInputs,
  baseOnlyKader,
  buildBudgetInputs,
  buildExampleInputs,
  kaderFacts,
  parsePreviewParams,
  scaleMiddle,
  scoreParam,
  type BudgetAssumptions,
  type RegistryProvider,
  type WhatIfInput,
} from "../../../app/services/kaders/inputs-builder.server";
import { TARIFFS, codes, demoKader, query, richKader } from "./kader";

const whatIf = (entries: [string, string][], kader = richKader()) => {
  const parsed = parsePreviewParams(query(entries), kader, codes);
  return parsed.whatIf;
};
const okWhatIf = (entries: [string, string][], kader = richKader()): WhatIfInput => {
  const w = whatIf(entries, kader);
  if (!w.ok) throw new Error(JSON.stringify(w.errors));
  return w.value;
};
const budget = (entries: [string, string][], kader = richKader()) => parsePreviewParams(query(entries), kader, codes).budget;
const okBudget = (entries: [string, string][], kader = richKader()): BudgetAssumptions => {
  const b = budget(entries, kader);
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  return b.value;
};
const errorsOf = (v: { ok: true } | { ok: false; errors: Record<string, string> }): Record<string, string> => ("errors" in v ? v.errors : {});

const S = (module: string, targetGroup: string | null, criterion: string) => scoreParam("s", { module, targetGroup }, criterion);
const BS = (module: string, criterion: string) => scoreParam("bs", { module, targetGroup: null }, criterion);
/** Fact rows as the form submits them. */
const facts = (rows: [string, string, string?][], prefix: "f" | "b" = "f"): [string, string][] =>
  rows.flatMap(([k, t, v]) => [
    [prefix === "f" ? "fk" : "bk", k],
    [prefix === "f" ? "ft" : "bt", t],
    [prefix === "f" ? "fv" : "bv", v ?? ""],
  ]);

describe("what the kader asks for", () => {
  it("offers every fact the conditions mention, nested too, once, in order, with the values compared", () => {
    expect(kaderFacts(richKader())).toEqual([
      { name: "planIngediend", values: [true, false] },
      { name: "kwaliteitsverslag", values: [true] },
      { name: "tevredenheid", values: ["8"] },
    ]);
  });

  it("takes the middle of a scale, the higher one of two middles", () => {
    expect(scaleMiddle(["0", "2", "4", "6", "8", "10"])).toBe("6");
    expect(scaleMiddle(["1", "2", "3"])).toBe("2");
    expect(scaleMiddle(["5"])).toBe("5");
  });
});

describe("the what-if's defaults", () => {
  it("without a query: every prestatie, every condition fact true, no previous year, the middle score on every module and target group", () => {
    const w = okWhatIf([]);
    expect(w.prestaties).toEqual(["4VV", "5VV", "6VV"]);
    expect(w.facts).toEqual({ planIngediend: true, kwaliteitsverslag: true, tevredenheid: true });
    expect(w.previousYearPercent).toBeNull();
    expect(w.assessments).toEqual([
      { module: "innovatie", targetGroup: null, scores: { plan: "3", borging: "3" } },
      { module: "complexe-zorg", targetGroup: "jonge-dementie", scores: { visie: "6", aanpak: "6", expertise: "6", resultaat: "6" } },
      { module: "complexe-zorg", targetGroup: "parkinson", scores: { visie: "6", aanpak: "6", expertise: "6", resultaat: "6" } },
    ]);
    expect(w.fieldBest).toEqual([]);
  });

  it("builds an inputs document with one provider, voorbeeld, that the engine accepts", () => {
    const kader = richKader();
    const inputs = buildExampleInputs(kader, TARIFFS, okWhatIf([["v", "1"], ["p", "5VV"], ["vj", "97,5"]]));
    expect(inputs.providers).toHaveLength(1);
    expect(inputs.providers[0]!).toMatchObject({ id: EXAMPLE_PROVIDER_ID, prestaties: ["5VV"], previousYearPercent: "97.5" });
    expect(inputs.fieldBest).toBeUndefined();
    expect(parseInputs(inputs, kader).ok).toBe(true);
  });
});

describe("facts", () => {
  it("reads true, false, text and missing; a Dutch number becomes a decimal the engine compares", () => {
    const w = okWhatIf(facts([["planIngediend", "onwaar"], ["kwaliteitsverslag", "ontbreekt"], ["tevredenheid", "tekst", "8,5"], ["regio", "tekst", "Noord"], ["", "waar"]]));
    expect(w.facts).toEqual({ planIngediend: false, tevredenheid: "8.5", regio: "Noord" });
  });

  it("treats a condition fact the link leaves out as missing", () => {
    const w = okWhatIf(facts([["planIngediend", "waar"]]));
    expect(w.facts).toEqual({ planIngediend: true });
  });

  it("refuses a duplicate fact and a text fact without a value, in Dutch, on the row's field", () => {
    const w = whatIf(facts([["planIngediend", "waar"], ["planIngediend", "onwaar"], ["tevredenheid", "tekst", ""]]));
    expect(w.ok).toBe(false);
    expect(errorsOf(w)).toMatchObject({ "fk.1": "Het feit planIngediend staat er al.", "fv.2": expect.stringContaining("Vul een waarde in") });
  });

  it("refuses an unknown value kind", () => {
    expect(errorsOf(whatIf(facts([["planIngediend", "misschien"]])))["ft.0"]).toMatch(/^Kies waar, onwaar/);
  });
});

describe("prestaties and previous year", () => {
  it("needs at least one known prestatie once the form is submitted", () => {
    expect(errorsOf(whatIf([["v", "1"]]))).toEqual({ p: "Kies minstens één prestatie." });
    expect(errorsOf(whatIf([["p", "11VV"]]))).toEqual({ p: "Onbekende prestatie 11VV: kies uit de tarieftabel." });
  });

  it("keeps the tariff table's order", () => {
    expect(okWhatIf([["p", "6VV"], ["p", "4VV"]]).prestaties).toEqual(["4VV", "6VV"]);
  });

  it("reads a Dutch percentage and refuses text or more than 100", () => {
    expect(okWhatIf([["vj", " 95,25 "]]).previousYearPercent).toBe("95.25");
    expect(okWhatIf([["vj", ""]]).previousYearPercent).toBeNull();
    expect(errorsOf(whatIf([["vj", "veel"]]))).toEqual({ vj: "Vul een getal van 0 of meer in, bijvoorbeeld 97,5." });
    expect(errorsOf(whatIf([["vj", "100,5"]]))).toEqual({ vj: "Vul een getal van 0 tot en met 100 in." });
    expect(errorsOf(whatIf([["vj", "-3"]]))).toHaveProperty("vj");
  });
});

describe("scores", () => {
  it("takes scores from the scale and drops a module with no score at all", () => {
    const w = okWhatIf([
      [S("innovatie", null, "plan"), "5"],
      [S("innovatie", null, "borging"), "4"],
      ...(["visie", "aanpak", "expertise", "resultaat"].map((c) => [S("complexe-zorg", "jonge-dementie", c), ""]) as [string, string][]),
    ]);
    expect(w.assessments.map((a) => `${a.module}/${a.targetGroup}`)).toEqual(["innovatie/null", "complexe-zorg/parkinson"]);
    expect(w.assessments[0]!.scores).toEqual({ plan: "5", borging: "4" });
  });

  it("refuses a score off the scale and a partly scored module, naming the fields", () => {
    const w = whatIf([
      [S("complexe-zorg", "parkinson", "visie"), "5"],
      [S("innovatie", null, "plan"), "2"],
      [S("innovatie", null, "borging"), ""],
    ]);
    expect(errorsOf(w)).toEqual({
      [S("complexe-zorg", "parkinson", "visie")]: "Kies een score van de schaal 0, 2, 4, 6, 8, 10.",
      [S("innovatie", null, "borging")]: "Kies een score voor elk criterium van deze module, of voor geen enkel.",
    });
  });

  it("gives the field's best for a relative module only when asked, and refuses text", () => {
    expect(okWhatIf([["fb/innovatie", "12,5"]]).fieldBest).toEqual([{ module: "innovatie", targetGroup: null, points: "12.5" }]);
    expect(okWhatIf([["fb/innovatie", ""]]).fieldBest).toEqual([]);
    expect(errorsOf(whatIf([["fb/innovatie", "hoog"]]))).toEqual({ "fb/innovatie": "Vul een getal van 0 of meer in, bijvoorbeeld 34." });
  });

  it("puts the field's best in the inputs, so that the relative module compares with it", () => {
    const kader = richKader();
    const inputs = buildExampleInputs(kader, TARIFFS, okWhatIf([["fb/innovatie", "15"]]));
    expect(inputs.fieldBest).toEqual([{ module: "innovatie", points: "15" }]);
    expect(parseInputs(inputs, kader).ok).toBe(true);
  });
});

describe("budget assumptions", () => {
  it("default to every condition fact true, the middle score for every module and target group, and a 10 % share per target group", () => {
    const middle = { visie: "6", aanpak: "6", expertise: "6", resultaat: "6" };
    expect(okBudget([])).toEqual({
      facts: { planIngediend: true, kwaliteitsverslag: true, tevredenheid: true },
      assessments: [
        { module: "innovatie", targetGroup: null, scores: { plan: "3", borging: "3" } },
        { module: "complexe-zorg", targetGroup: "jonge-dementie", scores: middle },
        { module: "complexe-zorg", targetGroup: "parkinson", scores: middle },
      ],
      fieldBest: [],
      shares: [
        { module: "complexe-zorg", targetGroup: "jonge-dementie", percent: "10" },
        { module: "complexe-zorg", targetGroup: "parkinson", percent: "10" },
      ],
    });
  });

  it("read a target group's share in Dutch decimals; the shares together at most 100 %, each 0–100", () => {
    expect(okBudget([["ba/complexe-zorg/jonge-dementie", "12,5"], ["ba/complexe-zorg/parkinson", ""]]).shares).toEqual([
      { module: "complexe-zorg", targetGroup: "jonge-dementie", percent: "12.5" },
      { module: "complexe-zorg", targetGroup: "parkinson", percent: "0" },
    ]);
    expect(errorsOf(budget([["ba/complexe-zorg/jonge-dementie", "60"], ["ba/complexe-zorg/parkinson", "50,5"]]))).toEqual({
      "ba/complexe-zorg/jonge-dementie": "De aandelen van de doelgroepen tellen op tot 110,5 %; samen hoogstens 100 %.",
      "ba/complexe-zorg/parkinson": "De aandelen van de doelgroepen tellen op tot 110,5 %; samen hoogstens 100 %.",
    });
    expect(errorsOf(budget([["ba/complexe-zorg/parkinson", "101"]]))).toEqual({ "ba/complexe-zorg/parkinson": "Vul een getal van 0 tot en met 100 in." });
    expect(errorsOf(budget([["ba/complexe-zorg/parkinson", "veel"]]))).toEqual({ "ba/complexe-zorg/parkinson": "Vul een getal van 0 of meer in, bijvoorbeeld 10." });
  });

  it("read their own parameters, apart from the what-if's", () => {
    const b = okBudget([
      ...facts([["planIngediend", "onwaar"]], "b"),
      [BS("innovatie", "plan"), ""],
      [BS("innovatie", "borging"), ""],
      ["bfb/innovatie", "9"],
      ["vj", "veel"],
    ]);
    expect(b.facts).toEqual({ planIngediend: false });
    expect(b.assessments.filter((a) => a.module === "innovatie")).toEqual([]);
    expect(b.fieldBest).toEqual([{ module: "innovatie", targetGroup: null, points: "9" }]);
  });

  it("report their own errors", () => {
    expect(errorsOf(budget([[BS("innovatie", "plan"), "7"]]))).toEqual({ [BS("innovatie", "plan")]: "Kies een score van de schaal 0, 1, 2, 3, 4, 5." });
  });
});

describe("the budget's inputs", () => {
  const registry: RegistryProvider[] = [
    { agbCode: "11111111", name: "Met volumes", volumes: { "6VV": "730", "4VV": "3650.5" }, previousYearPercent: "97" },
    { agbCode: "22222222", name: "Zonder volumes", volumes: {}, previousYearPercent: "95" },
    { agbCode: "33333333", name: "Deels onbekend", volumes: { "5VV": "10", "11VV": "5" }, previousYearPercent: null },
    { agbCode: "44444444", name: "Alleen onbekend", volumes: { "11VV": "5" }, previousYearPercent: null },
  ];

  it("has every provider with volumes, by AGB code, with its prestaties, previous year, the assumed facts and module scores", () => {
    const kader = richKader();
    const { inputs, leftOut, droppedVolumes } = buildBudgetInputs(kader, TARIFFS, registry, okBudget([]));
    expect(inputs.providers.map((p) => p.id)).toEqual(["11111111", "33333333"]);
    expect(inputs.providers[0]).toEqual({
      id: "11111111",
      name: "Met volumes",
      prestaties: ["4VV", "6VV"],
      previousYearPercent: "97",
      facts: { planIngediend: true, kwaliteitsverslag: true, tevredenheid: true },
      assessments: [
        { module: "innovatie", scores: { plan: "3", borging: "3" } },
        { module: "complexe-zorg", targetGroup: "jonge-dementie", scores: { visie: "6", aanpak: "6", expertise: "6", resultaat: "6" } },
        { module: "complexe-zorg", targetGroup: "parkinson", scores: { visie: "6", aanpak: "6", expertise: "6", resultaat: "6" } },
      ],
      volumes: { "4VV": "3650.5", "6VV": "730" },
    });
    expect(inputs.providers[1]).not.toHaveProperty("previousYearPercent");
    expect(inputs.providers[1]!.volumes).toEqual({ "5VV": "10" });
    expect(leftOut).toEqual([
      { agbCode: "22222222", name: "Zonder volumes", reason: "noVolumes", codes: [] },
      { agbCode: "44444444", name: "Alleen onbekend", reason: "unknownPrestaties", codes: ["11VV"] },
    ]);
    expect(droppedVolumes).toEqual([{ agbCode: "33333333", name: "Deels onbekend", reason: "unknownPrestaties", codes: ["11VV"] }]);
    expect(parseInputs(inputs, kader).ok).toBe(true);
  });

  it("assesses a target-group module per target group, unless its scores are left empty", () => {
    const { inputs } = buildBudgetInputs(demoKader(), TARIFFS, registry, okBudget([], demoKader()));
    for (const p of inputs.providers) expect(p.assessments!.map((a) => a.targetGroup)).toEqual(["jonge-dementie", "parkinson"]);
    const empty = ["visie", "aanpak", "expertise", "resultaat"].map((c): [string, string] => [scoreParam("bs", { module: "complexe-zorg", targetGroup: "parkinson" }, c), ""]);
    const without = buildBudgetInputs(demoKader(), TARIFFS, registry, okBudget(empty, demoKader())).inputs;
    for (const p of without.providers) expect(p.assessments!.map((a) => a.targetGroup)).toEqual(["jonge-dementie"]);
  });

  it("has a base-only variant: the kader without surcharges, the previous-year rule counting none, and no assessments", () => {
    const kader = richKader();
    const base = baseOnlyKader(kader);
    expect(base.surcharges).toEqual([]);
    expect(base.previousYear).toEqual({ mode: "cap", over: [] });
    expect(parseKader(base).ok).toBe(true);
    const { inputs } = buildBudgetInputs(kader, TARIFFS, registry, okBudget([["bfb/innovatie", "9"]]));
    const baseInputs = baseOnlyInputs(inputs);
    expect(baseInputs.fieldBest).toBeUndefined();
    for (const p of baseInputs.providers) expect(p).not.toHaveProperty("assessments");
    expect(parseInputs(baseInputs, base).ok).toBe(true);
  });
});
