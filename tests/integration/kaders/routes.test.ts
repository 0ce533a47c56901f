/**
 * Visibility and isolation through the route loaders and actions (issue 4), called with real
 * Requests and session cookies. The routes use the global getDb(), which reads DATABASE_URL once
 * per process: so this file sets it to its own test database before importing any route module,
 * and keeps every route-level test in this one file.
 */
import { eq } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { listKadersForProvider, latestVersion, listVersions } from "../../../app/services/kaders/store.server";
import { publishKader } from "../../../app/services/kaders/publication.server";
import type { Db } from "../../../db/client.server";
import { organisations, questions } from "../../../db/schema";
import { ensureDemoData } from "../../../db/seed/demo";
import { parseDocument, parseKader } from "../../../scoring";
import { formatNumber } from "../../../app/lib/format";
import { createTestDb } from "../../helpers/test-db";
import {
  addSecondZorgkantoor,
  addUser,
  auditActions,
  DAY,
  demoActors,
  kaderSnapshot,
  loadKader,
  PASSWORD,
  passwordHash,
  prepareKader,
  publishOrThrow,
  request,
  thrownResponse,
  type Demo,
} from "./fixtures";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Action = (args: ActionFunctionArgs) => Promise<unknown>;
type RouteModule = { loader: Loader; action?: Action };

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;
/** A provider account of Thuiszorg Vechtstreek: demo zorgkantoor, region DEMO-Z only. */
let zuid: SessionUser;
const tokens = new Map<number, string>();

let publicPage: RouteModule;
let yamlRoute: RouteModule;
let jsonRoute: RouteModule;
let staffPage: RouteModule;
let tarieven: RouteModule;
let register: RouteModule;
let closeGlobalDb: () => void;

const context = { cspNonce: "test", clientAddress: "127.0.0.1" };

function tokenFor(user: SessionUser): string {
  let token = tokens.get(user.id);
  if (!token) {
    token = createSession(db, user.id).token;
    tokens.set(user.id, token);
  }
  return token;
}

function get(route: RouteModule, pathname: string, slug: string | undefined, user: SessionUser | null): Promise<unknown> {
  return route.loader({ request: request(pathname, user ? { token: tokenFor(user) } : {}), params: slug ? { slug } : {}, context });
}

function post(route: RouteModule, pathname: string, slug: string | undefined, user: SessionUser, body: FormData | Record<string, string>): Promise<unknown> {
  const form = body instanceof FormData ? body : new URLSearchParams(body);
  return route.action!({ request: request(pathname, { method: "POST", body: form, token: tokenFor(user) }), params: slug ? { slug } : {}, context });
}

/** Status of whatever a loader or action produced: a thrown or returned Response, data() with an init, or a plain object (200). */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } | null }).init;
    return init?.status ?? 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

