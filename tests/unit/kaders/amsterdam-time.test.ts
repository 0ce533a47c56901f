// Deadlines are entered and shown in Europe/Amsterdam wall-clock time and stored as UTC instants
// (issue 4): +1 h in winter, +2 h in summer; a time that does not exist (the spring-forward gap)
// is refused rather than guessed.
import { describe, expect, it } from "vitest";
import { parseAmsterdamLocal, toAmsterdamLocal } from "../../../app/lib/amsterdam-time";

describe("parseAmsterdamLocal", () => {
  it.each([
    ["2026-01-15T09:00", "2026-01-15T08:00:00.000Z"], // winter: UTC+1
    ["2026-12-01T09:00", "2026-12-01T08:00:00.000Z"],
    ["2026-07-01T09:00", "2026-07-01T07:00:00.000Z"], // summer: UTC+2
    ["2026-12-31T23:59", "2026-12-31T22:59:00.000Z"], // across the UTC date line
    ["2027-01-01T00:30", "2026-12-31T23:30:00.000Z"],
    // spring forward, Sunday 29 March 2026: 02:00 → 03:00
    ["2026-03-29T01:59", "2026-03-29T00:59:00.000Z"],
    ["2026-03-29T03:00", "2026-03-29T01:00:00.000Z"],
    // fall back, Sunday 25 October 2026: 03:00 → 02:00
    ["2026-10-25T01:59", "2026-10-24T23:59:00.000Z"],
    ["2026-10-25T03:00", "2026-10-25T02:00:00.000Z"],
  ])("%s (Amsterdam) is %s", (local, utc) => {
    expect(parseAmsterdamLocal(local)?.toISOString()).toBe(utc);
  });

  it.each(["2026-03-29T02:00", "2026-03-29T02:30", "2026-03-29T02:59", "2027-03-28T02:30"])("%s does not exist in Amsterdam (DST gap): null", (local) => {
    expect(parseAmsterdamLocal(local)).toBeNull();
  });

  it("an ambiguous time in the fall-back hour is one of its two instants and shows as written", () => {
    const instant = parseAmsterdamLocal("2026-10-25T02:30");
    expect(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]).toContain(instant?.toISOString());
    expect(toAmsterdamLocal(instant!)).toBe("2026-10-25T02:30");
  });

  it.each(["", "2026-12-01", "2026-12-01 09:00", "01-12-2026 09:00", "2026-12-01T9:00", "2026-12-01T09:00:00", "2026-02-30T09:00", "2026-13-01T09:00", "2026-12-01T24:00", "2026-12-01T09:60", "morgen"])(
    "refuses malformed or impossible input %j",
    (value) => {
      expect(parseAmsterdamLocal(value)).toBeNull();
    },
  );

  it("accepts surrounding whitespace", () => {
    expect(parseAmsterdamLocal("  2026-12-01T09:00 ")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
  });
});

describe("toAmsterdamLocal", () => {
  it.each([
    ["2026-01-15T08:00:00.000Z", "2026-01-15T09:00"],
    ["2026-07-01T07:00:00.000Z", "2026-07-01T09:00"],
    ["2026-03-29T00:59:00.000Z", "2026-03-29T01:59"],
    ["2026-03-29T01:00:00.000Z", "2026-03-29T03:00"], // the first summer-time minute
    ["2026-10-25T00:30:00.000Z", "2026-10-25T02:30"], // fall back: 02:30 twice
    ["2026-10-25T01:30:00.000Z", "2026-10-25T02:30"],
    ["2026-12-31T23:30:00.000Z", "2027-01-01T00:30"],
  ])("%s is %s in Amsterdam", (utc, local) => {
    expect(toAmsterdamLocal(new Date(utc))).toBe(local);
    expect(toAmsterdamLocal(new Date(utc).getTime())).toBe(local);
  });

  it("round-trips every quarter hour across both DST changes of 2026", () => {
    const checked: string[] = [];
    for (const day of ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26"]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const local = `${day}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        const instant = parseAmsterdamLocal(local);
        if (day === "2026-03-29" && local >= "2026-03-29T02:00" && local < "2026-03-29T03:00") {
          expect(instant, local).toBeNull();
          continue;
        }
        expect(instant, local).not.toBeNull();
        expect(toAmsterdamLocal(instant!), local).toBe(local);
        checked.push(local);
      }
    }
    expect(checked).toHaveLength(6 * 96 - 4);
  });

  it("instant → local → instant is the identity on whole minutes (except the repeated fall-back hour)", () => {
    const start = Date.parse("2026-03-28T00:00:00.000Z");
    for (let t = start; t < start + 3 * 24 * 3600_000; t += 7 * 60_000) {
      expect(parseAmsterdamLocal(toAmsterdamLocal(t))?.getTime()).toBe(t);
    }
    const winter = Date.parse("2026-10-25T02:00:00.000Z"); // 03:00 CET, after the repeat
    for (let t = winter; t < winter + 24 * 3600_000; t += 11 * 60_000) {
      expect(parseAmsterdamLocal(toAmsterdamLocal(t))?.getTime()).toBe(t);
    }
  });
});
