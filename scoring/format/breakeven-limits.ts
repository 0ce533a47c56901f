// Limits on a reële-tarieventoets file (zorginkoop.breakeven/v1), checked before any engine run:
// the search runs the engine repeatedly, so the field it may cover is bounded like the engine's own
// inputs (size-limits.ts). A national field is some 3,000 providers; these leave ample room.
import { MAX_PROVIDERS } from "./size-limits";

/** At most one accounts row per provider, so never more rows than the engine takes providers. */
export const MAX_ACCOUNTS = MAX_PROVIDERS;
/** The search's lower bound may lie at most this far below the NZa maximum (10,000 steps of 0.01 %). */
export const MAX_SEARCH_SPAN = 100;
/** Rounds of re-estimation per provider before the search falls back to halving its interval. */
export const SECANT_ROUNDS = 3;
