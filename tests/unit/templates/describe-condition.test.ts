import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Condition } from "../../../scoring";
import {
  describeComparison,
  describeCondition,
  describeConditionLines,
  describeValue,
} from "../../../templates/kader-document/describe-condition";

describe("describeComparison", () => {
  it.each([
    [{ fact: "planIngediend", op: "==", value: true }, "planIngediend is ja"],
    [{ fact: "planIngediend", op: "==", value: false }, "planIngediend is nee"],
    [{ fact: "sector", op: "!=", value: "VV" }, "sector is niet V&V"],
    [{ fact: "verzuim", op: "<", value: "8" }, "verzuim is kleiner dan 8"],
    [{ fact: "wachttijd", op: "<=", value: "6.5" }, "wachttijd is ten hoogste 6,5"],
    [{ fact: "clienten", op: ">", value: "1250" }, "clienten is groter dan 1.250"],
    [{ fact: "kernelement1", op: ">=", value: "3" }, "kernelement1 is ten minste 3"],
    [{ fact: "regio", op: "in", value: ["Noord", "Oost", "Zuid"] }, "regio is een van: Noord, Oost, Zuid"],
    [{ fact: "code", op: "in", value: ["1", "2.5", true] }, "code is een van: 1, 2,5, ja"],
  ] as const)("words %j as %s", (comparison, words) => {
    expect(describeComparison(comparison as unknown as Parameters<typeof describeComparison>[0])).toBe(words);
  });

  it("writes values the Dutch way: ja/nee, decimal comma, text unchanged", () => {
    expect(describeValue(true)).toBe("ja");
    expect(describeValue(false)).toBe("nee");
    expect(describeValue("-0.25")).toBe("-0,25");
    expect(describeValue("Zorg & Welzijn")).toBe("Zorg & Welzijn");
  });
});

describe("describeCondition", () => {
  it("gives a single comparison as one line without children", () => {
    expect(describeCondition({ fact: "planIngediend", op: "==", value: true })).toEqual({ text: "planIngediend is ja", children: [] });
  });

  it("nests all, any and not as 'alle van:', 'een van:' and 'niet:'", () => {
    const condition: Condition = {
      all: [
        { fact: "planIngediend", op: "==", value: true },
        { any: [{ fact: "regio", op: "in", value: ["Noord", "Oost"] }, { fact: "clienten", op: ">", value: "40" }] },
        { not: { all: [{ fact: "sanctie", op: "==", value: true }, { fact: "herstelplan", op: "!=", value: true }] } },
      ],
    };
    expect(describeCondition(condition)).toEqual({
      text: "alle van:",
      children: [
        { text: "planIngediend is ja", children: [] },
        {
          text: "een van:",
          children: [
            { text: "regio is een van: Noord, Oost", children: [] },
            { text: "clienten is groter dan 40", children: [] },
          ],
        },
        {
          text: "niet:",
          children: [
            {
              text: "alle van:",
              children: [
                { text: "sanctie is ja", children: [] },
                { text: "herstelplan is niet ja", children: [] },
              ],
            },
          ],
        },
      ],
    });
  });

  it("flattens to indented plain lines for text places", () => {
    const condition: Condition = { any: [{ fact: "a", op: "==", value: true }, { not: { fact: "b", op: "<", value: "2" } }] };
    expect(describeConditionLines(condition)).toEqual(["een van:", "  - a is ja", "  - niet:", "    - b is kleiner dan 2"]);
    expect(describeConditionLines({ fact: "a", op: ">=", value: "1" })).toEqual(["a is ten minste 1"]);
  });

  it("is pure: the module imports neither pdfkit nor node built-ins, so the web UI can use it", () => {
    const source = readFileSync(new URL("../../../templates/kader-document/describe-condition.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports).toEqual(["../../scoring", "../../scoring/format/nl"]);
    expect(source).toMatch(/^import type .* from "\.\.\/\.\.\/scoring";$/m);
  });
});
