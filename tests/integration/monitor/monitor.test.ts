// The tariff monitor's service (app/services/monitor/): who sees which provider with which data,
// that every figure is the engine's (computeForProvider), the phase in words, the waterfall
// adding up to the tariff, and the what-if: typed declarations and on-scale scores change the
// tariffs; bad input is refused at its field and nothing is computed from it.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../app/auth/session.server";
import { buildMonitorPage, buildMonitorView, monitorPdfResponse, requireInkoperMonitor, requireOwnMonitor, type MonitorSubject } from "../../../app/services/monitor/monitor.server";
import { confirmOpening, startOpening } from "../../../app/services/submissions/opening.server";
import { submit } from "../../../app/services/submissions/submissions.server";
import { computeForProvider, loadPublishedKader } from "../../../app/services/tender/provider-result.server";
import type { Db } from "../../../db/client.server";
import { establishedFacts, providerYearData } from "../../../db/schema";
import { D } from "../../../scoring/decimal";
import { waterfallOf } from "../../../app/services/monitor/view-model";
import { formatEuro } from "../../../scoring/format/nl";
import { createTestDb } from "../../helpers/test-db";
import { DAY, addSecondZorgkantoor, addUser, loadKader, passwordHash, prepareKader, publishOrThrow, seedDemoOrganisations, storeTable, windowFrom, type Demo } from "../kaders/fixtures";
import { draftWithFacts, publishSubmissionKader } from "../submissions/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const CLOSES = new Date(NOW.getTime() + 30 * DAY);
const SLUG = "vv-2027";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let keys = 0;

/** The worked example with the plan fact declared by the provider, so that a declaration earns the standaard opslag. */
function monitorDraft(mapping?: Record<string, unknown>): Record<string, unknown> {
  const draft = draftWithFacts();
  (draft.facts as Record<string, unknown>[])[0]!.source = "aanbieder";
  if (mapping) {
    const module = (draft.surcharges as Record<string, unknown>[]).find((s) => s.id === "complexe-zorg")!;
    module.mapping = mapping;
  }
  return draft;
}

const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };
const plan = { answers, capacity: 8, context: "Context", expertise: "Expertise" };

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW, monitorDraft());
  const row = loadKader(db, SLUG);
  db.insert(providerYearData)
    .values({ zorgkantoorId: demo.zorgkantoorId, providerId: linde(), year: row.year, volumes: { "4VV": "2000", "5VV": "1000" }, previousYearPercent: "97", updatedAt: NOW })
    .run();
});

afterEach(() => t.close());

const linde = () => demo.aanbieder.organisation!.id;
const request = (path: string) => new Request(`http://localhost${path}`);

