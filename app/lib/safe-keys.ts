/**
 * User-supplied keys (form field names, kader ids, codes) must never reach an object's
 * prototype chain: `x["__proto__"]` is the prototype itself, so `x["__proto__"].y = v` writes
 * onto Object.prototype for the whole process, and a lookup `x["constructor"]` finds
 * Object's constructor where the user meant "absent". These helpers build and read objects
 * by own properties only.
 */

/** Keys that reach (or name) the prototype chain. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

export const isForbiddenKey = (key: PropertyKey): boolean => typeof key === "string" && FORBIDDEN_KEYS.has(key);

/** An empty object without a prototype: every key, `__proto__` included, is an ordinary own property. */
export const emptyRecord = <T = unknown>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Sets an own, enumerable property, also for `__proto__` (a plain assignment would set the prototype). */
export function setOwn<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own property `key` of `o`, or undefined: never an inherited one. */
export function getOwn<T>(o: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return o !== null && o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}
