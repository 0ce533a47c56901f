import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  draftToModel,
  formToModel,
  fromDutchDecimal,
  MalformedForm,
  modelToDraft,
  numberText,
  whenToModel,
} from "../../../app/routes/inkoop.kaders.$slug.bewerken/convert.server";
import { parseDocument, parseKader } from "../../../scoring";
import { IDENTITY, TARIFFS, fullDraft } from "./fixtures";
import { formEntries, renderBody, setEntry } from "./form-html";

/** Draft → model → rendered form → submitted entries → model → draft. */
function throughForm(draft: unknown, tariffs: typeof TARIFFS | null = null) {
  const model = draftToModel(draft);
  const entries = formEntries(renderBody(model, { tariffs }));
  const back = formToModel(entries);
  return { model, entries, back, draft: modelToDraft(back).draft };
}

const byName = (entries: [string, string][], name: string) => entries.filter(([n]) => n === name).map(([, v]) => v);

describe("form ⇄ draft mapping", () => {
  it("keeps every element of the kader format through draft → form → draft", () => {
    const draft = fullDraft();
    expect(parseKader({ ...draft, ...IDENTITY }).ok).toBe(true);
    const { model, back, draft: again } = throughForm(draft);
    expect(back).toEqual(model);
    expect(again).toEqual(draft);
  });

  it("keeps every element with the tariff table's pickers as well (codes in the table's order)", () => {
    const draft = fullDraft();
    const kwaliteit = (draft.surcharges as any[])[1];
    kwaliteit.appliesTo.sectors = ["VV", "GHZ"];
    // Sectors and prestaties are sets: the pickers list them in the tariff table's order.
    const expected = fullDraft();
    (expected.surcharges as any[])[1].appliesTo.sectors = ["GHZ", "VV"];
    const normalised = throughForm(draft, TARIFFS).draft;
    expect(normalised).toEqual(expected);
  });

  it("keeps every element with the tariff table's pickers when the codes are in table order", () => {
    const draft = fullDraft();
    (draft.surcharges as any[])[1].appliesTo.sectors = ["GHZ", "VV"];
    const { back, model, draft: again } = throughForm(draft, TARIFFS);
    expect(back).toEqual(model);
    expect(again).toEqual(draft);
  });

  it("names each field by its kader path and shows numbers with a decimal comma", () => {
    const { entries } = throughForm(fullDraft());
    const expectations: [string, string[]][] = [
      ["title", ["Inkoopkader Wlz 2027"]],
      ["year", ["2027"]],
      ["rounding.decimals", ["2"]],
      ["rounding.mode", ["half-up"]],
      ["percentDecimals", ["4"]],
      ["maxPercent", ["100"]],
      ["nonNegotiable", ["NHC", "NIC"]],
      ["baseRate.default", ["94,5"]],
      ["baseRate.bySector[1].$key", ["GHZ"]],
      ["baseRate.bySector[1].$value", ["94,75"]],
      ["baseRate.byPrestatie[0].$key", ["10VV"]],
      ["previousYear.mode", ["floor"]],
      ["previousYear.over", ["@0", "@1"]],
      ["surcharges[0].kind", ["fixed"]],
      ["surcharges[0].percent", ["2"]],
      ["surcharges[0].when.fact", ["planIngediend"]],
      ["surcharges[0].when.op", ["=="]],
      ["surcharges[0].when.$type", ["true"]],
      ["surcharges[0].appliesTo.sectors.$codes", ["VV"]],
      ["surcharges[0].appliesTo.sectors.$other", [""]],
      ["surcharges[1].when.$combine", ["any"]],
      ["surcharges[1].when.any[0].value", ["HKZ, ISO 9001"]],
      ["surcharges[1].when.any[1].$not", ["1"]],
      ["surcharges[1].when.any[1].not.fact", ["verzuim"]],
      ["surcharges[1].when.any[1].not.value", ["6,5"]],
      ["surcharges[1].when.any[7].value", ["1,5; 2"]],
      ["surcharges[2].targetGroups[1].id", ["parkinson"]],
      ["surcharges[2].criteria[1].weight", ["2,5"]],
      ["surcharges[2].criteria[1].scale", ["0; 2,5; 5"]],
      ["surcharges[2].criteria[1].minScore", ["2,5"]],
      ["surcharges[2].threshold", ["5"]],
      ["surcharges[2].mapping.basis", ["absolute"]],
      ["surcharges[2].mapping.bands[1].from", ["10"]],
      ["surcharges[2].mapping.bands[1].percent", ["4"]],
      ["surcharges[3].criteria[0].weight", [""]],
      ["surcharges[3].mapping.basis", ["relative"]],
      ["surcharges[3].mapping.linear.toPercent", ["3"]],
    ];
    for (const [name, values] of expectations) expect(byName(entries, name), name).toEqual(values);
  });

  it("offers the tariff table's codes as checkboxes, checked as the draft says", () => {
    const { entries } = throughForm(fullDraft(), TARIFFS);
    expect(byName(entries, "surcharges[1].appliesTo.sectors.$codes")).toEqual(["GHZ", "VV"]);
    expect(byName(entries, "surcharges[1].appliesTo.prestaties.$codes")).toEqual(["5VV", "6VV"]);
    expect(byName(entries, "surcharges[1].appliesTo.prestaties.$other")).toEqual([""]);
  });

  it("reads Dutch decimal commas and keeps numbers as decimal strings", () => {
    let { entries } = throughForm(fullDraft());
    entries = setEntry(entries, "baseRate.default", "95,25");
    entries = setEntry(entries, "maxPercent", " 99,5 % ");
    entries = setEntry(entries, "baseRate.bySector[0].$value", "1.234,5");
    entries = setEntry(entries, "surcharges[0].percent", "2.75");
    entries = setEntry(entries, "surcharges[2].criteria[0].scale", "0; 2,5; 5");
    entries = setEntry(entries, "surcharges[2].criteria[0].weight", "1,5");
    entries = setEntry(entries, "surcharges[1].when.any[1].not.value", "7,25");
    entries = setEntry(entries, "year", "2028");
    const draft = modelToDraft(formToModel(entries)).draft as ReturnType<typeof fullDraft> & Record<string, any>;
    expect(draft.baseRate.default).toBe("95.25");
    expect(draft.maxPercent).toBe("99.5");
    expect(draft.baseRate.bySector.GGZ).toBe("1234.5");
    expect(draft.surcharges[0].percent).toBe("2.75");
    expect(draft.surcharges[2].criteria[0].scale).toEqual(["0", "2.5", "5"]);
    expect(draft.surcharges[2].criteria[0].weight).toBe("1.5");
    expect(draft.surcharges[1].when.any[1]).toEqual({ not: { fact: "verzuim", op: ">", value: "7.25" } });
    expect(draft.year).toBe(2028);
  });

  it("keeps what is not a number as typed, so the engine reports it and nothing is lost", () => {
    let { entries } = throughForm(fullDraft());
    entries = setEntry(entries, "baseRate.default", "vierennegentig");
    entries = setEntry(entries, "year", "twintig27");
    const draft = modelToDraft(formToModel(entries)).draft as Record<string, any>;
    expect(draft.baseRate.default).toBe("vierennegentig");
    expect(draft.year).toBe("twintig27");
    const parsed = parseKader({ ...draft, ...IDENTITY });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["baseRate.default", "year"]));
    // …and the form shows the text again.
    expect(byName(formEntries(renderBody(draftToModel(draft))), "baseRate.default")).toEqual(["vierennegentig"]);
  });

  it("leaves empty optional fields out of the draft", () => {
    let { entries } = throughForm(fullDraft());
    entries = setEntry(entries, "surcharges[0].ref", "");
    entries = setEntry(entries, "surcharges[2].threshold", "");
    entries = setEntry(entries, "surcharges[2].criteria[1].minScore", "");
    entries = setEntry(entries, "rounding.decimals", "");
    entries = setEntry(entries, "rounding.mode", "");
    const draft = modelToDraft(formToModel(entries)).draft as Record<string, any>;
    expect(draft.surcharges[0]).not.toHaveProperty("ref");
    expect(draft.surcharges[2]).not.toHaveProperty("threshold");
    expect(draft.surcharges[2].criteria[1]).not.toHaveProperty("minScore");
    expect(draft).not.toHaveProperty("rounding");
  });

  it("switches a condition row to negated, and combines rows with any/all, without renaming fields by hand", () => {
    let { entries } = throughForm(fullDraft());
    entries = [...entries, ["surcharges[0].when.$not", "1"]];
    entries = setEntry(entries, "surcharges[1].when.$combine", "all");
    entries = entries.filter(([n]) => n !== "surcharges[1].when.any[1].$not");
    entries = setEntry(entries, "surcharges[1].when.any[0].op", "==");
    entries = setEntry(entries, "surcharges[1].when.any[0].value", "HKZ");
    const draft = modelToDraft(formToModel(entries)).draft as Record<string, any>;
    expect(draft.surcharges[0].when).toEqual({ not: { fact: "planIngediend", op: "==", value: true } });
    expect(draft.surcharges[1].when.all[0]).toEqual({ fact: "keurmerk", op: "==", value: "HKZ" });
    expect(draft.surcharges[1].when.all[1]).toEqual({ fact: "verzuim", op: ">", value: "6.5" });
  });

  it("resolves the previous-year rule's surcharges by their ids as submitted (a renamed id follows)", () => {
    let { entries } = throughForm(fullDraft());
    entries = setEntry(entries, "surcharges[0].id", "basis-opslag");
    const draft = modelToDraft(formToModel(entries)).draft as Record<string, any>;
    expect(draft.previousYear.over).toEqual(["basis-opslag", "kwaliteit"]);
    expect(parseKader({ ...draft, ...IDENTITY }).ok).toBe(true);
  });

  it("drops the previous-year rule when 'geen regel' is chosen", () => {
    const { entries } = throughForm(fullDraft());
    const draft = modelToDraft(formToModel(setEntry(entries, "previousYear.mode", ""))).draft;
    expect(draft).not.toHaveProperty("previousYear");
  });

  it("restricts appliesTo by checked codes plus free codes, and lifts it when none are chosen", () => {
    let { entries } = throughForm(fullDraft(), TARIFFS);
    entries = entries.filter(([n, v]) => !(n === "surcharges[1].appliesTo.prestaties.$codes" && v === "6VV"));
    entries = setEntry(entries, "surcharges[1].appliesTo.prestaties.$other", "11VV, 12VV");
    entries = entries.filter(([n]) => n !== "surcharges[0].appliesTo.sectors.$codes");
    const draft = modelToDraft(formToModel(entries)).draft as Record<string, any>;
    expect(draft.surcharges[1].appliesTo.prestaties).toEqual(["5VV", "11VV", "12VV"]);
    expect(draft.surcharges[0]).not.toHaveProperty("appliesTo");
  });

  it("keeps an explicitly empty appliesTo list (it means: applies to nothing)", () => {
    const draft = { ...fullDraft(), surcharges: [{ id: "a", kind: "fixed", label: "A", percent: "1", appliesTo: { prestaties: [] } }] };
    expect(throughForm(draft).draft).toEqual(draft);
  });
});

