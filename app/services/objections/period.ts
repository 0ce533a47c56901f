import { canonicalJson } from "../../../db/canonical-json";
import { standstillFrom } from "../../lib/standstill";

/**
 * The yearly objection against a kader's basistarief (decision 0012): six weeks (42 calendar
 * days, the Awb's bezwaartermijn) from the publication of the version that set the base
 * percentage now in force, counted as the standstill is (from the publication to the end of
 * the last day, 24:00 Amsterdam). An amendment that changes `baseRate` starts a new period; an
 * amendment that leaves it alone does not.
 */
export const BASISTARIEF_OBJECTION_DAYS = 42;

export type PublishedVersionForPeriod = { number: number; publishedAt: Date; content: Record<string, unknown> };

export type BasistariefPeriod = {
  /** The version whose base percentage is objected to (the one that set it). */
  setByVersion: number;
  startsAt: Date;
  /** Exclusive: the first instant after the period. */
  endsAt: Date;
  /** The last day, 00:00 Amsterdam: shown "tot en met". */
  lastDay: Date;
};

/** The period for a kader's published versions (any order); null before the first publication. */
export function basistariefPeriod(versions: readonly PublishedVersionForPeriod[]): BasistariefPeriod | null {
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  let setBy: PublishedVersionForPeriod | null = null;
  let previous: string | null = null;
  for (const v of sorted) {
    const rate = canonicalJson(v.content.baseRate ?? null);
    if (setBy === null || rate !== previous) setBy = v;
    previous = rate;
  }
  if (!setBy) return null;
  const period = standstillFrom(setBy.publishedAt, BASISTARIEF_OBJECTION_DAYS);
  return { setByVersion: setBy.number, startsAt: period.startsAt, endsAt: period.endsAt, lastDay: period.lastDay };
}

export function withinPeriod(period: Pick<BasistariefPeriod, "startsAt" | "endsAt">, at: Date): boolean {
  return at.getTime() >= period.startsAt.getTime() && at.getTime() < period.endsAt.getTime();
}
