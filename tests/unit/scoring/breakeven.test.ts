// The reële-tarieventoets on hand-checked cases (docs/spec/breakeven.md). The arithmetic is in the
// comments; every figure is checked to the cent.
//
// The field: one prestatie T1 with maximum € 200.00 of which NHC € 20.00 is non-negotiable, so
// V = 180.00 and the tariff at basistarief b is 20 + 1.8 × b, rounded half-up to cents.
// At the kader's 90 %: 20 + 162 = 182.00.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { breakevenJsonSchema } from "../../../scoring/breakeven/format";
import { breakeven, parseBreakevenTest, scoreBreakeven, searchBreakEven, type BreakevenOutcome } from "../../../scoring/breakeven/index";
import { D } from "../../../scoring/decimal";
import { testDocument, type Assumptions } from "./breakeven-helpers";
import { repoRoot, validInputs, validKader } from "./helpers";

const kaderDoc = (extra: Record<string, unknown> = {}) => ({
  format: "zorginkoop.kader/v1",
  id: "toets",
  title: "Toets",
  zorgkantoor: "Zorgkantoor Toets",
  year: 2026,
  nonNegotiable: ["NHC"],
  baseRate: { default: 90 },
  surcharges: [],
  ...extra,
});
type P = { id: string; volumes?: Record<string, number>; facts?: Record<string, unknown>; assessments?: unknown[] };
const inputsDoc = (providers: P[]) => ({
  format: "zorginkoop.inputs/v1",
  kader: "toets",
  tariffs: [{ code: "T1", sector: "VV", max: "200.00", components: { NHC: "20.00" } }],
  providers,
});
const accounts = (provider: string, wlz: number, total: number, personeel: number, overig: number, baten = 0, lasten = 0, tariefpercentage = 90) => ({
  provider,
  year: 2024,
  wlzOmzet: wlz,
  totaleOmzet: total,
  personeelskosten: personeel,
  overigeBedrijfskosten: overig,
  financieleBaten: baten,
  financieleLasten: lasten,
  tariefpercentage,
});
const base: Assumptions = { costIndexation: "2", opslagen: "none", searchFrom: "85" };

function run(kader: unknown, inputs: unknown, rows: unknown[], assumptions: Assumptions = base): BreakevenOutcome {
  const outcome = scoreBreakeven(kader, inputs, testDocument("toets", rows, assumptions));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.value;
}
const row = (o: BreakevenOutcome, id: string) => o.test.providers.find((p) => p.provider === id)!;

// A: 250 days → 250 × 182.00 = 45,500.00; other revenue 50,000 − 45,000 = 5,000.00;
//    costs (40,000 + 9,000) × 1.02 = 49,980.00; result 45,500 + 5,000 − 49,980 = 520.00 ≥ 0.
// B: 160 days → 29,120.00; costs (25,000 + 3,000) × 1.02 = 28,560.00; result 560.00 ≥ 0.
// C: 140 days → 25,480.00; costs (22,000 + 3,000) × 1.02 = 25,500.00; result −20.00 < 0.
// Weights (Wlz revenue in the accounts): 45,000 + 30,000 + 25,000 = 100,000.
const field = () => inputsDoc([{ id: "A", volumes: { T1: 250 } }, { id: "B", volumes: { T1: 160 } }, { id: "C", volumes: { T1: 140 } }]);
const fieldAccounts = (bWeight = 30000) => [accounts("A", 45000, 50000, 40000, 9000), accounts("B", bWeight, bWeight, 25000, 3000), accounts("C", 25000, 25000, 22000, 3000)];

