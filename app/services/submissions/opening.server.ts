import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { kaders, submissionOpenings, users } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { formatDateTime } from "../../lib/dates";
import { appendAudit, getDb } from "../db.server";
import { kaderAudience } from "../kaders/access.server";
import { latestVersion } from "../kaders/store.server";
import { NOT_FOUND, refusal, type Refusal } from "./context.server";

/** The second officer confirms within this time of the start; otherwise the start lapses. Migration 0007 holds the same bound. */
export const OPENING_CONFIRM_WINDOW_MS = 30 * 60 * 1000;

type KaderRow = typeof kaders.$inferSelect;
type OpeningRow = typeof submissionOpenings.$inferSelect;
type Tx = Pick<Db, "select" | "insert">;

/** The latest start of a kader's opening and its confirmation, if any. */
function latestStart(db: Pick<Db, "select">, kaderId: number): OpeningRow | undefined {
  return db
    .select()
    .from(submissionOpenings)
    .where(and(eq(submissionOpenings.kaderId, kaderId), eq(submissionOpenings.step, "started")))
    .orderBy(desc(submissionOpenings.id))
    .limit(1)
    .get();
}

function confirmation(db: Pick<Db, "select">, kaderId: number): OpeningRow | undefined {
  return db
    .select()
    .from(submissionOpenings)
    .where(and(eq(submissionOpenings.kaderId, kaderId), eq(submissionOpenings.step, "confirmed")))
    .get();
}

function lapsed(start: OpeningRow, now: Date): boolean {
  return now.getTime() - start.at.getTime() > OPENING_CONFIRM_WINDOW_MS;
}

/**
 * The completed opening of a kader's submissions (a confirmed start), or null. This is what
 * `canReadSubmissionContent` needs: without it nobody but the owner reads content.
 */
export function completedOpening(db: Pick<Db, "select">, kaderId: number): { completedAt: Date } | null {
  const row = confirmation(db, kaderId);
  return row ? { completedAt: row.at } : null;
}

type Step = "start" | "confirm";

/**
 * The checks both steps share, in the transaction: the actor is an inkoper of the kader's
 * zorgkantoor, the kader is published and its (current) closing time has passed, and it has not
 * been opened yet. A refusal writes its audit event here, for the kader's zorgkantoor.
 */
function checkStep(tx: Tx, db: Db, actor: SessionUser, kaderSlug: string, step: Step, now: Date): { kader: KaderRow; versionId: number; versionNumber: number } | Refusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  const refuse = (status: Refusal["status"], reason: string, message: string, extra: Record<string, unknown> = {}, orgs?: number[]): Refusal => {
    appendAudit(tx, {
      actorUserId: actor.id,
      action: "submission.opening_refused",
      entityType: "kader",
      entityId: kaderSlug,
      payload: { step, reason, ...extra },
      organisationIds: orgs ?? (kader ? [kader.zorgkantoorId] : []),
      at: now,
    });
    return refusal(status, message);
  };
  if (!kader) return refuse(404, "not_found", NOT_FOUND, {}, actor.organisation ? [actor.organisation.id] : []);
  // Another zorgkantoor, a provider, the beheerder: as if the kader were not theirs to open.
  if (kaderAudience(db, actor, kader) !== "staff") return refuse(404, "not_staff", NOT_FOUND);
  if (!actor.roles.includes("inkoper")) return refuse(403, "not_inkoper", "Alleen een inkoper van het zorgkantoor kan de inschrijvingen openen.");
  const version = latestVersion(db, kader.id);
  if (!version) return refuse(409, "not_published", "Dit kader is nog niet gepubliceerd; er valt niets te openen.");
  if (now.getTime() < version.closesAt.getTime()) {
    return refuse(403, "before_closing", `De inschrijvingen kunnen pas worden geopend na de sluitingstijd (${formatDateTime(version.closesAt)}).`, {
      kaderVersion: version.number,
      closesAt: version.closesAt.toISOString(),
    });
  }
  const done = confirmation(tx, kader.id);
  if (done) return refuse(409, "already_opened", `De inschrijvingen zijn al geopend op ${formatDateTime(done.at)}.`);
  return { kader, versionId: version.id, versionNumber: version.number };
}

export type OpeningStepResult = { ok: true; at: Date; /** For a start: until when a second inkoper can confirm. */ confirmBefore: Date | null } | Refusal;

/**
 * The first officer starts the opening: an inkoper of the kader's zorgkantoor, after the closing
 * time. A start that is still waiting blocks another; a lapsed one does not.
 */
export function startOpening(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb()): OpeningStepResult {
  return db.transaction(
    (tx): OpeningStepResult => {
      const checked = checkStep(tx, db, actor, kaderSlug, "start", now);
      if ("ok" in checked) return checked;
      const { kader, versionId, versionNumber } = checked;
      const pending = latestStart(tx, kader.id);
      if (pending && !lapsed(pending, now)) {
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "submission.opening_refused",
          entityType: "kader",
          entityId: kader.slug,
          payload: { step: "start", reason: "pending", startId: pending.id },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
        return refusal(409, `De opening is al gestart en wacht op bevestiging door een tweede inkoper (uiterlijk ${formatDateTime(pending.at.getTime() + OPENING_CONFIRM_WINDOW_MS)}).`);
      }
      const { seq } = appendAudit(tx, {
        actorUserId: actor.id,
        action: "submission.opening_start",
        entityType: "kader",
        entityId: kader.slug,
        payload: { kaderVersion: versionNumber, ...(pending ? { lapsedStartId: pending.id } : {}) },
        organisationIds: [kader.zorgkantoorId],
        at: now,
      });
      tx.insert(submissionOpenings).values({ kaderId: kader.id, kaderVersionId: versionId, step: "started", startedId: null, actorUserId: actor.id, at: now, auditSeq: seq }).run();
      return { ok: true, at: now, confirmBefore: new Date(now.getTime() + OPENING_CONFIRM_WINDOW_MS) };
    },
    { behavior: "immediate" },
  );
}

