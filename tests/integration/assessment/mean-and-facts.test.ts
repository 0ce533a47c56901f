// decides: mean (the platform computes each criterion's final score when the last assessor
// submits, halfway up, with the computation in the motivation) and the established facts
// (zorgkantoor facts set with a note, declarations accepted or corrected with a reason; the
// provider sees both).
import { afterEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { declareConflicts, planPage, saveScores, setConsensus, submitScores } from "../../../app/services/assessment/assessor.server";
import { assessmentCompleteness } from "../../../app/services/assessment/completeness.server";
import { factChecksForProvider, factsPage, setFact } from "../../../app/services/assessment/facts.server";
import { assignAssessor } from "../../../app/services/assessment/setup.server";
import { loadTenderProviders } from "../../../app/services/tender/inputs.server";
import type { Db } from "../../../db/client.server";
import type { Kader } from "../../../scoring";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, loadKader, rowCounts } from "../kaders/fixtures";
import { form, OPENED, openedKader, scoreForm, SLUG, type AssessmentWorld } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let w: AssessmentWorld;
const at = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);
afterEach(() => t.close());

async function world(assessment?: { assessors: number; decides: "consensus" | "mean" }) {
  t = createTestDb();
  db = t.db;
  w = await openedKader(db, assessment ? { assessment } : {});
}

