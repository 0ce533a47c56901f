import { and, count, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { lastHeadExportEvent } from "../../db/audit-head.server";
import { verifyAuditChain } from "../../db/audit.server";
import type { Db } from "../../db/client.server";
import { auditEvents, kaders, organisations, userRoles, users } from "../../db/schema";
import { AUDIT_CATEGORY_LABEL, describeAuditAction, type AuditCategory } from "../lib/audit-actions";
import { formatDateTime } from "../lib/dates";
import { completedOpening } from "./submissions/opening.server";
import { ROLE_LABEL } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { getDb } from "./db.server";

export const AUDIT_PAGE_SIZE = 50;

/** Payload keys that identify a person or a provider: shown only to the organisation concerned. */
const PERSONAL_KEYS = ["email", "address"] as const;

type Person = { name: string; email: string; organisationId: number | null; roles: string[] };

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

/** What the jurist can narrow the trail to (every filter optional; all given must hold). */
export type AuditFilters = {
  /** A kader's kenmerk (slug): its own events and every event whose payload names it. */
  kader?: string;
  /** A provider's AGB code: events naming it, where the viewer may know it (see below). */
  provider?: string;
  /** A user id: events by that person (only people of the viewer's own organisation can be chosen). */
  actor?: number;
  category?: AuditCategory;
  /** Amsterdam calendar days, inclusive. */
  from?: Date;
  to?: Date;
  /** Paging: events before this sequence number. */
  before?: number;
};

/**
 * Kaders whose submissions the viewer's zorgkantoor has opened (four eyes): only on their
 * events may a provider be named to a jurist; before the opening even the fact that a provider
 * submitted is sealed. The beheerder's scope is everything.
 */
function openedKaderSlugs(db: Db, scope: Scope): Set<string> | "all" {
  if (scope.all) return "all";
  if (scope.organisationId === null) return new Set();
  const rows = db.select({ id: kaders.id, slug: kaders.slug }).from(kaders).where(eq(kaders.zorgkantoorId, scope.organisationId)).all();
  return new Set(rows.filter((k) => completedOpening(db, k.id) !== null).map((k) => k.slug));
}

const DAY_MS = 24 * 60 * 60 * 1000;

function filterSql(db: Db, filters: AuditFilters, opened: Set<string> | "all"): { where: SQL | undefined; unknownProvider: boolean } {
  const parts: (SQL | undefined)[] = [];
  if (filters.kader !== undefined)
    parts.push(sql`((${auditEvents.entityType} = 'kader' and ${auditEvents.entityId} = ${filters.kader}) or json_extract(${auditEvents.payload}, '$.kader') = ${filters.kader})`);
  let unknownProvider = false;
  if (filters.provider !== undefined) {
    const provider = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.agbCode, filters.provider)).get();
    if (!provider) unknownProvider = true;
    const id = provider?.id ?? -1;
    // Questions never name their asker to the zorgkantoor; submissions only once opened.
    const named = sql`json_extract(${auditEvents.payload}, '$.providerId') = ${id} and ${auditEvents.action} not like 'question.%'`;
    // Objections are addressed to the zorgkantoor, never sealed: named whatever the opening.
    const objection = sql`${auditEvents.action} like 'objection.%'`;
    if (opened === "all") parts.push(named);
    else if (opened.size === 0) parts.push(and(named, objection));
    else parts.push(and(named, or(objection, inArray(sql`json_extract(${auditEvents.payload}, '$.kader')`, [...opened]))));
  }
  if (filters.actor !== undefined) parts.push(eq(auditEvents.actorUserId, filters.actor));
  if (filters.category !== undefined) parts.push(like(auditEvents.action, `${filters.category}.%`));
  if (filters.from !== undefined) parts.push(gte(auditEvents.at, filters.from.toISOString()));
  if (filters.to !== undefined) parts.push(lt(auditEvents.at, new Date(filters.to.getTime() + DAY_MS).toISOString()));
  if (filters.before !== undefined) parts.push(lt(auditEvents.seq, filters.before));
  return { where: and(...parts), unknownProvider };
}

type EventRow = typeof auditEvents.$inferSelect;

