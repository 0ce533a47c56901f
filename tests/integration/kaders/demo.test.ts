// The demo (issue 4): an empty database started with ensureDemoData has the published demo
// kader demo-vv-2026 (the worked example of shared/examples), open now, on an illustrative tariff
// table equal to demo-inputs.yaml, with the registry filled; a second start changes nothing.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kaderAudience, requireKader } from "../../../app/services/kaders/access.server";
import { loadPublicView } from "../../../app/services/kaders/overview.server";
import { contentHash, currentPhase, kaderRegionIds, listKadersForProvider, listVersions } from "../../../app/services/kaders/store.server";
import { registeredProviders } from "../../../app/services/registry.server";
import { listTariffTables, tariffsForScoring } from "../../../app/services/tariff-tables.server";
import type { Db } from "../../../db/client.server";
import { kaderBreakevenTests, organisations } from "../../../db/schema";
import { ensureDemoData } from "../../../db/seed/demo";
import { DEMO_PROVIDERS } from "../../../db/seed/demo-organisations";
import { parseDocument, parseInputs, parseKader, score } from "../../../scoring";
import { createTestDb } from "../../helpers/test-db";
import { auditActions, DAY, demoActors, HOUR, loadKader, PASSWORD, request, rowCounts, SHARED_EXAMPLES, type Demo } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let now: Date;
let demo: Demo;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  now = new Date();
  const info = await ensureDemoData(db, { file: t.file, password: PASSWORD, now });
  expect(info.seeded).toBe(true);
  demo = demoActors(db);
});

afterEach(() => t.close());

function readExample(name: string): unknown {
  const doc = parseDocument(fs.readFileSync(path.join(SHARED_EXAMPLES, name), "utf8"));
  if (!doc.ok) throw new Error(`${name} does not parse`);
  return doc.value;
}

