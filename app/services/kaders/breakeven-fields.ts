// Shared by the services and the pages (a value imported from a .server module is empty in the
// browser bundle): the field names of the reële-tarieventoets's assumptions and justification.

/** Query and form field names of the assumptions (preview GET form and publish form). */
export const BREAKEVEN_PARAM = { costIndexation: "rt-ki", volumeChange: "rt-vw", opslagen: "rt-op", threshold: "rt-dr" } as const;

/** The publish form's field for the justification a failing test requires. */
export const BREAKEVEN_JUSTIFICATION = "rtt-motivering";
