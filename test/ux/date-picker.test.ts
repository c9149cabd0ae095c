import { describe, expect, it } from "vitest";
import { shownMonths } from "~/components/analytics/DateRangePicker";

// The period picker opens on two months ending with the period's last day, not on that month and
// the next (all of it in the future, every day disabled).
describe("the period picker's months", () => {
  it("shows the month before the last day first, so the last day is in the second month", () => {
    expect(shownMonths("2026-12-07")).toEqual({ month: 10, year: 2026 });
    expect(shownMonths("2026-01-31")).toEqual({ month: 11, year: 2025 });
    expect(shownMonths("2026-03-31")).toEqual({ month: 1, year: 2026 });
  });
});
