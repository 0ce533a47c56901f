import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { auditEvents, organisations, ROLES, userRoles, users, type Role } from "../../db/schema";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password.server";
import { PURCHASER_ROLES } from "../auth/permissions";
import { revokeUserSessions, type SessionUser } from "../auth/session.server";
import type { FieldErrors } from "../lib/forms";
import { getDb } from "./db.server";

const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const newUserSchema = z.object({
  email: z
    .string({ error: "Vul het e-mailadres in." })
    .trim()
    .toLowerCase()
    .max(254, "Dit e-mailadres is te lang.")
    .pipe(z.email("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")),
  name: z.string({ error: "Vul de naam in." }).trim().min(2, "Vul de naam in (minstens 2 tekens).").max(200, "De naam is te lang."),
  roles: z.preprocess(asList, z.array(z.enum(ROLES, "Kies een bestaande rol.")).min(1, "Kies minstens één rol.")),
  organisationId: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number().int().positive().nullable(),
  ),
  password: z
    .string({ error: "Vul een wachtwoord in." })
    .min(MIN_PASSWORD_LENGTH, `Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben.`)
    .max(200, "Het wachtwoord is te lang."),
});

export type NewUserInput = z.output<typeof newUserSchema>;

export function listUsers(db: Db = getDb()) {
  const rows = db
    .select({ user: users, organisation: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.email))
    .all();
  const roles = db.select().from(userRoles).all();
  return rows.map(({ user, organisation }) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    organisation,
    disabled: user.disabledAt !== null,
    roles: roles.filter((r) => r.userId === user.id).map((r) => r.role),
  }));
}

/** A role belongs to a kind of organisation: purchaser roles to a zorgkantoor, zorgaanbieder to a provider. */
function checkRolesAgainstOrganisation(db: Db, roles: Role[], organisationId: number | null): FieldErrors | null {
  const org = organisationId === null ? null : db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
  if (organisationId !== null && !org) return { organisationId: "Kies een bestaande organisatie." };
  const purchaser = roles.some((r) => PURCHASER_ROLES.includes(r));
  const provider = roles.includes("zorgaanbieder");
  if (purchaser && provider) return { roles: "Een account is óf van een zorgkantoor óf van een zorgaanbieder, niet beide." };
  if (purchaser && org?.kind !== "zorgkantoor") return { organisationId: "Inkopers, beoordelaars en juristen horen bij een zorgkantoor." };
  if (provider && org?.kind !== "zorgaanbieder") return { organisationId: "Een zorgaanbieder-account hoort bij een zorgaanbieder." };
  return null;
}

export async function createUser(
  actor: SessionUser,
  input: NewUserInput,
  db: Db = getDb(),
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const roleErrors = checkRolesAgainstOrganisation(db, input.roles, input.organisationId);
  if (roleErrors) return { ok: false, errors: roleErrors };
  if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
    return { ok: false, errors: { email: "Er is al een account met dit e-mailadres." } };
  }
  const passwordHash = await hashPassword(input.password);
  // Re-checked inside the transaction: the hash took time and another admin may have been quicker.
  return db.transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
        return { ok: false as const, errors: { email: "Er is al een account met dit e-mailadres." } };
      }
      const row = tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, organisationId: input.organisationId, createdAt: new Date() })
        .returning({ id: users.id })
        .get();
      for (const role of new Set(input.roles)) tx.insert(userRoles).values({ userId: row.id, role }).run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        payload: { email: input.email, name: input.name, roles: [...new Set(input.roles)], organisationId: input.organisationId },
        organisationIds: input.organisationId ? [input.organisationId] : [],
      });
      return { ok: true as const, id: row.id };
    },
    { behavior: "immediate" },
  );
}

