import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { kaders } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import type { FieldErrors } from "../../lib/forms";
import { kaderAudience } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";

type KaderRow = typeof kaders.$inferSelect;
type VersionRow = NonNullable<ReturnType<typeof latestVersion>>;

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

/**
 * The kader as its provider may answer it: the actor is a user of a provider in one of the
 * kader's regions, and the kader is published. The provider is always the actor's own
 * organisation, never an id from the input.
 */
export function providerContext(db: Db, actor: SessionUser, kaderSlug: string): ProviderContext | null {
  const org = actor.organisation;
  if (!org || org.kind !== "zorgaanbieder" || !actor.roles.includes("zorgaanbieder")) return null;
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  if (!kader || kaderAudience(db, actor, kader) !== "provider") return null;
  const version = latestVersion(db, kader.id);
  if (!version) return null;
  return { kader, version, providerId: org.id };
}

