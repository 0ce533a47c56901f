import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuse } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { formPath, requireSubmissionContext, requireSubmissionProvider, storeUpload } from "~/services/submissions/form-page.server";

/** Nothing to show here: the attachments are listed on the form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireSubmissionProvider(request, params.slug ?? "");
  return redirect(`${formPath(params.slug ?? "")}#bijlagen`);
}

/**
 * Upload of one PDF (multipart: `file`, `purpose` = "algemeen" | "evidence.<i>", optionally the
 * whole form). The page's upload buttons get a 303 back to the form (with the error as a code);
 * a client asking for JSON gets the stored attachment's hash, name and size.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const { user, ctx } = requireSubmissionContext(request, slug);
  let form: FormData | null = null;
  try {
    form = await request.formData();
  } catch {
    form = null;
  }
  const outcome = await storeUpload(user, slug, form, getDb(), new Date(), ctx);
  if (outcome.kind === "not_found") throw refuse(getDb(), user, request, { status: 404, reason: `inschrijving ${slug} not available` });
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  if (wantsJson) {
    return outcome.kind === "stored"
      ? Response.json({ sha256: outcome.attachment.sha256, name: outcome.attachment.name, size: outcome.attachment.size }, { status: 201 })
      : Response.json({ errors: { file: outcome.message } }, { status: outcome.status });
  }
  return redirect(outcome.location, 303);
}
