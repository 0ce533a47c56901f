import type { LoaderFunctionArgs } from "@remix-run/node";
import { refuse, requireUser } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { openingRecordPdf } from "~/services/submissions/opening-record.server";

/** The proces-verbaal van opening: only once two inkopers have opened the submissions; 404 before, for everyone. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const result = await openingRecordPdf(user, kader.slug);
  if (!result.ok) throw refuse(getDb(), user, request, { status: 404, reason: "opening record not available" });
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${result.fileName}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
