// Questions about a published kader (issue 4): providers of its regions ask during the question
// period; the inkoper answers; the answers reach every provider in a nota van inlichtingen that
// never says who asked; a published answer is fixed.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { requireKader } from "../../../app/services/kaders/access.server";
import { listNotices, unpublishedAnswers } from "../../../app/services/kaders/publication.server";
import { loadPublicView, loadStaffOverview } from "../../../app/services/kaders/overview.server";
import { answerQuestion, askQuestion, listOwnQuestions, publishAnswers, questionSchema } from "../../../app/services/kaders/questions.server";
import type { Db } from "../../../db/client.server";
import { organisations, questions } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import {
  addUser,
  auditActions,
  auditRows,
  DAY,
  HOUR,
  kaderSnapshot,
  loadKader,
  passwordHash,
  prepareKader,
  publishOrThrow,
  request,
  seedDemoOrganisations,
  storeTable,
  thrownResponse,
  windowFrom,
  type Demo,
} from "./fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const QUESTION = "Telt een plan dat na de sluitingstijd wordt aangevuld nog mee voor de module complexe zorg?";
const ANSWER = "Nee. Alleen wat vóór de sluitingstijd is ingediend, wordt beoordeeld.";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let window: ReturnType<typeof windowFrom>;
/** A provider account in DEMO-Z only (Thuiszorg Vechtstreek), outside the kader's regions. */
let outsider: SessionUser;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW);
  // The kader buys for DEMO-N and DEMO-M: aanbieder (De Linde: N, M) and aanbieder2 (Het Baken: M) are in.
  prepareKader(db, demo.inkoper, { slug: "vv-2027", now: NOW, regionIds: [demo.regionIds["DEMO-N"], demo.regionIds["DEMO-M"]], tableId });
  window = windowFrom(NOW);
  publishOrThrow(db, demo.inkoper, "vv-2027", window, NOW);
  const vechtstreek = db.select().from(organisations).where(eq(organisations.agbCode, "73730003")).get()!;
  outsider = addUser(db, "aanbieder@vechtstreek.example", ["zorgaanbieder"], vechtstreek.id, await passwordHash(), NOW);
});

afterEach(() => t.close());

const kader = () => loadKader(db, "vv-2027");
const during = () => new Date(NOW.getTime() + HOUR);

function askAndAnswer() {
  const asked = askQuestion(demo.aanbieder, kader(), QUESTION, db, during());
  if (!asked.ok) throw new Error(JSON.stringify(asked.errors));
  const answered = answerQuestion(demo.inkoper, kader(), { questionId: asked.id, answer: ANSWER }, db, new Date(during().getTime() + HOUR));
  if (!answered.ok) throw new Error(JSON.stringify(answered.errors));
  return asked.id;
}

