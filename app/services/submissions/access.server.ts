import type { Db } from "../../../db/client.server";
import type { SessionUser } from "../../auth/session.server";
import { completedOpening } from "./opening.server";

/**
 * What the access decision needs to know about a submission (or a draft): whose it is, which
 * zorgkantoor buys, when the kader closes, and whether the submissions have been opened.
 */
export type SubmissionAccessSubject = {
  providerId: number;
  zorgkantoorId: number;
  /** The closing time of the kader's current published version. */
  closesAt: Date;
  /** The completed four-eyes opening of the kader's submissions, or null (see `openingOf`). */
  opening: { completedAt: Date } | null;
};

const STAFF_READERS = ["inkoper", "beoordelaar", "jurist"] as const;

/**
 * The one access decision for submission content (plans, declarations, drafts, anything
 * derived from them). The provider's own users always read their own; before the closing time
 * nobody else does, administrators included; after it, only the buying zorgkantoor's staff,
 * and only once the submissions have been opened by two officers.
 */
export function canReadSubmissionContent(user: SessionUser, submission: SubmissionAccessSubject, now: Date): boolean {
  const org = user.organisation;
  if (!org) return false;
  if (org.kind === "zorgaanbieder" && org.id === submission.providerId && user.roles.includes("zorgaanbieder")) return true;
  if (now.getTime() < submission.closesAt.getTime()) return false;
  if (submission.opening === null || submission.opening.completedAt.getTime() > now.getTime()) return false;
  return org.kind === "zorgkantoor" && org.id === submission.zorgkantoorId && user.roles.some((r) => (STAFF_READERS as readonly string[]).includes(r));
}

/**
 * The completed four-eyes opening of a kader's submissions (see opening.server.ts), or null:
 * read from the database each time, so an opening counts from the moment it is confirmed.
 */
export function openingOf(db: Pick<Db, "select">, kaderId: number): { completedAt: Date } | null {
  return completedOpening(db, kaderId);
}
