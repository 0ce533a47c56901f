// The assessment workflow (issue 11) on a temporary database: the set-up after the opening,
// conflict declarations before any plan, independent scoring with drafts and a submission that
// fixes the scores, consensus with its deviation reason, every refusal leaving nothing behind.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { declareConflicts, planPage, saveScores, setConsensus, submitScores } from "../../../app/services/assessment/assessor.server";
import { assessmentCompleteness } from "../../../app/services/assessment/completeness.server";
import { NO_GROUP } from "../../../app/services/assessment/plans.server";
import { assignAssessor, setupOverview, unassignAssessor } from "../../../app/services/assessment/setup.server";
import { readAttachment } from "../../../app/services/submissions/attachments.server";
import { assessorMayRead } from "../../../app/services/assessment/gate.server";
import { openingRecordViewModel } from "../../../app/services/submissions/opening-record.server";
import { submissionDetail, submissionsOverview } from "../../../app/services/submissions/staff.server";
import { readSubmission } from "../../../app/services/submissions/submissions.server";
import { loadTenderProviders } from "../../../app/services/tender/inputs.server";
import type { Db } from "../../../db/client.server";
import type { Kader } from "../../../scoring";
import { createTestDb } from "../../helpers/test-db";
import { addUser, auditActions, auditRows, loadKader, rowCounts } from "../kaders/fixtures";
import { CANARY, form, NOW, OPENED, openedKader, scoreForm, SLUG, type AssessmentWorld } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let w: AssessmentWorld;
let b1: SessionUser;

const PARKINSON = { moduleId: "complexe-zorg", targetGroupId: "parkinson" };
const DEMENTIE = { moduleId: "complexe-zorg", targetGroupId: "jonge-dementie" };
const at = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  w = await openedKader(db);
  b1 = w.demo.beoordelaar;
});
afterEach(() => t.close());

function assign(assessor: SessionUser, group = PARKINSON) {
  const r = assignAssessor(w.demo.inkoper, SLUG, { ...group, assessorUserId: assessor.id }, at(1), db);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}
function declare(assessor: SessionUser, conflicts: { linde?: string; baken?: string } = {}) {
  const values: Record<string, string> = {};
  for (const [name, id] of [
    ["linde", w.linde],
    ["baken", w.baken],
  ] as const) {
    values[`belang.${id}`] = conflicts[name] ? "ja" : "nee";
    if (conflicts[name]) values[`reden.${id}`] = conflicts[name]!;
  }
  const r = declareConflicts(assessor, SLUG, form(values), at(2), db);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}
const bakenPlan = () => ({ providerId: w.baken, ...PARKINSON });
const lindeParkinson = () => ({ providerId: w.linde, ...PARKINSON });
const SCORES_A = {
  visie: "8",
  aanpak: "6",
  expertise: "10",
  resultaat: "4",
} as const;
const SCORES_B = {
  visie: "6",
  aanpak: "6",
  expertise: "8",
  resultaat: "4",
} as const;

function submitAll(
  assessor: SessionUser,
  ref: ReturnType<typeof bakenPlan>,
  scores: Record<typeof import("./fixtures").CRITERIA[number], string>,
  minute: number
) {
  const saved = saveScores(assessor, SLUG, ref, scoreForm(scores), { complete: true }, at(minute), db);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const submitted = submitScores(assessor, SLUG, ref, at(minute + 1), db);
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
  return submitted;
}

