/**
 * The editor's facts and assessment sections (spec 1, "Facts and assessment"): a kader with
 * them goes draft → form → draft unchanged, and the condition builder offers declared facts.
 */
import { describe, expect, it } from "vitest";
import { draftToModel, formToModel, modelToDraft } from "../../../app/routes/inkoop.kaders.$slug.bewerken/convert.server";
import { applyIntent } from "../../../app/routes/inkoop.kaders.$slug.bewerken/intents";
import { describePath } from "../../../app/lib/kader-issues-nl";
import { parseKader } from "../../../scoring";
import { IDENTITY, fullDraft } from "./fixtures";
import { attributes, formEntries, ids, renderBody, setEntry } from "./form-html";
import { collectAnchors } from "../../../app/routes/inkoop.kaders.$slug.bewerken/anchors";

const FACTS = [
  { id: "planIngediend", label: "Plan ingediend", type: "boolean", source: "aanbieder", question: "Heeft u een plan ingediend?", evidence: "required", ref: "par. 4.2" },
  { id: "keurmerk", label: "Keurmerk", type: "choice", options: ["HKZ", "ISO 9001", "Zorg, welzijn"], source: "register", evidence: "optional" },
  { id: "verzuim", label: "Verzuim (%)", type: "number", source: "zorgkantoor", evidence: "none" },
  { id: "tevredenheid", label: "Tevredenheid", type: "number", source: "register" },
  { id: "regio", label: "Regio", type: "text", source: "zorgkantoor" },
  { id: "wachtlijst", label: "Wachtlijst", type: "number", source: "aanbieder" },
  { id: "meldingen", label: "Meldingen", type: "number", source: "register" },
  { id: "sanctie", label: "Sanctie", type: "boolean", source: "zorgkantoor" },
  { id: "klasse", label: "Klasse", type: "number", source: "aanbieder" },
];

function factsDraft(): Record<string, unknown> {
  return { ...fullDraft(), facts: structuredClone(FACTS), assessment: { assessors: 3, decides: "mean" } };
}

function throughForm(draft: unknown) {
  const model = draftToModel(draft);
  const entries = formEntries(renderBody(model));
  const back = formToModel(entries);
  return { model, entries, back, draft: modelToDraft(back).draft };
}

const valueOf = (entries: [string, string][], name: string) => entries.filter(([n]) => n === name).map(([, v]) => v);

