import { and, count, desc, lt, sql, type SQL } from "drizzle-orm";
import { lastHeadExportEvent } from "../../db/audit-head.server";
import { verifyAuditChain } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { auditEvents, userRoles, users } from "../../db/schema";
import { ROLE_LABEL } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { getDb } from "./db.server";

export const AUDIT_PAGE_SIZE = 50;

/** Payload keys that identify a person or a provider: shown only to the organisation concerned. */
const PERSONAL_KEYS = ["email", "address"] as const;

type Person = { email: string; organisationId: number | null; roles: string[] };

/**
 * Who may see what: the beheerder sees the whole trail; anyone else (jurist of a zorgkantoor)
 * sees only the events that name their organisation, with people of other organisations shown by
 * role only, and never the provider behind a question.
 */
type Scope = { all: true } | { all: false; organisationId: number | null };

function scopeOf(viewer: SessionUser): Scope {
  return viewer.roles.includes("beheerder") ? { all: true } : { all: false, organisationId: viewer.organisation?.id ?? null };
}

function concerns(organisationId: number | null): SQL {
  // No organisation, no events: an empty list matches nothing.
  return sql`exists (select 1 from json_each(${auditEvents.organisationIds}) where json_each.value = ${organisationId ?? -1})`;
}

/** One page of the audit trail the viewer may see, newest first, with the chain's verdict. */
export function loadAuditPage(viewer: SessionUser, before: number | null, db: Db = getDb()) {
  const scope = scopeOf(viewer);
  const visible = scope.all ? undefined : concerns(scope.organisationId);
  const where = and(visible, before ? lt(auditEvents.seq, before) : undefined);
  const rows = db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(AUDIT_PAGE_SIZE).all();
  const people = new Map<number, Person>();
  for (const u of db.select({ id: users.id, email: users.email, organisationId: users.organisationId }).from(users).all()) {
    people.set(u.id, { email: u.email, organisationId: u.organisationId, roles: [] });
  }
  for (const r of db.select().from(userRoles).all()) people.get(r.userId)?.roles.push(ROLE_LABEL[r.role]);
  // The count is of the events the viewer may see: a total would tell another tenant's activity.
  const total = db.select({ n: count() }).from(auditEvents).where(visible).get()!.n;
  const verdict = verifyAuditChain(db);
  return {
    scope: scope.all ? ("alles" as const) : ("organisatie" as const),
    total,
    // The verdict covers the whole chain (only that proves anything); to a tenant it names the
    // first bad event's number, not its content.
    verdict: verdict.ok
      ? { ok: true as const, head: verdict.headHash }
      : { ok: false as const, firstBadSeq: verdict.firstBadSeq, reason: scope.all ? verdict.reason : null },
    events: rows.map((r) => {
      const actor = r.actorUserId === null ? null : people.get(r.actorUserId);
      // The person an event is about: its actor, or the account a failed login tried.
      const subject = actor ?? (r.entityType === "user" && r.entityId ? people.get(Number(r.entityId)) : undefined);
      const own = (p: Person | null | undefined) => scope.all || (p != null && p.organisationId !== null && p.organisationId === scope.organisationId);
      return {
        seq: r.seq,
        at: r.at,
        actor:
          r.actorUserId === null
            ? "Systeem"
            : own(actor)
              ? (actor?.email ?? `#${r.actorUserId}`)
              : `${actor?.roles.join(", ") || "Gebruiker"}${actor?.organisationId == null ? "" : " (andere organisatie)"}`,
        action: r.action,
        entity: r.entityId ? `${r.entityType} ${r.entityId}` : r.entityType,
        payload: scope.all ? r.payload : redactPayload(r.payload, own(subject), scope.organisationId),
        hash: r.hash,
      };
    }),
    nextBefore: rows.length === AUDIT_PAGE_SIZE ? rows[rows.length - 1]!.seq : null,
  };
}

/**
 * A tenant's view of a payload: e-mail and IP addresses only when the person belongs to the
 * viewer's organisation; the asking provider (`providerId`) never, unless it is the viewer's own.
 */
function redactPayload(payload: string, ownPerson: boolean, viewerOrganisationId: number | null): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return "(niet leesbaar)";
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return payload;
  const shown = new Map(Object.entries(parsed as Record<string, unknown>));
  if (!ownPerson) for (const key of PERSONAL_KEYS) if (shown.has(key)) shown.set(key, "(afgeschermd)");
  if (shown.has("providerId") && shown.get("providerId") !== viewerOrganisationId) shown.set("providerId", "(afgeschermd)");
  return JSON.stringify(Object.fromEntries(shown));
}

/** The last export of the chain's head outside the database (time, event, hash): no tenant data. */
export function loadLastHeadExport(db: Db = getDb()) {
  return lastHeadExportEvent(db);
}
