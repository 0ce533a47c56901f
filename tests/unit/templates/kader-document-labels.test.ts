// Issue 7 (walkthrough): a reader of the kader document meets the kader's labels, never the
// internal ids the kader file uses for surcharges, modules, target groups and criteria, nor
// sector codes where the sector has a name.
import { describe, expect, it } from "vitest";
import { describeComparison, renderKaderDocument } from "../../../templates/kader-document";
import { FIXED_CREATION_DATE, demoKader, demoViewModel, pdfText, richKader } from "./helpers";

const options = { creationDate: FIXED_CREATION_DATE, compress: false };
const flat = (text: string) => text.replace(/\s+/g, " ");

/** Every id in a kader that has a label next to it, with its label. */
function labelledIds(kader: ReturnType<typeof demoKader>): { id: string; label: string }[] {
  const ids: { id: string; label: string }[] = [];
  for (const s of kader.surcharges) {
    ids.push(s);
    if (s.kind === "points") ids.push(...s.criteria, ...(s.targetGroups ?? []));
  }
  return ids;
}

describe("the kader document shows labels, not ids", () => {
  for (const [name, kader] of [["demo kader", demoKader()], ["rich kader", richKader()]] as const) {
    it(`${name}: no surcharge, module, target group or criterion id appears as a word`, async () => {
      // No notas: their free text may use any word.
      const text = flat(pdfText(await renderKaderDocument(demoViewModel({ kader, notas: [] }), options)));
      for (const { id, label } of labelledIds(kader)) {
        // Ids such as "standaard" are also Dutch words ("het standaard basistarief"), so look for
        // the places an id used to show: a Kenmerk row or column, in brackets, in a sentence about it.
        for (const shown of [`Kenmerk ${id}`, `(${id})`, `plus ${id}`, `„${id}”`, `${label} ${id}`]) expect(text, id).not.toContain(shown);
        // An id with a hyphen is never a word.
        if (id.includes("-")) expect(text, id).not.toContain(id);
      }
      for (const s of kader.surcharges) expect(text).toContain(s.label);
    });
  }

  it("names the V&V sector by its name", async () => {
    const text = flat(pdfText(await renderKaderDocument(demoViewModel({ kader: richKader(), notas: [] }), options)));
    expect(text).toContain("alle prestaties in sectoren V&V of GHZ");
    expect(text).not.toMatch(/sectoren? VV\b/);
  });

  it("a condition on the sector names it too", () => {
    expect(describeComparison({ fact: "sector", op: "in", value: ["VV", "GHZ"] })).toBe("sector is een van: V&V, GHZ");
    expect(describeComparison({ fact: "sector", op: "==", value: "VV" })).toBe("sector is V&V");
  });
});
