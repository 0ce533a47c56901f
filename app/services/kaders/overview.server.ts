import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, regions, tariffTables } from "../../../db/schema";
import { toAmsterdamLocal } from "../../lib/amsterdam-time";
import { getDb } from "../db.server";
import { listTariffTables } from "../tariff-tables.server";
import { MANUAL_TRANSITIONS, PHASE_LABEL } from "./lifecycle";
import { listNotices, unpublishedAnswers } from "./publication.server";
import { listOwnQuestions, listQuestionsForStaff } from "./questions.server";
import { currentPhase, kaderRegionIds, listVersions, validateDraft } from "./store.server";

type KaderRow = typeof kaders.$inferSelect;

/** What both the staff page and the public page show at the top: identity, phase, versions. */
function kaderHeader(db: Db, kader: KaderRow, now: Date) {
  const phase = currentPhase(db, kader, now);
  const versions = versionSummaries(db, kader.id);
  return { slug: kader.slug, title: kader.title, year: kader.year, phase, phaseLabel: PHASE_LABEL[phase], versions, last: versions.at(-1) ?? null };
}

function versionSummaries(db: Db, kaderId: number) {
  return listVersions(db, kaderId).map((v) => ({
    number: v.number,
    contentHash: v.contentHash,
    publishedAt: v.publishedAt.toISOString(),
    opensAt: v.opensAt.toISOString(),
    closesAt: v.closesAt.toISOString(),
    questionsUntil: v.questionsUntil.toISOString(),
    noticeId: v.noticeId,
    tariffTableId: v.tariffTableId,
  }));
}

function noticeSummaries(db: Db, kaderId: number) {
  return listNotices(db, kaderId).map((n) => ({ number: n.number, title: n.title, body: n.body, publishedAt: n.publishedAt.toISOString() }));
}

function regionNames(db: Db, kaderId: number) {
  const ids = kaderRegionIds(db, kaderId);
  return ids.length === 0 ? [] : db.select().from(regions).where(inArray(regions.id, ids)).all().map((r) => `${r.name} (${r.code})`);
}

/** What the inkoper's kader page shows: phase, settings, versions, questions, next steps. */
export function loadStaffOverview(kader: KaderRow, db: Db = getDb(), now = new Date()) {
  const { last, ...header } = kaderHeader(db, kader, now);
  const { phase } = header;
  const { issues } = validateDraft(db, kader.draft, kader.tariffTableId);
  const table = kader.tariffTableId ? db.select().from(tariffTables).where(eq(tariffTables.id, kader.tariffTableId)).get() ?? null : null;
  return {
    ...header,
    nextTransition: MANUAL_TRANSITIONS[phase] ?? null,
    draftIssues: issues.length,
    draftUpdatedAt: kader.draftUpdatedAt.toISOString(),
    settings: {
      tariffTableId: kader.tariffTableId,
      tariffTableLabel: table ? `${table.year} versie ${table.version} (${table.sourceName})` : null,
      budgetCeiling: kader.budgetCeiling,
      regionIds: kaderRegionIds(db, kader.id),
    },
    regionNames: regionNames(db, kader.id),
    tariffTables: listTariffTables(kader.zorgkantoorId, db).map((t) => ({ id: t.id, label: `${t.year} versie ${t.version} (${t.sourceName})` })),
    regions: db.select().from(regions).where(eq(regions.zorgkantoorId, kader.zorgkantoorId)).all(),
    window: last
      ? { opensAt: toAmsterdamLocal(new Date(last.opensAt)), closesAt: toAmsterdamLocal(new Date(last.closesAt)), questionsUntil: toAmsterdamLocal(new Date(last.questionsUntil)) }
      : null,
    editable: phase === "concept" || phase === "gepubliceerd" || phase === "open",
    questions: listQuestionsForStaff(db, kader.id).map((q) => ({ ...q, askedAt: q.askedAt.toISOString() })),
    unpublishedAnswers: unpublishedAnswers(db, kader.id).length,
    notices: noticeSummaries(db, kader.id),
  };
}

/** What everyone who may see a published kader sees; a provider also sees its own questions. */
export function loadPublicView(kader: KaderRow, viewer: { providerId: number | null }, db: Db = getDb(), now = new Date()) {
  const { last, ...header } = kaderHeader(db, kader, now);
  const { phase } = header;
  const questionsOpen = last !== null && (phase === "gepubliceerd" || phase === "open") && now.getTime() < new Date(last.questionsUntil).getTime();
  return {
    ...header,
    regionNames: regionNames(db, kader.id),
    current: last,
    notices: noticeSummaries(db, kader.id),
    questionsOpen,
    ownQuestions: viewer.providerId === null ? [] : listOwnQuestions(db, kader.id, viewer.providerId).map((q) => ({ ...q, askedAt: q.askedAt.toISOString() })),
  };
}