function submitLinde(declarations: Record<string, boolean>, plans: Record<string, unknown> = {}) {
  const result = submit(demo.aanbieder, SLUG, { declarations, plans, attachments: [] } as never, `monitor-sleutel-${String(++keys).padStart(4, "0")}`, OPEN, db);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

function own(user: SessionUser = demo.aanbieder, now = OPEN): MonitorSubject {
  return requireOwnMonitor(request(`/kaders/${SLUG}/monitor`), user, SLUG, now, db);
}

function page(subject: MonitorSubject, query = "", now = OPEN) {
  return buildMonitorPage(request(`/kaders/${SLUG}/monitor${query}`), subject.viewer === "provider" ? demo.aanbieder : demo.inkoper, subject, new URLSearchParams(query), now, db);
}

async function statusOf(fn: () => unknown): Promise<number> {
  try {
    fn();
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 200;
}

describe("the provider's own monitor", () => {
  it("before submission: registry data, in words; every tariff the engine's, the waterfall adds up to it", () => {
    const subject = own();
    expect(subject.providerId).toBe(linde());
    const { page: p, status } = page(subject);
    expect(status).toBe(200);
    expect(p.view.basis).toBe("register");
    expect(p.view.phase.title).toBe("Voorlopig: op basis van uw registergegevens");
    expect(p.view.scoresNote).toMatch(/na de scoringsrun/);

    const engine = computeForProvider(db, loadPublishedKader(db, loadKader(db, SLUG))!, linde(), { withSubmissions: true })!;
    const regular = engine.result.lines.filter((l) => l.targetGroup === null);
    expect(p.view.prestaties.map((x) => [x.code, x.regular.tariff, x.regular.percent])).toEqual(regular.map((l) => [l.prestatie, l.tariff, l.percent]));
    // Plan fact missing: standaard refused, previous-year cap min(94, max(97, 94)) = 94.
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("94");
    expect(p.view.yearly).toEqual({ volumes: true, total: engine.result.budget!.byProvider[0]!.total });

    for (const x of p.view.prestaties) {
      const bars = x.regular.waterfall.bars;
      const total = bars.at(-1)!;
      expect(total).toMatchObject({ kind: "total", to: x.regular.tariff });
      // The last step ends exactly at the tariff; each step starts where the previous ended.
      expect(new D(bars.at(-2)!.to).eq(x.regular.tariff)).toBe(true);
      for (let i = 1; i < bars.length - 1; i++) expect(bars[i]!.from).toBe(bars[i - 1]!.to);
      expect(x.regular.trace.map((s) => s.text).join(" ")).toMatch(/Plan ingediend: ontbreekt, vereist = ja/);
    }
    const vv5 = p.view.prestaties.find((x) => x.code === "5VV")!;
    expect(vv5.yearlyAmount).toBe(new D(vv5.regular.tariff).times(1000).toFixed(2));
    expect(p.view.open.map((o) => o.text).join(" ")).toMatch(/nog niet verklaard\. Dien uw inschrijving in/);
  });

  it("after submission: its declarations count, its plan is being assessed", () => {
    submitLinde({ planIngediend: true, wzd: true }, { "complexe-zorg": { targetGroups: { parkinson: plan } } });
    const { page: p } = page(own());
    expect(p.view.basis).toBe("submission");
    expect(p.view.phase.title).toBe("Op basis van uw inschrijving");
    // Standaard +2: min(96, max(97, 94)) = 96.
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("96");
    expect(p.view.open.map((o) => o.text)).toContain("Plan voor Module complexe zorg V&V — Mensen met Parkinson: wordt beoordeeld.");
    const bars = p.view.prestaties.find((x) => x.code === "5VV")!.regular.waterfall.bars.map((b) => b.label);
    expect(bars).toContain("Standaard opslag bij ingediend plan");
  });

  it("a figure kept in memory never outlives a change in the database", () => {
    const before = page(own()).page;
    expect(page(own()).page.view).toEqual(before.view);
    submitLinde({ planIngediend: true, wzd: true });
    expect(page(own()).page.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("96");
    const row = loadKader(db, SLUG);
    db.insert(establishedFacts).values({ kaderId: row.id, providerId: linde(), factId: "planIngediend", kind: "corrected", value: false, note: null, setBy: demo.inkoper.id, setAt: OPEN }).run();
    expect(page(own()).page.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("94");
    // A commit by another connection to the same file counts too (SQLite's data_version).
    const other = new Database(t.file);
    other.prepare("UPDATE provider_year_data SET previous_year_percent = '95' WHERE provider_id = ?").run(linde());
    other.close();
    expect(page(own()).page.view.previousYearPercent).toBe("95");
  });

  it("shows both the declaration and the zorgkantoor's correction of it", () => {
    submitLinde({ planIngediend: true, wzd: true });
    const row = loadKader(db, SLUG);
    db.insert(establishedFacts).values({ kaderId: row.id, providerId: linde(), factId: "planIngediend", kind: "corrected", value: false, note: "Plan onvolledig", setBy: demo.inkoper.id, setAt: OPEN }).run();
    const { page: p } = page(own());
    expect(p.view.facts.find((f) => f.id === "planIngediend")).toMatchObject({ declared: "ja", established: { kind: "corrected", value: "nee", note: "Plan onvolledig" }, used: "nee" });
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("94");
  });

  it("aanbieder2 only ever gets its own organisation; a provider outside the regions and staff get 404", async () => {
    const subject = own(demo.aanbieder2);
    expect(subject.providerId).toBe(demo.aanbieder2.organisation!.id);
    // A provider named in the URL changes nothing: the subject is the actor's own organisation.
    const named = requireOwnMonitor(request(`/kaders/${SLUG}/monitor?agb=73730001&aanbieder=${linde()}`), demo.aanbieder2, SLUG, OPEN, db);
    expect(named.providerId).toBe(demo.aanbieder2.organisation!.id);
    const shown = buildMonitorPage(request("/"), demo.aanbieder2, named, new URLSearchParams(`agb=73730001&aanbieder=${linde()}`), OPEN, db).page;
    expect(JSON.stringify(shown)).not.toContain("De Linde");
    expect(JSON.stringify(shown)).not.toContain("73730001");
    const view = buildMonitorView(request("/"), demo.aanbieder2, subject, OPEN, db);
    expect(view.provider.name).toBe("Stichting Het Baken");
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    expect(await statusOf(() => own(other.provider))).toBe(404);
    expect(await statusOf(() => own(demo.inkoper))).toBe(404);
    expect(await statusOf(() => own(demo.beheerder))).toBe(404);
  });
});

describe("the waterfall", () => {
  it("shows the previous-year rule and the cap as their own steps and ends at the engine's tariff", () => {
    db.update(providerYearData).set({ previousYearPercent: "95" }).run();
    const published = loadPublishedKader(db, loadKader(db, SLUG))!;
    const scores = Object.assign(Object.create(null) as Record<string, string>, { visie: "10", aanpak: "10", expertise: "10", resultaat: "10" });
    const c = computeForProvider(db, published, linde(), {
      withSubmissions: true,
      overrides: { facts: new Map([["planIngediend", true]]), assessments: [{ module: "complexe-zorg", targetGroup: "parkinson", scores }] },
    })!;
    const line = c.result.lines.find((l) => l.prestatie === "5VV" && l.targetGroup === "parkinson")!;
    // 94 + 2 = 96, capped by last year's 95 (−1); + 6 (40 points) = 101, capped at 100 (−1).
    expect(line.percent).toBe("100");
    const { maximum, bars } = waterfallOf(line);
    expect(maximum).toBe("260");
    expect(bars.map((b) => [b.label, b.kind, b.percent])).toEqual([
      ["Niet-onderhandelbaar deel (NHC, NIC)", "start", null],
      ["Basistarief", "up", "94"],
      ["Standaard opslag bij ingediend plan", "up", "2"],
      ["Module complexe zorg V&V", "up", "6"],
      ["Vorig-jaarregel (plafond)", "down", "-1"],
      ["Begrensd op het maximum", "down", "-1"],
      ["Tarief", "total", "100"],
    ]);
    for (let i = 1; i < bars.length - 1; i++) expect(bars[i]!.from).toBe(bars[i - 1]!.to);
    expect(new D(bars.at(-2)!.to).eq(line.tariff)).toBe(true);
  });
});

describe("the monitor as PDF", () => {
  it("holds the phase, each prestatie's build-up and the yearly amount, in Dutch", async () => {
    const subject = own();
    const view = buildMonitorView(request("/"), demo.aanbieder, subject, OPEN, db);
    const res = await monitorPdfResponse(request("/"), demo.aanbieder, subject, OPEN, db);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toContain(`tariefmonitor-${SLUG}-73730001.pdf`);
    const text = execFileSync("pdftotext", ["-", "-"], { input: Buffer.from(await res.arrayBuffer()) }).toString("utf8");
    expect(text).toContain("Tariefmonitor Zorggroep De Linde");
    expect(text).toContain("Voorlopig: op basis van uw registergegevens");
    const vv5 = view.prestaties.find((x) => x.code === "5VV")!;
    expect(text).toContain(`Tarief € ${vv5.regular.tariff.replace(".", ",")} per dag`);
    expect(text).toContain("Basistarief");
    expect(text).toMatch(/Jaarbedrag 2026/);
    if (!view.yearly.volumes) throw new Error("expected volumes");
    expect(text).toContain(formatEuro(view.yearly.total));
  });
});

describe("the inkoper's view of one provider", () => {
  const inkoper = (agb: string, user: SessionUser = demo.inkoper, now = OPEN, slug = SLUG) =>
    requireInkoperMonitor(request(`/inkoop/kaders/${slug}/monitor/${agb}`), user, slug, agb, now, db);

  it("before the opening: registry figures only, and the page says so, even when the provider has submitted", () => {
    submitLinde({ planIngediend: true, wzd: true });
    const subject = inkoper("73730001");
    expect(subject.withSubmissions).toBe(false);
    const { page: p } = buildMonitorPage(request("/"), demo.inkoper, subject, new URLSearchParams(), OPEN, db);
    expect(p.view.basis).toBe("register");
    expect(p.view.phase.title).toBe("Alleen registergegevens");
    expect(p.view.phase.text).toMatch(/nog niet geopend/);
    expect(p.view.submission).toBeNull();
    expect(p.view.facts.find((f) => f.id === "planIngediend")!.declared).toBeNull();
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("94");
  });

  it("after the four-eyes opening: the submission counts", () => {
    submitLinde({ planIngediend: true, wzd: true });
    const inkoper2 = addUser(db, "tweede-inkoper@monitor.example", ["inkoper"], demo.zorgkantoorId, "x", NOW);
    const started = startOpening(demo.inkoper, SLUG, CLOSES, db);
    expect(started.ok).toBe(true);
    expect(confirmOpening(inkoper2, SLUG, new Date(CLOSES.getTime() + 60_000), db).ok).toBe(true);
    const after = new Date(CLOSES.getTime() + 120_000);
    const subject = inkoper("73730001", demo.inkoper, after);
    expect(subject.withSubmissions).toBe(true);
    const { page: p } = buildMonitorPage(request("/"), demo.inkoper, subject, new URLSearchParams(), after, db);
    expect(p.view.basis).toBe("submission");
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("96");
  });

  it("404 for an AGB outside the kader's regions, an unknown or malformed AGB, and another tenant's inkoper; 403 for an assessor, 404 for a provider", async () => {
    // A kader for DEMO-N only: Stichting Het Baken (DEMO-M) is not one of its providers.
    const north = "vv-noord-2027";
    prepareKader(db, demo.inkoper, { slug: north, now: NOW, regionIds: [demo.regionIds["DEMO-N"]], tableId: storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW), draft: monitorDraft() });
    publishOrThrow(db, demo.inkoper, north, windowFrom(NOW), NOW);
    const statusOfMonitor = (agb: string) => {
      const subject = inkoper(agb, demo.inkoper, OPEN, north);
      buildMonitorView(request("/"), demo.inkoper, subject, OPEN, db);
    };
    expect(await statusOf(() => statusOfMonitor("73730001"))).toBe(200);
    expect(await statusOf(() => statusOfMonitor("73730002"))).toBe(404);
    expect(await statusOf(() => inkoper("99999999"))).toBe(404);
    expect(await statusOf(() => inkoper("__proto__"))).toBe(404);
    const other = addSecondZorgkantoor(db, NOW, await passwordHash());
    expect(await statusOf(() => inkoper("73730001", other.inkoper))).toBe(404);
    expect(await statusOf(() => inkoper("73730001", demo.beoordelaar))).toBe(403);
    // A provider's user is refused by role in the route (requireRole); the service alone does not reveal the kader.
    expect(await statusOf(() => inkoper("73730001", demo.aanbieder))).toBe(404);
  });
});

describe("what-if", () => {
  const scores = (v: string, group = "parkinson") => ["visie", "aanpak", "expertise", "resultaat"].map((c) => `s/complexe-zorg/${group}/${c}=${v}`).join("&");

  it("a typed declaration and expected scores change the tariffs and the yearly amount, with the difference", () => {
    const { page: p, status } = page(own(), `?wat-als=1&f/planIngediend=ja&${scores("8")}`);
    expect(status).toBe(200);
    if (p.whatIf.state !== "ok") throw new Error(JSON.stringify(p.whatIf));
    const vv5 = p.whatIf.prestaties.find((x) => x.code === "5VV")!;
    const regular = vv5.lines.find((l) => l.targetGroup === null)!;
    expect(regular).toMatchObject({ percent: "96", current: { percent: "94", sameLine: true } });
    expect(regular.difference).toBe(new D(regular.tariff).minus(regular.current.tariff).toString());
    // 32 points → band from 28: +4 on the Parkinson line, new beside the regular one.
    const group = vv5.lines.find((l) => l.targetGroup === "parkinson")!;
    expect(group).toMatchObject({ percent: "100", current: { sameLine: false } });
    expect(p.whatIf.yearly!.difference).not.toBe("0");
    // The monitor itself is unchanged by a what-if.
    expect(p.view.prestaties.find((x) => x.code === "5VV")!.regular.percent).toBe("94");
  });

  it("without the marker nothing is computed, and the form shows the current declarations", () => {
    submitLinde({ planIngediend: true, wzd: true });
    const { page: p } = page(own(), "?f/planIngediend=nee");
    expect(p.whatIf.state).toBe("none");
    expect(p.form.values["f/planIngediend"]).toBe("ja");
  });

  it.each([
    ["a score off the scale", `?wat-als=1&${scores("8").replace("visie=8", "visie=5")}`, "s/complexe-zorg/parkinson/visie", /schaal 0, 2, 4, 6, 8, 10/],
    ["a partial plan", "?wat-als=1&s/complexe-zorg/parkinson/visie=8", "s/complexe-zorg/parkinson/aanpak", /elk criterium/],
    ["a fact of the wrong type", "?wat-als=1&f/planIngediend=misschien", "f/planIngediend", /ja, nee/],
    ["another declared fact (allowed)", "?wat-als=1&f/wzd=ja&f/planIngediend=ja", null, null],
    ["an unknown module", "?wat-als=1&s/onbekend/visie=8", "_form", /geen score opgeven/],
    ["a foreign key", "?wat-als=1&__proto__=1", "_form", /Onbekend veld „__proto__”/],
    ["a repeated field", "?wat-als=1&f/planIngediend=ja&f/planIngediend=nee", "f/planIngediend", /één keer/],
  ])("%s: a Dutch message at the field, 400, nothing computed", (_what, query, field, message) => {
    const { page: p, status } = page(own(), query);
    if (field === null) {
      // wzd is declared by the provider in this kader (source aanbieder): allowed.
      expect(status).toBe(200);
      return;
    }
    expect(status).toBe(400);
    if (p.whatIf.state !== "invalid") throw new Error("expected errors");
    expect(p.whatIf.errors[field]).toMatch(message!);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });

  it("a fact the zorgkantoor establishes is not a field of the what-if", () => {
    const draft = monitorDraft();
    (draft.facts as Record<string, unknown>[])[0]!.source = "zorgkantoor";
    const slug = "vv-zk-2027";
    prepareKader(db, demo.inkoper, { slug, now: NOW, regionIds: Object.values(demo.regionIds), tableId: storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW), draft });
    publishOrThrow(db, demo.inkoper, slug, windowFrom(NOW), NOW);
    const subject = requireOwnMonitor(request("/"), demo.aanbieder, slug, OPEN, db);
    const { page: p, status } = buildMonitorPage(request("/"), demo.aanbieder, subject, new URLSearchParams("wat-als=1&f/planIngediend=ja"), OPEN, db);
    expect(p.shape.facts.map((f) => f.id)).toEqual(["wzd"]);
    expect(status).toBe(400);
    expect(p.whatIf.state === "invalid" && p.whatIf.errors._form).toMatch(/Onbekend veld/);
  });

  it("offers only modules that apply to one of the provider's prestaties", () => {
    const { page: p } = page(own());
    // complexe-zorg applies to 5VV and 6VV; De Linde (VV) has both.
    expect(p.shape.slots.map((s) => [s.module, s.targetGroup, s.prestaties])).toEqual([
      ["complexe-zorg", "jonge-dementie", ["5VV", "6VV"]],
      ["complexe-zorg", "parkinson", ["5VV", "6VV"]],
    ]);
  });

  it("a relative module: an assumed field best, never another provider's points", () => {
    const slug = "vv-rel-2027";
    const draft = monitorDraft({ basis: "relative", bands: [{ from: 50, percent: 2 }, { from: 80, percent: 4 }] });
    prepareKader(db, demo.inkoper, { slug, now: NOW, regionIds: Object.values(demo.regionIds), tableId: storeTable(db, demo.zorgkantoorId, demo.inkoper, NOW), draft });
    publishOrThrow(db, demo.inkoper, slug, windowFrom(NOW), NOW);
    const subject = requireOwnMonitor(request("/"), demo.aanbieder, slug, OPEN, db);
    const run = (query: string) => buildMonitorPage(request("/"), demo.aanbieder, subject, new URLSearchParams(query), OPEN, db).page;
    const group = (p: ReturnType<typeof run>) => {
      if (p.whatIf.state !== "ok") throw new Error(JSON.stringify(p.whatIf));
      return p.whatIf.prestaties.find((x) => x.code === "5VV")!.lines.find((l) => l.targetGroup === "parkinson")!;
    };
    // 32 points; alone it is the best (R = 100 → +4), and the page says so.
    const alone = run(`wat-als=1&${scores("8")}`);
    expect(group(alone).percent).toBe("98");
    expect(alone.whatIf.state === "ok" && alone.whatIf.relativeWithoutBest).toEqual(["Module complexe zorg V&V — Mensen met Parkinson"]);
    // Assumed best 64: R = 50 → +2.
    expect(group(run(`wat-als=1&${scores("8")}&fb/complexe-zorg/parkinson=64`)).percent).toBe("96");
    const bad = buildMonitorPage(request("/"), demo.aanbieder, subject, new URLSearchParams(`wat-als=1&${scores("8")}&fb/complexe-zorg/parkinson=-3`), OPEN, db);
    expect(bad.status).toBe(400);
  });
});
