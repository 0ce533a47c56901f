import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaderRegions, kaders, providerRegions } from "../../../db/schema";
import { refuse } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import { getDb } from "../db.server";

export type KaderRow = typeof kaders.$inferSelect;
export type KaderAudience = "staff" | "provider";

/** Staff of the owning zorgkantoor see every phase; providers only published kaders of their regions. */
export function kaderAudience(db: Db, user: SessionUser, kader: KaderRow): KaderAudience | null {
  const org = user.organisation;
  if (!org) return null;
  if (org.kind === "zorgkantoor" && org.id === kader.zorgkantoorId && user.roles.some((r) => r === "inkoper" || r === "beoordelaar" || r === "jurist")) {
    return "staff";
  }
  if (org.kind === "zorgaanbieder" && user.roles.includes("zorgaanbieder") && kader.phase !== "concept") {
    const regionIds = db.select({ id: kaderRegions.regionId }).from(kaderRegions).where(eq(kaderRegions.kaderId, kader.id)).all().map((r) => r.id);
    if (regionIds.length === 0) return null;
    const shared = db
      .select({ id: providerRegions.regionId })
      .from(providerRegions)
      .where(and(eq(providerRegions.providerId, org.id), inArray(providerRegions.regionId, regionIds)))
      .get();
    return shared ? "provider" : null;
  }
  return null;
}

/**
 * Loads a kader the user may see, or answers 404: a provider outside the kader's regions, or
 * anyone before publication, must not even learn that it exists.
 */
export function requireKader(
  request: Request,
  user: SessionUser,
  slug: string,
  options: { audience?: KaderAudience; db?: Db } = {},
): { kader: KaderRow; audience: KaderAudience } {
  const db = options.db ?? getDb();
  const kader = db.select().from(kaders).where(eq(kaders.slug, slug)).get();
  const audience = kader ? kaderAudience(db, user, kader) : null;
  if (!kader || !audience || (options.audience && options.audience !== audience)) {
    throw refuse(db, user, request, { status: 404, reason: `kader ${slug} not visible` });
  }
  return { kader, audience };
}

/** Only an inkoper of the owning zorgkantoor changes a kader. */
export function requireKaderEditor(request: Request, user: SessionUser, slug: string, db: Db = getDb()): KaderRow {
  const { kader } = requireKader(request, user, slug, { audience: "staff", db });
  if (!user.roles.includes("inkoper")) throw refuse(db, user, request, { status: 403, reason: "inkoper required" });
  return kader;
}
