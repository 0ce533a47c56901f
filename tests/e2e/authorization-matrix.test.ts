import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  MATRIX,
  MATRIX_ATTACHMENT,
  MATRIX_ATTACHMENT_SHA256,
  MATRIX_OBJECTION,
  MATRIX_OBJECTION_ATTACHMENT,
  MATRIX_OBJECTION_ATTACHMENT_SHA256,
  TENANT_OF,
  USERS,
  type MatrixRow,
  type MatrixUser,
  type Tenant,
} from "./authorization-matrix";
import { TENANT_B } from "./second-tenant";

const EMAIL: Record<Exclude<MatrixUser, "anonymous">, string> = {
  beheerder: "beheerder@demo.zorginkoop.nl",
  inkoper: "inkoper@demo.zorginkoop.nl",
  beoordelaar: "beoordelaar@demo.zorginkoop.nl",
  jurist: "jurist@demo.zorginkoop.nl",
  aanbieder: "aanbieder@demo.zorginkoop.nl",
  buiten: "buiten@e2e.zorginkoop.nl",
  ...TENANT_B.emails,
};

const base = () => inject("baseURL");
const cookies: Partial<Record<MatrixUser, string>> = {};
/** The id of the objection the matrix files (see MATRIX_OBJECTION). */
let objectionId = "";

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
async function fetchAs(url: string, cookie: string | undefined): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const text = new TextDecoder().decode(await res.arrayBuffer());
  if (res.status === 202 && res.headers.get("location")) return { status: 302, text };
  return { status: res.status, text };
}

function dataUrl(pathname: string, route: string): string {
  const target = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
  return `${base()}${target}?_routes=${encodeURIComponent(route)}`;
}

/** Whether the user belongs to an organisation other than the one that owns the row's object. */
function foreignTo(owner: Tenant, user: MatrixUser): boolean {
  if (user === "anonymous") return false;
  if (TENANT_OF[user] === owner) return false;
  // The provider in the owner's region is the kader's audience, not a foreign organisation.
  if ((owner === "A" && user === "aanbieder") || (owner === "B" && user === "aanbiederB")) return false;
  return true;
}

/** Text that only tenant A's (or B's) own pages may contain. */
const MARKERS: Record<Tenant, string[]> = {
  A: ["demo-vv-2026", "Zorggroep De Linde", "Zorgkantoor Demo"],
  B: [TENANT_B.publishedSlug, TENANT_B.conceptSlug, TENANT_B.provider.name, TENANT_B.zorgkantoor],
};
/** Pages that list the signed-in user's own tenant's data, with their route ids; the audit trail among them. */
const TENANT_PAGES: [string, string][] = [
  ["/inkoop", "routes/inkoop._index"],
  ["/inkoop/tarieven", "routes/inkoop.tarieven"],
  ["/inkoop/register", "routes/inkoop.register"],
  ["/inkoop/jaarrekeningen", "routes/inkoop.jaarrekeningen"],
  ["/beoordeling", "routes/beoordeling._index"],
  ["/juridisch", "routes/juridisch._index"],
  ["/aanbieder", "routes/aanbieder._index"],
  ["/audit", "routes/audit"],
];

const crossReads: string[] = [];
const crossWrites: string[] = [];

