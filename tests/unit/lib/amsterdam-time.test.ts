import { describe, expect, it } from "vitest";
import { parseAmsterdamLocal, toAmsterdamLocal } from "../../../app/lib/amsterdam-time";
import { formatDate, formatDateTime } from "../../../app/lib/dates";

describe("Amsterdam wall-clock times", () => {
  it("reads winter time as UTC+1 and summer time as UTC+2", () => {
    expect(parseAmsterdamLocal("2026-12-01T09:00")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(parseAmsterdamLocal("2026-07-01T09:00")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });

  it("refuses a time that does not exist (the spring-forward gap) and malformed input", () => {
    expect(parseAmsterdamLocal("2026-03-29T02:30")).toBeNull();
    expect(parseAmsterdamLocal("01-12-2026 09:00")).toBeNull();
  });

  it("round-trips through the datetime-local form value", () => {
    for (const v of ["2026-01-15T00:00", "2026-10-25T01:59", "2026-10-25T03:00", "2026-06-30T23:45"]) {
      expect(toAmsterdamLocal(parseAmsterdamLocal(v)!)).toBe(v);
    }
  });

  it("formats dates the Dutch way in Amsterdam time", () => {
    expect(formatDate("2026-11-22T23:30:00Z")).toBe("23-11-2026");
    expect(formatDateTime("2026-11-22T13:05:00Z")).toBe("22-11-2026 14:05");
  });
});