describe("the demo kader", () => {
  it("is published with its reële-tarieventoets, run on the illustrative accounts at the default assumptions", () => {
    const kader = loadKader(db, "demo-vv-2026");
    const [version] = listVersions(db, kader.id);
    const test = db.select().from(kaderBreakevenTests).where(eq(kaderBreakevenTests.kaderVersionId, version!.id)).get();
    expect(test, "the demo's published version has a stored test").toBeDefined();
    // At 0 % cost indexation the illustrative accounts pass at 94 %: no justification needed.
    expect(test).toMatchObject({ passes: true, justification: null, share: "89.74", breakEven: "92.76" });
  });

  it("is published as version 1, open now, for all demo regions, built on shared/examples/demo-kader.yaml", () => {
    const kader = loadKader(db, "demo-vv-2026");
    expect(kader.zorgkantoorId).toBe(demo.zorgkantoorId);
    expect(kader.phase).toBe("gepubliceerd");
    expect(currentPhase(db, kader, now)).toBe("open");
    expect(currentPhase(db, kader, new Date(now.getTime() + 27 * DAY))).toBe("open");
    expect(currentPhase(db, kader, new Date(now.getTime() + 28 * DAY))).toBe("gesloten");
    expect(kaderRegionIds(db, kader.id).sort()).toEqual(Object.values(demo.regionIds).sort());

    const versions = listVersions(db, kader.id);
    expect(versions).toHaveLength(1);
    const v1 = versions[0]!;
    expect(v1.number).toBe(1);
    expect(v1.opensAt.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(v1.closesAt.getTime()).toBeGreaterThan(now.getTime());
    expect(v1.questionsUntil.getTime()).toBeGreaterThan(now.getTime());
    expect(v1.questionsUntil.getTime()).toBeLessThanOrEqual(v1.closesAt.getTime());
    const example = parseKader(readExample("demo-kader.yaml"));
    expect(example.ok).toBe(true);
    // The worked example, plus the declaration of its fact and its assessment method.
    if (example.ok) {
      const { facts, assessment, ...rest } = v1.content as typeof example.value;
      expect(rest).toEqual(example.value);
      expect(facts?.map((f) => [f.id, f.label, f.source])).toEqual([["planIngediend", "Plan van aanpak kernelementen ingediend", "aanbieder"]]);
      expect(assessment).toEqual({ assessors: 2, decides: "consensus" });
    }
    expect(v1.contentHash).toBe(contentHash(v1.content));
    expect(auditActions(db, "kader.publish")).toHaveLength(1);
  });

  it("scores demo-inputs.yaml to demo-result.json (the published content is the worked example)", () => {
    const v1 = listVersions(db, loadKader(db, "demo-vv-2026").id)[0]!;
    const expected = JSON.parse(fs.readFileSync(path.join(SHARED_EXAMPLES, "demo-result.json"), "utf8")) as { lines: unknown[]; budget: unknown };
    const result = score(v1.content, readExample("demo-inputs.yaml"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines.map(({ provider, prestatie, targetGroup, percent, tariff }) => ({ provider, prestatie, targetGroup, percent, tariff }))).toEqual(expected.lines);
  });

  it("uses an illustrative tariff table whose 4VV, 5VV and 6VV equal demo-inputs.yaml", () => {
    const v1 = listVersions(db, loadKader(db, "demo-vv-2026").id)[0]!;
    const tables = listTariffTables(demo.zorgkantoorId, db);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ id: v1.tariffTableId, year: 2026, version: 1 });
    expect(tables[0]!.note).toMatch(/[Ii]llustratie/);
    expect(loadKader(db, "demo-vv-2026").tariffTableId).toBe(v1.tariffTableId);

    const inputs = parseInputs(readExample("demo-inputs.yaml"));
    expect(inputs.ok).toBe(true);
    if (!inputs.ok) return;
    const seeded = new Map(tariffsForScoring(v1.tariffTableId, db).map((r) => [r.code, r]));
    expect(inputs.value.tariffs.map((r) => r.code)).toEqual(["4VV", "5VV", "6VV"]);
    for (const expected of inputs.value.tariffs) {
      const row = seeded.get(expected.code);
      expect(row, expected.code).toBeDefined();
      expect({ code: row!.code, sector: row!.sector, unit: row!.unit, max: row!.max, components: row!.components }).toEqual({
        code: expected.code,
        sector: expected.sector,
        unit: expected.unit,
        max: expected.max,
        components: expected.components,
      });
      // Every amount is marked as illustrative where it is shown.
      expect(row!.label).toMatch(/illustratief/);
    }
  });

  it("has registry volumes for the year for every V&V provider, and none for the others", () => {
    const providers = registeredProviders(db, { zorgkantoorId: demo.zorgkantoorId, year: 2026, regionIds: Object.values(demo.regionIds) });
    expect(providers).toHaveLength(DEMO_PROVIDERS.length);
    for (const p of DEMO_PROVIDERS) {
      const listed = providers.find((x) => x.agbCode === p.agbCode)!;
      if (p.sectors.includes("VV")) expect(Object.keys(listed.volumes).length, p.name).toBeGreaterThan(0);
      else expect(listed.volumes, p.name).toEqual({});
    }
    // The figures of demo-inputs.yaml's providers A and B (De Linde and Het Baken).
    expect(providers.find((x) => x.agbCode === "73730001")).toMatchObject({ volumes: { "4VV": "3650", "5VV": "1825", "6VV": "730" }, previousYearPercent: "97" });
    expect(providers.find((x) => x.agbCode === "73730002")).toMatchObject({ volumes: { "4VV": "1000", "5VV": "500" }, previousYearPercent: "95" });
  });

  it("is seen by aanbieder@demo.zorginkoop.nl (and aanbieder2), in the provider list and the public view", () => {
    const kader = loadKader(db, "demo-vv-2026");
    for (const provider of [demo.aanbieder, demo.aanbieder2]) {
      expect(listKadersForProvider(provider.organisation!.id, db).map((k) => k.slug)).toEqual(["demo-vv-2026"]);
      expect(kaderAudience(db, provider, kader)).toBe("provider");
      expect(requireKader(request("/kaders/demo-vv-2026"), provider, "demo-vv-2026", { db }).audience).toBe("provider");
    }
    const view = loadPublicView(kader, { providerId: demo.aanbieder.organisation!.id }, db, new Date(now.getTime() + HOUR));
    expect(view).toMatchObject({ slug: "demo-vv-2026", title: "Inkoopkader V&V 2026 (voorbeeld)", year: 2026, phase: "open", questionsOpen: true, notices: [], ownQuestions: [] });
    expect(view.versions).toHaveLength(1);
    expect(view.regionNames).toHaveLength(3);
  });

  it("a second ensureDemoData changes nothing", async () => {
    const tables = Object.keys(rowCounts(db));
    const snapshot = () => Object.fromEntries(tables.map((n) => [n, db.$client.prepare(`SELECT * FROM "${n}" ORDER BY rowid`).all()]));
    const before = snapshot();
    const info = await ensureDemoData(db, { file: t.file, password: PASSWORD, now: new Date(now.getTime() + DAY) });
    expect(info.seeded).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(db.select().from(organisations).where(eq(organisations.kind, "zorgkantoor")).all()).toHaveLength(1);
  });

  it("does not write a password file when the password is given", () => {
    expect(fs.existsSync(path.join(path.dirname(t.file), "demo-password.txt"))).toBe(false);
  });
});
