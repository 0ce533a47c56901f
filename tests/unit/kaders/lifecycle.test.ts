// The phase the clock says (issue 4): gepubliceerd before the opening time, open from it, gesloten
// from the closing time; the manual phases never follow the clock.
import { describe, expect, it } from "vitest";
import { KADER_PHASES, type KaderPhase } from "../../../db/schema/kaders";
import { MANUAL_TRANSITIONS, PHASE_LABEL, PHASE_ORDER, phaseByClock } from "../../../app/services/kaders/lifecycle";

const opensAt = new Date("2026-11-01T08:00:00.000Z");
const closesAt = new Date("2026-12-01T16:00:00.000Z");
const window = { opensAt, closesAt };
const at = (ms: number) => new Date(ms);

describe("phaseByClock", () => {
  it.each<[string, Date, KaderPhase]>([
    ["long before opening", new Date("2026-01-01T00:00:00.000Z"), "gepubliceerd"],
    ["one millisecond before opening", at(opensAt.getTime() - 1), "gepubliceerd"],
    ["exactly at opening", opensAt, "open"],
    ["between opening and closing", new Date("2026-11-15T12:00:00.000Z"), "open"],
    ["one millisecond before closing", at(closesAt.getTime() - 1), "open"],
    ["exactly at closing", closesAt, "gesloten"],
    ["after closing", at(closesAt.getTime() + 1), "gesloten"],
  ])("a published kader %s is %s", (_label, now, expected) => {
    for (const stored of ["gepubliceerd", "open", "gesloten"] as const) {
      expect(phaseByClock(stored, window, now)).toBe(expected);
    }
  });

  it("a concept stays a concept whatever the clock says", () => {
    expect(phaseByClock("concept", window, at(closesAt.getTime() + 1))).toBe("concept");
    expect(phaseByClock("concept", null, at(closesAt.getTime() + 1))).toBe("concept");
  });

  it("phases set by the inkoper do not follow the clock", () => {
    for (const stored of ["in_beoordeling", "voorlopig_gegund", "definitief_gegund"] as const) {
      expect(phaseByClock(stored, window, at(opensAt.getTime() - 1))).toBe(stored);
      expect(phaseByClock(stored, window, at(closesAt.getTime() + 1))).toBe(stored);
    }
  });

  it("without a published window the stored phase stands", () => {
    expect(phaseByClock("gepubliceerd", null, at(closesAt.getTime() + 1))).toBe("gepubliceerd");
  });
});

describe("the lifecycle's phases and manual steps", () => {
  it("orders every phase, labels each in Dutch", () => {
    expect(PHASE_ORDER).toEqual([...KADER_PHASES]);
    expect(PHASE_ORDER).toEqual(["concept", "gepubliceerd", "open", "gesloten", "in_beoordeling", "voorlopig_gegund", "definitief_gegund"]);
    for (const phase of KADER_PHASES) expect(PHASE_LABEL[phase]).toMatch(/^[A-Z]/);
  });

  it("allows by hand only gesloten → in_beoordeling and voorlopig_gegund → definitief_gegund (sending the decisions sets voorlopig_gegund)", () => {
    const steps = Object.entries(MANUAL_TRANSITIONS).map(([from, step]) => [from, step!.to]);
    expect(steps).toEqual([
      ["gesloten", "in_beoordeling"],
      ["voorlopig_gegund", "definitief_gegund"],
    ]);
    // Each step goes exactly one phase forward.
    for (const [from, to] of steps) expect(PHASE_ORDER.indexOf(to as KaderPhase)).toBe(PHASE_ORDER.indexOf(from as KaderPhase) + 1);
  });
});
