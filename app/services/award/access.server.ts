// Route guards for the award pages: each loader and action calls one of these for itself.
import { z } from "zod";
import { refuse } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import { renderAwardLetter } from "../../../templates/award-letter";
import { getDb } from "../db.server";
import { requireKader, type KaderRow } from "../kaders/access.server";
import { decisionOfKader, providerDecision } from "./decisions.server";
import { storedLetter } from "./letters.server";
import { letterViewModel, type DecisionRow } from "./stored-data.server";

/** The kader for its own zorgkantoor's staff in `role`: 404 for anyone else's staff, 403 by role. */
export function requireAwardStaff(request: Request, user: SessionUser, slug: string, roles: readonly ("inkoper" | "jurist")[]): KaderRow {
  const db = getDb();
  const { kader } = requireKader(request, user, slug, { audience: "staff" });
  if (!roles.some((r) => user.roles.includes(r))) throw refuse(db, user, request, { status: 403, reason: `${roles.join("/")} required` });
  return kader;
}

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A decision of this kader by its id in the URL, or 404 (another kader's id answers the same). */
export function requireDecision(request: Request, user: SessionUser, kader: KaderRow, raw: string | undefined): DecisionRow {
  const db = getDb();
  const id = idSchema.safeParse(raw);
  const d = id.success ? decisionOfKader(db, kader.id, id.data) : null;
  if (!d) throw refuse(db, user, request, { status: 404, reason: `decision ${raw ?? ""} not in kader ${kader.slug}` });
  return d;
}

/**
 * The provider's own sent decision on a kader it may see. Before sending there is nothing: the
 * same 404 as for a kader outside its regions, so not even the decision's existence shows.
 */
export function requireOwnSentDecision(request: Request, user: SessionUser, slug: string): { kader: KaderRow; decision: DecisionRow } {
  const db = getDb();
  const { kader } = requireKader(request, user, slug, { audience: "provider" });
  const decision = user.organisation ? providerDecision(db, kader.id, user.organisation.id) : null;
  if (!decision) throw refuse(db, user, request, { status: 404, reason: `no sent decision on ${slug}` });
  return { kader, decision };
}

function pdfResponse(pdf: Buffer, fileName: string, sha256: string | null): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...(sha256 ? { "X-Content-SHA256": sha256 } : {}),
    },
  });
}

/** The stored letter of a sent decision; for staff before it is written, the concept rendered from the stored run. */
export async function letterResponse(kader: KaderRow, d: DecisionRow, options: { conceptAllowed: boolean }): Promise<Response> {
  const db = getDb();
  const stored = storedLetter(db, d.id);
  const base = `besluit-${kader.slug}-${d.agbCode}-${d.id}`;
  if (stored) return pdfResponse(stored.pdf, `${base}.pdf`, stored.sha256);
  if (!options.conceptAllowed) return new Response("Niet gevonden", { status: 404 });
  return pdfResponse(await renderAwardLetter(letterViewModel(db, kader, d)), `${base}-concept.pdf`, null);
}
