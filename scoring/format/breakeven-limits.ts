// Limits on a reële-tarieventoets file (zorginkoop.breakeven/v1), checked before any engine run:
// the search runs the engine repeatedly, so the field it may cover is bounded like the engine's own
// inputs (size-limits.ts). A national field is some 3,000 providers; these leave ample room.
import { MAX_PROVIDERS } from "./size-limits";

/** At most one accounts row per provider, so never more rows than the engine takes providers. */
export const MAX_ACCOUNTS = MAX_PROVIDERS;
/** The chart grid has at most this many points (0.25 % apart, wider for a wide search range). */
export const MAX_CHART_POINTS = 82;
