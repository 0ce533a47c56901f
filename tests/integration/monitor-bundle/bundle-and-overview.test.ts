/**
 * The verification bundle (/kaders/:slug/verificatie.zip) and the inkoper's overview
 * (/inkoop/kaders/:slug/monitor, .xlsx) through their route loaders, on the demo data with De
 * Linde's submission (planIngediend: yes, with its evidence):
 * - the bundle holds the provider's own data only, verifies with the engine, is byte-identical on
 *   a re-download, and is refused (404) to everyone but the provider's own users;
 * - the overview computes every provider as its monitor does (computeForProvider), before the
 *   opening from the registry only (never a number derived from a sealed inschrijving), after the
 *   four-eyes opening with the submissions; sortable; the .xlsx holds the same figures;
 * - another zorgkantoor's inkoper gets 404, other roles 403.
 * The routes use the global getDb(): DATABASE_URL is set before any route module is imported.
 */
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, type SessionUser } from "../../../app/auth/session.server";
import { storeAttachment } from "../../../app/services/submissions/attachments.server";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import { kaderOverview } from "../../../app/services/tender/overview.server";
import { computeForProvider, loadPublishedKader, type PublishedKader } from "../../../app/services/tender/provider-result.server";
import { loadTenderProviders } from "../../../app/services/tender/inputs.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { sha256Hex, unzipBundle, verifyBundle } from "../../../scoring/verify/index";
import { createTestDb } from "../../helpers/test-db";
import { addSecondZorgkantoor, demoActors, loadKader, PASSWORD, passwordHash, request, userByEmail, type Demo } from "../kaders/fixtures";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

const SLUG = "demo-vv-2026";
const context = { cspNonce: "test", clientAddress: "127.0.0.1" };

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let demo: Demo;
let other: ReturnType<typeof addSecondZorgkantoor>;
let published: PublishedKader;
let bundleRoute: Loader;
let overviewRoute: Loader;
let xlsxRoute: Loader;
const tokens = new Map<number, string>();

function call(loader: Loader, path: string, user: SessionUser | null): Promise<unknown> {
  let token: string | undefined;
  if (user) {
    token = tokens.get(user.id) ?? createSession(db, user.id).token;
    tokens.set(user.id, token);
  }
  return loader({ request: request(path, token ? { token } : {}), params: { slug: SLUG }, context });
}

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

async function bundleOf(user: SessionUser): Promise<Uint8Array> {
  const response = (await call(bundleRoute, `/kaders/${SLUG}/verificatie.zip`, user)) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/zip");
  return new Uint8Array(await response.arrayBuffer());
}

function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const read = unzipBundle(bytes);
  if (!read.ok) throw new Error(read.message);
  return read.files;
}

const text = (files: Map<string, Uint8Array>, name: string) => new TextDecoder().decode(files.get(name)!);

type OverviewData = { overview: Awaited<ReturnType<typeof kaderOverview>> & object; sort: unknown };

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  const now = new Date();
  await ensureDemoData(db, { file: t.file, password: PASSWORD, now });
  demo = demoActors(db);
  other = addSecondZorgkantoor(db, now, await passwordHash());
  published = loadPublishedKader(db, loadKader(db, SLUG))!;

  // De Linde declares the plan (yes, with its evidence PDF): the standaard opslag then applies.
  const evidence = storeAttachment(demo.aanbieder, SLUG, { name: "plan.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n% plan\n%%EOF\n") }, db, now);
  if (!evidence.ok) throw new Error(JSON.stringify(evidence));
  const submitted = submit(
    demo.aanbieder,
    SLUG,
    { declarations: { planIngediend: true }, evidence: { planIngediend: [evidence.attachment.sha256] }, plans: {}, attachments: [] },
    "bundel-test-sleutel-01",
    now,
    db,
  );
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));

  bundleRoute = ((await import("../../../app/routes/kaders.$slug.verificatie[.zip]/route")) as { loader: Loader }).loader;
  overviewRoute = ((await import("../../../app/routes/inkoop.kaders.$slug.monitor._index/route")) as { loader: Loader }).loader;
  xlsxRoute = ((await import("../../../app/routes/inkoop.kaders.$slug.monitor[.xlsx]/route")) as { loader: Loader }).loader;
}, 60_000);

afterAll(async () => {
  const client = await import("../../../db/client.server");
  client.getDb().$client.close();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  t?.close();
});

