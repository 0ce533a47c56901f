// Walkthrough: the beheerder edits an organisation (name, KvK number, sectors, a provider's
// regions); every change is audited with its old and new value; nobody else can.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { loadOrganisation, updateOrganisation } from "../../../app/services/organisations.server";
import type { Db } from "../../../db/client.server";
import { organisations } from "../../../db/schema";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, auditActions, passwordHash, request, rowCounts, seedDemoOrganisations, thrownResponse, type Demo } from "../kaders/fixtures";

type RouteModule = {
  loader: (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
  action: (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
};

const NOW = new Date("2026-09-01T10:00:00.000Z");
let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;
let route: RouteModule;
let previousUrl: string | undefined;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  demo = await seedDemoOrganisations(db, NOW);
  other = addSecondZorgkantoor(db, NOW, await passwordHash());
  route = (await import("../../../app/routes/beheer.organisaties.$id/route")) as unknown as RouteModule;
});

afterAll(() => {
  process.env.DATABASE_URL = previousUrl;
  t.close();
});

const orgId = (agb: string) => db.select().from(organisations).where(eq(organisations.agbCode, agb)).get()!.id;
// Sessions are left out: each post signs in first.
const everything = () => Object.fromEntries(Object.keys(rowCounts(db)).filter((n) => n !== "sessions").map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));

function post(user: SessionUser, id: number, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const { token } = createSession(db, user.id);
  return route.action({ request: request(`/beheer/organisaties/${id}`, { method: "POST", body, token }), params: { id: String(id) }, context: {} });
}

describe("the beheerder edits an organisation", () => {
  it("changes a provider's name, KvK number, sectors and regions with one audit event holding old and new values", async () => {
    const id = orgId("73730002"); // Stichting Het Baken: VV, DEMO-M
    const before = auditActions(db, "organisation.update").length;
    const result = updateOrganisation(
      demo.beheerder,
      id,
      { kind: "zorgaanbieder", data: { name: "Stichting Het Baken (nieuw)", kvkNumber: "41100222", sectors: ["VV", "GHZ"], regionIds: [demo.regionIds["DEMO-M"], other.regionId] } },
      db,
      NOW,
    );
    expect(result).toEqual({ ok: true, changed: ["name", "kvkNumber", "sectors", "regions"] });
    expect(loadOrganisation(id, db)).toMatchObject({ name: "Stichting Het Baken (nieuw)", kvkNumber: "41100222", sectors: ["GHZ", "VV"] });
    const events = auditActions(db, "organisation.update");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actorUserId: demo.beheerder.id, entityId: String(id) });
    expect(JSON.parse(events.at(-1)!.payload)).toEqual({
      kind: "zorgaanbieder",
      changes: {
        name: { old: "Stichting Het Baken", new: "Stichting Het Baken (nieuw)" },
        kvkNumber: { old: "41100002", new: "41100222" },
        sectors: { old: ["VV"], new: ["GHZ", "VV"] },
        regions: { old: ["DEMO-M"], new: [loadOrganisation(other.zorgkantoorId, db)!.regions[0]!.code, "DEMO-M"].sort() },
      },
    });
  });

  it("writes nothing when nothing differs", () => {
    const id = orgId("73730001");
    const current = loadOrganisation(id, db)!;
    const before = everything();
    const result = updateOrganisation(demo.beheerder, id, { kind: "zorgaanbieder", data: { name: current.name, kvkNumber: current.kvkNumber!, sectors: current.sectors as ("VV" | "GHZ" | "GGZ")[], regionIds: current.regions.map((r) => r.id) } }, db);
    expect(result).toEqual({ ok: true, changed: [] });
    expect(everything()).toEqual(before);
  });

  it("renames a zorgkantoor through the page, audited", async () => {
    const before = auditActions(db, "organisation.update").length;
    const result = (await post(demo.beheerder, other.zorgkantoorId, { name: "Zorgkantoor Elders" })) as { changed: string[] };
    expect(result.changed).toEqual(["name"]);
    expect(loadOrganisation(other.zorgkantoorId, db)!.name).toBe("Zorgkantoor Elders");
    expect(JSON.parse(auditActions(db, "organisation.update").at(-1)!.payload).changes.name.new).toBe("Zorgkantoor Elders");
    expect(auditActions(db, "organisation.update")).toHaveLength(before + 1);
  });

  it("answers a bad KvK number with a Dutch field error (de/het right), writing nothing", async () => {
    const id = orgId("73730001");
    const before = everything();
    const result = (await post(demo.beheerder, id, { name: "X BV", kvkNumber: "123", sectors: "VV" })) as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.kvkNumber).toBe("Het KvK-nummer bestaat uit precies 8 cijfers.");
    expect(everything()).toEqual(before);
  });

  it("answers a body that is no form with 400, writing nothing", async () => {
    const id = orgId("73730001");
    const before = everything();
    const { token } = createSession(db, demo.beheerder.id);
    const odd = request(`/beheer/organisaties/${id}`, { method: "POST", body: "name=Gekaapt", headers: { "Content-Type": "text/plain" }, token });
    const result = (await route.action({ request: odd, params: { id: String(id) }, context: {} })) as { init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(everything()).toEqual(before);
  });

  it("refuses everyone but the beheerder, and hides unknown ids", async () => {
    const id = orgId("73730001");
    const before = loadOrganisation(id, db);
    for (const user of [demo.inkoper, other.inkoper, demo.aanbieder]) {
      expect((await thrownResponse(() => post(user, id, { name: "Gekaapt", kvkNumber: "12345678", sectors: "VV" }))).status).toBe(403);
    }
    expect(loadOrganisation(id, db)).toEqual(before);
    expect(updateOrganisation(demo.inkoper, id, { kind: "zorgaanbieder", data: { name: "Gekaapt", kvkNumber: "12345678", sectors: ["VV"], regionIds: [] } }, db).ok).toBe(false);
    const { token } = createSession(db, demo.beheerder.id);
    expect((await thrownResponse(() => route.loader({ request: request("/beheer/organisaties/99999", { token }), params: { id: "99999" }, context: {} }))).status).toBe(404);
  });
});
