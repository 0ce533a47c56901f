import { describe, expect, it } from "vitest";
import { draftToModel, formToModel, modelToDraft } from "../../../app/routes/inkoop.kaders.$slug.bewerken/convert.server";
import { applyIntent } from "../../../app/routes/inkoop.kaders.$slug.bewerken/intents";
import type { EditorModel } from "../../../app/routes/inkoop.kaders.$slug.bewerken/model";
import { parseKader } from "../../../scoring";
import { IDENTITY, fullDraft } from "./fixtures";
import { formEntries, intents, renderBody } from "./form-html";

function apply(model: EditorModel, intent: string): EditorModel {
  const outcome = applyIntent(model, intent);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.model;
}

/** Applies an intent and goes through the form once more, as the next page view would. */
function applyAndRender(model: EditorModel, intent: string) {
  const next = apply(model, intent);
  const back = formToModel(formEntries(renderBody(next)));
  // The previous-year checkboxes follow the order of the surcharges (`over` is a set).
  const sorted = (m: EditorModel) => ({ ...m, previousYear: m.previousYear && { ...m.previousYear, over: [...m.previousYear.over].sort() } });
  expect(sorted(back)).toEqual(sorted(next));
  return { model: next, draft: modelToDraft(next).draft as Record<string, any> };
}

const full = () => draftToModel(fullDraft());