/** Disabling revokes every session of the account at once. */
export function setUserDisabled(
  actor: SessionUser,
  userId: number,
  disabled: boolean,
  db: Db = getDb(),
): { ok: true } | { ok: false; error: string } {
  if (userId === actor.id && disabled) return { ok: false, error: "U kunt uw eigen account niet blokkeren." };
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return { ok: false, error: "Dit account bestaat niet." };
  if ((user.disabledAt !== null) === disabled) return { ok: true };
  db.transaction(
    (tx) => {
      const now = new Date();
      tx.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, userId)).run();
      if (disabled) revokeUserSessions(tx, userId, now);
      appendAudit(tx, { actorUserId: actor.id, action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: userId, payload: { email: user.email }, organisationIds: user.organisationId ? [user.organisationId] : [] });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

export const editUserSchema = z.object({
  name: newUserSchema.shape.name,
  roles: newUserSchema.shape.roles,
  organisationId: newUserSchema.shape.organisationId,
  password: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Het wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben.`)
      .max(200, "Het wachtwoord is te lang.")
      .optional(),
  ),
});

export type EditUserInput = z.output<typeof editUserSchema>;

export function loadUser(userId: number, db: Db = getDb()) {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const roles = db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role);
  return { id: user.id, email: user.email, name: user.name, organisationId: user.organisationId, roles, disabled: user.disabledAt !== null };
}

/**
 * Changes a user's name, roles, organisation and (optionally) password. A change of roles,
 * organisation or password ends the user's sessions, so new rights start with a new login.
 */
export async function updateUser(
  actor: SessionUser,
  userId: number,
  input: EditUserInput,
  db: Db = getDb(),
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const current = loadUser(userId, db);
  if (!current) return { ok: false, errors: { _form: "Dit account bestaat niet." } };
  const roleErrors = checkRolesAgainstOrganisation(db, input.roles, input.organisationId);
  if (roleErrors) return { ok: false, errors: roleErrors };
  if (userId === actor.id && !input.roles.includes("beheerder")) {
    return { ok: false, errors: { roles: "U kunt uw eigen beheerdersrol niet intrekken." } };
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const roles = [...new Set(input.roles)];
  const rightsChanged =
    passwordHash !== null ||
    current.organisationId !== input.organisationId ||
    roles.length !== current.roles.length ||
    roles.some((r) => !current.roles.includes(r));
  db.transaction(
    (tx) => {
      tx.update(users)
        .set({ name: input.name, organisationId: input.organisationId, ...(passwordHash ? { passwordHash } : {}) })
        .where(eq(users.id, userId))
        .run();
      tx.delete(userRoles).where(eq(userRoles.userId, userId)).run();
      for (const role of roles) tx.insert(userRoles).values({ userId, role }).run();
      if (rightsChanged) revokeUserSessions(tx, userId);
      appendAudit(tx, {
        actorUserId: actor.id,
        action: "user.update",
        entityType: "user",
        entityId: userId,
        payload: { name: input.name, roles, organisationId: input.organisationId, passwordReset: passwordHash !== null, sessionsRevoked: rightsChanged },
        // A move between organisations concerns both.
        organisationIds: [current.organisationId, input.organisationId].filter((id): id is number => id !== null),
      });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

/** How long after an action its success message is still shown (the page after the redirect). */
const NOTICE_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * The success message after an administrator's action on an account, read from the audit trail
 * rather than from the URL: a link someone crafted cannot make the page claim that something
 * happened. Only the newest event about the account counts, and only if this administrator did it.
 */
export function describeRecentUserAction(actor: SessionUser, userId: number, db: Db = getDb(), now = new Date()): string | null {
  const user = db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const event = db
    .select({ at: auditEvents.at, actorUserId: auditEvents.actorUserId, action: auditEvents.action, payload: auditEvents.payload })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, String(userId))))
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .get();
  if (!event || event.actorUserId !== actor.id) return null;
  const age = now.getTime() - Date.parse(event.at);
  if (!(age >= 0 && age <= NOTICE_MAX_AGE_MS)) return null;
  const who = `${user.name} (${user.email})`;
  switch (event.action) {
    case "user.create":
      return `Het account van ${who} is aangemaakt. Geef het startwachtwoord via een veilige weg door.`;
    case "user.update": {
      const payload = JSON.parse(event.payload) as { sessionsRevoked?: boolean };
      return payload.sessionsRevoked
        ? `De wijzigingen voor ${who} zijn bewaard. De sessies van dit account zijn beëindigd; de nieuwe rechten gelden na opnieuw inloggen.`
        : `De wijzigingen voor ${who} zijn bewaard.`;
    }
    case "user.disable":
      return `Het account van ${who} is geblokkeerd. Alle sessies van dit account zijn beëindigd; inloggen kan niet meer.`;
    case "user.enable":
      return `Het account van ${who} is gedeblokkeerd. Inloggen kan weer met het bestaande wachtwoord.`;
    default:
      return null;
  }
}
