import { and, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { preparedOnce } from "../../../db/prepared.server";
import { kaderRegions, kaders, kaderVersions, providerRegions } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";

// The working draft (a JSON column, possibly large) is never needed here: it is not even read.
const { draft: _draft, ...kaderColumns } = getTableColumns(kaders);
const { content: _content, ...versionColumns } = getTableColumns(kaderVersions);

type KaderRow = Omit<typeof kaders.$inferSelect, "draft">;
type VersionMeta = Omit<typeof kaderVersions.$inferSelect, "content">;
type VersionRow = VersionMeta & { content: Record<string, unknown> };

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

/** The kader by slug with its newest published version (without its content); none before publication. */
const kaderWithLatestVersion = (db: Db) =>
  preparedOnce(db, "submissions.kaderWithLatestVersion", () =>
    db
      .select({ kader: kaderColumns, version: versionColumns })
      .from(kaders)
      .innerJoin(kaderVersions, eq(kaderVersions.kaderId, kaders.id))
      .where(eq(kaders.slug, sql.placeholder("slug")))
      .orderBy(desc(kaderVersions.number))
      .limit(1)
      .prepare(),
  );

/** Whether the provider works in one of the kader's regions (kaderAudience's rule for providers). */
const sharesRegion = (db: Db) =>
  preparedOnce(db, "submissions.sharesRegion", () =>
    db
      .select({ regionId: kaderRegions.regionId })
      .from(kaderRegions)
      .innerJoin(providerRegions, eq(providerRegions.regionId, kaderRegions.regionId))
      .where(and(eq(kaderRegions.kaderId, sql.placeholder("kaderId")), eq(providerRegions.providerId, sql.placeholder("providerId"))))
      .limit(1)
      .prepare(),
  );

const latestVersionMeta = (db: Db) =>
  preparedOnce(db, "submissions.latestVersionMeta", () =>
    db
      .select(versionColumns)
      .from(kaderVersions)
      .where(eq(kaderVersions.kaderId, sql.placeholder("kaderId")))
      .orderBy(desc(kaderVersions.number))
      .limit(1)
      .prepare(),
  );

const versionContent = (db: Db) =>
  preparedOnce(db, "submissions.versionContent", () =>
    db.select({ content: kaderVersions.content }).from(kaderVersions).where(eq(kaderVersions.id, sql.placeholder("id"))).prepare(),
  );

/**
 * Parsed kader documents by published version. A published version never changes (triggers
 * refuse UPDATE and DELETE), so an entry can never be stale: an amendment is a new version with
 * a new id, which the context query finds first. The key includes the content hash, so two
 * databases in one process (tests) cannot share an entry. Frozen: every request shares them.
 */
const KADER_CACHE_SIZE = 256;
const kaderDocuments = new Map<string, Record<string, unknown>>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The published version's kader document, parsed once per version (least recently used dropped first). */
export function publishedContent(db: Db, version: Pick<VersionMeta, "id" | "contentHash">): Record<string, unknown> {
  const key = `${version.id}:${version.contentHash}`;
  const cached = kaderDocuments.get(key);
  if (cached) {
    // Re-inserted as the most recently used (a Map iterates in insertion order).
    kaderDocuments.delete(key);
    kaderDocuments.set(key, cached);
    return cached;
  }
  const row = versionContent(db).get({ id: version.id });
  if (!row) throw new Error(`kader version ${version.id} has no content`);
  const content = deepFreeze(row.content);
  kaderDocuments.set(key, content);
  if (kaderDocuments.size > KADER_CACHE_SIZE) kaderDocuments.delete(kaderDocuments.keys().next().value!);
  return content;
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
  const row = kaderWithLatestVersion(db).get({ slug: kaderSlug });
  if (!row || row.kader.phase === "concept") return null;
  if (!sharesRegion(db).get({ kaderId: row.kader.id, providerId: org.id })) return null;
  return { kader: row.kader, version: { ...row.version, content: publishedContent(db, row.version) }, providerId: org.id };
}

/**
 * The kader's current version (without its document), for the re-check inside a write
 * transaction: its closing time and whether it is still the version the input was checked against.
 */
export function currentVersion(db: Db, kaderId: number): VersionMeta | null {
  return latestVersionMeta(db).get({ kaderId }) ?? null;
}
