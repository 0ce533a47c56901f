/**
 * The kader editor's routes on a temporary database: access, saving (always, also when
 * invalid), issues per field, intents, upload and download. The route modules read
 * DATABASE_URL through their own getDb(), so it is set before they are imported.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, describeUser, type SessionUser } from "../../../app/auth/session.server";
import { createKader } from "../../../app/services/kaders/store.server";
import { storeTariffTable } from "../../../app/services/tariff-tables.server";
import { auditEvents, kaders, kaderVersions, organisations, userRoles, users } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { parseDocument, parseKader } from "../../../scoring";
import type { EditorActionData } from "../../../app/routes/inkoop.kaders.$slug.bewerken/editor.server";
import { fieldId } from "../../../app/routes/inkoop.kaders.$slug.bewerken/model";
import { formEntries, renderBody, setEntry } from "../../unit/kader-editor/form-html";
import { createTestDb } from "../../helpers/test-db";

type RouteModule = typeof import("../../../app/routes/inkoop.kaders.$slug.bewerken/route");
type DownloadModule = typeof import("../../../app/routes/inkoop.kaders.$slug.concept[.yaml]/route");

let t: ReturnType<typeof createTestDb>;
let route: RouteModule;
let yamlRoute: DownloadModule;
let jsonRoute: DownloadModule;
let previousUrl: string | undefined;
const now = new Date();
const cookies: Record<string, string> = {};
let inkoper: SessionUser;
let zorgkantoorName: string;

const DEMO_KADER = fs.readFileSync(path.resolve(__dirname, "../../../../shared/examples/demo-kader.yaml"), "utf8");

function sessionFor(userId: number): string {
  const { token } = createSession(t.db, userId, now);
  return `zk_session=${token}`;
}

beforeAll(async () => {
  t = createTestDb();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  seedDemo(t.db, "niet-gebruikte-hash", now);
  const userId = (email: string) => t.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  inkoper = describeUser(t.db, userId("inkoper@demo.zorginkoop.nl"))!;
  zorgkantoorName = inkoper.organisation!.name;
  // An inkoper of another zorgkantoor.
  const otherOrg = t.db.insert(organisations).values({ kind: "zorgkantoor", name: "Zorgkantoor Elders", sectors: ["VV"], createdAt: now }).returning({ id: organisations.id }).get().id;
  const otherId = t.db.insert(users).values({ email: "inkoper@elders.nl", name: "Els Elders", passwordHash: "x", organisationId: otherOrg, createdAt: now }).returning({ id: users.id }).get().id;
  t.db.insert(userRoles).values({ userId: otherId, role: "inkoper" }).run();
  cookies.inkoper = sessionFor(inkoper.id);
  cookies.aanbieder = sessionFor(userId("aanbieder@demo.zorginkoop.nl"));
  cookies.beoordelaar = sessionFor(userId("beoordelaar@demo.zorginkoop.nl"));
  cookies.elders = sessionFor(otherId);
  route = await import("../../../app/routes/inkoop.kaders.$slug.bewerken/route");
  yamlRoute = await import("../../../app/routes/inkoop.kaders.$slug.concept[.yaml]/route");
  jsonRoute = await import("../../../app/routes/inkoop.kaders.$slug.concept[.json]/route");
});

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t.close();
});

let counter = 0;
function newKader(): string {
  const slug = `vv-${2027 + counter++}`;
  const made = createKader(inkoper, { slug, title: `Kader ${slug}`, year: 2027 }, t.db, now);
  if (!made.ok) throw new Error("kader not created");
  return slug;
}

const url = (slug: string, rest = "bewerken") => `http://localhost/inkoop/kaders/${slug}/${rest}`;
const args = (request: Request, slug: string) => ({ request, params: { slug }, context: { cspNonce: "", clientAddress: "test" } });
const draftOf = (slug: string) => t.db.select().from(kaders).where(eq(kaders.slug, slug)).get()!.draft as Record<string, any>;

async function load(slug: string, who = "inkoper") {
  return route.loader(args(new Request(url(slug), { headers: { Cookie: cookies[who]! } }), slug));
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

type Acted = { status: number; data: EditorActionData };

async function post(slug: string, entries: [string, string][], who = "inkoper"): Promise<Acted> {
  const request = new Request(url(slug), { method: "POST", headers: { Cookie: cookies[who]! }, body: new URLSearchParams(entries) });
  const result = (await route.action(args(request, slug))) as unknown as { data: EditorActionData; init: { status?: number } | null };
  return { status: result.init?.status ?? 200, data: result.data };
}

async function upload(slug: string, name: string, text: string | Uint8Array<ArrayBuffer>, type = "application/yaml"): Promise<Acted> {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([text], name, { type }));
  const request = new Request(url(slug), { method: "POST", headers: { Cookie: cookies.inkoper! }, body: form });
  const result = (await route.action(args(request, slug))) as unknown as { data: EditorActionData; init: { status?: number } | null };
  return { status: result.init?.status ?? 200, data: result.data };
}

async function download(slug: string, format: "yaml" | "json", who = "inkoper"): Promise<Response> {
  const mod = format === "yaml" ? yamlRoute : jsonRoute;
  return (await mod.loader(args(new Request(url(slug, `concept.${format}`), { headers: { Cookie: cookies[who]! } }), slug))) as Response;
}

/** The editor form as the loader's page shows it, as a browser would submit it. */
async function currentForm(slug: string): Promise<[string, string][]> {
  const page = await load(slug);
  return formEntries(renderBody(page.model, { tariffs: page.tariffs }));
}

