/**
 * Issue 7 (walkthrough): on the inkoper's kader page, publishing, amending, publishing answers
 * and moving the phase on ask first: the first POST changes nothing and shows the sentence, only
 * a POST with bevestigd=ja acts; after it the page says exactly what happened (role="status").
 * The route modules use the global getDb(): this file points DATABASE_URL at its own database
 * before importing them.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { toAmsterdamLocal } from "../../../app/lib/amsterdam-time";
import { askQuestion, answerQuestion } from "../../../app/services/kaders/questions.server";
import { latestVersion, listVersions, saveDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { auditRows, demoActors, kaderSnapshot, loadKader, PASSWORD, request, type Demo } from "../kaders/fixtures";

type RouteModule = { loader: (args: LoaderFunctionArgs) => Promise<unknown>; action: (args: ActionFunctionArgs) => Promise<unknown> };
type DataResult<T> = { type: "DataWithResponseInit"; data: T; init: { status?: number } | null };
type Confirm = { intent: string; message: string; confirmLabel: string; values: Record<string, string> };

const SLUG = "demo-vv-2026";
const context = { cspNonce: "test", clientAddress: "127.0.0.1" };
let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let token: string;
let staffPage: RouteModule;
let previousUrl: string | undefined;
let closeGlobalDb: () => void;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now: new Date() });
  demo = demoActors(db);
  token = createSession(db, demo.inkoper.id).token;
  staffPage = (await import("../../../app/routes/inkoop.kaders.$slug._index/route")) as unknown as RouteModule;
  const client = await import("../../../db/client.server");
  closeGlobalDb = () => client.getDb().$client.close();
}, 60_000);

afterAll(() => {
  closeGlobalDb?.();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

const post = (fields: Record<string, string>) =>
  staffPage.action({ request: request(`/inkoop/kaders/${SLUG}`, { method: "POST", body: new URLSearchParams(fields), token }), params: { slug: SLUG }, context });
const page = (query: string) => staffPage.loader({ request: request(`/inkoop/kaders/${SLUG}${query}`, { token }), params: { slug: SLUG }, context }) as Promise<{ done: string | null }>;
const today = (d: Date) => `${toAmsterdamLocal(d).slice(8, 10)}-${toAmsterdamLocal(d).slice(5, 7)}-${toAmsterdamLocal(d).slice(0, 4)} om ${toAmsterdamLocal(d).slice(11, 16)}`;

describe("irreversible actions on the kader page ask first and then say what happened", () => {
  it("amending: the first POST changes nothing and asks; the confirmed POST publishes version 2 with its nota; the page says so", async () => {
    const kader = loadKader(db, SLUG);
    saveDraft(demo.inkoper, kader, { ...(kader.draft as Record<string, unknown>), baseRate: { default: "95" } }, db);
    const v1 = latestVersion(db, kader.id)!;
    const fields = {
      intent: "publish",
      opensAt: toAmsterdamLocal(v1.opensAt),
      closesAt: toAmsterdamLocal(v1.closesAt),
      questionsUntil: toAmsterdamLocal(v1.questionsUntil),
      noticeTitle: "Basistarief verhoogd",
      noticeBody: "Het basistarief gaat van 94 % naar 95 %.",
    };
    const before = kaderSnapshot(db);
    const first = (await post(fields)) as DataResult<{ confirm: Confirm }>;
    expect(first.data, JSON.stringify(first.data)).toHaveProperty("confirm.message");
    expect(first.init?.status ?? 200).toBe(200);
    expect(first.data.confirm.message).toContain(`U publiceert versie 2 van „${kader.title}” met nota van inlichtingen 1.`);
    expect(first.data.confirm.message).toContain("Dit kan niet ongedaan worden gemaakt.");
    expect(first.data.confirm.confirmLabel).toBe("Versie 2 publiceren");
    expect(first.data.confirm.values).toMatchObject(fields);
    expect(kaderSnapshot(db)).toEqual(before);

    const second = (await post({ ...first.data.confirm.values, bevestigd: "ja" })) as Response;
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(`/inkoop/kaders/${SLUG}?gepubliceerd=2#melding`);
    const versions = listVersions(db, kader.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(auditRows(db).filter((r) => r.action === "kader.amend")).toHaveLength(1);

    const shown = await page("?gepubliceerd=2");
    expect(shown.done).toBe(`Versie 2 van „${kader.title}” is gepubliceerd op ${today(versions[1]!.publishedAt)}; de nota van inlichtingen 1 is bijgevoegd.`);
  });

  it("publishing answers: asks with the nota's number, then publishes it and says so", async () => {
    const kader = loadKader(db, SLUG);
    const asked = askQuestion(demo.aanbieder, kader, "Telt een plan dat na de sluitingstijd binnenkomt nog mee?", db);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    answerQuestion(demo.inkoper, kader, { questionId: asked.id, answer: "Nee, alleen wat op tijd binnen is." }, db);
    const before = kaderSnapshot(db);
    const first = (await post({ intent: "publishAnswers" })) as DataResult<{ confirm: Confirm }>;
    expect(first.data.confirm.message).toBe(
      "U publiceert het antwoord op 1 vraag als nota van inlichtingen 2 voor alle aanbieders in de regio's van dit kader, zonder te vermelden wie iets vroeg. Dit kan niet ongedaan worden gemaakt.",
    );
    expect(kaderSnapshot(db)).toEqual(before);
    const second = (await post({ ...first.data.confirm.values, bevestigd: "ja" })) as Response;
    expect(second.headers.get("Location")).toBe(`/inkoop/kaders/${SLUG}?nota=2#melding`);
    const shown = await page("?nota=2");
    expect(shown.done).toMatch(/^Nota van inlichtingen 2 is gepubliceerd op \d{2}-\d{2}-\d{4} om \d{2}:\d{2}, met 1 antwoord; alle aanbieders in de regio's van dit kader zien hem nu\.$/);
  });

  it("saving settings and an answer also says what happened; a query about something that did not happen says nothing", async () => {
    expect((await page("?bewaard=instellingen")).done).toBe("De instellingen zijn bewaard.");
    const kader = loadKader(db, SLUG);
    const asked = askQuestion(demo.aanbieder2, kader, "Mag een plan ook als pdf worden ingediend?", db);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const saved = (await post({ intent: "answer", questionId: String(asked.id), answer: "Ja, als pdf of als Word-bestand." })) as Response;
    expect(saved.headers.get("Location")).toBe(`/inkoop/kaders/${SLUG}?beantwoord=${asked.id}#melding`);
    expect((await page(`?beantwoord=${asked.id}`)).done).toBe(
      `Het antwoord op vraag ${asked.id} is bewaard. Aanbieders zien het pas als u de antwoorden publiceert in een nota van inlichtingen.`,
    );
    expect((await page("?gepubliceerd=9")).done).toBeNull();
    expect((await page("?nota=9")).done).toBeNull();
    expect((await page("?fase=definitief_gegund")).done).toBeNull();
    expect((await page("?iets=anders")).done).toBeNull();
  });
});
