// Award decisions (app/services/award/*.server.ts): prepared from a stored run, reviewed by a
// jurist against the consistency checks (fed only with stored data), sent all at once with the
// standstill, letters written once and resumably. The bad input of issue 12: sending unapproved
// decisions, approving one's own, changing a sent decision or letter: refused with the reason,
// one audit event, nothing half-stored.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decisionsOfKader, prepareDecisions, reviewDecision, sendDecisions, setOutcome, submitForReview, providerDecision } from "../../../app/services/award/decisions.server";
import { decisionChecks } from "../../../app/services/award/stored-data.server";
import { letterProgress, startLetterBatch, storedLetter } from "../../../app/services/award/letters.server";
import { decisionHistory } from "../../../app/services/award/history.server";
import { standstillFrom } from "../../../app/lib/standstill";
import type { SessionUser } from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";
import { auditEvents, awardDecisions } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { addUser, auditActions, loadKader } from "../kaders/fixtures";
import { buildAwardField, SLUG, type AwardField } from "./fixtures";
import { createHash } from "node:crypto";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: AwardField;
let at: Date;
const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);

const rows = () => db.select().from(awardDecisions).all();
const events = () => db.select().from(auditEvents).all().length;
const kader = () => loadKader(db, SLUG);
const byProvider = (providerId: number) => decisionsOfKader(db, f.kaderId).find((d) => d.providerId === providerId)!;

/** A refused call: its status and message, exactly one audit event (award.refused), no decision row changed. */
function expectRefused(call: () => { ok: boolean }, status: number, message: RegExp): void {
  const before = rows();
  const count = events();
  const result = call() as { ok: false; status: number; errors: Record<string, string> };
  expect(result.ok).toBe(false);
  expect(result.status).toBe(status);
  expect(Object.values(result.errors).join(" ")).toMatch(message);
  expect(events()).toBe(count + 1);
  expect(auditActions(db, "award.refused").length).toBeGreaterThan(0);
  expect(rows()).toEqual(before);
}

