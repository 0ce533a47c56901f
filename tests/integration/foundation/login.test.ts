import argon2 from "argon2";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { loginFailures, sessions } from "../../../db/schema";
import { logIn, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS } from "../../../app/auth/login.server";
import { hashToken, loadSessionUser, readSessionToken } from "../../../app/auth/session.server";
import { createTestDb } from "../../helpers/test-db";
import { addOrganisation, addUser, auditRows, PASSWORD, rowCounts, storedHash, tokenFromCookie } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => {
  vi.unstubAllEnvs();
  t.close();
});

const EMAIL = "inkoper@zk.example";
const ADDRESS = "192.0.2.10";
const T0 = new Date("2026-04-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function inkoper() {
  return addUser(db, { email: EMAIL, roles: ["inkoper"], organisationId: addOrganisation(db, "zorgkantoor") });
}

describe("logIn: success", () => {
  it("creates a session row keyed by the token's hash, never the token itself", async () => {
    const user = await inkoper();
    const outcome = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, T0);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.user).toMatchObject({ id: user.id, email: EMAIL, roles: ["inkoper"] });
    const token = tokenFromCookie(outcome.cookie);
    expect(token.length).toBeGreaterThanOrEqual(32);
    const rows = db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idHash: hashToken(token), userId: user.id, revokedAt: null });
    expect(rows[0]!.idHash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(12 * 60 * 60 * 1000);
    expect(loadSessionUser(db, token, at(1000))?.id).toBe(user.id);
  });

  it("accepts the e-mail address in another case and with spaces", async () => {
    await inkoper();
    expect((await logIn(db, { email: "  InKoper@ZK.example ", password: PASSWORD, address: ADDRESS }, T0)).ok).toBe(true);
  });

  it("sets an HttpOnly, SameSite=Lax cookie without Secure in development and test", async () => {
    await inkoper();
    for (const env of ["test", "development"]) {
      vi.stubEnv("NODE_ENV", env);
      const outcome = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, T0);
      if (!outcome.ok) throw new Error("login failed");
      const attrs = outcome.cookie.split("; ");
      expect(attrs[0]).toMatch(/^zk_session=/);
      expect(attrs).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/"]));
      expect(attrs).not.toContain("Secure");
      expect(outcome.cookie).not.toMatch(/Domain=/i);
    }
  });

  it("sets a __Host- cookie with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain in production", async () => {
    await inkoper();
    vi.stubEnv("NODE_ENV", "production");
    const outcome = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, T0);
    if (!outcome.ok) throw new Error("login failed");
    const attrs = outcome.cookie.split("; ");
    expect(attrs[0]).toMatch(/^__Host-zk_session=[A-Za-z0-9_-]{32,}$/);
    expect(attrs).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]));
    expect(outcome.cookie).not.toMatch(/Domain=/i);
    // and the production cookie name is the one that is read back
    const token = tokenFromCookie(outcome.cookie);
    const req = new Request("https://zk.example/", { headers: { Cookie: `other=1; __Host-zk_session=${token}` } });
    expect(readSessionToken(req)).toBe(token);
    expect(loadSessionUser(db, readSessionToken(req), at(1000))?.email).toBe(EMAIL);
    // the development cookie name is not accepted in production
    expect(readSessionToken(new Request("https://zk.example/", { headers: { Cookie: `zk_session=${token}` } }))).toBeNull();
  });

  it("issues a new session id at every login", async () => {
    await inkoper();
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const outcome = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(i * 1000));
      if (!outcome.ok) throw new Error("login failed");
      tokens.add(tokenFromCookie(outcome.cookie));
    }
    expect(tokens.size).toBe(3);
    expect(db.select().from(sessions).all()).toHaveLength(3);
  });

  it("audits the login as auth.login with the user as actor, in a valid chain", async () => {
    const user = await inkoper();
    await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, T0);
    const rows = auditRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.login", actorUserId: user.id, entityType: "user", entityId: String(user.id), at: T0.toISOString() });
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ address: ADDRESS, rehashed: false });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("rehashes a hash made with other parameters on success", async () => {
    const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const user = await addUser(db, { email: "oud@zk.example", roles: ["beheerder"], hash: weak });
    const outcome = await logIn(db, { email: "oud@zk.example", password: PASSWORD, address: ADDRESS }, T0);
    expect(outcome.ok).toBe(true);
    const now = storedHash(db, user.id);
    expect(now).not.toBe(weak);
    expect(now).toMatch(/^\$argon2id\$v=19\$/);
    expect(now).toMatch(/m=19456/);
    expect(now).toMatch(/t=2/);
    expect(now).toMatch(/p=1/);
    expect(await argon2.verify(now, PASSWORD)).toBe(true);
    expect(JSON.parse(auditRows(db)[0]!.payload)).toMatchObject({ rehashed: true });
  });

  it("does not rehash on a failed login with an old hash", async () => {
    const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const user = await addUser(db, { email: "oud@zk.example", roles: ["beheerder"], hash: weak });
    await logIn(db, { email: "oud@zk.example", password: "fout wachtwoord", address: ADDRESS }, T0);
    expect(storedHash(db, user.id)).toBe(weak);
  });
});

