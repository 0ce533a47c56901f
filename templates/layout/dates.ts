// Dates and times in documents: always Europe/Amsterdam, `22-11-2026 14:05`.
// (The same format as app/lib/dates.ts; templates do not import from app/.)
const ZONE = "Europe/Amsterdam";

const parts = new Intl.DateTimeFormat("nl-NL", {
  timeZone: ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type WallClock = Readonly<Record<"day" | "month" | "year" | "hour" | "minute", string>>;

/** Wall clocks by instant: a batch of letters prints the same few dates (sent, standstill) in every letter, and `formatToParts` is slow. */
const MAX_REMEMBERED = 1024;
const remembered = new Map<number, WallClock>();

function wallClock(value: Date): WallClock {
  const time = value.getTime();
  const known = remembered.get(time);
  if (known) return known;
  const p = Object.fromEntries(parts.formatToParts(value).map((x) => [x.type, x.value]));
  const clock = { day: p.day ?? "", month: p.month ?? "", year: p.year ?? "", hour: p.hour ?? "", minute: p.minute ?? "" };
  // An invalid date (NaN) is formatted, and throws, every time, as before.
  if (!Number.isNaN(time)) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(time, clock);
  }
  return clock;
}

/** `22-11-2026` (Amsterdam). */
export function formatDocumentDate(value: Date): string {
  const w = wallClock(value);
  return `${w.day}-${w.month}-${w.year}`;
}

/** `22-11-2026 14:05` (Amsterdam). */
export function formatDocumentDateTime(value: Date): string {
  const w = wallClock(value);
  return `${w.day}-${w.month}-${w.year} ${w.hour}:${w.minute}`;
}