describe("facts and assessment in the editor", () => {
  it("keeps a kader with facts and an assessment through draft → form → draft", () => {
    const draft = factsDraft();
    expect(parseKader({ ...draft, ...IDENTITY }).ok).toBe(true);
    const { model, back, draft: again, entries } = throughForm(draft);
    expect(model.facts).toHaveLength(FACTS.length);
    expect(model.extra).toBeUndefined(); // shown as fields, not read-only
    expect(back).toEqual(model);
    expect(again).toEqual(draft);
    // Fields named by their kader path; a choice's options as a comma list (semicolons when an option holds a comma).
    expect(valueOf(entries, "facts[1].options")).toEqual(["HKZ; ISO 9001; Zorg, welzijn"]);
    expect(valueOf(entries, "facts[0].type")).toEqual(["boolean"]);
    expect(valueOf(entries, "facts[0].evidence")).toEqual(["required"]);
    expect(valueOf(entries, "assessment.assessors")).toEqual(["3"]);
    expect(valueOf(entries, "assessment.decides")).toEqual(["mean"]);
  });

  it("keeps an empty facts list and an empty assessment, and leaves both out when the draft has neither", () => {
    const empty = { ...fullDraft(), facts: [], assessment: {} };
    expect(throughForm(empty).draft).toEqual(empty);
    const none = fullDraft();
    const { draft, model } = throughForm(none);
    expect(model.facts).toBeNull();
    expect(model.assessment).toBeNull();
    expect(draft).toEqual(none);
    expect("facts" in draft).toBe(false);
    expect("assessment" in draft).toBe(false);
  });

  it("reads edited facts and assessment from the form", () => {
    const { entries } = throughForm(factsDraft());
    let e = setEntry(entries, "facts[1].options", "HKZ, ISO 9001, PREZO");
    e = setEntry(e, "facts[2].evidence", "");
    e = setEntry(e, "assessment.assessors", "2");
    e = setEntry(e, "assessment.decides", "consensus");
    const draft = modelToDraft(formToModel(e)).draft as any;
    expect(draft.facts[1].options).toEqual(["HKZ", "ISO 9001", "PREZO"]);
    expect("evidence" in draft.facts[2]).toBe(false);
    expect(draft.assessment).toEqual({ assessors: 2, decides: "consensus" });
  });

  it("starts an assessment section as soon as a field is filled in, not before", () => {
    const { entries } = throughForm(fullDraft());
    expect(modelToDraft(formToModel(entries)).draft.assessment).toBeUndefined();
    const draft = modelToDraft(formToModel(setEntry(entries, "assessment.decides", "mean"))).draft;
    expect(draft.assessment).toEqual({ decides: "mean" });
  });

  it("adds and removes facts by intent; removing the list frees the conditions again", () => {
    const model = draftToModel(fullDraft());
    const added = applyIntent(model, "add:facts");
    if (!added.ok) throw new Error(added.message);
    expect(added.model.facts).toEqual([{ id: "", label: "", type: "boolean", options: "", source: "aanbieder", question: "", evidence: "", ref: "" }]);
    expect(added.focus).toBe("k-facts--0_id");
    const full = draftToModel(factsDraft());
    const removed = applyIntent(full, "remove:facts[1]");
    if (!removed.ok) throw new Error(removed.message);
    expect(removed.model.facts!.map((f) => f.id)).not.toContain("keurmerk");
    const gone = applyIntent(full, "remove:facts");
    if (!gone.ok) throw new Error(gone.message);
    expect(gone.model.facts).toBeNull();
    expect(applyIntent(full, "remove:facts[99]").ok).toBe(false);
  });

  it("the condition builder offers the declared facts by label, ja/nee for a boolean and a choice's options", () => {
    const html = renderBody(draftToModel(factsDraft()));
    // The fact is a select of the declared facts (value = id, text = label).
    const select = /<select[^>]*name="surcharges\[0\]\.when\.fact"[^>]*>([\s\S]*?)<\/select>/.exec(html);
    expect(select).not.toBeNull();
    expect(select![1]).toContain('<option value="planIngediend" selected="">Plan ingediend</option>');
    expect(select![1]).toContain('<option value="keurmerk">Keurmerk</option>');
    // A boolean fact: ja/nee.
    const yesNo = /<select[^>]*name="surcharges\[0\]\.when\.\$type"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect(yesNo).toContain(">ja</option>");
    expect(yesNo).toContain(">nee</option>");
    // A choice fact with `in`: one checkbox per option, the chosen ones checked.
    const checks = [...html.matchAll(/<input\b[^>]*>/g)]
      .map((m) => attributes(m[0]))
      .filter((x) => x.name === "surcharges[1].when.any[0].value")
      .map((x) => [x.value, "checked" in x]);
    expect(checks).toEqual([
      ["HKZ", true],
      ["ISO 9001", true],
      ["Zorg, welzijn", false],
    ]);
    // Without declared facts the fact stays free text.
    expect(renderBody(draftToModel(fullDraft()))).toMatch(/<input type="text" id="[^"]*" name="surcharges\[0\]\.when\.fact"/);
  });

  it("a choice fact with `==` offers its options as a select, and a chosen option with a comma reads back", () => {
    const draft = factsDraft();
    (draft.surcharges as any[])[0].when = { fact: "keurmerk", op: "==", value: "Zorg, welzijn" };
    const { entries, draft: again } = throughForm(draft);
    expect(again).toEqual(draft);
    const html = renderBody(draftToModel(draft));
    const select = /<select[^>]*name="surcharges\[0\]\.when\.value"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect([...select.matchAll(/value="([^"]*)"/g)].map((m) => m[1])).toEqual(["HKZ", "ISO 9001", "Zorg, welzijn"]);
    const changed = modelToDraft(formToModel(setEntry(entries, "surcharges[0].when.value", "HKZ"))).draft as any;
    expect(changed.surcharges[0].when).toEqual({ fact: "keurmerk", op: "==", value: "HKZ" });
    // Two options chosen for `in`, one of them with a comma.
    (draft.surcharges as any[])[1].when.any[0].value = ["HKZ", "Zorg, welzijn"];
    expect(throughForm(draft).draft).toEqual(draft);
  });

  it("has an element in the form for every anchor of the new sections", () => {
    const model = draftToModel(factsDraft());
    const html = renderBody(model);
    const present = ids(html);
    const anchors = collectAnchors(model);
    for (const path of ["facts", "facts[1]", "facts[1].options", "facts[0].type", "assessment.assessors", "assessment.decides", "surcharges[1].when.any[0].value"]) {
      expect(anchors.has(path), path).toBe(true);
    }
    for (const [path, id] of anchors) expect(present.has(id), `${path} → ${id}`).toBe(true);
  });

  it("reads facts and assessment from hostile field names without touching Object.prototype", () => {
    const model = formToModel([
      ["$facts", "1"],
      ["facts[0].id", "x"],
      ["facts[0].__proto__.polluted", "1"],
      ["facts[0].$orig.constructor", '"y"'],
      ["facts[0].$orig.id", '"x"'],
      ["assessment.constructor.prototype.polluted", "1"],
      ["assessment.decides", "mean"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(model.facts?.map((f) => f.id)).toEqual(["x"]);
    expect(model.facts?.[0]?.orig).toEqual({ id: "x" });
    const draft = modelToDraft(model).draft as any;
    expect(draft.facts).toEqual([{ id: "x" }]);
    expect(draft.assessment).toEqual({ decides: "mean" });
  });

  it("names the new paths in Dutch", () => {
    expect(describePath("facts[0].type")).toBe("Feit 1 › soort");
    expect(describePath("facts[2].options[1]")).toBe("Feit 3 › mogelijkheid 2");
    expect(describePath("facts[0].evidence")).toBe("Feit 1 › bewijs");
    expect(describePath("assessment.assessors")).toBe("Beoordeling › aantal beoordelaars");
    expect(describePath("assessment.decides")).toBe("Beoordeling › beslisregel");
  });
});
