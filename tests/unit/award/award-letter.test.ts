// The award letter (templates/award-letter): every number in it is the view model's, which the
// platform builds from the stored run. Here the view model is built from a real engine result of
// the worked example, so the test checks that each line's tariff, percentage and trace step, and
// each criterion's score and motivation, appear in the PDF text as given.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeTariffs, formatEuro, formatPercent, parseDocument, parseInputs, parseKader, type Kader } from "../../../scoring";
import { awardLetterViewModel, buildUpOf } from "../../../app/services/award/letter-view-model";
import { buildUpName } from "../../../templates/award-letter/describe-letter";
import { awardLetterBlocks, awardLetterLines, describeAwardLetter, describeBuildUp, renderAwardLetter, type AwardLetterViewModel } from "../../../templates/award-letter";
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
  const all = computeTariffs(kader.value, inputs.value);
  const result = computeTariffs(kader.value, inputs.value, { provider: "A" });
  const module = kader.value.surcharges.find((s) => s.kind === "points")!;
  if (module.kind !== "points") throw new Error("points");
  const assessments = inputs.value.providers.find((p) => p.id === "A")!.assessments!;
  const sent = new Date("2026-12-01T15:00:00Z");
  const vm = awardLetterViewModel({
    zorgkantoor: "Zorgkantoor Demo",
    kader: kader.value,
    kaderVersion: { number: 1, contentHash: "a".repeat(64) },
    tariffs: inputs.value.tariffs,
    provider: { name: "Zorggroep A", agb: "A" },
    reference: `${kader.value.id}/A/1`,
    state: "verzonden",
    date: sent,
    decision: { contracted: true },
    lines: result.lines,
    modules: result.modules,
    yearlyAmount: result.budget?.byProvider[0]?.total ?? null,
    fieldModules: all.modules,
    fieldBest: [],
    scores: assessments.flatMap((assessed) =>
      module.criteria.map((c) => ({
        module: module.id,
        targetGroup: assessed.targetGroup ?? null,
        criterion: c.id,
        score: String(assessed.scores[c.id]),
        motivation: `Motivering bij ${c.label} (${assessed.targetGroup!.replace("-", " ")}).`,
        missing: String(assessed.scores[c.id]) === "10" ? null : `Voor ${c.label} ontbrak een meetbaar doel (${assessed.targetGroup!.replace("-", " ")}).`,
      })),
    ),
    run: { number: 1, resultSha256: "b".repeat(64), inputsSha256: "c".repeat(64), engineVersion: "1.0.0" },
    standstill: standstillFrom(sent),
    approval: { jurist: "Julia Jurist", at: new Date("2026-11-30T10:00:00Z") },
    replaces: null,
  });
  return { kader: kader.value, vm };
}

const flat = (s: string) => s.replace(/\s+/g, " ");

