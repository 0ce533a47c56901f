// The plan page's loader and action for both audiences (the beoordelaar's page under
// /beoordeling and the inkoper's chair page under /inkoop/kaders/:slug/beoordeling): parse the
// path, call the service, answer. Scores, submission and consensus are decided in
// assessor.server.ts.
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { refuse } from "../../auth/guards.server";
import type { SessionUser } from "../../auth/session.server";
import { getDb } from "../db.server";
import { planPage, saveScores, setConsensus, submitScores, type PlanRefusal } from "./assessor.server";
import { deviationField, missingField, motivationField, scoreField } from "./fields";
import { NO_GROUP, NO_GROUP_SEGMENT, type PlanRef } from "./plans.server";
import { kaderBySlug } from "./state.server";
import { currentKader, pointsModulesOf } from "./plans.server";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const paramsSchema = z.object({
  slug: z.string().min(1).max(200),
  providerId: z.coerce.number().int().positive(),
  moduleId: z.string().regex(SLUG),
  targetGroupId: z.union([z.literal(NO_GROUP_SEGMENT), z.string().regex(SLUG)]),
});

export function planRefFromParams(params: Record<string, string | undefined>): { slug: string; ref: PlanRef } | null {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return null;
  const { slug, providerId, moduleId, targetGroupId } = parsed.data;
  return {
    slug,
    ref: {
      providerId,
      moduleId,
      targetGroupId: targetGroupId === NO_GROUP_SEGMENT ? NO_GROUP : targetGroupId,
    },
  };
}

/** The page, or the refusal as a Response (a beoordelaar who has not declared yet goes to the declarations). */
export function loadPlanPage(request: Request, user: SessionUser, params: Record<string, string | undefined>, now: Date = new Date()) {
  const db = getDb();
  const parsed = planRefFromParams(params);
  if (!parsed) throw refuse(db, user, request, { status: 404, reason: "bad plan path" });
  const result = planPage(user, parsed.slug, parsed.ref, now, db);
  if (!result.ok) throw planRefusalResponse(request, user, parsed.slug, result);
  return result.page;
}

function planRefusalResponse(request: Request, user: SessionUser, slug: string, r: PlanRefusal): Response {
  if (r.code === "declare") return redirect(`/beoordeling/${encodeURIComponent(slug)}?eerst=verklaren`);
  return refuse(getDb(), user, request, {
    status: r.status === 404 ? 404 : 403,
    reason: `assessment plan: ${r.code}`,
  });
}

export type PlanActionResult = {
  errors: Record<string, string | undefined>;
  values: Record<string, string> | null;
  /** Which form the errors belong to. */
  form: "scores" | "consensus";
  saved?: boolean;
  confirm?: {
    intent: string;
    message: string;
    confirmLabel: string;
    values: Record<string, string>;
  } | null;
};

/** The submitted values of the criteria's fields (by the kader's ids, never the form's keys), to show them again. */
function echo(formData: FormData, criterionIds: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const id of criterionIds)
    for (const name of [scoreField(id), motivationField(id), missingField(id), deviationField(id)]) {
      const v = formData.get(name);
      if (typeof v === "string") out[name] = v.slice(0, 20_000);
    }
  return out;
}

const intentSchema = z.enum(["opslaan", "indienen", "consensus"]);

export async function handlePlanAction(
  request: Request,
  user: SessionUser,
  params: Record<string, string | undefined>,
  basePath: string,
  now: Date = new Date()
) {
  const db = getDb();
  const parsed = planRefFromParams(params);
  if (!parsed) throw refuse(db, user, request, { status: 404, reason: "bad plan path" });
  const formData = await request.formData();
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success)
    return data(
      {
        errors: { _form: "Onbekende handeling." },
        values: null,
        form: "scores",
      } satisfies PlanActionResult,
      { status: 400 }
    );
  const row = kaderBySlug(db, parsed.slug);
  const module = row ? pointsModulesOf(currentKader(db, row.id) ?? ({ surcharges: [] } as never)).find((m) => m.id === parsed.ref.moduleId) : undefined;
  const values = echo(formData, module?.criteria.map((c) => c.id) ?? []);
  const formName = intent.data === "consensus" ? "consensus" : "scores";
  const fail = (r: { status: number; errors: Record<string, string | undefined> }) =>
    data({ errors: r.errors, values, form: formName } satisfies PlanActionResult, { status: r.status });

  if (intent.data === "consensus") {
    const r = setConsensus(user, parsed.slug, parsed.ref, formData, now, db);
    if (!r.ok) return fail(r);
    return redirect(`${basePath}?consensus=1#eindscores`);
  }
  if (intent.data === "opslaan") {
    const r = saveScores(user, parsed.slug, parsed.ref, formData, { complete: false }, now, db);
    if (!r.ok) return fail(r);
    return data({
      errors: {},
      values: null,
      form: "scores",
      saved: true,
    } satisfies PlanActionResult);
  }
  // Submitting asks first: the first POST stores the complete draft, the second submits it.
  if (formData.get("bevestigd") !== "ja") {
    const r = saveScores(user, parsed.slug, parsed.ref, formData, { complete: true }, now, db);
    if (!r.ok) return fail(r);
    return data({
      errors: {},
      values: null,
      form: "scores",
      saved: true,
      confirm: {
        intent: "indienen",
        message:
          "Uw scores zijn als concept bewaard. Dient u ze nu in, dan liggen ze vast: u kunt ze daarna niet meer wijzigen. Pas daarna ziet u de scores van de andere beoordelaars.",
        confirmLabel: "Scores definitief indienen",
        values: { intent: "indienen" },
      },
    } satisfies PlanActionResult);
  }
  const r = submitScores(user, parsed.slug, parsed.ref, now, db);
  if (!r.ok) return fail(r);
  return redirect(`${basePath}?ingediend=1`);
}
