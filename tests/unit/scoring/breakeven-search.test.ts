// The search against brute force: on generated fields with the rules that bend a tariff's
// percentage (previous-year cap and floor over a surcharge, the cap at maxPercent, a non-100
// maxPercent), the break-even step and every curve point equal what full engine runs at every single
// step give, and each provider's result never falls when the basistarief rises (spec 3.1).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakeven, parseBreakevenTest, testAt } from "../../../scoring/breakeven/index";
import { D } from "../../../scoring/decimal";
import { testDocument } from "./breakeven-helpers";
import { validInputs, validKader } from "./helpers";

const FROM = 9500;

const field = fc.record({
  mode: fc.constantFrom("cap", "floor", undefined),
  maxPercent: fc.constantFrom(100, 99.5),
  standaard: fc.integer({ min: 0, max: 400 }).map((c) => c / 100),
  opslagen: fc.constantFrom("none", "fixed") as fc.Arbitrary<"none" | "fixed">,
  threshold: fc.integer({ min: 1, max: 100 }),
  providers: fc.array(
    fc.record({
      q: fc.option(fc.integer({ min: 9300, max: 10000 }).map((c) => c / 100), { nil: undefined }),
      plan: fc.boolean(),
      volumes: fc.option(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 })), { nil: undefined }),
      wlz: fc.integer({ min: 0, max: 60000 }),
      // Costs as a share of the revenue at the NZa maximum, so that providers break even inside the range.
      costRatio: fc.integer({ min: 950, max: 1030 }),
      earned: fc.integer({ min: 9000, max: 10000 }).map((c) => c / 100),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

describe("the break-even search", () => {
  it("equals a scan of every step with full engine runs, and results never fall as the basistarief rises", () => {
    fc.assert(
      fc.property(field, (f) => {
        const kader = validKader({
          format: "zorginkoop.kader/v1",
          id: "gen",
          title: "Gegenereerd",
          zorgkantoor: "Z",
          year: 2026,
          nonNegotiable: ["NHC"],
          maxPercent: f.maxPercent,
          baseRate: { default: 96, byPrestatie: { T2: 97 } },
          ...(f.mode && { previousYear: { mode: f.mode, over: ["standaard"] } }),
          surcharges: [{ id: "standaard", kind: "fixed", label: "Standaard", percent: f.standaard, when: { fact: "plan", op: "==", value: true } }],
        });
        const inputs = validInputs(
          {
            format: "zorginkoop.inputs/v1",
            kader: "gen",
            tariffs: [
              { code: "T1", sector: "VV", max: "180.00", components: { NHC: "20.00" } },
              { code: "T2", sector: "VV", max: "263.37", components: { NHC: "21.50" } },
            ],
            providers: f.providers.map((p, i) => ({
              id: `P${i}`,
              facts: { plan: p.plan },
              ...(p.q !== undefined && { previousYearPercent: p.q }),
              ...(p.volumes && { volumes: { T1: p.volumes[0], T2: p.volumes[1] } }),
            })),
          },
          kader,
        );
        const rows = f.providers.map((p, i) => ({
          provider: `P${i}`,
          year: 2024,
          wlzOmzet: p.wlz,
          totaleOmzet: p.wlz,
          personeelskosten: Math.round(((p.volumes ? 180 * p.volumes[0] + 263.37 * p.volumes[1] : p.wlz) * p.costRatio) / 1000),
          overigeBedrijfskosten: 0,
          financieleBaten: 0,
          financieleLasten: 0,
          tariefpercentage: p.earned,
        }));
        const test = parseBreakevenTest(testDocument("gen", rows, { costIndexation: "1.5", opslagen: f.opslagen, threshold: String(f.threshold), searchFrom: String(FROM / 100) }), kader, inputs);
        if (!test.ok) throw new Error(JSON.stringify(test.issues));
        const outcome = breakeven(kader, inputs, test.value);
        if (!outcome.ok) return; // nobody with Wlz revenue: refused, nothing to compare
        const o = outcome.value;

        // Brute force: a full engine run at every step.
        const to = Math.floor(f.maxPercent * 100);
        let lowest: string | null = null;
        let previous: Map<string, InstanceType<typeof D>> | undefined;
        for (let k = FROM; k <= to; k++) {
          const at = testAt(kader, inputs, test.value, new D(k).div(100));
          const results = new Map([...at.results].map(([id, r]) => [id, r.result]));
          if (previous) for (const [id, r] of results) expect(r.gte(previous.get(id)!), `${id} at ${k}`).toBe(true);
          previous = results;
          if (at.passes && lowest === null) lowest = (k / 100).toFixed(2);
          const point = o.breakEven.curve.find((c) => c.percent === (k / 100).toFixed(2));
          if (point) expect(point).toEqual({ percent: (k / 100).toFixed(2), share: at.share, passes: at.passes });
        }
        expect(o.breakEven.monotone).toBe(true);
        expect(o.breakEven.percent).toBe(lowest);
      }),
      { numRuns: 12 },
    );
  });
});