describe("what the form cannot show is kept, never lost or flattened", () => {
  it("keeps a nested condition read-only and unchanged", () => {
    const nested = { any: [{ all: [{ fact: "a", op: "==", value: true }, { fact: "b", op: ">", value: 3 }] }, { not: { not: { fact: "c", op: "==", value: "x" } } }] };
    const draft = { ...fullDraft(), surcharges: [{ id: "n", kind: "fixed", label: "Genest", percent: "1", when: nested }] };
    const { model, entries, draft: again } = throughForm(draft);
    expect(model.surcharges[0]).toMatchObject({ when: { kind: "raw" } });
    expect(entries.some(([n]) => n === "surcharges[0].when.$json")).toBe(true);
    expect(entries.some(([n]) => n.startsWith("surcharges[0].when.") && n.endsWith(".fact"))).toBe(false);
    expect((again.surcharges as any[])[0].when).toEqual(nested);
  });

  it("shows in the builder only what reads back exactly", () => {
    expect(whenToModel({ all: [] }).kind).toBe("raw");
    expect(whenToModel({ fact: "a", op: "in", value: "x" }).kind).toBe("raw");
    expect(whenToModel({ fact: "a", op: "==", value: ["x"] }).kind).toBe("raw");
    expect(whenToModel({ fact: "a", op: "in", value: [" x"] }).kind).toBe("raw");
    expect(whenToModel({ fact: "a", op: "in", value: [true] }).kind).toBe("raw");
    expect(whenToModel({ fact: "a", op: "==", value: 1, extra: 1 }).kind).toBe("raw");
    expect(whenToModel({ all: [{ fact: "a", op: "==", value: 1 }] })).toEqual({ kind: "builder", combine: "all", rows: [{ not: false, fact: "a", op: "==", type: "number", value: "1" }] });
    expect(whenToModel({ fact: "a", op: "in", value: ["2,5"] }).kind).toBe("builder");
    expect(whenToModel({ fact: "a", op: "=", value: 1 })).toMatchObject({ kind: "builder", rows: [{ op: "=" }] });
  });

  it("keeps unknown keys and parts of the wrong shape, at every level, until removed", () => {
    const draft = {
      ...fullDraft(),
      treshold: 20,
      baseRate: { default: "94", bySector: ["GGZ", 95] },
      surcharges: [
        { id: "x", kind: "points", label: "X", criteria: { visie: 1 }, mapping: { basis: "absolute", bands: [{ from: "1", percent: "1", extra: true }] }, opmerking: "zie bijlage" },
        { id: "y", kind: "fixed", label: "Y", percent: "1", appliesTo: { sectors: "VV" } },
        "geen object",
        { id: "z", kind: "bonus", percent: 3 },
      ],
    };
    const { model, draft: again } = throughForm(draft);
    expect(model.extra).toEqual({ treshold: 20 });
    expect(model.baseRate.extra).toEqual({ bySector: ["GGZ", 95] });
    expect(model.surcharges.map((s) => s.kind)).toEqual(["points", "fixed", "raw", "raw"]);
    expect(again).toEqual(draft);
  });

  it("keeps a value of the wrong type while its text is unchanged, and replaces it once edited", () => {
    const draft = { ...fullDraft(), year: "2027", maxPercent: true, baseRate: { default: 94.5 } };
    const { model, entries, draft: again } = throughForm(draft);
    expect(model.orig).toEqual({ year: "2027", maxPercent: true });
    expect(again.year).toBe("2027");
    expect(again.maxPercent).toBe(true);
    expect((again.baseRate as any).default).toBe("94.5"); // a JSON number becomes its decimal string
    const edited = modelToDraft(formToModel(setEntry(setEntry(entries, "year", "2028"), "maxPercent", "100"))).draft;
    expect(edited.year).toBe(2028);
    expect(edited.maxPercent).toBe("100");
  });

  it("refuses tampered hidden fields as a malformed form", () => {
    const { entries } = throughForm({ ...fullDraft(), treshold: 1 });
    expect(() => formToModel(setEntry(entries, "$extra", "{niet json"))).toThrow(MalformedForm);
    expect(() => formToModel(setEntry(entries, "$extra", "[1]"))).toThrow(MalformedForm);
  });
});

