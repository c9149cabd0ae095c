import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "~/lib/csv";
import { startOfDayInZone } from "~/domain/pools/pool-expiration";
import { checkCode, checkEmail, checkPoolName } from "~/domain/pools/rules";

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["WELCOME-10", "WELCOME-10"],
  ])("writes %j as %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes dates in ISO 8601, empty values as empty cells, and ends lines with CRLF", () => {
    expect(csvLine(["A", null, new Date("2026-11-22T10:00:00Z"), 3])).toBe("A,,2026-11-22T10:00:00.000Z,3\r\n");
  });
});

describe("code rules", () => {
  it("trims a code and keys it upper-cased, since Shopify compares codes case-insensitively", () => {
    expect(checkCode("  Summer-Sale ")).toEqual({ ok: true, value: { code: "Summer-Sale", key: "SUMMER-SALE" } });
  });

  it.each([
    ["", "Code is empty."],
    ["   ", "Code is empty."],
    ["TWO WORDS", "Code contains a space, line break or invisible character."],
    ["TAB\tBED", "Code contains a space, line break or invisible character."],
    ["ZERO\u200BWIDTH", "Code contains a space, line break or invisible character."],
    ["BELL\u0007", "Code contains a space, line break or invisible character."],
    ["X".repeat(256), "Code is 256 characters long; codes are at most 255."],
  ])("refuses %j", (code, error) => {
    expect(checkCode(code)).toEqual({ ok: false, error });
  });

  it("accepts 255 characters, counted as characters rather than UTF-16 units", () => {
    expect(checkCode("É".repeat(255)).ok).toBe(true);
    expect(checkCode("😀".repeat(255)).ok).toBe(true);
  });

  it("keys pool names lower-cased and lower-cases emails", () => {
    expect(checkPoolName(" VIP Customers ")).toEqual({ ok: true, value: { name: "VIP Customers", key: "vip customers" } });
    expect(checkEmail(" Ann@Example.COM")).toEqual({ ok: true, value: "ann@example.com" });
  });
});

describe("Pool Expiration dates", () => {
  it("end at midnight in the shop's time zone, daylight saving time included", () => {
    expect(startOfDayInZone(2027, 0, 1, "America/New_York").toISOString()).toBe("2027-01-01T05:00:00.000Z");
    expect(startOfDayInZone(2027, 6, 1, "America/New_York").toISOString()).toBe("2027-07-01T04:00:00.000Z");
    expect(startOfDayInZone(2027, 2, 14, "America/New_York").toISOString()).toBe("2027-03-14T05:00:00.000Z");
    expect(startOfDayInZone(2027, 2, 15, "America/New_York").toISOString()).toBe("2027-03-15T04:00:00.000Z");
    expect(startOfDayInZone(2027, 0, 1, "Asia/Kolkata").toISOString()).toBe("2026-12-31T18:30:00.000Z");
    // Santiago's clocks skip from 00:00 to 01:00 on 6 September 2026: the day starts at 01:00 (-03).
    expect(startOfDayInZone(2026, 8, 6, "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});
