// A decision's content is frozen when it is prepared (migration 0016): after an objection is
// upheld and the consensus corrected, the sent decision's pages, letter and checks still say what
// they said when it was sent, while the corrected decision says the corrected scores; the
// database refuses changing the frozen content once the decision left the inkoper.
import { and, eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pendingCorrectedDecisions, prepareCorrectedDecisions } from "../../../app/services/award/corrections.server";
import { decisionsOfKader, prepareDecisions, providerDecision, reviewDecision, sendDecisions, submitForReview } from "../../../app/services/award/decisions.server";
import { startLetterBatch, storedLetter } from "../../../app/services/award/letters.server";
import { juristDecisionPage, juristQueue, providerDecisionPage } from "../../../app/services/award/pages.server";
import { decisionChecks, letterViewModel } from "../../../app/services/award/stored-data.server";
import { decideObjection, fileObjection, takeIntoHandling } from "../../../app/services/objections/objections.server";
import { startScoringRun, type Started } from "../../../app/services/tender/scoring-run.server";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, awardDecisions, users } from "../../../db/schema";
import { renderAwardLetter } from "../../../templates/award-letter";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, loadKader } from "../kaders/fixtures";
import { buildAwardField, sendAllDecisions, SLUG, type AwardField } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: AwardField;
let at: Date;
const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
const kader = () => loadKader(db, SLUG);
const row = (id: number) => db.select().from(awardDecisions).where(eq(awardDecisions.id, id)).get()!;
const byProvider = (providerId: number) => decisionsOfKader(db, f.kaderId).find((d) => d.providerId === providerId)!;
const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const CORRECTED = "Na bezwaar: de doelen per kwartaal zijn meetbaar beschreven; gescoord met 8.";
const resultaat = () => and(eq(assessmentFinalScores.kaderId, f.kaderId), eq(assessmentFinalScores.providerId, f.ids.eikenhof), eq(assessmentFinalScores.criterionId, "resultaat"));

const sendAll = (when: Date) => sendAllDecisions(db, f, when);

/** Everything staff and the provider see of a decision, and what its letter is rendered from. */
function views(id: number, now: Date) {
  const d = row(id);
  const queueItem = juristQueue(db, kader()).find((q) => q.id === id) ?? null;
  return {
    vm: letterViewModel(db, kader(), d),
    checks: decisionChecks(db, kader(), d),
    jurist: juristDecisionPage(db, kader(), d, f.jurist.id),
    provider: d.state === "verzonden" ? providerDecisionPage(db, kader(), d, now) : null,
    queue: queueItem ? { failing: queueItem.failing, warnings: queueItem.warnings } : null,
  };
}

const resultaatCriterion = (vm: ReturnType<typeof letterViewModel>) => vm.modules.flatMap((m) => m.criteria).find((c) => c.label.toLowerCase().includes("resultat") || c.motivation.includes("resultaat"))!;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await buildAwardField(db);
  at = new Date(f.runAt.getTime() + 3_600_000);
});
afterEach(() => t.close());

