import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { formatDateTime } from "~/lib/dates";
import type { KaderRow } from "~/services/kaders/access.server";
import { confirmOpening, OPENING_CONFIRM_WINDOW_MS, openingStatus, startOpening } from "~/services/submissions/opening.server";
import { CONFIRM_FIELD, type Confirmation } from "../inkoop.kaders.$slug._index/confirm";

const intentSchema = z.enum(["start", "confirm"], "Onbekende handeling.");
const MINUTES = OPENING_CONFIRM_WINDOW_MS / 60_000;

export type OpeningActionResult = { errors: Record<string, string | undefined>; confirm: Confirmation | null };

/**
 * Starting and confirming the opening. Both cannot be undone, so the first POST only asks;
 * only a POST with `bevestigd=ja` acts. A step the opening cannot take now is not asked about:
 * it goes straight to the service, which refuses it with a Dutch reason and an audit event.
 */
export async function handleOpeningAction(request: Request, user: SessionUser, kader: KaderRow, now: Date = new Date()) {
  const formData = await request.formData();
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ errors: { _form: "Onbekende handeling." }, confirm: null } satisfies OpeningActionResult, { status: 400 });
  const confirmed = formData.get(CONFIRM_FIELD) === "ja";
  if (!confirmed) {
    const status = openingStatus(user, kader.slug, now);
    const ask = (message: string, confirmLabel: string) =>
      data({ errors: {}, confirm: { intent: intent.data, message, confirmLabel, values: { intent: intent.data } } } satisfies OpeningActionResult);
    if (intent.data === "start" && status.ok && status.status.state === "ready" && status.status.canStart) {
      return ask(
        `U start de opening van de inschrijvingen op „${kader.title}”. Daarna moet een tweede, andere inkoper van uw zorgkantoor de opening binnen ${MINUTES} minuten bevestigen; ` +
          "pas dan kunnen de inkopers, beoordelaars en juristen van uw zorgkantoor de inschrijvingen lezen. Bevestigt niemand op tijd, dan vervalt de start. Dit wordt vastgelegd in het auditlogboek.",
        "Opening starten",
      );
    }
    if (intent.data === "confirm" && status.ok && status.status.state === "waiting" && status.status.canConfirm) {
      return ask(
        `U bevestigt de opening die ${status.status.startedBy.name} op ${formatDateTime(status.status.startedAt)} startte. Daarmee zijn alle inschrijvingen op „${kader.title}” geopend: ` +
          "de inkopers, beoordelaars en juristen van uw zorgkantoor kunnen ze lezen, en het proces-verbaal van opening legt ze vast. Dit kan niet ongedaan worden gemaakt.",
        "Opening bevestigen",
      );
    }
  }
  const result = intent.data === "start" ? startOpening(user, kader.slug, now) : confirmOpening(user, kader.slug, now);
  if (!result.ok) return data({ errors: result.errors, confirm: null } satisfies OpeningActionResult, { status: result.status });
  return redirect(`/inkoop/kaders/${kader.slug}/inschrijvingen?${intent.data === "start" ? "gestart" : "geopend"}=1#melding`);
}

const doneSchema = z.union([z.object({ gestart: z.literal("1") }), z.object({ geopend: z.literal("1") })]);

/** The status message after a completed step, from what is stored (the query only says which step). */
export function openingDoneMessage(request: Request, user: SessionUser, kader: KaderRow, now: Date = new Date()): string | null {
  const parsed = doneSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return null;
  const status = openingStatus(user, kader.slug, now);
  if (!status.ok) return null;
  const s = status.status;
  if ("gestart" in parsed.data) {
    if (s.state !== "waiting") return null;
    return (
      `${s.startedBy.id === user.id ? "U heeft" : `${s.startedBy.name} heeft`} de opening gestart op ${formatDateTime(s.startedAt)}. ` +
      `Een tweede, andere inkoper moet haar bevestigen vóór ${formatDateTime(s.confirmBefore)}; tot dan blijven de inschrijvingen verzegeld.`
    );
  }
  if (s.state !== "complete") return null;
  return (
    `De inschrijvingen zijn geopend op ${formatDateTime(s.completedAt)}: gestart door ${s.startedBy.name}, bevestigd door ${s.confirmedBy.name}. ` +
    "Hieronder staan alle inschrijvingen; het proces-verbaal van opening staat klaar."
  );
}
