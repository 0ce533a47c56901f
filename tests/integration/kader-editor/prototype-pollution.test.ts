/**
 * Issue 7: posting a field named `__proto__.x` to one's own kader editor wrote onto
 * Object.prototype for the whole process; another zorgkantoor's next draft save picked up the
 * injected title and `/kaders/<slug>` with its downloads answered 500 for everyone. Here every
 * form that builds objects from submitted names gets such names: the editor (save, intents,
 * upload), the kader page's forms and the administrator's forms (parseForm), the provider's
 * question form and the preview's query (fact names). Afterwards Object.prototype has no new keys, another zorgkantoor saves
 * its own draft with its own title, and the published kader with its downloads still answers.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSession, describeUser, type SessionUser } from "../../../app/auth/session.server";
import { createKader } from "../../../app/services/kaders/store.server";
import type { EditorActionData } from "../../../app/routes/inkoop.kaders.$slug.bewerken/editor.server";
import { kaders, organisations, userRoles, users } from "../../../db/schema";
import { ensureDemoData } from "../../../db/seed/demo";
import { formEntries, renderBody, setEntry } from "../../unit/kader-editor/form-html";
import { createTestDb } from "../../helpers/test-db";
import { seedPreviewKader } from "../preview/fixtures";

type Module = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> };

let t: ReturnType<typeof createTestDb>;
let previousUrl: string | undefined;
const now = new Date();
const cookies: Record<string, string> = {};
let inkoper: SessionUser;
let elders: SessionUser;
const routes: Record<string, Module> = {};

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

function expectPrototypesUntouched() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_KEYS);
  const probe = {} as Record<string, unknown>;
  for (const key of ["x", "title", "polluted", "kind", "label", "values"]) expect(probe[key], key).toBeUndefined();
}

afterEach(() => {
  // A failing (polluting) test must not poison the next ones.
  for (const [proto, before] of [
    [Object.prototype, PROTO_KEYS],
    [Array.prototype, ARRAY_PROTO_KEYS],
  ] as [Record<string, unknown>, string[]][]) {
    for (const key of Object.getOwnPropertyNames(proto)) if (!before.includes(key)) delete proto[key];
  }
});

/** Names that reach the prototype chain, in every position and spelling the path syntax allows. */
const HOSTILE: [string, string][] = [
  ["__proto__.x", "gevaarlijk"],
  ["__proto__.title", "Geïnjecteerde titel"],
  ["__proto__[title]", "Geïnjecteerde titel"],
  ['["__proto__"].title', "Geïnjecteerde titel"],
  ["constructor.prototype.title", "Geïnjecteerde titel"],
  ["constructor.prototype.polluted", "ja"],
  ["prototype.x", "gevaarlijk"],
  ["rounding.__proto__.kind", "fixed"],
  ["surcharges[0].__proto__.label", "Geïnjecteerd"],
  ["surcharges[0].constructor.prototype.x", "gevaarlijk"],
  ["baseRate.$orig.__proto__", '{"polluted":true}'],
  ["baseRate.$orig.constructor", '"x"'],
  ["__proto__", "gevaarlijk"],
  ["constructor", "gevaarlijk"],
];

const args = (request: Request, slug: string) => ({ request, params: { slug }, context: { cspNonce: "", clientAddress: "test" } });
const draftOf = (slug: string) => t.db.select().from(kaders).where(eq(kaders.slug, slug)).get()!.draft as Record<string, any>;

async function settle(run: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = (await run) as any;
    if (result instanceof Response) return { status: result.status, body: result };
    return { status: result?.init?.status ?? 200, body: result?.data ?? result };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: error };
    throw error;
  }
}

function post(route: Module, path: string, slug: string, who: string, body: URLSearchParams | FormData) {
  const request = new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookies[who]! }, body });
  return settle(route.action!(args(request, slug)));
}

function get(route: Module, path: string, slug: string, who: string) {
  return settle(route.loader!(args(new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who]! } }), slug)));
}

async function editorForm(slug: string, who = "inkoper"): Promise<[string, string][]> {
  const page = (await get(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, who)).body as any;
  return formEntries(renderBody(page.model, { tariffs: page.tariffs }));
}

