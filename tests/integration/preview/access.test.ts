/**
 * Who may see the preview and its invoer.yaml, and how the page answers bad parameters and an
 * unfinished kader: refusals as 403/404/redirect, bad input as Dutch field errors (never 500).
 * The routes use the global getDb(): DATABASE_URL is set before any route module is imported.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeUser, type SessionUser } from "../../../app/auth/session.server";
import { createKader, saveDraft } from "../../../app/services/kaders/store.server";
import type { Db } from "../../../db/client.server";
import { kaders, organisations, userRoles, users, type Role } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { demoInkoper, previewDraft, seedPreviewKader } from "./fixtures";
import { caller, thrown, type RouteModule } from "./routes";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let page: RouteModule;
let invoer: RouteModule;
let get: ReturnType<typeof caller>;
const people: Record<"inkoper" | "beoordelaar" | "aanbieder" | "andereInkoper", SessionUser> = {} as never;

function userByEmail(email: string): SessionUser {
  return describeUser(db, db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id)!;
}

function addUser(email: string, roles: Role[], organisationId: number): SessionUser {
  const id = db.insert(users).values({ email, name: email.split("@")[0]!, passwordHash: "x", organisationId, createdAt: new Date() }).returning({ id: users.id }).get().id;
  for (const role of roles) db.insert(userRoles).values({ userId: id, role }).run();
  return describeUser(db, id)!;
}

const loadRow = (slug: string) => db.select().from(kaders).where(eq(kaders.slug, slug)).get()!;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  seedDemo(db, "not-a-password-hash", new Date());
  seedPreviewKader(db, { slug: "vv-preview" });
  people.inkoper = demoInkoper(db);
  people.beoordelaar = userByEmail("beoordelaar@demo.zorginkoop.nl");
  people.aanbieder = userByEmail("aanbieder@demo.zorginkoop.nl");
  const other = db.insert(organisations).values({ kind: "zorgkantoor", name: "Zorgkantoor Elders", sectors: ["VV"], createdAt: new Date() }).returning({ id: organisations.id }).get().id;
  people.andereInkoper = addUser("inkoper@elders.example", ["inkoper"], other);

  // A kader whose draft has an error, and one without a tariff table.
  const inkoper = people.inkoper;
  createKader(inkoper, { slug: "vv-fout", title: "Kader met een fout", year: 2026 }, db);
  db.update(kaders).set({ tariffTableId: loadRow("vv-preview").tariffTableId }).where(eq(kaders.slug, "vv-fout")).run();
  saveDraft(inkoper, loadRow("vv-fout"), { ...previewDraft(2026), baseRate: { default: 101 } }, db);
  createKader(inkoper, { slug: "vv-zonder-tabel", title: "Kader zonder tarieftabel", year: 2026 }, db);

  get = caller(db);
  page = (await import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route")) as unknown as RouteModule;
  invoer = (await import("../../../app/routes/inkoop.kaders.$slug.invoer[.yaml]/route")) as unknown as RouteModule;
});

afterAll(async () => {
  const { getDb } = await import("../../../app/services/db.server");
  getDb().$client.close();
  process.env.DATABASE_URL = previousUrl;
  t.close();
});

type PageData = Awaited<ReturnType<typeof import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route").loader>>;
const pageOf = async (slug: string, query = "", user = people.inkoper) => ((await get(page, `/inkoop/kaders/${slug}/voorbeeld${query}`, slug, user)) as PageData).page;

describe("access", () => {
  for (const [route, path] of [
    ["the preview page", "voorbeeld"],
    ["invoer.yaml", "invoer.yaml"],
  ] as const) {
    const module = () => (route === "the preview page" ? page : invoer);

    it(`${route}: the kader's own inkoper gets it`, async () => {
      const result = await get(module(), `/inkoop/kaders/vv-preview/${path}`, "vv-preview", people.inkoper);
      if (result instanceof Response) expect(result.status).toBe(200);
      else expect((result as PageData).page.state).toBe("ok");
    });

    it(`${route}: a provider user is refused (403)`, async () => {
      expect((await thrown(() => get(module(), `/inkoop/kaders/vv-preview/${path}`, "vv-preview", people.aanbieder))).status).toBe(403);
    });

    it(`${route}: an inkoper of another zorgkantoor does not learn that the kader exists (404)`, async () => {
      expect((await thrown(() => get(module(), `/inkoop/kaders/vv-preview/${path}`, "vv-preview", people.andereInkoper))).status).toBe(404);
    });

    it(`${route}: a beoordelaar of the same zorgkantoor is refused (403): only inkopers edit`, async () => {
      expect((await thrown(() => get(module(), `/inkoop/kaders/vv-preview/${path}`, "vv-preview", people.beoordelaar))).status).toBe(403);
    });

    it(`${route}: without a session, to the login page`, async () => {
      const response = await thrown(() => get(module(), `/inkoop/kaders/vv-preview/${path}?vj=97`, "vv-preview", null));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?next=${encodeURIComponent(`/inkoop/kaders/vv-preview/${path}?vj=97`)}`);
    });
  }

  it("records every refusal in the audit trail", () => {
    const denied = db.$client.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'access.denied'").get() as { n: number };
    expect(denied.n).toBeGreaterThanOrEqual(6);
  });
});

describe("bad parameters give Dutch field errors, not 500", () => {
  it("on the page: the what-if's errors by field, while the budget still computes", async () => {
    const p = await pageOf("vv-preview", "?v=1&vj=veel&s/innovatie/plan=7&fk=planIngediend&ft=tekst&fv=");
    if (p.state !== "ok") throw new Error(p.state);
    expect(p.whatIf).toEqual({
      ok: false,
      errors: {
        p: "Kies minstens één prestatie.",
        vj: "Vul een getal van 0 of meer in, bijvoorbeeld 97,5.",
        "fv.0": "Vul een waarde in, of kies “ontbreekt”.",
        "s/innovatie/plan": "Kies een score van de schaal 0, 1, 2, 3, 4, 5.",
      },
    });
    expect(p.budget.ok).toBe(true);
  });

  it("on the page: the budget's errors by field, while the what-if still computes", async () => {
    const p = await pageOf("vv-preview", "?bs/innovatie/borging=&bfb/innovatie=-1");
    if (p.state !== "ok") throw new Error(p.state);
    expect(p.budget).toEqual({
      ok: false,
      errors: {
        "bs/innovatie/borging": "Kies een score voor elk criterium van deze module, of voor geen enkel.",
        "bfb/innovatie": "Vul een getal van 0 of meer in, bijvoorbeeld 34.",
      },
    });
    expect(p.whatIf.ok).toBe(true);
  });

  it("invoer.yaml with bad budget assumptions: 400 with the Dutch messages", async () => {
    const response = (await get(invoer, "/inkoop/kaders/vv-preview/invoer.yaml?bs/innovatie/plan=9", "vv-preview", people.inkoper)) as Response;
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("De aannames voor het budget kloppen niet:\nbs/innovatie/plan: Kies een score van de schaal 0, 1, 2, 3, 4, 5.\n");
  });
});

describe("an unfinished kader", () => {
  it("with errors in the draft: says so, lists them, and computes nothing", async () => {
    const p = await pageOf("vv-fout");
    expect(p.state).toBe("invalid");
    if (p.state === "invalid") expect(p.issues.map((i) => i.path)).toContain("baseRate.default");
    expect(((await get(invoer, "/inkoop/kaders/vv-fout/invoer.yaml", "vv-fout", people.inkoper)) as Response).status).toBe(409);
  });

  it("without a tariff table: says so", async () => {
    expect((await pageOf("vv-zonder-tabel")).state).toBe("noTariffTable");
    const response = (await get(invoer, "/inkoop/kaders/vv-zonder-tabel/invoer.yaml", "vv-zonder-tabel", people.inkoper)) as Response;
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("tarieftabel");
  });
});

describe("the what-if on the page", () => {
  it("shows the engine's tariffs and Dutch trace sentences for each prestatie and target-group line", async () => {
    const p = await pageOf("vv-preview", "?v=1&p=5VV&vj=97");
    if (p.state !== "ok" || !p.whatIf.ok) throw new Error("expected a computed what-if");
    expect(p.whatIf.lines.map((l) => [l.prestatie, l.targetGroup])).toEqual([
      ["5VV", null],
      ["5VV", "jonge-dementie"],
      ["5VV", "parkinson"],
    ]);
    const regular = p.whatIf.lines[0]!;
    expect(regular.trace[0]!.text).toBe("Maximumtarief NZa ZZP 5 VV (5VV): € 260,00 per dag");
    expect(regular.trace.some((s) => s.ref === "Inkoopkader par. 4.2")).toBe(true);
    expect(regular.trace.at(-1)!.text).toMatch(/^Tarief: .* = € [\d.]+,\d\d$/);
  });
});