describe("the test at the kader's basistarief", () => {
  it("passes at exactly 75 %: A and B hold 75,000 of 100,000", () => {
    const o = run(kaderDoc(), field(), fieldAccounts());
    expect(o.test.providers.map((p) => [p.provider, p.wlz, p.other, p.costs, p.financing, p.result, p.passes])).toEqual([
      ["A", "45500.00", "5000.00", "49980.00", "0.00", "520.00", true],
      ["B", "29120.00", "0.00", "28560.00", "0.00", "560.00", true],
      ["C", "25480.00", "0.00", "25500.00", "0.00", "-20.00", false],
    ]);
    expect(o.test).toMatchObject({ basistarief: "90", weightTotal: "100000.00", weightPassing: "75000.00", share: "75.00", passes: true, threshold: "75", thresholdRef: "ECLI:NL:GHDHA:2024:199" });
    expect(row(o, "A").method).toBe("engine");
    expect(row(o, "A").trace.map((s) => s.value)).toEqual(["45500.00", "45500.00", "5000.00", "49980.00", "0.00", "520.00"]);
    expect(row(o, "A").trace[3]!.text).toBe("Kosten: (personeelskosten € 40.000,00 + overige bedrijfskosten € 9.000,00) × (1 + 2 %) × (1 + 0 %) = € 49.980,00");
  });

  it("fails just below: with B's weight 29,999 the share is 74,999 / 99,999 = 74.9997… %, shown truncated as 74.99", () => {
    const o = run(kaderDoc(), field(), fieldAccounts(29999));
    expect(o.test).toMatchObject({ weightTotal: "99999.00", weightPassing: "74999.00", share: "74.99", passes: false });
  });

  it("scales the Wlz revenue from the accounts for a provider without volumes", () => {
    // D: no volumes; its one regular line is at 90 %; accounts 20,000 earned at 95 %:
    //    20,000 × 90 / 95 = 18,947.368… → 18,947.37; other 2,000; costs (17,000 + 2,500) × 1.02 = 19,890.00;
    //    result 18,947.37 + 2,000 − 19,890.00 = 1,057.37.
    const o = run(kaderDoc(), inputsDoc([{ id: "D" }]), [accounts("D", 20000, 22000, 17000, 2500, 0, 0, 95)]);
    expect(row(o, "D")).toMatchObject({ method: "scaled", wlz: "18947.37", other: "2000.00", costs: "19890.00", result: "1057.37", passes: true });
    expect(row(o, "D").trace[0]!.text).toBe(
      "Wlz-omzet geschaald uit de jaarrekening 2024 (geen volumes): € 20.000,00 × (som van de percentages 90 % / 1 prestatie bij basistarief 90 %) / gerealiseerd percentage 95 % = € 18.947,37",
    );
  });

  it("counts financing: an operating surplus of 248.00 becomes −52.00 with financing costs", () => {
    // E: 100 days → 18,200.00; costs (15,000 + 2,600) × 1.02 = 17,952.00; operating 248.00;
    //    financing 100 − 400 = −300.00; result −52.00.
    const o = run(kaderDoc(), inputsDoc([{ id: "E", volumes: { T1: 100 } }]), [accounts("E", 18000, 18000, 15000, 2600, 100, 400)]);
    expect(row(o, "E")).toMatchObject({ wlz: "18200.00", costs: "17952.00", financing: "-300.00", result: "-52.00", passes: false });
    expect(o.test).toMatchObject({ share: "0.00", passes: false });
  });

  it("counts opslagen as asked: none, the fixed ones, or also the expected points", () => {
    // F: plan submitted (+2 % standaard), quality module 8 points (band from 6: +1 %); 100 days;
    //    costs (15,000 + 3,000) × 1.02 = 18,360.00.
    //    none:     p = 90 → 182.00 → 18,200.00 → result −160.00
    //    fixed:    p = 92 → 20 + 1.8 × 92 = 185.60 → 18,560.00 → result 200.00
    //    expected: p = 93 → 187.40 → 18,740.00 → result 380.00
    const kader = kaderDoc({
      surcharges: [
        { id: "standaard", kind: "fixed", label: "Standaard opslag", percent: 2, when: { fact: "planIngediend", op: "==", value: true } },
        { id: "kwaliteit", kind: "points", label: "Kwaliteit", criteria: [{ id: "plan", label: "Plan", scale: [0, 2, 4, 6, 8, 10] }], mapping: { basis: "absolute", bands: [{ from: 6, percent: 1 }] } },
      ],
    });
    const inputs = inputsDoc([{ id: "F", volumes: { T1: 100 }, facts: { planIngediend: true }, assessments: [{ module: "kwaliteit", scores: { plan: 8 } }] }]);
    const rows = [accounts("F", 18000, 18000, 15000, 3000)];
    const results = (["none", "fixed", "expected"] as const).map((opslagen) => row(run(kader, inputs, rows, { ...base, opslagen }), "F"));
    expect(results.map((r) => [r.wlz, r.result, r.passes])).toEqual([
      ["18200.00", "-160.00", false],
      ["18560.00", "200.00", true],
      ["18740.00", "380.00", true],
    ]);
  });

  it("applies a volume change to revenue and costs alike, not to financing", () => {
    // A with +10 %: 45,500 × 1.1 = 50,050.00; other 5,000 × 1.1 = 5,500.00;
    //    costs 49,000 × 1.02 × 1.1 = 54,978.00; result 50,050 + 5,500 − 54,978 = 572.00.
    const o = run(kaderDoc(), inputsDoc([{ id: "A", volumes: { T1: 250 } }]), [accounts("A", 45000, 50000, 40000, 9000)], { ...base, volumeChange: "10" });
    expect(row(o, "A")).toMatchObject({ wlz: "50050.00", other: "5500.00", costs: "54978.00", result: "572.00" });
  });

  it("leaves out a provider without accounts (listed) and gives one with no Wlz revenue no weight", () => {
    // G has no accounts; H has accounts with Wlz revenue 0 (weight 0, result −1,020.00 < 0) and does not move the share.
    const inputs = inputsDoc([{ id: "A", volumes: { T1: 250 } }, { id: "G", volumes: { T1: 100 } }, { id: "H" }]);
    const o = run(kaderDoc(), inputs, [accounts("A", 45000, 50000, 40000, 9000), accounts("H", 0, 0, 1000, 0)]);
    expect(o.test.withoutAccounts).toEqual(["G"]);
    expect(row(o, "H")).toMatchObject({ weight: "0.00", wlz: "0.00", result: "-1020.00", passes: false });
    expect(o.test).toMatchObject({ weightTotal: "45000.00", share: "100.00", passes: true });
  });
});

