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
 * Last-seen writes wait this long and go to the database together, in one transaction: under a
 * surge every session's once-a-minute write was a durable commit of its own on the request path
 * (an fsync on the server's one thread). Null writes at once (the tests' default: they read the
 * row right after). A waiting write only ever makes a session live longer than the stored row
 * says, so the checks below take it into account; one lost in a crash makes the session end
 * sooner, never later.
 */
let touchDelayMs: number | null = process.env.NODE_ENV === "test" ? null : 1_000;

/** Sets how long last-seen writes wait (null: at once); returns the previous setting. For tests. */
export function deferSessionTouches(ms: number | null): number | null {
  const previous = touchDelayMs;
  touchDelayMs = ms;
  return previous;
}

/** Waiting last-seen writes per connection (drizzle's session object): session hash → epoch ms. */
const pendingTouches = new WeakMap<object, { db: Db; byHash: Map<string, number> }>();

function connectionKey(db: Db): object {
  return (db as unknown as { session?: object }).session ?? db;
}

function pendingLastSeen(db: Db, idHash: string): number {
  return pendingTouches.get(connectionKey(db))?.byHash.get(idHash) ?? 0;
}

const touchStatement = (db: Db) =>
  // Never backwards: a late flush of an older time leaves a newer one alone.
  preparedOnce(db, "session.touch", (d) =>
    d
      .update(sessions)
      .set({ lastSeenAt: sql`${sql.placeholder("lastSeenAt")}` })
      .where(and(eq(sessions.idHash, sql.placeholder("idHash")), sql`${sessions.lastSeenAt} < ${sql.placeholder("lastSeenAt")}`))
      .prepare(),
  );

function touchSession(db: Db, idHash: string, t: number): void {
  // Stored as epoch milliseconds (timestamp_ms), as the column's own mapping would.
  if (touchDelayMs === null) {
    touchStatement(db).run({ lastSeenAt: t, idHash });
    return;
  }
  const key = connectionKey(db);
  let pending = pendingTouches.get(key);
  if (!pending) {
    pending = { db, byHash: new Map() };
    pendingTouches.set(key, pending);
  }
  const first = pending.byHash.size === 0;
  pending.byHash.set(idHash, Math.max(pending.byHash.get(idHash) ?? 0, t));
  if (first) setTimeout(() => flushSessionTouches(db), touchDelayMs).unref();
}

/** Writes the waiting last-seen times of `db`'s connection, in one transaction. */
export function flushSessionTouches(db: Db): void {
  const pending = pendingTouches.get(connectionKey(db));
  if (!pending || pending.byHash.size === 0) return;
  const touches = [...pending.byHash];
  pending.byHash.clear();
  try {
    pending.db.transaction(() => {
      for (const [idHash, lastSeenAt] of touches) touchStatement(pending.db).run({ lastSeenAt, idHash });
    });
  } catch {
    // A closed connection (shutdown) or a busy database: the times are lost, which only ends
    // those sessions sooner. Nothing else depends on them.
  }
}

type SessionRow = { session: { expiresAt: Date; lastSeenAt: Date }; user: { id: number; email: string; name: string; organisationId: number | null; disabledAt: Date | null } };

/**
 * The session row when the session is valid at `t`: it exists, is not revoked (in the query),
 * the account is not disabled, the absolute 12 hours have not passed and it has not idled for
 * 30 minutes (counting a last-seen time that is still waiting to be written). `lastSeen` is
 * that effective last-seen time.
 */
function validSession(db: Db, idHash: string, t: number): { row: SessionRow; lastSeen: number } | null {
  const row = sessionStatement(db).get({ idHash }) as SessionRow | undefined;
  if (!row) return null;
  if (row.user.disabledAt) return null;
  if (row.session.expiresAt.getTime() <= t) return null;
  const lastSeen = Math.max(row.session.lastSeenAt.getTime(), pendingLastSeen(db, idHash));
  if (lastSeen + IDLE_TIMEOUT_MS <= t) return null;
  return { row, lastSeen };
}

/**
 * Whether `token` is a valid session, by the same rules as `loadSessionUser` (not revoked, not
 * expired, not idle, account active), read from the database on every call: the cheap check for
 * a request's hot path (the body limit), without the roles and organisation and without moving
 * last-seen (the route's own `loadSessionUser` does that).
 */
export function hasValidSession(db: Db, token: string | null, now = new Date()): boolean {
  if (!token) return false;
  return validSession(db, hashToken(token), now.getTime()) !== null;
}

/**
 * The user behind the request's session, or null when there is none, it was revoked, it
 * idled for 30 minutes, it passed its absolute 12 hours, or the account is disabled.
 * A valid session's last-seen time moves forward (the idle clock restarts).
 */
export function loadSessionUser(db: Db, token: string | null, now = new Date()): SessionUser | null {
  if (!token) return null;
  const idHash = hashToken(token);
  // Every request of a signed-in user runs this, so its statements are prepared once per connection.
  const t = now.getTime();
  const valid = validSession(db, idHash, t);
  if (!valid) return null;
  const { row, lastSeen } = valid;
  // Writing on every request would serialise all readers; a minute's granularity is enough.
  if (t - lastSeen > 60_000) touchSession(db, idHash, t);
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
