// Award decisions (issue 12): the inkoper prepares them from a completed scoring run, submits
// them for legal review, the jurist approves or returns each, and the inkoper sends all approved
// decisions of a kader at once, which starts the standstill. Each step is one transaction with
// one audit event per decision it changes; every refusal writes exactly one audit event
// (`award.refused`, with the reason) and nothing else. The data layer (migration 0013) enforces
// the same path and the immutability of a sent decision for any connection.
import { and, eq, inArray } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { awardDecisions, kaders, organisations, scoringRunProviders, scoringRuns, users } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { standstillFrom } from "../../lib/standstill";
import { appendAudit, getDb } from "../db.server";
import { kaderAudience, type KaderRow } from "../kaders/access.server";
import { PHASE_ORDER } from "../kaders/lifecycle";
import { currentPhase } from "../kaders/store.server";
import { NOT_FOUND, refusal, type Refusal } from "../submissions/context.server";
import { approvable } from "./checks";
import { buildDecisionContent, decisionChecks, latestDoneRun, serializeContent, type ContentCache, type DecisionRow } from "./stored-data.server";

export const DECISION_STATE_LABEL = {
  concept: "Concept",
  ter_toetsing: "Ter toetsing bij de jurist",
  teruggestuurd: "Teruggestuurd door de jurist",
  goedgekeurd: "Goedgekeurd",
  verzonden: "Verzonden",
  vervangen: "Vervangen",
} as const;

export const REASON_MAX = 2000;
export const REMARK_MAX = 2000;
/** The states of a decision that still counts (not superseded). */
const ACTIVE = ["concept", "ter_toetsing", "teruggestuurd", "goedgekeurd", "verzonden"] as const;
export const UNSENT = ["concept", "ter_toetsing", "teruggestuurd", "goedgekeurd"] as const;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type Role = "inkoper" | "jurist";

/** The refusal of a step: one audit event (`award.refused`) and the Dutch message; nothing else is written. */
export function refuse(db: Db, actor: SessionUser, kader: KaderRow | undefined, slug: string, now: Date, status: Refusal["status"], reason: string, message: string, extra: Record<string, unknown> = {}, field = "_form"): Refusal {
  db.transaction((tx) => {
    appendAudit(tx, {
      actorUserId: actor.id,
      action: "award.refused",
      entityType: extra.decisionId !== undefined ? "award_decision" : "kader",
      entityId: extra.decisionId !== undefined ? String(extra.decisionId) : slug,
      payload: { kader: slug, reason, ...extra },
      organisationIds: kader && kaderAudience(db, actor, kader) === "staff" ? [kader.zorgkantoorId] : actor.organisation ? [actor.organisation.id] : [],
      at: now,
    });
  });
  return refusal(status, message, field);
}

type Context = { ok: true; kader: KaderRow } | Refusal;

export function staffContext(db: Db, actor: SessionUser, slug: string, role: Role, now: Date): Context {
  const kader = db.select().from(kaders).where(eq(kaders.slug, slug)).get();
  if (!kader || kaderAudience(db, actor, kader) !== "staff") return refuse(db, actor, kader, slug, now, 404, "not_staff", NOT_FOUND);
  if (!actor.roles.includes(role))
    return refuse(db, actor, kader, slug, now, 403, `not_${role}`, role === "inkoper" ? "Alleen een inkoper van het zorgkantoor kan dit doen." : "Alleen een jurist van het zorgkantoor kan een besluit toetsen.");
  return { ok: true, kader };
}

export function decisionsOfKader(db: Db, kaderId: number, options: { includeSuperseded?: boolean } = {}): DecisionRow[] {
  const rows = db.select().from(awardDecisions).where(eq(awardDecisions.kaderId, kaderId)).orderBy(awardDecisions.agbCode, awardDecisions.id).all();
  return options.includeSuperseded ? rows : rows.filter((r) => r.state !== "vervangen");
}

export function decisionOfKader(db: Db, kaderId: number, decisionId: number): DecisionRow | null {
  return db.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.id, decisionId))).get() ?? null;
}

function providerName(db: Db, providerId: number): string {
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, providerId)).get()?.name ?? String(providerId);
}

// ---------------------------------------------------------------------------------------------
// Preparing

export type Prepared = { ok: true; runNumber: number; created: number; superseded: number };