/**
 * The second officer confirms: a different inkoper of the same zorgkantoor, within 30 minutes
 * of the start. Then the opening is complete and the zorgkantoor's staff read the submissions.
 */
export function confirmOpening(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb()): OpeningStepResult {
  return db.transaction(
    (tx): OpeningStepResult => {
      const checked = checkStep(tx, db, actor, kaderSlug, "confirm", now);
      if ("ok" in checked) return checked;
      const { kader, versionId, versionNumber } = checked;
      const start = latestStart(tx, kader.id);
      const refuse = (status: Refusal["status"], reason: string, message: string): Refusal => {
        appendAudit(tx, {
          actorUserId: actor.id,
          action: "submission.opening_refused",
          entityType: "kader",
          entityId: kader.slug,
          payload: { step: "confirm", reason, ...(start ? { startId: start.id } : {}) },
          organisationIds: [kader.zorgkantoorId],
          at: now,
        });
        return refusal(status, message);
      };
      if (!start) return refuse(409, "not_started", "De opening is nog niet gestart; een inkoper start haar, een tweede inkoper bevestigt.");
      if (lapsed(start, now)) {
        return refuse(409, "lapsed", `De opening is verlopen: bevestigen kon tot ${formatDateTime(start.at.getTime() + OPENING_CONFIRM_WINDOW_MS)}. Start de opening opnieuw.`);
      }
      if (start.actorUserId === actor.id) return refuse(403, "same_person", "U heeft de opening zelf gestart; een andere inkoper moet haar bevestigen.");
      const { seq } = appendAudit(tx, {
        actorUserId: actor.id,
        action: "submission.opening_confirm",
        entityType: "kader",
        entityId: kader.slug,
        payload: { kaderVersion: versionNumber, startId: start.id, startedBy: start.actorUserId, startedAt: start.at.toISOString() },
        organisationIds: [kader.zorgkantoorId],
        at: now,
      });
      tx.insert(submissionOpenings).values({ kaderId: kader.id, kaderVersionId: versionId, step: "confirmed", startedId: start.id, actorUserId: actor.id, at: now, auditSeq: seq }).run();
      return { ok: true, at: now, confirmBefore: null };
    },
    { behavior: "immediate" },
  );
}

type Officer = { id: number; name: string };

export type OpeningStatus =
  /** Before the closing time (or not published): nothing to open yet. */
  | { state: "not_yet"; closesAt: Date | null }
  /** After the closing time, no start waiting (a lapsed one is mentioned). */
  | { state: "ready"; closesAt: Date; lapsed: { startedBy: Officer; startedAt: Date } | null; canStart: boolean }
  /** Started, waiting for a second officer until `confirmBefore`. */
  | { state: "waiting"; closesAt: Date; startedBy: Officer; startedAt: Date; confirmBefore: Date; canConfirm: boolean }
  | { state: "complete"; closesAt: Date; startedBy: Officer; startedAt: Date; confirmedBy: Officer; completedAt: Date };

/** Where the opening stands, for the kader's zorgkantoor staff (inkoper, beoordelaar, jurist). */
export function openingStatus(actor: SessionUser, kaderSlug: string, now: Date = new Date(), db: Db = getDb()): { ok: true; status: OpeningStatus } | Refusal {
  const kader = db.select().from(kaders).where(eq(kaders.slug, kaderSlug)).get();
  if (!kader || kaderAudience(db, actor, kader) !== "staff") return refusal(404, NOT_FOUND);
  const version = latestVersion(db, kader.id);
  if (!version || now.getTime() < version.closesAt.getTime()) return { ok: true, status: { state: "not_yet", closesAt: version?.closesAt ?? null } };
  const start = latestStart(db, kader.id);
  const done = confirmation(db, kader.id);
  const ids = [start?.actorUserId, done?.actorUserId].filter((id): id is number => id !== undefined);
  const names = new Map(ids.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all().map((u) => [u.id, u.name]) : []);
  const officer = (id: number): Officer => ({ id, name: names.get(id) ?? "" });
  const isInkoper = actor.roles.includes("inkoper");
  if (done) {
    // No start follows a confirmation, so the latest start is the one confirmed.
    const started = start!;
    return {
      ok: true,
      status: { state: "complete", closesAt: version.closesAt, startedBy: officer(started.actorUserId), startedAt: started.at, confirmedBy: officer(done.actorUserId), completedAt: done.at },
    };
  }
  if (start && !lapsed(start, now)) {
    return {
      ok: true,
      status: {
        state: "waiting",
        closesAt: version.closesAt,
        startedBy: officer(start.actorUserId),
        startedAt: start.at,
        confirmBefore: new Date(start.at.getTime() + OPENING_CONFIRM_WINDOW_MS),
        canConfirm: isInkoper && start.actorUserId !== actor.id,
      },
    };
  }
  return { ok: true, status: { state: "ready", closesAt: version.closesAt, lapsed: start ? { startedBy: officer(start.actorUserId), startedAt: start.at } : null, canStart: isInkoper } };
}
