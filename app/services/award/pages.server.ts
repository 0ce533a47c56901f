// What the award pages show, as plain data (no Date objects lost on the way: single fetch keeps
// them). Every page reads the stored decisions, the stored run and the stored letters; the
// checks are computed from stored data (checks.ts is pure), never from a new engine run.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { awardDecisions, kaders, objections, organisations, scoringRuns, type KaderPhase } from "../../../db/schema";
import { OBJECTION_STATE_LABEL } from "../../lib/objections";
import { currentPhase } from "../kaders/store.server";
import { correctionPreview, replacedBy } from "./corrections.server";
import { finalAwardCheck, finalAwardedAt, openBasistariefObjections, type FinalAwardCheck, type OpenBasistariefObjection } from "./final.server";
import { awardLetterBlocks, type LetterBlock } from "../../../templates/award-letter";
import type { KaderRow } from "../kaders/access.server";
import { approvable, type ConsistencyCheck } from "./checks";
import { objectableDecision } from "./gate.server";
import { DECISION_STATE_LABEL, decisionOfKader, decisionsOfKader, sendPreconditions, userNames, type NotApproved } from "./decisions.server";
import { decisionHistory, type HistoryEntry } from "./history.server";
import { letterProgress, type LetterProgress } from "./letters.server";
import { decisionChecks, decisionReference, letterViewModel, type DecisionRow } from "./stored-data.server";

export type DecisionSummary = {
  id: number;
  reference: string;
  provider: string;
  agbCode: string;
  runNumber: number;
  contracted: boolean;
  reason: string | null;
  state: DecisionRow["state"];
  stateLabel: string;
  preparedBy: string;
  preparedAt: Date;
  returnRemark: string | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  sentAt: Date | null;
  standstillLastDay: Date | null;
  letterSha256: string | null;
  /** A corrected decision: the id of the sent decision it replaces. */
  replacesId: number | null;
  /** A sent decision replaced by a sent corrected one: that one's id. */
  replacedById: number | null;
};

function summaries(db: Db, kader: KaderRow, rows: DecisionRow[]): DecisionSummary[] {
  const providerIds = [...new Set(rows.map((r) => r.providerId))];
  const names = new Map(providerIds.length ? db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, providerIds)).all().map((o) => [o.id, o.name]) : []);
  const people = userNames(db, rows.flatMap((r) => [r.preparedBy, r.returnedBy]));
  const runIds = [...new Set(rows.map((r) => r.runId))];
  const runNumbers = new Map(runIds.length ? db.select({ id: scoringRuns.id, number: scoringRuns.number }).from(scoringRuns).where(inArray(scoringRuns.id, runIds)).all().map((r) => [r.id, r.number]) : []);
  const replaced = replacedBy(db, kader.id);
  return rows
    .map((r) => ({
      replacesId: r.replacesDecisionId,
      replacedById: replaced.get(r.id) ?? null,
      id: r.id,
      reference: decisionReference(kader, r),
      provider: names.get(r.providerId) ?? String(r.providerId),
      agbCode: r.agbCode,
      runNumber: runNumbers.get(r.runId) ?? 0,
      contracted: r.contracted,
      reason: r.reason,
      state: r.state,
      stateLabel: replaced.has(r.id) ? `Verzonden; vervangen door het gecorrigeerde besluit ${replaced.get(r.id)}` : DECISION_STATE_LABEL[r.state],
      preparedBy: people.get(r.preparedBy) ?? "",
      preparedAt: r.preparedAt,
      returnRemark: r.returnRemark,
      returnedBy: r.returnedBy === null ? null : (people.get(r.returnedBy) ?? ""),
      returnedAt: r.returnedAt,
      approvedBy: r.approvedBy === null ? null : (r.approvedByName ?? ""),
      approvedAt: r.approvedAt,
      sentAt: r.sentAt,
      standstillLastDay: r.standstillLastDay,
      letterSha256: r.letterSha256,
    }))
    .sort((a, b) => a.provider.localeCompare(b.provider, "nl") || a.id - b.id);
}

export type InkoperAwardPage = {
  runs: { id: number; number: number; finishedAt: Date | null }[];
  currentRunNumber: number | null;
  decisions: DecisionSummary[];
  counts: Record<DecisionRow["state"], number>;
  send: { ok: true; count: number } | { ok: false; message: string; notApproved: NotApproved[] };
  letters: LetterProgress;
  anySent: boolean;
  /** After sending: the objections against decisions and what a correction would do now. */
  objections: { id: number; provider: string; state: string; decisionId: number | null }[];
  correction: { ok: true; runNumber: number; affected: { provider: string; objected: boolean; replaces: string }[] } | { ok: false; message: string } | null;
  /** `basistarief`: open objections against the base percentage, shown for information (they do not block). */
  final: { phase: KaderPhase; done: boolean; check: FinalAwardCheck; basistarief: OpenBasistariefObjection[] } | null;
};

