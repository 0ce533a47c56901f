/**
 * Issue 7, plausibility: a minScore above the scale, a surcharge of 1e9 % and a
 * contracteerruimte of € 10¹⁵ were accepted. What can never be meant is refused at the field,
 * in Dutch: the editor saves the draft (it always does) but reports the problem at the field
 * and the draft is no valid kader (so it cannot be published); the settings answer 400 with
 * the message at the contracteerruimte and store nothing.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, describeUser, type SessionUser } from "../../../app/auth/session.server";
import { createKader } from "../../../app/services/kaders/store.server";
import type { EditorActionData } from "../../../app/routes/inkoop.kaders.$slug.bewerken/editor.server";
import { collectAnchors, placeIssues } from "../../../app/routes/inkoop.kaders.$slug.bewerken/anchors";
import { fieldId } from "../../../app/routes/inkoop.kaders.$slug.bewerken/model";
import { kaders, regions, users } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { parseKader } from "../../../scoring";
import { formEntries, renderBody, setEntry } from "../../unit/kader-editor/form-html";
import { createTestDb } from "../../helpers/test-db";
import { previewDraft } from "../preview/fixtures";

type Module = { loader: (args: any) => Promise<any>; action: (args: any) => Promise<any> };

let t: ReturnType<typeof createTestDb>;
let previousUrl: string | undefined;
let inkoper: SessionUser;
let cookie: string;
let editor: Module;
let kaderPage: Module;
const now = new Date();

beforeAll(async () => {
  t = createTestDb();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  seedDemo(t.db, "niet-gebruikte-hash", now);
  const id = t.db.select({ id: users.id }).from(users).where(eq(users.email, "inkoper@demo.zorginkoop.nl")).get()!.id;
  inkoper = describeUser(t.db, id)!;
  cookie = `zk_session=${createSession(t.db, id, now).token}`;
  editor = (await import("../../../app/routes/inkoop.kaders.$slug.bewerken/route")) as unknown as Module;
  kaderPage = (await import("../../../app/routes/inkoop.kaders.$slug._index/route")) as unknown as Module;
});

afterAll(() => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t.close();
});

const args = (request: Request, slug: string) => ({ request, params: { slug }, context: { cspNonce: "", clientAddress: "test" } });
const draftOf = (slug: string) => t.db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;
let counter = 0;

/** A kader whose draft is the (valid) preview kader, through an upload as an inkoper would. */
async function validKader(): Promise<string> {
  const slug = `vv-${2030 + counter++}`;
  createKader(inkoper, { slug, title: "Kader", year: 2026 }, t.db, now);
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([JSON.stringify(previewDraft(2026))], "kader.json", { type: "application/json" }));
  const r = await editor.action(args(new Request(`http://localhost/inkoop/kaders/${slug}/bewerken`, { method: "POST", headers: { Cookie: cookie }, body: form }), slug));
  expect(r.data.kind).toBe("saved");
  expect(r.data.issues).toEqual([]);
  return slug;
}

async function save(slug: string, change: (entries: [string, string][]) => [string, string][]): Promise<EditorActionData & { kind: "saved" }> {
  const page = await editor.loader(args(new Request(`http://localhost/inkoop/kaders/${slug}/bewerken`, { headers: { Cookie: cookie } }), slug));
  const entries = change(formEntries(renderBody(page.model, { tariffs: page.tariffs })));
  const r = await editor.action(args(new Request(`http://localhost/inkoop/kaders/${slug}/bewerken`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams([...entries, ["intent", "save"]]) }), slug));
  expect(r.data.kind).toBe("saved");
  return r.data;
}

/** The issue shown at a field: its Dutch message, placed at the field's element. */
function atField(data: EditorActionData & { kind: "saved" }, path: string): string {
  const placed = placeIssues(data.issues, collectAnchors(data.model)).filter((i) => i.path === path);
  expect(placed, `an issue at ${path}`).toHaveLength(1);
  expect(placed[0]!.target).toBe(fieldId(path));
  return placed[0]!.message;
}

