/** Plain data (no drizzle import), so that UI code may use it. */
export const ROLES = ["inkoper", "beoordelaar", "jurist", "zorgaanbieder", "beheerder"] as const;
export type Role = (typeof ROLES)[number];
