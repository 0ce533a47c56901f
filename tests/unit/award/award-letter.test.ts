// The award letter (templates/award-letter): every number in it is the view model's, which the
// platform builds from the stored run. Here the view model is built from a real engine result of
// the worked example, so the test checks that each line's tariff, percentage and trace step, and
// each criterion's score and motivation, appear in the PDF text as given.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeTariffs, formatEuro, formatPercent, parseDocument, parseInputs, parseKader, renderTraceStep, type Kader } from "../../../scoring";
import { awardLetterLines, renderAwardLetter, type AwardLetterViewModel } from "../../../templates/award-letter";
import { standstillFrom } from "../../../app/lib/standstill";
import { FIXED_CREATION_DATE, pdfText } from "../templates/helpers";

const EXAMPLES = path.resolve(__dirname, "../../../../shared/examples");

function example(): { kader: Kader; vm: AwardLetterViewModel } {
  const read = (name: string) => {
    const doc = parseDocument(fs.readFileSync(path.join(EXAMPLES, name), "utf8"));
    if (!doc.ok) throw new Error(name);
    return doc.value;
  };
  const kader = parseKader(read("demo-kader.yaml"));
  if (!kader.ok) throw new Error("kader");
  const inputs = parseInputs(read("demo-inputs.yaml"), kader.value);
  if (!inputs.ok) throw new Error("inputs");
  const result = computeTariffs(kader.value, inputs.value, { provider: "A" });
  const module = kader.value.surcharges.find((s) => s.kind === "points")!;
  if (module.kind !== "points") throw new Error("points");
  const assessed = inputs.value.providers.find((p) => p.id === "A")!.assessments![0]!;
  const moduleResult = result.modules.find((m) => m.provider === "A")!;
  const groupLabel = (id: string | null) => module.targetGroups?.find((g) => g.id === id)?.label ?? null;
  const sent = new Date("2026-12-01T15:00:00Z");
  const vm: AwardLetterViewModel = {
    zorgkantoor: "Zorgkantoor Demo",
    kader: { title: kader.value.title, slug: kader.value.id, year: kader.value.year, version: 1, contentHash: "a".repeat(64) },
    provider: { name: "Zorggroep A", agb: "A" },
    reference: `${kader.value.id}/A/1`,
    state: "verzonden",
    date: sent,
    decision: { contracted: true },
    tariffs: result.lines.map((l) => ({
      prestatie: l.prestatie,
      label: inputs.value.tariffs.find((t) => t.code === l.prestatie)?.label ?? null,
      targetGroup: groupLabel(l.targetGroup),
      percent: l.percent,
      tariff: l.tariff,
      steps: l.trace.map((s) => ({ text: renderTraceStep(s), ref: "ref" in s && s.ref ? s.ref : null })),
    })),
    yearlyAmount: result.budget?.byProvider[0]?.total ?? null,
    modules: [
      {
        label: module.label,
        ref: module.ref ?? null,
        targetGroup: groupLabel(moduleResult.targetGroup),
        basis: module.mapping.basis,
        points: moduleResult.points,
        maxPoints: "40",
        percent: moduleResult.percent,
        knockout: null,
        rank: null,
        fieldBest: null,
        criteria: module.criteria.map((c) => ({
          label: c.label,
          weight: String(c.weight),
          score: String(assessed.scores[c.id]),
          maxScore: "10",
          motivation: `Motivering bij ${c.label}.`,
          missing: String(assessed.scores[c.id]) === "10" ? null : `Voor ${c.label} ontbrak een meetbaar doel.`,
        })),
      },
    ],
    run: { number: 1, resultSha256: "b".repeat(64), inputsSha256: "c".repeat(64), engineVersion: "1.0.0" },
    standstill: standstillFrom(sent),
    approval: { jurist: "Julia Jurist", at: new Date("2026-11-30T10:00:00Z") },
    replaces: null,
  };
  return { kader: kader.value, vm };
}

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("the award letter", () => {
  it("shows every tariff, percentage and trace step of the run, and every score with its motivation", async () => {
    const { vm } = example();
    const text = flat(pdfText(await renderAwardLetter(vm, { creationDate: FIXED_CREATION_DATE, compress: false })));
    expect(vm.tariffs.length).toBeGreaterThan(1);
    for (const line of vm.tariffs) {
      expect(text).toContain(formatEuro(line.tariff));
      expect(text).toContain(formatPercent(line.percent));
      for (const step of line.steps) expect(text).toContain(flat(step.text));
    }
    for (const c of vm.modules[0]!.criteria) {
      expect(text).toContain(c.motivation);
      if (c.missing) expect(text).toContain(c.missing);
    }
    expect(text).toContain("5VV (ZZP 5 VV), doelgroep Jonge mensen met dementie: € 260,00");
    expect(text).toContain("tot en met 21-12-2026 23:59");
    expect(text).toContain("juridisch getoetst door Julia Jurist");
    expect(text).not.toContain("CONCEPT");
    if (process.env.AWARD_LETTER_OUT) fs.writeFileSync(process.env.AWARD_LETTER_OUT, await renderAwardLetter(vm));
  });

  it("a concept says it is one, has no objection deadline yet and cannot go out unapproved", async () => {
    const { vm } = example();
    const concept = { ...vm, state: "concept" as const, standstill: null, approval: null };
    const text = flat(pdfText(await renderAwardLetter(concept, { creationDate: FIXED_CREATION_DATE, compress: false })));
    expect(text).toContain("CONCEPT – niet verzonden");
    expect(text).toContain("begint pas als het besluit is verzonden");
    expect(text).toContain("nog niet juridisch getoetst");
    expect(text).not.toContain("tot en met");
  });

  it("a refusal states its reason; a corrected decision names the one it replaces", () => {
    const { vm } = example();
    const lines = awardLetterLines({ ...vm, decision: { contracted: false, reason: "De minimumscore op Plan van aanpak is niet gehaald." }, replaces: { reference: "x/A/1", reason: "Bezwaar deels gegrond." } });
    expect(lines).toContain("Zorgkantoor Demo is voornemens geen overeenkomst met u te sluiten. Reden: De minimumscore op Plan van aanpak is niet gehaald.");
    expect(lines.join("\n")).toContain("Dit besluit vervangt het besluit met kenmerk x/A/1. Reden: Bezwaar deels gegrond.");
  });
});