describe("the verification bundle", () => {
  it("holds De Linde's own data, computed with its submission, and verifies to the cent", async () => {
    const files = unzip(await bundleOf(demo.aanbieder));
    expect([...files.keys()]).toEqual(["kader.json", "tarieven.json", "invoer.json", "resultaat.json", "LEESMIJ.txt", "manifest.json"]);
    const outcome = verifyBundle(files);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.message).toMatch(/^Alle \d+ tarieven kloppen tot op de cent\./);
    expect(outcome.manifest).toMatchObject({ basis: "submission", provider: { agbCode: "73730001", name: "Zorggroep De Linde" }, kader: { id: SLUG, version: 1 } });

    // kader.json is the stored version: its SHA-256 is the content hash on the kader page.
    expect(sha256Hex(files.get("kader.json")!)).toBe(published.version.contentHash);
    // The inputs and result are exactly what the monitor computes (with the provider's own submission).
    const live = computeForProvider(db, published, demo.aanbieder.organisation!.id, { withSubmissions: true })!;
    expect(JSON.parse(text(files, "invoer.json"))).toEqual(JSON.parse(JSON.stringify(live.inputs)));
    expect(JSON.parse(text(files, "resultaat.json")).lines.map((l: { tariff: string }) => l.tariff)).toEqual(live.result.lines.map((l) => l.tariff));
    expect(JSON.parse(text(files, "invoer.json")).providers[0].facts).toEqual({ planIngediend: true });

    // No other provider's data: only De Linde's AGB code and name appear.
    const others = loadTenderProviders(db, published.row, published.kader, { withSubmissions: false }).filter((p) => p.agbCode !== "73730001");
    expect(others.length).toBeGreaterThan(5);
    for (const [name, bytes] of files) {
      const content = new TextDecoder().decode(bytes);
      for (const p of others) {
        expect(content, `${name} names ${p.agbCode}`).not.toContain(p.agbCode);
        expect(content, `${name} names ${p.name}`).not.toContain(p.name);
      }
    }
    expect(text(files, "LEESMIJ.txt")).toContain("npm run -s score -- verify verificatie-demo-vv-2026-73730001.zip");
  });

  it("is byte-identical on a re-download", async () => {
    const first = await bundleOf(demo.aanbieder);
    const second = await bundleOf(demo.aanbieder);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
  });

  it("aanbieder2 gets only its own bundle (Het Baken, registry only: it has not submitted)", async () => {
    const files = unzip(await bundleOf(demo.aanbieder2));
    const outcome = verifyBundle(files);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.manifest).toMatchObject({ basis: "register", provider: { agbCode: "73730002" }, submission: null });
    for (const bytes of files.values()) expect(new TextDecoder().decode(bytes)).not.toMatch(/73730001|De Linde/);
  });

  it("is refused (404) to staff, the beheerder, another zorgkantoor's provider and anonymous users are sent to log in", async () => {
    const path = `/kaders/${SLUG}/verificatie.zip`;
    expect(await statusOf(() => call(bundleRoute, path, demo.inkoper))).toBe(404);
    expect(await statusOf(() => call(bundleRoute, path, demo.beoordelaar))).toBe(404);
    expect(await statusOf(() => call(bundleRoute, path, demo.beheerder))).toBe(404);
    expect(await statusOf(() => call(bundleRoute, path, other.provider))).toBe(404);
    expect(await statusOf(() => call(bundleRoute, path, null))).toBe(302);
  });
});