function demoKaderFor(slug: string): string {
  return DEMO_KADER.replace("id: demo-vv-2026", `id: ${slug}`);
}

describe("access", () => {
  it("refuses a provider (403) and an inkoper of another zorgkantoor (404), on every route", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    expect(await statusOf(load(slug, "aanbieder"))).toBe(403);
    expect(await statusOf(load(slug, "elders"))).toBe(404);
    expect(await statusOf(load(slug, "beoordelaar"))).toBe(403);
    expect(await statusOf(post(slug, [["intent", "add:surcharges:fixed"]], "aanbieder"))).toBe(403);
    expect(await statusOf(post(slug, [["intent", "add:surcharges:fixed"]], "elders"))).toBe(404);
    expect(await statusOf(download(slug, "yaml", "aanbieder"))).toBe(403);
    expect(await statusOf(download(slug, "json", "elders"))).toBe(404);
    expect(await statusOf(load("bestaat-niet"))).toBe(404);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("sends a visitor without a session to the login page", async () => {
    const slug = newKader();
    const response = await route.loader(args(new Request(url(slug)), slug)).catch((e: unknown) => e as Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe(`/login?next=${encodeURIComponent(`/inkoop/kaders/${slug}/bewerken`)}`);
  });
});

describe("saving the draft", () => {
  it("saves invalid input as the draft and reports each problem at its field, in Dutch", async () => {
    const slug = newKader();
    let entries = await currentForm(slug);
    entries = setEntry(entries, "baseRate.default", "veel");
    entries = setEntry(entries, "year", "2027");
    const { status, data } = await post(slug, entries);
    expect(status).toBe(200);
    if (data.kind !== "saved") throw new Error(data.message);
    expect(data.message).toBe("Concept opgeslagen");
    expect(draftOf(slug).baseRate.default).toBe("veel");
    expect(data.issues).toContainEqual({ path: "baseRate.default", where: "Basistarief › standaard", message: 'Vul een getal in, bijvoorbeeld 94 of 94,5 (nu: "veel").' });
    // The page shows the saved draft with the issue at the field.
    const page = await load(slug);
    expect(page.model.baseRate.default).toBe("veel");
    expect(page.issues.map((i) => i.path)).toContain("baseRate.default");
    const html = renderBody(page.model, { issues: page.issues });
    expect(html).toMatch(new RegExp(`name="baseRate.default"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${fieldId("baseRate.default")}-fout"`));
  });

  it("adds, fills in and validates a points module through intents and Dutch decimals", async () => {
    const slug = newKader();
    let r = await post(slug, [...(await currentForm(slug)), ["intent", "add:surcharges:points"]]);
    expect(r.status).toBe(200);
    if (r.data.kind !== "saved") throw new Error("not saved");
    expect(r.data.focus).toBe(fieldId("surcharges[0].label"));
    expect(draftOf(slug).surcharges).toHaveLength(1);
    // The new module's empty fields are problems, each at its field.
    expect(r.data.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["surcharges[0].label", "surcharges[0].criteria[0].id", "surcharges[0].mapping.bands[0].from"]));

    let entries = await currentForm(slug);
    entries = setEntry(entries, "surcharges[0].label", "Module complexe zorg");
    entries = setEntry(entries, "surcharges[0].criteria[0].id", "visie");
    entries = setEntry(entries, "surcharges[0].criteria[0].label", "Visie");
    entries = setEntry(entries, "surcharges[0].criteria[0].weight", "1,5");
    entries = setEntry(entries, "surcharges[0].mapping.bands[0].from", "7,5");
    entries = setEntry(entries, "surcharges[0].mapping.bands[0].percent", "2,25");
    entries = setEntry(entries, "baseRate.default", "94,5");
    r = await post(slug, [...entries, ["intent", "save"]]);
    if (r.data.kind !== "saved") throw new Error("not saved");
    expect(r.data.issues).toEqual([]);
    const draft = draftOf(slug);
    expect(draft.baseRate.default).toBe("94.5");
    expect(draft.surcharges[0]).toMatchObject({ id: "module-1", kind: "points", criteria: [{ id: "visie", weight: "1.5" }], mapping: { bands: [{ from: "7.5", percent: "2.25" }] } });
    expect(parseKader(draft).ok).toBe(true);
    const audit = t.db.select().from(auditEvents).where(eq(auditEvents.action, "kader.draft_save")).all().filter((e) => e.entityId === slug);
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.payload)).toMatchObject({ valid: true, issues: 0 });
  });

  it("answers 400 to a malformed request and saves nothing", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    for (const intent of ["explode", "remove:surcharges[3]", "add:nothing"]) {
      const r = await post(slug, [...(await currentForm(slug)), ["intent", intent]]);
      expect(r.status, intent).toBe(400);
      expect(r.data.kind).toBe("bad-request");
    }
    const tampered = await post(slug, [...(await currentForm(slug)), ["$extra", "{kapot"]]);
    expect(tampered.status).toBe(400);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("checks prestaties against the kader's tariff table and offers its codes", async () => {
    const slug = newKader();
    const { tableId } = storeTariffTable(t.db, {
      zorgkantoorId: inkoper.organisation!.id,
      year: 2027,
      sourceName: "tarieven.csv",
      sha256: "0".repeat(64),
      note: null,
      rows: [
        { code: "5VV", sector: "VV", label: "ZZP 5 VV", unit: "dag", max: "260", components: { NHC: "21.5", NIC: "3.5" } },
        { code: "6VV", sector: "VV", label: "ZZP 6 VV", unit: "dag", max: "290", components: { NHC: "21.5", NIC: "3.5" } },
      ],
      actorUserId: inkoper.id,
    });
    t.db.update(kaders).set({ tariffTableId: tableId }).where(eq(kaders.slug, slug)).run();
    await upload(slug, "kader.yaml", demoKaderFor(slug).replace("prestaties: [5VV, 6VV]", "prestaties: [5VV, 11VV]"));
    const page = await load(slug);
    expect(page.tariffs?.prestaties.map((p) => p.code)).toEqual(["5VV", "6VV"]);
    expect(page.issues).toContainEqual({
      path: "surcharges[1].appliesTo.prestaties[1]",
      where: "Opslag 2 (Module complexe zorg V&V) › geldt voor › prestatie 2",
      message: "Onbekende prestatie 11VV: die staat niet in de tarieftabel van dit kader.",
    });
  });
});

