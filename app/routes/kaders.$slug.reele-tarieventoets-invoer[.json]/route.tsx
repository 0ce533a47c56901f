import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { breakevenFileResponse } from "~/services/kaders/breakeven.server";
import { requirePublishedVersion } from "~/services/kaders/downloads.server";

/**
 * The inputs the reële-tarieventoets of a published version ran on (zorginkoop.inputs/v1: the
 * tariff table and the providers' volumes under pseudonyms), for everyone who may see the kader.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "");
  const { version } = requirePublishedVersion(kader, request);
  return breakevenFileResponse(getDb(), kader.slug, version, "inputs");
}
