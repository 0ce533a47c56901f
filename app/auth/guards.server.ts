import { auditRefusal } from "./refusal-audit.server";
import { getDb, type Db } from "../../db/client.server";
import type { Role } from "../../db/schema";
import { loadSessionUser, readSessionToken, type SessionUser } from "./session.server";

/**
 * Every loader and action calls one of these for itself: Remix runs a page's loaders in
 * parallel and a child's data can be requested directly, so a check in a layout protects
 * nothing. A refusal is audited and thrown as a Response (403, or 404 where existence must
 * stay hidden).
 */
export function getUser(request: Request, db: Db = getDb()): SessionUser | null {
  return loadSessionUser(db, readSessionToken(request));
}

export function requireUser(request: Request, db: Db = getDb()): SessionUser {
  const user = getUser(request, db);
  if (!user) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw new Response(null, {
      status: 302,
      headers: { Location: `/login?next=${encodeURIComponent(next.replace(/\.data$/, ""))}` },
    });
  }
  return user;
}

export function requireRole(request: Request, roles: Role | Role[], db: Db = getDb()): SessionUser {
  const user = requireUser(request, db);
  const wanted = Array.isArray(roles) ? roles : [roles];
  if (!wanted.some((r) => user.roles.includes(r))) {
    throw refuse(db, user, request, { status: 403, reason: `role ${wanted.join("|")} required` });
  }
  return user;
}

/**
 * Requires membership of the organisation that owns the data. `hide` answers 404 instead of
 * 403 when even the existence of the object is confidential (another provider's plan).
 */
export function requireOrganisation(
  request: Request,
  user: SessionUser,
  organisationId: number,
  options: { hide?: boolean; db?: Db } = {},
): void {
  if (user.organisation?.id === organisationId) return;
  throw refuse(options.db ?? getDb(), user, request, {
    status: options.hide ? 404 : 403,
    reason: `organisation ${organisationId} required`,
  });
}

/**
 * Audits a refusal and returns the Response to throw. The event is compact (long paths and
 * reasons are hashed) and limited per client, so that refusals cannot flood the audit trail;
 * the answer to the client is the same whether or not the event was written.
 */
export function refuse(
  db: Db,
  user: SessionUser | null,
  request: Request,
  refusal: { status: 403 | 404; reason: string },
): Response {
  const url = new URL(request.url);
  auditRefusal(db, {
    client: user ? `user:${user.id}` : "anonymous",
    actorUserId: user?.id ?? null,
    action: "access.denied",
    entityType: "route",
    entityId: url.pathname,
    payload: { method: request.method, status: refusal.status, reason: refusal.reason },
    // A refused request names what was probed (paths, slugs): for the beheerder only.
    organisationIds: [],
  });
  return new Response(refusal.status === 404 ? "Niet gevonden" : "Geen toegang", { status: refusal.status });
}

/**
 * Audits an attempt, inside a route the user may use, to act on an object of another
 * organisation (a region or tariff table id of another zorgkantoor, say). The caller answers
 * as for any unknown id, so the attempt reveals nothing; the trail still shows it.
 */
export function auditForeignId(
  db: Db,
  user: SessionUser,
  attempt: { entityType: string; entityId: string; ids: Record<string, number[]> },
): void {
  auditRefusal(db, {
    client: `user:${user.id}`,
    actorUserId: user.id,
    action: "access.foreign_id",
    entityType: attempt.entityType,
    entityId: attempt.entityId,
    payload: { ids: attempt.ids, organisationId: user.organisation?.id ?? null },
    // What was probed belongs to another organisation: for the beheerder only.
    organisationIds: [],
  });
}
