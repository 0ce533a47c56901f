import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../../../app/auth/password.server";
import { createSession, describeUser, loadSessionUser } from "../../../app/auth/session.server";
import { loadUser, updateUser } from "../../../app/services/users.server";
import { auditEvents, organisations, users } from "../../../db/schema";
import { seedDemo } from "../../../db/seed/demo";
import { createTestDb } from "../../helpers/test-db";
import { passwordHash } from "./fixtures";

let t: ReturnType<typeof createTestDb>;

beforeEach(async () => {
  t = createTestDb();
  seedDemo(t.db, await passwordHash(), new Date());
});
afterEach(() => t.close());

const userId = (email: string) => t.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const orgId = (name: string) => t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()!.id;
const auditCount = () => t.db.select({ n: count() }).from(auditEvents).get()!.n;

describe("an administrator edits an account", () => {
  it("changes roles, ends the account's sessions and writes one audit event", async () => {
    const admin = describeUser(t.db, userId("beheerder@demo.zorginkoop.nl"))!;
    const target = userId("beoordelaar@demo.zorginkoop.nl");
    const { token } = createSession(t.db, target);
    const before = auditCount();
    const result = await updateUser(admin, target, { name: "Bram B.", roles: ["beoordelaar", "jurist"], organisationId: orgId("Zorgkantoor Demo") }, t.db);
    expect(result).toEqual({ ok: true });
    expect(loadUser(target, t.db)).toMatchObject({ name: "Bram B.", roles: expect.arrayContaining(["beoordelaar", "jurist"]) });
    expect(loadSessionUser(t.db, token)).toBeNull();
    expect(auditCount()).toBe(before + 1);
  });

  it("keeps sessions when only the name changes", async () => {
    const admin = describeUser(t.db, userId("beheerder@demo.zorginkoop.nl"))!;
    const target = userId("jurist@demo.zorginkoop.nl");
    const { token } = createSession(t.db, target);
    await updateUser(admin, target, { name: "Julia J.", roles: ["jurist"], organisationId: orgId("Zorgkantoor Demo") }, t.db);
    expect(loadSessionUser(t.db, token)?.name).toBe("Julia J.");
  });

  it("resets the password when one is given", async () => {
    const admin = describeUser(t.db, userId("beheerder@demo.zorginkoop.nl"))!;
    const target = userId("aanbieder@demo.zorginkoop.nl");
    await updateUser(admin, target, { name: "Anton", roles: ["zorgaanbieder"], organisationId: orgId("Zorggroep De Linde"), password: "een nieuw wachtwoord" }, t.db);
    const hash = t.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, target)).get()!.h;
    expect((await verifyPassword(hash, "een nieuw wachtwoord")).ok).toBe(true);
  });

  it("refuses a provider role at a zorgkantoor, and the administrator's own admin role, changing nothing", async () => {
    const admin = describeUser(t.db, userId("beheerder@demo.zorginkoop.nl"))!;
    const target = userId("inkoper@demo.zorginkoop.nl");
    const before = auditCount();
    const refused = await updateUser(admin, target, { name: "X", roles: ["zorgaanbieder"], organisationId: orgId("Zorgkantoor Demo") }, t.db);
    expect(refused.ok).toBe(false);
    const self = await updateUser(admin, admin.id, { name: "Bea", roles: ["inkoper"], organisationId: orgId("Zorgkantoor Demo") }, t.db);
    expect(self).toEqual({ ok: false, errors: { roles: "U kunt uw eigen beheerdersrol niet intrekken." } });
    expect(loadUser(target, t.db)).toMatchObject({ name: "Ingrid Inkoop", roles: ["inkoper"] });
    expect(auditCount()).toBe(before);
  });
});
