import { describe, expect, it } from "vitest";
import { parseDocument, score, serializeKader } from "../../../scoring";
import { ceilingDifference, computeBudgetImpact, inputsYaml, type BudgetImpact } from "../../../app/services/kaders/budget.server";
import { parsePreviewParams, type BudgetAssumptions, type RegistryProvider } from "../../../app/services/kaders/inputs-builder.server";
import { TARIFFS, codes, demoKader, query, richKader } from "./kader";

// Provider A and B of the spec's worked example, with volumes.
const REGISTRY: RegistryProvider[] = [
  { agbCode: "11111111", name: "Zorggroep A", volumes: { "4VV": "3650", "5VV": "1825", "6VV": "730" }, previousYearPercent: "97" },
  { agbCode: "22222222", name: "Stichting B", volumes: { "4VV": "1000", "5VV": "500" }, previousYearPercent: "95" },
  { agbCode: "33333333", name: "Thuiszorg C", volumes: {}, previousYearPercent: null },
];

const assumptionsFor = (kader: ReturnType<typeof demoKader>, entries: [string, string][] = []): BudgetAssumptions => {
  const b = parsePreviewParams(query(entries), kader, codes).budget;
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  return b.value;
};

/** Target groups left out of the budget (share 0 %): the engine's regular lines alone. */
const NO_GROUPS: [string, string][] = [
  ["ba/complexe-zorg/jonge-dementie", "0"],
  ["ba/complexe-zorg/parkinson", "0"],
];

const impactOf = (kader = demoKader(), entries: [string, string][] = [], ceiling: string | null = "1550000", registry = REGISTRY): BudgetImpact => {
  const outcome = computeBudgetImpact(kader, TARIFFS, registry, assumptionsFor(kader, entries), ceiling);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.value;
};

