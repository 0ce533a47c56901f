import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { ownAttachmentResponse, requireSubmissionProvider } from "~/services/submissions/form-page.server";

/** One of the provider's own uploaded PDFs, as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const user = requireSubmissionProvider(request, slug);
  const response = ownAttachmentResponse(user, slug, params.sha256 ?? "");
  if (!response) throw refuse(getDb(), user, request, { status: 404, reason: `attachment ${slug} not found` });
  return response;
}
