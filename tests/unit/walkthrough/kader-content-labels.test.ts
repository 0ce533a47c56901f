// Issue 7 (walkthrough): the provider's kader page names surcharges by their labels ("plus
// standaard" was the id of the demo kader's surcharge) and sectors by their names.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { KaderContent } from "../../../app/components/kader-content";
import { demoKader, richKader } from "../templates/helpers";

const text = (kader: ReturnType<typeof demoKader>) => renderToStaticMarkup(createElement(KaderContent, { kader })).replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("the kader page shows labels, not ids", () => {
  it("the previous-year rule names the demo kader's surcharge by its label", () => {
    const shown = text(demoKader());
    expect(shown).toContain("het basistarief plus „Standaard opslag bij ingediend plan”");
    expect(shown).not.toMatch(/plus standaard/);
  });

  it("no surcharge, criterion or target group id and no sector code where a name exists", () => {
    for (const kader of [demoKader(), richKader()]) {
      const shown = text(kader);
      for (const s of kader.surcharges) {
        if (s.id.includes("-")) expect(shown).not.toContain(s.id);
        expect(shown).toContain(s.label);
      }
      expect(shown).not.toMatch(/sectoren? VV\b/);
    }
    expect(text(richKader())).toContain("sector V&V");
  });
});