describe("intents: add and remove rows and surcharges", () => {
  it("adds a fixed surcharge and a points module with a free id and a starting row", () => {
    let m = apply(full(), "add:surcharges:fixed");
    m = apply(m, "add:surcharges:points");
    const d = modelToDraft(m).draft as Record<string, any>;
    expect(d.surcharges).toHaveLength(6);
    expect(d.surcharges[4]).toEqual({ id: "opslag-1", kind: "fixed" });
    expect(d.surcharges[5]).toMatchObject({ id: "module-1", kind: "points", criteria: [{ weight: "1", scale: ["0", "2", "4", "6", "8", "10"] }], mapping: { basis: "absolute", bands: [{}] } });
  });

  it("focuses the first field of what was added", () => {
    const outcome = applyIntent(full(), "add:surcharges[2].criteria");
    expect(outcome.ok && outcome.focus).toBe("k-surcharges--2_criteria--2_id");
  });

  it("adds and removes base-rate rows; an empty new row is not written to the draft", () => {
    let { model, draft } = applyAndRender(full(), "add:baseRate.bySector");
    expect(model.baseRate.bySector).toHaveLength(3);
    expect(Object.keys(draft.baseRate.bySector)).toEqual(["GGZ", "GHZ"]);
    ({ model, draft } = applyAndRender(model, "remove:baseRate.bySector[0]"));
    expect(draft.baseRate.bySector).toEqual({ GHZ: "94.75" });
    ({ draft } = applyAndRender(model, "remove:baseRate.byPrestatie[0]"));
    expect(draft.baseRate).not.toHaveProperty("byPrestatie");
  });

  it("adds and removes target groups, criteria and bands", () => {
    let { model, draft } = applyAndRender(full(), "add:surcharges[2].targetGroups");
    expect(draft.surcharges[2].targetGroups).toHaveLength(3);
    ({ model, draft } = applyAndRender(model, "remove:surcharges[2].targetGroups[0]"));
    expect(draft.surcharges[2].targetGroups.map((g: { id?: string }) => g.id)).toEqual(["parkinson", undefined]);
    ({ model, draft } = applyAndRender(model, "add:surcharges[2].criteria"));
    expect(draft.surcharges[2].criteria).toHaveLength(3);
    ({ model, draft } = applyAndRender(model, "remove:surcharges[2].criteria[0]"));
    expect(draft.surcharges[2].criteria[0].id).toBe("aanpak");
    ({ model, draft } = applyAndRender(model, "add:surcharges[2].mapping.bands"));
    expect(draft.surcharges[2].mapping.bands).toHaveLength(3);
    ({ draft } = applyAndRender(model, "remove:surcharges[2].mapping.bands[1]"));
    expect(draft.surcharges[2].mapping.bands).toEqual([{ from: "5", percent: "2" }, {}]);
  });

  it("removes a surcharge and drops it from the previous-year rule", () => {
    const { draft } = applyAndRender(full(), "remove:surcharges[0]");
    expect(draft.surcharges.map((s: { id: string }) => s.id)).toEqual(["kwaliteit", "complexe-zorg", "innovatie"]);
    expect(draft.previousYear.over).toEqual(["kwaliteit"]);
    expect(parseKader({ ...draft, ...IDENTITY }).ok).toBe(true);
  });

  it("moves surcharges up and down (their order is the order of the trace)", () => {
    let { model, draft } = applyAndRender(full(), "down:surcharges[0]");
    expect(draft.surcharges.map((s: { id: string }) => s.id)).toEqual(["kwaliteit", "standaard", "complexe-zorg", "innovatie"]);
    ({ draft } = applyAndRender(model, "up:surcharges[3]"));
    expect(draft.surcharges.map((s: { id: string }) => s.id)).toEqual(["kwaliteit", "standaard", "innovatie", "complexe-zorg"]);
    expect(draft.previousYear.over).toEqual(["standaard", "kwaliteit"]);
  });

  it("builds a condition: first row, second row (becomes 'all'), remove rows, remove all", () => {
    let m = apply(full(), "add:surcharges:fixed");
    let { model, draft } = applyAndRender(m, "add:surcharges[4].when");
    expect(draft.surcharges[4].when).toEqual({ op: "==", value: true });
    ({ model, draft } = applyAndRender(model, "add:surcharges[4].when"));
    expect(draft.surcharges[4].when).toEqual({ all: [{ op: "==", value: true }, { op: "==", value: true }] });
    ({ model, draft } = applyAndRender(model, "remove:surcharges[4].when.all[0]"));
    expect(draft.surcharges[4].when).toEqual({ all: [{ op: "==", value: true }] });
    ({ model, draft } = applyAndRender(model, "remove:surcharges[4].when.all[0]"));
    expect(draft.surcharges[4]).not.toHaveProperty("when");
    m = apply(full(), "remove:surcharges[0].when");
    expect((modelToDraft(m).draft as Record<string, any>).surcharges[0]).not.toHaveProperty("when");
  });

  it("switches a module between bands and a linear mapping", () => {
    let { model, draft } = applyAndRender(full(), "switch:surcharges[2].mapping.linear");
    expect(draft.surcharges[2].mapping).toEqual({ basis: "absolute", linear: {} });
    ({ draft } = applyAndRender(model, "switch:surcharges[2].mapping.bands"));
    expect(draft.surcharges[2].mapping).toEqual({ basis: "absolute", bands: [{}] });
  });

  it("removes keys the form shows read-only", () => {
    const m = draftToModel({ ...fullDraft(), treshold: 1, surcharges: [{ id: "a", kind: "fixed", label: "A", percent: "1", opmerking: "x", appliesTo: { sectors: [], regio: "N" } }] });
    let next = apply(m, "remove:treshold");
    next = apply(next, "remove:surcharges[0].opmerking");
    next = apply(next, "remove:surcharges[0].appliesTo.regio");
    next = apply(next, "remove:surcharges[0].appliesTo.sectors");
    const d = modelToDraft(next).draft as Record<string, any>;
    expect(d).not.toHaveProperty("treshold");
    expect(d.surcharges[0]).toEqual({ id: "a", kind: "fixed", label: "A", percent: "1" });
  });

  it("every button in the rendered form is an intent the server accepts", () => {
    const m = draftToModel({ ...fullDraft(), treshold: 1 });
    const all = intents(renderBody(m));
    expect(all.length).toBeGreaterThan(30);
    for (const intent of all) expect(applyIntent(m, intent), intent).toMatchObject({ ok: true });
  });

  it("refuses unknown or out-of-range intents", () => {
    for (const bad of ["", "delete", "explode:surcharges[0]", "remove:", "remove:surcharges[9]", "remove:title", "add:surcharges:bonus", "add:surcharges[0].criteria", "up:surcharges[0]", "remove:surcharges[0", "remove:baseRate.bySector[5]"]) {
      expect(applyIntent(full(), bad), bad).toMatchObject({ ok: false });
    }
  });
});
