import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { letterResponse, requireOwnSentDecision } from "~/services/award/access.server";

/** The provider's own sent letter, byte for byte as stored (its SHA-256 in X-Content-SHA256). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader, decision } = requireOwnSentDecision(request, user, params.slug ?? "");
  return letterResponse(kader, decision, { conceptAllowed: false });
}
