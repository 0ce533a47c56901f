// The engine inputs the tender builds from stored data (app/services/tender/inputs.server.ts):
// registry data alone when the viewer may not read submissions, the provider's declarations and
// plans when it may, the zorgkantoor's established facts over declarations, and a plan's final
// scores only once every criterion has one.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submit } from "../../../app/services/submissions/submissions.server";
import { engineProvider, loadTenderProviders, tenderInputs } from "../../../app/services/tender/inputs.server";
import { loadPreviewKader } from "../../../app/services/kaders/preview.server";
import type { Db } from "../../../db/client.server";
import { assessmentFinalScores, establishedFacts, kaderVersions, providerYearData } from "../../../db/schema";
import { computeTariffs, parseInputs, parseKader, type Kader, type Tariff } from "../../../scoring";
import { createTestDb } from "../../helpers/test-db";
import { DAY, loadKader, seedDemoOrganisations, type Demo } from "../kaders/fixtures";
import { publishSubmissionKader } from "../submissions/fixtures";

const NOW = new Date("2026-09-01T10:00:00.000Z");
const OPEN = new Date(NOW.getTime() + 2 * DAY);
const SLUG = "vv-2027";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;
let kader: Kader;
let tariffs: Tariff[];

const answers = { visie: "Visie", aanpak: "Aanpak", expertise: "Specialisten", resultaat: "Doelen" };

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  demo = await seedDemoOrganisations(db, NOW);
  publishSubmissionKader(db, demo, SLUG, NOW);
  const row = loadKader(db, SLUG);
  const version = db.select().from(kaderVersions).where(eq(kaderVersions.kaderId, row.id)).get()!;
  const parsed = parseKader(version.content);
  if (!parsed.ok) throw new Error("kader does not parse");
  kader = parsed.value;
  const preview = loadPreviewKader(db, row);
  if (preview.state !== "ok") throw new Error("no tariffs");
  tariffs = preview.tariffs;
  db.insert(providerYearData)
    .values({ zorgkantoorId: demo.zorgkantoorId, providerId: demo.aanbieder.organisation!.id, year: row.year, volumes: { "5VV": "1000" }, previousYearPercent: "97", updatedAt: NOW })
    .run();
  const result = submit(
    demo.aanbieder,
    SLUG,
    { declarations: { wzd: true }, plans: { "complexe-zorg": { targetGroups: { parkinson: { answers, capacity: 8, context: "Context", expertise: "Expertise" } } } }, attachments: [] },
    "inputs-sleutel-0001",
    OPEN,
    db,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
});

afterEach(() => t.close());

const linde = () => demo.aanbieder.organisation!.id;

function lindeProvider(withSubmissions: boolean) {
  const [p] = loadTenderProviders(db, loadKader(db, SLUG), kader, { withSubmissions, providerIds: [linde()] });
  return p!;
}

