import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { receiptPdfResponse, requireSubmissionProvider } from "~/services/submissions/form-page.server";

/** The receipt of one of the provider's own versions, as PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const user = requireSubmissionProvider(request, slug);
  const response = await receiptPdfResponse(user, slug, params.version ?? "");
  if (!response) throw refuse(getDb(), user, request, { status: 404, reason: `receipt ${slug}/${params.version ?? ""} not found` });
  return response;
}