describe("uploaded documents", () => {
  it("the demo kader goes through the form and parses to the same kader", () => {
    const doc = parseDocument(fs.readFileSync(new URL("../../../../shared/examples/demo-kader.yaml", import.meta.url), "utf8"));
    if (!doc.ok) throw new Error("demo kader does not parse");
    const { draft } = throughForm(doc.value);
    const before = parseKader(doc.value);
    const after = parseKader({ ...draft, format: "zorginkoop.kader/v1", id: "demo-vv-2026", zorgkantoor: "Zorgkantoor Demo" });
    expect(after).toEqual(before);
  });
});

describe("number texts", () => {
  it("reads Dutch and international decimals", () => {
    expect(fromDutchDecimal("94,5")).toBe("94.5");
    expect(fromDutchDecimal("-0,25")).toBe("-0.25");
    expect(fromDutchDecimal("1.234.567,89")).toBe("1234567.89");
    expect(fromDutchDecimal("94.5")).toBe("94.5");
    expect(fromDutchDecimal(" 96 %")).toBe("96");
    expect(fromDutchDecimal("9,4,5")).toBe("9,4,5");
  });

  it("writes JavaScript numbers without exponents", () => {
    expect(numberText(94.5)).toBe("94.5");
    expect(numberText(1e21)).toBe("1000000000000000000000");
    expect(numberText(1.5e-7)).toBe("0.00000015");
    expect(numberText(-0)).toBe("0");
    expect(numberText(Number.NaN)).toBeUndefined();
  });
});
