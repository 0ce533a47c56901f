// Words and limits of objections (bezwaren), shared by the server and the pages: a route
// component may not import values from a .server module.

export const OBJECTION_STATE_LABEL = {
  ingediend: "ingediend",
  in_behandeling: "in behandeling",
  gegrond: "gegrond",
  deels_gegrond: "deels gegrond",
  ongegrond: "ongegrond",
} as const;

export const OBJECTION_KIND_LABEL = {
  besluit: "bezwaar tegen het gunningsbesluit",
  basistarief: "bezwaar tegen het basistarief",
} as const;

export const OBJECTION_OUTCOME_OPTIONS = [
  { value: "gegrond", label: "Gegrond" },
  { value: "deels_gegrond", label: "Deels gegrond" },
  { value: "ongegrond", label: "Ongegrond" },
] as const;

/** Grounds and the jurist's answer: at most this many characters (the database checks it too). */
export const MAX_OBJECTION_TEXT_CHARS = 20_000;
/** PDF attachments of one objection. */
export const MAX_OBJECTION_ATTACHMENTS = 10;
export const MAX_OBJECTION_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What one provider may store for one kader in all (attachments are kept for ever). */
export const MAX_STORED_OBJECTION_FILES = 50;
export const MAX_STORED_OBJECTION_BYTES = 100 * 1024 * 1024;

export const objectionPath = (slug: string) => `/kaders/${slug}/bezwaar`;

/** "1,2 MB", "830 kB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("nl-NL")} kB`;
}