type DataResult<T> = { type: "DataWithResponseInit"; data: T; init: { status?: number } | null };

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  const now = new Date();
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now });
  demo = demoActors(db);
  const hash = await passwordHash();
  other = addSecondZorgkantoor(db, now, hash);
  const vechtstreek = db.select().from(organisations).where(eq(organisations.agbCode, "73730003")).get()!;
  zuid = addUser(db, "aanbieder@vechtstreek.example", ["zorgaanbieder"], vechtstreek.id, hash, now);
  const tableId = loadKader(db, "demo-vv-2026").tariffTableId!;

  // A concept for DEMO-M, where both demo provider accounts work.
  prepareKader(db, demo.inkoper, { slug: "vv-concept-2027", now, regionIds: [demo.regionIds["DEMO-M"]], tableId });
  // Published for DEMO-Z only: aanbieder (N, M) and aanbieder2 (M) are outside it.
  prepareKader(db, demo.inkoper, { slug: "vv-zuid-2026", now, regionIds: [demo.regionIds["DEMO-Z"]], tableId });
  publishOrThrow(db, demo.inkoper, "vv-zuid-2026", { opensAt: new Date(now.getTime() + DAY), questionsUntil: new Date(now.getTime() + 10 * DAY), closesAt: new Date(now.getTime() + 20 * DAY) }, now);
  // Open, but its question period is over.
  prepareKader(db, demo.inkoper, { slug: "vv-vragen-voorbij", now, regionIds: [demo.regionIds["DEMO-M"]], tableId });
  publishOrThrow(db, demo.inkoper, "vv-vragen-voorbij", { opensAt: new Date(now.getTime() - 2 * DAY), questionsUntil: new Date(now.getTime() - DAY), closesAt: new Date(now.getTime() + 10 * DAY) }, now);
  // Closed: published in the past, its window long over.
  const past = new Date(now.getTime() - 60 * DAY);
  prepareKader(db, demo.inkoper, { slug: "vv-gesloten", now: past, regionIds: [demo.regionIds["DEMO-M"]], tableId });
  publishOrThrow(db, demo.inkoper, "vv-gesloten", { opensAt: new Date(past.getTime() + DAY), questionsUntil: new Date(past.getTime() + 10 * DAY), closesAt: new Date(past.getTime() + 20 * DAY) }, past);

  // The demo kader amended once: version 2 with a nota.
  const demoKader = loadKader(db, "demo-vv-2026");
  const draft = { ...(demoKader.draft as Record<string, unknown>), baseRate: { default: "95" } };
  const { saveDraft } = await import("../../../app/services/kaders/store.server");
  saveDraft(demo.inkoper, demoKader, draft, db, now);
  const v1 = latestVersion(db, demoKader.id)!;
  const amended = publishKader(
    demo.inkoper,
    loadKader(db, "demo-vv-2026"),
    { opensAt: v1.opensAt, closesAt: v1.closesAt, questionsUntil: v1.questionsUntil, noticeTitle: "Wijziging basistarief", noticeBody: "Het basistarief gaat van 94 % naar 95 %." },
    db,
    now,
  );
  if (!amended.ok) throw new Error(JSON.stringify(amended));

  // Only now the route modules (and through them the global getDb()).
  publicPage = (await import("../../../app/routes/kaders.$slug._index/route")) as RouteModule;
  yamlRoute = (await import("../../../app/routes/kaders.$slug.kader[.yaml]/route")) as RouteModule;
  jsonRoute = (await import("../../../app/routes/kaders.$slug.kader[.json]/route")) as RouteModule;
  staffPage = (await import("../../../app/routes/inkoop.kaders.$slug._index/route")) as RouteModule;
  tarieven = (await import("../../../app/routes/inkoop.tarieven/route")) as RouteModule;
  register = (await import("../../../app/routes/inkoop.register/route")) as RouteModule;
  const client = await import("../../../db/client.server");
  closeGlobalDb = () => client.getDb().$client.close();
}, 60_000);

