// Walkthrough finding: a newcomer must be able to try the import fixtures on the demo as they are.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProviderRegistry } from "../../../app/services/registry.server";
import { importTariffTable } from "../../../app/services/tariff-tables.server";
import type { Db } from "../../../db/client.server";
import { ensureDemoData } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { demoActors, PASSWORD, ROOT, type Demo } from "../kaders/fixtures";

const fixture = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, "tests/fixtures/imports", name))) });

let t: ReturnType<typeof createTestDb>;
let db: Db;
let demo: Demo;

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  await ensureDemoData(db, { file: t.file, password: PASSWORD });
  demo = demoActors(db);
});

afterAll(() => t.close());

describe("the import fixtures on the demo", () => {
  it("the provider registry imports as it is: three providers created, nothing refused", async () => {
    const result = await importProviderRegistry(demo.inkoper, { year: 2027, file: fixture("zorgaanbieders-voorbeeld.csv") }, db);
    expect(result).toEqual({ ok: true, created: 3, linked: 0, differences: [] });
  });

  it("the tariff table imports as it is", async () => {
    const result = await importTariffTable(demo.inkoper, { year: 2027, note: null, file: fixture("nza-tarieven-2026-voorbeeld.csv") }, db);
    expect(result.ok).toBe(true);
  });
});
