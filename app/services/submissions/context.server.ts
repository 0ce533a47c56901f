import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { preparedOnce } from "../../../db/prepared.server";
import { kaderRegions, kaders, kaderVersions, providerRegions } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";

// Only the kader's columns before its working draft (a JSON column that can be large): the
// draft is never needed here, and SQLite stops reading a row at the last column asked for.
const kaderColumns = { id: kaders.id, slug: kaders.slug, zorgkantoorId: kaders.zorgkantoorId, title: kaders.title, year: kaders.year, phase: kaders.phase };

type KaderRow = Pick<typeof kaders.$inferSelect, keyof typeof kaderColumns>;
type VersionRow = typeof kaderVersions.$inferSelect;
type VersionMeta = Omit<VersionRow, "content">;

export type Refusal = { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors };

export function errorsOf(entries: Record<string, string>): FieldErrors {
  return Object.assign(Object.create(null) as FieldErrors, entries);
}

export function refusal(status: Refusal["status"], message: string, field = "_form"): Refusal {
  return { ok: false, status, errors: errorsOf({ [field]: message }) };
}

export const NOT_FOUND = "Dit kader bestaat niet of staat niet open voor uw organisatie.";

/** A client-chosen key per submit attempt (a UUID, say): a retry sends the same key. */
export const idempotencyKeySchema = z
  .string({ error: "Ontbrekende verzendsleutel; vernieuw de pagina en probeer het opnieuw." })
  .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: "Ongeldige verzendsleutel; vernieuw de pagina en probeer het opnieuw." });

export type ProviderContext = { kader: KaderRow; version: VersionRow; providerId: number };

const kaderBySlug = (db: Db) =>
  preparedOnce(db, "submissions.kaderBySlug", (d) => d.select(kaderColumns).from(kaders).where(eq(kaders.slug, sql.placeholder("slug"))).prepare());

/** The id of the kader's newest published version: read from the (kader, number) index alone. */
const latestVersionId = (db: Db) =>
  preparedOnce(db, "submissions.latestVersionId", (d) =>
    d
      .select({ id: kaderVersions.id })
      .from(kaderVersions)
      .where(eq(kaderVersions.kaderId, sql.placeholder("kaderId")))
      .orderBy(desc(kaderVersions.number))
      .limit(1)
      .prepare(),
  );

/** Whether the provider works in one of the kader's regions (kaderAudience's rule for providers). */
const sharesRegion = (db: Db) =>
  preparedOnce(db, "submissions.sharesRegion", (d) =>
    d
      .select({ regionId: kaderRegions.regionId })
      .from(kaderRegions)
      .innerJoin(providerRegions, eq(providerRegions.regionId, kaderRegions.regionId))
      .where(and(eq(kaderRegions.kaderId, sql.placeholder("kaderId")), eq(providerRegions.providerId, sql.placeholder("providerId"))))
      .limit(1)
      .prepare(),
  );

const versionById = (db: Db) => preparedOnce(db, "submissions.versionById", (d) => d.select().from(kaderVersions).where(eq(kaderVersions.id, sql.placeholder("id"))).prepare());

/**
 * Published versions (their window and their parsed kader document) by id, per connection. A
 * published version never changes (triggers refuse UPDATE and DELETE), so an entry cannot be
 * stale: an amendment is a new version with a new id, which `latestVersionId` finds first.
 * Bounded (least recently used dropped first); frozen, since every request shares them.
 */
const VERSION_CACHE_SIZE = 256;
const versionCaches = new WeakMap<object, Map<number, VersionRow>>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A published version with its parsed document, read and parsed once per connection; null when there is none. */
export function publishedVersion(db: Db, id: number): VersionRow | null {
  const key = (db as unknown as { session?: object }).session ?? db;
  let cache = versionCaches.get(key);
  if (!cache) {
    cache = new Map();
    versionCaches.set(key, cache);
  }
  const cached = cache.get(id);
  if (cached) {
    // Re-inserted as the most recently used (a Map iterates in insertion order).
    cache.delete(id);
    cache.set(id, cached);
    return cached;
  }
  const row = versionById(db).get({ id });
  if (!row) return null;
  const version = deepFreeze(row);
  // Kept only when read outside a transaction, i.e. committed: a version written by a transaction
  // still open could be rolled back, and its id then given to another version.
  if (!db.$client.inTransaction) {
    cache.set(id, version);
    if (cache.size > VERSION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return version;
}

/**
 * The kader as its provider may answer it: the actor is a user of a provider in one of the
 * kader's regions, and the kader is published. The provider is always the actor's own
 * organisation, never an id from the input. Compute it once per request and pass it on; the
 * write transaction re-checks only what can change meanwhile (`currentVersion`).
 */
export function providerContext(db: Db, actor: SessionUser, kaderSlug: string): ProviderContext | null {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgaanbieder" || !actor.roles.includes("zorgaanbieder")) return null;
  const kader = kaderBySlug(db).get({ slug: kaderSlug });
  if (!kader || kader.phase === "concept") return null;
  if (!sharesRegion(db).get({ kaderId: kader.id, providerId: org.id })) return null;
  const version = currentVersion(db, kader.id);
  if (!version) return null;
  return { kader, version, providerId: org.id };
}

/**
 * The kader's current (newest published) version, for the re-check inside a write transaction:
 * its window, and whether it is still the version the input was checked against.
 */
export function currentVersion(db: Db, kaderId: number): VersionRow | null {
  const latest = latestVersionId(db).get({ kaderId });
  return latest ? publishedVersion(db, latest.id) : null;
}
