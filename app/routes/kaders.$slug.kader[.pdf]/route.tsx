import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { requireKader } from "~/services/kaders/access.server";
import { requirePublishedVersion } from "~/services/kaders/downloads.server";
import { kaderPdfResponse } from "~/services/kaders/kader-pdf.server";

/** The published kader as a readable PDF document, for everyone who may see the kader. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "");
  const { version, kader: content } = requirePublishedVersion(kader, request);
  return kaderPdfResponse(kader, version, content);
}