describe("award decisions on a clean field", () => {
  let jurist2: SessionUser;
  beforeEach(async () => {
    t = createTestDb();
    db = t.db;
    f = await buildAwardField(db);
    at = new Date(f.runAt.getTime() + 3_600_000);
    jurist2 = addUser(db, "jurist2@award.example", ["jurist", "inkoper"], f.demo.zorgkantoorId, "x", at);
  });
  afterEach(() => t.close());

  it("prepares a concept for every provider of the run, audited, and checks pass on stored data", () => {
    const prepared = prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    expect(prepared).toMatchObject({ ok: true, runNumber: 1, superseded: 0 });
    const decisions = decisionsOfKader(db, f.kaderId);
    expect(decisions.length).toBe((prepared as { created: number }).created);
    expect(decisions.map((d) => d.providerId)).toEqual(expect.arrayContaining([f.ids.linde, f.ids.baken, f.ids.eikenhof]));
    expect(decisions.every((d) => d.state === "concept" && d.contracted)).toBe(true);
    expect(auditActions(db, "award.prepared").length).toBe(decisions.length);
    const checks = decisionChecks(db, kader(), byProvider(f.ids.eikenhof));
    expect(checks.filter((c) => c.status === "fout")).toEqual([]);
    // Re-preparing from the same run adds nothing.
    expect(prepareDecisions(f.demo.inkoper, SLUG, {}, db, later(1))).toMatchObject({ ok: true, created: 0, superseded: 0 });
  });

  it("runs the whole path: not contracted needs a reason, review, return, resubmit, approve, send, letters once", async () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const eikenhof = byProvider(f.ids.eikenhof);
    // Bad input at the field: nothing written, no event.
    const count = events();
    const bad = setOutcome(f.demo.inkoper, SLUG, eikenhof.id, { contracted: false, reason: "  " }, db, later(1));
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(events()).toBe(count);
    expect(setOutcome(f.demo.inkoper, SLUG, eikenhof.id, { contracted: false, reason: "Onvoldoende punten op de module." }, db, later(1))).toEqual({ ok: true });
    expect(submitForReview(f.demo.inkoper, SLUG, {}, db, later(2))).toMatchObject({ ok: true });

    // Sending before approval: refused, naming the decisions, nothing sent.
    expectRefused(() => sendDecisions(f.demo.inkoper, SLUG, db, later(3)), 409, /Niet elk besluit is goedgekeurd.*Zorgcentrum Eikenhof \(ter toetsing bij de jurist\)/);

    // The jurist returns Eikenhof's with a remark; a return without one is bad input.
    expect(reviewDecision(f.jurist, SLUG, eikenhof.id, { verdict: "return", remark: "" }, db, later(4))).toMatchObject({ ok: false, status: 400 });
    expect(reviewDecision(f.jurist, SLUG, eikenhof.id, { verdict: "return", remark: "Reden te summier." }, db, later(4))).toEqual({ ok: true });
    expect(byProvider(f.ids.eikenhof)).toMatchObject({ state: "teruggestuurd", returnRemark: "Reden te summier.", returnedBy: f.jurist.id });
    for (const d of decisionsOfKader(db, f.kaderId).filter((d) => d.state === "ter_toetsing"))
      expect(reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, later(5))).toEqual({ ok: true });
    expectRefused(() => sendDecisions(f.demo.inkoper, SLUG, db, later(6)), 409, /Zorgcentrum Eikenhof \(teruggestuurd door de jurist\)/);

    // The inkoper fixes and resubmits; the jurist approves.
    expect(setOutcome(f.demo.inkoper, SLUG, eikenhof.id, { contracted: false, reason: "De punten op de module liggen onder de drempel; zie de motivering per criterium." }, db, later(7))).toEqual({ ok: true });
    expect(submitForReview(f.demo.inkoper, SLUG, { decisionId: eikenhof.id }, db, later(8))).toMatchObject({ ok: true, submitted: 1 });
    expect(reviewDecision(f.jurist, SLUG, eikenhof.id, { verdict: "approve", remark: "" }, db, later(9))).toEqual({ ok: true });

    // Before sending, the provider has nothing.
    expect(providerDecision(db, f.kaderId, f.ids.eikenhof)).toBeNull();
    const sentAt = later(10);
    const sent = sendDecisions(f.demo.inkoper, SLUG, db, sentAt);
    expect(sent).toMatchObject({ ok: true, sent: decisionsOfKader(db, f.kaderId).length });
    const standstill = standstillFrom(sentAt);
    const mine = providerDecision(db, f.kaderId, f.ids.eikenhof)!;
    expect(mine).toMatchObject({ state: "verzonden", contracted: false, sentBy: f.demo.inkoper.id, standstillEndsAt: standstill.endsAt, standstillLastDay: standstill.lastDay });
    expect(auditActions(db, "award.sent").length).toBe(decisionsOfKader(db, f.kaderId).length);

    // Letters: none yet; the batch writes each once with its SHA-256; a second batch writes nothing.
    expect(letterProgress(db, f.kaderId)).toMatchObject({ written: 0 });
    await startLetterBatch(db, f.kaderId, f.demo.inkoper).finished;
    const progress = letterProgress(db, f.kaderId);
    expect(progress.written).toBe(progress.total);
    const letter = storedLetter(db, mine.id)!;
    expect(createHash("sha256").update(letter.pdf).digest("hex")).toBe(letter.sha256);
    const written = auditActions(db, "award.letter_written").length;
    await startLetterBatch(db, f.kaderId, f.demo.inkoper).finished;
    expect(auditActions(db, "award.letter_written").length).toBe(written);

    // Changing a sent decision: refused by the service (audited) and by the data layer.
    expectRefused(() => setOutcome(f.demo.inkoper, SLUG, mine.id, { contracted: true, reason: "" }, db, later(11)), 409, /verzonden besluit en zijn brief veranderen nooit meer/);
    expect(() => db.update(awardDecisions).set({ letterPdf: Buffer.from("x"), letterSha256: "0".repeat(64) }).where(eq(awardDecisions.id, mine.id)).run()).toThrow(/never change/);
    expect(() => db.update(awardDecisions).set({ contracted: true }).where(eq(awardDecisions.id, mine.id)).run()).toThrow(/never change/);
    expect(() => db.delete(awardDecisions).where(eq(awardDecisions.id, mine.id)).run()).toThrow(/never deleted/);
    expect(storedLetter(db, mine.id)!.sha256).toBe(letter.sha256);

    // The history, from the audit trail: who scored, who set the consensus, who approved, who sent.
    const history = decisionHistory(db, kader(), mine).map((h) => h.action);
    expect(history).toEqual(expect.arrayContaining(["assessment.scores_submitted", "assessment.consensus_set", "award.prepared", "award.outcome_set", "award.submitted", "award.returned", "award.approved", "award.sent", "award.letter_written", "award.refused"]));
  });

  it("refuses approving one's own decision (four eyes, also holding both roles); the data layer refuses it too", () => {
    prepareDecisions(jurist2, SLUG, {}, db, at);
    submitForReview(jurist2, SLUG, {}, db, later(1));
    const d = byProvider(f.ids.linde);
    expectRefused(() => reviewDecision(jurist2, SLUG, d.id, { verdict: "approve", remark: "" }, db, later(2)), 403, /zelf voorbereid.*vier ogen/);
    expect(() => db.update(awardDecisions).set({ state: "goedgekeurd", approvedBy: jurist2.id, approvedAt: later(2), approvedByName: jurist2.name }).where(eq(awardDecisions.id, d.id)).run()).toThrow(/transition not allowed/);
    // Another jurist may.
    expect(reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, later(3))).toEqual({ ok: true });
  });

  it("the data layer refuses sending an unapproved decision and skipping states, for any connection", () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const d = byProvider(f.ids.linde);
    const s = standstillFrom(later(1));
    expect(() =>
      db.update(awardDecisions).set({ state: "verzonden", sentBy: f.demo.inkoper.id, sentAt: later(1), standstillEndsAt: s.endsAt, standstillLastDay: s.lastDay }).where(eq(awardDecisions.id, d.id)).run(),
    ).toThrow(/transition not allowed/);
    expect(() => db.update(awardDecisions).set({ state: "goedgekeurd", approvedBy: f.jurist.id, approvedAt: later(1), approvedByName: f.jurist.name }).where(eq(awardDecisions.id, d.id)).run()).toThrow(/transition not allowed/);
    expect(() => db.insert(awardDecisions).values({ ...d, id: undefined, state: "goedgekeurd" }).run()).toThrow(/starts as concept/);
    expect(byProvider(f.ids.linde).state).toBe("concept");
  });

  it("re-preparing from a newer run supersedes the unsent decisions", async () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const first = decisionsOfKader(db, f.kaderId).map((d) => d.id);
    const { startScoringRun } = await import("../../../app/services/tender/scoring-run.server");
    const again = startScoringRun(f.demo.inkoper, SLUG, { reason: "Controle" }, db, later(1));
    if (!again.ok) throw new Error("run refused");
    await again.finished;
    const second = prepareDecisions(f.demo.inkoper, SLUG, {}, db, later(2));
    expect(second).toMatchObject({ ok: true, runNumber: 2, superseded: first.length, created: first.length });
    expect(db.select().from(awardDecisions).all().filter((d) => first.includes(d.id)).every((d) => d.state === "vervangen")).toBe(true);
  });

  it("is only for the kader's own staff in the right role", () => {
    expectRefused(() => prepareDecisions(f.demo.aanbieder, SLUG, {}, db, at), 404, /bestaat niet/);
    expectRefused(() => prepareDecisions(f.jurist, SLUG, {}, db, at), 403, /inkoper/);
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    submitForReview(f.demo.inkoper, SLUG, {}, db, later(1));
    expectRefused(() => reviewDecision(f.inkoper2, SLUG, byProvider(f.ids.linde).id, { verdict: "approve", remark: "" }, db, later(2)), 403, /jurist/);
  });
});

describe("a decision with a failing check", () => {
  beforeEach(async () => {
    t = createTestDb();
    db = t.db;
    f = await buildAwardField(db, { failing: true });
    at = new Date(f.runAt.getTime() + 3_600_000);
  });
  afterEach(() => t.close());

  it("shows the failure and cannot be approved: refused with the failing check, audited, unchanged", () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    submitForReview(f.demo.inkoper, SLUG, {}, db, later(1));
    const d = byProvider(f.ids.eikenhof);
    const failing = decisionChecks(db, kader(), d).filter((c) => c.status === "fout");
    expect(failing.map((c) => c.id)).toEqual(["missingStated"]);
    expect(failing[0]!.findings).toEqual(["Module complexe zorg V&V, Mensen met Parkinson, Meetbare resultaten: score 6 van 10 zonder wat ontbrak."]);
    expectRefused(() => reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, later(2)), 409, /Bij een score onder het maximum staat wat ontbrak/);
    expect(auditActions(db, "award.refused").at(-1)!.payload).toContain('"failing":["missingStated"]');
  });
});
