import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { monitorPdfResponse, requireInkoperMonitor } from "~/services/monitor/monitor.server";

/** One provider's tariff monitor as PDF for the kader's inkopers: the same access as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "inkoper");
  const subject = requireInkoperMonitor(request, user, params.slug ?? "", params.agb ?? "");
  return monitorPdfResponse(request, user, subject);
}
