/** Dates and times as a Dutch reader expects them, always in Europe/Amsterdam. */
const dateFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });

/** `22-11-2026` */
export function formatDate(value: Date | string | number): string {
  return dateFormat.format(new Date(value));
}

/** `22-11-2026 14:05` */
export function formatDateTime(value: Date | string | number): string {
  const d = new Date(value);
  return `${dateFormat.format(d)} ${timeFormat.format(d)}`;
}
