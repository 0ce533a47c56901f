// What a decision's letter and its consistency checks are built from: only stored rows (the
// scoring run with its result document, the final scores, the assessors' submissions and
// declarations, the kader versions). Nothing here computes a tariff: the letter's numbers and
// the run's numbers are both read from the run as it was stored.
//
// A decision's content (its letter, apart from what follows from its own row, and what the checks
// read beyond the stored run: the plans' scores, assessors and declarations, the matching field
// motivations) is frozen when the decision is prepared, as canonical JSON with its SHA-256 in the
// decision's row (migration 0016). Final scores change after an upheld objection (the consensus
// correction); a decision prepared earlier, and certainly one that was sent, keeps saying and
// being checked against what it said when it was prepared.
import { and, desc, eq, inArray, lte } from "drizzle-orm";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { Db } from "../../../db/client.server";
import { canonicalJson } from "../../../db/canonical-json";
import {
  assessmentConflictDeclarations,
  assessmentFinalScores,
  assessmentScores,
  assessmentScoreSubmissions,
  awardDecisions,
  kaderVersions,
  organisations,
  scoringRunProviders,
  scoringRuns,
  users,
} from "../../../db/schema";
import { assessmentMethod, expandRunResult, parseKader, type Kader, type ModuleResult, type PointsSurcharge, type RankFinding, type Result, type RunResult } from "../../../scoring";
import type { AwardLetterViewModel } from "../../../templates/award-letter";
import { standstillFrom } from "../../lib/standstill";
import { tariffsForScoring } from "../tariff-tables.server";
import type { KaderRow } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";
import { consistencyChecks, type ConsistencyCheck, type FieldMotivation, type PlanUnderReview } from "./checks";
import { awardLetterViewModel, type FinalScoreRecord } from "./letter-view-model";

export type DecisionRow = typeof awardDecisions.$inferSelect;
type RunRow = typeof scoringRuns.$inferSelect;

/** The marker the assessment writes between a final motivation and what was missing (assessment/score-input.server.ts). */
const MISSING_MARK = "\n\nWat ontbrak voor de maximale score: ";

/** A stored final motivation split into the motivation and what was missing (null when none was written). */
export function splitMotivation(stored: string): { motivation: string; missing: string | null } {
  const at = stored.indexOf(MISSING_MARK);
  if (at < 0) return { motivation: stored, missing: null };
  return { motivation: stored.slice(0, at), missing: stored.slice(at + MISSING_MARK.length) };
}

// The expanded result of a run, kept for the last few runs (a letter batch reads the same run
// for every provider; a completed run never changes, so a cached copy is never stale).
const resultCache = new WeakMap<Db, Map<number, Result>>();
function runResult(db: Db, run: RunRow): Result {
  let cache = resultCache.get(db);
  if (!cache) resultCache.set(db, (cache = new Map()));
  const hit = cache.get(run.id);
  if (hit) return hit;
  if (!run.resultGz) throw new Error(`scoring run ${run.id} has no stored result`);
  const result = expandRunResult(JSON.parse(gunzipSync(run.resultGz).toString("utf8")) as RunResult);
  if (cache.size >= 3) cache.delete(cache.keys().next().value!);
  cache.set(run.id, result);
  return result;
}

function runKader(db: Db, run: RunRow): { kader: Kader; version: typeof kaderVersions.$inferSelect } {
  const version = db.select().from(kaderVersions).where(eq(kaderVersions.id, run.kaderVersionId)).get()!;
  const parsed = parseKader(version.content);
  if (!parsed.ok) throw new Error(`kader version ${version.id} no longer parses`);
  return { kader: parsed.value, version };
}

export function decisionReference(kader: Pick<KaderRow, "slug">, d: Pick<DecisionRow, "agbCode" | "id">): string {
  return `${kader.slug}/${d.agbCode}/${d.id}`;
}

const groupOf = (id: string) => (id === "" ? null : id);


function finalScores(db: Db, kaderId: number, providerId: number) {
  return db.select().from(assessmentFinalScores).where(and(eq(assessmentFinalScores.kaderId, kaderId), eq(assessmentFinalScores.providerId, providerId))).all();
}

/** What a decision's content is built from: its run and provider (and, for the reference, nothing: that follows from the row). */
export type ContentSource = Pick<DecisionRow, "runId" | "providerId" | "agbCode">;

/**
 * The frozen part of the letter: the view model without what follows from the decision's own row
 * (reference, outcome, state, date, standstill, approval, what it replaces), which the row's
 * triggers keep as they were once it is sent.
 */
export type FrozenLetter = Omit<AwardLetterViewModel, "reference" | "state" | "date" | "decision" | "standstill" | "approval" | "replaces">;

