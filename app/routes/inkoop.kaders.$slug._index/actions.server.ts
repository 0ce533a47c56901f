import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { formatDate } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import type { KaderRow } from "~/services/kaders/access.server";
import { MANUAL_TRANSITIONS, PHASE_LABEL } from "~/services/kaders/lifecycle";
import { listNotices, publishKader, publishSchema } from "~/services/kaders/publication.server";
import { answerQuestion, answersInNotice, answerSchema, findQuestion, previewPublishAnswers, publishAnswers } from "~/services/kaders/questions.server";
import { currentPhase, listVersions, saveSettings, settingsSchema } from "~/services/kaders/store.server";
import { transitionKader } from "~/services/kaders/transitions.server";
import { getDb } from "~/services/db.server";
import { breakevenSentence } from "~/services/kaders/breakeven.server";
import { KADER_PHASES } from "../../../db/schema/kaders";
import { CONFIRM_FIELD, type Confirmation } from "./confirm";

const intentSchema = z.enum(["settings", "publish", "transition", "answer", "publishAnswers"], "Onbekende handeling.");


/** After a completed action the page reloads with one of these; the loader turns it into a sentence from what is stored. */
export const doneSchema = z.union([
  z.object({ gepubliceerd: z.coerce.number().int().positive() }),
  z.object({ nota: z.coerce.number().int().positive() }),
  z.object({ fase: z.enum(KADER_PHASES) }),
  z.object({ bewaard: z.literal("instellingen") }),
  z.object({ beantwoord: z.coerce.number().int().positive() }),
]);

function submitted(formData: FormData): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const [k, v] of formData.entries()) if (typeof v === "string" && k !== CONFIRM_FIELD) values[k] = v;
  return values;
}

/**
 * One form per intent on the kader page; each answers with its own field errors. Publishing,
 * amending, publishing answers and moving the phase on cannot be undone: the first POST only
 * checks and asks; only a POST with `bevestigd=ja` acts. Every completed action redirects to
 * the page with what happened in the query, which the page says in a status message.
 */
export async function handleKaderAction(request: Request, user: SessionUser, kader: KaderRow) {
  const formData = await request.formData();
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return data({ intent: null, errors: { _form: "Onbekende handeling." }, values: {}, confirm: null }, { status: 400 });
  const confirmed = formData.get(CONFIRM_FIELD) === "ja";
  const done = (query: Record<string, string | number>) =>
    redirect(`/inkoop/kaders/${kader.slug}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}#melding`);
  const ask = (confirm: Omit<Confirmation, "intent" | "values">) =>
    data({ intent: intent.data, errors: {}, values: {}, confirm: { ...confirm, intent: intent.data, values: submitted(formData) } satisfies Confirmation });
  switch (intent.data) {
    case "settings": {
      const form = parseForm(settingsSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values, confirm: null }, { status: 400 });
      const result = saveSettings(user, kader, form.data);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {}, confirm: null }, { status: 400 });
      return done({ bewaard: "instellingen" });
    }
    case "publish": {
      const form = parseForm(publishSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values, confirm: null }, { status: 400 });
      const result = publishKader(user, kader, form.data, getDb(), new Date(), { check: !confirmed });
      if (!result.ok) {
        const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
        return data({ intent: intent.data, errors: result.errors, values, confirm: null }, { status: 400 });
      }
      if (result.checked) {
        const nota = result.notaNumber !== null ? ` met nota van inlichtingen ${result.notaNumber}` : "";
        return ask({
          message:
            `U publiceert versie ${result.version} van „${kader.title}”${nota}. De inschrijving loopt van ${formatDateTimeWords(form.data.opensAt)} tot ${formatDateTimeWords(form.data.closesAt)}. ` +
            `${breakevenSentence(result.breakeven)} ` +
            "Alle aanbieders in de regio's van dit kader zien deze versie meteen. Dit kan niet ongedaan worden gemaakt.",
          confirmLabel: `Versie ${result.version} publiceren`,
        });
      }
      return done({ gepubliceerd: result.version });
    }
    case "transition": {
      const to = z.enum(KADER_PHASES).safeParse(formData.get("to"));
      if (!to.success) return data({ intent: intent.data, errors: { _form: "Onbekende fase." }, values: {}, confirm: null }, { status: 400 });
      const from = currentPhase(getDb(), kader);
      // Only a step the kader can take asks first; any other goes straight to the service,
      // which refuses it with the reason and an audit event.
      if (!confirmed && MANUAL_TRANSITIONS[from]?.to === to.data) {
        return ask({
          message: `U zet „${kader.title}” van fase „${PHASE_LABEL[from]}” naar fase „${PHASE_LABEL[to.data]}”. Dit kan niet ongedaan worden gemaakt.`,
          confirmLabel: `Naar fase „${PHASE_LABEL[to.data]}”`,
        });
      }
      const result = transitionKader(user, kader, to.data);
      if (!result.ok) return data({ intent: intent.data, errors: { _form: result.error }, values: {}, confirm: null }, { status: 409 });
      return done({ fase: to.data });
    }
    case "answer": {
      const form = parseForm(answerSchema, formData);
      if (!form.ok) return data({ intent: intent.data, errors: form.errors, values: form.values, confirm: null }, { status: 400 });
      const result = answerQuestion(user, kader, form.data);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {}, confirm: null }, { status: 400 });
      return done({ beantwoord: form.data.questionId });
    }
    case "publishAnswers": {
      if (!confirmed) {
        const preview = previewPublishAnswers(kader);
        if (!preview.ok) return data({ intent: intent.data, errors: preview.errors, values: {}, confirm: null }, { status: 400 });
        return ask({
          message:
            `U publiceert ${preview.answers === 1 ? "het antwoord op 1 vraag" : `de antwoorden op ${preview.answers} vragen`} als nota van inlichtingen ${preview.number} ` +
            "voor alle aanbieders in de regio's van dit kader, zonder te vermelden wie iets vroeg. Dit kan niet ongedaan worden gemaakt.",
          confirmLabel: `Nota van inlichtingen ${preview.number} publiceren`,
        });
      }
      const result = publishAnswers(user, kader);
      if (!result.ok) return data({ intent: intent.data, errors: result.errors, values: {}, confirm: null }, { status: 400 });
      return done({ nota: result.number });
    }
  }
}