describe("the inkoper's overview", () => {
  async function overviewAs(user: SessionUser, query = ""): Promise<OverviewData> {
    return (await call(overviewRoute, `/inkoop/kaders/${SLUG}/monitor${query}`, user)) as OverviewData;
  }

  it("before the opening: every provider, each exactly as its monitor computes it from the registry; never from the sealed submission", async () => {
    const { overview } = await overviewAs(demo.inkoper);
    expect(overview.withSubmissions).toBe(false);
    const all = loadTenderProviders(db, published.row, published.kader, { withSubmissions: false });
    expect(overview.providers.map((p) => p.agbCode).sort()).toEqual(all.map((p) => p.agbCode).sort());
    expect(overview.providers.length).toBe(12);
    for (const p of overview.providers) {
      const live = computeForProvider(db, published, p.providerId, { withSubmissions: false })!;
      expect(p.basis).toBe("register");
      expect(p.yearly).toBe(live.result.budget?.byProvider[0]?.total ?? null);
      expect(p.lines.map((l) => [l.prestatie, l.targetGroup, l.percent, l.tariff])).toEqual(live.result.lines.map((l) => [l.prestatie, l.targetGroup, l.percent, l.tariff]));
    }
    // De Linde's submission would raise its tariffs (the standaard opslag): the overview does not show them.
    const linde = overview.providers.find((p) => p.agbCode === "73730001")!;
    const withSubmission = computeForProvider(db, published, linde.providerId, { withSubmissions: true })!;
    expect(withSubmission.basis).toBe("submission");
    expect(withSubmission.result.budget!.byProvider[0]!.total).not.toBe(linde.yearly);
    const submissionTariffs = new Set(withSubmission.result.lines.filter((l) => l.targetGroup === null).map((l) => l.tariff));
    for (const l of linde.lines.filter((l) => l.targetGroup === null)) expect(submissionTariffs.has(l.tariff)).toBe(false);
  });

  it("sorts by a GET parameter, and refuses an unknown sort with 400", async () => {
    const byAmount = (await overviewAs(demo.inkoper, "?sorteer=-jaarbedrag")).overview.providers;
    const amounts = byAmount.map((p) => p.yearly).filter((y): y is string => y !== null).map(Number);
    expect(amounts.length).toBeGreaterThan(3);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const prestatie = (await overviewAs(demo.inkoper)).overview.prestaties[0]!.code;
    const byTariff = (await overviewAs(demo.inkoper, `?sorteer=tarief-${prestatie}`)).overview.providers
      .map((p) => (Object.prototype.hasOwnProperty.call(p.tariffs, prestatie) ? Number(p.tariffs[prestatie]!.tariff) : null))
      .filter((v): v is number => v !== null);
    expect(byTariff).toEqual([...byTariff].sort((a, b) => a - b));
    expect(await statusOf(() => overviewAs(demo.inkoper, "?sorteer=__proto__"))).toBe(400);
  });

  it("the .xlsx holds the same figures", async () => {
    const { overview } = await overviewAs(demo.inkoper);
    const response = (await call(xlsxRoute, `/inkoop/kaders/${SLUG}/monitor.xlsx`, demo.inkoper)) as Response;
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Per aanbieder")!;
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(header[0]).toBe("AGB-code");
    expect(header.at(-1)).toBe("Jaarbedrag");
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 4) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    for (const p of overview.providers) {
      const row = rows.get(p.agbCode)!;
      expect(row[1]).toBe(p.name);
      expect(row[header.length - 1] ?? null).toBe(p.yearly === null ? null : Number(p.yearly));
    }
    expect(rows.get("Totaal")!.at(-1)).toBe(Number(overview.total));
    expect(String(sheet.getRow(2).getCell(1).value)).toContain("alleen op basis van de registergegevens");
    const lines = workbook.getWorksheet("Regels")!;
    expect(lines.rowCount - 1).toBe(overview.providers.reduce((n, p) => n + p.lines.length, 0));
  });

  it("another zorgkantoor's inkoper gets 404; other roles 403; anonymous users are sent to log in", async () => {
    for (const route of [overviewRoute, xlsxRoute]) {
      expect(await statusOf(() => call(route, `/inkoop/kaders/${SLUG}/monitor`, other.inkoper))).toBe(404);
      expect(await statusOf(() => call(route, `/inkoop/kaders/${SLUG}/monitor`, demo.beoordelaar))).toBe(403);
      expect(await statusOf(() => call(route, `/inkoop/kaders/${SLUG}/monitor`, demo.aanbieder))).toBe(403);
      expect(await statusOf(() => call(route, `/inkoop/kaders/${SLUG}/monitor`, demo.beheerder))).toBe(403);
      expect(await statusOf(() => call(route, `/inkoop/kaders/${SLUG}/monitor`, null))).toBe(302);
    }
  });

  it("after the closing and the four-eyes opening: with the submissions, still equal to each monitor", () => {
    const closes = published.version.closesAt;
    const afterClose = new Date(closes.getTime() + 60_000);
    const inkoper2 = userByEmail(db, "inkoper2@demo.zorginkoop.nl");
    const started = startOpening(demo.inkoper, SLUG, afterClose, db);
    if (!started.ok) throw new Error(JSON.stringify(started));
    const confirmed = confirmOpening(inkoper2, SLUG, new Date(afterClose.getTime() + 60_000), db);
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
    const later = new Date(afterClose.getTime() + 120_000);

    // Between the closing and the opening nothing changes.
    expect(kaderOverview(db, demo.inkoper, published.row, new Date(afterClose.getTime() + 30_000))!.withSubmissions).toBe(false);

    const overview = kaderOverview(db, demo.inkoper, published.row, later)!;
    expect(overview.withSubmissions).toBe(true);
    const linde = overview.providers.find((p) => p.agbCode === "73730001")!;
    expect(linde.basis).toBe("submission");
    for (const p of overview.providers) {
      const live = computeForProvider(db, published, p.providerId, { withSubmissions: true })!;
      expect(p.yearly).toBe(live.result.budget?.byProvider[0]?.total ?? null);
      expect(p.lines.map((l) => l.tariff)).toEqual(live.result.lines.map((l) => l.tariff));
    }
  });
});
