/**
 * Sealed submissions, proven by a canary crawl (issue 9, ../shared/security.md "Sealed
 * submissions"): before the closing time, no user but a provider's own finds that provider's
 * canary anywhere in the app.
 *
 * The global setup seeds, on the open demo kader, two versions, two PDFs and a draft for De Linde
 * and Het Baken, each with its own canaries (tests/e2e/canary-seed.ts). This test logs in as every
 * user of the authorisation matrix (plus Het Baken's user) and crawls every route of the build,
 * page and data requests, the links and downloads they lead to (tests/e2e/crawl.ts); then it
 * searches the server's output and the audit trail in the database too.
 *
 * A route with a param the crawl has no values for fails the coverage test by name: add the
 * param to `paramValues` in tests/e2e/crawl-context.ts, so that no new route escapes the crawl.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import PDFDocument from "pdfkit";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { canaryPdf, newCanary } from "./canary-seed";
import { crawl, expandPattern, findTokens, manifestRoutes, type CrawlReport } from "./crawl";
import { CRAWL_USERS, isOneOf, logInAll, paramValues, type CrawlUserName } from "./crawl-context";

/** Routes of the provider's own inschrijving (form, receipt, own versions, own attachments). */
const OWN_SUBMISSION_ROUTE = /^\/kaders\/:[^/]+\/inschrijving/;
/** Routes about submissions at all (the provider's and the staff's): the crawl must reach each. */
const SUBMISSION_ROUTE = /inschrijving|proces-verbaal|bijlage|ontvangst/;

/** A user must have fetched at least this many URLs (routes times variants, plus links). */
const MIN_FETCHED_PER_USER = 100;
/** And, signed in, got at least this many 200 answers: a broken session would otherwise crawl only redirects. */
const MIN_OK_PER_SIGNED_IN_USER = 3;

const routes = await manifestRoutes();
const ownRoutes = routes.filter((r) => OWN_SUBMISSION_ROUTE.test(r.pattern));
const submissionRoutes = routes.filter((r) => SUBMISSION_ROUTE.test(r.pattern));

const base = () => inject("baseURL");
const seed = inject("canarySeed");

/** Which users may find a token: the users of the provider it belongs to. */
const tokens = seed.providers.flatMap((p) => [
  { token: p.token, provider: p.provider, what: "inschrijving", owners: p.ownerEmails },
  { token: p.draftToken, provider: p.provider, what: "concept", owners: p.ownerEmails },
]);

/**
 * A string the crawl must find where it belongs, through the same search: the demo kader's slug
 * in the text of its PDF as its inkoper downloads it (pdfkit glyphs, so only through pdftotext).
 */
const CONTROL = { user: "inkoper", url: `/kaders/${seed.kader}/kader.pdf`, token: seed.kader } as const;

let report: CrawlReport;

beforeAll(async () => {
  const users = await logInAll(base(), inject("demoPassword"));
  report = await crawl({ baseURL: base(), users, routes, params: paramValues(inject("databaseFile"), seed), tokens: [...tokens.map((t) => t.token), CONTROL.token] });
  // For a look at what was fetched: CANARY_CRAWL_DUMP=/tmp/crawl.json npx vitest run --project e2e tests/e2e/sealed-canary.test.ts
  const dump = process.env.CANARY_CRAWL_DUMP;
  if (dump) fs.writeFileSync(dump, JSON.stringify([...report.users.values()].map((r) => ({ ...r, routes: [...r.routes] })), null, 1));
}, 240_000);