describe("plausibility in the editor, at the field", () => {
  it("a minScore above the highest score of the scale", async () => {
    const slug = await validKader();
    // surcharges[2] is the module "innovatie", scale 0–5.
    const data = await save(slug, (e) => setEntry(e, "surcharges[2].criteria[0].minScore", "6"));
    expect(atField(data, "surcharges[2].criteria[0].minScore")).toBe(
      "De minimumscore 6 ligt boven de hoogste score van de schaal (5): elke beoordeling zou afvallen. Vul hoogstens 5 in.",
    );
    expect(parseKader({ ...(draftOf(slug).draft as object) }).ok).toBe(false);
    // The highest score itself is a (strict) but possible minimum.
    const ok = await save(slug, (e) => setEntry(e, "surcharges[2].criteria[0].minScore", "5"));
    expect(ok.issues).toEqual([]);
  });

  it("a fixed surcharge of 1e9 %, a band of 150 % and a linear end of 100,5 %", async () => {
    const slug = await validKader();
    // surcharges[2] maps linearly, surcharges[3] by bands.
    const data = await save(slug, (e) =>
      setEntry(setEntry(setEntry(e, "surcharges[0].percent", "1000000000"), "surcharges[3].mapping.bands[0].percent", "150"), "surcharges[2].mapping.linear.toPercent", "100,5"),
    );
    expect(atField(data, "surcharges[0].percent")).toBe(
      "Een opslag van 1000000000 % kan nooit bedoeld zijn: een tarief komt nooit boven het NZa-maximum. Vul hoogstens 100 in.",
    );
    expect(atField(data, "surcharges[3].mapping.bands[0].percent")).toMatch(/^Een opslag van 150 % kan nooit bedoeld zijn/);
    expect(atField(data, "surcharges[2].mapping.linear.toPercent")).toMatch(/^Een opslag van 100,5 % kan nooit bedoeld zijn/);
    // 100 % itself is (just) possible.
    const ok = await save(slug, (e) =>
      setEntry(setEntry(setEntry(e, "surcharges[0].percent", "100"), "surcharges[3].mapping.bands[0].percent", "2"), "surcharges[2].mapping.linear.toPercent", "1,5"),
    );
    expect(ok.issues.filter((i) => /opslag van/.test(i.message))).toEqual([]);
  });
});

describe("plausibility of the kader settings", () => {
  async function settings(slug: string, budgetCeiling: string) {
    const regionId = t.db.select({ id: regions.id }).from(regions).all()[0]!.id;
    const body = new URLSearchParams([
      ["intent", "settings"],
      ["tariffTableId", ""],
      ["budgetCeiling", budgetCeiling],
      ["regionIds", String(regionId)],
    ]);
    const request = new Request(`http://localhost/inkoop/kaders/${slug}`, { method: "POST", headers: { Cookie: cookie }, body });
    return kaderPage.action(args(request, slug)).catch((e: unknown) => e as Response);
  }

  it("refuses a contracteerruimte of € 10¹⁵ at the field and stores nothing", async () => {
    const slug = `vv-instellingen-${counter++}`;
    createKader(inkoper, { slug, title: "Kader", year: 2026 }, t.db, now);
    const r = await settings(slug, "1.000.000.000.000.000,00");
    expect(r.init?.status).toBe(400);
    expect(r.data.errors.budgetCeiling).toBe("Een contracteerruimte van € 100 miljard of meer kan niet kloppen: de hele Wlz kost zo'n € 30 miljard per jaar. Controleer het bedrag.");
    expect(draftOf(slug).budgetCeiling).toBeNull();
    expect((await settings(slug, "100.000.000.000")).init?.status).toBe(400);
    // A real one (and the largest that passes) is stored.
    const ok = await settings(slug, "99.999.999.999,99");
    expect(ok instanceof Response ? ok.status : ok.init?.status).toBe(302);
    expect(draftOf(slug).budgetCeiling).toBe("99999999999.99");
    await settings(slug, "12.500.000,00");
    expect(draftOf(slug).budgetCeiling).toBe("12500000");
  });
});
