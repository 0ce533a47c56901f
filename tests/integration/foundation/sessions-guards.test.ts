import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.server";
import { sessions } from "../../../db/schema";
import { getUser, requireOrganisation, requireRole, requireUser } from "../../../app/auth/guards.server";
import { logIn, logOut } from "../../../app/auth/login.server";
import { ABSOLUTE_TIMEOUT_MS, createSession, hashToken, IDLE_TIMEOUT_MS, loadSessionUser } from "../../../app/auth/session.server";
import { setUserDisabled } from "../../../app/services/users.server";
import { createTestDb } from "../../helpers/test-db";
import { addOrganisation, addUser, auditCount, auditRows, PASSWORD, request, tokenFromCookie } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

const MIN = 60_000;
const sessionRow = (token: string) => db.select().from(sessions).where(eq(sessions.idHash, hashToken(token))).get()!;

/** A session created now (real time), so that guards that use the clock see it as fresh. */
async function signedIn(roles: Parameters<typeof addUser>[1]["roles"], organisationId: number | null = null, email = `${roles.join("-")}@zk.example`) {
  const user = await addUser(db, { email, roles, organisationId });
  const { token } = createSession(db, user.id);
  return { user, token };
}

describe("session lifetime", () => {
  it("has an idle timeout of 30 minutes", async () => {
    expect(IDLE_TIMEOUT_MS).toBe(30 * MIN);
    const user = await addUser(db, { email: "a@zk.example", roles: ["beheerder"] });
    const t0 = new Date("2026-04-01T08:00:00Z");
    const { token } = createSession(db, user.id, t0);
    expect(loadSessionUser(db, token, new Date(t0.getTime() + 30 * MIN - 1))?.id).toBe(user.id);
    const other = createSession(db, user.id, t0).token;
    expect(loadSessionUser(db, other, new Date(t0.getTime() + 30 * MIN))).toBeNull();
  });

  it("moves last-seen forward, so activity keeps the session alive past 30 minutes", async () => {
    const user = await addUser(db, { email: "a@zk.example", roles: ["beheerder"] });
    const t0 = new Date("2026-04-01T08:00:00Z");
    const { token } = createSession(db, user.id, t0);
    let now = t0.getTime();
    for (let i = 0; i < 6; i++) {
      now += 20 * MIN;
      expect(loadSessionUser(db, token, new Date(now))?.id).toBe(user.id);
      expect(sessionRow(token).lastSeenAt.getTime()).toBe(now);
    }
    expect(now - t0.getTime()).toBe(120 * MIN);
    // idle again: gone 30 minutes after the last activity
    expect(loadSessionUser(db, token, new Date(now + 30 * MIN))).toBeNull();
  });

  it("never moves last-seen backwards and does not write within a minute", async () => {
    const user = await addUser(db, { email: "a@zk.example", roles: ["beheerder"] });
    const t0 = new Date("2026-04-01T08:00:00Z");
    const { token } = createSession(db, user.id, t0);
    loadSessionUser(db, token, new Date(t0.getTime() + 30_000));
    expect(sessionRow(token).lastSeenAt.getTime()).toBe(t0.getTime());
    loadSessionUser(db, token, new Date(t0.getTime() + 5 * MIN));
    expect(sessionRow(token).lastSeenAt.getTime()).toBe(t0.getTime() + 5 * MIN);
  });

  it("has an absolute timeout of 12 hours, however active the user is", async () => {
    expect(ABSOLUTE_TIMEOUT_MS).toBe(12 * 60 * MIN);
    const user = await addUser(db, { email: "a@zk.example", roles: ["beheerder"] });
    const t0 = new Date("2026-04-01T08:00:00Z");
    const { token } = createSession(db, user.id, t0);
    let now = t0.getTime();
    while (now + 20 * MIN < t0.getTime() + 12 * 60 * MIN) {
      now += 20 * MIN;
      expect(loadSessionUser(db, token, new Date(now))).not.toBeNull();
    }
    expect(loadSessionUser(db, token, new Date(t0.getTime() + 12 * 60 * MIN - 1))).not.toBeNull();
    expect(loadSessionUser(db, token, new Date(t0.getTime() + 12 * 60 * MIN))).toBeNull();
  });

  it("refuses an unknown token and no token", async () => {
    await signedIn(["beheerder"]);
    expect(loadSessionUser(db, "verzonnen-token")).toBeNull();
    expect(loadSessionUser(db, null)).toBeNull();
  });

  it("refuses the stored hash used as a token (a database copy hands out no sessions)", async () => {
    const { token } = await signedIn(["beheerder"]);
    expect(loadSessionUser(db, hashToken(token))).toBeNull();
  });

  it("is revoked at logout, with an auth.logout event; a second logout writes nothing", async () => {
    const { user, token } = await signedIn(["beheerder"]);
    expect(loadSessionUser(db, token)?.id).toBe(user.id);
    logOut(db, token);
    expect(sessionRow(token).revokedAt).not.toBeNull();
    expect(loadSessionUser(db, token)).toBeNull();
    expect(auditRows(db).map((r) => [r.action, r.actorUserId])).toEqual([["auth.logout", user.id]]);
    logOut(db, token);
    logOut(db, null);
    logOut(db, "verzonnen");
    expect(auditCount(db)).toBe(1);
  });

  it("logout revokes only that session, not the user's other sessions", async () => {
    const { user, token } = await signedIn(["beheerder"]);
    const other = createSession(db, user.id).token;
    logOut(db, token);
    expect(loadSessionUser(db, other)?.id).toBe(user.id);
  });

  it("revokes every session of an account when it is disabled via setUserDisabled, and they stay revoked after re-enabling", async () => {
    const admin = await addUser(db, { email: "admin@zk.example", roles: ["beheerder"] });
    const { user, token } = await signedIn(["inkoper"], addOrganisation(db, "zorgkantoor"));
    const second = createSession(db, user.id).token;
    const adminToken = createSession(db, admin.id).token;
    expect(setUserDisabled(admin, user.id, true, db)).toEqual({ ok: true });
    expect(loadSessionUser(db, token)).toBeNull();
    expect(loadSessionUser(db, second)).toBeNull();
    expect(sessionRow(token).revokedAt).not.toBeNull();
    expect(sessionRow(second).revokedAt).not.toBeNull();
    expect(loadSessionUser(db, adminToken)?.id).toBe(admin.id);
    expect(auditRows(db).map((r) => r.action)).toEqual(["user.disable"]);

    expect(setUserDisabled(admin, user.id, false, db)).toEqual({ ok: true });
    expect(loadSessionUser(db, token)).toBeNull();
    expect(auditRows(db).map((r) => r.action)).toEqual(["user.disable", "user.enable"]);
    // and a fresh login works again
    expect((await logIn(db, { email: user.email, password: PASSWORD, address: "x" })).ok).toBe(true);
  });

  it("refuses a session of an account disabled behind the service's back", async () => {
    const { user, token } = await signedIn(["beheerder"]);
    db.$client.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").run(Date.now(), user.id);
    expect(loadSessionUser(db, token)).toBeNull();
  });

  it("setUserDisabled refuses to block oneself and an unknown account, changing nothing", async () => {
    const admin = await addUser(db, { email: "admin@zk.example", roles: ["beheerder"] });
    const token = createSession(db, admin.id).token;
    expect(setUserDisabled(admin, admin.id, true, db)).toEqual({ ok: false, error: "U kunt uw eigen account niet blokkeren." });
    expect(setUserDisabled(admin, 9999, true, db)).toEqual({ ok: false, error: "Dit account bestaat niet." });
    expect(loadSessionUser(db, token)?.id).toBe(admin.id);
    expect(auditCount(db)).toBe(0);
  });
});