describe("the award letter", () => {
  it("shows every tariff, percentage and build-up of the run, and every score with its motivation", async () => {
    const { vm } = example();
    const text = flat(pdfText(await renderAwardLetter(vm, { creationDate: FIXED_CREATION_DATE, compress: false })));
    expect(vm.tariffs.length).toBeGreaterThan(1);
    // Each line names its build-up; each build-up is written out once, under its name, in the words of the trace.
    const d = describeAwardLetter(vm);
    const names = new Map(d.buildUps.map((b) => [b.value, b.label]));
    expect(names.size).toBe(new Set(vm.tariffs.map((l) => describeBuildUp(l.buildUp))).size);
    vm.tariffs.forEach((line, i) => {
      const name = names.get(describeBuildUp(line.buildUp))!;
      expect(d.tariffRows[i]!.buildUp).toBe(name);
      expect(text).toContain(`${name} ${formatPercent(line.percent)} ${formatEuro(line.tariff)}`);
      expect(text).toContain(`${name} ${describeBuildUp(line.buildUp)}`);
    });
    expect(vm.modules).toHaveLength(2);
    for (const m of vm.modules)
      for (const c of m.criteria) {
        expect(text).toContain(c.motivation);
        if (c.missing) expect(text).toContain(c.missing);
      }
    // 5VV for the target group: every part of the percentage as the trace recorded it.
    const own = names.get("94 % basistarief + 2 % Standaard opslag bij ingediend plan + 4 % Module complexe zorg V&V")!;
    expect(own).toMatch(/^Opbouw [A-Z]$/);
    expect(text).toContain(`5VV (ZZP 5 VV) Jonge mensen met dementie ${own} 100 % € 260,00`);
    expect(text).toContain(`${own} 94 % basistarief + 2 % Standaard opslag bij ingediend plan + 4 % Module complexe zorg V&V`);
    expect(text).toContain("tot en met 21-12-2026 (24:00 uur, Nederlandse tijd)");
    expect(text).toContain("juridisch getoetst door Julia Jurist");
    // The module's points out of the kader's maximum (4 criteria × weight 1 × 10), absolute: no rank.
    expect(text).toContain("Uw punten: 30 van de 40");
    expect(text).toContain("Uw punten: 18 van de 40 (som van weging × score). Geen opslag: de punten liggen onder de drempel van de module.");
    expect(text).toContain("c".repeat(32));
    expect(vm.modules[0]!.rank).toBeNull();
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

describe("the letter on a page", () => {
  it("marks the letter's title, its sections and its modules as headings, with the same words in the same order as the lines", () => {
    const { vm } = example();
    const blocks = awardLetterBlocks(vm);
    const d = describeAwardLetter(vm);
    expect(blocks.map((b) => b.text)).toEqual(awardLetterLines(vm));
    expect(blocks.filter((b) => b.kind === "title").map((b) => b.text)).toEqual([d.title]);
    expect(blocks.filter((b) => b.kind === "section").map((b) => b.text)).toEqual([d.decisionTitle, d.tariffsTitle, d.buildUpsTitle, d.assessmentTitle, d.objectionTitle, d.verificationTitle]);
    expect(blocks.filter((b) => b.kind === "module").map((b) => b.text)).toEqual(d.modules.map((m) => m.heading));
    expect(d.modules.length).toBeGreaterThan(0);
  });
});

describe("the letter's view model under relative scoring", () => {
  it("gives the place among the field's stored points (ties share a place) and the run's field best", () => {
    const { kader, vm } = example();
    const relative = structuredClone(kader);
    const m = relative.surcharges.find((s) => s.kind === "points")!;
    if (m.kind !== "points") throw new Error("points");
    m.mapping = { ...m.mapping, basis: "relative" };
    const own = { provider: "A", module: m.id, targetGroup: "jonge-dementie", points: "30", input: "88.2353", percent: "4", knockout: null } as const;
    const model = awardLetterViewModel({
      zorgkantoor: vm.zorgkantoor,
      kader: relative,
      kaderVersion: { number: 1, contentHash: vm.kader.contentHash },
      tariffs: [],
      provider: vm.provider,
      reference: vm.reference,
      state: "concept",
      date: vm.date,
      decision: { contracted: true },
      lines: [],
      modules: [own],
      yearlyAmount: null,
      fieldModules: [own, { ...own, provider: "B", points: "34" }, { ...own, provider: "C", points: "30" }, { ...own, provider: "D", targetGroup: "parkinson", points: "40" }],
      fieldBest: [{ module: m.id, targetGroup: "jonge-dementie", points: "34" }],
      scores: m.criteria.map((c) => ({ module: m.id, targetGroup: "jonge-dementie", criterion: c.id, score: "8", motivation: "M", missing: "O" })),
      run: vm.run,
      standstill: null,
      approval: null,
      replaces: null,
    });
    expect(model.modules[0]).toMatchObject({ rank: { position: 2, of: 3 }, fieldBest: "34", basis: "relative", targetGroup: "Jonge mensen met dementie" });
    expect(awardLetterLines(model).join("\n")).toContain("Uw plaats in de rangorde: 2 van 3.");
  });
});

describe("a line's build-up from its stored trace", () => {
  it("names the previous-year rule when it changed the percentage, and the cap when it applied", () => {
    const read = (name: string) => {
      const doc = parseDocument(fs.readFileSync(path.join(EXAMPLES, name), "utf8"));
      if (!doc.ok) throw new Error(name);
      return doc.value;
    };
    const kader = parseKader(read("demo-kader.yaml"));
    if (!kader.ok) throw new Error("kader");
    const inputs = parseInputs(read("demo-inputs.yaml"), kader.value);
    if (!inputs.ok) throw new Error("inputs");
    const b4 = computeTariffs(kader.value, inputs.value, { provider: "B" }).lines.find((l) => l.prestatie === "4VV" && l.targetGroup === null)!;
    expect(b4).toMatchObject({ percent: "95", tariff: "172.15" });
    expect(describeBuildUp(buildUpOf(b4.trace))).toBe("94 % basistarief + 2 % Standaard opslag bij ingediend plan; vorig-jaarregel (plafond): regulier 96 % wordt 95 %");
    const capped = structuredClone(kader.value);
    capped.maxPercent = "99";
    const a5 = computeTariffs(capped, inputs.value, { provider: "A" }).lines.find((l) => l.prestatie === "5VV" && l.targetGroup === "jonge-dementie")!;
    expect(describeBuildUp(buildUpOf(a5.trace))).toBe("94 % basistarief + 2 % Standaard opslag bij ingediend plan + 4 % Module complexe zorg V&V; 100 % begrensd op 99 %");
  });
});

describe("build-up names", () => {
  it("run A to Z, then AA, AB, …", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(buildUpName)).toEqual(["Opbouw A", "Opbouw B", "Opbouw Z", "Opbouw AA", "Opbouw AB", "Opbouw AZ", "Opbouw BA"]);
  });
});
