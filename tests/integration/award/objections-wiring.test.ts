// Issue 12's remaining wiring: the decision gate (the default of fileObjection for a `besluit`
// objection), the phase after sending, the corrected decision after an upheld objection (a new
// decision through review and sending, the sent one untouched), and the final award's
// preconditions. On the field of tests/integration/award/fixtures.ts.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decisionGate } from "../../../app/services/award/gate.server";
import { correctionPreview, pendingCorrectedDecisions, prepareCorrectedDecisions, upheldAwaitingCorrection } from "../../../app/services/award/corrections.server";
import { decisionsOfKader, prepareDecisions, providerDecision, reviewDecision, sendDecisions, submitForReview } from "../../../app/services/award/decisions.server";
import { finalAwardCheck } from "../../../app/services/award/final.server";
import { inkoperAwardPage, providerDecisionPage } from "../../../app/services/award/pages.server";
import { decideObjection, fileObjection, storeObjectionAttachments, takeIntoHandling } from "../../../app/services/objections/objections.server";
import { loadProviderObjectionsPage } from "../../../app/services/objections/pages.server";
import { providerContext } from "../../../app/services/submissions/context.server";
import { transitionKader } from "../../../app/services/kaders/transitions.server";
import { startScoringRun, type Started } from "../../../app/services/tender/scoring-run.server";
import { formatDate } from "../../../app/lib/dates";
import type { SessionUser } from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";
import { appendAudit } from "../../../db/audit.server";
import { assessmentFinalScores, auditEvents, awardDecisions, objections } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, loadKader } from "../kaders/fixtures";
import { buildAwardField, sendAllDecisions, SLUG, type AwardField } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let f: AwardField;
let at: Date;
const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
const GROUNDS = "Ons plan voor meetbare resultaten is te laag gescoord: de doelen per kwartaal staan in paragraaf 3.";
let n = 0;
const key = () => `sleutel-bezwaar-${String(++n).padStart(4, "0")}`;
const kader = () => loadKader(db, SLUG);
const objectionCount = () => db.select().from(objections).all().length;
const sentOf = (providerId: number) => providerDecision(db, f.kaderId, providerId)!;

/** Prepares, submits, approves (another jurist than the preparing inkoper) and sends every decision. */
const sendAll = (when: Date) => sendAllDecisions(db, f, when);

const object = (actor: SessionUser, decisionId: number, now: Date) => fileObjection(db, { actor, kaderSlug: SLUG, kind: "besluit", decisionId, grounds: GROUNDS, idempotencyKey: key(), now });

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  f = await buildAwardField(db);
  at = new Date(f.runAt.getTime() + 3_600_000);
});
afterEach(() => t.close());

describe("the phase after sending", () => {
  it("sending the decisions sets voorlopig_gegund in the same transaction, with its audit event; there is no manual step for it", () => {
    expect(transitionKader(f.demo.inkoper, kader(), "voorlopig_gegund", db, at)).toMatchObject({ ok: false });
    sendAll(at);
    expect(kader().phase).toBe("voorlopig_gegund");
    const phaseEvents = auditActions(db, "kader.voorlopig_gegund");
    expect(phaseEvents).toHaveLength(1);
    expect(JSON.parse(phaseEvents[0]!.payload)).toMatchObject({ to: "voorlopig_gegund", by: "verzending" });
    // The phase event sits among the sending's events: one transaction, one time.
    const sentEvents = auditActions(db, "award.sent");
    expect(phaseEvents[0]!.at).toBe(sentEvents[0]!.at);
    expect(phaseEvents[0]!.seq).toBeGreaterThan(sentEvents[0]!.seq - 1 - sentEvents.length);
  });
});

