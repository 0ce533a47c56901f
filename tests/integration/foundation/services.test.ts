import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../db/audit.server";
import type { Db } from "../../../db/client.server";
import { organisations, providerRegions, regions, userRoles, users, type Role } from "../../../db/schema";
import { logIn } from "../../../app/auth/login.server";
import type { SessionUser } from "../../../app/auth/session.server";
import { createOrganisation, createRegion, listOrganisations, type OrganisationInput } from "../../../app/services/organisations.server";
import { createUser, listUsers, type NewUserInput } from "../../../app/services/users.server";
import { createTestDb } from "../../helpers/test-db";
import { addOrganisation, addUser, auditCount, auditRows, rowCounts } from "./fixtures";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let admin: SessionUser;
let zorgkantoor: number;
let provider: number;
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  admin = await addUser(db, { email: "admin@zk.example", roles: ["beheerder"] });
  zorgkantoor = addOrganisation(db, "zorgkantoor", "Zorgkantoor Test");
  provider = addOrganisation(db, "zorgaanbieder", "Aanbieder Test", "12345670");
});
afterEach(() => t.close());

const input = (over: Partial<NewUserInput>): NewUserInput => ({
  email: "nieuw@zk.example",
  name: "Nieuwe Gebruiker",
  roles: ["inkoper"],
  organisationId: null,
  password: "een goed wachtwoord",
  ...over,
});

/** Runs a call that must be refused, and checks it changed nothing at all. */
async function expectRefusedUnchanged<T>(call: () => T | Promise<T>): Promise<T> {
  const before = rowCounts(db);
  const result = await call();
  expect(rowCounts(db)).toEqual(before);
  return result;
}

describe("createUser: roles against the organisation's kind", () => {
  const ok: [string, Role[], "zk" | "prov" | null][] = [
    ["an inkoper at a zorgkantoor", ["inkoper"], "zk"],
    ["a beoordelaar and jurist at a zorgkantoor", ["beoordelaar", "jurist"], "zk"],
    ["a zorgaanbieder at a provider", ["zorgaanbieder"], "prov"],
    ["a pure beheerder without organisation", ["beheerder"], null],
  ];
  for (const [what, roles, org] of ok) {
    it(`creates ${what}, with exactly one user.create event`, async () => {
      const organisationId = org === "zk" ? zorgkantoor : org === "prov" ? provider : null;
      const result = await createUser(admin, input({ roles, organisationId }), db);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const row = db.select().from(users).where(eq(users.id, result.id)).get()!;
      expect(row).toMatchObject({ email: "nieuw@zk.example", organisationId, disabledAt: null });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain("een goed wachtwoord");
      expect(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, result.id)).all().map((r) => r.role).sort()).toEqual([...roles].sort());
      const events = auditRows(db);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "user.create", actorUserId: admin.id, entityType: "user", entityId: String(result.id) });
      expect(events[0]!.payload).not.toContain("een goed wachtwoord");
      expect(verifyAuditChain(db).ok).toBe(true);
      // and the new account can log in
      expect((await logIn(db, { email: "nieuw@zk.example", password: "een goed wachtwoord", address: "a" })).ok).toBe(true);
    });
  }

  const refused: [string, Role[], "zk" | "prov" | "missing" | null, string, RegExp][] = [
    ["an inkoper without organisation", ["inkoper"], null, "organisationId", /zorgkantoor/],
    ["an inkoper at a provider", ["inkoper"], "prov", "organisationId", /zorgkantoor/],
    ["a jurist at a provider", ["jurist"], "prov", "organisationId", /zorgkantoor/],
    ["a zorgaanbieder at a zorgkantoor", ["zorgaanbieder"], "zk", "organisationId", /zorgaanbieder/],
    ["a zorgaanbieder without organisation", ["zorgaanbieder"], null, "organisationId", /zorgaanbieder/],
    ["an inkoper who is also zorgaanbieder", ["inkoper", "zorgaanbieder"], "zk", "roles", /niet beide/],
    ["a beoordelaar who is also zorgaanbieder", ["beoordelaar", "zorgaanbieder"], "prov", "roles", /niet beide/],
    ["anyone at an organisation that does not exist", ["beheerder"], "missing", "organisationId", /bestaande organisatie/],
  ];
  for (const [what, roles, org, field, message] of refused) {
    it(`refuses ${what} with a Dutch message on ${field}, changing nothing`, async () => {
      const organisationId = org === "zk" ? zorgkantoor : org === "prov" ? provider : org === "missing" ? 9999 : null;
      const result = await expectRefusedUnchanged(() => createUser(admin, input({ roles, organisationId }), db));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(Object.keys(result.errors)).toEqual([field]);
      expect(result.errors[field]).toMatch(message);
      expect(auditCount(db)).toBe(0);
    });
  }
});