beforeAll(async () => {
  t = createTestDb();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  // The demo data as `npm start` seeds it: the published kader demo-vv-2026 included.
  await ensureDemoData(t.db, { file: t.file, password: "prototype-tests wachtwoord", now });
  seedPreviewKader(t.db, { slug: "vv-voorbeeld", year: 2027 });
  const userId = (email: string) => t.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  inkoper = describeUser(t.db, userId("inkoper@demo.zorginkoop.nl"))!;
  const otherOrg = t.db.insert(organisations).values({ kind: "zorgkantoor", name: "Zorgkantoor Elders", sectors: ["VV"], createdAt: now }).returning({ id: organisations.id }).get().id;
  const otherId = t.db.insert(users).values({ email: "inkoper@elders.nl", name: "Els Elders", passwordHash: "x", organisationId: otherOrg, createdAt: now }).returning({ id: users.id }).get().id;
  t.db.insert(userRoles).values({ userId: otherId, role: "inkoper" }).run();
  elders = describeUser(t.db, otherId)!;
  const session = (id: number) => `zk_session=${createSession(t.db, id, now).token}`;
  cookies.inkoper = session(inkoper.id);
  cookies.elders = session(otherId);
  cookies.aanbieder = session(userId("aanbieder@demo.zorginkoop.nl"));
  cookies.beheerder = session(userId("beheerder@demo.zorginkoop.nl"));
  routes.editor = await import("../../../app/routes/inkoop.kaders.$slug.bewerken/route");
  routes.kaderPage = await import("../../../app/routes/inkoop.kaders.$slug._index/route");
  routes.preview = await import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route");
  routes.publicPage = await import("../../../app/routes/kaders.$slug._index/route");
  routes.publicYaml = await import("../../../app/routes/kaders.$slug.kader[.yaml]/route");
  routes.publicJson = await import("../../../app/routes/kaders.$slug.kader[.json]/route");
  routes.publicPdf = await import("../../../app/routes/kaders.$slug.kader[.pdf]/route");
  routes.newOrganisation = await import("../../../app/routes/beheer.organisaties.nieuw/route");
  routes.newUser = await import("../../../app/routes/beheer.gebruikers.nieuw/route");
});

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t.close();
});

/** Another zorgkantoor saves its own draft (without a title field, as a tampered or partial form would): nothing of the attack shows up. */
async function otherZorgkantoorStillWorks() {
  const slug = `elders-${Math.random().toString(36).slice(2, 8)}`;
  const made = createKader(elders, { slug, title: "Kader van Elders", year: 2027 }, t.db, now);
  if (!made.ok) throw new Error("kader not created");
  const entries = setEntry(await editorForm(slug, "elders"), "title", "Titel van Elders");
  const saved = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "elders", new URLSearchParams([...entries, ["intent", "save"]]));
  expect(saved.status).toBe(200);
  expect((saved.body as EditorActionData).kind).toBe("saved");
  expect(draftOf(slug).title).toBe("Titel van Elders");
  // A form without a title field finds none on the prototype either.
  const untitled = (await editorForm(slug, "elders")).filter(([n]) => n !== "title");
  await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "elders", new URLSearchParams([...untitled, ["intent", "save"]]));
  expect(draftOf(slug).title).toBeUndefined();
  expect(JSON.stringify(draftOf(slug))).not.toMatch(/Geïnjecteerd|gevaarlijk|polluted/);
}

/** The published demo kader and its downloads answer for a provider. */
async function publishedKaderStillWorks() {
  const slug = "demo-vv-2026";
  const path = `/kaders/${slug}`;
  const page = await get(routes.publicPage!, path, slug, "aanbieder");
  expect(page.status).toBe(200);
  for (const [route, ext] of [
    [routes.publicYaml!, "yaml"],
    [routes.publicJson!, "json"],
    [routes.publicPdf!, "pdf"],
  ] as const) {
    const response = await get(route, `${path}/kader.${ext}`, slug, "aanbieder");
    expect(response.status, ext).toBe(200);
    const text = await (response.body as Response).text();
    expect(text.length, ext).toBeGreaterThan(100);
  }
}

