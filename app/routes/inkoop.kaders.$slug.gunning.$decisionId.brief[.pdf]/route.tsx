import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { letterResponse, requireAwardStaff, requireDecision } from "~/services/award/access.server";

/** A decision's letter for the kader's inkopers and jurists: the stored letter once written, else the concept from the stored run. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "jurist"]);
  const kader = requireAwardStaff(request, user, params.slug ?? "", ["inkoper", "jurist"]);
  const decision = requireDecision(request, user, kader, params.decisionId);
  return letterResponse(kader, decision, { conceptAllowed: true });
}