describe("the break-even basistarief", () => {
  // Per provider, the lowest passing step (tariff 20 + 1.8 × b, rounded to cents):
  //  A: 88.84 → 1.8 × 88.84 = 159.912 → 179.91 × 250 = 44,977.50 + 5,000 − 49,980 = −2.50;
  //     88.85 → 159.93 → 179.93 × 250 = 44,982.50 → +2.50: A from 88.85.
  //  B: 88.05 → 178.49 × 160 = 28,558.40 − 28,560 = −1.60; 88.06 → 178.508 → 178.51 → +1.60: B from 88.06.
  //  C: 90.08 → 162.144 → 182.14 × 140 = 25,499.60 − 25,500 = −0.40 (a straight line through the
  //     tariffs would put C's break-even at 90.0794, i.e. 90.08: the rounding makes it 90.09);
  //     90.09 → 162.162 → 182.16 × 140 = 25,502.40 → +2.40: C from 90.09.
  it("is the lowest step that passes: 88.85 passes (A and B, 75 %), 88.84 fails (B, 30 %)", () => {
    const o = run(kaderDoc(), field(), fieldAccounts());
    expect(o.breakEven.percent).toBe("88.85");
    const at = (p: string) => o.breakEven.curve.find((c) => c.percent === p);
    expect(at("88.84")).toEqual({ percent: "88.84", share: "30.00", passes: false });
    expect(at("88.85")).toEqual({ percent: "88.85", share: "75.00", passes: true });
    expect(o.breakEven.own).toEqual({ percent: "90", share: "75.00" });
    expect(o.breakEven.monotone).toBe(true);
    // The chart grid: every 0.25 % from 85 to 100.
    expect(at("85.00")).toMatchObject({ share: "0.00" });
    expect(at("88.75")).toMatchObject({ share: "30.00" });
    expect(at("89.00")).toMatchObject({ share: "75.00" });
    expect(at("90.00")).toMatchObject({ share: "75.00" });
    expect(at("90.25")).toMatchObject({ share: "100.00" });
    expect(at("100.00")).toMatchObject({ share: "100.00" });
  });

  it("finds the rounding-made step: with threshold 100 % it is C's 90.09, not the straight line's 90.08", () => {
    const o = run(kaderDoc(), field(), fieldAccounts(), { ...base, threshold: "100" });
    expect(o.test.passes).toBe(false);
    expect(o.breakEven.percent).toBe("90.09");
    expect(o.breakEven.curve.find((c) => c.percent === "90.08")).toEqual({ percent: "90.08", share: "75.00", passes: false });
  });

  it("is null when even the NZa maximum does not reach the threshold", () => {
    // C at 100 %: 200.00 × 140 = 28,000.00 against costs of 60,000 × 1.02: never.
    const o = run(kaderDoc(), inputsDoc([{ id: "C", volumes: { T1: 140 } }]), [accounts("C", 25000, 25000, 60000, 0)]);
    expect(o.breakEven.percent).toBeNull();
    expect(o.breakEven.curve.at(-1)).toEqual({ percent: "100.00", share: "0.00", passes: false });
  });

  it("is the lower bound when the field already passes there", () => {
    const o = run(kaderDoc(), field(), fieldAccounts(), { ...base, searchFrom: "89" });
    expect(o.breakEven.percent).toBe("89.00");
  });

  it("falls back to a scan of every step when results contradict monotonicity, and still returns the lowest passing step", () => {
    // An injected evaluator (not the engine): passes only at 2.25 % and from 5 % on. The search sees a
    // pass at 2.25 and a fail at 2.50, gives up its brackets and scans 0.00, 0.01, … up to 2.25.
    const evaluate = (percent: InstanceType<typeof D>, ids: readonly string[]) =>
      new Map(ids.map((id) => [id, percent.eq("2.25") || percent.gte(5) ? new D(1) : new D(-1)]));
    const outcome = searchBreakEven({ providers: [{ id: "X", weight: new D(1) }], from: 0, to: 1000, threshold: new D(75), evaluate, estimate: () => 240 });
    expect(outcome.monotone).toBe(false);
    expect(outcome.breakEven).toBe("2.25");
    expect(outcome.curve.at(-1)).toEqual({ percent: "2.25", share: "100.00", passes: true });
    expect(outcome.curve).toHaveLength(226);
  });
});