describe("upload and download", () => {
  it("an uploaded valid file, downloaded again as YAML or JSON, is the same kader", async () => {
    const slug = newKader();
    const file = demoKaderFor(slug);
    const r = await upload(slug, "demo-kader.yaml", file);
    expect(r.status).toBe(200);
    if (r.data.kind !== "saved") throw new Error("not saved");
    expect(r.data.issues).toEqual([]);
    expect(r.data.message).toBe("Bestand demo-kader.yaml ingelezen en als concept opgeslagen");
    const original = parseDocument(file);
    if (!original.ok) throw new Error("demo kader");
    const expected = parseKader(original.value);
    expect(expected.ok).toBe(true);
    for (const format of ["yaml", "json"] as const) {
      const response = await download(slug, format);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="${slug}-concept\\.${format}"`));
      expect(response.headers.get("Content-Type")).toContain(format);
      const again = parseDocument(await response.text());
      if (!again.ok) throw new Error("download does not parse");
      expect(parseKader(again.value)).toEqual(expected);
      // …and uploading the download changes nothing.
      const before = JSON.stringify(parseKader(draftOf(slug)));
      await upload(slug, `terug.${format}`, JSON.stringify(again.value), "application/json");
      expect(JSON.stringify(parseKader(draftOf(slug)))).toBe(before);
    }
  });

  it("says when the file's id or zorgkantoor were replaced by the kader's own", async () => {
    const slug = newKader();
    const r = await upload(slug, "demo.yaml", DEMO_KADER);
    if (r.data.kind !== "saved") throw new Error("not saved");
    expect(r.data.message).toContain(`het kenmerk "demo-vv-2026" is vervangen door ${slug}`);
    expect(draftOf(slug).id).toBe(slug);
    expect(draftOf(slug).zorgkantoor).toBe(zorgkantoorName);
  });

  it("shows a syntax error with its line and changes nothing", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    const r = await upload(slug, "kapot.yaml", "title: Kapot\nbaseRate:\n  default: [94\nyear: 2027\n");
    expect(r.data.kind).toBe("upload-failed");
    if (r.data.kind !== "upload-failed") return;
    expect(r.data.message).toBe("Het bestand kon niet worden gelezen; er is niets gewijzigd.");
    expect(r.data.problems[0]!.message).toMatch(/^Syntaxfout in het YAML-bestand op regel \d+, kolom \d+/);
    const json = await upload(slug, "kapot.json", '{"title": "x",\n "year": }', "application/json");
    expect(json.data.kind === "upload-failed" && json.data.problems[0]!.message).toMatch(/^Syntaxfout in het JSON-bestand op regel 2, kolom \d+/);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("refuses a YAML file with 50,000 merge keys at once, with a Dutch message, changing nothing", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    // The attack file: one anchor merged 50,000 times (about 450 kB); it used to block the server for a minute.
    const bomb = "basis: &b {title: x, year: 2027}\nkader:\n" + "  <<: *b\n".repeat(50_000);
    const r = await upload(slug, "bom.yaml", bomb);
    expect(r.data.kind).toBe("upload-failed");
    if (r.data.kind !== "upload-failed") return;
    expect(r.data.problems.map((p) => p.message)).toEqual([
      "Regel 1 gebruikt een YAML-anker (&) of -verwijzing (*). Een kaderbestand heeft die niet nodig en ze zijn niet toegestaan: schrijf de waarden uit.",
    ]);
    const merge = await upload(slug, "merge.yaml", "title: x\n<<: {year: 2027}\n");
    expect(merge.data.kind === "upload-failed" && merge.data.problems[0]!.message).toMatch(/^Regel 2 gebruikt een YAML-samenvoegsleutel \(<<\)/);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("refuses conditions nested thousands deep and a repeated key, in YAML and JSON, in Dutch, changing nothing", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    const deepJson = '{"title": "x", "surcharges": [{"when": ' + '{"not": '.repeat(5000) + '{"fact": "a", "op": "==", "value": 1}' + "}".repeat(5000) + "}]}";
    const deepYaml = "title: x\nsurcharges:\n  - when: " + "{not: ".repeat(5000) + "{fact: a, op: '==', value: 1}" + "}".repeat(5000) + "\n";
    for (const [name, text, type] of [["diep.json", deepJson, "application/json"], ["diep.yaml", deepYaml, "application/yaml"]] as const) {
      const r = await upload(slug, name, text, type);
      expect(r.data.kind, name).toBe("upload-failed");
      if (r.data.kind !== "upload-failed") continue;
      expect(r.data.problems.map((p) => p.message)[0], name).toMatch(/^Het bestand is op regel \d+ dieper genest dan 64 niveaus/);
    }
    const twice = await upload(slug, "dubbel.json", '{"title": "a",\n "title": "b"}', "application/json");
    expect(twice.data.kind === "upload-failed" && twice.data.problems.map((p) => p.message)).toEqual(["De sleutel ‘title’ komt twee keer voor in hetzelfde object (regel 2, kolom 2)."]);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("refuses a file over 1 MB, a non-kader document and binary content, changing nothing", async () => {
    const slug = newKader();
    const before = JSON.stringify(draftOf(slug));
    const big = await upload(slug, "groot.yaml", `title: x\n# ${"x".repeat(1024 * 1024)}\n`);
    expect(big.data).toMatchObject({ kind: "upload-failed", message: "Het bestand is te groot: hoogstens 1 MB. Er is niets gewijzigd." });
    const list = await upload(slug, "lijst.yaml", "- a\n- b\n");
    expect(list.data).toMatchObject({ kind: "upload-failed" });
    const inputs = await upload(slug, "inputs.yaml", "format: zorginkoop.inputs/v1\nkader: x\n");
    expect(inputs.data.kind === "upload-failed" && inputs.data.message).toContain("Dit is geen kaderbestand");
    const binary = await upload(slug, "plaatje.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]), "image/png");
    expect(binary.data).toMatchObject({ kind: "upload-failed" });
    const empty = await upload(slug, "leeg.yaml", "");
    expect(empty.data).toMatchObject({ kind: "upload-failed" });
    expect(JSON.stringify(draftOf(slug))).toBe(before);
  });

  it("downloads an invalid draft as a faithful dump of what is stored", async () => {
    const slug = newKader();
    let entries = await currentForm(slug);
    entries = setEntry(entries, "baseRate.default", "veel");
    await post(slug, [...entries, ["intent", "add:surcharges:fixed"]]);
    const json = await download(slug, "json");
    expect(JSON.parse(await json.text())).toEqual(draftOf(slug));
    const yaml = await download(slug, "yaml");
    const text = await yaml.text();
    expect(text.startsWith("# Concept, nog geen geldig kader")).toBe(true);
    const doc = parseDocument(text);
    expect(doc.ok && doc.value).toEqual(draftOf(slug));
  });
});

describe("after publication", () => {
  function publishAt(slug: string, opensAt: Date, closesAt: Date) {
    const kader = t.db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;
    const { tableId } = storeTariffTable(t.db, {
      zorgkantoorId: inkoper.organisation!.id,
      year: 2026,
      sourceName: "t.csv",
      sha256: "1".repeat(64),
      note: null,
      rows: [{ code: "5VV", sector: "VV", label: "ZZP 5 VV", unit: "dag", max: "260", components: { NHC: "21.5", NIC: "3.5" } }],
      actorUserId: inkoper.id,
    });
    t.db.insert(kaderVersions).values({ kaderId: kader.id, number: 1, content: kader.draft, contentHash: "h", tariffTableId: tableId, opensAt, closesAt, questionsUntil: opensAt, publishedAt: now, publishedBy: inkoper.id }).run();
    t.db.update(kaders).set({ phase: "gepubliceerd", tariffTableId: tableId }).where(eq(kaders.id, kader.id)).run();
  }

  it("edits the next amendment's working copy while the kader is published and open", async () => {
    const slug = newKader();
    publishAt(slug, new Date(now.getTime() + 86_400_000), new Date(now.getTime() + 10 * 86_400_000));
    const page = await load(slug);
    expect(page).toMatchObject({ editable: true, publishedVersion: 1, refusal: null });
    const r = await post(slug, [...(await currentForm(slug)), ["intent", "add:surcharges:fixed"]]);
    expect(r.status).toBe(200);
    expect(draftOf(slug).surcharges).toHaveLength(1);
  });

  it("refuses every change once the submission window has closed, and shows the draft read-only", async () => {
    const slug = newKader();
    publishAt(slug, new Date(now.getTime() - 10 * 86_400_000), new Date(now.getTime() - 86_400_000));
    const before = JSON.stringify(draftOf(slug));
    const page = await load(slug);
    expect(page.editable).toBe(false);
    expect(page.refusal).toContain("Dit kader kan niet meer worden gewijzigd");
    const r = await post(slug, [...(await currentForm(slug)), ["intent", "save"]]);
    expect(r.status).toBe(403);
    expect(r.data).toMatchObject({ kind: "refused" });
    const u = await upload(slug, "demo.yaml", demoKaderFor(slug));
    expect(u.status).toBe(403);
    expect(JSON.stringify(draftOf(slug))).toBe(before);
    // Downloading the draft stays possible.
    expect((await download(slug, "yaml")).status).toBe(200);
  });
});

describe("facts and assessment", () => {
  const SEED_KADER = fs.readFileSync(path.resolve(__dirname, "../../../db/seed/demo-kader.yaml"), "utf8");

  async function saved(slug: string, entries: [string, string][], intent: string) {
    const r = await post(slug, [...entries, ["intent", intent]]);
    expect(r.status, intent).toBe(200);
    if (r.data.kind !== "saved") throw new Error(`${intent}: not saved`);
    return r.data;
  }

  it("saves a facts table and an assessment through the form, with Dutch errors at their fields", async () => {
    const slug = newKader();
    let data = await saved(slug, await currentForm(slug), "add:facts");
    expect(data.focus).toBe(fieldId("facts[0].id"));
    data = await saved(slug, await currentForm(slug), "add:facts");
    data = await saved(slug, await currentForm(slug), "add:surcharges:fixed");
    data = await saved(slug, await currentForm(slug), "add:surcharges[0].when");

    let entries = await currentForm(slug);
    entries = setEntry(entries, "facts[0].id", "planIngediend");
    entries = setEntry(entries, "facts[0].label", "Plan ingediend");
    entries = setEntry(entries, "facts[0].question", "Heeft u een plan ingediend?");
    entries = setEntry(entries, "facts[0].evidence", "required");
    entries = setEntry(entries, "facts[1].id", "keurmerk");
    entries = setEntry(entries, "facts[1].label", "Keurmerk");
    entries = setEntry(entries, "facts[1].type", "choice");
    entries = setEntry(entries, "facts[1].source", "register");
    entries = setEntry(entries, "assessment.assessors", "3");
    entries = setEntry(entries, "assessment.decides", "mean");
    entries = setEntry(entries, "surcharges[0].label", "Plan");
    entries = setEntry(entries, "surcharges[0].percent", "2");
    // A browser offers only declared facts; a tampered or stale value is still reported, not dropped.
    entries = setEntry(entries, "surcharges[0].when.fact", "onbekend");
    data = await saved(slug, entries, "save");

    const draft = draftOf(slug);
    expect(draft.facts).toEqual([
      { id: "planIngediend", label: "Plan ingediend", type: "boolean", source: "aanbieder", question: "Heeft u een plan ingediend?", evidence: "required" },
      { id: "keurmerk", label: "Keurmerk", type: "choice", source: "register" },
    ]);
    expect(draft.assessment).toEqual({ assessors: 3, decides: "mean" });
    expect(data.issues).toContainEqual({
      path: "facts[1].options",
      where: "Feit 2 › mogelijkheden",
      message: "Een keuze heeft mogelijkheden nodig: vul ze in, gescheiden door komma's.",
    });
    expect(data.issues).toContainEqual({
      path: "surcharges[0].when.fact",
      where: "Opslag 1 (Plan) › voorwaarde › feit",
      message: "Het feit onbekend staat niet bij de feiten van het kader; leg het daar eerst vast.",
    });

    // The page shows each error at its own field, and the builder a select of the declared facts.
    const page = await load(slug);
    let html = renderBody(page.model, { issues: page.issues });
    for (const name of ["facts[1].options", "surcharges[0].when.fact"]) {
      const id = fieldId(name);
      expect(html, name).toMatch(new RegExp(`id="${id}" name="${name.replace(/[[\].$]/g, "\\$&")}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${id}-fout"`));
    }
    const factSelect = /<select[^>]*name="surcharges\[0\]\.when\.fact"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect([...factSelect.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ["planIngediend", "Plan ingediend"],
      ["keurmerk", "Keurmerk"],
      ["onbekend", "onbekend (onbekend)"],
    ]);

    // Options for the choice, the condition on it: the value field offers the options.
    entries = await currentForm(slug);
    entries = setEntry(entries, "facts[1].options", "HKZ, ISO 9001");
    entries = setEntry(entries, "surcharges[0].when.fact", "keurmerk");
    entries = setEntry(entries, "surcharges[0].when.$type", "text");
    entries = setEntry(entries, "surcharges[0].when.value", "HKZ");
    data = await saved(slug, entries, "save");
    expect(data.issues).toEqual([]);
    expect(draftOf(slug).surcharges[0].when).toEqual({ fact: "keurmerk", op: "==", value: "HKZ" });
    html = renderBody((await load(slug)).model);
    const valueSelect = /<select[^>]*name="surcharges\[0\]\.when\.value"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect([...valueSelect.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(["HKZ", "ISO 9001"]);
    expect(valueSelect).toContain('<option value="HKZ" selected="">');

    // Saving the form unchanged keeps the facts and the assessment exactly.
    const before = JSON.stringify(draftOf(slug));
    await saved(slug, await currentForm(slug), "save");
    expect(JSON.stringify(draftOf(slug))).toBe(before);

    // Removing a fact row and then the whole list.
    await saved(slug, await currentForm(slug), "remove:facts[0]");
    expect(draftOf(slug).facts.map((f: { id: string }) => f.id)).toEqual(["keurmerk"]);
    await saved(slug, await currentForm(slug), "remove:facts");
    expect(draftOf(slug).facts).toBeUndefined();
  });

  it("a kader with facts and an assessment goes through upload, the form and download unchanged", async () => {
    const slug = newKader();
    const file = SEED_KADER.replace("id: demo-vv-2026", `id: ${slug}`).replace("assessors: 2\n  decides: consensus", "assessors: 3\n  decides: mean");
    const r = await upload(slug, "kader.yaml", file);
    if (r.data.kind !== "saved") throw new Error("not saved");
    expect(r.data.issues).toEqual([]);
    const original = parseDocument(file);
    if (!original.ok) throw new Error("seed kader");
    const expected = parseKader(original.value);
    if (!expected.ok) throw new Error("seed kader invalid");
    expect(expected.value.facts?.[0]?.id).toBe("planIngediend");
    expect(expected.value.assessment).toEqual({ assessors: 3, decides: "mean" });
    // Through the form: the facts are fields, and saving them changes nothing.
    const page = await load(slug);
    expect(page.model.facts?.map((f) => f.id)).toEqual(["planIngediend"]);
    expect(page.model.extra?.facts).toBeUndefined();
    await saved(slug, await currentForm(slug), "save");
    expect(parseKader(draftOf(slug))).toEqual(expected);
    for (const format of ["yaml", "json"] as const) {
      const again = parseDocument(await (await download(slug, format)).text());
      if (!again.ok) throw new Error("download does not parse");
      expect(parseKader(again.value)).toEqual(expected);
    }
  });
});
