import { amsterdamWallClock, parseAmsterdamLocal } from "./amsterdam-time";

/**
 * The standstill period (opschortende termijn) after an award decision is sent: 20 calendar
 * days in Europe/Amsterdam. Counted as Dutch law counts a period (Algemene termijnenwet): it
 * starts the day after sending and ends at the end of the last day, 24:00 Amsterdam time, so a
 * decision sent on 1 December at 16:00 can be objected to until 21 December 24:00. The end is
 * returned as the first instant after the period (midnight starting the next day), which is
 * the exclusive bound every check compares with; the letter shows the last day "tot en met".
 */
export const STANDSTILL_DAYS = 20;

/** The UTC instant of 00:00 Amsterdam time on the given calendar day. */
function amsterdamMidnight(y: number, m: number, d: number): Date {
  // Amsterdam is UTC+1 or UTC+2; midnight is never in a DST gap (changes happen at 02:00/03:00).
  const at = parseAmsterdamLocal(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T00:00`);
  if (!at) throw new Error(`no Amsterdam midnight found for ${y}-${m}-${d}`);
  return at;
}

export type Standstill = {
  startsAt: Date;
  /** Exclusive: the first instant after the period (00:00 Amsterdam on the day after the last day). */
  endsAt: Date;
  /** The last day of the period, 00:00 Amsterdam that day: for "tot en met" in letters and pages. */
  lastDay: Date;
};

export function standstillFrom(sentAt: Date, days: number = STANDSTILL_DAYS): Standstill {
  const { y, mo: m, d } = amsterdamWallClock(sentAt);
  // Date.UTC normalises day overflow across months and years.
  const last = new Date(Date.UTC(y, m - 1, d + days));
  const after = new Date(Date.UTC(y, m - 1, d + days + 1));
  return {
    startsAt: sentAt,
    lastDay: amsterdamMidnight(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate()),
    endsAt: amsterdamMidnight(after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()),
  };
}

/** Whether an objection made at `at` falls within the standstill. */
export function withinStandstill(standstill: Pick<Standstill, "startsAt" | "endsAt">, at: Date): boolean {
  return at.getTime() >= standstill.startsAt.getTime() && at.getTime() < standstill.endsAt.getTime();
}