afterAll(() => {
  closeGlobalDb?.();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

const page = (slug: string, user: SessionUser | null, query = "") => get(publicPage, `/kaders/${slug}${query}`, slug, user);
const yaml = (slug: string, user: SessionUser | null, query = "") => get(yamlRoute, `/kaders/${slug}/kader.yaml${query}`, slug, user);
const json = (slug: string, user: SessionUser | null, query = "") => get(jsonRoute, `/kaders/${slug}/kader.json${query}`, slug, user);

describe("who sees a kader", () => {
  it("a published kader is visible to the providers of its regions", async () => {
    for (const provider of [demo.aanbieder, demo.aanbieder2, zuid]) {
      const data = (await page("demo-vv-2026", provider)) as { view: { slug: string; versions: unknown[] }; audience: string; shownVersion: number };
      expect(data.audience).toBe("provider");
      expect(data.view.slug).toBe("demo-vv-2026");
      expect(data.shownVersion).toBe(2);
      expect(data.view.versions).toHaveLength(2);
    }
    expect(await statusOf(() => page("vv-zuid-2026", zuid))).toBe(200);
  });

  it("a concept is 404 for providers, on the page and the downloads, even in its regions", async () => {
    for (const provider of [demo.aanbieder, demo.aanbieder2]) {
      expect(await statusOf(() => page("vv-concept-2027", provider))).toBe(404);
      expect(await statusOf(() => yaml("vv-concept-2027", provider))).toBe(404);
      expect(await statusOf(() => json("vv-concept-2027", provider))).toBe(404);
    }
    // Its own inkoper sees it on the staff page.
    expect(await statusOf(() => get(staffPage, "/inkoop/kaders/vv-concept-2027", "vv-concept-2027", demo.inkoper))).toBe(200);
  });

  it("a published kader is 404 for providers outside its regions (same zorgkantoor or another)", async () => {
    for (const provider of [demo.aanbieder, demo.aanbieder2]) {
      expect(await statusOf(() => page("vv-zuid-2026", provider))).toBe(404);
      expect(await statusOf(() => yaml("vv-zuid-2026", provider))).toBe(404);
    }
    expect(await statusOf(() => page("demo-vv-2026", other.provider))).toBe(404);
    expect(await statusOf(() => yaml("demo-vv-2026", other.provider))).toBe(404);
    expect(await statusOf(() => json("demo-vv-2026", other.provider))).toBe(404);
  });

  it("a kader is 404 for an inkoper of another zorgkantoor: public page, downloads, staff page and its actions", async () => {
    expect(await statusOf(() => page("demo-vv-2026", other.inkoper))).toBe(404);
    expect(await statusOf(() => yaml("demo-vv-2026", other.inkoper))).toBe(404);
    expect(await statusOf(() => get(staffPage, "/inkoop/kaders/demo-vv-2026", "demo-vv-2026", other.inkoper))).toBe(404);
    expect(await statusOf(() => get(staffPage, "/inkoop/kaders/vv-concept-2027", "vv-concept-2027", other.inkoper))).toBe(404);
    const before = kaderSnapshot(db);
    const status = await statusOf(() =>
      post(staffPage, "/inkoop/kaders/vv-concept-2027", "vv-concept-2027", other.inkoper, { intent: "settings", tariffTableId: "", budgetCeiling: "1", regionIds: String(other.regionId) }),
    );
    expect(status).toBe(404);
    const after = kaderSnapshot(db);
    expect({ ...after, audit_events: undefined }).toEqual({ ...before, audit_events: undefined });
  });

  it("an unknown kader is the same 404 as a hidden one, and each refusal is audited", async () => {
    const before = auditActions(db, "access.denied").length;
    const unknown = await thrownResponse(() => page("bestaat-niet", demo.aanbieder));
    const hidden = await thrownResponse(() => page("vv-zuid-2026", demo.aanbieder));
    expect([unknown.status, hidden.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await unknown.text());
    expect(auditActions(db, "access.denied")).toHaveLength(before + 2);
  });

  it("without a session the loaders redirect to the login", async () => {
    const res = await thrownResponse(() => yaml("demo-vv-2026", null));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?next=${encodeURIComponent("/kaders/demo-vv-2026/kader.yaml")}`);
  });

  it("listKadersForProvider matches what the routes let each provider see", () => {
    const slugs = (user: SessionUser) => listKadersForProvider(user.organisation!.id, db).map((k) => k.slug).sort();
    expect(slugs(demo.aanbieder)).toEqual(["demo-vv-2026", "vv-gesloten", "vv-vragen-voorbij"]);
    expect(slugs(demo.aanbieder2)).toEqual(["demo-vv-2026", "vv-gesloten", "vv-vragen-voorbij"]);
    expect(slugs(zuid)).toEqual(["demo-vv-2026", "vv-zuid-2026"]);
    expect(slugs(other.provider)).toEqual([]);
  });
});

describe("kader downloads", () => {
  function versionContent(number: number) {
    return listVersions(db, loadKader(db, "demo-vv-2026").id).find((v) => v.number === number)!.content;
  }

  async function parsedBody(res: Response) {
    const doc = parseDocument(await res.text());
    expect(doc.ok).toBe(true);
    const kader = parseKader(doc.ok ? doc.value : null);
    expect(kader.ok).toBe(true);
    return kader.ok ? kader.value : null;
  }

  it("YAML: the current published version for a provider in the region, as an attachment", async () => {
    const res = (await yaml("demo-vv-2026", demo.aanbieder)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain('attachment; filename="demo-vv-2026-v2.yaml"');
    expect(await parsedBody(res)).toEqual(versionContent(2));
  });

  it("JSON: the same version", async () => {
    const res = (await json("demo-vv-2026", demo.aanbieder2)) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain('filename="demo-vv-2026-v2.json"');
    const text = await res.clone().text();
    expect(text.trimStart().startsWith("{")).toBe(true);
    expect(await parsedBody(res)).toEqual(versionContent(2));
  });

  it("?versie=1 returns version 1 after the amendment, in both formats and on the page", async () => {
    expect(versionContent(1)).not.toEqual(versionContent(2));
    const y = (await yaml("demo-vv-2026", demo.aanbieder, "?versie=1")) as Response;
    expect(y.headers.get("Content-Disposition")).toContain('filename="demo-vv-2026-v1.yaml"');
    expect(await parsedBody(y)).toEqual(versionContent(1));
    const j = (await json("demo-vv-2026", demo.aanbieder, "?versie=1")) as Response;
    expect(await parsedBody(j)).toEqual(versionContent(1));
    const p = (await page("demo-vv-2026", demo.aanbieder, "?versie=1")) as { shownVersion: number; content: unknown; view: { notices: { title: string }[] } };
    expect(p.shownVersion).toBe(1);
    expect(p.content).toEqual(versionContent(1));
    expect(p.view.notices.map((n) => n.title)).toEqual(["Wijziging basistarief"]);
  });

  it("an unknown version is 404, a malformed one 400", async () => {
    expect(await statusOf(() => yaml("demo-vv-2026", demo.aanbieder, "?versie=3"))).toBe(404);
    expect(await statusOf(() => yaml("demo-vv-2026", demo.aanbieder, "?versie=abc"))).toBe(400);
    expect(await statusOf(() => yaml("demo-vv-2026", demo.aanbieder, "?versie=0"))).toBe(400);
  });

  it("a provider outside the regions gets 404 even for an explicit version", async () => {
    expect(await statusOf(() => yaml("demo-vv-2026", other.provider, "?versie=1"))).toBe(404);
    expect(await statusOf(() => json("vv-zuid-2026", demo.aanbieder, "?versie=1"))).toBe(404);
  });
});

describe("asking through the route", () => {
  const countQuestions = () => db.select().from(questions).all().length;

  it("a provider in the region asks during the question period and is sent to its questions", async () => {
    const before = countQuestions();
    const res = (await post(publicPage, "/kaders/demo-vv-2026", "demo-vv-2026", demo.aanbieder, { text: "Hoe wordt de drempel van 20 punten berekend?" })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/kaders/demo-vv-2026#mijn-vragen");
    expect(countQuestions()).toBe(before + 1);
    const data = (await page("demo-vv-2026", demo.aanbieder2)) as { view: { ownQuestions: unknown[] } };
    expect(data.view.ownQuestions).toEqual([]);
  });

  it("a provider outside the regions cannot ask: 404, nothing stored", async () => {
    const before = countQuestions();
    expect(await statusOf(() => post(publicPage, "/kaders/demo-vv-2026", "demo-vv-2026", other.provider, { text: "Mogen wij ook inschrijven voor deze regio?" }))).toBe(404);
    expect(await statusOf(() => post(publicPage, "/kaders/vv-zuid-2026", "vv-zuid-2026", demo.aanbieder, { text: "Mogen wij ook inschrijven voor deze regio?" }))).toBe(404);
    expect(await statusOf(() => post(publicPage, "/kaders/vv-concept-2027", "vv-concept-2027", demo.aanbieder, { text: "Wanneer wordt dit kader gepubliceerd?" }))).toBe(404);
    expect(countQuestions()).toBe(before);
  });

  it("after the question period the route answers 409 with the Dutch reason, nothing stored", async () => {
    const before = countQuestions();
    const result = (await post(publicPage, "/kaders/vv-vragen-voorbij", "vv-vragen-voorbij", demo.aanbieder, { text: "Kan ik nog een vraag stellen over de staffel?" })) as DataResult<{ errors: Record<string, string> }>;
    expect(result.init?.status).toBe(409);
    expect(result.data.errors._form).toBe("De vragenperiode is voorbij.");
    expect(countQuestions()).toBe(before);
  });

  it("a too short question is 400 with a field error; staff cannot use the provider form (403)", async () => {
    const result = (await post(publicPage, "/kaders/demo-vv-2026", "demo-vv-2026", demo.aanbieder, { text: "kort" })) as DataResult<{ errors: Record<string, string> }>;
    expect(result.init?.status).toBe(400);
    expect(result.data.errors.text).toMatch(/minstens 10 tekens/);
    expect(await statusOf(() => post(publicPage, "/kaders/demo-vv-2026", "demo-vv-2026", demo.inkoper, { text: "Een vraag van het zorgkantoor zelf?" }))).toBe(403);
  });
});

describe("the inkoper's kader page", () => {
  it("refuses a transition that skips a phase with 409, the reason and an audit event", async () => {
    const before = auditActions(db, "kader.transition_refused").length;
    const result = (await post(staffPage, "/inkoop/kaders/demo-vv-2026", "demo-vv-2026", demo.inkoper, { intent: "transition", to: "voorlopig_gegund" })) as DataResult<{ errors: Record<string, string> }>;
    expect(result.init?.status).toBe(409);
    expect(result.data.errors._form).toBe("Van 'Open voor inschrijving' kan het kader niet naar 'Voorlopig gegund'.");
    expect(auditActions(db, "kader.transition_refused")).toHaveLength(before + 1);
    expect(loadKader(db, "demo-vv-2026").phase).toBe("gepubliceerd");
  });

  it("after closing, publishing an amendment and changing settings are refused with a Dutch reason; nothing changes", async () => {
    const kader = loadKader(db, "vv-gesloten");
    const before = kaderSnapshot(db);
    const published = (await post(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.inkoper, {
      intent: "publish",
      opensAt: "2030-01-01T09:00",
      closesAt: "2030-02-01T17:00",
      questionsUntil: "2030-01-15T12:00",
      noticeBody: "De inschrijving gaat opnieuw open.",
    })) as DataResult<{ errors: Record<string, string> }>;
    expect(published.init?.status).toBe(400);
    expect(published.data.errors._form).toMatch(/inschrijving is gesloten/);
    const settings = (await post(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.inkoper, {
      intent: "settings",
      tariffTableId: String(kader.tariffTableId),
      budgetCeiling: "1.000,00",
      regionIds: String(demo.regionIds["DEMO-M"]),
    })) as DataResult<{ errors: Record<string, string> }>;
    expect(settings.init?.status).toBe(400);
    expect(settings.data.errors._form).toMatch(/inschrijving is gesloten/);
    expect(kaderSnapshot(db)).toEqual(before);
    // The page says it cannot be edited.
    const overview = (await get(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.inkoper)) as { phase: string; editable: boolean };
    expect(overview).toMatchObject({ phase: "gesloten", editable: false });
  });

  it("re-saving the settings form with its pre-filled contracteerruimte keeps the amount", async () => {
    const slug = "vv-concept-2027";
    const regionIds = String(demo.regionIds["DEMO-M"]);
    const tariffTableId = String(loadKader(db, slug).tariffTableId);
    const first = (await post(staffPage, `/inkoop/kaders/${slug}`, slug, demo.inkoper, { intent: "settings", tariffTableId, budgetCeiling: "12.500.000,00", regionIds })) as Response;
    expect(first.status).toBe(302);
    const shown = (await get(staffPage, `/inkoop/kaders/${slug}`, slug, demo.inkoper)) as { settings: { budgetCeiling: string | null } };
    expect(Number(shown.settings.budgetCeiling)).toBe(12_500_000);
    const again = (await post(staffPage, `/inkoop/kaders/${slug}`, slug, demo.inkoper, { intent: "settings", tariffTableId, budgetCeiling: formatNumber(shown.settings.budgetCeiling!, { decimals: 2 }), regionIds })) as Response;
    expect(again.status).toBe(302);
    expect(Number(loadKader(db, slug).budgetCeiling)).toBe(12_500_000);
  });

  it("a provider, a beoordelaar and another zorgkantoor's inkoper cannot act on it", async () => {
    const fields = { intent: "transition", to: "in_beoordeling" };
    expect(await statusOf(() => post(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.aanbieder, fields))).toBe(403);
    expect(await statusOf(() => post(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.beoordelaar, fields))).toBe(403);
    expect(await statusOf(() => post(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", other.inkoper, fields))).toBe(404);
    expect(loadKader(db, "vv-gesloten").phase).toBe("gepubliceerd");
    // A beoordelaar of the zorgkantoor may read the page.
    const overview = (await get(staffPage, "/inkoop/kaders/vv-gesloten", "vv-gesloten", demo.beoordelaar)) as { canEdit: boolean };
    expect(overview.canEdit).toBe(false);
  });
});

describe("tariff and registry routes keep to their own zorgkantoor", () => {
  it("the tariff page never shows another zorgkantoor's table, even by id", async () => {
    const demoTable = loadKader(db, "demo-vv-2026").tariffTableId!;
    const own = (await get(tarieven, `/inkoop/tarieven?tabel=${demoTable}`, undefined, demo.inkoper)) as { shown: { id: number } | null };
    expect(own.shown?.id).toBe(demoTable);
    const foreign = (await get(tarieven, `/inkoop/tarieven?tabel=${demoTable}`, undefined, other.inkoper)) as { tables: unknown[]; shown: unknown };
    expect(foreign).toEqual({ tables: [], shown: null });
    expect(await statusOf(() => get(tarieven, "/inkoop/tarieven", undefined, demo.aanbieder))).toBe(403);
  });

  it("an upload with errors imports nothing and answers 400 with row and column", async () => {
    const form = new FormData();
    form.set("year", "2027");
    form.set("file", new Blob(["prestatie;sector;omschrijving;eenheid;maximumtarief;nhc;nic\n4VV;XX;ZZP 4 VV;dag;180,00;20,00;3,00\n"], { type: "text/csv" }), "fout.csv");
    const before = kaderSnapshot(db);
    const result = (await post(tarieven, "/inkoop/tarieven", undefined, demo.inkoper, form)) as DataResult<{ importErrors: { row: number; column: string }[] }>;
    expect(result.init?.status).toBe(400);
    expect(result.data.importErrors).toEqual([expect.objectContaining({ row: 2, column: "sector" })]);
    expect(kaderSnapshot(db)).toEqual(before);
  });

  it("the registry page lists only providers in the inkoper's own regions", async () => {
    const otherAgb = db.select().from(organisations).where(eq(organisations.id, other.providerOrgId)).get()!.agbCode!;
    const own = (await get(register, "/inkoop/register?jaar=2026", undefined, demo.inkoper)) as { providers: { agbCode: string; volumes: Record<string, string> }[] };
    expect(own.providers).toHaveLength(12);
    expect(own.providers.map((p) => p.agbCode)).not.toContain(otherAgb);
    expect(own.providers.find((p) => p.agbCode === "73730001")?.volumes).toEqual({ "4VV": "3650", "5VV": "1825", "6VV": "730" });
    const foreign = (await get(register, "/inkoop/register?jaar=2026", undefined, other.inkoper)) as { providers: { agbCode: string; volumes: Record<string, string> }[] };
    expect(foreign.providers.map((p) => p.agbCode)).toEqual([otherAgb]);
    expect(foreign.providers[0]!.volumes).toEqual({});
    expect(await statusOf(() => get(register, "/inkoop/register", undefined, demo.aanbieder))).toBe(403);
  });
});

describe("time-dependent pages use the server clock", () => {
  it("the demo kader is open now with questions open; a closed kader says so", async () => {
    const data = (await page("demo-vv-2026", demo.aanbieder)) as { view: { phase: string; questionsOpen: boolean } };
    expect(data.view).toMatchObject({ phase: "open", questionsOpen: true });
    const closed = (await page("vv-gesloten", demo.aanbieder)) as { view: { phase: string; questionsOpen: boolean } };
    expect(closed.view).toMatchObject({ phase: "gesloten", questionsOpen: false });
  });
});
