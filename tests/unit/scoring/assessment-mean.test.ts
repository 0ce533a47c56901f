// decides: mean (spec 1): the mean of the assessors' scores, rounded to the nearest value on the
// scale, halfway going up; exact, with a Dutch trace.
import { describe, expect, it } from "vitest";
import { meanOnScale } from "../../../scoring";

const SCALE = ["0", "2", "4", "6", "8", "10"];

describe("meanOnScale", () => {
  it("takes a mean that is on the scale as it is", () => {
    const r = meanOnScale(SCALE, ["6", "8", "4"]);
    expect(r.score).toBe("6");
    expect(r.trace).toMatchObject({
      sum: "18",
      count: 3,
      mean: "6",
      exact: true,
      halfway: false,
      below: "6",
      above: "6",
    });
    expect(r.trace.text).toBe("Gemiddelde van 6, 8 en 4: 18 / 3 = 6; dat staat op de schaal: score 6.");
  });

  it("goes up at exactly halfway between two scale values", () => {
    const r = meanOnScale(SCALE, ["6", "8"]);
    expect(r.score).toBe("8");
    expect(r.trace).toMatchObject({
      mean: "7",
      halfway: true,
      below: "6",
      above: "8",
    });
    expect(r.trace.text).toContain("precies halverwege 6 en 8");
  });

  it("takes the nearest value otherwise, with a mean that has no finite decimal", () => {
    // 20 / 3 = 6.67: nearer 6 than 8.
    const r = meanOnScale(SCALE, ["6", "6", "8"]);
    expect(r.score).toBe("6");
    expect(r.trace).toMatchObject({
      exact: false,
      mean: "6.6667",
      halfway: false,
    });
    expect(r.trace.text).toContain("≈ 6,6667");
    // 22 / 3 = 7.33: nearer 8.
    expect(meanOnScale(SCALE, ["6", "8", "8"]).score).toBe("8");
  });

  it("works on scales with negative and decimal values, halfway still up", () => {
    const scale = ["-2", "-1", "0", "1", "2"];
    expect(meanOnScale(scale, ["-2", "-1"]).score).toBe("-1"); // -1.5 → up to -1
    expect(meanOnScale(scale, ["0", "-1"]).score).toBe("0"); // -0.5 → up to 0
    expect(meanOnScale(["1", "1.5", "2"], ["1", "1.5"]).score).toBe("1.5"); // 1.25 → up
    expect(meanOnScale(["1", "1.5", "2"], ["1", "1.5"]).trace.halfway).toBe(true);
  });

  it("on an uneven scale the nearest value decides, not the neighbours' midpoint in steps", () => {
    // Scale 0, 5, 6, 10: mean 8 is nearer 10 (distance 2) than 6 (distance 2)? Equal: up to 10.
    expect(meanOnScale(["0", "5", "6", "10"], ["6", "10"]).score).toBe("10");
    // Mean 7.5 (5 and 10): nearer 6 (1.5) than 10 (2.5).
    expect(meanOnScale(["0", "5", "6", "10"], ["5", "10"]).score).toBe("6");
  });

  it("refuses to compute without scores or a scale", () => {
    expect(() => meanOnScale(SCALE, [])).toThrow();
    expect(() => meanOnScale([], ["1"])).toThrow();
  });
});
