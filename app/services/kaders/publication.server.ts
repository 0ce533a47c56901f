import { and, eq, isNotNull, isNull, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client.server";
import { clarificationNotices, kaders, kaderVersions, questions } from "../../../db/schema";
import type { Issue } from "../../../scoring";
import type { SessionUser } from "../../auth/session.server";
import { parseAmsterdamLocal } from "../../lib/amsterdam-time";
import type { FieldErrors } from "../../lib/forms";
import { appendAudit, getDb } from "../db.server";
import { contentHash, currentPhase, kaderRegionIds, latestVersion, validateDraft } from "./store.server";
import { BREAKEVEN_JUSTIFICATION, BREAKEVEN_PARAM, breakevenForPublication, storeBreakevenTest, type PublicationBreakeven } from "./breakeven.server";

const amsterdamTime = (what: string) =>
  z
    .string({ error: `Vul ${what} in.` })
    .trim()
    .min(1, `Vul ${what} in.`)
    .transform((v, ctx) => {
      const instant = parseAmsterdamLocal(v);
      if (!instant) {
        ctx.addIssue({ code: "custom", message: `Vul ${what} in als datum en tijd, bijvoorbeeld 01-12-2026 09:00.` });
        return z.NEVER;
      }
      return instant;
    });

export const publishSchema = z.object({
  opensAt: amsterdamTime("de openingstijd"),
  closesAt: amsterdamTime("de sluitingstijd"),
  questionsUntil: amsterdamTime("het einde van de vragenperiode"),
  noticeTitle: z.string().trim().max(200, "De titel is te lang.").optional(),
  noticeBody: z.string().trim().max(20_000, "De toelichting is te lang.").optional(),
  // The reële-tarieventoets (breakeven.server.ts): its assumptions (parsed there, by parameter
  // name) and the justification a failing test requires.
  [BREAKEVEN_PARAM.costIndexation]: z.string().optional(),
  [BREAKEVEN_PARAM.volumeChange]: z.string().optional(),
  [BREAKEVEN_PARAM.opslagen]: z.string().optional(),
  [BREAKEVEN_PARAM.threshold]: z.string().optional(),
  [BREAKEVEN_JUSTIFICATION]: z.string().trim().max(20_000, "De motivering is te lang.").optional(),
});

export type PublishInput = z.output<typeof publishSchema>;
export type PublishOutcome =
  | {
      ok: true;
      version: number;
      hash: string;
      /** The nota published with an amendment. */ notaNumber: number | null;
      /** True when only checked (nothing written). */ checked: boolean;
      /** The reële-tarieventoets run for this version (stored with it). */ breakeven: PublicationBreakeven;
    }
  | { ok: false; errors: FieldErrors; issues: Issue[] };

function nextNoticeNumber(db: Pick<Db, "select">, kaderId: number): number {
  return (db.select({ n: max(clarificationNotices.number) }).from(clarificationNotices).where(eq(clarificationNotices.kaderId, kaderId)).get()?.n ?? 0) + 1;
}

/**
 * Freezes the draft as a published version. The first publication sets the submission window;
 * every later one is an amendment and needs a nota van inlichtingen explaining it. Published
 * versions are immutable (database triggers); nothing is written unless everything holds.
 * With `check: true` it only runs every check and says what publishing would do (the page's
 * confirmation step), writing nothing.
 */
export function publishKader(
  actor: SessionUser,
  kader: typeof kaders.$inferSelect,
  submitted: PublishInput,
  db: Db = getDb(),
  now = new Date(),
  options: { check?: boolean } = {},
): PublishOutcome {
  const errors: FieldErrors = {};
  const phase = currentPhase(db, kader, now);
  const previous = latestVersion(db, kader.id);
  const amendment = previous !== null;
  // The form shows times to the minute; a stored time with seconds that the form sends back
  // unchanged (same minute) is the stored time, not a move of it.
  const keep = (given: Date, stored: Date | undefined) => (stored && Math.floor(given.getTime() / 60_000) === Math.floor(stored.getTime() / 60_000) ? stored : given);
  const input: PublishInput = {
    ...submitted,
    opensAt: keep(submitted.opensAt, previous?.opensAt),
    closesAt: keep(submitted.closesAt, previous?.closesAt),
    questionsUntil: keep(submitted.questionsUntil, previous?.questionsUntil),
  };
  // The closing time is history once it has passed (TenderNed practice; security.md, sealed
  // submissions): an attempt to move it is refused and leaves an audit event, whatever the phase.
  // The "ask first" step (check) writes nothing: only the confirmed attempt is recorded.
  if (amendment && previous.closesAt.getTime() <= now.getTime() && input.closesAt.getTime() !== previous.closesAt.getTime()) {
    if (!options.check) db.transaction(
      (tx) => {
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "kader.amend_refused",
          entityType: "kader",
          entityId: kader.slug,
          payload: { reason: "closing_time_passed", closesAt: previous.closesAt.toISOString(), requestedClosesAt: input.closesAt.toISOString() },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
      },
      { behavior: "immediate" },
    );
    return {
      ok: false,
      errors: Object.assign(Object.create(null) as FieldErrors, {
        closesAt: "De sluitingstijd is verstreken en ligt vast; die kan niet meer worden gewijzigd.",
        _form: "Dit kader kan niet meer worden gewijzigd: de inschrijving is gesloten.",
      }),
      issues: [],
    };
  }
  if (amendment && phase !== "gepubliceerd" && phase !== "open") {
    return { ok: false, errors: { _form: "Dit kader kan niet meer worden gewijzigd: de inschrijving is gesloten." }, issues: [] };
  }
  if (!kader.tariffTableId) errors.tariffTableId = "Kies eerst een tarieftabel bij de instellingen.";
  if (kaderRegionIds(db, kader.id).length === 0) errors.regionIds = "Kies eerst de regio's bij de instellingen.";
  const { kader: content, issues } = validateDraft(db, kader.draft, kader.tariffTableId);
  if (!content) errors._form = "Het concept bevat nog fouten; los die eerst op in de editor.";
  if (input.closesAt.getTime() <= now.getTime()) errors.closesAt = "De sluitingstijd moet in de toekomst liggen.";
  if (input.opensAt.getTime() >= input.closesAt.getTime()) errors.opensAt = "De openingstijd moet vóór de sluitingstijd liggen.";
  if (input.questionsUntil.getTime() > input.closesAt.getTime()) errors.questionsUntil = "De vragenperiode eindigt uiterlijk bij de sluitingstijd.";
  if (amendment) {
    if (!input.noticeBody || input.noticeBody.length < 10) errors.noticeBody = "Leg in de nota van inlichtingen uit wat er verandert (minstens 10 tekens).";
    // Once open, the opening time is history: it cannot be moved.
    if (phase === "open" && input.opensAt.getTime() !== previous.opensAt.getTime()) errors.opensAt = "De inschrijving is al geopend; de openingstijd ligt vast.";
    if (content && contentHash(content) === previous.contentHash && previous.closesAt.getTime() === input.closesAt.getTime() && previous.questionsUntil.getTime() === input.questionsUntil.getTime() && previous.opensAt.getTime() === input.opensAt.getTime() && previous.tariffTableId === kader.tariffTableId) {
      errors._form = "Er is niets gewijzigd ten opzichte van de gepubliceerde versie.";
    }
  }
  if (Object.keys(errors).length > 0 || !content) return { ok: false, errors, issues };
  // The reële-tarieventoets on the version as it would be published: a failing test needs a written justification.
  const breakeven = breakevenForPublication(db, kader, content, input);
  if (!breakeven.ok) return { ok: false, errors: breakeven.errors, issues: [] };

  const hash = contentHash(content);
  const number = (previous?.number ?? 0) + 1;
  if (options.check) return { ok: true, version: number, hash, notaNumber: amendment ? nextNoticeNumber(db, kader.id) : null, checked: true, breakeven: breakeven.value };
  const notaNumber = db.transaction(
    (tx) => {
      let noticeId: number | null = null;
      let nextNotice: number | null = null;
      if (amendment) {
        nextNotice = nextNoticeNumber(tx, kader.id);
        noticeId = tx
          .insert(clarificationNotices)
          .values({
            kaderId: kader.id,
            number: nextNotice,
            title: input.noticeTitle?.trim() || `Wijziging: versie ${number}`,
            body: input.noticeBody!,
            publishedAt: now,
            publishedBy: actor.id,
          })
          .returning({ id: clarificationNotices.id })
          .get().id;
      }
      const versionId = tx
        .insert(kaderVersions)
        .values({
          kaderId: kader.id,
          number,
          content,
          contentHash: hash,
          tariffTableId: kader.tariffTableId!,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          questionsUntil: input.questionsUntil,
          noticeId,
          publishedAt: now,
          publishedBy: actor.id,
        })
        .returning({ id: kaderVersions.id })
        .get().id;
      storeBreakevenTest(tx, versionId, breakeven.value, now);
      // Lists and headers show the published title and year, also after an amendment renames them.
      tx.update(kaders)
        .set({ title: content.title, year: content.year, ...(kader.phase === "concept" ? { phase: "gepubliceerd" as const } : {}) })
        .where(eq(kaders.id, kader.id))
        .run();
      appendAudit(tx, {
        actorUserId: actor.id,
        action: amendment ? "kader.amend" : "kader.publish",
        entityType: "kader",
        entityId: kader.slug,
        payload: {
          version: number,
          contentHash: hash,
          tariffTableId: kader.tariffTableId,
          opensAt: input.opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
          questionsUntil: input.questionsUntil.toISOString(),
          noticeId,
          breakevenTest: breakeven.value.audit,
        },
        organisationIds: [kader.zorgkantoorId],
        at: now,
      });
      return nextNotice;
    },
    { behavior: "immediate" },
  );
  return { ok: true, version: number, hash, notaNumber, checked: false, breakeven: breakeven.value };
}

export function listNotices(db: Db, kaderId: number) {
  return db.select().from(clarificationNotices).where(eq(clarificationNotices.kaderId, kaderId)).orderBy(clarificationNotices.number).all();
}

/** Answered questions not yet published: what the next nota would contain. */
export function unpublishedAnswers(db: Db, kaderId: number) {
  return db
    .select({ id: questions.id, text: questions.text, answer: questions.answer })
    .from(questions)
    .where(and(eq(questions.kaderId, kaderId), isNotNull(questions.answer), isNull(questions.noticeId)))
    .orderBy(questions.id)
    .all();
}
