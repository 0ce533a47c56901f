import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { monitorPdfResponse, requireOwnMonitor } from "~/services/monitor/monitor.server";

/** The provider's own tariff monitor as PDF: the same access as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const subject = requireOwnMonitor(request, user, params.slug ?? "");
  return monitorPdfResponse(request, user, subject);
}
