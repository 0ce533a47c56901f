import type { LoaderFunctionArgs } from "@remix-run/node";
import { overviewXlsx } from "~/services/tender/overview.server";
import { requireOverview } from "../inkoop.kaders.$slug.monitor._index/access.server";

/** The inkoper's overview as an Excel workbook (the same figures as the page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { overview } = requireOverview(request, params.slug ?? "");
  const bytes = await overviewXlsx(overview);
  const name = `tariefoverzicht-${overview.kader.slug}-v${overview.kader.version}.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