describe("logIn: failure", () => {
  it("gives the same outcome for a wrong password and an unknown e-mail, and writes no session", async () => {
    await inkoper();
    const wrong = await logIn(db, { email: EMAIL, password: "fout wachtwoord", address: ADDRESS }, T0);
    const unknown = await logIn(db, { email: "niemand@zk.example", password: PASSWORD, address: ADDRESS }, T0);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });

  it("audits both as auth.login_failed without an actor", async () => {
    const user = await inkoper();
    await logIn(db, { email: EMAIL, password: "fout wachtwoord", address: ADDRESS }, T0);
    await logIn(db, { email: "niemand@zk.example", password: PASSWORD, address: ADDRESS }, T0);
    const rows = auditRows(db);
    expect(rows.map((r) => r.action)).toEqual(["auth.login_failed", "auth.login_failed"]);
    expect(rows.map((r) => r.actorUserId)).toEqual([null, null]);
    expect(rows[0]!.entityId).toBe(String(user.id));
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ email: EMAIL, address: ADDRESS, reason: "invalid" });
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ email: "niemand@zk.example", address: ADDRESS, reason: "invalid" });
    // the password is never written anywhere
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(JSON.stringify(rows)).not.toContain("fout wachtwoord");
  });

  it("runs argon2 verify once for a wrong password and once for an unknown e-mail (same work)", async () => {
    await inkoper();
    const spy = vi.spyOn(argon2, "verify");
    await logIn(db, { email: EMAIL, password: "fout wachtwoord", address: ADDRESS }, T0);
    expect(spy).toHaveBeenCalledTimes(1);
    const knownHash = String(spy.mock.calls[0]![0]);
    spy.mockClear();
    await logIn(db, { email: "niemand@zk.example", password: "fout wachtwoord", address: ADDRESS }, T0);
    expect(spy).toHaveBeenCalledTimes(1);
    const dummyHash = String(spy.mock.calls[0]![0]);
    // the dummy hash costs the same as a real one
    const cost = (h: string) => /\$(m=\d+,t=\d+,p=\d+|m=\d+,p=\d+,t=\d+)\$/.exec(h)?.[1]?.split(",").sort().join(",");
    expect(dummyHash.slice(0, 10)).toBe(knownHash.slice(0, 10));
    expect(cost(dummyHash)).toBe(cost(knownHash));
  });

  it("refuses a disabled account even with the right password, with the same answer, and audits it", async () => {
    const user = await addUser(db, { email: "weg@zk.example", roles: ["beheerder"], disabled: true });
    const outcome = await logIn(db, { email: "weg@zk.example", password: PASSWORD, address: ADDRESS }, T0);
    expect(outcome).toEqual({ ok: false, reason: "invalid" });
    expect(db.select().from(sessions).all()).toHaveLength(0);
    const rows = auditRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.login_failed", entityId: String(user.id) });
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({ reason: "disabled" });
  });

  it("records each failure (for throttling) in the same transaction as its audit event", async () => {
    await inkoper();
    await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, T0);
    expect(db.select().from(loginFailures).all()).toEqual([{ id: expect.any(Number), email: EMAIL, address: ADDRESS, at: T0 }]);
    expect(auditRows(db)).toHaveLength(1);
  });
});