/**
 * Marks the unsent decisions that were prepared on another run than `run` as superseded (state
 * vervangen), each with its audit event, inside the caller's transaction; returns how many.
 * Those on `run` itself stay: preparing again keeps what was prepared on the same run.
 */
export function supersedeOtherRuns(
  tx: Pick<Db, "update" | "select" | "insert">,
  unsent: readonly { id: number; runId: number; providerId: number }[],
  ctx: { actor: SessionUser; slug: string; zorgkantoorId: number; run: { id: number; number: number }; now: Date },
): number {
  let superseded = 0;
  for (const d of unsent) {
    if (d.runId === ctx.run.id) continue;
    tx.update(awardDecisions).set({ state: "vervangen", supersededAt: ctx.now }).where(eq(awardDecisions.id, d.id)).run();
    appendAudit(tx, {
      actorUserId: ctx.actor.id,
      action: "award.superseded",
      entityType: "award_decision",
      entityId: String(d.id),
      payload: { kader: ctx.slug, decisionId: d.id, providerId: d.providerId, byRun: ctx.run.number },
      organisationIds: [ctx.zorgkantoorId],
      at: ctx.now,
    });
    superseded++;
  }
  return superseded;
}

/**
 * Prepares a concept decision (contracted) for every provider of the chosen completed run (the
 * latest by default) that has none on it yet; unsent decisions on another run are superseded.
 * Refused once any decision of the kader was sent (a correction then follows an objection).
 */
export function prepareDecisions(actor: SessionUser, slug: string, input: { runId?: number }, db: Db = getDb(), now: Date = new Date()): Prepared | Refusal {
  const ctx = staffContext(db, actor, slug, "inkoper", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const run =
    input.runId === undefined
      ? latestDoneRun(db, kader.id)
      : (db.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kader.id), eq(scoringRuns.id, input.runId), eq(scoringRuns.status, "done"))).get() ?? null);
  if (!run) return refuse(db, actor, kader, slug, now, input.runId === undefined ? 409 : 404, "no_run", input.runId === undefined ? "Er is nog geen afgeronde scoringsronde voor dit kader." : "Deze scoringsronde bestaat niet of is niet afgerond.");
  const sent = decisionsOfKader(db, kader.id).filter((d) => d.state === "verzonden");
  if (sent.length > 0)
    return refuse(db, actor, kader, slug, now, 409, "already_sent", "De besluiten van dit kader zijn al verzonden; een gecorrigeerd besluit volgt alleen uit een bezwaar.");

  const agbs = db.select({ agb: scoringRunProviders.agbCode }).from(scoringRunProviders).where(eq(scoringRunProviders.runId, run.id)).all().map((r) => r.agb);
  const orgs = agbs.length
    ? db.select({ id: organisations.id, agb: organisations.agbCode }).from(organisations).where(and(inArray(organisations.agbCode, agbs), eq(organisations.kind, "zorgaanbieder"))).all()
    : [];
  const idOf = new Map(orgs.map((o) => [o.agb!, o.id]));

  return db.transaction(
    (tx) => {
      const existing = tx.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kader.id), inArray(awardDecisions.state, [...UNSENT]))).all();
      const superseded = supersedeOtherRuns(tx, existing, { actor, slug, zorgkantoorId: kader.zorgkantoorId, run, now });
      const onRun = new Set(existing.filter((d) => d.runId === run.id).map((d) => d.providerId));
      let created = 0;
      const cache: ContentCache = {};
      for (const agb of agbs) {
        const providerId = idOf.get(agb);
        if (providerId === undefined || onRun.has(providerId)) continue;
        // The letter's content is frozen now: later corrections of the scores do not reach this decision.
        const content = serializeContent(buildDecisionContent(db, kader, { runId: run.id, providerId, agbCode: agb }, cache));
        const row = tx
          .insert(awardDecisions)
          .values({ kaderId: kader.id, runId: run.id, providerId, agbCode: agb, contracted: true, state: "concept", preparedBy: actor.id, preparedAt: now, ...content })
          .returning({ id: awardDecisions.id })
          .get();
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "award.prepared",
          entityType: "award_decision",
          entityId: String(row.id),
          payload: { kader: slug, decisionId: row.id, providerId, run: run.number, resultSha256: run.resultSha256, contracted: true, contentSha256: content.contentSha256 },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
        created++;
      }
      return { ok: true as const, runNumber: run.number, created, superseded };
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------------------------
// The outcome of one decision

