// The jurist's consistency checks (app/services/award/checks.ts): a clean decision passes every
// check; each kind of defect makes exactly its own check fail (or warn), naming where.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { approvable, consistencyChecks, type CheckId, type DecisionUnderReview, type FieldMotivation, type RunUnderReview } from "../../../app/services/award/checks";
import { parseDocument, parseKader, type Kader } from "../../../scoring";

const EXAMPLES = path.resolve(__dirname, "../../../../shared/examples");
function kader(): Kader {
  const doc = parseDocument(fs.readFileSync(path.join(EXAMPLES, "demo-kader.yaml"), "utf8"));
  if (!doc.ok) throw new Error("yaml");
  const k = parseKader(doc.value);
  if (!k.ok) throw new Error("kader");
  return k.value;
}

const CRITERIA = ["visie", "aanpak", "expertise", "resultaat"];

function clean(): { decision: DecisionUnderReview; run: RunUnderReview; field: FieldMotivation[] } {
  const k = kader();
  const decision: DecisionUnderReview = {
    provider: "A",
    plans: [
      {
        module: "complexe-zorg",
        targetGroup: "jonge-dementie",
        scores: CRITERIA.map((c) => ({ criterion: c, score: c === "visie" ? "10" : "8", motivation: `Motivering ${c}`, missing: c === "visie" ? null : `Ontbrak bij ${c}`, method: "consensus" as const, deviationReason: null, individual: c === "visie" ? ["10", "8"] : ["8", "8"] })),
        assessors: [
          { name: "Bram Beoordeel", conflictDeclared: true, conflicted: false },
          { name: "Bo Tweede", conflictDeclared: true, conflicted: false },
        ],
      },
    ],
    letterLines: [
      { prestatie: "5VV", targetGroup: null, percent: "96", tariff: "250.60" },
      { prestatie: "5VV", targetGroup: "jonge-dementie", percent: "100", tariff: "260.00" },
    ],
    letterCriteria: CRITERIA.map((c) => ({ module: "complexe-zorg", criterion: c, weight: "1" })),
  };
  const run: RunUnderReview = {
    kaderVersionId: 7,
    kader: k,
    lines: [
      { provider: "A", prestatie: "5VV", targetGroup: null, percent: "96", tariff: "250.60" },
      { provider: "A", prestatie: "5VV", targetGroup: "jonge-dementie", percent: "100.0", tariff: "260" },
      { provider: "B", prestatie: "5VV", targetGroup: null, percent: "95", tariff: "248.25" },
    ],
    inputsWithoutIdentity: new Map([
      ["A", '{"facts":{"x":true}}'],
      ["B", '{"facts":{"x":false}}'],
    ]),
    rankWarnings: [],
  };
  const field: FieldMotivation[] = CRITERIA.map((c) => ({ provider: "A", module: "complexe-zorg", targetGroup: "jonge-dementie", criterion: c, score: "8", motivation: `Motivering ${c}` }));
  return { decision, run, field };
}

function run(mutate: (x: ReturnType<typeof clean>) => void = () => {}, currentVersionId = 7) {
  const x = clean();
  mutate(x);
  return consistencyChecks({ currentVersionId, publishedKader: kader(), requiredAssessors: 2, ...x });
}
const failing = (checks: ReturnType<typeof run>) => checks.filter((c) => c.status !== "ok").map((c) => [c.id, c.status]);
const findings = (checks: ReturnType<typeof run>, id: CheckId) => checks.find((c) => c.id === id)!.findings;