describe("logIn: throttling", () => {
  it(`throttles an account from an address after ${MAX_FAILURES_PER_ACCOUNT} failures from it, even with the right password`, async () => {
    await inkoper();
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(5);
    for (let i = 0; i < 5; i++) {
      const r = await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, at(i * 60_000));
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const before = rowCounts(db).sessions;
    const r = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(10 * 60_000));
    expect(r).toEqual({ ok: false, reason: "throttled" });
    expect(rowCounts(db).sessions).toBe(before);
    const last = auditRows(db).at(-1)!;
    expect(last.action).toBe("auth.login_failed");
    expect(JSON.parse(last.payload)).toMatchObject({ reason: "throttled" });
  });

  it("lets the right password in from an address that has not failed, while the failing address stays throttled", async () => {
    const user = await inkoper();
    const attacker = "198.51.100.66";
    for (let i = 0; i < 5; i++) await logIn(db, { email: EMAIL, password: "fout", address: attacker }, at(i * 1000));
    expect(await logIn(db, { email: EMAIL, password: PASSWORD, address: attacker }, at(6000))).toEqual({ ok: false, reason: "throttled" });
    const owner = await logIn(db, { email: EMAIL, password: PASSWORD, address: "203.0.113.5" }, at(7000));
    expect(owner.ok).toBe(true);
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect(await logIn(db, { email: EMAIL, password: PASSWORD, address: attacker }, at(8000))).toEqual({ ok: false, reason: "throttled" });
  });

  it("does not lock an account after failures spread over addresses (one each)", async () => {
    await inkoper();
    for (let i = 0; i < 8; i++) {
      expect(await logIn(db, { email: EMAIL, password: "fout", address: `198.51.100.${i}` }, at(i * 1000))).toEqual({ ok: false, reason: "invalid" });
    }
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: "198.51.100.0" }, at(9000))).ok).toBe(true);
  });

  it("does not count throttled attempts: hammering during the lock does not extend it", async () => {
    await inkoper();
    for (let i = 0; i < 5; i++) await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, at(i * 1000));
    const failuresBefore = db.select().from(loginFailures).all().length;
    // an attempt every minute for the whole window, wrong and right passwords alike: all throttled
    for (let m = 1; m <= 14; m++) {
      const password = m % 2 ? "fout" : PASSWORD;
      expect(await logIn(db, { email: EMAIL, password, address: ADDRESS }, at(4000 + m * 60_000))).toEqual({ ok: false, reason: "throttled" });
    }
    expect(db.select().from(loginFailures).all()).toHaveLength(failuresBefore);
    // every refused attempt is still audited
    expect(auditRows(db).filter((r) => JSON.parse(r.payload).reason === "throttled")).toHaveLength(14);
    // the lock ends when the counted failures leave the window, however recent the last attempt
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(THROTTLE_WINDOW_MS + 4000))).ok).toBe(true);
  });

  it("counts parallel guesses exactly: no more than the limit get a verdict", async () => {
    await inkoper();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => logIn(db, { email: EMAIL, password: `fout${i}`, address: ADDRESS }, at(i))),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(10 - MAX_FAILURES_PER_ACCOUNT);
    expect(db.select().from(loginFailures).all()).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
  });

  it("does not throttle after 4 failures", async () => {
    await inkoper();
    for (let i = 0; i < 4; i++) await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, at(i * 1000));
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(5000))).ok).toBe(true);
  });

  it("still runs argon2 verify while throttled (no timing shortcut)", async () => {
    await inkoper();
    for (let i = 0; i < 5; i++) await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, at(i * 1000));
    const spy = vi.spyOn(argon2, "verify");
    await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(6000));
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("throttles an unknown e-mail address the same way as a known one", async () => {
    for (let i = 0; i < 5; i++) await logIn(db, { email: "niemand@zk.example", password: "x", address: ADDRESS }, at(i * 1000));
    expect(await logIn(db, { email: "niemand@zk.example", password: "x", address: ADDRESS }, at(6000))).toEqual({ ok: false, reason: "throttled" });
  });

  it("lifts the account throttle once the failures are older than the window", async () => {
    await inkoper();
    for (let i = 0; i < 5; i++) await logIn(db, { email: EMAIL, password: "fout", address: ADDRESS }, at(i * 1000));
    // a sliding window: the lock ends when the oldest of the five failures (at T0) leaves it
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(THROTTLE_WINDOW_MS - 1))).ok).toBe(false);
    const lifted = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(THROTTLE_WINDOW_MS));
    expect(lifted.ok).toBe(true);
  });

  it(`throttles an address after ${MAX_FAILURES_PER_ADDRESS} failures across accounts, even with the right password`, async () => {
    await inkoper();
    expect(MAX_FAILURES_PER_ADDRESS).toBe(30);
    // 30 failures on 10 different (unknown) accounts, 3 each: no account reaches its own limit
    for (let i = 0; i < 30; i++) {
      const r = await logIn(db, { email: `spray${i % 10}@zk.example`, password: "x", address: ADDRESS }, at(i * 1000));
      expect(r.ok === false && r.reason).toBe("invalid");
    }
    expect(await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(31_000))).toEqual({ ok: false, reason: "throttled" });
    // another address is not affected
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: "203.0.113.7" }, at(32_000))).ok).toBe(true);
  });

  it("does not throttle an address after 29 failures", async () => {
    await inkoper();
    for (let i = 0; i < 29; i++) await logIn(db, { email: `spray${i % 10}@zk.example`, password: "x", address: ADDRESS }, at(i * 1000));
    expect((await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(30_000))).ok).toBe(true);
  });

  it("lifts the address throttle after the window", async () => {
    await inkoper();
    for (let i = 0; i < 30; i++) await logIn(db, { email: `spray${i % 10}@zk.example`, password: "x", address: ADDRESS }, at(i * 1000));
    const r = await logIn(db, { email: EMAIL, password: PASSWORD, address: ADDRESS }, at(29_000 + THROTTLE_WINDOW_MS + 1));
    expect(r.ok).toBe(true);
    expect(db.select().from(sessions).where(eq(sessions.userId, 1)).all()).toHaveLength(1);
  });
});
