/**
 * The engine's version, recorded with every stored scoring run and verification bundle. Raise
 * it whenever a computation, a rounding or a trace text changes, so that a stored result names
 * the engine that made it.
 */
export const ENGINE_VERSION = "1.0.0";