describe("set-up", () => {
  it("exists only after the opening, for an inkoper of the zorgkantoor", async () => {
    const t2 = createTestDb();
    try {
      const closed = await openedKader(t2.db, { open: false });
      expect(setupOverview(closed.demo.inkoper, SLUG, OPENED, t2.db)).toEqual({
        ok: true,
        overview: { opened: false },
      });
      expect(assignAssessor(closed.demo.inkoper, SLUG, { ...PARKINSON, assessorUserId: closed.demo.beoordelaar.id }, OPENED, t2.db)).toMatchObject({
        ok: false,
        status: 409,
      });
    } finally {
      t2.close();
    }
    expect(setupOverview(b1, SLUG, OPENED, db)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(setupOverview(w.demo.aanbieder, SLUG, OPENED, db)).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("assigns beoordelaars per module and target group and shows per plan its assessors against the kader's number", () => {
    assign(b1);
    const o = setupOverview(w.demo.inkoper, SLUG, at(2), db);
    if (!o.ok || !o.overview.opened) throw new Error("no overview");
    expect(o.overview.method).toEqual({ assessors: 2, decides: "consensus" });
    // Only target groups with plans: jonge-dementie (De Linde) and parkinson (both).
    expect(o.overview.groups.map((g) => [g.targetGroupId, g.plans.map((p) => p.providerName)])).toEqual([
      ["jonge-dementie", ["Zorggroep De Linde"]],
      ["parkinson", ["Stichting Het Baken", "Zorggroep De Linde"]],
    ]);
    const parkinson = o.overview.groups[1]!;
    expect(parkinson.assessors.map((a) => a.name)).toEqual(["Bram Beoordeel"]);
    expect(parkinson.plans.map((p) => [p.assessors.length, p.required, p.short, p.status])).toEqual([
      [1, 2, true, "niet_gestart"],
      [1, 2, true, "niet_gestart"],
    ]);
    expect(parkinson.candidates.map((c) => c.name)).toEqual(["Bo Tweede", "derde-beoordelaar"]);
    expect(auditActions(db, "assessment.assessor_assigned")).toHaveLength(1);
  });

  it("refuses a non-beoordelaar, a double assignment, a group without plans and a non-inkoper, storing nothing", () => {
    assign(b1);
    const before = rowCounts(db);
    expect(assignAssessor(w.demo.inkoper, SLUG, { ...PARKINSON, assessorUserId: w.jurist.id }, at(1), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: { assessorUserId: "Kies een beoordelaar van uw zorgkantoor." },
    });
    expect(assignAssessor(w.demo.inkoper, SLUG, { ...PARKINSON, assessorUserId: b1.id }, at(1), db)).toMatchObject({ ok: false, status: 409 });
    expect(
      assignAssessor(
        w.demo.inkoper,
        SLUG,
        {
          moduleId: "complexe-zorg",
          targetGroupId: NO_GROUP,
          assessorUserId: b1.id,
        },
        at(1),
        db
      )
    ).toMatchObject({ ok: false, status: 400 });
    expect(assignAssessor(b1, SLUG, { ...PARKINSON, assessorUserId: w.beoordelaar2.id }, at(1), db)).toMatchObject({ ok: false, status: 403 });
    expect(rowCounts(db)).toEqual(before);
  });

  it("withdraws an assignment only while the assessor has not scored there", () => {
    assign(b1);
    declare(b1);
    expect(saveScores(b1, SLUG, bakenPlan(), form({ "score.visie": "8" }), { complete: false }, at(3), db)).toEqual({ ok: true });
    expect(unassignAssessor(w.demo.inkoper, SLUG, { ...PARKINSON, assessorUserId: b1.id }, at(4), db)).toMatchObject({ ok: false, status: 409 });
    assign(w.beoordelaar2);
    expect(unassignAssessor(w.demo.inkoper, SLUG, { ...PARKINSON, assessorUserId: w.beoordelaar2.id }, at(4), db)).toMatchObject({ ok: true });
    expect(auditActions(db, "assessment.assessor_unassigned")).toHaveLength(1);
  });
});

describe("conflict declarations", () => {
  it("come before any plan: until declared, no plan is shown", () => {
    assign(b1);
    expect(planPage(b1, SLUG, bakenPlan(), at(2), db)).toMatchObject({
      ok: false,
      status: 403,
      code: "declare",
    });
    declare(b1);
    expect(planPage(b1, SLUG, bakenPlan(), at(3), db)).toMatchObject({
      ok: true,
      page: { role: "assessor", plan: { providerName: "Stichting Het Baken" } },
    });
  });

  it("come before anything of a provider's inschrijving: the opened submissions, their attachments and the proces-verbaal", () => {
    // Not assigned and not declared: the opening lets a beoordelaar in, the declaration does not yet.
    const nothing = () => {
      for (const provider of [w.linde, w.baken]) expect(readSubmission(b1, SLUG, provider, 1, db, at(2))).toMatchObject({ ok: false, status: 404 });
      expect(readAttachment(b1, SLUG, w.linde, w.attachmentSha, db, at(2))).toMatchObject({ ok: false, status: 404 });
      expect(submissionDetail(b1, SLUG, w.linde, null, at(2), db)).toMatchObject({ ok: false, status: 404 });
    };
    nothing();
    const overview = submissionsOverview(b1, SLUG, at(2), db);
    expect(overview.ok && overview.overview.phase === "opened" && [overview.overview.providers, overview.overview.unconfirmed]).toEqual([[], []]);
    const record = openingRecordViewModel(b1, SLUG, at(2), db);
    for (const text of [JSON.stringify(overview), JSON.stringify(record)]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain("De Linde");
      expect(text).not.toContain("Het Baken");
    }
    // The inkoper and the jurist are not bound by an assessor's declaration.
    expect(readSubmission(w.demo.inkoper, SLUG, w.linde, 1, db, at(2)).ok).toBe(true);
    // Declared: a conflict for De Linde, none for Het Baken. Only Het Baken's inschrijving opens.
    declare(b1, { linde: "Mijn zus is bestuurder van De Linde." });
    expect(readSubmission(b1, SLUG, w.baken, 1, db, at(3)).ok).toBe(true);
    expect(readSubmission(b1, SLUG, w.linde, 1, db, at(3))).toMatchObject({ ok: false, status: 404 });
    expect(readAttachment(b1, SLUG, w.linde, w.attachmentSha, db, at(3))).toMatchObject({ ok: false, status: 404 });
    expect(JSON.stringify(openingRecordViewModel(b1, SLUG, at(3), db))).not.toContain("De Linde");
    // The one decision the reads share.
    expect([w.linde, w.baken].map((p) => assessorMayRead(db, b1, loadKader(db, SLUG).id, p))).toEqual([false, true]);
  });

  it("need a reason for a conflict and an answer for every provider; a refusal stores nothing", () => {
    const before = rowCounts(db);
    const r = declareConflicts(b1, SLUG, form({ [`belang.${w.linde}`]: "ja", [`belang.${w.baken}`]: "nee" }), at(2), db);
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        [`reden.${w.linde}`]: "Geef de reden van het belangenconflict.",
      },
    });
    const partial = declareConflicts(b1, SLUG, form({ [`belang.${w.linde}`]: "nee" }), at(2), db);
    expect(partial).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        [`belang.${w.baken}`]: "Geef aan of u een belang heeft bij deze aanbieder.",
      },
    });
    expect(rowCounts(db)).toEqual(before);
    declare(b1, { linde: "Ik werkte tot vorig jaar bij De Linde." });
    expect(auditActions(db, "assessment.conflicts_declared")).toHaveLength(1);
    // A declaration stands.
    expect(declareConflicts(b1, SLUG, form({ [`belang.${w.linde}`]: "nee" }), at(3), db)).toMatchObject({ ok: false, status: 409 });
    expect(() => db.$client.prepare("UPDATE assessment_conflict_declarations SET conflict = 0").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM assessment_conflict_declarations").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("REPLACE INTO assessment_conflict_declarations SELECT * FROM assessment_conflict_declarations").run()).toThrow(
      /append-only/
    );
  });

  it("keep a conflicted assessor from the provider's plans everywhere, and leave the plan short of assessors", () => {
    assign(b1);
    assign(w.beoordelaar2);
    declare(b1, { linde: "Familie werkt bij De Linde." });
    expect(planPage(b1, SLUG, lindeParkinson(), at(3), db)).toMatchObject({
      ok: false,
      status: 403,
      code: "conflict",
    });
    expect(saveScores(b1, SLUG, lindeParkinson(), form({ "score.visie": "8" }), { complete: false }, at(3), db)).toMatchObject({ ok: false, status: 403 });
    // The opened inschrijving and its attachment are gone for this assessor, not for the other one.
    expect(readSubmission(b1, SLUG, w.linde, 1, db, at(3))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(readAttachment(b1, SLUG, w.linde, w.attachmentSha, db, at(3))).toMatchObject({ ok: false, status: 404 });
    declare(w.beoordelaar2);
    expect(readSubmission(w.beoordelaar2, SLUG, w.linde, 1, db, at(3)).ok).toBe(true);
    const overview = submissionsOverview(b1, SLUG, at(3), db);
    expect(overview.ok && overview.overview.phase === "opened" && overview.overview.providers.map((p) => p.provider.name)).toEqual(["Stichting Het Baken"]);
    expect(JSON.stringify(overview)).not.toContain(CANARY);

    const o = setupOverview(w.demo.inkoper, SLUG, at(3), db);
    if (!o.ok || !o.overview.opened) throw new Error("no overview");
    const linde = o.overview.groups.find((g) => g.targetGroupId === "parkinson")!.plans.find((p) => p.providerId === w.linde)!;
    expect([linde.assessors.map((a) => a.name), linde.conflicted.map((a) => a.name), linde.short]).toEqual([["Bo Tweede"], ["Bram Beoordeel"], true]);
    // Jonge dementie has De Linde's plan only: assigning b1 there is refused with the reason.
    expect(assignAssessor(w.demo.inkoper, SLUG, { ...DEMENTIE, assessorUserId: b1.id }, at(4), db)).toMatchObject({
      ok: false,
      status: 409,
      errors: {
        assessorUserId: "Bram Beoordeel heeft een belangenconflict gemeld bij Zorggroep De Linde: er blijft geen plan over om te beoordelen.",
      },
    });
  });
});

