// The yearly basistarief objection period (decision 0012): six weeks from the publication of the
// version that set the base percentage in force, to the end of the last day in Amsterdam.
import { describe, expect, it } from "vitest";
import { basistariefPeriod, withinPeriod } from "../../../app/services/objections/period";

const v = (number: number, publishedAt: string, baseRate: unknown) => ({ number, publishedAt: new Date(publishedAt), content: { baseRate } });

describe("basistarief objection period", () => {
  it("runs 42 calendar days from the first publication, to 24:00 Amsterdam of the last day (winter time)", () => {
    const p = basistariefPeriod([v(1, "2026-11-20T15:00:00Z", { default: 94 })])!;
    expect(p.setByVersion).toBe(1);
    // 20 November + 42 days = 1 January 2027; the period ends at 2 January 00:00 Amsterdam (23:00 UTC on 1 January).
    expect(p.endsAt.toISOString()).toBe("2027-01-01T23:00:00.000Z");
    expect(withinPeriod(p, new Date("2027-01-01T22:59:59.999Z"))).toBe(true);
    expect(withinPeriod(p, p.endsAt)).toBe(false);
    expect(withinPeriod(p, new Date("2026-11-20T14:59:59Z"))).toBe(false);
  });

  it("an amendment that changes the base percentage starts a new period; one that keeps it does not", () => {
    const first = v(1, "2026-09-01T10:00:00Z", { default: 94, bySector: { GGZ: 95 } });
    // The same base rate with its keys in another order is the same base rate.
    const same = v(2, "2026-09-20T10:00:00Z", { bySector: { GGZ: 95 }, default: 94 });
    const changed = v(3, "2026-10-05T10:00:00Z", { default: 95, bySector: { GGZ: 95 } });
    expect(basistariefPeriod([first, same])!.setByVersion).toBe(1);
    expect(basistariefPeriod([changed, same, first])!.setByVersion).toBe(3);
    expect(basistariefPeriod([first, same, changed])!.startsAt.toISOString()).toBe("2026-10-05T10:00:00.000Z");
  });

  it("is absent before any publication", () => {
    expect(basistariefPeriod([])).toBeNull();
  });
});
