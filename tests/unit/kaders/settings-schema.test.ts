// The kader settings form (issue 4): the contracteerruimte is typed the Dutch way, and the value
// the form pre-fills from the stored amount must read back as the same amount (re-saving the
// settings unchanged must never multiply the budget ceiling).
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../../app/lib/format";
import { settingsSchema } from "../../../app/services/kaders/store.server";

const parse = (budgetCeiling: unknown) => settingsSchema.safeParse({ tariffTableId: "3", budgetCeiling, regionIds: ["1", "2"] });
const amount = (budgetCeiling: string) => {
  const result = parse(budgetCeiling);
  if (!result.success) throw new Error(`${budgetCeiling}: ${result.error.issues[0]?.message}`);
  return result.data.budgetCeiling;
};

describe("settingsSchema: contracteerruimte", () => {
  it.each([
    ["12.500.000,00", 12_500_000],
    ["12.500.000", 12_500_000],
    ["12500000", 12_500_000],
    ["12500000.00", 12_500_000], // a plain decimal point is not a thousands separator
    ["12500000,5", 12_500_000.5],
    ["1.234,56", 1234.56],
    ["€ 1.234,56", 1234.56],
    ["0,99", 0.99],
  ])("%s is € %d", (typed, expected) => {
    expect(Number(amount(typed))).toBe(expected);
    expect(amount(typed)).toMatch(/^\d+(\.\d{1,2})?$/);
  });

  it.each(["12500000.00", "12500000", "12500000.5", "1234.56", "0.99", "100"])("the pre-filled form value of a stored %s saves back unchanged", (stored) => {
    const shown = formatNumber(stored, { decimals: 2 });
    expect(Number(amount(shown))).toBe(Number(stored));
  });

  it("blank means no contracteerruimte", () => {
    expect(amount("")).toBe("");
    expect(amount("   ")).toBe("");
  });

  it.each(["veel", "12,345,678", "1.2.3", "-100", "12,345"])("refuses %j with a Dutch message", (typed) => {
    // 12,345 is a Dutch decimal with three decimals: more than cents.
    const result = parse(typed);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]!.message).toMatch(/Vul een bedrag in euro's in/);
  });
});

describe("settingsSchema: tariff table and regions", () => {
  it("a blank tariff table is none; one region or several become a list of ids", () => {
    const none = settingsSchema.parse({ tariffTableId: "", budgetCeiling: "", regionIds: "4" });
    expect(none).toEqual({ tariffTableId: null, budgetCeiling: "", regionIds: [4] });
    expect(settingsSchema.parse({ tariffTableId: "7", budgetCeiling: "", regionIds: ["4", "5"] }).regionIds).toEqual([4, 5]);
  });

  it("requires at least one region, in Dutch", () => {
    const result = settingsSchema.safeParse({ tariffTableId: "", budgetCeiling: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.find((i) => i.path[0] === "regionIds")?.message).toBe("Kies minstens één regio.");
  });
});
