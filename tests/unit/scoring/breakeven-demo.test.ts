// The demo: the demo kader (basistarief 94 %) with its illustrative tariff table, the registry's
// volumes and the illustrative accounts in db/seed/demo-jaarrekeningen.csv. Assumptions: 3.5 % cost
// indexation, no volume change, no opslagen, threshold 75 %, search from 90 %. The kader's 94 % fails,
// and 96.61 % is the break-even: 96.60 % fails.
//
// By hand, at 94 %: 73730001 and 73730005 break even, holding 1,218,021 + 1,646,421 = 2,864,442 of
// 5,580,806 = 51.32 %. 73730004 (1,200,530) breaks even from 96.61 %: its revenue there is
// Σ (N + V × 0.9661) × days over 4VV, 5VV and 6VV; with 73730002 (from 95.50 %) and 73730007
// (from 95.00 %) the share is (2,864,442 + 287,387 + 656,320 + 1,200,530) / 5,580,806 = 89.74 %,
// while at 96.60 % it is 68.23 %.
import { describe, expect, it } from "vitest";
import { scoreBreakeven, testAt, parseBreakevenTest } from "../../../scoring/breakeven/index";
import { D } from "../../../scoring/decimal";
import { DEMO_ASSUMPTIONS, demoAccounts, demoInputs, demoKader, testDocument } from "./breakeven-helpers";
import { validInputs, validKader } from "./helpers";

describe("the demo accounts", () => {
  const outcome = scoreBreakeven(demoKader(), demoInputs(), testDocument("demo-vv-2026", demoAccounts(), DEMO_ASSUMPTIONS));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  const o = outcome.value;

  it("fail the test at the demo kader's 94 %", () => {
    expect(o.test).toMatchObject({ basistarief: "94", weightTotal: "5580806.00", weightPassing: "2864442.00", share: "51.32", passes: false, withoutAccounts: [] });
    expect(o.test.providers.filter((p) => p.passes).map((p) => p.provider)).toEqual(["73730001", "73730005"]);
    expect(o.test.providers.every((p) => p.method === "engine")).toBe(true);
  });

  it("break even from 96.61 %, and 96.60 % fails", () => {
    expect(o.breakEven.percent).toBe("96.61");
    const kader = validKader(demoKader());
    const inputs = validInputs(demoInputs(), kader);
    const test = parseBreakevenTest(testDocument("demo-vv-2026", demoAccounts(), DEMO_ASSUMPTIONS), kader, inputs);
    if (!test.ok) throw new Error(JSON.stringify(test.issues));
    expect(testAt(kader, inputs, test.value, new D("96.61"))).toMatchObject({ share: "89.74", passes: true });
    expect(testAt(kader, inputs, test.value, new D("96.60"))).toMatchObject({ share: "68.23", passes: false });
    expect(o.breakEven.curve.filter((c) => ["96.60", "96.61"].includes(c.percent))).toEqual([
      { percent: "96.60", share: "68.23", passes: false },
      { percent: "96.61", share: "89.74", passes: true },
    ]);
    expect(o.breakEven.own).toEqual({ percent: "94", share: "51.32" });
  });
});
