import { and, asc, count, eq, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { clarificationNotices, kaders, organisations, questions } from "../../../db/schema";
import { auditForeignId } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { appendAudit, getDb } from "../db.server";
import { kaderAudience } from "./access.server";
import { currentPhase, latestVersion } from "./store.server";
import { unpublishedAnswers } from "./publication.server";

export const questionSchema = z.object({
  text: z.string({ error: "Vul uw vraag in." }).trim().min(10, "Vul uw vraag in (minstens 10 tekens).").max(4000, "Uw vraag is te lang (hoogstens 4.000 tekens)."),
});

export const answerSchema = z.object({
  questionId: z.coerce.number().int().positive("Onbekende vraag."),
  answer: z.string({ error: "Vul het antwoord in." }).trim().min(5, "Vul het antwoord in (minstens 5 tekens).").max(8000, "Het antwoord is te lang."),
});

type KaderRow = typeof kaders.$inferSelect;

/** Providers ask during the question period of a published kader. */
export function askQuestion(actor: SessionUser, kader: KaderRow, text: string, db: Db = getDb(), now = new Date()): { ok: true; id: number } | { ok: false; errors: FieldErrors } {
  const version = latestVersion(db, kader.id);
  const phase = currentPhase(db, kader, now);
  if (!version || !(phase === "gepubliceerd" || phase === "open")) return { ok: false, errors: { _form: "Voor dit kader kunnen geen vragen meer worden gesteld." } };
  if (now.getTime() >= version.questionsUntil.getTime()) return { ok: false, errors: { _form: "De vragenperiode is voorbij." } };
  if (actor.organisation?.kind !== "zorgaanbieder" || kaderAudience(db, actor, kader) !== "provider") {
    return { ok: false, errors: { _form: "Alleen zorgaanbieders in de regio's van dit kader stellen vragen." } };
  }
  const providerId = actor.organisation.id;
  const id = db.transaction(
    (tx) => {
      const row = tx.insert(questions).values({ kaderId: kader.id, providerId, askedBy: actor.id, askedAt: now, text }).returning({ id: questions.id }).get();
      appendAudit(tx, { actorUserId: actor.id, action: "question.ask", entityType: "question", entityId: row.id, payload: { kader: kader.slug, providerId }, organisationIds: [kader.zorgkantoorId, providerId], at: now });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id };
}

export function answerQuestion(actor: SessionUser, kader: KaderRow, input: z.output<typeof answerSchema>, db: Db = getDb(), now = new Date()): { ok: true } | { ok: false; errors: FieldErrors } {
  const q = db.select().from(questions).where(and(eq(questions.id, input.questionId), eq(questions.kaderId, kader.id))).get();
  if (!q) {
    // A question of another zorgkantoor's kader: answered as an unknown one, the attempt audited.
    const elsewhere = db.select({ zorgkantoorId: kaders.zorgkantoorId }).from(questions).innerJoin(kaders, eq(kaders.id, questions.kaderId)).where(eq(questions.id, input.questionId)).get();
    if (elsewhere && elsewhere.zorgkantoorId !== kader.zorgkantoorId) auditForeignId(db, actor, { entityType: "kader", entityId: kader.slug, ids: { questionId: [input.questionId] } });
    return { ok: false, errors: { _form: "Deze vraag bestaat niet bij dit kader." } };
  }
  if (q.noticeId !== null) return { ok: false, errors: { answer: "Dit antwoord is al gepubliceerd in een nota van inlichtingen en ligt vast." } };
  db.transaction(
    (tx) => {
      tx.update(questions).set({ answer: input.answer, answeredAt: now, answeredBy: actor.id }).where(eq(questions.id, q.id)).run();
      appendAudit(tx, { actorUserId: actor.id, action: "question.answer", entityType: "question", entityId: q.id, payload: { kader: kader.slug }, organisationIds: [kader.zorgkantoorId], at: now });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** What publishing the answers would do, for the confirmation step: the nota's number and how many answers. */
export function previewPublishAnswers(kader: KaderRow, db: Db = getDb()): { ok: true; number: number; answers: number } | { ok: false; errors: FieldErrors } {
  const answered = unpublishedAnswers(db, kader.id).length;
  if (answered === 0) return { ok: false, errors: { _form: "Er zijn geen beantwoorde vragen die nog niet gepubliceerd zijn." } };
  const number = (db.select({ n: max(clarificationNotices.number) }).from(clarificationNotices).where(eq(clarificationNotices.kaderId, kader.id)).get()?.n ?? 0) + 1;
  return { ok: true, number, answers: answered };
}

/**
 * Publishes every answered, unpublished question in one nota van inlichtingen: the same text
 * for every provider, with the questions anonymised (who asked is never part of a nota).
 */
export function publishAnswers(actor: SessionUser, kader: KaderRow, db: Db = getDb(), now = new Date()): { ok: true; number: number } | { ok: false; errors: FieldErrors } {
  const answered = unpublishedAnswers(db, kader.id);
  if (answered.length === 0) return { ok: false, errors: { _form: "Er zijn geen beantwoorde vragen die nog niet gepubliceerd zijn." } };
  const number = db.transaction(
    (tx) => {
      const next = (tx.select({ n: max(clarificationNotices.number) }).from(clarificationNotices).where(eq(clarificationNotices.kaderId, kader.id)).get()?.n ?? 0) + 1;
      const body = answered.map((q, i) => `Vraag ${i + 1}\n${q.text}\n\nAntwoord\n${q.answer}`).join("\n\n");
      const noticeId = tx
        .insert(clarificationNotices)
        .values({ kaderId: kader.id, number: next, title: `Nota van inlichtingen ${next}: antwoorden op vragen`, body, publishedAt: now, publishedBy: actor.id })
        .returning({ id: clarificationNotices.id })
        .get().id;
      for (const q of answered) tx.update(questions).set({ noticeId }).where(eq(questions.id, q.id)).run();
      appendAudit(tx, { actorUserId: actor.id, action: "notice.publish", entityType: "kader", entityId: kader.slug, payload: { notice: next, questions: answered.map((q) => q.id) }, organisationIds: [kader.zorgkantoorId], at: now });
      return next;
    },
    { behavior: "immediate" },
  );
  return { ok: true, number };
}

/** Staff see every question with the asking provider (they must know whom to call back). */
export function listQuestionsForStaff(db: Db, kaderId: number) {
  return db
    .select({ q: questions, provider: organisations.name })
    .from(questions)
    .innerJoin(organisations, eq(organisations.id, questions.providerId))
    .where(eq(questions.kaderId, kaderId))
    .orderBy(asc(questions.id))
    .all()
    .map(({ q, provider }) => ({ id: q.id, text: q.text, askedAt: q.askedAt, provider, answer: q.answer, published: q.noticeId !== null }));
}

/** A provider sees only its own questions; others' reach it only through a nota. */
export function listOwnQuestions(db: Db, kaderId: number, providerId: number) {
  return db
    .select()
    .from(questions)
    .where(and(eq(questions.kaderId, kaderId), eq(questions.providerId, providerId)))
    .orderBy(asc(questions.id))
    .all()
    .map((q) => ({ id: q.id, text: q.text, askedAt: q.askedAt, answer: q.noticeId !== null ? q.answer : null, published: q.noticeId !== null }));
}

/** How many answered questions a nota published (for the message after publishing). */
export function answersInNotice(db: Db, noticeId: number): number {
  return db.select({ n: count() }).from(questions).where(eq(questions.noticeId, noticeId)).get()?.n ?? 0;
}

/** One question of this kader, or undefined. */
export function findQuestion(db: Db, kaderId: number, questionId: number) {
  return db.select().from(questions).where(and(eq(questions.id, questionId), eq(questions.kaderId, kaderId))).get();
}