describe("the decision gate (default of fileObjection)", () => {
  it("refuses a decision that is not sent as if it did not exist; audited, nothing stored", () => {
    prepareDecisions(f.demo.inkoper, SLUG, {}, db, at);
    const own = decisionsOfKader(db, f.kaderId).find((d) => d.providerId === f.ids.eikenhof)!;
    const result = object(f.eikenhof, own.id, later(1));
    expect(result).toMatchObject({ ok: false, status: 404, errors: { _form: "Dit gunningsbesluit bestaat niet." } });
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.refused").map((r) => JSON.parse(r.payload).reason)).toEqual(["no_decision"]);
  });

  it("refuses another provider's decision and another kader's, and after the standstill names its last day; files its own within it", () => {
    const sent = sendAll(at);
    const eikenhof = sentOf(f.ids.eikenhof);
    // Another provider (Het Baken) naming Eikenhof's decision: the same 404 as a missing one.
    expect(object(f.demo.aanbieder2, eikenhof.id, later(5))).toMatchObject({ ok: false, status: 404, errors: { _form: "Dit gunningsbesluit bestaat niet." } });
    // The decision asked for under another kader.
    expect(decisionGate(db, { decisionId: eikenhof.id, providerId: f.ids.eikenhof, kaderId: f.kaderId + 1000, now: later(5) })).toMatchObject({ ok: false, status: 404, reason: "no_decision" });
    // After the standstill (its exclusive end): refused with the last day, audited.
    const late = object(f.eikenhof, eikenhof.id, sent.standstillEndsAt);
    expect(late).toMatchObject({ ok: false, status: 403 });
    if (!late.ok) expect(late.errors._form).toBe(`De bezwaartermijn van dit besluit liep tot en met ${formatDate(sent.standstillLastDay)} (24:00 uur). Bezwaar maken kan niet meer.`);
    expect(objectionCount()).toBe(0);
    expect(auditActions(db, "objection.refused").map((r) => JSON.parse(r.payload).reason)).toEqual(["no_decision", "standstill_ended"]);
    // One millisecond before the end: filed, with a receipt naming the decision.
    const ok = object(f.eikenhof, eikenhof.id, new Date(sent.standstillEndsAt.getTime() - 1));
    expect(ok).toMatchObject({ ok: true, receipt: { kind: "besluit", decisionId: eikenhof.id } });
    expect(objectionCount()).toBe(1);
  });

  it("stores attachments within the standstill even after the basistarief period; the database refuses a row naming an unsent decision", () => {
    const sent = sendAll(at);
    const ctx = providerContext(db, f.eikenhof, SLUG)!;
    const pdf = new TextEncoder().encode("%PDF-1.4\n% onderbouwing\n%%EOF\n");
    const lastMinute = new Date(sent.standstillEndsAt.getTime() - 60_000);
    expect(storeObjectionAttachments(db, f.eikenhof, ctx, [{ name: "onderbouwing.pdf", bytes: pdf }], lastMinute)).toMatchObject({ ok: true });
    expect(storeObjectionAttachments(db, f.eikenhof, ctx, [{ name: "laat.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n% laat\n") }], sent.standstillEndsAt)).toMatchObject({ ok: false, status: 403 });
    // Migration 0015, for any connection: a concept decision of the same provider and kader.
    const raw = db.$client.prepare(
      "INSERT INTO objections (kader_id, kader_version_id, provider_id, kind, decision_id, grounds, content, content_sha256, filed_at, filed_by, idempotency_key, audit_seq, state) VALUES (?, (SELECT id FROM kader_versions WHERE kader_id = ? LIMIT 1), ?, 'besluit', ?, 'g', '{}', ?, ?, ?, 'k-raw', 1, 'ingediend')",
    );
    const own = sentOf(f.ids.eikenhof);
    expect(() => raw.run(f.kaderId, f.kaderId, f.ids.baken, own.id, "0".repeat(64), later(1).getTime(), f.eikenhof.id)).toThrow(/sent decision of this kader, within its standstill/);
    expect(() => raw.run(f.kaderId, f.kaderId, f.ids.eikenhof, own.id, "0".repeat(64), sent.standstillEndsAt.getTime(), f.eikenhof.id)).toThrow(/within its standstill/);
    expect(objectionCount()).toBe(0);
  });
});

