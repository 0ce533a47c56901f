import { describe, expect, it } from "vitest";
import { NEXT_SECTIONS, safeNextPath } from "../../../app/auth/safe-next";
import { HOSTILE_NEXT } from "./hostile-next";

describe("safeNextPath", () => {
  it.each(HOSTILE_NEXT)("refuses %j", (next) => {
    expect(safeNextPath(next)).toBeNull();
  });

  it("refuses a missing value", () => {
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });

  it.each([
    "/inkoop",
    "/inkoop/kaders/demo-vv-2026",
    "/inkoop/kaders/demo-vv-2026/bewerken?tab=vragen#vraag-3",
    "/kaders/demo-vv-2026",
    "/beheer/gebruikers?pagina=2",
    "/beoordeling",
    "/juridisch",
    "/aanbieder",
    "/audit?voor=120",
    "/inkoop?q=a//b",
  ])("accepts the app path %j unchanged", (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it("accepts exactly the app's top-level sections", () => {
    for (const section of NEXT_SECTIONS) expect(safeNextPath(`/${section}`)).toBe(`/${section}`);
  });

  it("never returns something a browser resolves to another origin or another path", () => {
    const base = "https://zorginkoop.example";
    const pieces = ["/", "//", "\\", ".", "..", "%2e", "%2f", "%5c", "\t", "\n", "inkoop", "beheer", "evil.example", "?", "#", "@", ":"];
    // every string of up to four pieces: small enough to run, wide enough to hit the tricks above
    const walk = (prefix: string, depth: number): void => {
      const accepted = safeNextPath(prefix);
      if (accepted !== null) {
        const url = new URL(accepted, base);
        expect(url.origin, prefix).toBe(base);
        expect(NEXT_SECTIONS as readonly string[], prefix).toContain(url.pathname.split("/")[1]);
        expect(url.pathname, prefix).toBe(accepted.split(/[?#]/)[0]);
      }
      if (depth === 0) return;
      for (const p of pieces) walk(prefix + p, depth - 1);
    };
    walk("", 4);
  });
});