describe("budget impact", () => {
  it("at base rate only: the kader without surcharges (hand-checked)", () => {
    // 4VV 23 + 157 × 94 % = 170,58; 5VV 25 + 235 × 94 % = 245,90; 6VV 25 + 225 × 94 % = 236,50
    const impact = impactOf();
    expect(impact.providers.map((p) => [p.id, p.baseTotal])).toEqual([
      ["11111111", "1244029.50"], // 170,58 × 3650 + 245,90 × 1825 + 236,50 × 730
      ["22222222", "293530.00"], //  170,58 × 1000 + 245,90 × 500
    ]);
    expect(impact.base.total).toBe("1537559.50");
    expect(impact.providers[0]!.lines.map((l) => [l.prestatie, l.basePercent, l.baseTariff])).toEqual([
      ["4VV", "94", "170.58"],
      ["5VV", "94", "245.90"],
      ["6VV", "94", "236.50"],
    ]);
  });

  it("with surcharges under the default assumption (every fact true): the standaard opslag, capped by last year's percentage", () => {
    // A (97 %): min(96, max(97, 94)) = 96 → 173,72 / 250,60 / 241,00; B (95 %): min(96, 95) = 95 → 172,15 / 248,25
    const impact = impactOf(demoKader(), NO_GROUPS);
    expect(impact.providers.map((p) => [p.id, p.total])).toEqual([
      ["11111111", "1267353.00"],
      ["22222222", "296275.00"],
    ]);
    expect(impact.withSurcharges.total).toBe("1563628.00");
    expect(impact.regularOnly.total).toBe("1563628.00");
    expect(impact.result.budget).toEqual({ total: "1563628.00", byProvider: [{ provider: "11111111", total: "1267353.00" }, { provider: "22222222", total: "296275.00" }] });
  });

  it("with a fact assumed false, the surcharge falls away and both scenarios agree", () => {
    const impact = impactOf(demoKader(), [["bk", "planIngediend"], ["bt", "onwaar"], ["bv", ""], ...NO_GROUPS]);
    expect(impact.withSurcharges.total).toBe(impact.base.total);
    expect(impact.assumptions[0]).toBe("Feiten, voor elke aanbieder gelijk: planIngediend onwaar.");
  });

  it("includes target-group modules: each group's share of the volume at its line's tariff (hand-computed)", () => {
    // Jonge dementie 10 %, default scores 6 → 24 points → band 20: +2 %; Parkinson 5 %, scores 8 → 32 points → band 28: +4 %.
    // A (regular 96 %): 5VV jd 98 % 255,30, pk 100 % 260,00; 6VV jd 245,50, pk 250,00.
    // B (regular 95 %): 5VV jd 97 % 252,95, pk 99 % 257,65. The module applies to 5VV and 6VV only.
    const parkinson8 = ["visie", "aanpak", "expertise", "resultaat"].map((c): [string, string] => [`bs/complexe-zorg/parkinson/${c}`, "8"]);
    const impact = impactOf(demoKader(), [["ba/complexe-zorg/parkinson", "5"], ...parkinson8]);
    // A: 4VV 3650 × 173,72 = 634.078,00
    //    5VV (1825 − 182,5 − 91,25) × 250,60 + 182,5 × 255,30 + 91,25 × 260,00 = 388.743,25 + 46.592,25 + 23.725,00
    //    6VV (730 − 73 − 36,5) × 241,00 + 73 × 245,50 + 36,5 × 250,00 = 149.540,50 + 17.921,50 + 9.125,00   → 1.269.725,50
    // B: 4VV 1000 × 172,15 = 172.150,00
    //    5VV (500 − 50 − 25) × 248,25 + 50 × 252,95 + 25 × 257,65 = 105.506,25 + 12.647,50 + 6.441,25      →   296.745,00
    expect(impact.providers.map((p) => [p.id, p.total])).toEqual([
      ["11111111", "1269725.50"],
      ["22222222", "296745.00"],
    ]);
    expect(impact.withSurcharges.total).toBe("1566470.50");
    // The engine's own budget still counts the regular lines for all volume.
    expect(impact.regularOnly.total).toBe("1563628.00");
    expect(impact.result.budget?.total).toBe("1563628.00");
    const a5 = impact.providers[0]!.lines.find((l) => l.prestatie === "5VV")!;
    expect(a5).toMatchObject({ volume: "1825", regularVolume: "1551.25", tariff: "250.60" });
    expect(a5.targetGroups).toEqual([
      { targetGroup: "jonge-dementie", label: "Jonge mensen met dementie", share: "10", volume: "182.5", percent: "98", tariff: "255.30" },
      { targetGroup: "parkinson", label: "Mensen met Parkinson", share: "5", volume: "91.25", percent: "100", tariff: "260.00" },
    ]);
    expect(impact.providers[0]!.lines.find((l) => l.prestatie === "4VV")!.targetGroups).toEqual([]);
    // The assumption, in Dutch, on the page.
    expect(impact.assumptions).toContain(
      "Module complexe zorg V&V, doelgroep Jonge mensen met dementie: bij elke aanbieder hoort 10 % van het volume van de prestaties 5VV, 6VV bij deze doelgroep en krijgt het doelgroeptarief; elke aanbieder scoort Visie 6, Plan van aanpak 6, Expertise 6, Resultaat 6.",
    );
    expect(impact.assumptions.some((a) => a.startsWith("Doelgroepen: het aandeel van een doelgroep geldt voor elke aanbieder gelijk"))).toBe(true);
  });

  it("a target group without assessment keeps its share at the regular tariff", () => {
    const empty = ["visie", "aanpak", "expertise", "resultaat"].flatMap((c): [string, string][] => [
      [`bs/complexe-zorg/jonge-dementie/${c}`, ""],
      [`bs/complexe-zorg/parkinson/${c}`, ""],
    ]);
    const impact = impactOf(demoKader(), empty);
    expect(impact.withSurcharges.total).toBe("1563628.00");
    expect(impact.assumptions).toContain("Module complexe zorg V&V, doelgroep Mensen met Parkinson: geen beoordeling aangenomen; het aandeel van 10 % krijgt het reguliere tarief.");
  });

  it("states the difference with the contracteerruimte, in euros and as a percentage", () => {
    const impact = impactOf(demoKader(), NO_GROUPS);
    expect(impact.base.difference).toEqual({ amount: "-12440.50", percent: "-0.8" });
    expect(impact.withSurcharges.difference).toEqual({ amount: "13628.00", percent: "0.9" });
    expect(ceilingDifference("100", null)).toBeNull();
    expect(ceilingDifference("100", "0")).toEqual({ amount: "100.00", percent: null });
    expect(ceilingDifference("1000.00", "1000")).toEqual({ amount: "0.00", percent: "0.0" });
  });

  it("lists the providers it leaves out", () => {
    expect(impactOf().leftOut).toEqual([{ agbCode: "33333333", name: "Thuiszorg C", reason: "noVolumes", codes: [] }]);
  });

  it("assumes the middle score for modules without target groups, and a given field best for relative ones", () => {
    const kader = richKader();
    const everyoneBest = impactOf(kader);
    const innovatie = (i: BudgetImpact) => i.result.modules.filter((m) => m.module === "innovatie");
    expect(innovatie(everyoneBest).every((m) => m.input === "100")).toBe(true);
    const fieldBest = impactOf(kader, [["bfb/innovatie", "12"]]); // 9 points of 12 → 75 → 0,75 %
    expect(innovatie(fieldBest).length).toBeGreaterThan(0);
    expect(innovatie(fieldBest).every((m) => m.points === "9" && m.input === "75" && m.percent === "0.75")).toBe(true);
    expect(Number(fieldBest.withSurcharges.total)).toBeLessThan(Number(everyoneBest.withSurcharges.total));
    expect(everyoneBest.assumptions).toContain("Innovatie: elke aanbieder scoort Plan 3, Borging 3.");
  });

  it("keeps a floor rule in the base scenario, counting no surcharges", () => {
    const kader = demoKader({ previousYear: { mode: "floor", over: ["standaard"] } });
    const impact = impactOf(kader);
    expect(impact.baseKader.previousYear).toEqual({ mode: "floor", over: [] });
    expect(impact.providers[0]!.lines[0]).toMatchObject({ basePercent: "97" }); // max(94, 97)
  });

  it("writes invoer.yaml that reproduces the budget to the cent", () => {
    const kader = richKader();
    const impact = impactOf(kader, [["bk", "tevredenheid"], ["bt", "tekst"], ["bv", "8,5"], ["bfb/innovatie", "12"]]);
    const yaml = inputsYaml(impact, kader.id);
    expect(yaml).toMatch(/^# Invoer \(zorginkoop\.inputs\/v1\)/);
    const kaderDoc = parseDocument(serializeKader(kader, "yaml"));
    const inputsDoc = parseDocument(yaml);
    if (!kaderDoc.ok || !inputsDoc.ok) throw new Error("documents do not parse");
    const again = score(kaderDoc.value, inputsDoc.value);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.value.budget).toEqual(impact.result.budget);
    expect(JSON.parse(JSON.stringify(again.value.lines))).toEqual(JSON.parse(JSON.stringify(impact.result.lines)));
  });

  it("gives no budget, but no error, when nobody has volumes", () => {
    const impact = impactOf(demoKader(), [], null, [REGISTRY[2]!]);
    expect(impact.providers).toEqual([]);
    expect(impact.withSurcharges.total).toBe("0.00");
    expect(impact.withSurcharges.difference).toBeNull();
  });
});