describe("consistency checks", () => {
  it("a clean decision passes every check (equal amounts written differently count as equal)", () => {
    const checks = run();
    expect(failing(checks)).toEqual([]);
    expect(approvable(checks)).toBe(true);
    expect(checks).toHaveLength(11);
  });

  it("a missing score or motivation fails, naming module, target group and criterion", () => {
    const checks = run((x) => {
      x.decision.plans[0]!.scores[1]!.motivation = " ";
      x.decision.plans[0]!.scores = x.decision.plans[0]!.scores.filter((s) => s.criterion !== "resultaat");
    });
    expect(failing(checks)).toEqual([["scoresComplete", "fout"]]);
    expect(findings(checks, "scoresComplete")).toEqual([
      "Module complexe zorg V&V, Jonge mensen met dementie, Plan van aanpak: geen motivering.",
      "Module complexe zorg V&V, Jonge mensen met dementie, Meetbare resultaten: geen score.",
    ]);
    expect(approvable(checks)).toBe(false);
  });

  it("a score off the scale, and one below the maximum without what was missing", () => {
    const checks = run((x) => {
      x.decision.plans[0]!.scores[1]!.score = "7";
      x.decision.plans[0]!.scores[1]!.individual = ["7"];
      x.decision.plans[0]!.scores[2]!.missing = null;
    });
    expect(failing(checks)).toEqual([
      ["onScale", "fout"],
      ["missingStated", "fout"],
    ]);
  });

  it("a criterion or weight the kader did not announce", () => {
    const checks = run((x) => {
      x.decision.letterCriteria.push({ module: "complexe-zorg", criterion: "innovatie", weight: "1" });
      x.decision.letterCriteria[0]!.weight = "2";
    });
    expect(findings(checks, "announced")).toEqual(["Module complexe zorg V&V, Visie en doelgroepanalyse: weging 2, aangekondigd 1.", "Module complexe zorg V&V: criterium innovatie is niet aangekondigd."]);
  });

  it("a run on another kader's bands, an old version, and letter tariffs that differ from the run by a cent", () => {
    const checks = run((x) => {
      const changed = structuredClone(x.run.kader);
      const m = changed.surcharges.find((s) => s.kind === "points")!;
      if (m.kind === "points" && m.mapping.bands) m.mapping.bands[0]!.percent = "3";
      x.run.kader = changed;
      x.decision.letterLines[0]!.tariff = "250.61";
      x.decision.letterLines.pop();
    }, 8);
    expect(failing(checks)).toEqual([
      ["announced", "fout"],
      ["tariffsEqualRun", "fout"],
      ["currentVersion", "fout"],
    ]);
    expect(findings(checks, "tariffsEqualRun")).toEqual(["5VV: brief 250.61, scoringsronde 250.60.", "5VV (doelgroep jonge-dementie): staat in de scoringsronde maar niet in de brief."]);
  });

  it("too few independent assessors, a conflicted one, or one without a declaration", () => {
    const checks = run((x) => {
      x.decision.plans[0]!.assessors = [
        { name: "Bram Beoordeel", conflictDeclared: true, conflicted: true },
        { name: "Bo Tweede", conflictDeclared: false, conflicted: false },
      ];
    });
    expect(findings(checks, "assessors")).toEqual([
      "Module complexe zorg V&V, Jonge mensen met dementie: Bram Beoordeel heeft een belangenconflict verklaard en heeft toch beoordeeld.",
      "Module complexe zorg V&V, Jonge mensen met dementie: Bo Tweede heeft geen verklaring over belangenconflicten afgelegd.",
      "Module complexe zorg V&V, Jonge mensen met dementie: 0 onafhankelijke beoordelaar(s), vereist 2.",
    ]);
  });

  it("a consensus score unlike every individual score needs a reason", () => {
    const without = run((x) => void (x.decision.plans[0]!.scores[1]!.individual = ["6", "10"]));
    expect(failing(without)).toEqual([["deviations", "fout"]]);
    const withReason = run((x) => {
      x.decision.plans[0]!.scores[1]!.individual = ["6", "10"];
      x.decision.plans[0]!.scores[1]!.deviationReason = "In overleg: het plan is sterker dan elk apart zag.";
    });
    expect(failing(withReason)).toEqual([]);
  });

  it("equal inputs with different tariffs fail; a reused motivation with other scores and rank-order findings only warn", () => {
    const checks = run((x) => {
      x.run.inputsWithoutIdentity = new Map([
        ["A", "same"],
        ["B", "same"],
      ]);
      x.field.push({ provider: "B", module: "complexe-zorg", targetGroup: null, criterion: "aanpak", score: "4", motivation: "motivering  AANPAK" });
      x.run.rankWarnings = ["Zonder aanbieder C zou B in Parkinson een andere plaats krijgen."];
    });
    expect(failing(checks)).toEqual([
      ["equalTreatment", "fout"],
      ["motivationReuse", "waarschuwing"],
      ["rankOrder", "waarschuwing"],
    ]);
    expect(findings(checks, "motivationReuse")).toEqual(["„Motivering aanpak” staat ook bij scores 8, 4 (2 keer in het veld)."]);
  });
});
