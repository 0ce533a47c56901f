/**
 * The HTTP app (server/app.ts around the Remix build) on an ephemeral port. The Remix build
 * reads DATABASE_URL through its own getDb() singleton (one per worker process), so this file
 * uses one database for all its tests and sets DATABASE_URL before the app is created.
 */
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { sessions } from "../../../db/schema";
import { hashToken } from "../../../app/auth/session.server";
import { serveApp } from "../../helpers/built-app";
import { createTestDb } from "../../helpers/test-db";
import { addOrganisation, addUser, auditCount, auditRows, PASSWORD, rowCounts, tokenFromCookie } from "./fixtures";


let t: ReturnType<typeof createTestDb>;
let db: Db;
let server: http.Server;
let base: string;
let host: string;
let previousUrl: string | undefined;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  ({ server, host, base } = await serveApp(db));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

function get(p: string, cookie?: string): Promise<Response> {
  return fetch(base + p, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(p: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + p, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, "Sec-Fetch-Site": "same-origin", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function loginCookie(email: string): Promise<string> {
  const res = await post("/login", { email, password: PASSWORD });
  expect(res.status).toBe(302);
  const setCookie = res.headers.get("set-cookie");
  if (!setCookie) throw new Error("no Set-Cookie");
  return cookiePair(setCookie);
}

/** "name=value" from a Set-Cookie value. The Remix build inlines NODE_ENV=production, so the name is __Host-zk_session. */
function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

function sessionRowFor(cookie: string) {
  const token = tokenFromCookie(cookie);
  return db.select().from(sessions).all().find((s) => s.idHash === hashToken(token))!;
}

let emailCounter = 0;
async function account(roles: Parameters<typeof addUser>[1]["roles"], organisationId: number | null = null) {
  return addUser(db, { email: `http${++emailCounter}@zk.example`, roles, organisationId });
}

describe("security headers", () => {
  it("sends CSP with a per-request nonce that the page's scripts carry", async () => {
    const a = await get("/login");
    const b = await get("/login");
    expect(a.status).toBe(200);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toBeTruthy();
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) if (!/\bsrc=/.test(attrs)) expect(attrs).toContain(`nonce="${nonce}"`);
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it("sends nosniff, a referrer policy, frame refusal and HSTS outside development", async () => {
    const res = await get("/login");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("marks pages no-store, also for signed-in pages, error pages and data requests", async () => {
    const admin = await account(["beheerder"]);
    const cookie = await loginCookie(admin.email);
    for (const p of ["/login", "/beheer", "/bestaat-niet", "/beheer/gebruikers.data"]) {
      const res = await get(p, cookie);
      expect(res.headers.get("cache-control"), p).toBe("no-store");
      expect(res.headers.get("content-security-policy"), p).toBeTruthy();
      await res.body?.cancel();
    }
  });

  it("puts the headers on static asset responses too, and lets existing assets be cached", async () => {
    const html = await (await get("/login")).text();
    const asset = /src="(\/build\/[^"]+\.js)"/.exec(html)?.[1] ?? /href="(\/build\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await get(asset!);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // public/build may be mid-rebuild by another process; only a served asset says anything about caching
    if (res.status === 200) expect(res.headers.get("cache-control")).not.toBe("no-store");
    await res.body?.cancel();
  });
});

describe("origin check", () => {
  it("refuses a cross-origin POST /login with 403 and exactly one request.cross_origin_refused event", async () => {
    const user = await account(["beheerder"]);
    const before = rowCounts(db);
    const res = await post("/login", { email: user.email, password: PASSWORD }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    const after = rowCounts(db);
    expect(after).toEqual({ ...before, audit_events: before.audit_events! + 1 });
    const last = auditRows(db).at(-1)!;
    expect(last).toMatchObject({ action: "request.cross_origin_refused", entityId: "/login", actorUserId: null });
    expect(JSON.parse(last.payload)).toMatchObject({ method: "POST", origin: "https://evil.example", site: "cross-site" });
  });

  it("refuses a POST with only a foreign Origin, and one with only Sec-Fetch-Site cross-site", async () => {
    const user = await account(["beheerder"]);
    const before = auditCount(db);
    const onlyOrigin = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
    });
    expect(onlyOrigin.status).toBe(403);
    const onlySite = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ email: user.email, password: PASSWORD }).toString(),
    });
    expect(onlySite.status).toBe(403);
    expect(auditCount(db)).toBe(before + 2);
    expect(db.select().from(sessions).all().filter((s) => s.userId === user.id)).toHaveLength(0);
  });

  it("refuses a cross-origin POST /logout: the session survives", async () => {
    const user = await account(["beheerder"]);
    const cookie = await loginCookie(user.email);
    const res = await fetch(`${base}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    const row = sessionRowFor(cookie);
    expect(row.revokedAt).toBeNull();
  });
});

describe("login over HTTP", () => {
  it("answers a bad form (invalid e-mail) with 400, a Dutch message and nothing written", async () => {
    const before = rowCounts(db);
    const res = await post("/login", { email: "geen-adres", password: "x" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Vul een geldig e-mailadres in");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(rowCounts(db)).toEqual(before);
  });

  it("answers an empty form with 400 and Dutch messages for both fields", async () => {
    const before = rowCounts(db);
    const res = await post("/login", {});
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vul uw e-mailadres in.");
    expect(html).toContain("Vul uw wachtwoord in.");
    expect(rowCounts(db)).toEqual(before);
  });

  it("answers a wrong password with 401, a Dutch message, no cookie, and an auth.login_failed event", async () => {
    const user = await account(["beheerder"]);
    const before = auditCount(db);
    const res = await post("/login", { email: user.email, password: "fout wachtwoord" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Deze combinatie van e-mailadres en wachtwoord kennen we niet.");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(auditCount(db)).toBe(before + 1);
    expect(auditRows(db).at(-1)!.action).toBe("auth.login_failed");
  });

  it("answers an unknown e-mail exactly like a wrong password (status and page, apart from the nonce)", async () => {
    const user = await account(["beheerder"]);
    const strip = (html: string) => html.replace(/nonce="[^"]*"/g, "").replaceAll(user.email, "E").replaceAll("niemand-hier@zk.example", "E");
    const wrong = await post("/login", { email: user.email, password: "fout wachtwoord" });
    const unknown = await post("/login", { email: "niemand-hier@zk.example", password: "fout wachtwoord" });
    expect(unknown.status).toBe(wrong.status);
    expect(strip(await unknown.text())).toBe(strip(await wrong.text()));
  });

  it("signs in with the right password: 302 to the role's home, an HttpOnly cookie, an auth.login event", async () => {
    const org = addOrganisation(db, "zorgaanbieder");
    const user = await account(["zorgaanbieder"], org);
    const res = await post("/login", { email: user.email, password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/aanbieder");
    const setCookie = res.headers.get("set-cookie")!;
    // a built app is a production app: __Host- prefix, Secure, HttpOnly, SameSite=Lax, no Domain
    expect(setCookie).toMatch(/^__Host-zk_session=[A-Za-z0-9_-]{32,}; /);
    expect(setCookie.split("; ")).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "auth.login", actorUserId: user.id });
    const home = await get("/aanbieder", cookiePair(setCookie));
    expect(home.status).toBe(200);
    await home.body?.cancel();
  });

  it("follows a local next, and ignores one that leaves the site", async () => {
    const user = await account(["beheerder"]);
    const local = await post("/login", { email: user.email, password: PASSWORD, next: "/beheer/gebruikers" });
    expect(local.headers.get("location")).toBe("/beheer/gebruikers");
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const res = await post("/login", { email: user.email, password: PASSWORD, next });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location")!, base).host).toBe(host);
    }
  });

  it("does not redirect off-site when next hides a tab between the slashes", async () => {
    const user = await account(["beheerder"]);
    const res = await post("/login", { email: user.email, password: PASSWORD, next: "/\t/evil.example" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!, base).host).toBe(host);
  });
});

describe("GET never changes state", () => {
  it("GET /logout redirects but does not revoke the session or write an event", async () => {
    const user = await account(["beheerder"]);
    const cookie = await loginCookie(user.email);
    const before = rowCounts(db);
    const auditBefore = auditCount(db);
    const res = await get("/logout", cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(rowCounts(db)).toEqual(before);
    expect(auditCount(db)).toBe(auditBefore);
    const row = sessionRowFor(cookie);
    expect(row.revokedAt).toBeNull();
    const still = await get("/beheer", cookie);
    expect(still.status).toBe(200);
    await still.body?.cancel();
  });

  it("POST /logout (same origin) revokes the session, clears the cookie and audits auth.logout", async () => {
    const user = await account(["beheerder"]);
    const cookie = await loginCookie(user.email);
    const res = await fetch(`${base}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: base } });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    const row = sessionRowFor(cookie);
    expect(row.revokedAt).not.toBeNull();
    expect(auditRows(db).at(-1)).toMatchObject({ action: "auth.logout", actorUserId: user.id });
    const after = await get("/beheer", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe(`/login?next=${encodeURIComponent("/beheer")}`);
  });

  it("GET of every page as an administrator leaves every table's row count and the audit trail unchanged", async () => {
    const user = await account(["beheerder"]);
    const cookie = await loginCookie(user.email);
    const before = rowCounts(db);
    const statuses: Record<string, number> = {};
    for (const p of ["/", "/login", "/beheer", "/beheer/gebruikers", "/beheer/gebruikers/nieuw", "/beheer/organisaties", "/beheer/organisaties/nieuw", "/audit", "/logout"]) {
      const res = await get(p, cookie);
      statuses[p] = res.status;
      await res.body?.cancel();
    }
    // the session really was accepted: the administrator's pages render, the rest redirect
    expect(statuses).toEqual({
      "/": 302,
      "/login": 302,
      "/beheer": 200,
      "/beheer/gebruikers": 200,
      "/beheer/gebruikers/nieuw": 200,
      "/beheer/organisaties": 200,
      "/beheer/organisaties/nieuw": 200,
      "/audit": 200,
      "/logout": 302,
    });
    expect(rowCounts(db)).toEqual(before);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});

describe("authorisation over HTTP", () => {
  it("a provider user gets 403 on an administrator page, and the refusal is audited once", async () => {
    const org = addOrganisation(db, "zorgaanbieder");
    const user = await account(["zorgaanbieder"], org);
    const cookie = await loginCookie(user.email);
    const before = auditCount(db);
    const res = await get("/beheer/gebruikers", cookie);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).not.toContain("http1@zk.example"); // no user list leaks into the error page
    const events = auditRows(db).slice(before);
    expect(events.map((e) => [e.action, e.actorUserId, e.entityId])).toEqual([["access.denied", user.id, "/beheer/gebruikers"]]);
  });

  it("the same refusal holds for the route's data request (a child's data requested directly)", async () => {
    const org = addOrganisation(db, "zorgaanbieder");
    const user = await account(["zorgaanbieder"], org);
    const cookie = await loginCookie(user.email);
    const before = auditCount(db);
    const res = await get("/beheer/gebruikers.data", cookie);
    const body = await res.text();
    expect(res.status).toBe(403);
    expect(body).not.toContain("@zk.example");
    expect(auditRows(db).slice(before).map((e) => e.action)).toEqual(["access.denied"]);
  });

  it("an anonymous request for an administrator page is sent to /login with next", async () => {
    const res = await get("/beheer/organisaties");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent("/beheer/organisaties")}`);
  });
});
