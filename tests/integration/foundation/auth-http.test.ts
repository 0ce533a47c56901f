/**
 * Login and account administration over HTTP, against the real app (server/app.ts around the
 * Remix build): where `next` may send a user, which address the login limit counts behind a
 * proxy (TRUST_PROXY), the plain-http explanation, and the confirmation step for blocking.
 *
 * Two apps share one database: `plain` without TRUST_PROXY and `proxied` with TRUST_PROXY=1
 * (createApp reads the variable when it is called). The Remix build reads DATABASE_URL through
 * its own getDb() singleton, so it is set before the first app is created.
 */
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client.server";
import { loginFailures, users } from "../../../db/schema";
import { HOSTILE_NEXT } from "../../unit/auth/hostile-next";
import { serveApp } from "../../helpers/built-app";
import { createTestDb } from "../../helpers/test-db";
import { addUser, auditCount, auditRows, PASSWORD, rowCounts } from "./fixtures";


type Served = { server: http.Server; base: string; port: number };

let t: ReturnType<typeof createTestDb>;
let db: Db;
let plain: Served;
let proxied: Served;
let previousUrl: string | undefined;

async function serve(trustProxy: string | undefined): Promise<Served> {
  const previous = process.env.TRUST_PROXY;
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  try {
    const { server, port, base } = await serveApp(db);
    return { server, port, base };
  } finally {
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
  }
}

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  plain = await serve(undefined);
  proxied = await serve("1");
}, 120_000);