export type DecisionContent = {
  format: typeof CONTENT_FORMAT;
  letter: FrozenLetter;
  review: {
    /** The target group id of each letter line (the letter shows labels), in the letter's order. */
    lineTargetGroups: (string | null)[];
    plans: PlanUnderReview[];
    /** The kader's final motivations whose text matches one of this provider's (the reuse check looks at no others). */
    field: FieldMotivation[];
  };
};

export const CONTENT_FORMAT = "zorginkoop.besluit-inhoud/v1";

/** Per preparation: what every decision of a kader reads alike (the field's final motivations). */
export type ContentCache = { field?: Map<string, FieldMotivation[]> };

const motivationKey = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

function fieldByText(db: Db, kaderId: number, cache: ContentCache): Map<string, FieldMotivation[]> {
  if (cache.field) return cache.field;
  const byText = new Map<string, FieldMotivation[]>();
  const rows = db
    .select({ providerId: assessmentFinalScores.providerId, agb: organisations.agbCode, m: assessmentFinalScores })
    .from(assessmentFinalScores)
    .innerJoin(organisations, eq(organisations.id, assessmentFinalScores.providerId))
    .where(eq(assessmentFinalScores.kaderId, kaderId))
    .all();
  for (const r of rows) {
    const m: FieldMotivation = {
      provider: r.agb ?? String(r.providerId),
      module: r.m.moduleId,
      targetGroup: groupOf(r.m.targetGroupId),
      criterion: r.m.criterionId,
      score: r.m.score,
      motivation: splitMotivation(r.m.motivation).motivation,
    };
    const key = motivationKey(m.motivation);
    if (key !== "") byText.set(key, [...(byText.get(key) ?? []), m]);
  }
  return (cache.field = byText);
}

/**
 * Builds a decision's content from the stored run and the final scores, assessors and declarations
 * as they are now. Called when a decision is prepared (and prepared again after a return), and by
 * the correction preview for a decision that does not exist yet; never for showing a decision
 * that has content. Inside a write transaction the caller passes the connection itself (one
 * better-sqlite3 connection: its reads see the transaction's writes).
 */
export function buildDecisionContent(db: Db, kader: KaderRow, d: ContentSource, cache: ContentCache = {}): DecisionContent {
  const run = db.select().from(scoringRuns).where(eq(scoringRuns.id, d.runId)).get()!;
  const { kader: k, version } = runKader(db, run);
  const result = runResult(db, run);
  const provider = db.select().from(organisations).where(eq(organisations.id, d.providerId)).get()!;
  const zorgkantoor = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, kader.zorgkantoorId)).get()!.name;
  const budget = db.select({ total: scoringRunProviders.budgetTotal }).from(scoringRunProviders).where(and(eq(scoringRunProviders.runId, run.id), eq(scoringRunProviders.agbCode, d.agbCode))).get();
  const finals = finalScores(db, kader.id, d.providerId);
  const scores: FinalScoreRecord[] = finals.map((s) => ({
    module: s.moduleId,
    targetGroup: s.targetGroupId === "" ? null : s.targetGroupId,
    criterion: s.criterionId,
    score: s.score,
    ...splitMotivation(s.motivation),
  }));
  const lines = result.lines.filter((l) => l.provider === d.agbCode);
  // Built as a concept; only the frozen part is kept (the rest follows from the row when shown).
  const vm = awardLetterViewModel({
    zorgkantoor,
    kader: k,
    kaderVersion: { number: version.number, contentHash: version.contentHash },
    tariffs: tariffsForScoring(run.tariffTableId, db),
    provider: { name: provider.name, agb: d.agbCode },
    reference: "",
    state: "concept",
    date: new Date(0),
    decision: { contracted: true },
    lines,
    modules: result.modules.filter((m) => m.provider === d.agbCode),
    yearlyAmount: budget?.total ?? null,
    fieldModules: result.modules,
    fieldBest: run.fieldBestJson ? JSON.parse(run.fieldBestJson) : [],
    scores,
    run: { number: run.number, resultSha256: run.resultSha256 ?? "", inputsSha256: run.inputsSha256, engineVersion: run.engineVersion },
    standstill: null,
    approval: null,
    replaces: null,
  });
  const { reference: _r, state: _s, date: _d, decision: _o, standstill: _t, approval: _a, replaces: _p, ...letter } = vm;

  // Plans: the provider's final scores, the assessors who submitted on each plan, their declarations.
  const submissions = db
    .select()
    .from(assessmentScoreSubmissions)
    .where(and(eq(assessmentScoreSubmissions.kaderId, kader.id), eq(assessmentScoreSubmissions.providerId, d.providerId)))
    .all();
  const individual = db
    .select()
    .from(assessmentScores)
    .where(and(eq(assessmentScores.kaderId, kader.id), eq(assessmentScores.providerId, d.providerId)))
    .all();
  const declarations = db
    .select()
    .from(assessmentConflictDeclarations)
    .where(and(eq(assessmentConflictDeclarations.kaderId, kader.id), eq(assessmentConflictDeclarations.providerId, d.providerId)))
    .all();
  const assessorIds = [...new Set(submissions.map((s) => s.assessorUserId))];
  const names = new Map(assessorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assessorIds)).all().map((u) => [u.id, u.name]) : []);
  const runModules = (JSON.parse(run.modulesJson ?? "[]") as ModuleResult[]).filter((m) => m.provider === d.agbCode);
  const planKeys = new Map<string, { module: string; targetGroup: string }>();
  for (const m of runModules) planKeys.set(`${m.module}\u0000${m.targetGroup ?? ""}`, { module: m.module, targetGroup: m.targetGroup ?? "" });
  for (const f of finals) planKeys.set(`${f.moduleId}\u0000${f.targetGroupId}`, { module: f.moduleId, targetGroup: f.targetGroupId });
  const plans: PlanUnderReview[] = [...planKeys.values()].map((p) => {
    const here = <T extends { moduleId: string; targetGroupId: string }>(rows: T[]) => rows.filter((r) => r.moduleId === p.module && r.targetGroupId === p.targetGroup);
    const submittedIds = new Set(here(submissions).map((s) => s.assessorUserId));
    return {
      module: p.module,
      targetGroup: groupOf(p.targetGroup),
      scores: here(finals).map((f) => ({
        criterion: f.criterionId,
        score: f.score,
        ...splitMotivation(f.motivation),
        method: f.method,
        deviationReason: f.deviationReason,
        individual: here(individual)
          .filter((s) => s.criterionId === f.criterionId && submittedIds.has(s.assessorUserId) && s.score !== null)
          .map((s) => s.score!),
      })),
      assessors: [...submittedIds].map((id) => {
        const declaration = declarations.find((x) => x.assessorUserId === id);
        return { name: names.get(id) ?? String(id), conflictDeclared: declaration !== undefined, conflicted: declaration?.conflict === true };
      }),
    };
  });

  // The field's motivations with the same text as one of this provider's, this provider's own included.
  const byText = fieldByText(db, kader.id, cache);
  const ownTexts = new Set(finals.map((f) => motivationKey(splitMotivation(f.motivation).motivation)).filter((t) => t !== ""));
  const field = [...ownTexts].flatMap((t) => byText.get(t) ?? []);

  return { format: CONTENT_FORMAT, letter, review: { lineTargetGroups: lines.map((l) => l.targetGroup ?? null), plans, field } };
}

