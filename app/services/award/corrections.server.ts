// Corrected decisions (issue 12): after a jurist decides an objection against a decision
// gegrond or deels gegrond, the scores are corrected through the assessment (the consensus
// correction) and a correction run is started (the scoring runs' own machinery: every run
// after the first corrects the previous one, with a reason). Then the inkoper prepares the
// corrected decisions: a new concept decision per affected provider, naming the sent decision it
// replaces and why. The sent decision and its letter never change (migration 0013); the corrected
// one goes through legal review and sending like any other, and the provider then reads it as the
// decision that counts (its newest sent decision).
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { canonicalJson } from "../../../db/canonical-json";
import { awardDecisions, objections, organisations, scoringRunProviders, scoringRuns } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { appendAudit, getDb } from "../db.server";
import type { KaderRow } from "../kaders/access.server";
import { refusal, type Refusal } from "../submissions/context.server";
import { REASON_MAX, UNSENT, decisionsOfKader, refuse, staffContext, supersedeOtherRuns } from "./decisions.server";
import { buildDecisionContent, decisionContent, latestDoneRun, serializeContent, type ContentCache, type DecisionContent, type DecisionRow } from "./stored-data.server";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The newest sent decision per provider of the kader: the one that counts for it. */
export function currentSentDecisions(db: Pick<Db, "select">, kaderId: number): Map<number, DecisionRow> {
  const rows = db.select().from(awardDecisions).where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.state, "verzonden"))).all();
  const out = new Map<number, DecisionRow>();
  for (const r of rows) if ((out.get(r.providerId)?.id ?? -1) < r.id) out.set(r.providerId, r);
  return out;
}

export type UpheldObjection = { id: number; providerId: number; decisionId: number; state: "gegrond" | "deels_gegrond" };

/**
 * Objections against a decision decided gegrond or deels gegrond whose decision still counts
 * (no corrected decision replacing it has been sent yet): each waits for a corrected decision.
 */
export function upheldAwaitingCorrection(db: Pick<Db, "select">, kaderId: number): UpheldObjection[] {
  const current = currentSentDecisions(db, kaderId);
  return db
    .select({ id: objections.id, providerId: objections.providerId, decisionId: objections.decisionId, state: objections.state })
    .from(objections)
    .where(and(eq(objections.kaderId, kaderId), eq(objections.kind, "besluit"), inArray(objections.state, ["gegrond", "deels_gegrond"]), isNotNull(objections.decisionId)))
    .all()
    .filter((o) => current.get(o.providerId)?.id === o.decisionId)
    .map((o) => ({ id: o.id, providerId: o.providerId, decisionId: o.decisionId!, state: o.state as UpheldObjection["state"] }));
}

/** Corrected decisions prepared but not yet sent (concept, under review, returned or approved). */
export function pendingCorrectedDecisions(db: Pick<Db, "select">, kaderId: number): DecisionRow[] {
  return db
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), isNotNull(awardDecisions.replacesDecisionId), inArray(awardDecisions.state, [...UNSENT])))
    .all();
}

/**
 * What a provider's letter states from the run (tariffs, yearly amount, module points, percent,
 * rank and the field's best): when this differs between the sent decision's frozen content and
 * the content the new run would give, its decision changes with the correction. Changed scores
 * are also found by the runs' inputs (below); a corrected motivation alone, with the same score,
 * counts only for the objector.
 */
function letterOutcome(content: DecisionContent): string {
  const vm = content.letter;
  return canonicalJson({
    tariffs: vm.tariffs.map((t) => [t.prestatie, t.targetGroup, t.percent, t.tariff]),
    yearlyAmount: vm.yearlyAmount,
    modules: vm.modules.map((m) => [m.label, m.targetGroup, m.points, m.percent, m.knockout, m.rank, m.fieldBest]),
  });
}

export type CorrectionPreview = {
  ok: true;
  run: { id: number; number: number };
  objections: UpheldObjection[];
  /** The sent decisions that get a corrected decision, with the provider's name and why. */
  affected: { decision: DecisionRow; provider: string; objected: boolean }[];
};

