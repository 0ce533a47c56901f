// Form field names of the scoring and consensus forms, shared by the pages (browser) and the
// services: per criterion `score.<id>`, `motivatie.<id>`, `ontbrak.<id>`, `afwijking.<id>`.
// Criterion ids are slugs from the kader; values are read by the kader's own ids, never by
// iterating the submitted keys.
export const scoreField = (criterionId: string) => `score.${criterionId}`;
export const motivationField = (criterionId: string) => `motivatie.${criterionId}`;
export const missingField = (criterionId: string) => `ontbrak.${criterionId}`;
export const deviationField = (criterionId: string) => `afwijking.${criterionId}`;

/** The longest motivation, "wat ontbrak" or deviation text accepted. */
export const MAX_TEXT = 5000;

export const MISSING_RULE =
  "Geeft u minder dan de maximale score, schrijf dan bij 'Wat ontbrak voor de maximale score' wat er ontbrak; bij de maximale score laat u dat veld leeg.";

/** The conflict declaration per provider: `belang.<providerId>` = ja | nee, `reden.<providerId>`. */
export const conflictField = (providerId: number) => `belang.${providerId}`;
export const conflictReasonField = (providerId: number) => `reden.${providerId}`;
