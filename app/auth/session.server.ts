import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { preparedOnce } from "../../db/prepared.server";
import { organisations, sessions, userRoles, users, type Role } from "../../db/schema";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

const isDevelopment = () => process.env.NODE_ENV === "development" || process.env.NODE_ENV === "test";

/** `__Host-` requires Secure and no Domain; in development (plain http) we drop both. */
export function sessionCookieName(): string {
  return isDevelopment() ? "zk_session" : "__Host-zk_session";
}

/** Both names the session cookie has (development and production). */
export const SESSION_COOKIE_NAMES = ["zk_session", "__Host-zk_session"] as const;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  organisation: { id: number; kind: "zorgkantoor" | "zorgaanbieder"; name: string } | null;
};

/** Starts a fresh session (a new random id at every login) and returns the Set-Cookie value. */
export function createSession(db: Db, userId: number, now = new Date()): { token: string; cookie: string } {
  const token = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    })
    .run();
  return { token, cookie: serializeSessionCookie(token) };
}

/**
 * True when the browser will not store the session cookie: it is `Secure` (production) and the
 * request came over plain http from a host that browsers do not treat as secure. Browsers accept
 * Secure cookies over http only from loopback (localhost, 127.0.0.0/8, [::1]). Behind a proxy
 * the protocol comes from X-Forwarded-Proto, which express reads only when TRUST_PROXY is set.
 */
export function secureCookieWillBeDropped(request: Request): boolean {
  if (isDevelopment()) return false;
  const url = new URL(request.url);
  if (url.protocol !== "http:") return false;
  return !isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function serializeSessionCookie(token: string): string {
  const parts = [`${sessionCookieName()}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (!isDevelopment()) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(): string {
  const parts = [`${sessionCookieName()}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (!isDevelopment()) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  return readSessionTokenFromHeader(request.headers.get("Cookie"));
}

/** The session token in a Cookie header (under `name`, by default this environment's cookie), or null. */
export function readSessionTokenFromHeader(header: string | null | undefined, name: string = sessionCookieName()): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/**
 * The user behind the request's session, or null when there is none, it was revoked, it
 * idled for 30 minutes, it passed its absolute 12 hours, or the account is disabled.
 * A valid session's last-seen time moves forward (the idle clock restarts).
 */
export function loadSessionUser(db: Db, token: string | null, now = new Date()): SessionUser | null {
  if (!token) return null;
  const idHash = hashToken(token);
  // Every request of a signed-in user runs this (twice: the body limit and the route), so its
  // statements are prepared once per connection.
  const row = sessionStatement(db).get({ idHash });
  if (!row) return null;
  const t = now.getTime();
  if (row.user.disabledAt) return null;
  if (row.session.expiresAt.getTime() <= t) return null;
  if (row.session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= t) return null;
  // Writing on every request would serialise all readers; a minute's granularity is enough.
  if (t - row.session.lastSeenAt.getTime() > 60_000) {
    // Stored as epoch milliseconds (timestamp_ms), as the column's own mapping would.
    preparedOnce(db, "session.touch", (d) => d.update(sessions).set({ lastSeenAt: sql`${sql.placeholder("lastSeenAt")}` }).where(eq(sessions.idHash, sql.placeholder("idHash"))).prepare()).run({ lastSeenAt: now.getTime(), idHash });
  }
  const roles = rolesStatement(db)
    .all({ userId: row.user.id })
    .map((r) => r.role);
  const organisation = row.user.organisationId ? (organisationStatement(db).get({ id: row.user.organisationId }) ?? null) : null;
  return { id: row.user.id, email: row.user.email, name: row.user.name, roles: sortRoles(roles), organisation };
}

const sessionStatement = (db: Db) =>
  preparedOnce(db, "session.lookup", () =>
    db
      .select({ session: { expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt }, user: { id: users.id, email: users.email, name: users.name, organisationId: users.organisationId, disabledAt: users.disabledAt } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, sql.placeholder("idHash")), isNull(sessions.revokedAt)))
      .prepare(),
  );

const rolesStatement = (db: Db) =>
  preparedOnce(db, "session.roles", () => db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, sql.placeholder("userId"))).prepare());

const organisationStatement = (db: Db) =>
  preparedOnce(db, "session.organisation", () =>
    db.select({ id: organisations.id, kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, sql.placeholder("id"))).prepare(),
  );

export function describeUser(db: Db, userId: number): SessionUser | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role);
  const organisation = user.organisationId
    ? (db
        .select({ id: organisations.id, kind: organisations.kind, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, user.organisationId))
        .get() ?? null)
    : null;
  return { id: user.id, email: user.email, name: user.name, roles: sortRoles(roles), organisation };
}

const ROLE_ORDER: Role[] = ["beheerder", "inkoper", "beoordelaar", "jurist", "zorgaanbieder"];
function sortRoles(roles: Role[]): Role[] {
  return [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
}

export function revokeSessionByToken(db: Db, token: string, now = new Date()): number | null {
  const row = db.select().from(sessions).where(eq(sessions.idHash, hashToken(token))).get();
  if (!row || row.revokedAt) return null;
  db.update(sessions).set({ revokedAt: now }).where(eq(sessions.idHash, row.idHash)).run();
  return row.userId;
}

export function revokeUserSessions(db: Pick<Db, "update">, userId: number, now = new Date()): void {
  db.update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run();
}
