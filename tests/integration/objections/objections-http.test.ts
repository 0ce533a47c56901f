/**
 * Objections over HTTP, through the built app (issue 12, "Bad input"): a provider files a
 * basistarief objection in two steps (check, then confirm) with a PDF, gets its receipt (screen
 * and PDF); another provider and another zorgkantoor's jurist get 404; after the period, from
 * outside the regions or with empty grounds: refused with the reason, audited, nothing stored.
 */
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.server";
import { serveApp } from "../../helpers/built-app";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, addUser, auditActions, DAY, passwordHash, PASSWORD, prepareKader, publishOrThrow, rowCounts, seedDemoOrganisations, storeTable, windowFrom, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../submissions/fixtures";

const SLUG = "vv-bezwaar";
const LATE = "vv-bezwaar-laat";
const PDF = new TextEncoder().encode("%PDF-1.4\n% onderbouwing kostprijs\n%%EOF\n");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let server: http.Server;
let base: string;
let previousUrl: string | undefined;
let demo: Demo;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  // Published two days ago: its basistarief period (six weeks) is open by the real clock.
  const past = new Date(Date.now() - 2 * DAY);
  demo = await seedDemoOrganisations(db, past);
  publishSubmissionKader(db, demo, SLUG, past);
  // Published 60 days ago: its period has ended.
  const longAgo = new Date(Date.now() - 60 * DAY);
  const tableId = storeTable(db, demo.zorgkantoorId, demo.inkoper, longAgo, 2025);
  prepareKader(db, demo.inkoper, { slug: LATE, now: longAgo, regionIds: Object.values(demo.regionIds), tableId, draft: draftWithFacts() });
  publishOrThrow(db, demo.inkoper, LATE, windowFrom(longAgo), longAgo);
  const hash = await passwordHash();
  const other = addSecondZorgkantoor(db, past, hash);
  addUser(db, "jurist@anders.example", ["jurist"], other.zorgkantoorId, hash, past);
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  ({ server, base } = await serveApp(db));
  cookies.linde = await login("aanbieder@demo.zorginkoop.nl");
  cookies.baken = await login("aanbieder2@demo.zorginkoop.nl");
  cookies.jurist = await login("jurist@demo.zorginkoop.nl");
  cookies.inkoper = await login("inkoper@demo.zorginkoop.nl");
  cookies.juristB = await login("jurist@anders.example");
  cookies.buiten = await login(other.provider.email);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

const SAME_ORIGIN = () => ({ Origin: base, "Sec-Fetch-Site": "same-origin" });

async function login(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password: PASSWORD }) });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

function postForm(path: string, fields: Record<string, string>, cookie: string): Promise<Response> {
  return fetch(base + path, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
}

function postMultipart(path: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[], cookie: string): Promise<Response> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append("bestanden", new File([new Uint8Array(f.bytes)], f.name, { type: "application/pdf" }));
  return fetch(base + path, { method: "POST", redirect: "manual", headers: { ...SAME_ORIGIN(), Cookie: cookie }, body });
}

const get = (path: string, cookie: string) => fetch(base + path, { redirect: "manual", headers: { Cookie: cookie } });
let keys = 0;
const key = () => `http-bezwaar-${String(++keys).padStart(8, "0")}`;
const GROUNDS = "Het basistarief dekt de kosten van onze verpleeghuiszorg niet; zie de bijlage met de kostprijs.";

/** Files an objection as De Linde through both steps; returns its id. */
async function fileAsLinde(): Promise<number> {
  const k = key();
  const check = await postMultipart(`/kaders/${SLUG}/bezwaar`, { gronden: GROUNDS, idempotencyKey: k }, [{ name: "kostprijs.pdf", bytes: PDF }], cookies.linde!);
  expect(check.status).toBe(200);
  const html = await check.text();
  expect(html).toContain("Bezwaar definitief indienen");
  expect(html).toContain("kostprijs.pdf");
  const sha = /name="bijlage" value="([0-9a-f,]+)"/.exec(html)?.[1];
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  const filed = await postForm(`/kaders/${SLUG}/bezwaar`, { gronden: GROUNDS, bijlage: sha!, idempotencyKey: k, bevestigd: "ja" }, cookies.linde!);
  expect(filed.status).toBe(303);
  const location = filed.headers.get("location")!;
  expect(location).toMatch(new RegExp(`^/kaders/${SLUG}/bezwaar/\\d+\\?ingediend=1$`));
  return Number(/bezwaar\/(\d+)/.exec(location)![1]);
}

