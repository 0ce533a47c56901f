import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { refuse, requireRole } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { loadRun, runFile, RUN_FILES } from "~/services/tender/scoring-run.server";

const paramsSchema = z.object({ runId: z.coerce.number().int().positive().max(2 ** 31), bestand: z.enum(RUN_FILES) });

/**
 * /inkoop/kaders/<slug>/scoringsrondes/<run>/(kader|invoer|resultaat).json — a run's stored
 * files, byte for byte what the page's SHA-256 is over (also in the X-Content-SHA256 header).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, ["inkoper", "jurist"]);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const db = getDb();
  const parsed = paramsSchema.safeParse(params);
  const run = parsed.success ? loadRun(db, kader.id, parsed.data.runId) : null;
  const file = run && parsed.success ? runFile(db, run, parsed.data.bestand) : null;
  if (!run || !file || !parsed.success) throw refuse(db, user, request, { status: 404, reason: `scoring run file ${params.runId}/${params.bestand} not in kader ${kader.slug}` });
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kader.slug}-ronde-${run.number}-${parsed.data.bestand}"`,
      "X-Content-SHA256": file.sha256,
      "Cache-Control": "no-store",
    },
  });
}