beforeAll(async () => {
  const password = inject("demoPassword");
  for (const user of USERS) {
    if (user === "anonymous" || user === "buiten") continue;
    cookies[user] = await logIn(EMAIL[user], password);
  }
  // A provider outside every region of both zorgkantoren, created through the administrator's forms.
  const admin = cookies.beheerder!;
  const org = await post("/beheer/organisaties/nieuw", { kind: "zorgaanbieder", name: "Buiten de Regio Zorg", agbCode: "99990001", kvkNumber: "99990001", sectors: "VV" }, admin);
  expect(org.status).toBe(302);
  const form = await (await fetch(`${base()}/beheer/gebruikers/nieuw`, { headers: { Cookie: admin } })).text();
  const orgId = /<option value="(\d+)">Buiten de Regio Zorg/.exec(form)?.[1];
  expect(orgId).toBeDefined();
  const user = await post("/beheer/gebruikers/nieuw", { name: "Bas Buiten", email: EMAIL.buiten, roles: "zorgaanbieder", organisationId: orgId!, password: password }, admin);
  expect(user.status).toBe(302);
  cookies.buiten = await logIn(EMAIL.buiten, password);

  // Tenant A's provider submits (with an attachment) so that its receipt, content and download exist.
  const provider = cookies.aanbieder!;
  const upload = new FormData();
  upload.append("purpose", "algemeen");
  upload.append("file", new Blob([Buffer.from(MATRIX_ATTACHMENT, "latin1")], { type: "application/pdf" }), "matrix.pdf");
  const stored = await fetch(`${base()}/kaders/demo-vv-2026/inschrijving/bijlagen`, { method: "POST", body: upload, redirect: "manual", headers: { Cookie: provider, Accept: "application/json" } });
  expect(stored.status).toBe(201);
  const page = await (await fetch(`${base()}/kaders/demo-vv-2026/inschrijving`, { headers: { Cookie: provider } })).text();
  const kaderVersion = /name="kaderVersion" value="(\d+)"/.exec(page)?.[1];
  const submitted = await post(
    "/kaders/demo-vv-2026/inschrijving",
    { intent: "submit", idempotencyKey: "matrix-inschrijving-0001", kaderVersion: kaderVersion ?? "", "decl.0": "nee", attachments: MATRIX_ATTACHMENT_SHA256 },
    provider,
  );
  expect(submitted.status, "the matrix's own submission").toBe(303);

  // Tenant A's provider files a basistarief objection with a PDF (check, then confirm), so that
  // its page, receipt and attachment exist for every objection row.
  const check = new FormData();
  check.append("gronden", "Bezwaar van de autorisatiematrix tegen het basistarief.");
  check.append("idempotencyKey", "matrix-bezwaar-00000001");
  check.append("bestanden", new Blob([Buffer.from(MATRIX_OBJECTION_ATTACHMENT, "latin1")], { type: "application/pdf" }), "matrix-bezwaar.pdf");
  const checked = await fetch(`${base()}/kaders/demo-vv-2026/bezwaar`, { method: "POST", body: check, redirect: "manual", headers: { Cookie: provider } });
  expect(checked.status, "the matrix's objection, checked").toBe(200);
  await checked.arrayBuffer();
  const filed = await post(
    "/kaders/demo-vv-2026/bezwaar",
    { gronden: "Bezwaar van de autorisatiematrix tegen het basistarief.", idempotencyKey: "matrix-bezwaar-00000001", bijlage: MATRIX_OBJECTION_ATTACHMENT_SHA256, bevestigd: "ja" },
    provider,
  );
  expect(filed.status, "the matrix's objection, filed").toBe(303);
  objectionId = /\/bezwaar\/(\d+)/.exec(filed.headers.get("location") ?? "")?.[1] ?? "";
  expect(objectionId).toMatch(/^\d+$/);
});

describe("authorisation matrix, two zorgkantoren", () => {
  it("lists every route of the app", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as { routes: Record<string, unknown> };
    const missing = Object.keys(build.routes).filter((id) => !MATRIX.some((row) => row.route === id));
    expect(missing, "routes without a row in tests/e2e/authorization-matrix.ts").toEqual([]);
    const stale = MATRIX.map((row) => row.route).filter((id) => !(id in build.routes));
    expect(stale, "matrix rows for routes that no longer exist").toEqual([]);
  });

  const check = async (row: MatrixRow) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    const target = row.path.replace(MATRIX_OBJECTION, objectionId);
    for (const user of USERS) {
      const urls: [string, string][] = [["page", base() + target]];
      if (row.dataRequest !== false) urls.push(["data", dataUrl(target, row.route)]);
      for (const [kind, url] of urls) {
        const { status } = await fetchAs(url, cookies[user]);
        got[`${user} ${kind}`] = status;
        want[`${user} ${kind}`] = row.expect[user];
        if (row.owner && foreignTo(row.owner, user) && status >= 200 && status < 300) crossReads.push(`${user} ${kind} ${target}: ${status}`);
      }
    }
    expect(got).toEqual(want);
  };
  for (const row of MATRIX) {
    it(`${row.path} (${row.route}) answers each user as the matrix says, page and data alike`, () => check(row));
  }

  it("a tenant's own pages show nothing of the other tenant", async () => {
    let checked = 0;
    for (const user of USERS) {
      const tenant = TENANT_OF[user] === "A" || user === "aanbieder" ? "A" : TENANT_OF[user] === "B" || user === "aanbiederB" ? "B" : null;
      if (!tenant) continue;
      const other: Tenant = tenant === "A" ? "B" : "A";
      for (const [pathname, route] of TENANT_PAGES) {
        for (const url of [base() + pathname, dataUrl(pathname, route)]) {
          const { status, text } = await fetchAs(url, cookies[user]);
          if (status !== 200) continue;
          checked++;
          for (const marker of MARKERS[other]) if (text.includes(marker)) crossReads.push(`${user} ${url}: shows "${marker}"`);
        }
      }
    }
    // Each tenant's inkoper, beoordelaar, jurist (twice: /juridisch and /audit) and provider, page and data:
    // nothing was skipped by accident.
    expect(checked).toBe(2 * 2 * TENANT_PAGES.length);
  });
});