/** The content's canonical JSON and its SHA-256, as stored in the decision's row. */
export function serializeContent(content: DecisionContent): { contentJson: string; contentSha256: string } {
  const contentJson = canonicalJson(content);
  return { contentJson, contentSha256: createHash("sha256").update(contentJson, "utf8").digest("hex") };
}

/**
 * A decision's frozen content, its hash checked. A row without content was prepared before
 * migration 0016 (an older database): its content is built from the current data, as every
 * decision's was then; such a row cannot be given content once past concept (the trigger).
 */
export function decisionContent(db: Db, kader: KaderRow, d: DecisionRow): DecisionContent {
  if (d.contentJson === null || d.contentSha256 === null) return buildDecisionContent(db, kader, d);
  const sha = createHash("sha256").update(d.contentJson, "utf8").digest("hex");
  if (sha !== d.contentSha256) throw new Error(`award decision ${d.id}: stored content does not match its SHA-256`);
  const content = JSON.parse(d.contentJson) as DecisionContent;
  if (content.format !== CONTENT_FORMAT) throw new Error(`award decision ${d.id}: unknown content format ${String(content.format)}`);
  return content;
}

/** The letter's view model for a decision: its frozen content, with what follows from its row. */
export function letterViewModel(db: Db, kader: KaderRow, d: DecisionRow, content: DecisionContent = decisionContent(db, kader, d)): AwardLetterViewModel {
  const replaced = d.replacesDecisionId === null ? null : db.select().from(awardDecisions).where(eq(awardDecisions.id, d.replacesDecisionId)).get();
  const sent = d.state === "verzonden" && d.sentAt !== null;
  return {
    ...content.letter,
    reference: decisionReference(kader, d),
    state: sent ? "verzonden" : "concept",
    date: sent ? d.sentAt! : d.preparedAt,
    decision: d.contracted ? { contracted: true } : { contracted: false, reason: d.reason ?? "" },
    standstill: sent ? { ...standstillFrom(d.sentAt!), lastDay: d.standstillLastDay!, endsAt: d.standstillEndsAt! } : null,
    // The name as stored at the approval (migration 0017, required there): a later rename does not reach a letter.
    approval: d.approvedBy !== null && d.approvedAt !== null ? { jurist: d.approvedByName ?? "", at: d.approvedAt } : null,
    replaces: replaced ? { reference: decisionReference(kader, replaced), reason: d.replacesReason ?? "" } : null,
  };
}


