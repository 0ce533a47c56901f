import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../db/canonical-json";

describe("canonicalJson", () => {
  it("gives the same text whatever order the keys were inserted in", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ c: 3, a: 2, b: 1 })).toBe(canonicalJson({ a: 2, b: 1, c: 3 }));
  });

  it("sorts keys at every level of nesting, without whitespace", () => {
    const one = { outer: { z: { y: 1, x: 2 }, a: [{ d: 1, c: 2 }] }, first: true };
    const two = { first: true, outer: { a: [{ c: 2, d: 1 }], z: { x: 2, y: 1 } } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"first":true,"outer":{"a":[{"c":2,"d":1}],"z":{"x":2,"y":1}}}');
  });

  it("keeps array order (arrays are ordered data)", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("drops undefined object members, so an absent and an undefined field hash the same", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    // inside arrays undefined becomes null, as in JSON.stringify
    expect(canonicalJson([1, undefined])).toBe("[1,null]");
  });

  it("keeps null, strings with escapes and numbers exactly as JSON does", () => {
    expect(canonicalJson({ s: 'quote " and \\ and \n', n: null, x: 1.5, neg: -3 })).toBe(
      '{"n":null,"neg":-3,"s":"quote \\" and \\\\ and \\n","x":1.5}',
    );
    expect(JSON.parse(canonicalJson({ s: "é € 𝄞" }))).toEqual({ s: "é € 𝄞" });
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson("x")).toBe('"x"');
  });

  it("distinguishes values that differ only in type", () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it("refuses non-finite numbers instead of hashing them as null", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
  });

  it("serialises a Date as its ISO string, like JSON.stringify, so audit payloads keep the time", () => {
    const d = new Date("2026-05-01T12:00:00.000Z");
    expect(canonicalJson({ deadline: d })).toBe('{"deadline":"2026-05-01T12:00:00.000Z"}');
  });

  it("never gives two different dates the same serialisation", () => {
    expect(canonicalJson({ at: new Date(0) })).not.toBe(canonicalJson({ at: new Date(1) }));
  });
});