afterAll(async () => {
  for (const s of [plain, proxied]) await new Promise<void>((resolve) => (s ? s.server.close(() => resolve()) : resolve()));
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

function post(app: Served, p: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(app.base + p, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.base, "Sec-Fetch-Site": "same-origin", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function get(app: Served, p: string, cookie?: string): Promise<Response> {
  return fetch(app.base + p, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** A GET with a Host header of our choosing (fetch does not let us set Host). */
function getWithHost(app: Served, p: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: app.port, path: p, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

let emailCounter = 0;
async function account(roles: Parameters<typeof addUser>[1]["roles"]) {
  return addUser(db, { email: `auth-http${++emailCounter}@zk.example`, roles });
}

async function loginCookie(email: string): Promise<string> {
  const res = await post(plain, "/login", { email, password: PASSWORD });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const decode = (html: string) => html.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");

describe("next after login", () => {
  it("sends the user to their home page, not to the payload, for every hostile next", { timeout: 120_000 }, async () => {
    const admin = await account(["beheerder"]);
    for (const next of HOSTILE_NEXT) {
      const res = await post(plain, "/login", { email: admin.email, password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/beheer");
    }
  });

  it("follows a path in one of the app's sections", async () => {
    const admin = await account(["beheerder"]);
    const res = await post(plain, "/login", { email: admin.email, password: PASSWORD, next: "/beheer/organisaties?x=1" });
    expect(res.headers.get("location")).toBe("/beheer/organisaties?x=1");
  });

  it("renders no hostile next into the login form, and a safe one unchanged", async () => {
    for (const next of HOSTILE_NEXT) {
      const res = await get(plain, `/login?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const value = /<input type="hidden" name="next" value="([^"]*)"/.exec(html)?.[1];
      expect(value, JSON.stringify(next)).toBe("");
    }
    const html = await (await get(plain, `/login?next=${encodeURIComponent("/inkoop/kaders/x?y=1")}`)).text();
    expect(decode(/<input type="hidden" name="next" value="([^"]*)"/.exec(html)![1]!)).toBe("/inkoop/kaders/x?y=1");
  });
});

describe("login limit behind a proxy (TRUST_PROXY=1)", () => {
  it("counts rotating spoofed X-Forwarded-For entries with the same last hop as one address", { timeout: 60_000 }, async () => {
    const user = await account(["beheerder"]);
    const realClient = "198.51.100.7";
    for (let i = 0; i < 5; i++) {
      const res = await post(proxied, "/login", { email: user.email, password: "fout wachtwoord" }, { "X-Forwarded-For": `203.0.113.${i + 1}, 10.${i}.0.1, ${realClient}` });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("kennen we niet");
    }
    const recorded = db.select({ address: loginFailures.address }).from(loginFailures).where(eq(loginFailures.email, user.email)).all();
    expect(recorded.map((r) => r.address)).toEqual(Array(5).fill(realClient));
    // a sixth spoofed entry does not make a new address: throttled, even with the right password
    const spoofed = await post(proxied, "/login", { email: user.email, password: PASSWORD }, { "X-Forwarded-For": `192.0.2.200, ${realClient}` });
    expect(spoofed.status).toBe(401);
    expect(await spoofed.text()).toContain("Te veel mislukte pogingen");
    expect(spoofed.headers.get("set-cookie")).toBeNull();
    // the owner, from another real address behind the same proxy, gets in
    const owner = await post(proxied, "/login", { email: user.email, password: PASSWORD }, { "X-Forwarded-For": "198.51.100.8" });
    expect(owner.status).toBe(302);
    expect(owner.headers.get("set-cookie")).toMatch(/^__Host-zk_session=/);
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: the connecting address counts", async () => {
    const user = await account(["beheerder"]);
    await post(plain, "/login", { email: user.email, password: "fout wachtwoord" }, { "X-Forwarded-For": "198.51.100.99" });
    const recorded = db.select({ address: loginFailures.address }).from(loginFailures).where(eq(loginFailures.email, user.email)).all();
    expect(recorded.map((r) => r.address.replace(/^::ffff:/, ""))).toEqual(["127.0.0.1"]);
  });
});

describe("plain http at a network address (production build)", () => {
  const NOTICE = "Inloggen lukt niet via deze onbeveiligde verbinding (http).";

  it("explains on the login page, in Dutch, that the cookie will not be kept and what to do", async () => {
    const res = await getWithHost(plain, "/login", { Host: "zorginkoop.example" });
    expect(res.status).toBe(200);
    const html = decode(res.body);
    expect(html).toContain(NOTICE);
    expect(html).toContain("NODE_ENV=development npm start");
    expect(html).toContain("https");
  });

  it("also when the login page is reached after a failed or bounced login (next kept)", async () => {
    const res = await getWithHost(plain, `/login?next=${encodeURIComponent("/beheer")}`, { Host: "192.168.1.20:3000" });
    expect(decode(res.body)).toContain(NOTICE);
  });

  it("says nothing on localhost or 127.0.0.1, where browsers keep Secure cookies over http", async () => {
    for (const host of [`127.0.0.1:${plain.port}`, `localhost:${plain.port}`, "[::1]"]) {
      const res = await getWithHost(plain, "/login", { Host: host });
      expect(res.status, host).toBe(200);
      expect(decode(res.body), host).not.toContain(NOTICE);
    }
  });

  it("says nothing behind a trusted https proxy (X-Forwarded-Proto), and does speak up when the proxy sends http", async () => {
    const https = await getWithHost(proxied, "/login", { Host: "zorginkoop.example", "X-Forwarded-Proto": "https" });
    expect(decode(https.body)).not.toContain(NOTICE);
    const httpProxy = await getWithHost(proxied, "/login", { Host: "zorginkoop.example", "X-Forwarded-Proto": "http" });
    expect(decode(httpProxy.body)).toContain(NOTICE);
  });
});

describe("blocking an account asks first and reports what happened", () => {
  const isDisabled = (id: number) => db.select({ d: users.disabledAt }).from(users).where(eq(users.id, id)).get()!.d !== null;

  it("links to a confirmation page instead of blocking from the list", async () => {
    const admin = await account(["beheerder"]);
    const target = await account(["beheerder"]);
    const cookie = await loginCookie(admin.email);
    const html = decode(await (await get(plain, "/beheer/gebruikers", cookie)).text());
    expect(html).toContain(`href="/beheer/gebruikers?bevestig=blokkeren&account=${target.id}"`);
    expect(html).not.toMatch(/name="intent" value="disable"/);
  });

  it("GET of the confirmation page changes nothing; POST without confirmation changes nothing either", async () => {
    const admin = await account(["beheerder"]);
    const target = await account(["beheerder"]);
    const cookie = await loginCookie(admin.email);
    const before = rowCounts(db);
    const events = auditCount(db);
    const page = await get(plain, `/beheer/gebruikers?bevestig=blokkeren&account=${target.id}`, cookie);
    expect(page.status).toBe(200);
    const html = decode(await page.text());
    expect(html).toContain("Account blokkeren");
    expect(html).toContain("Weet u het zeker?");
    expect(html).toContain(target.email);
    expect(html).toMatch(/<button type="submit"[^>]*>Blokkeren<\/button>/);
    expect(html).toMatch(/<a[^>]*href="\/beheer\/gebruikers"[^>]*>Annuleren<\/a>/);
    expect(rowCounts(db)).toEqual(before);
    expect(auditCount(db)).toBe(events);
    expect(isDisabled(target.id)).toBe(false);

    const unconfirmed = await post(plain, "/beheer/gebruikers?index", { userId: String(target.id), intent: "disable" }, { Cookie: cookie });
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("location")).toBe(`/beheer/gebruikers?bevestig=blokkeren&account=${target.id}`);
    expect(rowCounts(db)).toEqual(before);
    expect(auditCount(db)).toBe(events);
    expect(isDisabled(target.id)).toBe(false);
  });

  it("blocks after confirmation, then shows a success message; unblocking likewise", async () => {
    const admin = await account(["beheerder"]);
    const target = await account(["beheerder"]);
    const cookie = await loginCookie(admin.email);
    const events = auditCount(db);
    const res = await post(plain, "/beheer/gebruikers?index", { userId: String(target.id), intent: "disable", bevestigd: "ja" }, { Cookie: cookie });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toBe(`/beheer/gebruikers?melding=${target.id}`);
    expect(isDisabled(target.id)).toBe(true);
    expect(auditRows(db).slice(events).map((e) => e.action)).toEqual(["user.disable"]);
    const list = decode(await (await get(plain, location, cookie)).text());
    expect(list).toMatch(new RegExp(`role="status"[^>]*>Het account van ${target.name} \\(${target.email}\\) is geblokkeerd\\.`));

    const confirm = decode(await (await get(plain, `/beheer/gebruikers?bevestig=deblokkeren&account=${target.id}`, cookie)).text());
    expect(confirm).toContain("Account deblokkeren");
    const back = await post(plain, "/beheer/gebruikers?index", { userId: String(target.id), intent: "enable", bevestigd: "ja" }, { Cookie: cookie });
    expect(back.headers.get("location")).toBe(`/beheer/gebruikers?melding=${target.id}`);
    expect(isDisabled(target.id)).toBe(false);
    expect(decode(await (await get(plain, back.headers.get("location")!, cookie)).text())).toContain("is gedeblokkeerd.");
  });

  it("reports creating and editing an account too", async () => {
    const admin = await account(["beheerder"]);
    const cookie = await loginCookie(admin.email);
    const created = await post(plain, "/beheer/gebruikers/nieuw", { name: "Nieuwe Beheerder", email: "nieuw-auth-http@zk.example", roles: "beheerder", organisationId: "", password: "een lang startwachtwoord" }, { Cookie: cookie });
    expect(created.status).toBe(302);
    const id = Number(/melding=(\d+)$/.exec(created.headers.get("location")!)?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(decode(await (await get(plain, created.headers.get("location")!, cookie)).text())).toContain("Het account van Nieuwe Beheerder (nieuw-auth-http@zk.example) is aangemaakt.");
    const edited = await post(plain, `/beheer/gebruikers/${id}`, { name: "Andere Naam", roles: "beheerder", organisationId: "" }, { Cookie: cookie });
    expect(edited.headers.get("location")).toBe(`/beheer/gebruikers?melding=${id}`);
    expect(decode(await (await get(plain, edited.headers.get("location")!, cookie)).text())).toContain("De wijzigingen voor Andere Naam (nieuw-auth-http@zk.example) zijn bewaard.");
  });

  it("shows no message for a crafted link: only the newest event about the account, by this administrator", async () => {
    const admin = await account(["beheerder"]);
    const other = await account(["beheerder"]);
    const target = await account(["beheerder"]);
    const otherCookie = await loginCookie(other.email);
    await post(plain, "/beheer/gebruikers?index", { userId: String(target.id), intent: "disable", bevestigd: "ja" }, { Cookie: otherCookie });
    const cookie = await loginCookie(admin.email);
    const html = await (await get(plain, `/beheer/gebruikers?melding=${target.id}`, cookie)).text();
    expect(html).not.toContain('role="status"');
    const untouched = await account(["beheerder"]);
    expect(await (await get(plain, `/beheer/gebruikers?melding=${untouched.id}`, cookie)).text()).not.toContain('role="status"');
  });
});
