import { describe, expect, it } from "vitest";
import { anchorOf, collectAnchors, placeIssues } from "../../../app/routes/inkoop.kaders.$slug.bewerken/anchors";
import { draftToModel, modelToDraft } from "../../../app/routes/inkoop.kaders.$slug.bewerken/convert.server";
import { fieldId } from "../../../app/routes/inkoop.kaders.$slug.bewerken/model";
import { issuesToDutch } from "../../../app/lib/kader-issues-nl";
import { parseKader } from "../../../scoring";
import { IDENTITY, TARIFFS, fullDraft } from "./fixtures";
import { attributes, ids, renderBody } from "./form-html";

const odd = () => ({
  ...fullDraft(),
  treshold: 3,
  previousYear: { over: ["bestaat-niet"] },
  surcharges: [
    ...(fullDraft().surcharges as unknown[]),
    { id: "x", kind: "points", label: "X", criteria: [{ id: "c", label: "C", scale: [1], gewicht: 2 }], mapping: { basis: "absolute", bands: [], linear: {} } },
    { id: "y", kind: "fixed", label: "Y", percent: "1", when: { any: [{ all: [{ fact: "a", op: "==", value: 1 }] }] } },
    42,
  ],
});

describe("anchors: where an issue is shown", () => {
  for (const [name, draft] of [
    ["every element", fullDraft()],
    ["odd parts", odd()],
  ] as const) {
    it(`every anchor is an element of the rendered form (${name})`, () => {
      const model = draftToModel(draft);
      const html = renderBody(model, { tariffs: TARIFFS });
      const present = ids(html);
      for (const [path, id] of collectAnchors(model)) {
        if (["algemeen", "basistarief", "vorig-jaar", "opslagen"].includes(id)) continue; // section ids live in the route
        expect(present.has(id), `${path} → ${id}`).toBe(true);
      }
    });
  }

  it("maps an engine path straight onto its field, or onto the nearest enclosing one", () => {
    const anchors = collectAnchors(draftToModel(fullDraft()));
    const at = (path: string) => anchors.get(anchorOf(path, anchors) ?? "") ?? null;
    expect(at("surcharges[2].mapping.bands[1].from")).toBe(fieldId("surcharges[2].mapping.bands[1].from"));
    expect(at("surcharges[2].criteria[0].scale[2]")).toBe(fieldId("surcharges[2].criteria[0].scale"));
    expect(at("surcharges[1].when.any[1].not.value")).toBe(fieldId("surcharges[1].when.any[1].not.value"));
    expect(at("baseRate.bySector.GHZ")).toBe(fieldId("baseRate.bySector[1].$value"));
    expect(at("surcharges[1].appliesTo.prestaties[1]")).toBe("g-surcharges--1_appliesTo_prestaties");
    expect(at("previousYear.over[0]")).toBe("g-previousYear_over");
    expect(at("")).toBeNull();
  });

  it("shows every issue of a broken draft at a field that exists, with aria-invalid and aria-describedby", () => {
    const draft = odd();
    const model = draftToModel(draft);
    const parsed = parseKader({ ...modelToDraft(model).draft, ...IDENTITY });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issues = issuesToDutch(parsed.issues);
    const placed = placeIssues(issues, collectAnchors(model));
    const html = renderBody(model, { issues, tariffs: TARIFFS });
    const present = ids(html);
    for (const issue of placed) {
      expect(issue.target, issue.path).not.toBeNull();
      expect(present.has(issue.target!), issue.path).toBe(true);
      expect(html).toContain(issue.message.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;"));
    }
  });

  it("marks a field with an issue invalid and describes it by the message", () => {
    const broken = fullDraft();
    (broken.baseRate as Record<string, unknown>).default = "abc";
    const m2 = draftToModel(broken);
    const p2 = parseKader({ ...broken, ...IDENTITY });
    if (p2.ok) throw new Error("expected issues");
    const html2 = renderBody(m2, { issues: issuesToDutch(p2.issues) });
    const input = [...html2.matchAll(/<input\b[^>]*>/g)].map((m) => attributes(m[0])).find((a) => a.name === "baseRate.default")!;
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"]).toContain(`${fieldId("baseRate.default")}-fout`);
    expect(html2).toContain(`id="${fieldId("baseRate.default")}-fout"`);
  });
});
