// Values that can never be meant are refused by the engine itself, with their path, so that the
// editor, the preview, publication and the command line agree (issue 7).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument, parseKader } from "../../../scoring";

const demo = () => {
  const doc = parseDocument(fs.readFileSync(path.resolve(__dirname, "../../../../shared/examples/demo-kader.yaml"), "utf8"));
  if (!doc.ok) throw new Error("demo kader unreadable");
  return structuredClone(doc.value) as Record<string, any>;
};

describe("plausibility checks of the kader", () => {
  it("accepts the worked example unchanged", () => {
    expect(parseKader(demo()).ok).toBe(true);
  });

  it("refuses a surcharge above 100 % (fixed, band, linear) and a minScore above its scale, each at its path", () => {
    const k = demo();
    const points = k.surcharges.findIndex((s: any) => s.kind === "points");
    const fixed = k.surcharges.findIndex((s: any) => s.kind === "fixed");
    k.surcharges[fixed].percent = 1e9;
    k.surcharges[points].criteria[0].minScore = 11;
    k.surcharges[points].mapping = { basis: "absolute", bands: [{ from: 1, percent: 100.5 }] };
    k.surcharges.push({ id: "lineair", kind: "points", label: "L", criteria: [{ id: "c", label: "C", scale: [0, 1] }], mapping: { basis: "absolute", linear: { from: 0, to: 1, fromPercent: 101, toPercent: 102 } } });
    const parsed = parseKader(k);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const last = k.surcharges.length - 1;
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        { path: `surcharges[${fixed}].percent`, message: `surcharge ${k.surcharges[fixed].id}: surcharge 1000000000 % is above 100: a tariff never exceeds the NZa maximum` },
        { path: `surcharges[${points}].criteria[0].minScore`, message: `module ${k.surcharges[points].id}, criterion ${k.surcharges[points].criteria[0].id}: minScore 11 is above the highest score ${k.surcharges[points].criteria[0].scale.at(-1)} of the scale` },
        { path: `surcharges[${points}].mapping.bands[0].percent`, message: `module ${k.surcharges[points].id}: surcharge 100.5 % is above 100: a tariff never exceeds the NZa maximum` },
        { path: `surcharges[${last}].mapping.linear.fromPercent`, message: `module ${k.surcharges[last].id}: surcharge 101 % is above 100: a tariff never exceeds the NZa maximum` },
        { path: `surcharges[${last}].mapping.linear.toPercent`, message: `module ${k.surcharges[last].id}: surcharge 102 % is above 100: a tariff never exceeds the NZa maximum` },
      ]),
    );
  });

  it("accepts the bounds themselves: 100 % and a minScore equal to the highest score", () => {
    const k = demo();
    const points = k.surcharges.findIndex((s: any) => s.kind === "points");
    const fixed = k.surcharges.findIndex((s: any) => s.kind === "fixed");
    k.surcharges[fixed].percent = 100;
    k.surcharges[points].criteria[0].minScore = k.surcharges[points].criteria[0].scale.at(-1);
    expect(parseKader(k).ok).toBe(true);
  });
});
