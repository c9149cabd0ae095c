import { describe, expect, it } from "vitest";
import { defaultRange } from "~/domain/analytics/metrics.server";
import { daysIn, presetOf, presetRange, rangeLabel, readRange, shopToday } from "~/domain/analytics/date-range";

// The analytics period picker's rules: the shop's days, the presets, and what the URL may ask for.
const FALLBACK = { from: "2026-10-23", to: "2026-11-21" };
const read = (query: string) => readRange(new URLSearchParams(query), FALLBACK);

describe("the analytics period", () => {
  it("counts days in the shop's time zone", () => {
    // 03:00 UTC on Nov 22 is still Nov 21 in New York.
    const now = new Date("2026-11-22T03:00:00Z");
    expect(shopToday("America/New_York", now)).toBe("2026-11-21");
    expect(shopToday("Asia/Tokyo", now)).toBe("2026-11-22");
  });

  it("ends every preset on the shop's today", () => {
    const today = "2026-11-21";
    expect(presetRange("last7", today)).toEqual({ from: "2026-11-15", to: today });
    expect(presetRange("last30", today)).toEqual({ from: "2026-10-23", to: today });
    expect(presetRange("last90", today)).toEqual({ from: "2026-08-24", to: today });
    expect(presetRange("thisMonth", today)).toEqual({ from: "2026-11-01", to: today });
    expect(daysIn(presetRange("last90", today))).toBe(90);
  });

  it("names the last 30 days the same way the analytics domain defaults to them", () => {
    const now = new Date("2026-11-22T03:00:00Z");
    const today = shopToday("America/New_York", now);
    expect(defaultRange("America/New_York", now)).toEqual(presetRange("last30", today));
    expect(presetOf(defaultRange("America/New_York", now), today)).toBe("last30");
    expect(rangeLabel(defaultRange("America/New_York", now), today)).toBe("Last 30 days");
    expect(rangeLabel({ from: "2026-11-02", to: "2026-11-20" }, today)).toBe("Nov 2 – Nov 20, 2026");
    expect(rangeLabel({ from: "2025-12-30", to: "2026-01-02" }, today)).toBe("Dec 30, 2025 – Jan 2, 2026");
  });

  it("uses the default without a period in the URL, and takes a valid one", () => {
    expect(read("")).toEqual({ ok: true, range: FALLBACK, explicit: false });
    expect(read("from=2026-02-01&to=2026-02-28")).toEqual({ ok: true, range: { from: "2026-02-01", to: "2026-02-28" }, explicit: true });
    // 366 days is the most: a whole leap year.
    expect(read("from=2028-01-01&to=2028-12-31")).toMatchObject({ ok: true });
  });

  it.each([
    ["from=2026-11-01", "Choose an end date as well as the start date."],
    ["to=2026-11-01", "Choose a start date as well as the end date."],
    ["from=2026-02-30&to=2026-03-01", 'The start date "2026-02-30" isn\'t a date. Use the form YYYY-MM-DD, e.g. 2026-11-01.'],
    ["from=2026-11-01&to=11/30/2026", 'The end date "11/30/2026" isn\'t a date. Use the form YYYY-MM-DD, e.g. 2026-11-30.'],
    ["from=2026-11-21&to=2026-11-01", "The start date (Nov 21, 2026) is after the end date (Nov 1, 2026)."],
    ["from=2025-11-01&to=2026-11-02", "The period covers 367 days; choose at most 366 days."],
  ])("refuses %s: %s", (query, error) => {
    expect(read(query)).toEqual({ ok: false, error });
  });
});