describe("bad input", () => {
  it("reports every problem with its path, nothing computed", () => {
    const rows = [
      { ...accounts("A", -5, 100, 1, 1), tariefpercentage: 120 },
      accounts("A", 10, 5, 1, 1),
      accounts("Z", 10, 10, 1, 1),
      { ...accounts("B", 10, 10, 1, 1), personeelskosten: "12.345" },
      { provider: "C", year: 2024 },
    ];
    const outcome = scoreBreakeven(kaderDoc(), field(), { ...testDocument("ander-kader", rows, { ...base, threshold: "0", opslagen: "some" as never }), extra: 1 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const lines = outcome.issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "test.extra: unknown key",
        "test.kader: the test is for kader ander-kader, not toets",
        "test.assumptions.threshold: threshold 0 must be above 0 and at most 100",
        'test.assumptions.opslagen: unknown value "some", expected none or fixed or expected',
        "test.accounts[0].wlzOmzet: Wlz revenue -5 is below 0",
        "test.accounts[0].tariefpercentage: tariff percentage 120 must be above 0 and at most 100",
        "test.accounts[1].provider: provider A has two accounts rows (also accounts[0])",
        "test.accounts[1].totaleOmzet: total revenue 5 is below the Wlz revenue 10",
        "test.accounts[2].provider: unknown provider Z: not in the inputs",
        "test.accounts[3].personeelskosten: personnel costs 12.345 has more than 2 decimals (cents)",
        "test.accounts[4].wlzOmzet: required",
      ]),
    );
  });

  it("refuses a field in which nobody has Wlz revenue in the accounts", () => {
    const outcome = scoreBreakeven(kaderDoc(), field(), testDocument("toets", [accounts("A", 0, 0, 1, 1)], base));
    expect(outcome).toEqual({ ok: false, issues: [{ path: "test.accounts", message: expect.stringContaining("no provider in the inputs has accounts with a Wlz revenue above 0") }] });
  });

  it("refuses a lower bound at or above maxPercent", () => {
    const kader = validKader(kaderDoc());
    const parsed = parseBreakevenTest(testDocument("toets", [], { ...base, searchFrom: "100" }), kader, validInputs(field(), kader));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues).toContainEqual({ path: "assumptions.searchFrom", message: "lower bound 100 must be below the kader's maxPercent 100" });
  });

  it("the pure function takes parsed documents and gives the same as scoreBreakeven", () => {
    const kader = validKader(kaderDoc());
    const inputs = validInputs(field(), kader);
    const test = parseBreakevenTest(testDocument("toets", fieldAccounts(), base), kader, inputs);
    expect(test.ok).toBe(true);
    if (test.ok) expect(breakeven(kader, inputs, test.value)).toEqual({ ok: true, value: run(kaderDoc(), field(), fieldAccounts()) });
  });
});

describe("the core", () => {
  it("is pure: scoring/breakeven imports nothing from node, app/ or db/", () => {
    const dir = resolve(repoRoot, "scoring/breakeven");
    for (const name of readdirSync(dir)) {
      const imports = [...readFileSync(resolve(dir, name), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      expect(imports.filter((i) => i.startsWith("node:") || /(^|\/)(app|db)\//.test(i)), name).toEqual([]);
      expect(imports.every((i) => i.startsWith(".") || i === "zod"), name).toBe(true);
    }
  });

  it("publishes a JSON Schema of the test file that requires every accounts figure", () => {
    const schema = breakevenJsonSchema() as { $id: string; properties: { accounts: { items: { required: string[] } } } };
    expect(schema.$id).toBe("urn:zorginkoop:breakeven:v1");
    expect(schema.properties.accounts.items.required).toEqual([
      "provider", "year", "wlzOmzet", "totaleOmzet", "personeelskosten", "overigeBedrijfskosten", "financieleBaten", "financieleLasten", "tariefpercentage",
    ]);
  });
});