describe("the provider as the engine sees it", () => {
  it("without access to the submission: registry data only, every declared fact missing", () => {
    const p = lindeProvider(false);
    expect(p.submission).toBeNull();
    expect(p.plans).toEqual([]);
    expect(p.facts.map((f) => [f.fact.id, f.value])).toEqual([
      ["planIngediend", undefined],
      ["wzd", undefined],
    ]);
    const engine = engineProvider(tariffs, p);
    expect(engine).toMatchObject({ id: "73730001", previousYearPercent: "97", volumes: { "5VV": "1000" }, assessments: [] });
    expect(Object.keys(engine.facts!)).toEqual([]);
    // Only the prestaties of its sector (the test table holds VV only).
    expect(engine.prestaties).toEqual(["4VV", "5VV", "6VV"]);
  });

  it("with access: its declarations and plans; no assessment until every criterion has a final score", () => {
    const p = lindeProvider(true);
    expect(p.submission?.version).toBe(1);
    expect(p.plans).toEqual([{ module: "complexe-zorg", targetGroup: "parkinson" }]);
    expect(p.facts.find((f) => f.fact.id === "wzd")).toMatchObject({ declared: true, value: true });
    const row = loadKader(db, SLUG);
    const score = (criterionId: string, value: string) => ({
      kaderId: row.id, providerId: linde(), moduleId: "complexe-zorg", targetGroupId: "parkinson", criterionId, score: value,
      motivation: "Motivering", method: "consensus" as const, setBy: demo.inkoper.id, setAt: OPEN,
    });
    db.insert(assessmentFinalScores).values([score("visie", "8"), score("aanpak", "8"), score("expertise", "6")]).run();
    expect(lindeProvider(true).assessments).toEqual([]);
    db.insert(assessmentFinalScores).values(score("resultaat", "8")).run();
    expect(lindeProvider(true).assessments).toEqual([{ module: "complexe-zorg", targetGroup: "parkinson", scores: { visie: "8", aanpak: "8", expertise: "6", resultaat: "8" } }]);
  });

  it("an established fact and a corrected declaration override what the provider declared", () => {
    const row = loadKader(db, SLUG);
    db.insert(establishedFacts)
      .values([
        { kaderId: row.id, providerId: linde(), factId: "planIngediend", kind: "established", value: true, note: "Plan ontvangen", setBy: demo.inkoper.id, setAt: OPEN },
        { kaderId: row.id, providerId: linde(), factId: "wzd", kind: "corrected", value: false, note: "Niet in het register", setBy: demo.inkoper.id, setAt: OPEN },
      ])
      .run();
    const p = lindeProvider(true);
    expect(p.facts.find((f) => f.fact.id === "wzd")).toMatchObject({ declared: true, established: { kind: "corrected", value: false }, value: false });
    expect(engineProvider(tariffs, p).facts).toEqual({ planIngediend: true, wzd: false });
  });

  it("gives the engine a valid inputs document for every provider of the regions", () => {
    const providers = loadTenderProviders(db, loadKader(db, SLUG), kader, { withSubmissions: true });
    expect(providers.length).toBeGreaterThan(2);
    const parsed = parseInputs(tenderInputs(kader, tariffs, providers), kader);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const result = computeTariffs(kader, parsed.value, { provider: "73730001" });
    // planIngediend is missing: the standaard opslag is refused, previous-year cap min(94, max(97, 94)).
    expect(result.lines.find((l) => l.prestatie === "5VV" && l.targetGroup === null)).toMatchObject({ percent: "94" });
  });
});

describe("one provider's live computation", () => {
  it("is based on the registry without access and on the submission with it; scores count only when the caller supplies them", async () => {
    const { computeForProvider, loadPublishedKader } = await import("../../../app/services/tender/provider-result.server");
    const published = loadPublishedKader(db, loadKader(db, SLUG))!;
    const row = loadKader(db, SLUG);
    for (const criterionId of ["visie", "aanpak", "expertise", "resultaat"])
      db.insert(assessmentFinalScores)
        .values({ kaderId: row.id, providerId: linde(), moduleId: "complexe-zorg", targetGroupId: "parkinson", criterionId, score: "10", motivation: "M", method: "consensus", setBy: demo.inkoper.id, setAt: OPEN })
        .run();
    const sealed = computeForProvider(db, published, linde(), { withSubmissions: false })!;
    expect(sealed.basis).toBe("register");
    expect(sealed.result.lines.every((l) => l.targetGroup === null)).toBe(true);
    const own = computeForProvider(db, published, linde(), { withSubmissions: true })!;
    expect(own.basis).toBe("submission");
    expect(own.inputs.providers[0]!.assessments).toEqual([]);
    const expected = computeForProvider(db, published, linde(), {
      withSubmissions: true,
      overrides: { facts: new Map([["planIngediend", true]]), assessments: [{ module: "complexe-zorg", targetGroup: "parkinson", scores: { visie: "10", aanpak: "10", expertise: "10", resultaat: "10" } }] },
    })!;
    // 94 + 2 standaard (cap at max(97, 94) leaves 96) + 6 for 40 points = 102, capped at 100.
    expect(expected.result.lines.find((l) => l.prestatie === "5VV" && l.targetGroup === "parkinson")).toMatchObject({ percent: "100", tariff: "260.00" });
    // A provider outside the kader's regions (none of the demo's GGZ providers is outside; use an unknown id).
    expect(computeForProvider(db, published, 999_999, { withSubmissions: true })).toBeNull();
  });
});