describe("the canary search itself", () => {
  it("finds a canary in every form a response can carry it: raw, PDF hex string, pdfkit glyphs, zip, base64, UTF-16", async () => {
    const token = newCanary();
    const other = newCanary();
    const how = (bytes: Buffer) => findTokens(bytes, [token, other]).flatMap((f) => (f.token === token ? f.how : [`OTHER ${f.how.join("+")}`]));
    expect(how(Buffer.from(canaryPdf(`x ${token} y`)))).toContain("raw");
    expect(how(Buffer.from(`<${Buffer.from(token).toString("hex").toUpperCase()}> Tj`))).toContain("HEX");
    expect(how(Buffer.from(`x${Buffer.from(`ab${token}`).toString("base64")}`))).toEqual(["base64@2"]);
    expect(how(Buffer.from(`__${token}__`, "utf16le"))).toContain("utf16le");
    // pdfkit writes glyph ids, compressed: only the extracted text shows the canary.
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on("data", (c: Buffer) => chunks.push(c));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.font("Helvetica").text(`Plan: ${token} einde.`);
      doc.end();
    });
    expect(pdf.toString("latin1")).not.toContain(token);
    expect(how(pdf)).toEqual(["pdftotext"]);
    // An XLSX is a zip of deflated XML.
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Blad").addRow(["plan", token]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(xlsx.toString("latin1")).not.toContain(token);
    expect(how(xlsx).some((h) => h.startsWith("zip:"))).toBe(true);
    expect(how(Buffer.from("nothing here"))).toEqual([]);
  });

  it("fills a route's params: primary values in full, each other value once, optional segments both ways, an unknown param by name", () => {
    const values = new Map([
      ["slug", { primary: ["a"], others: ["b"] }],
      ["providerId", { primary: ["1", "2"], others: ["9"] }],
    ]);
    expect(expandPattern("/k/:slug/i/:providerId", values).paths.sort()).toEqual(["/k/a/i/1", "/k/a/i/2", "/k/a/i/9", "/k/b/i/1"]);
    expect(expandPattern("/k/:slug/x?", values).paths.sort()).toEqual(["/k/a", "/k/a/x", "/k/b", "/k/b/x"]);
    expect(expandPattern("/k/:slug/:nieuw", values)).toEqual({ paths: [], missing: ["nieuw"] });
  });

  it("the database holds every canary (so a clean crawl means sealed, not empty)", () => {
    const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
    // Other tests may add versions, attachments and drafts for the same providers: look at the seeded ones.
    const kader = "(SELECT id FROM kaders WHERE slug = ?)";
    try {
      for (const p of seed.providers) {
        for (const version of p.versions) {
          const row = db.prepare(`SELECT content FROM submissions WHERE kader_id = ${kader} AND provider_id = ? AND version = ?`).get(seed.kader, p.providerId, version) as { content: string };
          expect(row.content, `${p.provider} v${version}`).toContain(p.token);
        }
        for (const a of p.attachments) {
          const file = db.prepare(`SELECT name, bytes FROM submission_attachments WHERE kader_id = ${kader} AND provider_id = ? AND sha256 = ?`).get(seed.kader, p.providerId, a.sha256) as { name: string; bytes: Buffer };
          expect(file.name).toContain(p.token);
          expect(file.bytes.toString("latin1")).toContain(p.token);
        }
        const draft = db.prepare(`SELECT content FROM submission_drafts WHERE kader_id = ${kader} AND provider_id = ?`).get(seed.kader, p.providerId) as { content: string };
        const saves = db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'submission.draft_save' AND entity_id = ?").get(`${seed.kader}/${p.providerId}`) as { n: number };
        // The seeded draft, unless a test saved another one since.
        if (saves.n === 1) expect(draft.content).toContain(p.draftToken);
        else expect(saves.n).toBeGreaterThan(1);
      }
    } finally {
      db.close();
    }
  });
});