describe("guards", () => {
  it("requireUser redirects to /login?next=<path and query> without a session", () => {
    let thrown: unknown;
    try {
      requireUser(request("/beheer/gebruikers?pagina=2"), db);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    const res = thrown as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?next=${encodeURIComponent("/beheer/gebruikers?pagina=2")}`);
  });

  it("requireUser redirects with an expired, revoked or forged session too", async () => {
    const { token } = await signedIn(["beheerder"]);
    logOut(db, token);
    for (const tok of [token, "verzonnen"]) {
      expect(() => requireUser(request("/beheer", { token: tok }), db)).toThrow();
      try {
        requireUser(request("/beheer", { token: tok }), db);
      } catch (e) {
        expect((e as Response).status).toBe(302);
      }
    }
  });

  it("requireUser returns the user with a valid session", async () => {
    const { user, token } = await signedIn(["beheerder"]);
    expect(requireUser(request("/beheer", { token }), db)).toEqual(user);
    expect(getUser(request("/beheer", { token }), db)?.id).toBe(user.id);
  });

  it("requireRole returns the user who has one of the roles, without an audit event", async () => {
    const { user, token } = await signedIn(["jurist"], addOrganisation(db, "zorgkantoor"));
    expect(requireRole(request("/audit", { token }), ["beheerder", "jurist"], db).id).toBe(user.id);
    expect(auditCount(db)).toBe(0);
  });

  it("requireRole throws a 403 Response for a wrong role and writes exactly one access.denied event", async () => {
    const { user, token } = await signedIn(["zorgaanbieder"], addOrganisation(db, "zorgaanbieder"));
    let thrown: unknown;
    try {
      requireRole(request("/beheer/gebruikers", { token, method: "POST" }), "beheerder", db);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    expect(await (thrown as Response).text()).toBe("Geen toegang");
    const rows = auditRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "access.denied", actorUserId: user.id, entityType: "route", entityId: "/beheer/gebruikers" });
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ method: "POST", status: 403 });
  });

  it("requireRole redirects (not 403, no audit) without a session", () => {
    try {
      requireRole(request("/beheer"), "beheerder", db);
      expect.unreachable();
    } catch (e) {
      expect((e as Response).status).toBe(302);
    }
    expect(auditCount(db)).toBe(0);
  });

  it("requireOrganisation passes for a member, 403 for another organisation, 404 when hidden; each refusal audited once", async () => {
    const mine = addOrganisation(db, "zorgaanbieder", "Eigen", "11111111");
    const theirs = addOrganisation(db, "zorgaanbieder", "Ander", "22222222");
    const { user, token } = await signedIn(["zorgaanbieder"], mine);
    const req = request(`/aanbieder/plan/${theirs}`, { token });
    expect(() => requireOrganisation(req, user, mine, { db })).not.toThrow();
    expect(auditCount(db)).toBe(0);

    const statusOf = (fn: () => void): number => {
      try {
        fn();
      } catch (e) {
        return (e as Response).status;
      }
      return 200;
    };
    expect(statusOf(() => requireOrganisation(req, user, theirs, { db }))).toBe(403);
    expect(auditCount(db)).toBe(1);
    expect(statusOf(() => requireOrganisation(req, user, theirs, { db, hide: true }))).toBe(404);
    const rows = auditRows(db);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.action, JSON.parse(r.payload).status])).toEqual([
      ["access.denied", 403],
      ["access.denied", 404],
    ]);
  });

  it("requireOrganisation refuses a user without an organisation (a pure beheerder)", async () => {
    const org = addOrganisation(db, "zorgaanbieder");
    const { user, token } = await signedIn(["beheerder"]);
    expect(() => requireOrganisation(request("/x", { token }), user, org, { db, hide: true })).toThrow();
    expect(auditCount(db)).toBe(1);
  });

  it("a 404 refusal's body does not differ from a real not-found's wording (existence stays hidden)", async () => {
    expect.assertions(1);
    const org = addOrganisation(db, "zorgaanbieder");
    const { user, token } = await signedIn(["inkoper"], addOrganisation(db, "zorgkantoor"));
    try {
      requireOrganisation(request("/x", { token }), user, org, { db, hide: true });
    } catch (e) {
      expect(await (e as Response).text()).toBe("Niet gevonden");
    }
  });

  it("login then logout through the real token: the guard stops accepting it", async () => {
    const user = await addUser(db, { email: "x@zk.example", roles: ["beheerder"] });
    const outcome = await logIn(db, { email: user.email, password: PASSWORD, address: "a" });
    if (!outcome.ok) throw new Error("login failed");
    const token = tokenFromCookie(outcome.cookie);
    expect(requireRole(request("/beheer", { token }), "beheerder", db).id).toBe(user.id);
    logOut(db, token);
    expect(() => requireRole(request("/beheer", { token }), "beheerder", db)).toThrow();
  });
});
