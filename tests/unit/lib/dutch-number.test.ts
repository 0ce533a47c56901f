import { describe, expect, it } from "vitest";
import { parseDutchDecimal } from "../../../app/lib/dutch-number";

describe("parseDutchDecimal", () => {
  it.each([
    ["12.500.000,00", "12500000"],
    ["94,5", "94.5"],
    ["94.5", "94.5"],
    ["12500000", "12500000"],
    ["12.500", "12500"],
    ["€ 1.234,56", "1234.56"],
    ["0,10", "0.1"],
    ["007", "7"],
  ])("reads %s as %s", (input, expected) => {
    expect(parseDutchDecimal(input)).toBe(expected);
  });

  it.each(["", "abc", "1,2,3", "12.50.0", "1.2345,6", "--1"])("refuses %j", (input) => {
    expect(parseDutchDecimal(input)).toBeNull();
  });
});
