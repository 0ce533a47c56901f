/**
 * Where a login may send the user afterwards (`next`). Shared by the login action (the
 * redirect) and the login page (the hidden field), so that neither passes on anything else.
 *
 * An allow-list, not a blacklist of tricks: browsers normalise `/.//x`, `/..//x`, `/%2e//x`,
 * `/./\x`, tabs and newlines into `//x`, a link to another site. We accept only a path that
 * starts with one of the app's own sections and that no normalisation can change.
 */
export const NEXT_SECTIONS = ["inkoop", "kaders", "beheer", "beoordeling", "juridisch", "aanbieder", "audit"] as const;

const MAX_NEXT_LENGTH = 2048;
const ORIGIN = "http://zorginkoop.invalid";

// Control characters and whitespace (browsers strip tabs and newlines inside URLs), backslashes
// (read as "/"), and percent-encoded slash, backslash, dot, percent or control characters.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]|%(?:2f|5c|2e|25|[01][0-9a-f]|7f)/i;

export function safeNextPath(next: string | null | undefined): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_NEXT_LENGTH) return null;
  if (FORBIDDEN.test(next)) return null;
  const pathEnd = next.search(/[?#]/);
  const path = pathEnd === -1 ? next : next.slice(0, pathEnd);
  if (path.includes("//")) return null;
  const segments = path.split("/");
  // "/section" or "/section/…": the first segment is empty (leading slash), the second a section.
  if (segments[0] !== "" || !(NEXT_SECTIONS as readonly string[]).includes(segments[1] ?? "")) return null;
  if (segments.some((s) => s === "." || s === "..")) return null;
  // Belt and braces: resolving it as a browser would must keep our origin and change nothing.
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN || url.pathname !== path) return null;
  return next;
}