describe("sealed before the closing time: a crawl of every route as every user", () => {
  it("reaches every route of the build, each as every user (a route with params it cannot fill fails here by name)", () => {
    expect(report.unfillable.map((u) => `${u.routeId} (${u.pattern}): no values for ${u.missing.join(", ")}; add them to paramValues in tests/e2e/crawl-context.ts`)).toEqual([]);
    const missed: string[] = [];
    for (const [user, r] of report.users) for (const route of routes) if (!r.routes.has(route.id)) missed.push(`${user}: ${route.id}`);
    expect(missed).toEqual([]);
  });

  it(`fetches at least ${MIN_FETCHED_PER_USER} URLs per user, and signed-in users get real pages (not only redirects)`, () => {
    const short: string[] = [];
    for (const user of CRAWL_USERS) {
      const r = report.users.get(user)!;
      const ok = r.fetched.filter((f) => f.status === 200).length;
      if (r.fetched.length < MIN_FETCHED_PER_USER) short.push(`${user}: ${r.fetched.length} URLs`);
      if (user !== "anonymous" && ok < MIN_OK_PER_SIGNED_IN_USER) short.push(`${user}: ${ok} answers with 200`);
    }
    expect(short).toEqual([]);
  });

  const submissionNames = submissionRoutes.map((r) => r.pattern).join(", ");
  it(`covers the submission routes of the build (${submissionRoutes.length === 0 ? "none in this build yet" : submissionNames}), each with every seeded provider, version and attachment`, () => {
    const params = paramValues(inject("databaseFile"), seed);
    const missing: string[] = [];
    for (const route of submissionRoutes) {
      for (const [user, r] of report.users) {
        const urls = r.fetched.filter((f) => f.routeId === route.id && f.kind === "page").map((f) => f.url.split("/"));
        if (urls.length === 0) missing.push(`${user}: ${route.pattern}`);
        // Every primary value of every param (each seeded provider, version, attachment) was tried.
        for (const param of route.params) {
          for (const value of params.get(param.name)?.primary ?? []) {
            if (!urls.some((segments) => segments.includes(encodeURIComponent(value)))) missing.push(`${user}: ${route.pattern} with ${param.name} = ${value}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("no route answers any user with a server error (an error page is a way out too)", () => {
    const errors = [...report.users.values()].flatMap((r) => r.fetched.filter((f) => f.status >= 500).map((f) => `${r.user} ${f.kind} ${f.url}: ${f.status}`));
    expect(errors).toEqual([]);
  });

  it("finds a known string where it belongs: the kader's slug in the text of its PDF, as its inkoper", () => {
    const pdf = report.users.get(CONTROL.user)!.fetched.find((f) => f.url === CONTROL.url && f.kind === "page");
    expect(pdf?.status).toBe(200);
    expect(pdf!.found.find((f) => f.token === CONTROL.token)?.how).toContain("pdftotext");
  });

  it("no canary is found by anyone but its own provider's users: pages, data requests, links, downloads", () => {
    const leaks: string[] = [];
    for (const [user, r] of report.users) {
      for (const f of r.fetched) {
        for (const hit of f.found) {
          const t = tokens.find((x) => x.token === hit.token);
          if (!t) continue; // the control string
          if (!isOneOf(user as CrawlUserName, t.owners)) {
            leaks.push(`${user} ${f.kind} ${f.url} (${f.status}): ${t.provider}'s ${t.what} canary ×${hit.count} [${hit.how.join(", ")}] …${hit.context}…`);
          }
        }
      }
    }
    // The first leaks, each naming user, URL, how it was found and where: enough to find the hole.
    expect(leaks.slice(0, 30), `${leaks.length} responses show a canary to a user who is not its owner`).toEqual([]);
  });

  const ownReason = ownRoutes.length === 0 ? " (skipped: the build has no provider route under /kaders/:slug/inschrijving yet)" : "";
  it.skipIf(ownRoutes.length === 0)(`the provider's own users do find its canaries, through ${ownRoutes.map((r) => r.pattern).join(", ") || "its own routes"}${ownReason}`, () => {
    const blind: string[] = [];
    const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
    // A test that ran before may have saved another draft for the provider, or submitted after the
    // draft was saved: the form then rightly starts from that (the newer of draft and submission,
    // as form-page.server.ts decides), and the draft canary is not on it.
    const draftKept = (providerId: number, token: string) => {
      const draft = db
        .prepare("SELECT kader_id AS kaderId, updated_at AS updatedAt FROM submission_drafts WHERE provider_id = ? AND instr(content, ?) > 0")
        .get(providerId, token) as { kaderId: number; updatedAt: number } | undefined;
      if (!draft) return false;
      const last = db.prepare("SELECT MAX(received_at) AS at FROM submissions WHERE provider_id = ? AND kader_id = ?").get(providerId, draft.kaderId) as { at: number | null };
      return last.at === null || draft.updatedAt > last.at;
    };
    for (const p of seed.providers) {
      const owners = CRAWL_USERS.filter((u) => isOneOf(u, p.ownerEmails));
      expect(owners.length, `${p.provider} has a crawled user`).toBeGreaterThan(0);
      for (const user of owners) {
        const own = report.users.get(user)!.fetched.filter((f) => ownRoutes.some((r) => r.id === f.routeId) || f.kind === "link");
        // The submitted content (in the form, its versions or its attachments) and the draft
        // (in the form) are each shown to their owner somewhere.
        for (const token of draftKept(p.providerId, p.draftToken) ? [p.token, p.draftToken] : [p.token]) {
          if (!own.some((f) => f.found.some((x) => x.token === token))) blind.push(`${user} does not find ${p.provider}'s ${token === p.token ? "inschrijving" : "concept"} canary`);
        }
      }
    }
    db.close();
    expect(blind).toEqual([]);
  });

  it("the server's output (stdout and stderr) holds no canary", () => {
    const log = fs.readFileSync(inject("serverLogFile"));
    expect(log.length, "the server printed its start line at least").toBeGreaterThan(0);
    expect(findTokens(log, tokens.map((t) => t.token)).map((f) => `${f.token}: ${f.context}`)).toEqual([]);
  });

  it("the audit trail holds no canary: every event in the database (the /audit pages were crawled above)", () => {
    const db = new Database(inject("databaseFile"), { readonly: true, fileMustExist: true });
    try {
      const events = db.prepare("SELECT * FROM audit_events ORDER BY seq").all() as Record<string, unknown>[];
      // The seeded submissions wrote their events: the search below is over them.
      expect(events.filter((e) => String(e.action).startsWith("submission.")).length).toBeGreaterThanOrEqual(seed.providers.length * 5);
      const found: string[] = [];
      for (const e of events) {
        for (const f of findTokens(Buffer.from(JSON.stringify(e), "utf8"), tokens.map((t) => t.token))) found.push(`event ${String(e.seq)} ${String(e.action)}: ${f.context}`);
      }
      expect(found).toEqual([]);
    } finally {
      db.close();
    }
    const audited = [...report.users.values()].flatMap((r) => r.fetched.filter((f) => f.url.startsWith("/audit") && f.status === 200));
    expect(audited.length, "some user read /audit").toBeGreaterThan(0);
  });
});
