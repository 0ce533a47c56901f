// Issue 8: every rendering for people names a declared fact by its label, never its id, and says
// in words what the fact means, who establishes it and how the plans are assessed.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { KaderContent } from "../../../app/components/kader-content";
import { describeComparison, describeCondition, renderKaderDocument } from "../../../templates/kader-document";
import { factLabels } from "../../../templates/kader-document/describe-condition";
import { describeAssessment } from "../../../templates/kader-document/describe-kader";
import type { Kader } from "../../../scoring";
import { FIXED_CREATION_DATE, demoKader, demoViewModel, pdfText } from "./helpers";

const flat = (text: string) => text.replace(/\s+/g, " ");

function kaderWithFacts(decides: "consensus" | "mean" = "mean"): Kader {
  const kader = demoKader();
  return {
    ...kader,
    surcharges: kader.surcharges.map((s) =>
      s.kind === "fixed" ? { ...s, when: { all: [{ fact: "planIngediend", op: "==", value: true }, { fact: "keurmerk", op: "in", value: ["zilver", "goud"] }] } } : s,
    ),
    facts: [
      { id: "planIngediend", label: "Plan van aanpak kernelementen ingediend", type: "boolean", source: "aanbieder", question: "Dient u een plan van aanpak in?", evidence: "required", ref: "par. 4.2" },
      { id: "keurmerk", label: "Kwaliteitskeurmerk", type: "choice", options: ["geen", "brons", "zilver", "goud"], source: "zorgkantoor" },
    ],
    assessment: { assessors: 3, decides },
  };
}

describe("conditions in words", () => {
  it("names a declared fact by its label: 'Plan van aanpak kernelementen ingediend: ja'", () => {
    const labels = factLabels(kaderWithFacts());
    expect(describeComparison({ fact: "planIngediend", op: "==", value: true }, labels)).toBe("Plan van aanpak kernelementen ingediend: ja");
    expect(describeComparison({ fact: "keurmerk", op: "in", value: ["zilver", "goud"] }, labels)).toBe("Kwaliteitskeurmerk is een van: zilver, goud");
    // Undeclared facts keep their name, as before.
    expect(describeComparison({ fact: "planIngediend", op: "==", value: true })).toBe("planIngediend is ja");
    expect(describeCondition({ not: { fact: "keurmerk", op: "==", value: "geen" } }, labels)).toEqual({ text: "niet:", children: [{ text: "Kwaliteitskeurmerk: geen", children: [] }] });
  });
});

describe("the assessment method in words", () => {
  it("says how many assessors and how they decide, with the spec's defaults", () => {
    expect(describeAssessment({})).toBe("Elk plan wordt beoordeeld door ten minste 2 onafhankelijke beoordelaars. Zij stellen per criterium samen één score vast (consensus), met een motivering.");
    expect(describeAssessment({ assessment: { assessors: 3, decides: "mean" } })).toContain("ten minste 3 onafhankelijke beoordelaars. De score per criterium is het gemiddelde van hun scores");
  });
});

describe("the kader document and the kader page", () => {
  it("the PDF shows each fact's label, question, value and source, and the assessment method; never the fact ids", async () => {
    const text = flat(pdfText(await renderKaderDocument(demoViewModel({ kader: kaderWithFacts(), notas: [] }), { creationDate: FIXED_CREATION_DATE, compress: false })));
    expect(text).toContain("4. Feiten en beoordeling");
    expect(text).toContain("Plan van aanpak kernelementen ingediend: ja");
    expect(text).toContain("Kwaliteitskeurmerk is een van: zilver, goud");
    expect(text).toContain("Dient u een plan van aanpak in?");
    expect(text).toContain("de aanbieder verklaart het bij de inschrijving; bewijsstuk verplicht");
    expect(text).toContain("een van: geen, brons, zilver of goud");
    expect(text).toContain("het zorgkantoor stelt het vast");
    expect(text).toContain("ten minste 3 onafhankelijke beoordelaars");
    expect(text).not.toMatch(/planIngediend|\bkeurmerk\b/);
  });

  it("the provider's kader page shows the same words", () => {
    const html = renderToStaticMarkup(createElement(KaderContent, { kader: kaderWithFacts("consensus") }));
    expect(html).toContain("Plan van aanpak kernelementen ingediend: ja");
    expect(html).toContain("Feiten en beoordeling");
    expect(html).toContain("de aanbieder verklaart het bij de inschrijving; bewijsstuk verplicht");
    expect(html).toContain("samen één score vast (consensus)");
    expect(html).not.toMatch(/planIngediend/);
  });
});