describe("independent scoring", () => {
  beforeEach(() => {
    assign(b1);
    assign(w.beoordelaar2);
    declare(b1);
    declare(w.beoordelaar2);
  });

  it("shows the plan text and attachments beside the form, and no other assessor's scores until one's own are submitted", () => {
    const page = planPage(b1, SLUG, lindeParkinson(), at(3), db);
    if (!page.ok) throw new Error("refused");
    expect(page.page.text.answers.map((a) => a.label)).toEqual([
      "Visie en doelgroepanalyse",
      "Plan van aanpak",
      "Expertise en personeel",
      "Meetbare resultaten",
    ]);
    expect(page.page.text).toMatchObject({
      capacity: 4,
      context: "Context linde parkinson",
      attachments: [{ sha256: w.attachmentSha, name: "zorgplan.pdf" }],
    });

    expect(saveScores(b1, SLUG, bakenPlan(), scoreForm(SCORES_A), { complete: false }, at(3), db)).toEqual({ ok: true });
    // b2 sees nothing of b1's draft.
    const b2view = planPage(w.beoordelaar2, SLUG, bakenPlan(), at(4), db);
    expect(b2view.ok && b2view.page.individual).toBeNull();
    expect(JSON.stringify(b2view)).not.toContain("Motivering visie");
    // b1 submits; b1 now may see others' submitted scores, but b2 has none yet (drafts never show).
    expect(submitScores(b1, SLUG, bakenPlan(), at(5), db)).toEqual({
      ok: true,
      finalSet: false,
    });
    const b1after = planPage(b1, SLUG, bakenPlan(), at(6), db);
    expect(b1after.ok && [b1after.page.individual, b1after.page.canScore]).toEqual([[], false]);
    expect(saveScores(w.beoordelaar2, SLUG, bakenPlan(), scoreForm(SCORES_B), { complete: false }, at(6), db)).toEqual({ ok: true });
    const b2still = planPage(w.beoordelaar2, SLUG, bakenPlan(), at(7), db);
    expect(b2still.ok && b2still.page.individual).toBeNull();
    expect(JSON.stringify(b2still)).not.toContain('"score":"10"');
    const b1still = planPage(b1, SLUG, bakenPlan(), at(7), db);
    expect(b1still.ok && b1still.page.individual).toEqual([]);
    // b2 submits: both see each other's scores.
    expect(submitScores(w.beoordelaar2, SLUG, bakenPlan(), at(8), db)).toMatchObject({ ok: true });
    const b2done = planPage(w.beoordelaar2, SLUG, bakenPlan(), at(9), db);
    expect(b2done.ok && b2done.page.individual!.map((i) => [i.assessor.name, i.scores.map((s) => s.score)])).toEqual([
      ["Bram Beoordeel", ["8", "6", "10", "4"]],
    ]);
    expect(b2done.ok && [b2done.page.plan.readyForFinal, b2done.page.canSetConsensus]).toEqual([true, true]);
    expect(auditActions(db, "assessment.scores_submitted").map((r) => JSON.parse(r.payload))).toEqual([
      expect.objectContaining({
        providerId: w.baken,
        scoresSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({ providerId: w.baken }),
    ]);
    // Audit events carry ids and hashes, never the motivations or the plan.
    for (const r of auditRows(db)) expect(r.payload).not.toMatch(/Motivering|Ontbrak|KANARIE/);
  });

  it("refuses a score off the scale, a missing motivation and a missing 'wat ontbrak' at the field, storing nothing", () => {
    const before = rowCounts(db);
    expect(saveScores(b1, SLUG, bakenPlan(), form({ "score.visie": "7" }), { complete: false }, at(3), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        "score.visie": "Kies een score op de schaal van dit criterium: 0, 2, 4, 6, 8, 10.",
      },
    });
    expect(saveScores(b1, SLUG, bakenPlan(), form({ "score.visie": "abc", "score.aanpak": "12" }), { complete: false }, at(3), db)).toMatchObject({
      ok: false,
      errors: {
        "score.visie": expect.stringContaining("schaal"),
        "score.aanpak": expect.stringContaining("schaal"),
      },
    });
    const noMotivation = scoreForm(SCORES_A, { "motivatie.aanpak": "" });
    expect(saveScores(b1, SLUG, bakenPlan(), noMotivation, { complete: true }, at(3), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: { "motivatie.aanpak": "Schrijf een motivering bij deze score." },
    });
    const noMissing = scoreForm(SCORES_A, { "ontbrak.visie": "" });
    expect(saveScores(b1, SLUG, bakenPlan(), noMissing, { complete: true }, at(3), db)).toMatchObject({
      ok: false,
      errors: {
        "ontbrak.visie": "De score is lager dan het maximum (10): schrijf wat er ontbrak voor de maximale score.",
      },
    });
    expect(rowCounts(db)).toEqual(before);
    // A draft may be incomplete, but submitting it is refused.
    expect(saveScores(b1, SLUG, bakenPlan(), form({ "score.visie": "8", "motivatie.visie": "Goed" }), { complete: false }, at(4), db)).toEqual({ ok: true });
    const afterDraft = rowCounts(db);
    expect(submitScores(b1, SLUG, bakenPlan(), at(5), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        "score.aanpak": expect.any(String),
        "ontbrak.visie": expect.any(String),
      },
    });
    expect(rowCounts(db)).toEqual(afterDraft);
  });

  it("refuses scoring a plan not assigned, and scoring after declaring a conflict", () => {
    declare(w.beoordelaar3);
    expect(saveScores(w.beoordelaar3, SLUG, bakenPlan(), scoreForm(SCORES_A), { complete: false }, at(3), db)).toMatchObject({
      ok: false,
      status: 403,
      errors: { _form: "Dit plan is niet aan u toegewezen." },
    });
    expect(planPage(w.beoordelaar3, SLUG, bakenPlan(), at(3), db)).toMatchObject({ ok: false, code: "not_assigned" });
    // The inkoper is no assessor: individual scores are refused.
    expect(saveScores(w.demo.inkoper, SLUG, bakenPlan(), scoreForm(SCORES_A), { complete: false }, at(3), db)).toMatchObject({ ok: false, status: 403 });
    expect(auditActions(db, "assessment.scores_draft_saved")).toHaveLength(0);
  });

  it("never changes submitted scores: the service refuses, and the database refuses any connection", () => {
    submitAll(b1, bakenPlan(), SCORES_A, 3);
    expect(saveScores(b1, SLUG, bakenPlan(), scoreForm(SCORES_B), { complete: false }, at(6), db)).toMatchObject({ ok: false, status: 409 });
    expect(submitScores(b1, SLUG, bakenPlan(), at(6), db)).toMatchObject({
      ok: false,
      status: 409,
    });
    for (const sql of [
      "UPDATE assessment_scores SET score = '10'",
      "DELETE FROM assessment_scores",
      "REPLACE INTO assessment_scores SELECT * FROM assessment_scores",
      "UPDATE assessment_score_submissions SET submitted_at = 0",
      "DELETE FROM assessment_score_submissions",
    ])
      expect(() => db.$client.prepare(sql).run(), sql).toThrow(/cannot be changed|append-only/);
    const row = db.$client.prepare("SELECT * FROM assessment_scores LIMIT 1").get() as Record<string, unknown>;
    expect(() =>
      db.$client
        .prepare(
          "INSERT INTO assessment_scores (kader_id, provider_id, module_id, target_group_id, assessor_user_id, criterion_id, score, motivation, missing, updated_at) VALUES (?, ?, ?, ?, ?, 'extra', '2', 'x', '', 0)"
        )
        .run(row.kader_id, row.provider_id, row.module_id, row.target_group_id, row.assessor_user_id)
    ).toThrow(/cannot be changed/);
  });
});

