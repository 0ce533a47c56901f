import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { organisations, providerRegions, regions, userRoles, users } from "../../../db/schema";
import { ensureDemoData } from "../../../db/seed/demo";
import { DEMO_ACCOUNTS } from "../../../db/seed/demo-organisations";
import { ROLES } from "../../../db/schema/roles";
import { logIn } from "../../../app/auth/login.server";
import { createTestDb } from "../../helpers/test-db";
import { auditRows, rowCounts } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

const DEMO_PASSWORD = "demo-wachtwoord-voor-tests";

describe("ensureDemoData", () => {
  it("seeds one zorgkantoor with regions, twelve providers with valid AGB/KvK, and accounts for every role", async () => {
    const info = await ensureDemoData(db, { file: t.file, password: DEMO_PASSWORD });
    expect(info.seeded).toBe(true);
    const orgs = db.select().from(organisations).all();
    const zk = orgs.filter((o) => o.kind === "zorgkantoor");
    const providers = orgs.filter((o) => o.kind === "zorgaanbieder");
    expect(zk.map((o) => o.name)).toEqual(["Zorgkantoor Demo"]);
    expect(providers).toHaveLength(12);
    for (const p of providers) {
      expect(p.agbCode).toMatch(/^\d{8}$/);
      expect(p.kvkNumber).toMatch(/^\d{8}$/);
      expect(p.sectors.length).toBeGreaterThan(0);
    }
    expect(new Set(providers.map((p) => p.agbCode)).size).toBe(12);
    const regionRows = db.select().from(regions).all();
    expect(regionRows.length).toBeGreaterThanOrEqual(2);
    expect(regionRows.every((r) => r.zorgkantoorId === zk[0]!.id)).toBe(true);
    expect(db.select().from(providerRegions).all().length).toBeGreaterThanOrEqual(12);

    const roles = new Set(db.select({ role: userRoles.role }).from(userRoles).all().map((r) => r.role));
    expect([...roles].sort()).toEqual([...ROLES].sort());
    // purchaser accounts belong to the zorgkantoor, provider accounts to a provider
    for (const a of DEMO_ACCOUNTS) {
      const u = db.select().from(users).where(eq(users.email, a.email)).get()!;
      const org = u.organisationId ? orgs.find((o) => o.id === u.organisationId)! : null;
      if (a.roles.includes("zorgaanbieder")) expect(org?.kind).toBe("zorgaanbieder");
      else if (a.roles.some((r) => r === "inkoper" || r === "beoordelaar" || r === "jurist")) expect(org?.kind).toBe("zorgkantoor");
    }
    // seeding is audited (first, once; later demo content may add its own events), and the chain verifies
    const actions = auditRows(db).map((r) => r.action);
    expect(actions[0]).toBe("demo.seed");
    expect(actions.filter((a) => a === "demo.seed")).toHaveLength(1);
    expect(JSON.parse(auditRows(db)[0]!.payload)).toMatchObject({ organisations: 13, users: DEMO_ACCOUNTS.length });
    expect(verifyAuditChain(db).ok).toBe(true);
    // the printed logins name every account and the password
    const lines = info.describe().join("\n");
    for (const a of DEMO_ACCOUNTS) expect(lines).toContain(a.email);
    expect(lines).toContain(DEMO_PASSWORD);
  });

  it("lets every seeded account log in with DEMO_PASSWORD (and not with another password)", async () => {
    await ensureDemoData(db, { file: t.file, password: DEMO_PASSWORD });
    expect(DEMO_ACCOUNTS.length).toBeGreaterThanOrEqual(5);
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const outcome = await logIn(db, { email: a.email, password: DEMO_PASSWORD, address: `10.0.0.${i}` });
      expect(outcome.ok, a.email).toBe(true);
      if (outcome.ok) expect(outcome.user.roles).toEqual(expect.arrayContaining(a.roles));
    }
    expect((await logIn(db, { email: DEMO_ACCOUNTS[0]!.email, password: "iets anders", address: "10.1.1.1" })).ok).toBe(false);
  });

  it("is idempotent: a second run seeds nothing and writes no event", async () => {
    await ensureDemoData(db, { file: t.file, password: DEMO_PASSWORD });
    const before = rowCounts(db);
    const again = await ensureDemoData(db, { file: t.file, password: "een ander wachtwoord" });
    expect(again.seeded).toBe(false);
    expect(rowCounts(db)).toEqual(before);
    // the existing accounts keep the original password
    expect((await logIn(db, { email: DEMO_ACCOUNTS[0]!.email, password: DEMO_PASSWORD, address: "a" })).ok).toBe(true);
  });

  it("leaves a database that already has organisations alone", async () => {
    db.insert(organisations).values({ kind: "zorgkantoor", name: "Echt Zorgkantoor", createdAt: new Date() }).run();
    const before = rowCounts(db);
    expect((await ensureDemoData(db, { file: t.file, password: DEMO_PASSWORD })).seeded).toBe(false);
    expect(rowCounts(db)).toEqual(before);
  });

  it("without DEMO_PASSWORD generates a password, keeps it beside the database (mode 600) and prints it", async () => {
    const info = await ensureDemoData(db, { file: t.file });
    const file = path.join(path.dirname(t.file), "demo-password.txt");
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(info.describe().join("\n")).toContain(password);
    expect((await logIn(db, { email: DEMO_ACCOUNTS[0]!.email, password, address: "a" })).ok).toBe(true);
    // at the next start the same password is printed again
    expect((await ensureDemoData(db, { file: t.file })).describe().join("\n")).toContain(password);
  });
});