/** The rows the viewer may see under the filters, newest first; `limit` per page (or the export's cap). */
function visibleEvents(db: Db, viewer: SessionUser, filters: AuditFilters, limit: number) {
  const scope = scopeOf(viewer);
  const opened = openedKaderSlugs(db, scope);
  const visible = visibleTo(scope, opened);
  const { where, unknownProvider } = filterSql(db, filters, opened);
  const rows = db.select().from(auditEvents).where(and(visible, where)).orderBy(desc(auditEvents.seq)).limit(limit).all();
  return { scope, visible, opened, rows, unknownProvider };
}

/**
 * The events a viewer may see: the beheerder all; a zorgkantoor's staff those naming their
 * organisation, and, once a kader's submissions are opened, that kader's submission events
 * (recorded for the provider alone while they were sealed).
 */
function visibleTo(scope: Scope, opened: Set<string> | "all"): SQL | undefined {
  if (scope.all || opened === "all") return undefined;
  if (opened.size === 0) return concerns(scope.organisationId);
  return or(concerns(scope.organisationId), and(like(auditEvents.action, "submission.%"), inArray(sql`json_extract(${auditEvents.payload}, '$.kader')`, [...opened])));
}

/** People by id: name, e-mail, organisation and role labels (for the actor column). */
function peopleIndex(db: Db): Map<number, Person> {
  const people = new Map<number, Person>();
  for (const u of db.select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId }).from(users).all()) {
    people.set(u.id, { name: u.name, email: u.email, organisationId: u.organisationId, roles: [] });
  }
  for (const r of db.select().from(userRoles).all()) people.get(r.userId)?.roles.push(ROLE_LABEL[r.role]);
  return people;
}

function providerNames(db: Db): Map<number, string> {
  return new Map(
    db
      .select({ id: organisations.id, name: organisations.name, agb: organisations.agbCode })
      .from(organisations)
      .all()
      .map((o) => [o.id, o.agb ? `${o.name} (AGB ${o.agb})` : o.name]),
  );
}

export type AuditEventView = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  actionLabel: string;
  entity: string;
  payload: string;
  hash: string;
};

function eventViews(db: Db, scope: Scope, opened: Set<string> | "all", rows: EventRow[]): AuditEventView[] {
  const people = peopleIndex(db);
  const names = providerNames(db);
  return rows.map((r) => {
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
            ? actor
              ? `${actor.name} (${actor.email})`
              : `#${r.actorUserId}`
            : `${actor?.roles.join(", ") || "Gebruiker"}${actor?.organisationId == null ? "" : " (andere organisatie)"}`,
      action: r.action,
      actionLabel: describeAuditAction(r.action),
      entity: r.entityId ? `${r.entityType} ${r.entityId}` : r.entityType,
      payload: scope.all ? r.payload : redactPayload(r.payload, own(subject), scope.organisationId, { opened, names, action: r.action }),
      hash: r.hash,
    };
  });
}

/** One page of the audit trail the viewer may see, newest first, with the chain's verdict. */
export function loadAuditPage(viewer: SessionUser, filters: AuditFilters = {}, db: Db = getDb()) {
  const { scope, visible, opened, rows, unknownProvider } = visibleEvents(db, viewer, filters, AUDIT_PAGE_SIZE);
  // The counts are of the events the viewer may see: a total would tell another tenant's activity.
  const total = db.select({ n: count() }).from(auditEvents).where(visible).get()!.n;
  const { before: _paging, ...withoutPaging } = filters;
  const matching = db.select({ n: count() }).from(auditEvents).where(and(visible, filterSql(db, withoutPaging, opened).where)).get()!.n;
  const verdict = verifyAuditChain(db);
  return {
    scope: scope.all ? ("alles" as const) : ("organisatie" as const),
    total,
    matching,
    unknownProvider,
    // The verdict covers the whole chain (only that proves anything); to a tenant it names the
    // first bad event's number, not its content.
    verdict: verdict.ok
      ? { ok: true as const, head: verdict.headHash }
      : { ok: false as const, firstBadSeq: verdict.firstBadSeq, reason: scope.all ? verdict.reason : null },
    headExport: lastHeadExportEvent(db),
    events: eventViews(db, scope, opened, rows),
    nextBefore: rows.length === AUDIT_PAGE_SIZE ? rows[rows.length - 1]!.seq : null,
  };
}