describe("a corrected decision after an upheld objection, and the final award", () => {
  it("objection → deels gegrond → correction run → corrected decision through review and sending; the sent one untouched; final only after every standstill", async () => {
    const first = sendAll(at);
    const old = sentOf(f.ids.eikenhof);
    const oldRow = db.select().from(awardDecisions).where(eq(awardDecisions.id, old.id)).get();

    // Final award: refused while the standstill runs, with the reason; audited.
    const early = transitionKader(f.demo.inkoper, kader(), "definitief_gegund", db, later(2));
    expect(early).toMatchObject({ ok: false });
    const providers = decisionsOfKader(db, f.kaderId).length;
    if (!early.ok) expect(early.error).toMatch(new RegExp(`^Definitief gunnen kan nog niet\\. De opschortende termijn loopt nog bij ${providers} besluiten \\(.*Zorgcentrum Eikenhof.*\\), tot en met ${formatDate(first.standstillLastDay)} \\(24:00 uur\\)\\.$`));
    expect(JSON.parse(auditActions(db, "kader.transition_refused").at(-1)!.payload)).toMatchObject({ to: "definitief_gegund", reasons: ["standstill"] });

    const filed = object(f.eikenhof, old.id, later(10));
    expect(filed).toMatchObject({ ok: true });
    const objectionId = (filed as { receipt: { id: number } }).receipt.id;
    // After the standstill an open objection still stops the final award.
    const afterFirst = new Date(first.standstillEndsAt.getTime() + 60_000);
    const open = finalAwardCheck(db, f.kaderId, afterFirst);
    expect(open.ok ? [] : open.reasons.map((r) => r.code)).toEqual(["open_objections"]);

    expect(takeIntoHandling(db, f.jurist, objectionId, later(20))).toMatchObject({ ok: true });
    expect(decideObjection(db, f.jurist, objectionId, { uitkomst: "deels_gegrond", antwoord: "Deels gegrond: meetbare resultaten wordt opnieuw gescoord." }, later(30))).toMatchObject({ ok: true });
    expect(upheldAwaitingCorrection(db, f.kaderId)).toEqual([expect.objectContaining({ id: objectionId, providerId: f.ids.eikenhof, decisionId: old.id })]);
    const waiting = finalAwardCheck(db, f.kaderId, afterFirst);
    expect(waiting.ok ? [] : waiting.reasons.map((r) => r.code)).toEqual(["correction_missing"]);

    // Without a correction run: refused with what to do, audited; without a reason: bad input, nothing written.
    const events = db.select().from(auditEvents).all().length;
    expect(prepareCorrectedDecisions(f.demo.inkoper, SLUG, { reason: "  " }, db, later(40))).toMatchObject({ ok: false, status: 400 });
    expect(db.select().from(auditEvents).all().length).toBe(events);
    const noRun = prepareCorrectedDecisions(f.demo.inkoper, SLUG, { reason: "Bezwaar deels gegrond." }, db, later(40));
    expect(noRun).toMatchObject({ ok: false, status: 409 });
    if (!noRun.ok) expect(noRun.errors._form).toMatch(/Start eerst een correctieronde/);
    expect(JSON.parse(auditActions(db, "award.refused").at(-1)!.payload)).toMatchObject({ reason: "no_correction_run" });

    // The consensus is corrected (as the chair's correction writes it) and a correction run follows.
    db.update(assessmentFinalScores)
      .set({ score: "8", motivation: "Na bezwaar: de doelen per kwartaal zijn meetbaar beschreven; gescoord met 8.\n\nWat ontbrak voor de maximale score: een nulmeting.", deviationReason: "Herzien na bezwaar: paragraaf 3 was bij de beoordeling over het hoofd gezien." })
      .where(and(eq(assessmentFinalScores.kaderId, f.kaderId), eq(assessmentFinalScores.providerId, f.ids.eikenhof), eq(assessmentFinalScores.criterionId, "resultaat")))
      .run();
    appendAudit(db, { actorUserId: f.demo.inkoper.id, action: "assessment.consensus_corrected", entityType: "assessment_plan", entityId: `${SLUG}/${f.ids.eikenhof}/complexe-zorg/parkinson`, payload: {}, organisationIds: [f.demo.zorgkantoorId], at: later(50) });
    const run = startScoringRun(f.demo.inkoper, SLUG, { reason: `Bezwaar ${objectionId} deels gegrond: resultaat opnieuw gescoord.` }, db, later(60));
    expect(run).toMatchObject({ ok: true, number: 2 });
    await (run as Started).finished;

    const preview = correctionPreview(db, kader());
    expect(preview.ok).toBe(true);
    const affected = preview.ok ? preview.affected.map((a) => a.decision.providerId) : [];
    expect(affected).toContain(f.ids.eikenhof);
    const reason = `Uw bezwaar ${objectionId} is deels gegrond verklaard; het criterium meetbare resultaten is opnieuw gescoord.`;
    const prepared = prepareCorrectedDecisions(f.demo.inkoper, SLUG, { reason }, db, later(70));
    expect(prepared).toMatchObject({ ok: true, runNumber: 2, created: affected.length, superseded: 0 });
    expect(auditActions(db, "award.correction_prepared")).toHaveLength(affected.length);
    const corrected = pendingCorrectedDecisions(db, f.kaderId).find((d) => d.providerId === f.ids.eikenhof)!;
    expect(corrected).toMatchObject({ state: "concept", replacesDecisionId: old.id, replacesReason: reason, contracted: old.contracted });
    // Preparing again from the same run adds nothing.
    expect(prepareCorrectedDecisions(f.demo.inkoper, SLUG, { reason }, db, later(71))).toMatchObject({ ok: true, created: 0 });
    const pending = finalAwardCheck(db, f.kaderId, afterFirst);
    expect(pending.ok ? [] : pending.reasons.map((r) => r.code)).toEqual(["pending_decisions"]);

    // Legal review and sending again: only the corrected decisions; the phase stays.
    expect(submitForReview(f.demo.inkoper, SLUG, {}, db, later(80))).toMatchObject({ ok: true, submitted: affected.length });
    for (const d of pendingCorrectedDecisions(db, f.kaderId)) expect(reviewDecision(f.jurist, SLUG, d.id, { verdict: "approve", remark: "" }, db, later(90))).toEqual({ ok: true });
    // Five days later: the corrected decisions get a standstill of their own, ending after the first.
    const secondAt = new Date(at.getTime() + 5 * 24 * 3_600_000);
    const second = sendDecisions(f.demo.inkoper, SLUG, db, secondAt);
    expect(second).toMatchObject({ ok: true, sent: affected.length });
    expect(auditActions(db, "kader.voorlopig_gegund")).toHaveLength(1);
    expect(kader().phase).toBe("voorlopig_gegund");

    // The provider's decision is now the corrected one, saying what it replaces; the sent one never changed.
    expect(sentOf(f.ids.eikenhof).id).toBe(corrected.id);
    const page = providerDecisionPage(db, kader(), sentOf(f.ids.eikenhof), new Date(secondAt.getTime() + 60_000));
    expect(page.replaces).toMatchObject({ reference: `${SLUG}/${old.agbCode}/${old.id}`, reason });
    expect(page.objectable).toBe(true);
    expect(page.letter.map((b) => b.text).join("\n")).toContain(`Dit besluit vervangt het besluit met kenmerk ${SLUG}/${old.agbCode}/${old.id}. Reden: ${reason}`);
    expect(db.select().from(awardDecisions).where(eq(awardDecisions.id, old.id)).get()).toEqual(oldRow);
    expect(() => db.update(awardDecisions).set({ state: "vervangen" }).where(eq(awardDecisions.id, old.id)).run()).toThrow(/never change/);
    // The replaced decision can no longer be objected to; the corrected one can, within its own standstill.
    expect(object(f.eikenhof, old.id, new Date(secondAt.getTime() + 60_000))).toMatchObject({ ok: false, status: 403 });
    expect(JSON.parse(auditActions(db, "objection.refused").at(-1)!.payload)).toMatchObject({ reason: "decision_replaced" });
    expect(upheldAwaitingCorrection(db, f.kaderId)).toEqual([]);

    // Final: the first standstill is over but the corrected decision's runs; then all is done.
    const secondSent = second as Extract<typeof second, { ok: true }>;
    const stillRunning = finalAwardCheck(db, f.kaderId, afterFirst);
    expect(stillRunning.ok ? [] : stillRunning.reasons.map((r) => r.code)).toEqual(["standstill"]);
    const done = new Date(secondSent.standstillEndsAt.getTime() + 60_000);
    expect(finalAwardCheck(db, f.kaderId, done)).toEqual({ ok: true, decisions: providers });
    expect(transitionKader(f.demo.inkoper, kader(), "definitief_gegund", db, done)).toEqual({ ok: true });
    expect(kader().phase).toBe("definitief_gegund");
    expect(auditActions(db, "kader.definitief_gegund")).toHaveLength(1);
  });

  it("an open objection against the basistarief does not block the final award (shown as information); an open objection against a decision does", () => {
    const sent = sendAll(at);
    const basis = fileObjection(db, { actor: f.eikenhof, kaderSlug: SLUG, kind: "basistarief", grounds: "Het basispercentage dekt de kosten van 2026 niet.", idempotencyKey: key(), now: later(5) });
    expect(basis).toMatchObject({ ok: true, receipt: { kind: "basistarief" } });
    const basisId = (basis as { receipt: { id: number } }).receipt.id;
    const afterStandstill = new Date(sent.standstillEndsAt.getTime() + 60_000);
    expect(finalAwardCheck(db, f.kaderId, afterStandstill)).toEqual({ ok: true, decisions: decisionsOfKader(db, f.kaderId).length });
    const page = inkoperAwardPage(db, kader(), afterStandstill);
    expect(page.final?.check.ok).toBe(true);
    expect(page.final?.basistarief).toEqual([{ id: basisId, provider: "Zorgcentrum Eikenhof", state: "ingediend" }]);

    const besluit = object(f.eikenhof, sentOf(f.ids.eikenhof).id, later(10));
    expect(besluit).toMatchObject({ ok: true });
    const besluitId = (besluit as { receipt: { id: number } }).receipt.id;
    const blocked = finalAwardCheck(db, f.kaderId, afterStandstill);
    expect(blocked.ok ? [] : blocked.reasons.map((r) => r.code)).toEqual(["open_objections"]);
    // Only the objection against the decision is named as the reason.
    if (!blocked.ok) {
      expect(blocked.reasons[0]!.message).toContain(`bezwaar ${besluitId} van Zorgcentrum Eikenhof`);
      expect(blocked.reasons[0]!.message).not.toContain(`bezwaar ${basisId} `);
    }
    expect(transitionKader(f.demo.inkoper, kader(), "definitief_gegund", db, afterStandstill)).toMatchObject({ ok: false });
    expect(kader().phase).toBe("voorlopig_gegund");
  });

  it("the final award without any objection: refused during the standstill, allowed after it", () => {
    const sent = sendAll(at);
    const check = finalAwardCheck(db, f.kaderId, later(1));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reasons.map((r) => r.message).join(" ")).toContain(`tot en met ${formatDate(sent.standstillLastDay)} (24:00 uur)`);
    expect(transitionKader(f.demo.inkoper, kader(), "definitief_gegund", db, new Date(sent.standstillEndsAt.getTime() - 1)).ok).toBe(false);
    expect(kader().phase).toBe("voorlopig_gegund");
    const ctx = providerContext(db, f.eikenhof, SLUG)!;
    const eikenhof = sentOf(f.ids.eikenhof);
    // Within the standstill the objection page offers the form; the decision page says nothing of a final award.
    expect(loadProviderObjectionsPage(ctx, db, later(1))).toMatchObject({ decision: { id: eikenhof.id }, termPassed: null });
    expect(providerDecisionPage(db, kader(), eikenhof, later(1)).finalSince).toBeNull();
    expect(transitionKader(f.demo.inkoper, kader(), "definitief_gegund", db, sent.standstillEndsAt)).toEqual({ ok: true });
    expect(kader().phase).toBe("definitief_gegund");
    // After it: the page names the passed term by its last day, the decision page the moment the award became final.
    expect(loadProviderObjectionsPage(ctx, db, sent.standstillEndsAt)).toMatchObject({ decision: null, termPassed: { lastDay: sent.standstillLastDay.toISOString() } });
    expect(providerDecisionPage(db, kader(), eikenhof, sent.standstillEndsAt).finalSince).toEqual(sent.standstillEndsAt);
  });
});
