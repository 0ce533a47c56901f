/**
 * Deadlines are set and shown in Europe/Amsterdam, stored as UTC instants. A
 * `datetime-local` value ("2026-12-01T09:00") means Amsterdam wall-clock time.
 */
const ZONE = "Europe/Amsterdam";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The Amsterdam wall clock at an instant: year, month (1–12), day, hour, minute, second. */
export function amsterdamWallClock(instant: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: +p.year!, mo: +p.month!, d: +p.day!, h: +p.hour!, mi: +p.minute!, s: +p.second! };
}

/** Offset of Amsterdam from UTC at an instant, in milliseconds (+1 h or +2 h). */
function offsetAt(instant: Date): number {
  const w = amsterdamWallClock(instant);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "2026-12-01T09:00" (Amsterdam) → the UTC instant; null when malformed or non-existent (DST gap). */
export function parseAmsterdamLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset around DST changes.
  let guess = new Date(asUtc - offsetAt(new Date(asUtc)));
  guess = new Date(asUtc - offsetAt(guess));
  const back = amsterdamWallClock(guess);
  if (back.y !== y || back.mo !== mo || back.d !== d || back.h !== h || back.mi !== mi) return null;
  return guess;
}

/** The instant as a `datetime-local` value in Amsterdam time. */
export function toAmsterdamLocal(instant: Date | number): string {
  const w = amsterdamWallClock(new Date(instant));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}