/** The choices of the filter form: the viewer's kaders and the people of its own organisation. */
export function auditFilterChoices(viewer: SessionUser, db: Db = getDb()) {
  const scope = scopeOf(viewer);
  const kaderRows = scope.all
    ? db.select({ slug: kaders.slug, title: kaders.title }).from(kaders).orderBy(kaders.title).all()
    : db.select({ slug: kaders.slug, title: kaders.title }).from(kaders).where(eq(kaders.zorgkantoorId, scope.organisationId ?? -1)).orderBy(kaders.title).all();
  const people = scope.all
    ? db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name).all()
    : db.select({ id: users.id, name: users.name }).from(users).where(eq(users.organisationId, scope.organisationId ?? -1)).orderBy(users.name).all();
  return { kaders: kaderRows, people, categories: Object.entries(AUDIT_CATEGORY_LABEL).map(([id, label]) => ({ id, label })) };
}

/** The most events one CSV export holds; the page says so when the filters match more. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** A cell that a spreadsheet would read as a formula gets a leading apostrophe (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The filtered trail as CSV (semicolon-separated, as Dutch spreadsheets expect; UTF-8 with a
 * byte order mark), oldest first, with the same scope and redaction as the page.
 */
export function auditCsv(viewer: SessionUser, filters: AuditFilters, db: Db = getDb()): { csv: string; rows: number; truncated: boolean } {
  const { before: _paging, ...withoutPaging } = filters;
  const { scope, opened, rows } = visibleEvents(db, viewer, withoutPaging, AUDIT_EXPORT_LIMIT + 1);
  const truncated = rows.length > AUDIT_EXPORT_LIMIT;
  const kept = rows.slice(0, AUDIT_EXPORT_LIMIT).reverse();
  const header = ["Nr.", "Tijd (Europe/Amsterdam)", "Tijd (UTC)", "Wie", "Handeling", "Code", "Object", "Gegevens", "Hash"];
  const lines = [header.join(";")];
  for (const e of eventViews(db, scope, opened, kept))
    lines.push([String(e.seq), formatDateTime(e.at), e.at, e.actor, e.actionLabel, e.action, e.entity, e.payload, e.hash].map(csvCell).join(";"));
  return { csv: `\uFEFF${lines.join("\r\n")}\r\n`, rows: kept.length, truncated };
}

/**
 * A tenant's view of a payload: e-mail and IP addresses only when the person belongs to the
 * viewer's organisation; the asking provider (`providerId`) never, unless it is the viewer's own.
 */
function redactPayload(
  payload: string,
  ownPerson: boolean,
  viewerOrganisationId: number | null,
  context: { opened: Set<string> | "all"; names: Map<number, string>; action: string },
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return "(niet leesbaar)";
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return payload;
  const shown = new Map(Object.entries(parsed as Record<string, unknown>));
  if (!ownPerson) for (const key of PERSONAL_KEYS) if (shown.has(key)) shown.set(key, "(afgeschermd)");
  if (shown.has("providerId") && shown.get("providerId") !== viewerOrganisationId) {
    // Named once the kader's submissions are opened (never the asker of a question); sealed before.
    // An objection is addressed to the zorgkantoor: its provider is named at once.
    const kader = shown.get("kader");
    const openedKader = (typeof kader === "string" && (context.opened === "all" || context.opened.has(kader))) || context.action.startsWith("objection.");
    const id = shown.get("providerId");
    shown.set("providerId", openedKader && !context.action.startsWith("question.") && typeof id === "number" ? (context.names.get(id) ?? id) : "(afgeschermd)");
  }
  return JSON.stringify(Object.fromEntries(shown));
}

/** The last export of the chain's head outside the database (time, event, hash): no tenant data. */
export function loadLastHeadExport(db: Db = getDb()) {
  return lastHeadExportEvent(db);
}