describe("createUser: duplicates", () => {
  it("refuses a second account with the same e-mail address, changing nothing", async () => {
    expect((await createUser(admin, input({ organisationId: zorgkantoor }), db)).ok).toBe(true);
    const result = await expectRefusedUnchanged(() => createUser(admin, input({ organisationId: zorgkantoor, name: "Ander" }), db));
    expect(result).toEqual({ ok: false, errors: { email: "Er is al een account met dit e-mailadres." } });
    expect(auditCount(db)).toBe(1);
  });

  it("refuses the e-mail address of an existing (seeded) account", async () => {
    const result = await expectRefusedUnchanged(() => createUser(admin, input({ email: "admin@zk.example", roles: ["beheerder"] }), db));
    expect(result.ok).toBe(false);
  });

  it("stores a role given twice only once", async () => {
    const result = await createUser(admin, input({ roles: ["inkoper", "inkoper"], organisationId: zorgkantoor }), db);
    if (!result.ok) throw new Error("refused");
    expect(db.select().from(userRoles).where(eq(userRoles.userId, result.id)).all()).toHaveLength(1);
    expect(listUsers(db).find((u) => u.id === result.id)).toMatchObject({ roles: ["inkoper"], organisation: "Zorgkantoor Test", disabled: false });
  });
});

describe("createOrganisation and createRegion", () => {
  const providerInput = (over: Partial<Extract<OrganisationInput, { kind: "zorgaanbieder" }>> = {}): OrganisationInput => ({
    kind: "zorgaanbieder",
    name: "Nieuwe Aanbieder",
    agbCode: "87654321",
    kvkNumber: "11223344",
    sectors: ["VV"],
    regionIds: [],
    ...over,
  });

  it("creates a zorgkantoor with one organisation.create event", () => {
    const before = auditCount(db);
    const result = createOrganisation(admin, { kind: "zorgkantoor", name: "Zorgkantoor Oost" }, db);
    if (!result.ok) throw new Error("refused");
    expect(db.select().from(organisations).where(eq(organisations.id, result.id)).get()).toMatchObject({ kind: "zorgkantoor", agbCode: null, kvkNumber: null });
    expect(auditCount(db)).toBe(before + 1);
    expect(auditRows(db).at(-1)).toMatchObject({ action: "organisation.create", actorUserId: admin.id, entityId: String(result.id) });
  });

  it("creates a provider with its regions and one event", () => {
    const r1 = createRegion(admin, { zorgkantoorId: zorgkantoor, code: "R-1", name: "Regio Een" }, db);
    if (!r1.ok) throw new Error("refused");
    const before = auditCount(db);
    const result = createOrganisation(admin, providerInput({ regionIds: [r1.id, r1.id] }), db);
    if (!result.ok) throw new Error("refused");
    expect(db.select().from(providerRegions).where(eq(providerRegions.providerId, result.id)).all()).toEqual([{ providerId: result.id, regionId: r1.id }]);
    expect(auditCount(db)).toBe(before + 1);
    expect(listOrganisations(db).find((o) => o.id === result.id)).toMatchObject({ sectors: ["VV"], regions: ["R-1"] });
  });

  it("refuses a second provider with the same AGB code, changing nothing", async () => {
    const result = await expectRefusedUnchanged(() => createOrganisation(admin, providerInput({ agbCode: "12345670" }), db));
    expect(result).toEqual({ ok: false, errors: { agbCode: "Er is al een zorgaanbieder met deze AGB-code." } });
  });

  it("refuses unknown regions, changing nothing", async () => {
    const result = await expectRefusedUnchanged(() => createOrganisation(admin, providerInput({ regionIds: [4242] }), db));
    expect(result).toEqual({ ok: false, errors: { regionIds: "Kies bestaande regio's." } });
  });

  it("creates a region with one region.create event", () => {
    const before = auditCount(db);
    const result = createRegion(admin, { zorgkantoorId: zorgkantoor, code: "NOORD", name: "Noord" }, db);
    if (!result.ok) throw new Error("refused");
    expect(db.select().from(regions).where(eq(regions.id, result.id)).get()).toMatchObject({ code: "NOORD", zorgkantoorId: zorgkantoor });
    expect(auditCount(db)).toBe(before + 1);
  });

  it("refuses a region under a provider or a missing organisation, and a duplicate code, changing nothing", async () => {
    expect(await expectRefusedUnchanged(() => createRegion(admin, { zorgkantoorId: provider, code: "X-1", name: "X" }, db))).toEqual({
      ok: false,
      errors: { zorgkantoorId: "Kies een bestaand zorgkantoor." },
    });
    expect(await expectRefusedUnchanged(() => createRegion(admin, { zorgkantoorId: 9999, code: "X-1", name: "X" }, db))).toMatchObject({ ok: false });
    createRegion(admin, { zorgkantoorId: zorgkantoor, code: "DUP", name: "Eerste" }, db);
    expect(await expectRefusedUnchanged(() => createRegion(admin, { zorgkantoorId: zorgkantoor, code: "DUP", name: "Tweede" }, db))).toEqual({
      ok: false,
      errors: { code: "Deze regiocode bestaat al." },
    });
  });
});