describe("consensus", () => {
  beforeEach(() => {
    assign(b1);
    assign(w.beoordelaar2);
    declare(b1);
    declare(w.beoordelaar2);
  });

  const consensusForm = (scores: Record<string, string>, extra: Record<string, string> = {}) => {
    const values: Record<string, string> = {};
    for (const [c, s] of Object.entries(scores)) {
      values[`score.${c}`] = s;
      values[`motivatie.${c}`] = `Consensus ${c}`;
      if (s !== "10") values[`ontbrak.${c}`] = `Ontbrak ${c}`;
    }
    return form({ ...values, ...extra });
  };

  it("waits for every assessor, needs a reason for a score that differs from every individual score, and stores the final scores", () => {
    submitAll(b1, bakenPlan(), SCORES_A, 3);
    expect(setConsensus(b1, SLUG, bakenPlan(), consensusForm(SCORES_A), at(5), db)).toMatchObject({ ok: false, status: 409 });
    expect(setConsensus(w.beoordelaar2, SLUG, bakenPlan(), consensusForm(SCORES_A), at(5), db)).toMatchObject({ ok: false, status: 409 });
    submitAll(w.beoordelaar2, bakenPlan(), SCORES_B, 6);

    const before = rowCounts(db);
    // visie: 8 and 6 were given; 10 differs from both.
    const deviating = {
      visie: "10",
      aanpak: "6",
      expertise: "8",
      resultaat: "4",
    };
    expect(setConsensus(b1, SLUG, bakenPlan(), consensusForm(deviating), at(9), db)).toMatchObject({
      ok: false,
      status: 400,
      errors: {
        "afwijking.visie": "Deze score wijkt af van elke individuele score (6, 8): geef de reden van de afwijking.",
      },
    });
    expect(rowCounts(db)).toEqual(before);
    expect(
      setConsensus(
        b1,
        SLUG,
        bakenPlan(),
        consensusForm(deviating, {
          "afwijking.visie": "In het overleg bleek de visie volledig.",
        }),
        at(10),
        db
      )
    ).toEqual({ ok: true });

    const page = planPage(w.beoordelaar2, SLUG, bakenPlan(), at(11), db);
    if (!page.ok) throw new Error("refused");
    expect(page.page.final.map((f) => [f.criterionId, f.score, f.method, f.deviationReason])).toEqual([
      ["visie", "10", "consensus", "In het overleg bleek de visie volledig."],
      ["aanpak", "6", "consensus", null],
      ["expertise", "8", "consensus", null],
      ["resultaat", "4", "consensus", null],
    ]);
    expect(page.page.final[1]!.motivation).toBe("Consensus aanpak\n\nWat ontbrak voor de maximale score: Ontbrak aanpak");
    // Every individual score stays visible beside it.
    expect(page.page.individual!.map((i) => i.assessor.name)).toEqual(["Bram Beoordeel"]);
    expect(auditActions(db, "assessment.consensus_set").map((r) => JSON.parse(r.payload))).toEqual([
      expect.objectContaining({ as: "beoordelaar", deviations: ["visie"] }),
    ]);

    // The inkoper as chair corrects it: a second, audited event.
    expect(
      setConsensus(
        w.demo.inkoper,
        SLUG,
        bakenPlan(),
        consensusForm({
          visie: "8",
          aanpak: "6",
          expertise: "8",
          resultaat: "4",
        }),
        at(12),
        db
      )
    ).toEqual({ ok: true });
    expect(auditActions(db, "assessment.consensus_corrected").map((r) => JSON.parse(r.payload).as)).toEqual(["voorzitter"]);

    // The engine now receives the assessment; the scoring run knows which plans are still open.
    const kader = db.$client.prepare("SELECT content FROM kader_versions ORDER BY number DESC LIMIT 1").get() as { content: string };
    const providers = loadTenderProviders(db, loadKader(db, SLUG), JSON.parse(kader.content) as Kader, { withSubmissions: true, providerIds: [w.baken] });
    expect(providers[0]!.assessments).toEqual([
      {
        module: "complexe-zorg",
        targetGroup: "parkinson",
        scores: { visie: "8", aanpak: "6", expertise: "8", resultaat: "4" },
      },
    ]);
    const completeness = assessmentCompleteness(db, loadKader(db, SLUG).id);
    expect(completeness).toMatchObject({ plans: 3, complete: false });
    expect(completeness.unassessed.map((p) => [p.providerName, p.targetGroupId, p.missingCriteria.length])).toEqual([
      ["Zorggroep De Linde", "jonge-dementie", 4],
      ["Zorggroep De Linde", "parkinson", 4],
    ]);
  });

  it("waits for an assessor assigned later, and is refused to an assessor who has not submitted its own", () => {
    submitAll(b1, bakenPlan(), SCORES_A, 3);
    assign(w.beoordelaar3);
    declare(w.beoordelaar3);
    submitAll(w.beoordelaar2, bakenPlan(), SCORES_B, 6);
    // b3 is assigned now too: the plan waits for b3.
    expect(setConsensus(w.demo.inkoper, SLUG, bakenPlan(), consensusForm(SCORES_A), at(9), db)).toMatchObject({ ok: false, status: 409 });
    submitAll(w.beoordelaar3, bakenPlan(), SCORES_B, 10);
    const b4 = addUser(db, "vierde-beoordelaar@staff.example", ["beoordelaar"], w.demo.zorgkantoorId, "x", NOW);
    assign(b4);
    declare(b4);
    // b4 has not submitted: the consensus waits again, and b4 cannot set it.
    expect(setConsensus(b4, SLUG, bakenPlan(), consensusForm(SCORES_A), at(13), db)).toMatchObject({ ok: false, status: 409 });
  });
});