describe("filing over HTTP", () => {
  it("checks, confirms, files with a receipt on screen and as PDF; only the provider itself sees it", async () => {
    const before = rowCounts(db).objections!;
    const id = await fileAsLinde();
    expect(rowCounts(db).objections).toBe(before + 1);
    const page = await get(`/kaders/${SLUG}/bezwaar/${id}?ingediend=1`, cookies.linde!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Ontvangstbevestiging bezwaar");
    expect(html).toContain("SHA-256 van het bezwaar");
    expect(html).toContain("ingediend");
    const pdf = await get(`/kaders/${SLUG}/bezwaar/${id}/pdf`, cookies.linde!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    for (const who of ["baken", "buiten", "jurist", "inkoper"] as const) {
      expect((await get(`/kaders/${SLUG}/bezwaar/${id}`, cookies[who]!)).status, who).toBe(404);
      expect((await get(`/kaders/${SLUG}/bezwaar/${id}/pdf`, cookies[who]!)).status, who).toBe(404);
    }
    // The jurist of the zorgkantoor reads it on its own page; another zorgkantoor's jurist does not learn it exists.
    expect((await get(`/juridisch/bezwaren/${id}`, cookies.jurist!)).status).toBe(200);
    expect((await get(`/juridisch/bezwaren/${id}`, cookies.juristB!)).status).toBe(404);
    expect((await get(`/juridisch/bezwaren/${id}`, cookies.inkoper!)).status).toBe(403);
    expect((await get(`/juridisch/bezwaren/${id}`, cookies.linde!)).status).toBe(403);
  });

  it("empty grounds: 400 at the field, audited, nothing filed", async () => {
    const before = rowCounts(db).objections!;
    const refusedBefore = auditActions(db, "objection.refused").length;
    const check = await postMultipart(`/kaders/${SLUG}/bezwaar`, { gronden: "   ", idempotencyKey: key() }, [], cookies.linde!);
    expect(check.status).toBe(400);
    expect(await check.text()).toContain("Vul de gronden van uw bezwaar in");
    // A forged confirmation with empty grounds: refused by the service, audited.
    const forged = await postForm(`/kaders/${SLUG}/bezwaar`, { gronden: "", idempotencyKey: key(), bevestigd: "ja" }, cookies.linde!);
    expect(forged.status).toBe(400);
    expect(rowCounts(db).objections).toBe(before);
    expect(auditActions(db, "objection.refused").length).toBe(refusedBefore + 1);
  });

  it("after the period: the page says so and offers no form; a forged post is refused, audited, nothing filed", async () => {
    const page = await get(`/kaders/${LATE}/bezwaar`, cookies.linde!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("De termijn is verstreken");
    expect(html).not.toContain("Controleren");
    const before = rowCounts(db).objections!;
    const forged = await postForm(`/kaders/${LATE}/bezwaar`, { gronden: GROUNDS, idempotencyKey: key(), bevestigd: "ja" }, cookies.linde!);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("Bezwaar maken kan niet meer");
    expect(rowCounts(db).objections).toBe(before);
    expect(auditActions(db, "objection.refused_late").length).toBeGreaterThanOrEqual(1);
  });

  it("a provider outside the kader's regions: 404 on the page and on a post, nothing filed", async () => {
    const before = rowCounts(db).objections!;
    expect((await get(`/kaders/${SLUG}/bezwaar`, cookies.buiten!)).status).toBe(404);
    expect((await postForm(`/kaders/${SLUG}/bezwaar`, { gronden: GROUNDS, idempotencyKey: key(), bevestigd: "ja" }, cookies.buiten!)).status).toBe(404);
    expect(rowCounts(db).objections).toBe(before);
  });

  it("a body above the objection limit is refused before parsing (413)", async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x25);
    const res = await postMultipart(`/kaders/${SLUG}/bezwaar`, { gronden: GROUNDS, idempotencyKey: key() }, [{ name: "groot.pdf", bytes: big }], cookies.linde!);
    expect(res.status).toBe(413);
  });
});

describe("handling over HTTP", () => {
  it("the jurist takes it into handling, asks to confirm, decides deels gegrond; the provider reads the answer", async () => {
    const id = await fileAsLinde();
    const path = `/juridisch/bezwaren/${id}`;
    expect((await postForm(path, { intent: "behandelen", bevestigd: "ja" }, cookies.juristB!)).status).toBe(404);
    // The first post only asks; nothing changes until the confirmation.
    const asked = await postForm(path, { intent: "behandelen" }, cookies.jurist!);
    expect(await asked.text()).toContain("Ja, in behandeling nemen");
    expect(await (await get(`/kaders/${SLUG}/bezwaar/${id}`, cookies.linde!)).text()).toContain("<dt>Stand</dt><dd><strong>ingediend</strong>");
    expect((await postForm(path, { intent: "behandelen", bevestigd: "ja" }, cookies.jurist!)).status).toBe(200);
    const noAnswer = await postForm(path, { intent: "beslissen", uitkomst: "deels_gegrond", antwoord: "" }, cookies.jurist!);
    expect(noAnswer.status).toBe(400);
    const answer = "Deels gegrond: de onderbouwing van het basistarief wordt aangevuld met de kostprijs van 2025.";
    const ask = await postForm(path, { intent: "beslissen", uitkomst: "deels_gegrond", antwoord: answer }, cookies.jurist!);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Beslissing vastleggen");
    const provider1 = await (await get(`/kaders/${SLUG}/bezwaar/${id}`, cookies.linde!)).text();
    expect(provider1).toContain("<dt>Stand</dt><dd><strong>in behandeling</strong>");
    expect(provider1).not.toContain(answer);
    const decided = await postForm(path, { intent: "beslissen", uitkomst: "deels_gegrond", antwoord: answer, bevestigd: "ja" }, cookies.jurist!);
    expect(decided.status).toBe(200);
    const provider2 = await (await get(`/kaders/${SLUG}/bezwaar/${id}`, cookies.linde!)).text();
    expect(provider2).toContain("<dt>Stand</dt><dd><strong>deels gegrond</strong>");
    expect(provider2).toContain(answer);
    // Final: a second decision is refused.
    expect((await postForm(path, { intent: "beslissen", uitkomst: "gegrond", antwoord: "Toch", bevestigd: "ja" }, cookies.jurist!)).status).toBe(409);
  });
});
