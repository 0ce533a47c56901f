import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { getDb } from "~/services/db.server";
import type { KaderRow } from "~/services/kaders/access.server";
import { REASON_MAX, decisionsOfKader, prepareDecisions, sendDecisions, sendPreconditions, setOutcome, submitForReview, type NotApproved } from "~/services/award/decisions.server";
import { startLetterBatch } from "~/services/award/letters.server";
import { correctionPreview, prepareCorrectedDecisions } from "~/services/award/corrections.server";
import { finalAwardCheck } from "~/services/award/final.server";
import { transitionKader } from "~/services/kaders/transitions.server";
import { CONFIRM_FIELD, type Confirmation } from "../inkoop.kaders.$slug._index/confirm";

const id = z.coerce.number("Onbekend besluit.").int().positive().max(Number.MAX_SAFE_INTEGER);
const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("voorbereiden"), ronde: z.union([z.literal(""), id]).default("") }),
  z.object({
    intent: z.literal("uitkomst"),
    besluit: id,
    gecontracteerd: z.enum(["ja", "nee"], "Kies of deze aanbieder wordt gecontracteerd."),
    reden: z.string().max(REASON_MAX, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`).default(""),
  }),
  z.object({ intent: z.literal("aanbieden"), besluit: z.union([z.literal(""), id]).default("") }),
  z.object({ intent: z.literal("verzenden") }),
  z.object({ intent: z.literal("brieven") }),
  z.object({ intent: z.literal("corrigeren"), reden: z.string().max(REASON_MAX, `De reden is te lang (hoogstens ${REASON_MAX} tekens).`).default("") }),
  z.object({ intent: z.literal("definitief") }),
]);

export type AwardActionResult = { errors: Record<string, string | undefined>; confirm: Confirmation | null; notApproved?: NotApproved[]; done?: string };

function fail(errors: Record<string, string>, status: number, extra: Partial<AwardActionResult> = {}) {
  return data({ errors: { ...errors }, confirm: null, ...extra } satisfies AwardActionResult, { status });
}

/**
 * The inkoper's award actions. Preparing over decisions of an earlier run, sending, preparing
 * corrected decisions and the final award ask first; the others act at once (they are undone by
 * the next step: a concept can be changed).
 */
export async function handleAwardAction(request: Request, user: SessionUser, kader: KaderRow) {
  const form = await request.formData();
  const raw: Record<string, unknown> = Object.create(null);
  for (const key of ["intent", "ronde", "besluit", "gecontracteerd", "reden"]) {
    const v = form.get(key);
    if (typeof v === "string") raw[key] = v;
  }
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = Object.create(null);
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "reden" && typeof raw.besluit === "string" ? `reden-${raw.besluit}` : "_form";
      errors[field] ??= issue.path[0] === "intent" ? "Onbekende handeling." : issue.message;
    }
    return fail(errors, 400);
  }
  const db = getDb();
  const confirmed = form.get(CONFIRM_FIELD) === "ja";
  const input = parsed.data;
  const base = `/inkoop/kaders/${kader.slug}/gunning`;
  switch (input.intent) {
    case "voorbereiden": {
      const runId = input.ronde === "" ? undefined : input.ronde;
      const existing = decisionsOfKader(db, kader.id).filter((d) => d.state !== "verzonden");
      if (!confirmed && existing.length > 0) {
        return data({
          errors: {},
          confirm: {
            intent: "voorbereiden",
            message: `Er ${existing.length === 1 ? "is al 1 besluit" : `zijn al ${existing.length} besluiten`} voorbereid. Besluiten uit een andere scoringsronde worden vervangen (ook als ze al zijn goedgekeurd) en opnieuw als concept voorbereid; besluiten uit deze ronde blijven staan.`,
            confirmLabel: "Besluiten voorbereiden",
            values: { intent: "voorbereiden", ronde: runId === undefined ? "" : String(runId) },
          },
        } satisfies AwardActionResult);
      }
      const result = prepareDecisions(user, kader.slug, runId === undefined ? {} : { runId });
      if (!result.ok) return fail(result.errors as Record<string, string>, result.status);
      return redirect(`${base}?voorbereid=${result.created}&vervangen=${result.superseded}`);
    }
    case "uitkomst": {
      const result = setOutcome(user, kader.slug, input.besluit, { contracted: input.gecontracteerd === "ja", reason: input.reden });
      if (!result.ok) return fail(result.errors as Record<string, string>, result.status);
      return redirect(`${base}?gewijzigd=${input.besluit}#besluit-${input.besluit}`);
    }
    case "aanbieden": {
      const result = submitForReview(user, kader.slug, input.besluit === "" ? {} : { decisionId: input.besluit });
      if (!result.ok) return fail(result.errors as Record<string, string>, result.status);
      return redirect(`${base}?aangeboden=${result.submitted}`);
    }
    case "verzenden": {
      const pre = sendPreconditions(db, kader);
      if (!confirmed && pre.ok) {
        return data({
          errors: {},
          confirm: {
            intent: "verzenden",
            message: `U verzendt ${pre.count === 1 ? "1 goedgekeurd besluit" : `alle ${pre.count} goedgekeurde besluiten`} van „${kader.title}” tegelijk. Elke aanbieder ziet vanaf nu zijn eigen besluit en brief; de opschortende termijn van 20 kalenderdagen begint nu. Een verzonden besluit kan niet meer worden gewijzigd.`,
            confirmLabel: pre.count === 1 ? "1 besluit verzenden" : `${pre.count} besluiten verzenden`,
            values: { intent: "verzenden" },
          },
        } satisfies AwardActionResult);
      }
      const result = sendDecisions(user, kader.slug);
      if (!result.ok) return fail(result.errors as Record<string, string>, result.status, "notApproved" in result && result.notApproved ? { notApproved: result.notApproved } : {});
      startLetterBatch(db, kader.id, user);
      return redirect(`${base}?verzonden=${result.sent}`);
    }
    case "brieven": {
      startLetterBatch(db, kader.id, user);
      return redirect(`${base}?brieven=1`);
    }
    case "corrigeren": {
      const preview = correctionPreview(db, kader);
      if (!confirmed && preview.ok && input.reden.trim() !== "") {
        const names = preview.affected.map((a) => a.provider);
        return data({
          errors: {},
          confirm: {
            intent: "corrigeren",
            message: `U bereidt uit scoringsronde ${preview.run.number} ${names.length === 1 ? "een gecorrigeerd besluit" : `${names.length} gecorrigeerde besluiten`} voor (${names.join(", ")}). Elk vervangt het verzonden besluit van die aanbieder, met de reden die u gaf; het verzonden besluit en zijn brief blijven ongewijzigd bewaard. Een jurist toetst de gecorrigeerde besluiten, daarna verzendt u ze. Dit kan niet ongedaan worden gemaakt.`,
            confirmLabel: names.length === 1 ? "Gecorrigeerd besluit voorbereiden" : `${names.length} gecorrigeerde besluiten voorbereiden`,
            values: { intent: "corrigeren", reden: input.reden },
          },
        } satisfies AwardActionResult);
      }
      const result = prepareCorrectedDecisions(user, kader.slug, { reason: input.reden });
      if (!result.ok) return fail(result.errors as Record<string, string>, result.status);
      return redirect(`${base}?gecorrigeerd=${result.created}&vervangen=${result.superseded}`);
    }
    case "definitief": {
      if (!confirmed) {
        const check = finalAwardCheck(db, kader.id, new Date());
        if (check.ok)
          return data({
            errors: {},
            confirm: {
              intent: "definitief",
              message: `U gunt „${kader.title}” definitief: de ${check.decisions === 1 ? "verzonden besluit is" : `${check.decisions} verzonden besluiten zijn`} dan onherroepelijk op het platform en het kader gaat naar fase „Definitief gegund”. Dit kan niet ongedaan worden gemaakt.`,
              confirmLabel: "Definitief gunnen",
              values: { intent: "definitief" },
            },
          } satisfies AwardActionResult);
      }
      // Refusals (with every reason) come from the transition itself, audited.
      const result = transitionKader(user, kader, "definitief_gegund");
      if (!result.ok) return fail({ _form: result.error }, 409);
      return redirect(`${base}?definitief=1`);
    }
  }
}
