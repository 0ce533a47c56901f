import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse, requireUser } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { bundleResponse, buildVerificationBundle } from "~/services/tender/bundle.server";
import { loadPublishedKader } from "~/services/tender/provider-result.server";

/**
 * The verification bundle of the signed-in provider for the kader's current version: its own
 * data only, so only a provider's own users of the kader's regions get one. Everyone else,
 * staff and beheerder included, gets the 404 of a kader they cannot see.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const user = requireUser(request, db);
  const slug = params.slug ?? "";
  const { kader } = requireKader(request, user, slug, { audience: "provider", db });
  const published = loadPublishedKader(db, kader);
  const bundle = published ? buildVerificationBundle(db, published, user.organisation!.id) : null;
  if (!bundle) throw refuse(db, user, request, { status: 404, reason: `verification bundle ${slug} not available` });
  return bundleResponse(bundle);
}
