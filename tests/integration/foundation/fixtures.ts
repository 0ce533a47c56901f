import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { organisations, userRoles, users, type Role } from "../../../db/schema";
import { hashPassword } from "../../../app/auth/password.server";
import { describeUser, type SessionUser } from "../../../app/auth/session.server";

export const PASSWORD = "correct horse battery staple";

let cachedHash: Promise<string> | undefined;
/** One argon2 hash of PASSWORD per worker: hashing costs ~150 ms. */
export function passwordHash(): Promise<string> {
  cachedHash ??= hashPassword(PASSWORD);
  return cachedHash;
}

let agbCounter = 0;

export function addOrganisation(
  db: Db,
  kind: "zorgkantoor" | "zorgaanbieder",
  name = kind === "zorgkantoor" ? "Zorgkantoor Test" : "Aanbieder Test",
  agbCode: string | null = null,
): number {
  return db
    .insert(organisations)
    .values({ kind, name, agbCode: kind === "zorgaanbieder" ? (agbCode ?? String(10_000_000 + ++agbCounter)) : null, kvkNumber: kind === "zorgaanbieder" ? "12345678" : null, createdAt: new Date() })
    .returning({ id: organisations.id })
    .get().id;
}

/** Inserts a user directly (no audit event), with PASSWORD unless another hash is given. */
export async function addUser(
  db: Db,
  options: { email: string; roles: Role[]; organisationId?: number | null; hash?: string; disabled?: boolean },
): Promise<SessionUser> {
  const hash = options.hash ?? (await passwordHash());
  const id = db
    .insert(users)
    .values({
      email: options.email,
      name: options.email.split("@")[0]!,
      passwordHash: hash,
      organisationId: options.organisationId ?? null,
      disabledAt: options.disabled ? new Date() : null,
      createdAt: new Date(),
    })
    .returning({ id: users.id })
    .get().id;
  for (const role of options.roles) db.insert(userRoles).values({ userId: id, role }).run();
  return describeUser(db, id)!;
}

export function storedHash(db: Db, userId: number): string {
  return db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).get()!.h;
}

export type AuditRow = {
  seq: number;
  at: string;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  payload: string;
  prevHash: string;
  hash: string;
};

export function auditRows(db: Db): AuditRow[] {
  return db.$client
    .prepare(
      "SELECT seq, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, payload, prev_hash AS prevHash, hash FROM audit_events ORDER BY seq",
    )
    .all() as AuditRow[];
}

export function auditCount(db: Db): number {
  return (db.$client.prepare("SELECT count(*) AS n FROM audit_events").get() as { n: number }).n;
}

/** Row count of every application table: a refused call must leave all of them unchanged. */
export function rowCounts(db: Db): Record<string, number> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
}

export function dropAuditTriggers(db: Db): void {
  db.$client.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
}

export function request(path: string, init: RequestInit & { token?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Cookie", `zk_session=${init.token}`);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

/** The token from a Set-Cookie value. */
export function tokenFromCookie(cookie: string): string {
  const m = /^(?:__Host-)?zk_session=([^;]*)/.exec(cookie);
  if (!m?.[1]) throw new Error(`no session token in ${cookie}`);
  return m[1];
}