export function inkoperAwardPage(db: Db, kader: KaderRow, now: Date = new Date()): InkoperAwardPage {
  const rows = decisionsOfKader(db, kader.id);
  const counts = Object.fromEntries(Object.keys(DECISION_STATE_LABEL).map((s) => [s, 0])) as Record<DecisionRow["state"], number>;
  for (const r of rows) counts[r.state]++;
  const runs = db
    .select({ id: scoringRuns.id, number: scoringRuns.number, finishedAt: scoringRuns.finishedAt })
    .from(scoringRuns)
    .where(and(eq(scoringRuns.kaderId, kader.id), eq(scoringRuns.status, "done")))
    .orderBy(desc(scoringRuns.number))
    .all();
  const decisions = summaries(db, kader, rows);
  const anySent = rows.some((r) => r.state === "verzonden");
  const phase = currentPhase(db, kader, now);
  return {
    runs,
    currentRunNumber: decisions.reduce<number | null>((n, d) => (n === null || d.runNumber > n ? d.runNumber : n), null),
    decisions,
    counts,
    send: sendPreconditions(db, kader),
    letters: letterProgress(db, kader.id),
    anySent,
    objections: anySent
      ? db
          .select({ id: objections.id, provider: organisations.name, state: objections.state, decisionId: objections.decisionId })
          .from(objections)
          .innerJoin(organisations, eq(organisations.id, objections.providerId))
          .where(and(eq(objections.kaderId, kader.id), eq(objections.kind, "besluit")))
          .orderBy(objections.id)
          .all()
          .map((o) => ({ ...o, state: OBJECTION_STATE_LABEL[o.state] }))
      : [],
    correction: !anySent
      ? null
      : (() => {
          const p = correctionPreview(db, kader);
          return p.ok
            ? { ok: true as const, runNumber: p.run.number, affected: p.affected.map((a) => ({ provider: a.provider, objected: a.objected, replaces: decisionReference(kader, a.decision) })) }
            : { ok: false as const, message: p.message };
        })(),
    final: anySent ? { phase, done: phase === "definitief_gegund", check: finalAwardCheck(db, kader.id, now), basistarief: openBasistariefObjections(db, kader.id) } : null,
  };
}

export type QueueItem = DecisionSummary & { failing: number; warnings: number };

/** The jurist's queue: every decision that counts, with the outcome of its checks. */
export function juristQueue(db: Db, kader: KaderRow): QueueItem[] {
  const rows = decisionsOfKader(db, kader.id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return summaries(db, kader, rows).map((s) => {
    const checks = decisionChecks(db, kader, byId.get(s.id)!);
    return { ...s, failing: checks.filter((c) => c.status === "fout").length, warnings: checks.filter((c) => c.status === "waarschuwing").length };
  });
}

export type JuristDecisionPage = {
  decision: DecisionSummary;
  submittedBy: string | null;
  checks: ConsistencyCheck[];
  approvable: boolean;
  /** The viewer prepared or submitted it: four eyes forbid approving. */
  ownDecision: boolean;
  letter: LetterBlock[];
  history: (Omit<HistoryEntry, "at"> & { at: Date })[];
};

export function juristDecisionPage(db: Db, kader: KaderRow, d: DecisionRow, viewerId: number): JuristDecisionPage {
  const checks = decisionChecks(db, kader, d);
  const people = userNames(db, [d.submittedBy]);
  return {
    decision: summaries(db, kader, [d])[0]!,
    submittedBy: d.submittedBy === null ? null : (people.get(d.submittedBy) ?? null),
    checks,
    approvable: approvable(checks),
    ownDecision: viewerId === d.preparedBy || viewerId === d.submittedBy,
    letter: awardLetterBlocks(letterViewModel(db, kader, d)),
    history: decisionHistory(db, kader, d),
  };
}

/** The kaders of the jurist's zorgkantoor that have decisions, with how many await review. */
export function juristKaders(db: Db, zorgkantoorId: number): { slug: string; title: string; total: number; underReview: number }[] {
  const rows = db
    .select({ slug: kaders.slug, title: kaders.title, state: awardDecisions.state })
    .from(awardDecisions)
    .innerJoin(kaders, eq(kaders.id, awardDecisions.kaderId))
    .where(eq(kaders.zorgkantoorId, zorgkantoorId))
    .all()
    .filter((r) => r.state !== "vervangen");
  const out = new Map<string, { slug: string; title: string; total: number; underReview: number }>();
  for (const r of rows) {
    const e = out.get(r.slug) ?? { slug: r.slug, title: r.title, total: 0, underReview: 0 };
    e.total++;
    if (r.state === "ter_toetsing") e.underReview++;
    out.set(r.slug, e);
  }
  return [...out.values()].sort((a, b) => a.title.localeCompare(b.title, "nl"));
}

export type ProviderDecisionPage = {
  reference: string;
  contracted: boolean;
  reason: string | null;
  sentAt: Date;
  standstillLastDay: Date;
  standstillEndsAt: Date;
  approvedBy: string | null;
  letterSha256: string | null;
  letter: LetterBlock[];
  /** A corrected decision: the earlier (sent) decision it replaces, and why. */
  replaces: { reference: string; sentAt: Date | null; reason: string } | null;
  /** The standstill of this decision is running: the provider can object to it now. */
  objectable: boolean;
  /** When the zorgkantoor made the award final; null while it is provisional. */
  finalSince: Date | null;
};

export function providerDecisionPage(db: Db, kader: KaderRow, d: DecisionRow, now: Date = new Date()): ProviderDecisionPage {
  const replaced = d.replacesDecisionId === null ? null : (decisionOfKader(db, kader.id, d.replacesDecisionId) ?? null);
  return {
    replaces: replaced ? { reference: decisionReference(kader, replaced), sentAt: replaced.sentAt, reason: d.replacesReason ?? "" } : null,
    objectable: objectableDecision(db, kader.id, d.providerId, now)?.id === d.id,
    finalSince: finalAwardedAt(db, kader),
    reference: decisionReference(kader, d),
    contracted: d.contracted,
    reason: d.reason,
    sentAt: d.sentAt!,
    standstillLastDay: d.standstillLastDay!,
    standstillEndsAt: d.standstillEndsAt!,
    approvedBy: d.approvedByName,
    letterSha256: d.letterSha256,
    letter: awardLetterBlocks(letterViewModel(db, kader, d)),
  };
}
