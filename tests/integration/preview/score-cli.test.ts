/**
 * Issue 4, "Done when": the kader file with inputs built from the registry runs through the
 * command line with the same result the preview showed. A temporary database gets the demo,
 * a tariff table, the registry and a kader through the services; the page's loader builds the
 * budget; the invoer.yaml and concept.yaml routes give the files; `npx tsx scoring/cli.ts kader.yaml
 * invoer.yaml` must give the same budget total, provider totals and lines, to the cent. The
 * engine's budget counts regular lines (spec 4); the page's total adds the target groups'
 * assumed shares at their lines' tariffs, and is recomputed here from the command line's lines.
 * The routes use the global getDb(): DATABASE_URL is set before any route module is imported.
 */
import { execFile } from "node:child_process";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { SessionUser } from "../../../app/auth/session.server";
import type { Db } from "../../../db/client.server";
import { kaders } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { serializeKader, type Result } from "../../../scoring";
import { D as Decimal } from "../../../scoring/decimal";
import { createTestDb } from "../../helpers/test-db";
import { seedPreviewKader } from "./fixtures";
import { caller, type RouteModule } from "./routes";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../../..");

let t: ReturnType<typeof createTestDb>;
let db: Db;
let previousUrl: string | undefined;
let inkoper: SessionUser;
let page: RouteModule;
let invoer: RouteModule;
let concept: RouteModule;
let get: ReturnType<typeof caller>;
let dir: string;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.file;
  seedDemo(db, "not-a-password-hash", new Date());
  inkoper = seedPreviewKader(db, { slug: "vv-preview", year: 2026, ceiling: "3150000" }).inkoper;
  get = caller(db);
  page = (await import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route")) as unknown as RouteModule;
  invoer = (await import("../../../app/routes/inkoop.kaders.$slug.invoer[.yaml]/route")) as unknown as RouteModule;
  concept = (await import("../../../app/routes/inkoop.kaders.$slug.concept[.yaml]/route")) as unknown as RouteModule;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-preview-cli-"));
});