/** "01-12-2026 om 10:15" */
export function formatDateTimeWords(value: Date | string): string {
  const d = new Date(value);
  const time = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" }).format(d);
  return `${formatDate(d)} om ${time}`;
}

/**
 * The status message after a completed action, built from what is stored (never from the
 * query's words): the query only says which version, nota, phase or question to describe.
 */
export function doneMessage(request: Request, kader: KaderRow): string | null {
  const parsed = doneSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return null;
  const db = getDb();
  const done = parsed.data;
  if ("gepubliceerd" in done) {
    const version = listVersions(db, kader.id).find((v) => v.number === done.gepubliceerd);
    if (!version) return null;
    const nota = version.noticeId !== null ? listNotices(db, kader.id).find((n) => n.id === version.noticeId) : undefined;
    return (
      `Versie ${version.number} van „${kader.title}” is gepubliceerd op ${formatDateTimeWords(version.publishedAt)}; ` +
      (nota ? `de nota van inlichtingen ${nota.number} is bijgevoegd.` : "de aanbieders in de regio's van dit kader zien het nu.")
    );
  }
  if ("nota" in done) {
    const nota = listNotices(db, kader.id).find((n) => n.number === done.nota);
    if (!nota) return null;
    const answers = answersInNotice(db, nota.id);
    return (
      `Nota van inlichtingen ${nota.number} is gepubliceerd op ${formatDateTimeWords(nota.publishedAt)}` +
      (answers > 0 ? `, met ${answers === 1 ? "1 antwoord" : `${answers} antwoorden`}` : "") +
      "; alle aanbieders in de regio's van dit kader zien hem nu."
    );
  }
  if ("fase" in done) {
    if (currentPhase(db, kader) !== done.fase) return null;
    return `„${kader.title}” staat nu in fase „${PHASE_LABEL[done.fase]}”.`;
  }
  if ("bewaard" in done) return "De instellingen zijn bewaard.";
  const question = findQuestion(db, kader.id, done.beantwoord);
  if (!question?.answer) return null;
  return question.noticeId === null
    ? `Het antwoord op vraag ${question.id} is bewaard. Aanbieders zien het pas als u de antwoorden publiceert in een nota van inlichtingen.`
    : `Het antwoord op vraag ${question.id} is bewaard.`;
}