function ready(assessors: SessionUser[]) {
  for (const a of assessors) {
    const r = assignAssessor(
      w.demo.inkoper,
      SLUG,
      {
        moduleId: "complexe-zorg",
        targetGroupId: "parkinson",
        assessorUserId: a.id,
      },
      at(1),
      db
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const d = declareConflicts(a, SLUG, form({ [`belang.${w.linde}`]: "nee", [`belang.${w.baken}`]: "nee" }), at(2), db);
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
  }
}
const plan = () => ({
  providerId: w.baken,
  moduleId: "complexe-zorg",
  targetGroupId: "parkinson",
});
function scoreAndSubmit(
  a: SessionUser,
  scores: {
    visie: string;
    aanpak: string;
    expertise: string;
    resultaat: string;
  },
  minute: number
) {
  expect(saveScores(a, SLUG, plan(), scoreForm(scores), { complete: true }, at(minute), db)).toEqual({ ok: true });
  const r = submitScores(a, SLUG, plan(), at(minute + 1), db);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe("decides: mean", () => {
  it("sets the final scores when the last assessor submits: the mean rounded to the scale, halfway up, and shows how", async () => {
    await world({ assessors: 2, decides: "mean" });
    ready([w.demo.beoordelaar, w.beoordelaar2]);
    expect(scoreAndSubmit(w.demo.beoordelaar, { visie: "6", aanpak: "4", expertise: "10", resultaat: "0" }, 3)).toEqual({ ok: true, finalSet: false });
    expect(assessmentCompleteness(db, loadKader(db, SLUG).id).unassessed.some((p) => p.providerId === w.baken)).toBe(true);
    expect(scoreAndSubmit(w.beoordelaar2, { visie: "8", aanpak: "4", expertise: "6", resultaat: "2" }, 5)).toEqual({ ok: true, finalSet: true });

    const page = planPage(w.beoordelaar2, SLUG, plan(), at(7), db);
    if (!page.ok) throw new Error("refused");
    // 6 and 8 → 7, halfway: 8. 4 and 4 → 4. 10 and 6 → 8. 0 and 2 → 1, halfway: 2.
    expect(page.page.final.map((f) => [f.criterionId, f.score, f.method])).toEqual([
      ["visie", "8", "mean"],
      ["aanpak", "4", "mean"],
      ["expertise", "8", "mean"],
      ["resultaat", "2", "mean"],
    ]);
    expect(page.page.final[0]!.motivation).toMatch(
      /^Gemiddelde van 8 en 6: 14 \/ 2 = 7; dat ligt precies halverwege 6 en 8 op de schaal, dus naar boven: score 8\.\n\nBeoordelaar 1: Motivering visie/
    );
    expect(page.page.mean!.map((m) => [m.criterionId, m.trace.halfway])).toEqual([
      ["visie", true],
      ["aanpak", false],
      ["expertise", false],
      ["resultaat", true],
    ]);
    expect(page.page.canSetConsensus).toBe(false);
    // One audit event for the submission that also set the final scores.
    expect(auditActions(db, "assessment.scores_submitted").map((r) => JSON.parse(r.payload).finalScores?.method ?? null)).toEqual([null, "mean"]);
    // Consensus is not how this kader decides.
    expect(setConsensus(w.demo.inkoper, SLUG, plan(), scoreForm({ visie: "8", aanpak: "4", expertise: "8", resultaat: "2" }), at(8), db)).toMatchObject({
      ok: false,
      status: 409,
    });
    const kader = db.$client.prepare("SELECT content FROM kader_versions ORDER BY number DESC LIMIT 1").get() as { content: string };
    const [baken] = loadTenderProviders(db, loadKader(db, SLUG), JSON.parse(kader.content) as Kader, { withSubmissions: true, providerIds: [w.baken] });
    expect(baken!.assessments[0]!.scores).toEqual({
      visie: "8",
      aanpak: "4",
      expertise: "8",
      resultaat: "2",
    });
  });

  it("waits for the kader's number of assessors", async () => {
    await world({ assessors: 3, decides: "mean" });
    ready([w.demo.beoordelaar, w.beoordelaar2]);
    scoreAndSubmit(w.demo.beoordelaar, { visie: "6", aanpak: "4", expertise: "10", resultaat: "0" }, 3);
    expect(scoreAndSubmit(w.beoordelaar2, { visie: "8", aanpak: "4", expertise: "6", resultaat: "2" }, 5)).toEqual({ ok: true, finalSet: false });
    ready([w.beoordelaar3]);
    // visie 6, 8, 6 → 6.67: nearest 6; expertise 10, 6, 6 → 7.33: nearest 8.
    expect(scoreAndSubmit(w.beoordelaar3, { visie: "6", aanpak: "4", expertise: "6", resultaat: "2" }, 7)).toEqual({ ok: true, finalSet: true });
    const page = planPage(w.demo.inkoper, SLUG, plan(), at(9), db);
    expect(page.ok && page.page.final.map((f) => f.score)).toEqual(["6", "4", "8", "2"]);
    expect(page.ok && page.page.final[0]!.motivation).toContain("20 / 3 = ≈ 6,6667; de dichtstbijzijnde waarde op de schaal is 6.");
  });
});

describe("established facts", () => {
  it("sets zorgkantoor facts with a note, accepts or corrects declarations with a reason, and shows the provider both", async () => {
    await world();
    const inkoper = w.demo.inkoper;
    const page = factsPage(inkoper, SLUG, at(1), db);
    if (!page.ok || !page.page.opened) throw new Error("no page");
    expect(page.page.providers.map((p) => [p.name, p.facts.map((f) => [f.fact.id, f.fact.source, f.declared ?? null])])).toEqual([
      [
        "Stichting Het Baken",
        [
          ["planIngediend", "zorgkantoor", null],
          ["wzd", "aanbieder", false],
        ],
      ],
      [
        "Zorggroep De Linde",
        [
          ["planIngediend", "zorgkantoor", null],
          ["wzd", "aanbieder", true],
        ],
      ],
    ]);

    const before = rowCounts(db);
    expect(setFact(inkoper, SLUG, w.linde, "planIngediend", form({ besluit: "vaststellen", waarde: "ja" }), at(2), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        toelichting: "Schrijf een toelichting: waarop berust deze vaststelling?",
      },
    });
    expect(setFact(inkoper, SLUG, w.linde, "planIngediend", form({ besluit: "vaststellen", waarde: "misschien", toelichting: "x" }), at(2), db)).toMatchObject({
      ok: false,
      errors: { waarde: "Kies ja of nee." },
    });
    expect(setFact(inkoper, SLUG, w.linde, "wzd", form({ besluit: "corrigeren", waarde: "nee" }), at(2), db)).toMatchObject({
      ok: false,
      errors: {
        toelichting: "Geef de reden van de correctie; de aanbieder ziet haar.",
      },
    });
    expect(setFact(inkoper, SLUG, w.linde, "wzd", form({ besluit: "corrigeren", waarde: "ja", toelichting: "x" }), at(2), db)).toMatchObject({
      ok: false,
      errors: { waarde: expect.stringContaining("accepteren") },
    });
    expect(setFact(w.demo.beoordelaar, SLUG, w.linde, "wzd", form({ besluit: "accepteren" }), at(2), db)).toMatchObject({ ok: false, status: 403 });
    expect(setFact(inkoper, SLUG, w.linde, "onbekend", form({ besluit: "accepteren" }), at(2), db)).toMatchObject({ ok: false, status: 404 });
    expect(rowCounts(db)).toEqual(before);

    expect(
      setFact(
        inkoper,
        SLUG,
        w.linde,
        "planIngediend",
        form({
          besluit: "vaststellen",
          waarde: "ja",
          toelichting: "Plan ontvangen op 3 maart.",
        }),
        at(3),
        db
      )
    ).toMatchObject({ ok: true });
    expect(setFact(inkoper, SLUG, w.baken, "wzd", form({ besluit: "accepteren" }), at(4), db)).toMatchObject({ ok: true });
    expect(
      setFact(
        inkoper,
        SLUG,
        w.linde,
        "wzd",
        form({
          besluit: "corrigeren",
          waarde: "nee",
          toelichting: "Niet gevonden in het Wzd-register.",
        }),
        at(5),
        db
      )
    ).toMatchObject({ ok: true });
    expect(["assessment.fact_established", "assessment.fact_accepted", "assessment.fact_corrected"].map((a) => auditActions(db, a).length)).toEqual([1, 1, 1]);
    expect(auditActions(db, "assessment.fact_corrected")[0]!.payload).not.toContain("Wzd-register");

    // The provider's view: its declaration beside the zorgkantoor's value.
    expect(factChecksForProvider(db, loadKader(db, SLUG).id, w.linde).map((c) => [c.label, c.kind, c.declared, c.value, c.note])).toEqual([
      ["Plan ingediend", "established", null, "ja", "Plan ontvangen op 3 maart."],
      ["Registratie Wzd", "corrected", "ja", "nee", "Niet gevonden in het Wzd-register."],
    ]);
    // The engine receives the corrected value.
    const kader = db.$client.prepare("SELECT content FROM kader_versions ORDER BY number DESC LIMIT 1").get() as { content: string };
    const [linde] = loadTenderProviders(db, loadKader(db, SLUG), JSON.parse(kader.content) as Kader, { withSubmissions: true, providerIds: [w.linde] });
    expect(linde!.facts.map((f) => [f.fact.id, f.value])).toEqual([
      ["planIngediend", true],
      ["wzd", false],
    ]);
  });

  it("waits for the opening", async () => {
    t = createTestDb();
    db = t.db;
    w = await openedKader(db, { open: false });
    expect(factsPage(w.demo.inkoper, SLUG, at(1), db)).toEqual({
      ok: true,
      page: { opened: false },
    });
    expect(setFact(w.demo.inkoper, SLUG, w.linde, "wzd", form({ besluit: "accepteren" }), at(1), db)).toMatchObject({ ok: false, status: 409 });
  });
});
