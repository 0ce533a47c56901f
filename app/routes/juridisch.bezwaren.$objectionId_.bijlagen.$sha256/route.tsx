import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { objectionAttachmentResponse, requireStaffObjection } from "~/services/objections/pages.server";

/** An attachment of an objection to the jurist's own zorgkantoor, as a download; 404 otherwise. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, objection } = requireStaffObjection(request, params.objectionId ?? "");
  const response = objectionAttachmentResponse(user, objection.id, params.sha256 ?? "");
  if (!response) throw refuse(getDb(), user, request, { status: 404, reason: `bezwaar ${objection.id} attachment not found` });
  return response;
}
