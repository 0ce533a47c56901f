import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { getDb } from "~/services/db.server";
import type { KaderRow } from "~/services/kaders/access.server";
import { prewarmRunWorker, REASON_MAX, runPreconditions, startScoringRun, type UnscoredPlan } from "~/services/tender/scoring-run.server";
import { CONFIRM_FIELD, type Confirmation } from "../inkoop.kaders.$slug._index/confirm";

const formSchema = z.object({
  intent: z.literal("start", "Onbekende handeling."),
  reden: z.string().max(REASON_MAX, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`).default(""),
});

export type StartActionResult = { errors: Record<string, string | undefined>; confirm: Confirmation | null; unscored?: UnscoredPlan[] };

/**
 * Starting a scoring run. The first POST only asks (what the run will do, and for a correction
 * against which run and why); only a POST with `bevestigd=ja` starts it. A start the kader cannot
 * take now is not asked about: the service refuses it with its reason and an audit event.
 */
export async function handleStartAction(request: Request, user: SessionUser, kader: KaderRow) {
  const formData = await request.formData();
  const parsed = formSchema.safeParse({ intent: formData.get("intent"), reden: formData.get("reden") ?? undefined });
  if (!parsed.success) {
    const errors: Record<string, string> = Object.create(null);
    for (const issue of parsed.error.issues) errors[issue.path[0] === "reden" ? "reden" : "_form"] ??= issue.message;
    return data({ errors: { ...errors }, confirm: null } satisfies StartActionResult, { status: 400 });
  }
  const reason = parsed.data.reden.trim();
  if (formData.get(CONFIRM_FIELD) !== "ja") {
    const pre = runPreconditions(getDb(), kader);
    if (pre.ok && (!pre.corrects || reason !== "")) {
      // While the inkoper reads the question, the run's worker loads its modules.
      void prewarmRunWorker();
      const message = pre.corrects
        ? `U start een correctieronde op „${kader.title}”: de rekenkern berekent alle tarieven opnieuw uit de huidige gegevens (register, inschrijvingen, vastgestelde feiten en eindscores). ` +
          `De ronde corrigeert scoringsronde ${pre.corrects.number}, met als reden: „${reason}”. Het verschil per aanbieder en per regel wordt getoond. De ronde wordt onveranderlijk vastgelegd en in het auditlogboek opgenomen.`
        : `U start de scoringsronde op „${kader.title}”: de rekenkern berekent de tarieven van alle aanbieders uit de huidige gegevens (register, inschrijvingen, vastgestelde feiten en eindscores). ` +
          "De kaderversie, de invoer en het resultaat worden met hun hashes onveranderlijk vastgelegd en in het auditlogboek opgenomen.";
      return data({ errors: {}, confirm: { intent: "start", message, confirmLabel: "Scoringsronde starten", values: { intent: "start", reden: reason } } } satisfies StartActionResult);
    }
  }
  const result = startScoringRun(user, kader.slug, { reason });
  if (!result.ok) return data({ errors: { ...result.errors }, confirm: null, ...(result.unscored ? { unscored: result.unscored } : {}) } satisfies StartActionResult, { status: result.status });
  return redirect(`/inkoop/kaders/${kader.slug}/scoringsrondes/${result.runId}?gestart=1`);
}