describe("cross-tenant writes are refused and change nothing", () => {
  /** What each tenant's kaders look like to their own inkoper: concept and published content. */
  async function snapshot(): Promise<string[]> {
    const out: string[] = [];
    for (const [who, slugs] of [
      ["inkoper", ["demo-vv-2026"]],
      ["inkoperB", [TENANT_B.publishedSlug, TENANT_B.conceptSlug]],
    ] as const) {
      for (const slug of slugs) {
        const concept = await fetchAs(`${base()}/inkoop/kaders/${slug}/concept.json`, cookies[who]);
        expect(concept.status).toBe(200);
        out.push(concept.text);
        const page = await fetchAs(dataUrl(`/inkoop/kaders/${slug}`, "routes/inkoop.kaders.$slug._index"), cookies[who]);
        expect(page.status).toBe(200);
        out.push(page.text.replace(/"draftUpdatedAt",[^,]*,/g, ""));
      }
    }
    const organisations = await fetchAs(`${base()}/beheer/organisaties`, cookies.beheerder);
    out.push(organisations.text.replace(/nonce="[^"]*"/g, ""));
    return out;
  }

  const window = { opensAt: "2030-01-01T10:00", questionsUntil: "2030-01-10T10:00", closesAt: "2030-02-01T10:00" };
  const attempts: { who: MatrixUser; path: string; form: Record<string, string> }[] = [
    { who: "inkoperB", path: "/inkoop/kaders/demo-vv-2026?index", form: { intent: "settings", tariffTableId: "1", budgetCeiling: "1", regionIds: "1" } },
    { who: "inkoperB", path: "/inkoop/kaders/demo-vv-2026?index", form: { intent: "publish", ...window, noticeTitle: "Overgenomen", noticeBody: "Door B." } },
    { who: "inkoperB", path: "/inkoop/kaders/demo-vv-2026?index", form: { intent: "transition", to: "gesloten" } },
    { who: "inkoperB", path: "/inkoop/kaders/demo-vv-2026/bewerken", form: { intent: "save", revision: "0", title: "Gekaapt" } },
    { who: "juristB", path: "/inkoop/kaders/demo-vv-2026?index", form: { intent: "publishAnswers" } },
    { who: "aanbiederB", path: "/kaders/demo-vv-2026?index", form: { text: "Een vraag van buiten de regio." } },
    { who: "inkoper", path: `/inkoop/kaders/${TENANT_B.conceptSlug}?index`, form: { intent: "publish", ...window } },
    { who: "inkoper", path: `/inkoop/kaders/${TENANT_B.conceptSlug}?index`, form: { intent: "settings", tariffTableId: "1", budgetCeiling: "1", regionIds: "1" } },
    { who: "inkoper", path: `/inkoop/kaders/${TENANT_B.conceptSlug}/bewerken`, form: { intent: "save", revision: "0", title: "Gekaapt" } },
    { who: "inkoper", path: `/inkoop/kaders/${TENANT_B.publishedSlug}?index`, form: { intent: "transition", to: "gesloten" } },
    { who: "aanbieder", path: `/kaders/${TENANT_B.publishedSlug}?index`, form: { text: "Een vraag van buiten de regio." } },
  ];

  it("every attempt by one tenant's user on the other tenant's kader is refused (404/403) and nothing changes", async () => {
    const before = await snapshot();
    for (const attempt of attempts) {
      const res = await post(attempt.path, attempt.form, cookies[attempt.who]);
      await res.arrayBuffer();
      if (res.status !== 404 && res.status !== 403) crossWrites.push(`${attempt.who} POST ${attempt.path}: ${res.status}`);
    }
    const after = await snapshot();
    if (JSON.stringify(after) !== JSON.stringify(before)) crossWrites.push("a refused write changed a tenant's kader or an organisation");
    expect(crossWrites).toEqual([]);
  });

  it("tenant B's registry import does not change tenant A's provider", async () => {
    const before = await snapshot();
    const csv = `agb;kvk;naam;regio's;sectoren\n73730001;99999999;Overgenomen door B;${TENANT_B.region.code};GGZ\n`;
    const body = new FormData();
    body.append("year", "2027");
    body.append("file", new Blob([csv], { type: "text/csv" }), "register.csv");
    const res = await fetch(`${base()}/inkoop/register`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookies.inkoperB! } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain("alleen de beheerder kan die wijzigen");
    const organisations = await fetchAs(`${base()}/beheer/organisaties`, cookies.beheerder);
    expect(organisations.text).toContain("Zorggroep De Linde");
    if (organisations.text.includes("Overgenomen door B")) crossWrites.push("B's import renamed A's provider");
    const after = await snapshot();
    // The beheerder's list now shows the provider in B's region too (a link B may make); nothing else differs.
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(crossWrites).toEqual([]);
  });

  it("counts 0 cross-organisation reads and 0 cross-organisation writes", () => {
    expect({ reads: crossReads, writes: crossWrites }).toEqual({ reads: [], writes: [] });
    expect(crossReads.length + crossWrites.length).toBe(0);
  });
});
