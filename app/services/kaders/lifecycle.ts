import type { KaderPhase } from "../../../db/schema/kaders";

export const PHASE_LABEL: Record<KaderPhase, string> = {
  concept: "Concept",
  gepubliceerd: "Gepubliceerd",
  open: "Open voor inschrijving",
  gesloten: "Gesloten",
  in_beoordeling: "In beoordeling",
  voorlopig_gegund: "Voorlopig gegund",
  definitief_gegund: "Definitief gegund",
};

export const PHASE_ORDER: KaderPhase[] = ["concept", "gepubliceerd", "open", "gesloten", "in_beoordeling", "voorlopig_gegund", "definitief_gegund"];

/**
 * The phase the clock says: a published kader opens at its opening time and closes at its
 * closing time. Later phases are set by the inkoper and do not depend on the clock.
 */
export function phaseByClock(stored: KaderPhase, window: { opensAt: Date; closesAt: Date } | null, now: Date): KaderPhase {
  if (!window || !(stored === "gepubliceerd" || stored === "open" || stored === "gesloten")) return stored;
  if (now.getTime() < window.opensAt.getTime()) return "gepubliceerd";
  if (now.getTime() < window.closesAt.getTime()) return "open";
  return "gesloten";
}

/**
 * Transitions an inkoper makes by hand, and from where. There is no "voorlopig gunnen" step:
 * sending the award decisions sets voorlopig_gegund. "Definitief gunnen" has preconditions
 * (award/final.server.ts: standstill over, no open objections, no corrected decision pending).
 */
export const MANUAL_TRANSITIONS: Partial<Record<KaderPhase, { to: KaderPhase; label: string }>> = {
  gesloten: { to: "in_beoordeling", label: "Beoordeling starten" },
  voorlopig_gegund: { to: "definitief_gegund", label: "Definitief gunnen" },
};
