// The submission form's field names: positions, never ids, so that kader ids with dots or
// hostile names cannot confuse or pollute; and the way back from content to fields.
import { describe, expect, it } from "vitest";
import type { Kader } from "../../../scoring";
import { parseSubmissionContent } from "../../../app/services/submissions/content";
import { contentFromForm, errorsByField, formValuesFromContent } from "../../../app/services/submissions/form-content";
import { exampleDraft } from "../kaders/fixtures";

/** The worked example with facts whose ids hold dots, and a second module without target groups. */
function kader(): Kader {
  const draft = exampleDraft();
  draft.facts = [
    { id: "wzd.register", label: "Registratie Wzd", type: "boolean", source: "aanbieder", evidence: "required" },
    { id: "fte", label: "Formatie", type: "number", source: "aanbieder" },
    { id: "keurmerk", label: "Keurmerk", type: "choice", options: ["geen", "HKZ"], source: "aanbieder" },
    { id: "planIngediend", label: "Plan", type: "boolean", source: "zorgkantoor" },
  ];
  const surcharges = draft.surcharges as Record<string, unknown>[];
  surcharges.push({ id: "samen.werken", kind: "points", label: "Samenwerking", criteria: [{ id: "a.b", label: "Netwerk", weight: 1, scale: [0, 5] }], threshold: 1, mapping: { basis: "absolute", bands: [{ from: 1, percent: 1 }] } });
  return draft as unknown as Kader;
}

const HASH = "a".repeat(64);

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const FULL: [string, string][] = [
  ["decl.0", "ja"],
  ["evidence.0", HASH],
  ["decl.1", "12,5"],
  ["decl.2", "HKZ"],
  ["module.0", "ja"],
  ["group.0.1", "ja"],
  ["plan.0.1.0", "Visie"],
  ["plan.0.1.1", "Aanpak"],
  ["plan.0.1.2", "Expertise"],
  ["plan.0.1.3", "Resultaat"],
  ["plan.0.1.capacity", "12"],
  ["plan.0.1.context", "Wat de groep nodig heeft"],
  ["plan.0.1.expertise", "Wat wij bieden"],
  ["module.1", "ja"],
  ["plan.1.0", "Ons netwerk"],
];

describe("the submission form", () => {
  it("builds the content the kader asks for, by id, from positional field names", () => {
    const content = contentFromForm(kader(), form(FULL));
    const parsed = parseSubmissionContent(kader(), content);
    expect(parsed.ok && parsed.value).toEqual({
      declarations: { "wzd.register": true, fte: "12.5", keurmerk: "HKZ" },
      evidence: { "wzd.register": [HASH] },
      plans: {
        "complexe-zorg": { targetGroups: { parkinson: { answers: { visie: "Visie", aanpak: "Aanpak", expertise: "Expertise", resultaat: "Resultaat" }, capacity: 12, context: "Wat de groep nodig heeft", expertise: "Wat wij bieden" } } },
        "samen.werken": { answers: { "a.b": "Ons netwerk" } },
      },
      attachments: [],
    });
  });

  it("leaves out a module or target group that is not chosen, even when its fields are filled", () => {
    const entries = FULL.filter(([k]) => k !== "module.1" && k !== "group.0.1").concat([["group.0.0", "ja"]]);
    const content = contentFromForm(kader(), form(entries)) as { plans: Record<string, { targetGroups?: Record<string, unknown> }> };
    expect(Object.keys(content.plans)).toEqual(["complexe-zorg"]);
    expect(Object.keys(content.plans["complexe-zorg"]!.targetGroups!)).toEqual(["jonge-dementie"]);
  });

  it("ignores forged and hostile field names: they never become keys", () => {
    const entries = FULL.concat([
      ["__proto__", "x"],
      ["decl.__proto__", "ja"],
      ["plan.0.__proto__.0", "x"],
      ["module.9", "ja"],
      ["providerId", "999"],
      ["declarations.wzd.register", "nee"],
    ]);
    const content = contentFromForm(kader(), form(entries));
    expect(content).toEqual(contentFromForm(kader(), form(FULL)));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("gives a draft back as the same field values, by the current positions", () => {
    const values = formValuesFromContent(kader(), contentFromForm(kader(), form(FULL)));
    const expected = new Map<string, string[]>();
    for (const [k, v] of FULL) expected.set(k, [...(expected.get(k) ?? []), v]);
    expected.set("attachments", []);
    expect(Object.fromEntries(values)).toEqual(Object.fromEntries(expected));
    // A stored submission holds a number with a point; the form shows the Dutch comma.
    const parsed = parseSubmissionContent(kader(), contentFromForm(kader(), form(FULL)));
    expect(parsed.ok && formValuesFromContent(kader(), parsed.value).get("decl.1")).toEqual(["12,5"]);
  });

  it("shows each validation error at its field, ids with dots included", () => {
    const entries = FULL.filter(([k]) => !["evidence.0", "plan.0.1.2", "plan.0.1.capacity", "plan.1.0"].includes(k)).concat([["decl.2", "ISO"]]);
    const parsed = parseSubmissionContent(kader(), contentFromForm(kader(), form(entries.filter(([k, v]) => !(k === "decl.2" && v === "HKZ")))));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect({ ...errorsByField(kader(), parsed.errors) }).toEqual({
      "evidence.0": "Voeg een bewijsstuk (PDF) toe dat deze verklaring onderbouwt.",
      "decl.2": "Kies een van: geen, HKZ.",
      "plan.0.1.2": 'Vul het antwoord op "Expertise en personeel" in.',
      "plan.0.1.capacity": "Vul het aantal plaatsen in (een geheel getal).",
      "plan.1.0": 'Vul het antwoord op "Netwerk" in.',
    });
    expect({ ...errorsByField(kader(), { "attachments.3": "Onbekende bijlage", "evidence.wzd.register.0": "Onbekend bewijsstuk", raar: "x" }) }).toEqual({
      attachments: "Onbekende bijlage",
      "evidence.0": "Onbekend bewijsstuk",
      _form: "x",
    });
  });
});
