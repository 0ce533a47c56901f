import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { refuse, requireUser } from "~/auth/guards.server";
import { getDb } from "~/services/db.server";
import { requireKader } from "~/services/kaders/access.server";
import { attachmentResponse, submissionAttachment } from "~/services/submissions/staff.server";

const paramsSchema = z.object({ providerId: z.coerce.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** An attachment of an opened inschrijving; `readAttachment` decides (404 before the opening, for everyone). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { kader } = requireKader(request, user, params.slug ?? "", { audience: "staff" });
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw refuse(getDb(), user, request, { status: 404, reason: "bad attachment path" });
  const file = submissionAttachment(user, kader.slug, parsed.data.providerId, parsed.data.sha256);
  if (!file.ok) throw refuse(getDb(), user, request, { status: 404, reason: "attachment not readable" });
  return attachmentResponse(file.name, file.bytes);
}
