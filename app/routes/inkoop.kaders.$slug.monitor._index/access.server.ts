import { refuse, requireRole } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { getDb } from "~/services/db.server";
import { requireKaderEditor } from "~/services/kaders/access.server";
import { kaderOverview, type Overview } from "~/services/tender/overview.server";

/**
 * The overview for an inkoper of the kader's zorgkantoor: other roles 403, another zorgkantoor's
 * inkoper 404 (it must not learn the kader exists), and 404 before publication (nothing to show).
 * Shared by the page and the .xlsx so that both check the same.
 */
export function requireOverview(request: Request, slug: string): { user: SessionUser; overview: Overview } {
  const db = getDb();
  const user = requireRole(request, "inkoper", db);
  const kader = requireKaderEditor(request, user, slug, db);
  const overview = kaderOverview(db, user, kader);
  if (!overview) throw refuse(db, user, request, { status: 404, reason: `kader ${slug} has no published version` });
  return { user, overview };
}