/** What preparing corrected decisions would do now, or why it cannot (Dutch). */
export function correctionPreview(db: Db, kader: KaderRow): CorrectionPreview | { ok: false; status: 409; reason: string; message: string } {
  const upheld = upheldAwaitingCorrection(db, kader.id);
  if (upheld.length === 0)
    return { ok: false, status: 409, reason: "no_upheld_objection", message: "Er is geen (deels) gegrond bezwaar tegen een besluit dat nog op een gecorrigeerd besluit wacht." };
  const run = latestDoneRun(db, kader.id);
  const current = currentSentDecisions(db, kader.id);
  const objected = upheld.map((o) => current.get(o.providerId)!);
  const runNumberOf = (runId: number) => db.select({ number: scoringRuns.number }).from(scoringRuns).where(eq(scoringRuns.id, runId)).get()?.number ?? 0;
  if (!run || objected.some((d) => runNumberOf(d.runId) >= run.number))
    return {
      ok: false,
      status: 409,
      reason: "no_correction_run",
      message:
        "Start eerst een correctieronde: corrigeer de scores waar het bezwaar om vraagt (de consensus van het plan) en start op de pagina Scoringsrondes een nieuwe ronde met de reden. Het gecorrigeerde besluit wordt opgemaakt uit die ronde.",
    };
  const objectingProviders = new Set(upheld.map((o) => o.providerId));
  const names = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, [...current.keys()]))
      .all()
      .map((o) => [o.id, o.name]),
  );
  const inRun = new Set(db.select({ agb: scoringRunProviders.agbCode }).from(scoringRunProviders).where(eq(scoringRunProviders.runId, run.id)).all().map((r) => r.agb));
  // Each run's inputs per provider (its scores and facts), canonical: a provider whose scores were
  // corrected has a changed letter even when its tariffs and rank stay the same.
  const inputsByRun = new Map<number, Map<string, string>>();
  const inputsOf = (runId: number, agb: string) => {
    let m = inputsByRun.get(runId);
    if (!m) {
      const json = db.select({ inputs: scoringRuns.inputsJson }).from(scoringRuns).where(eq(scoringRuns.id, runId)).get()?.inputs ?? "{}";
      const providers = (JSON.parse(json) as { providers?: ({ id: string } & Record<string, unknown>)[] }).providers ?? [];
      m = new Map(providers.map((p) => [p.id, canonicalJson(p)]));
      inputsByRun.set(runId, m);
    }
    return m.get(agb) ?? null;
  };
  const affected: CorrectionPreview["affected"] = [];
  const cache: ContentCache = {};
  for (const d of [...current.values()].sort((a, b) => a.id - b.id)) {
    // A provider the new run does not contain has no lines to write a letter from: it keeps its decision.
    if (!inRun.has(d.agbCode)) continue;
    const objectedHere = objectingProviders.has(d.providerId);
    if (
      !objectedHere &&
      inputsOf(d.runId, d.agbCode) === inputsOf(run.id, d.agbCode) &&
      letterOutcome(decisionContent(db, kader, d)) === letterOutcome(buildDecisionContent(db, kader, { ...d, runId: run.id }, cache))
    )
      continue;
    affected.push({ decision: d, provider: names.get(d.providerId) ?? String(d.providerId), objected: objectedHere });
  }
  return { ok: true, run: { id: run.id, number: run.number }, objections: upheld, affected };
}

export type CorrectionsPrepared = { ok: true; runNumber: number; created: number; superseded: number; providers: string[] };

/**
 * Prepares the corrected decisions from the latest completed run (a correction run started after
 * the objection's decision): a concept per affected provider (every provider with an upheld
 * objection, and every provider whose letter's tariffs, amounts, points or rank change), copying
 * the outcome of the decision it replaces, with the reason the provider will read. Corrected
 * concepts from an older run are superseded; those from this run are kept. One transaction, one
 * audit event per decision written.
 */
export function prepareCorrectedDecisions(actor: SessionUser, slug: string, input: { reason: string }, db: Db = getDb(), now: Date = new Date()): CorrectionsPrepared | Refusal {
  const ctx = staffContext(db, actor, slug, "inkoper", now);
  if (!ctx.ok) return ctx;
  const { kader } = ctx;
  const reason = input.reason.replace(/\r\n?/g, "\n").trim();
  // Bad input at the field: answered, nothing written.
  if (reason === "") return refusal(400, "Geef de reden van de correctie: de aanbieder leest haar in het gecorrigeerde besluit.", "reden");
  if (reason.length > REASON_MAX) return refusal(400, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`, "reden");
  const preview = correctionPreview(db, kader);
  if (!preview.ok) return refuse(db, actor, kader, slug, now, preview.status, preview.reason, preview.message);
  const { run } = preview;

  return db.transaction(
    (tx) => {
      const pending = tx
        .select()
        .from(awardDecisions)
        .where(and(eq(awardDecisions.kaderId, kader.id), isNotNull(awardDecisions.replacesDecisionId), inArray(awardDecisions.state, [...UNSENT])))
        .all();
      const superseded = supersedeOtherRuns(tx, pending, { actor, slug, zorgkantoorId: kader.zorgkantoorId, run, now });
      const onRun = new Set(pending.filter((d) => d.runId === run.id).map((d) => d.providerId));
      const providers: string[] = [];
      const cache: ContentCache = {};
      for (const { decision: old, provider, objected } of preview.affected) {
        if (onRun.has(old.providerId)) continue;
        // Frozen now, from the correction run and the corrected scores; the sent decision keeps its own.
        const content = serializeContent(buildDecisionContent(db, kader, { runId: run.id, providerId: old.providerId, agbCode: old.agbCode }, cache));
        const row = tx
          .insert(awardDecisions)
          .values({
            kaderId: kader.id,
            runId: run.id,
            providerId: old.providerId,
            agbCode: old.agbCode,
            contracted: old.contracted,
            reason: old.reason,
            state: "concept",
            preparedBy: actor.id,
            preparedAt: now,
            replacesDecisionId: old.id,
            replacesReason: reason,
            ...content,
          })
          .returning({ id: awardDecisions.id })
          .get();
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "award.correction_prepared",
          entityType: "award_decision",
          entityId: String(row.id),
          payload: {
            kader: slug,
            decisionId: row.id,
            providerId: old.providerId,
            replaces: old.id,
            run: run.number,
            objections: preview.objections.filter((o) => o.providerId === old.providerId).map((o) => o.id),
            objected,
            reasonSha256: sha256(reason),
            contentSha256: content.contentSha256,
          },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
        providers.push(provider);
      }
      return { ok: true as const, runNumber: run.number, created: providers.length, superseded, providers };
    },
    { behavior: "immediate" },
  );
}

/** For the pages: which sent decision a later sent decision replaces (old id → the replacing decision's id). */
export function replacedBy(db: Pick<Db, "select">, kaderId: number): Map<number, number> {
  const rows = db
    .select({ id: awardDecisions.id, replaces: awardDecisions.replacesDecisionId })
    .from(awardDecisions)
    .where(and(eq(awardDecisions.kaderId, kaderId), eq(awardDecisions.state, "verzonden"), isNotNull(awardDecisions.replacesDecisionId)))
    .all();
  return new Map(rows.map((r) => [r.replaces!, r.id]));
}

export { decisionsOfKader };
