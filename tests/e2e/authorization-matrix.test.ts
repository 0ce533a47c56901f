import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { MATRIX, USERS, type MatrixUser } from "./authorization-matrix";

const EMAIL: Record<Exclude<MatrixUser, "anonymous">, string> = {
  beheerder: "beheerder@demo.zorginkoop.nl",
  inkoper: "inkoper@demo.zorginkoop.nl",
  beoordelaar: "beoordelaar@demo.zorginkoop.nl",
  jurist: "jurist@demo.zorginkoop.nl",
  aanbieder: "aanbieder@demo.zorginkoop.nl",
  buiten: "buiten@e2e.zorginkoop.nl",
};

const base = () => inject("baseURL");
const cookies: Partial<Record<MatrixUser, string>> = {};

async function post(pathname: string, form: Record<string, string | string[]>, cookie?: string): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return fetch(base() + pathname, { method: "POST", body, redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

async function logIn(email: string, password: string): Promise<string> {
  const res = await post("/login", { email, password });
  expect(res.status, `login ${email}`).toBe(302);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0]!;
}

/** A redirect of a single-fetch data request comes back as 202 with a Location header. */
async function statusOf(url: string, cookie: string | undefined): Promise<number> {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  await res.arrayBuffer();
  if (res.status === 202 && res.headers.get("location")) return 302;
  return res.status;
}

function dataUrl(pathname: string, route: string): string {
  const target = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
  return `${base()}${target}?_routes=${encodeURIComponent(route)}`;
}

beforeAll(async () => {
  const password = inject("demoPassword");
  for (const user of USERS) {
    if (user === "anonymous" || user === "buiten") continue;
    cookies[user] = await logIn(EMAIL[user], password);
  }
  // A provider outside the demo kader's regions, created through the administrator's forms.
  const admin = cookies.beheerder!;
  const org = await post("/beheer/organisaties/nieuw", { kind: "zorgaanbieder", name: "Buiten de Regio Zorg", agbCode: "99990001", kvkNumber: "99990001", sectors: "VV" }, admin);
  expect(org.status).toBe(302);
  const form = await (await fetch(`${base()}/beheer/gebruikers/nieuw`, { headers: { Cookie: admin } })).text();
  const orgId = /<option value="(\d+)">Buiten de Regio Zorg/.exec(form)?.[1];
  expect(orgId).toBeDefined();
  const user = await post("/beheer/gebruikers/nieuw", { name: "Bas Buiten", email: EMAIL.buiten, roles: "zorgaanbieder", organisationId: orgId!, password: password }, admin);
  expect(user.status).toBe(302);
  cookies.buiten = await logIn(EMAIL.buiten, password);
});

describe("authorisation matrix", () => {
  it("lists every route of the app", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, unknown> };
    const missing = Object.keys(build.routes).filter((id) => !MATRIX.some((row) => row.route === id));
    expect(missing, "routes without a row in tests/e2e/authorization-matrix.ts").toEqual([]);
    const stale = MATRIX.map((row) => row.route).filter((id) => !(id in build.routes));
    expect(stale, "matrix rows for routes that no longer exist").toEqual([]);
  });

  for (const row of MATRIX) {
    it(`${row.path} (${row.route}) answers each user as the matrix says, page and data alike`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const user of USERS) {
        got[`${user} page`] = await statusOf(base() + row.path, cookies[user]);
        want[`${user} page`] = row.expect[user];
        if (row.dataRequest !== false) {
          got[`${user} data`] = await statusOf(dataUrl(row.path, row.route), cookies[user]);
          want[`${user} data`] = row.expect[user];
        }
      }
      expect(got).toEqual(want);
    });
  }
});
