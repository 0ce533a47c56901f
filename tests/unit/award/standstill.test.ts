import { describe, expect, it } from "vitest";
import { standstillFrom, withinStandstill } from "../../../app/lib/standstill";

describe("the standstill period of 20 calendar days (Europe/Amsterdam)", () => {
  it("runs from the day after sending to the end of the 20th day", () => {
    // Tuesday 1 December 2026, 16:00 Amsterdam (UTC+1).
    const sent = new Date("2026-12-01T15:00:00Z");
    const s = standstillFrom(sent);
    expect(s.lastDay.toISOString()).toBe("2026-12-20T23:00:00.000Z"); // 21-12-2026 00:00 Amsterdam
    expect(s.endsAt.toISOString()).toBe("2026-12-21T23:00:00.000Z"); // 22-12-2026 00:00 Amsterdam
    expect(withinStandstill(s, new Date("2026-12-21T22:59:59.999Z"))).toBe(true);
    expect(withinStandstill(s, s.endsAt)).toBe(false);
    expect(withinStandstill(s, new Date(sent.getTime() - 1))).toBe(false);
  });

  it("counts by the Amsterdam calendar day, not UTC: sent at 00:30 Amsterdam is that day", () => {
    const sent = new Date("2026-11-30T23:30:00Z"); // 01-12-2026 00:30 Amsterdam
    expect(standstillFrom(sent).endsAt.toISOString()).toBe("2026-12-21T23:00:00.000Z");
  });

  it("ends at Amsterdam midnight across a change to summer time", () => {
    const sent = new Date("2027-03-20T10:00:00Z"); // 20-03-2027, UTC+1; summer time from 28-03
    const s = standstillFrom(sent);
    // Last day 09-04-2027; the period ends at 10-04-2027 00:00 Amsterdam = 22:00 UTC (UTC+2).
    expect(s.endsAt.toISOString()).toBe("2027-04-09T22:00:00.000Z");
  });

  it("crosses a year end", () => {
    const s = standstillFrom(new Date("2026-12-20T09:00:00Z"));
    expect(s.lastDay.toISOString()).toBe("2027-01-08T23:00:00.000Z"); // 09-01-2027
  });
});
