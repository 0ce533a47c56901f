// The filtered audit trail as CSV, with the page's scope, filters and redaction.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { parseAuditQuery } from "~/lib/audit-filters";
import { auditCsv } from "~/services/audit-log.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireRole(request, ["jurist", "beheerder"]);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  if (!query.ok) return new Response(`De filters kloppen niet: ${Object.values(query.errors).join(" ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { csv, rows, truncated } = auditCsv(user, query.filters);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audittrail.csv"`,
      "Cache-Control": "no-store",
      "X-Audit-Rows": String(rows),
      ...(truncated ? { "X-Audit-Truncated": "1" } : {}),
    },
  });
}