export type OutcomeInput = { contracted: boolean; reason: string };

const SENT_MESSAGE = "Dit besluit is verzonden: een verzonden besluit en zijn brief veranderen nooit meer. Een correctie volgt alleen uit een bezwaar, als nieuw besluit.";

/** Sets whether the provider is contracted (with the reason when not): only while the inkoper holds the decision. */
export function setOutcome(actor: SessionUser, slug: string, decisionId: number, input: OutcomeInput, db: Db = getDb(), now: Date = new Date()): { ok: true } | Refusal {
  const ctx = staffContext(db, actor, slug, "inkoper", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const d = decisionOfKader(db, kader.id, decisionId);
  if (!d) return refuse(db, actor, kader, slug, now, 404, "no_decision", "Dit besluit bestaat niet.", { decisionId });
  if (d.state === "verzonden") return refuse(db, actor, kader, slug, now, 409, "sent", SENT_MESSAGE, { decisionId });
  if (d.state !== "concept" && d.state !== "teruggestuurd")
    return refuse(db, actor, kader, slug, now, 409, `state_${d.state}`, `Dit besluit is ${DECISION_STATE_LABEL[d.state].toLowerCase()}; u kunt het alleen wijzigen als concept of nadat de jurist het heeft teruggestuurd.`, { decisionId });
  const reason = input.reason.trim();
  // Bad input at the field: answered, nothing written.
  if (!input.contracted && reason === "") return refusal(400, "Geef de reden waarom deze aanbieder niet wordt gecontracteerd.", `reden-${decisionId}`);
  if (reason.length > REASON_MAX) return refusal(400, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`, `reden-${decisionId}`);
  db.transaction((tx) => {
    tx.update(awardDecisions)
      .set({ contracted: input.contracted, reason: input.contracted ? null : reason, preparedBy: actor.id, preparedAt: now })
      .where(eq(awardDecisions.id, d.id))
      .run();
    appendAudit(tx, {
      actorUserId: actor.id,
      action: "award.outcome_set",
      entityType: "award_decision",
      entityId: String(d.id),
      payload: { kader: slug, decisionId: d.id, providerId: d.providerId, contracted: input.contracted, ...(input.contracted ? {} : { reasonSha256: sha256(reason) }) },
      organisationIds: [kader.zorgkantoorId],
      at: now,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Legal review

/**
 * Submits one decision, or every concept and returned decision of the kader, for legal review.
 * A returned decision is prepared again: its content is rebuilt from the stored run and the final
 * scores as they are now (the return usually asked for a correction of those), so the jurist
 * reviews, and the provider later reads, what it says after the correction. A concept keeps the
 * content it was prepared with.
 */
export function submitForReview(actor: SessionUser, slug: string, input: { decisionId?: number }, db: Db = getDb(), now: Date = new Date()): { ok: true; submitted: number } | Refusal {
  const ctx = staffContext(db, actor, slug, "inkoper", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const candidates = decisionsOfKader(db, kader.id).filter((d) => (input.decisionId === undefined || d.id === input.decisionId) && (d.state === "concept" || d.state === "teruggestuurd"));
  if (candidates.length === 0) {
    const one = input.decisionId === undefined ? null : decisionOfKader(db, kader.id, input.decisionId);
    if (input.decisionId !== undefined && !one) return refuse(db, actor, kader, slug, now, 404, "no_decision", "Dit besluit bestaat niet.", { decisionId: input.decisionId });
    return refuse(db, actor, kader, slug, now, 409, "nothing_to_submit", "Er is geen concept of teruggestuurd besluit om ter toetsing aan te bieden.", input.decisionId === undefined ? {} : { decisionId: input.decisionId });
  }
  db.transaction(
    (tx) => {
      const cache: ContentCache = {};
      for (const d of candidates) {
        const content = d.state === "teruggestuurd" ? serializeContent(buildDecisionContent(db, kader, d, cache)) : null;
        tx.update(awardDecisions)
          .set({ state: "ter_toetsing", submittedBy: actor.id, submittedAt: now, ...(content ?? {}) })
          .where(eq(awardDecisions.id, d.id))
          .run();
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "award.submitted",
          entityType: "award_decision",
          entityId: String(d.id),
          payload: {
            kader: slug,
            decisionId: d.id,
            providerId: d.providerId,
            resubmitted: d.state === "teruggestuurd",
            ...(content ? { contentSha256: content.contentSha256, contentChanged: content.contentSha256 !== d.contentSha256 } : {}),
          },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
      }
    },
    { behavior: "immediate" },
  );
  return { ok: true, submitted: candidates.length };
}

export type ReviewInput = { verdict: "approve" | "return"; remark: string };

/**
 * The jurist's verdict on a decision under review. Approval needs every consistency check to
 * hold (computed from stored data now) and another person than the one who prepared or
 * submitted it, even when that person also holds the jurist role. A return needs a remark.
 */
export function reviewDecision(actor: SessionUser, slug: string, decisionId: number, input: ReviewInput, db: Db = getDb(), now: Date = new Date()): { ok: true } | (Refusal & { failing?: string[] }) {
  const ctx = staffContext(db, actor, slug, "jurist", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const d = decisionOfKader(db, kader.id, decisionId);
  if (!d) return refuse(db, actor, kader, slug, now, 404, "no_decision", "Dit besluit bestaat niet.", { decisionId });
  if (d.state === "verzonden") return refuse(db, actor, kader, slug, now, 409, "sent", SENT_MESSAGE, { decisionId });
  if (d.state !== "ter_toetsing")
    return refuse(db, actor, kader, slug, now, 409, `state_${d.state}`, `Dit besluit is niet ter toetsing aangeboden (status: ${DECISION_STATE_LABEL[d.state].toLowerCase()}).`, { decisionId });
  const remark = input.remark.trim();
  if (remark.length > REMARK_MAX) return refusal(400, `De opmerking is te lang (hoogstens ${REMARK_MAX} tekens).`, "opmerking");
  if (input.verdict === "return" && remark === "") return refusal(400, "Schrijf bij het terugsturen wat de inkoper moet herstellen.", "opmerking");
  if (input.verdict === "approve") {
    if (actor.id === d.preparedBy || actor.id === d.submittedBy)
      return refuse(db, actor, kader, slug, now, 403, "own_decision", "U heeft dit besluit zelf voorbereid of ter toetsing aangeboden; een ander moet het goedkeuren (vier ogen).", { decisionId });
    const checks = decisionChecks(db, kader, d);
    if (!approvable(checks)) {
      const failing = checks.filter((c) => c.status === "fout");
      const r = refuse(db, actor, kader, slug, now, 409, "checks_failed", `Dit besluit kan niet worden goedgekeurd: ${failing.length === 1 ? "een controle faalt" : `${failing.length} controles falen`} (${failing.map((c) => c.title).join("; ")}). Stuur het terug met een opmerking.`, {
        decisionId,
        failing: failing.map((c) => c.id),
      });
      return { ...r, failing: failing.map((c) => c.title) };
    }
  }
  db.transaction((tx) => {
    if (input.verdict === "approve") tx.update(awardDecisions).set({ state: "goedgekeurd", approvedBy: actor.id, approvedAt: now, approvedByName: actor.name }).where(eq(awardDecisions.id, d.id)).run();
    else tx.update(awardDecisions).set({ state: "teruggestuurd", returnedBy: actor.id, returnedAt: now, returnRemark: remark }).where(eq(awardDecisions.id, d.id)).run();
    appendAudit(tx, {
      actorUserId: actor.id,
      action: input.verdict === "approve" ? "award.approved" : "award.returned",
      entityType: "award_decision",
      entityId: String(d.id),
      payload: { kader: slug, decisionId: d.id, providerId: d.providerId, ...(remark ? { remarkSha256: sha256(remark) } : {}) },
      organisationIds: [kader.zorgkantoorId],
      at: now,
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Sending

export type NotApproved = { decisionId: number; provider: string; state: string };

/** What sending would do now: the approved decisions, or why it is refused (which are not approved). */
export function sendPreconditions(db: Db, kader: KaderRow): { ok: true; count: number } | { ok: false; message: string; notApproved: NotApproved[] } {
  const active = decisionsOfKader(db, kader.id);
  const unsent = active.filter((d) => d.state !== "verzonden");
  if (unsent.length === 0)
    return { ok: false, message: active.length > 0 ? "Alle besluiten van dit kader zijn al verzonden." : "Er zijn nog geen besluiten voorbereid.", notApproved: [] };
  const notApproved = unsent.filter((d) => d.state !== "goedgekeurd").map((d) => ({ decisionId: d.id, provider: providerName(db, d.providerId), state: DECISION_STATE_LABEL[d.state] }));
  if (notApproved.length > 0)
    return {
      ok: false,
      message: `Niet elk besluit is goedgekeurd door een jurist: ${notApproved.map((n) => `${n.provider} (${n.state.toLowerCase()})`).join(", ")}. Er wordt niets verzonden.`,
      notApproved,
    };
  return { ok: true, count: unsent.length };
}

export type Sent = { ok: true; sent: number; sentAt: Date; standstillEndsAt: Date; standstillLastDay: Date };

/**
 * Sends every approved decision of the kader at once and starts the standstill (20 calendar
 * days, Europe/Amsterdam). Refused, with the decisions named, when any decision still counting
 * is not approved: all or nothing. The letters are written afterwards by the letter batch.
 */
export function sendDecisions(actor: SessionUser, slug: string, db: Db = getDb(), now: Date = new Date()): Sent | (Refusal & { notApproved?: NotApproved[] }) {
  const ctx = staffContext(db, actor, slug, "inkoper", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const pre = sendPreconditions(db, kader);
  if (!pre.ok) {
    const r = refuse(db, actor, kader, slug, now, 409, pre.notApproved.length > 0 ? "not_approved" : "nothing_to_send", pre.message, pre.notApproved.length > 0 ? { notApproved: pre.notApproved.map((n) => n.decisionId) } : {});
    return { ...r, notApproved: pre.notApproved };
  }
  const standstill = standstillFrom(now);
  const phase = currentPhase(db, kader, now);
  const sent = db.transaction(
    (tx) => {
      // Read again inside the write lock: a decision returned meanwhile stops the whole batch.
      const unsent = tx.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kader.id), inArray(awardDecisions.state, [...UNSENT]))).all();
      if (unsent.some((d) => d.state !== "goedgekeurd")) return null;
      // Sending is the provisional award: the kader's phase follows in the same transaction (there
      // is no separate "voorlopig gunnen" step). Corrected decisions sent later leave it as it is.
      if (PHASE_ORDER.indexOf(phase) < PHASE_ORDER.indexOf("voorlopig_gegund")) {
        tx.update(kaders).set({ phase: "voorlopig_gegund" }).where(eq(kaders.id, kader.id)).run();
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "kader.voorlopig_gegund",
          entityType: "kader",
          entityId: slug,
          payload: { from: phase, to: "voorlopig_gegund", by: "verzending", decisions: unsent.length },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
      }
      for (const d of unsent) {
        tx.update(awardDecisions)
          .set({ state: "verzonden", sentBy: actor.id, sentAt: now, standstillEndsAt: standstill.endsAt, standstillLastDay: standstill.lastDay })
          .where(eq(awardDecisions.id, d.id))
          .run();
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "award.sent",
          entityType: "award_decision",
          entityId: String(d.id),
          payload: { kader: slug, decisionId: d.id, providerId: d.providerId, contracted: d.contracted, standstillEndsAt: standstill.endsAt.toISOString() },
          organisationIds: [kader.zorgkantoorId, d.providerId],
          at: now,
        });
      }
      return unsent.length;
    },
    { behavior: "immediate" },
  );
  if (sent === null) return refuse(db, actor, kader, slug, now, 409, "not_approved", "Een besluit is intussen gewijzigd; niet elk besluit is goedgekeurd. Er wordt niets verzonden.");
  return { ok: true, sent, sentAt: now, standstillEndsAt: standstill.endsAt, standstillLastDay: standstill.lastDay };
}

/** A provider's own sent decision on a kader (the newest), or null: before sending it does not exist for the provider. */
export function providerDecision(db: Db, kaderId: number, providerId: number): DecisionRow | null {
  const rows = db
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.providerId, providerId), eq(awardDecisions.state, "verzonden")))
    .all();
  return rows.sort((a, b) => b.id - a.id)[0] ?? null;
}

export function userNames(db: Db, ids: (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted)).all().map((u) => [u.id, u.name]));
}

export { ACTIVE as ACTIVE_DECISION_STATES };
