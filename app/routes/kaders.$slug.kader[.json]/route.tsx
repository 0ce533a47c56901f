import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { requireKader } from "~/services/kaders/access.server";
import { kaderFileResponse, requirePublishedVersion } from "~/services/kaders/downloads.server";

/** The published kader in the open format (JSON), for everyone who may see the kader. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "");
  const { version, kader: content } = requirePublishedVersion(kader, request);
  return kaderFileResponse(kader, content, version.number, "json");
}