describe("hostile field names on every form that builds objects from names", () => {
  it("the editor's save: ignored, the draft saved as without them", async () => {
    const slug = "vv-2027";
    createKader(inkoper, { slug, title: "Eigen kader", year: 2027 }, t.db, now);
    let entries = setEntry(await editorForm(slug), "title", "Eigen kader");
    const clean = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "inkoper", new URLSearchParams([...entries, ["intent", "save"]]));
    expect(clean.status).toBe(200);
    const cleanDraft = JSON.stringify(draftOf(slug));
    entries = [...entries, ...HOSTILE];
    const r = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "inkoper", new URLSearchParams([...entries, ["intent", "save"]]));
    expect(r.status).toBe(200);
    expect((r.body as EditorActionData).kind).toBe("saved");
    expectPrototypesUntouched();
    expect(JSON.stringify(draftOf(slug))).toBe(cleanDraft);
    await otherZorgkantoorStillWorks();
    await publishedKaderStillWorks();
  });

  it("the editor's intents on prototype paths: refused with 400, nothing written", async () => {
    const slug = "vv-2028";
    createKader(inkoper, { slug, title: "Eigen kader", year: 2028 }, t.db, now);
    const entries = await editorForm(slug);
    const before = JSON.stringify(draftOf(slug));
    for (const intent of ["remove:__proto__", "remove:constructor", "remove:rounding.__proto__", "add:__proto__.x", "switch:surcharges[0].constructor", "remove:baseRate.constructor"]) {
      const r = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "inkoper", new URLSearchParams([...entries, ...HOSTILE, ["intent", intent]]));
      expect(r.status, intent).toBe(400);
    }
    expect(JSON.stringify(draftOf(slug))).toBe(before);
    expectPrototypesUntouched();
    await otherZorgkantoorStillWorks();
  });

  it("an uploaded kader file with __proto__ and constructor keys: kept as data, no prototype changed", async () => {
    const slug = "vv-2029";
    createKader(inkoper, { slug, title: "Eigen kader", year: 2029 }, t.db, now);
    const form = new FormData();
    form.set("intent", "upload");
    const yaml = 'title: Upload\nyear: 2029\n__proto__: { title: Geïnjecteerd }\nbaseRate: { default: 94, bySector: { constructor: 95, __proto__: 96 } }\nsurcharges: []\n';
    form.set("file", new File([yaml], "kader.yaml", { type: "application/yaml" }));
    const r = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "inkoper", form);
    expect(r.status).toBe(200);
    expectPrototypesUntouched();
    // The unknown keys are the inkoper's own data (reported as problems), never anyone's prototype.
    const draft = draftOf(slug);
    expect(Object.hasOwn(draft.baseRate.bySector, "constructor")).toBe(true);
    // And a save of the form that shows them keeps the prototype clean as well.
    const again = await post(routes.editor!, `/inkoop/kaders/${slug}/bewerken`, slug, "inkoper", new URLSearchParams([...(await editorForm(slug)), ["intent", "save"]]));
    expect(again.status).toBe(200);
    expectPrototypesUntouched();
    await otherZorgkantoorStillWorks();
    await publishedKaderStillWorks();
  });

  it("the kader page's forms (parseForm): settings and publish answer 400 at the field, no prototype changed", async () => {
    const slug = "vv-voorbeeld";
    const path = `/inkoop/kaders/${slug}`;
    for (const intent of ["settings", "publish", "answer"]) {
      const body = new URLSearchParams([["intent", intent], ...HOSTILE, ["__proto__", "tweede"], ["budgetCeiling", "veel"]]);
      const r = await post(routes.kaderPage!, path, slug, "inkoper", body);
      expect([400, 409], intent).toContain(r.status);
    }
    expectPrototypesUntouched();
    await otherZorgkantoorStillWorks();
  });

  it("the administrator's forms (parseForm): a new organisation and a new account, refused at the fields", async () => {
    for (const [route, path] of [
      [routes.newOrganisation!, "/beheer/organisaties/nieuw"],
      [routes.newUser!, "/beheer/gebruikers/nieuw"],
    ] as const) {
      const body = new URLSearchParams([...HOSTILE, ["__proto__", "tweede"], ["name", ""], ["email", "geen-adres"]]);
      const r = await post(route, path, "", "beheerder", body);
      expect(r.status, path).toBe(400);
    }
    expectPrototypesUntouched();
    await otherZorgkantoorStillWorks();
  });

  it("the provider's question form (parseForm)", async () => {
    const slug = "demo-vv-2026";
    const body = new URLSearchParams([...HOSTILE, ["__proto__", "tweede"], ["text", ""]]);
    const r = await post(routes.publicPage!, `/kaders/${slug}`, slug, "aanbieder", body);
    expect(r.status).toBe(400);
    expectPrototypesUntouched();
    await publishedKaderStillWorks();
  });

  it("the preview's query: fact names __proto__ and constructor are ordinary (unknown) facts", async () => {
    const slug = "vv-voorbeeld";
    const query = new URLSearchParams([
      ["v", "1"],
      ["p", "4VV"],
      ["fk", "__proto__"],
      ["ft", "waar"],
      ["fv", ""],
      ["fk", "constructor"],
      ["ft", "tekst"],
      ["fv", "x"],
      ["bk", "__proto__"],
      ["bt", "tekst"],
      ["bv", "Geïnjecteerd"],
      ...HOSTILE,
    ]);
    const r = await get(routes.preview!, `/inkoop/kaders/${slug}/voorbeeld?${query}`, slug, "inkoper");
    expect(r.status).toBe(200);
    const page = (r.body as any).page;
    expect(page.state).toBe("ok");
    expectPrototypesUntouched();
    await otherZorgkantoorStillWorks();
  });
});
