/** The Wlz sectors, shared by forms (browser) and services (server). */
export const SECTORS = ["VV", "GHZ", "GGZ"] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABEL: Record<Sector, string> = { VV: "V&V", GHZ: "GHZ", GGZ: "GGZ" };