describe("asking", () => {
  it("a provider of the kader's regions asks during the question period (before and after opening)", () => {
    const before = auditRows(db).length;
    const first = askQuestion(demo.aanbieder, kader(), QUESTION, db, during());
    expect(first.ok).toBe(true);
    const whileOpen = new Date(window.opensAt.getTime() + HOUR);
    const second = askQuestion(demo.aanbieder2, kader(), "Geldt de drempel per doelgroep of voor de module als geheel?", db, whileOpen);
    expect(second.ok).toBe(true);
    if (!first.ok) return;
    const row = db.select().from(questions).where(eq(questions.id, first.id)).get()!;
    expect(row).toMatchObject({ kaderId: kader().id, providerId: demo.aanbieder.organisation!.id, askedBy: demo.aanbieder.id, text: QUESTION, answer: null, noticeId: null });
    expect(row.askedAt.getTime()).toBe(during().getTime());
    const events = auditRows(db).slice(before);
    expect(events.map((e) => e.action)).toEqual(["question.ask", "question.ask"]);
    expect(events[0]!.actorUserId).toBe(demo.aanbieder.id);
  });

  it("after the question period (and exactly at its end) a question is refused and nothing is written", () => {
    const before = kaderSnapshot(db);
    for (const when of [window.questionsUntil, new Date(window.questionsUntil.getTime() + 1), new Date(window.closesAt.getTime() + DAY)]) {
      const result = askQuestion(demo.aanbieder, kader(), QUESTION, db, when);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors._form).toMatch(/vragenperiode is voorbij|geen vragen meer/);
    }
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("the public view says when questions are no longer possible", () => {
    expect(loadPublicView(kader(), { providerId: demo.aanbieder.organisation!.id }, db, during()).questionsOpen).toBe(true);
    expect(loadPublicView(kader(), { providerId: demo.aanbieder.organisation!.id }, db, window.questionsUntil).questionsOpen).toBe(false);
  });

  it("staff cannot ask (only providers do), and nothing is written", () => {
    const before = kaderSnapshot(db);
    const result = askQuestion(demo.inkoper, kader(), QUESTION, db, during());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors._form).toMatch(/Alleen zorgaanbieders/);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("a question on a concept is refused", () => {
    prepareKader(db, demo.inkoper, { slug: "vv-concept", now: NOW, regionIds: [demo.regionIds["DEMO-M"]], tableId: null });
    const result = askQuestion(demo.aanbieder, loadKader(db, "vv-concept"), QUESTION, db, during());
    expect(result.ok).toBe(false);
  });

  it("a provider outside the kader's regions gets 404 for the kader (so it cannot ask), with an access.denied event", async () => {
    const before = auditActions(db, "access.denied").length;
    const res = await thrownResponse(() => requireKader(request("/kaders/vv-2027", { method: "POST" }), outsider, "vv-2027", { audience: "provider", db }));
    expect(res.status).toBe(404);
    expect(auditActions(db, "access.denied")).toHaveLength(before + 1);
    // The providers of its regions get through.
    expect(requireKader(request("/kaders/vv-2027"), demo.aanbieder2, "vv-2027", { audience: "provider", db }).audience).toBe("provider");
  });

  it("validates the text in Dutch", () => {
    const short = questionSchema.safeParse({ text: "  kort  " });
    expect(short.success).toBe(false);
    if (!short.success) expect(short.error.issues[0]!.message).toMatch(/minstens 10 tekens/);
    expect(questionSchema.safeParse({ text: "x".repeat(4001) }).success).toBe(false);
    expect(questionSchema.safeParse({ text: QUESTION }).success).toBe(true);
  });
});

describe("answering and the nota van inlichtingen", () => {
  it("an answer is not shown to the asker until it is published", () => {
    askAndAnswer();
    const own = listOwnQuestions(db, kader().id, demo.aanbieder.organisation!.id);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ text: QUESTION, answer: null, published: false });
    expect(listNotices(db, kader().id)).toEqual([]);
    expect(unpublishedAnswers(db, kader().id)).toEqual([{ id: own[0]!.id, text: QUESTION, answer: ANSWER }]);
  });

  it("publishAnswers creates one nota with the question and answer but never who asked; one notice.publish event", () => {
    const questionId = askAndAnswer();
    const before = auditRows(db).length;
    const when = new Date(during().getTime() + 2 * HOUR);

    const result = publishAnswers(demo.inkoper, kader(), db, when);

    expect(result).toEqual({ ok: true, number: 1 });
    const notices = listNotices(db, kader().id);
    expect(notices).toHaveLength(1);
    const nota = notices[0]!;
    expect(nota.number).toBe(1);
    expect(nota.publishedAt.getTime()).toBe(when.getTime());
    expect(nota.body).toContain(QUESTION);
    expect(nota.body).toContain(ANSWER);
    const provider = db.select().from(organisations).where(eq(organisations.id, demo.aanbieder.organisation!.id)).get()!;
    for (const secret of [provider.name, provider.agbCode!, provider.kvkNumber!, demo.aanbieder.name, demo.aanbieder.email, "De Linde", "73730001"]) {
      expect(nota.title).not.toContain(secret);
      expect(nota.body).not.toContain(secret);
    }
    expect(db.select().from(questions).where(eq(questions.id, questionId)).get()!.noticeId).toBe(nota.id);
    const events = auditRows(db).slice(before);
    expect(events.map((e) => e.action)).toEqual(["notice.publish"]);
    expect(JSON.parse(events[0]!.payload)).toEqual({ notice: 1, questions: [questionId] });
    // Nothing left to publish.
    const again = publishAnswers(demo.inkoper, kader(), db, when);
    expect(again.ok).toBe(false);
    expect(listNotices(db, kader().id)).toHaveLength(1);
  });

  it("the second provider sees the nota but not the first provider's question; the asker sees its own answered question", () => {
    askAndAnswer();
    publishAnswers(demo.inkoper, kader(), db, during());
    const later = new Date(during().getTime() + DAY);

    const second = loadPublicView(kader(), { providerId: demo.aanbieder2.organisation!.id }, db, later);
    expect(second.notices).toHaveLength(1);
    expect(second.notices[0]!.body).toContain(QUESTION);
    expect(second.notices[0]!.body).toContain(ANSWER);
    expect(second.ownQuestions).toEqual([]);
    const serialized = JSON.stringify(second);
    for (const secret of ["Zorggroep De Linde", "73730001", demo.aanbieder.name, demo.aanbieder.email]) expect(serialized).not.toContain(secret);

    const asker = loadPublicView(kader(), { providerId: demo.aanbieder.organisation!.id }, db, later);
    expect(asker.ownQuestions).toHaveLength(1);
    expect(asker.ownQuestions[0]).toMatchObject({ text: QUESTION, answer: ANSWER, published: true });
    expect(asker.notices).toEqual(second.notices);

    // Staff know who asked (they may need to call back).
    const staff = loadStaffOverview(kader(), db, later);
    expect(staff.questions).toEqual([expect.objectContaining({ text: QUESTION, provider: "Zorggroep De Linde", answer: ANSWER, published: true })]);
  });

  it("the second provider's own questions stay its own", () => {
    askAndAnswer();
    const own = askQuestion(demo.aanbieder2, kader(), "Mogen wij voor meerdere doelgroepen één plan indienen?", db, during());
    expect(own.ok).toBe(true);
    const second = loadPublicView(kader(), { providerId: demo.aanbieder2.organisation!.id }, db, during());
    expect(second.ownQuestions.map((q) => q.text)).toEqual(["Mogen wij voor meerdere doelgroepen één plan indienen?"]);
  });

  it("a published answer cannot be changed: refused in Dutch, question and nota unchanged", () => {
    const questionId = askAndAnswer();
    publishAnswers(demo.inkoper, kader(), db, during());
    const before = kaderSnapshot(db);

    const result = answerQuestion(demo.inkoper, kader(), { questionId, answer: "Toch wel, tot een week erna." }, db, new Date(during().getTime() + DAY));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.answer).toMatch(/al gepubliceerd in een nota van inlichtingen en ligt vast/);
    expect(kaderSnapshot(db)).toEqual(before);
    expect(listOwnQuestions(db, kader().id, demo.aanbieder.organisation!.id)[0]!.answer).toBe(ANSWER);
  });

  it("an unpublished answer may still be improved; only the last text is published", () => {
    const questionId = askAndAnswer();
    const improved = "Nee. Alleen wat vóór de sluitingstijd is ingediend, telt mee (zie par. 3.1).";
    expect(answerQuestion(demo.inkoper, kader(), { questionId, answer: improved }, db, during()).ok).toBe(true);
    publishAnswers(demo.inkoper, kader(), db, during());
    const body = listNotices(db, kader().id)[0]!.body;
    expect(body).toContain(improved);
    expect(body).not.toContain(`${ANSWER}\n`);
  });

  it("a question of another kader cannot be answered through this one", () => {
    const questionId = askAndAnswer();
    prepareKader(db, demo.inkoper, { slug: "vv-ander", now: NOW, regionIds: [demo.regionIds["DEMO-M"]], tableId: null });
    const result = answerQuestion(demo.inkoper, loadKader(db, "vv-ander"), { questionId, answer: "Een ander antwoord." }, db, during());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors._form).toMatch(/bestaat niet bij dit kader/);
  });

  it("amendment notas and answer notas share one numbering", () => {
    askAndAnswer();
    expect(publishAnswers(demo.inkoper, kader(), db, during())).toEqual({ ok: true, number: 1 });
    const second = askQuestion(demo.aanbieder2, kader(), "Is de contracteerruimte per regio of voor beide regio's samen?", db, during());
    if (!second.ok) throw new Error("ask refused");
    answerQuestion(demo.inkoper, kader(), { questionId: second.id, answer: "Voor beide regio's samen." }, db, during());
    expect(publishAnswers(demo.inkoper, kader(), db, during())).toEqual({ ok: true, number: 2 });
    expect(listNotices(db, kader().id).map((n) => n.number)).toEqual([1, 2]);
  });
});
