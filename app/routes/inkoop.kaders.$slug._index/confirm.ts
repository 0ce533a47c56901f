// Shared by the action (server) and the page (browser): a value imported from a .server module
// is empty in the browser bundle, so the confirmation field's name lives here.

/** The field that turns a first POST (which only asks) into the one that acts. */
export const CONFIRM_FIELD = "bevestigd";

/**
 * What the page shows when an irreversible action asks first: the sentence, the button that
 * confirms, and the submitted fields to send again with the confirmation.
 */
export type Confirmation = { intent: string; message: string; confirmLabel: string; values: Record<string, string> };