describe("a decision's frozen content", () => {
  it("a correction of the consensus changes neither the sent decision's pages, letter nor checks; the corrected decision shows the new score", async () => {
    sendAll(at);
    const old = providerDecision(db, f.kaderId, f.ids.eikenhof)!;
    const oldRow = row(old.id);
    expect(oldRow.contentSha256).toBe(sha(oldRow.contentJson!));
    const before = views(old.id, later(5));
    expect(resultaatCriterion(before.vm).score).toBe("6");
    expect(before.checks.filter((c) => c.status === "fout")).toEqual([]);

    // The objection is upheld in part; the chair sets the consensus to 8 (first without a reason
    // for the deviation from the assessors' 6: built from the current scores, that check would fail).
    const filed = fileObjection(db, { actor: f.eikenhof, kaderSlug: SLUG, kind: "besluit", decisionId: old.id, grounds: "Paragraaf 3 beschrijft meetbare doelen per kwartaal.", idempotencyKey: "sleutel-bevroren-0001", now: later(10) });
    expect(filed).toMatchObject({ ok: true });
    const objectionId = (filed as { receipt: { id: number } }).receipt.id;
    expect(takeIntoHandling(db, f.jurist, objectionId, later(20))).toMatchObject({ ok: true });
    expect(decideObjection(db, f.jurist, objectionId, { uitkomst: "deels_gegrond", antwoord: "Deels gegrond: meetbare resultaten wordt opnieuw gescoord." }, later(30))).toMatchObject({ ok: true });
    db.update(assessmentFinalScores).set({ score: "8", motivation: `${CORRECTED}\n\nWat ontbrak voor de maximale score: een nulmeting.`, deviationReason: null }).where(resultaat()).run();
    expect(views(old.id, later(5))).toEqual(before);

    db.update(assessmentFinalScores).set({ deviationReason: "Herzien na bezwaar: paragraaf 3 was over het hoofd gezien." }).where(resultaat()).run();
    const run = startScoringRun(f.demo.inkoper, SLUG, { reason: `Bezwaar ${objectionId} deels gegrond.` }, db, later(60));
    expect(run).toMatchObject({ ok: true, number: 2 });
    await (run as Started).finished;
    expect(prepareCorrectedDecisions(f.demo.inkoper, SLUG, { reason: "Uw bezwaar is deels gegrond verklaard." }, db, later(70))).toMatchObject({ ok: true });
    const corrected = pendingCorrectedDecisions(db, f.kaderId).find((d) => d.providerId === f.ids.eikenhof)!;

    // The sent decision: the same view model (what its PDF is rendered from), pages, queue and checks, and the same row.
    expect(views(old.id, later(5))).toEqual(before);
    expect(row(old.id)).toEqual(oldRow);
    // Its letter, written only now, is the letter as it was sent: rendered from the content frozen before the correction.
    await startLetterBatch(db, f.kaderId, f.demo.inkoper).finished;
    expect(storedLetter(db, old.id)!.pdf.equals(await renderAwardLetter(before.vm, { creationDate: old.sentAt! }))).toBe(true);

    // The corrected decision says the corrected score and motivation, and its checks read them.
    const now = views(corrected.id, later(75));
    expect(resultaatCriterion(now.vm)).toMatchObject({ score: "8", motivation: CORRECTED, missing: "een nulmeting." });
    expect(now.jurist.letter.map((b) => b.text).join("\n")).toContain(CORRECTED);
    expect(before.jurist.letter.map((b) => b.text).join("\n")).not.toContain(CORRECTED);
    expect(now.checks.filter((c) => c.status === "fout")).toEqual([]);
    expect(now.vm.run.number).toBe(2);
    expect(JSON.parse(auditActions(db, "award.correction_prepared").at(-1)!.payload)).toMatchObject({ contentSha256: row(corrected.id).contentSha256 });
  });

  it("the approving jurist's name is kept as it was at the approval: a later rename reaches neither the letter nor the pages; the data layer keeps it", async () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    submitForReview(f.demo.inkoper, SLUG, {}, db, at);
    // An approval without the name: refused by the data layer, for any connection.
    const linde = byProvider(f.ids.linde);
    expect(() => db.update(awardDecisions).set({ state: "goedgekeurd", approvedBy: f.jurist.id, approvedAt: later(1) }).where(eq(awardDecisions.id, linde.id)).run()).toThrow(/transition not allowed/);
    for (const other of decisionsOfKader(db, f.kaderId)) expect(reviewDecision(f.jurist, SLUG, other.id, { verdict: "approve", remark: "" }, db, later(2))).toEqual({ ok: true });
    expect(sendDecisions(f.demo.inkoper, SLUG, db, later(3))).toMatchObject({ ok: true });
    const d = providerDecision(db, f.kaderId, f.ids.linde)!;
    expect(d.approvedByName).toBe(f.jurist.name);
    await startLetterBatch(db, f.kaderId, f.demo.inkoper).finished;
    const before = views(d.id, later(5));
    expect(before.vm.approval?.jurist).toBe(f.jurist.name);
    expect(before.provider!.approvedBy).toBe(f.jurist.name);
    expect(before.provider!.letter.map((b) => b.text).join("\n")).toContain(`juridisch getoetst door ${f.jurist.name}`);

    db.update(users).set({ name: "J. de Vries-Jurist" }).where(eq(users.id, f.jurist.id)).run();
    const after = views(d.id, later(5));
    // The letter and the pages that state it keep the name; the audit history names people as they are called now.
    expect({ vm: after.vm, provider: after.provider, letter: after.jurist.letter }).toEqual({ vm: before.vm, provider: before.provider, letter: before.jurist.letter });
    expect(after.jurist.history.find((h) => h.action === "award.approved")?.actor).toBe("J. de Vries-Jurist");
    expect(() => db.update(awardDecisions).set({ approvedByName: "J. de Vries-Jurist" }).where(eq(awardDecisions.id, d.id)).run()).toThrow(/never change/);
  });

  it("the checks compare the frozen letter with the stored run: a stored tariff that differs by a cent fails", () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const d = byProvider(f.ids.linde);
    expect(decisionChecks(db, kader(), d).find((c) => c.id === "tariffsEqualRun")!.status).toBe("ok");
    // A concept's content may still be rewritten (by any connection); here one tariff is off by a cent.
    const content = JSON.parse(d.contentJson!) as { letter: { tariffs: { tariff: string }[] } };
    const first = content.letter.tariffs[0]!;
    const wrong = (Number(first.tariff) + 0.01).toFixed(2);
    first.tariff = wrong;
    const json = JSON.stringify(content);
    db.update(awardDecisions).set({ contentJson: json, contentSha256: sha(json) }).where(eq(awardDecisions.id, d.id)).run();
    const check = decisionChecks(db, kader(), row(d.id)).find((c) => c.id === "tariffsEqualRun")!;
    expect(check.status).toBe("fout");
    expect(check.findings.join(" ")).toContain(`brief ${wrong}`);
    // Content that does not match its SHA-256 is never shown.
    db.$client.prepare("UPDATE award_decisions SET content_sha256 = ? WHERE id = ?").run("0".repeat(64), d.id);
    expect(() => letterViewModel(db, kader(), row(d.id))).toThrow(/does not match its SHA-256/);
  });

  it("a returned decision submitted again gets content from the scores as they are then; a concept keeps the content it was prepared with", () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const d = byProvider(f.ids.eikenhof);
    const prepared = row(d.id).contentSha256;
    db.update(assessmentFinalScores).set({ score: "8", motivation: `${CORRECTED}\n\nWat ontbrak voor de maximale score: een nulmeting.`, deviationReason: "Herzien in overleg." }).where(resultaat()).run();
    expect(submitForReview(f.demo.inkoper, SLUG, { decisionId: d.id }, db, later(1))).toMatchObject({ ok: true });
    expect(row(d.id).contentSha256).toBe(prepared);
    expect(resultaatCriterion(letterViewModel(db, kader(), row(d.id))).score).toBe("6");
    expect(reviewDecision(f.jurist, SLUG, d.id, { verdict: "return", remark: "Meetbare resultaten is inmiddels herzien." }, db, later(2))).toEqual({ ok: true });
    expect(row(d.id).contentSha256).toBe(prepared);
    expect(submitForReview(f.demo.inkoper, SLUG, { decisionId: d.id }, db, later(3))).toMatchObject({ ok: true });
    const again = row(d.id);
    expect(again.contentSha256).not.toBe(prepared);
    expect(again.contentSha256).toBe(sha(again.contentJson!));
    expect(resultaatCriterion(letterViewModel(db, kader(), again))).toMatchObject({ score: "8", motivation: CORRECTED });
    expect(JSON.parse(auditActions(db, "award.submitted").at(-1)!.payload)).toMatchObject({ resubmitted: true, contentChanged: true, contentSha256: again.contentSha256 });
  });

  it("a later version of the kader does not change the checks of a sent decision: they hold its run against the version in force when it was sent", () => {
    sendAll(at);
    const sent = providerDecision(db, f.kaderId, f.ids.linde)!;
    const before = decisionChecks(db, kader(), sent);
    expect(before.find((c) => c.id === "currentVersion")!.status).toBe("ok");
    db.$client
      .prepare(
        "INSERT INTO kader_versions (kader_id, number, content, content_hash, tariff_table_id, opens_at, closes_at, questions_until, published_at) SELECT kader_id, number + 1, content, content_hash, tariff_table_id, opens_at, closes_at, questions_until, ? FROM kader_versions WHERE kader_id = ? ORDER BY number DESC LIMIT 1",
      )
      .run(later(60).getTime(), f.kaderId);
    // Built from the latest version, the same check would now fail.
    expect(decisionChecks(db, kader(), { ...sent, state: "goedgekeurd" }).find((c) => c.id === "currentVersion")!.status).toBe("fout");
    expect(decisionChecks(db, kader(), sent)).toEqual(before);
  });

  it("the database refuses changing the frozen content once the decision left the inkoper, and a new decision without content", () => {
    sendAll(at);
    const sent = providerDecision(db, f.kaderId, f.ids.linde)!;
    const other = JSON.stringify({ format: "zorginkoop.besluit-inhoud/v1", letter: {}, review: {} });
    const update = db.$client.prepare("UPDATE award_decisions SET content_json = ?, content_sha256 = ? WHERE id = ?");
    // A sent row is guarded twice (its content, and the sent decision as a whole); SQLite picks which refuses first.
    expect(() => update.run(other, sha(other), sent.id)).toThrow(/never change/);
    expect(() => update.run(null, null, sent.id)).toThrow(/never change/);
    // Not even together with writing its letter (which 0013 allows once): only the content guard can refuse this one.
    expect(() =>
      db.$client.prepare("UPDATE award_decisions SET letter_pdf = x'25504446', letter_sha256 = ?, letter_generated_at = 1, content_json = ?, content_sha256 = ? WHERE id = ?").run("0".repeat(64), other, sha(other), sent.id),
    ).toThrow(/never changes/);
    expect(row(sent.id)).toEqual(sent);
    // A new row names its content and a well-formed SHA-256.
    const insert = db.$client.prepare(
      "INSERT INTO award_decisions (kader_id, run_id, provider_id, agb_code, contracted, state, prepared_by, prepared_at, content_json, content_sha256) VALUES (?, ?, ?, ?, 1, 'concept', ?, 1, ?, ?)",
    );
    expect(() => insert.run(f.kaderId, f.runId, f.ids.linde, sent.agbCode, f.demo.inkoper.id, null, null)).toThrow(/carries its frozen content/);
    expect(() => insert.run(f.kaderId, f.runId, f.ids.linde, sent.agbCode, f.demo.inkoper.id, other, "not-a-hash")).toThrow(/carries its frozen content/);
  });
});
