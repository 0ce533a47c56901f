import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { objectionAttachmentResponse, requireOwnObjection } from "~/services/objections/pages.server";

/** An attachment of one of the provider's own objections, as a download; 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, objection } = requireOwnObjection(request, params.slug ?? "", params.objectionId ?? "");
  const response = objectionAttachmentResponse(user, objection.id, params.sha256 ?? "");
  if (!response) throw refuse(getDb(), user, request, { status: 404, reason: `bezwaar ${objection.id} attachment not found` });
  return response;
}
