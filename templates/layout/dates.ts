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

function wallClock(value: Date): Record<"day" | "month" | "year" | "hour" | "minute", string> {
  const p = Object.fromEntries(parts.formatToParts(value).map((x) => [x.type, x.value]));
  return { day: p.day ?? "", month: p.month ?? "", year: p.year ?? "", hour: p.hour ?? "", minute: p.minute ?? "" };
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