/** Dutch words for a stored rank-order finding. */
function describeFinding(f: RankFinding, k: Kader): string {
  const module = k.surcharges.find((s): s is PointsSurcharge => s.kind === "points" && s.id === f.module);
  const group = f.targetGroup === null ? "" : `, ${module?.targetGroups?.find((g) => g.id === f.targetGroup)?.label ?? f.targetGroup}`;
  return `${module?.label ?? f.module}${group}: zonder aanbieder ${f.provider} gaat de beste score van ${f.bestWith} naar ${f.bestWithout} punten; dan verandert de uitkomst van ${f.changes.length} andere aanbieder(s).`;
}

/**
 * The kader version the checks hold the run against: the latest published one, or, for a sent
 * decision, the one in force when it was sent (a later amendment does not change what the checks
 * of a sent decision said).
 */
function versionForChecks(db: Db, kader: KaderRow, d: DecisionRow) {
  if (d.state === "verzonden" && d.sentAt !== null) {
    const atSending = db
      .select()
      .from(kaderVersions)
      .where(and(eq(kaderVersions.kaderId, kader.id), lte(kaderVersions.publishedAt, d.sentAt)))
      .orderBy(desc(kaderVersions.number))
      .limit(1)
      .get();
    if (atSending) return atSending;
  }
  return latestVersion(db, kader.id)!;
}

/**
 * The consistency checks of a decision: its frozen content (what the letter says, the plans as
 * they were when it was prepared) against the stored run and the published kader.
 */
export function decisionChecks(db: Db, kader: KaderRow, d: DecisionRow): ConsistencyCheck[] {
  const run = db.select().from(scoringRuns).where(eq(scoringRuns.id, d.runId)).get()!;
  const { kader: runK } = runKader(db, run);
  const current = versionForChecks(db, kader, d);
  const parsed = parseKader(current.content);
  if (!parsed.ok) throw new Error(`published kader version ${current.id} no longer parses`);
  const published = parsed.value;
  const content = decisionContent(db, kader, d);

  // The letter's criteria (ids and weights) as the run's kader gave them to the letter.
  const runModules = (JSON.parse(run.modulesJson ?? "[]") as ModuleResult[]).filter((m) => m.provider === d.agbCode);
  const runPoints = new Map(runK.surcharges.filter((s): s is PointsSurcharge => s.kind === "points").map((s) => [s.id, s]));
  const letterCriteria = runModules.flatMap((m) => (runPoints.get(m.module)?.criteria ?? []).map((c) => ({ module: m.module, criterion: c.id, weight: String(c.weight ?? 1) })));

  // The run: every provider's stored lines, and each provider's inputs without who it is.
  const lines = db
    .select()
    .from(scoringRunProviders)
    .where(eq(scoringRunProviders.runId, run.id))
    .all()
    .flatMap((r) =>
      (JSON.parse(r.linesJson) as [string, string | null, string, string][]).map(([prestatie, targetGroup, percent, tariff]) => ({ provider: r.agbCode, prestatie, targetGroup, percent, tariff })),
    );
  const inputs = JSON.parse(run.inputsJson) as { providers: ({ id: string; name?: string } & Record<string, unknown>)[] };
  const inputsWithoutIdentity = new Map<string, string>();
  for (const p of inputs.providers) {
    const { id, name: _name, ...rest } = p;
    inputsWithoutIdentity.set(id, canonicalJson(rest));
  }
  const findings = run.rankFindingsJson ? (JSON.parse(run.rankFindingsJson) as RankFinding[]) : [];

  return consistencyChecks({
    currentVersionId: current.id,
    publishedKader: published,
    requiredAssessors: assessmentMethod(published).assessors,
    decision: {
      provider: d.agbCode,
      plans: content.review.plans,
      // What the frozen letter states, line by line, with the target group ids it was built from.
      letterLines: content.letter.tariffs.map((t, i) => ({ prestatie: t.prestatie, targetGroup: content.review.lineTargetGroups[i] ?? null, percent: t.percent, tariff: t.tariff })),
      letterCriteria,
    },
    run: { kaderVersionId: run.kaderVersionId, kader: runK, lines, inputsWithoutIdentity, rankWarnings: findings.map((f) => describeFinding(f, runK)) },
    field: content.review.field,
  });
}

export { runResult as storedRunResult };

/** The latest completed run of a kader, or null. */
export function latestDoneRun(db: Db, kaderId: number): RunRow | null {
  return db.select().from(scoringRuns).where(and(eq(scoringRuns.kaderId, kaderId), eq(scoringRuns.status, "done"))).orderBy(desc(scoringRuns.number)).limit(1).get() ?? null;
}
