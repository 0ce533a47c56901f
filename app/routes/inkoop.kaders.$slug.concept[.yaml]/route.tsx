import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { requireKaderEditor } from "~/services/kaders/access.server";
import { draftFileResponse } from "../inkoop.kaders.$slug.bewerken/draft-file.server";

/** The working copy (concept) as a YAML download: only for the editor's own inkopers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const kader = requireKaderEditor(request, user, params.slug ?? "");
  return draftFileResponse(kader, "yaml");
}