afterAll(async () => {
  const { getDb } = await import("../../../app/services/db.server");
  getDb().$client.close();
  process.env.DATABASE_URL = previousUrl;
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type PageData = Awaited<ReturnType<typeof import("../../../app/routes/inkoop.kaders.$slug.voorbeeld/route").loader>>;
type OkPage = Extract<PageData["page"], { state: "ok" }>;
type Impact = Extract<OkPage["budget"], { ok: true }>["impact"];

async function previewAndCli(query: string): Promise<{ impact: Impact; cli: Result; yaml: string }> {
  const data = (await get(page, `/inkoop/kaders/vv-preview/voorbeeld${query}`, "vv-preview", inkoper)) as PageData;
  if (data.page.state !== "ok") throw new Error(`page state ${data.page.state}`);
  if (!data.page.budget.ok) throw new Error(JSON.stringify(data.page.budget));
  const response = (await get(invoer, `/inkoop/kaders/vv-preview/invoer.yaml${query}`, "vv-preview", inkoper)) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/yaml; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="invoer.yaml"');
  const yaml = await response.text();

  // The kader file as the inkoper downloads it beside the inputs: the concept, serialised by the engine.
  const kaderFile = (await get(concept, "/inkoop/kaders/vv-preview/concept.yaml", "vv-preview", inkoper)) as Response;
  expect(kaderFile.status).toBe(200);
  const kaderYaml = await kaderFile.text();
  const { loadPreviewKader } = await import("../../../app/services/kaders/preview.server");
  const loaded = loadPreviewKader(db, db.select().from(kaders).where(eq(kaders.slug, "vv-preview")).get()!);
  if (loaded.state !== "ok") throw new Error(loaded.state);
  expect(kaderYaml).toBe(serializeKader(loaded.kader, "yaml")); // the very kader the preview computed with
  fs.writeFileSync(path.join(dir, "kader.yaml"), kaderYaml);
  fs.writeFileSync(path.join(dir, "invoer.yaml"), yaml);

  const { stdout } = await run("npx", ["tsx", "scoring/cli.ts", path.join(dir, "kader.yaml"), path.join(dir, "invoer.yaml")], { cwd: ROOT, timeout: 60_000 });
  return { impact: data.page.budget.impact, cli: JSON.parse(stdout) as Result, yaml };
}

const byKey = <T extends { provider: string; prestatie?: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.provider}/${a.prestatie ?? ""}`.localeCompare(`${b.provider}/${b.prestatie ?? ""}`));

function expectSameBudget(impact: Impact, cli: Result) {
  // The engine's budget counts regular lines only: that is the page's regularOnly total, per provider too.
  expect(cli.budget?.total).toBe(impact.regularOnly.total);
  // The page's totals include the target groups' shares: recomputed here from the command line's
  // own lines and the page's volumes, (volume − Σ group volume) × regular + Σ group volume × group tariff.
  const tariffOf = new Map(cli.lines.map((l) => [`${l.provider}/${l.prestatie}/${l.targetGroup ?? ""}`, l.tariff]));
  let all = new Decimal(0);
  for (const p of impact.providers) {
    let sum = new Decimal(0);
    for (const l of p.lines) {
      let regular = new Decimal(l.volume);
      for (const g of l.targetGroups) {
        const groupVolume = new Decimal(l.volume).times(g.share).div(100);
        regular = regular.minus(groupVolume);
        sum = sum.plus(groupVolume.times(tariffOf.get(`${p.id}/${l.prestatie}/${g.targetGroup}`)!));
      }
      sum = sum.plus(regular.times(tariffOf.get(`${p.id}/${l.prestatie}/`)!));
    }
    expect(sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2), p.name).toBe(p.total);
    all = all.plus(sum);
  }
  expect(all.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)).toBe(impact.withSurcharges.total);
  // Every line: the page shows each provider's regular and target-group lines; the command line has exactly those.
  const pageLines = impact.providers.flatMap((p) =>
    p.lines.flatMap((l) => [
      { provider: p.id, prestatie: l.prestatie, targetGroup: null as string | null, percent: l.percent, tariff: l.tariff },
      ...l.targetGroups.map((g) => ({ provider: p.id, prestatie: l.prestatie, targetGroup: g.targetGroup as string | null, percent: g.percent, tariff: g.tariff })),
    ]),
  );
  const cliLines = cli.lines.map((l) => ({ provider: l.provider, prestatie: l.prestatie, targetGroup: l.targetGroup, percent: l.percent, tariff: l.tariff }));
  expect(cliLines.length).toBeGreaterThan(0);
  const order = <T extends { provider: string; prestatie: string; targetGroup: string | null }>(rows: T[]) =>
    [...rows].sort((a, b) => `${a.provider}/${a.prestatie}/${a.targetGroup ?? ""}`.localeCompare(`${b.provider}/${b.prestatie}/${b.targetGroup ?? ""}`));
  expect(order(cliLines)).toEqual(order(pageLines));
}

describe("the preview's budget on the command line", () => {
  it("from the PUBLISHED kader file (what a provider downloads) with the registry inputs: the same budget", async () => {
    const { publishKader } = await import("../../../app/services/kaders/publication.server");
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    const kader = db.select().from(kaders).where(eq(kaders.slug, "vv-preview")).get()!;
    const published = publishKader(inkoper, kader, { opensAt: new Date(now.getTime() - day), closesAt: new Date(now.getTime() + 20 * day), questionsUntil: new Date(now.getTime() + 10 * day) }, db, now);
    expect(published.ok).toBe(true);
    const publishedRoute = (await import("../../../app/routes/kaders.$slug.kader[.yaml]/route")) as unknown as RouteModule;
    const file = (await get(publishedRoute, "/kaders/vv-preview/kader.yaml", "vv-preview", inkoper)) as Response;
    expect(file.status).toBe(200);
    fs.writeFileSync(path.join(dir, "gepubliceerd.yaml"), await file.text());
    const data = (await get(page, "/inkoop/kaders/vv-preview/voorbeeld", "vv-preview", inkoper)) as PageData;
    if (data.page.state !== "ok" || !data.page.budget.ok) throw new Error("preview not ok");
    const inputs = (await get(invoer, "/inkoop/kaders/vv-preview/invoer.yaml", "vv-preview", inkoper)) as Response;
    fs.writeFileSync(path.join(dir, "invoer-gepubliceerd.yaml"), await inputs.text());
    const { stdout } = await run("npx", ["tsx", "scoring/cli.ts", path.join(dir, "gepubliceerd.yaml"), path.join(dir, "invoer-gepubliceerd.yaml")], { cwd: ROOT, timeout: 60_000 });
    expectSameBudget(data.page.budget.impact, JSON.parse(stdout) as Result);
  }, 90_000);

  it("with the default assumptions: same total, provider totals and lines, to the cent", async () => {
    const { impact, cli, yaml } = await previewAndCli("");
    expect(impact.providers.map((p) => p.name)).toEqual(["Stichting Het Baken", "Zorgcentrum Eikenhof", "Zorggroep De Linde"]);
    expect(Number(impact.withSurcharges.total)).toBeGreaterThan(Number(impact.base.total));
    expectSameBudget(impact, cli);
    // The document is the inputs format, with the assumptions written down.
    expect(yaml).toContain("# Feiten, voor elke aanbieder gelijk: planIngediend waar; kwaliteitsverslag waar; clientTevredenheid waar.");
    expect(YAML.parse(yaml)).toMatchObject({ format: "zorginkoop.inputs/v1", kader: "vv-preview" });
  }, 90_000);

  it("with changed assumptions (a text fact, other scores, a field best): still the same, and the YAML carries them", async () => {
    const q = new URLSearchParams([
      ["v", "1"],
      ["bk", "planIngediend"], ["bt", "waar"], ["bv", ""],
      ["bk", "kwaliteitsverslag"], ["bt", "waar"], ["bv", ""],
      ["bk", "clientTevredenheid"], ["bt", "tekst"], ["bv", "8,5"],
      ["bs/innovatie/plan", "4"],
      ["bs/innovatie/borging", "2"],
      ["bfb/innovatie", "12"],
      // what-if parameters travel along in the link; the budget ignores them
      ["p", "4VV"],
      ["vj", "96"],
    ]);
    const { impact, cli, yaml } = await previewAndCli(`?${q}`);
    expectSameBudget(impact, cli);
    const doc = YAML.parse(yaml) as { providers: { facts: Record<string, unknown>; assessments: unknown[] }[]; fieldBest: unknown[] };
    expect(doc.providers[0]!.facts).toEqual({ planIngediend: true, kwaliteitsverslag: true, clientTevredenheid: "8.5" });
    expect(doc.providers[0]!.assessments).toContainEqual({ module: "innovatie", scores: { plan: 4, borging: 2 } });
    // The target groups are assessed at their default (middle) scores, so their lines exist.
    expect(doc.providers[0]!.assessments).toContainEqual({ module: "complexe-zorg", targetGroup: "jonge-dementie", scores: { visie: 6, aanpak: 6, expertise: 6, resultaat: 6 } });
    expect(cli.lines.some((l) => l.targetGroup === "parkinson")).toBe(true);
    expect(doc.fieldBest).toEqual([{ module: "innovatie", points: 12 }]);
    // the kwaliteit surcharge now holds (8,5 ≥ 8) and shows in the engine's trace, as the command line says
    expect(cli.lines.every((l) => l.trace.some((s) => s.step === "surcharge" && s.id === "kwaliteit" && s.value === "1"))).toBe(true);
  }, 90_000);
});
