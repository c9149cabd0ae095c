import { describe, expect, it } from "vitest";
import {
  UnexpectedInputError, convertShopAmount, currency, formatDecimal, formatMoney, parseRate, percentOf, toMinorUnits,
} from "../src/money";

describe("money in the cart currency", () => {
  it("knows each currency's minor units", () => {
    expect(currency("USD").digits).toBe(2);
    expect(currency("JPY").digits).toBe(0);
    expect(currency("KWD").digits).toBe(3);
  });

  it("reads cart amounts into minor units, whatever their written precision", () => {
    expect(toMinorUnits("19.99", currency("USD"))).toBe(1999);
    expect(toMinorUnits("19.9", currency("USD"))).toBe(1990);
    expect(toMinorUnits("1200", currency("JPY"))).toBe(1200);
    expect(toMinorUnits("4.125", currency("KWD"))).toBe(4125);
    // 1.005 * 100 is 100.49999999999999 in floating point: still one cent and a half, rounded up.
    expect(toMinorUnits("1.005", currency("USD"))).toBe(101);
  });

  it("refuses amounts that are not numbers instead of producing NaN output", () => {
    expect(() => toMinorUnits("abc", currency("USD"))).toThrow(UnexpectedInputError);
    expect(() => toMinorUnits("", currency("USD"))).toThrow(UnexpectedInputError);
  });

  it("converts shop-currency amounts with presentmentCurrencyRate, rounding half-up in the cart currency", () => {
    expect(convertShopAmount("10.00", 0.9, currency("EUR"))).toBe(900);
    expect(convertShopAmount("10.00", 1.35, currency("CAD"))).toBe(1350);
    expect(convertShopAmount("10.00", 149.987, currency("JPY"))).toBe(1500);
    expect(convertShopAmount("2.00", 0.30759, currency("KWD"))).toBe(615);
    expect(convertShopAmount("3.33", 1.5, currency("EUR"))).toBe(500); // 4.995 → 5.00
    expect(convertShopAmount("3.31", 1.5, currency("EUR"))).toBe(497); // 4.965 → 4.97
  });

  it("formats minor units as the Decimal Shopify expects", () => {
    expect(formatDecimal(1999, currency("USD"))).toBe("19.99");
    expect(formatDecimal(5, currency("USD"))).toBe("0.05");
    expect(formatDecimal(0, currency("USD"))).toBe("0.00");
    expect(formatDecimal(-250, currency("USD"))).toBe("-2.50");
    expect(formatDecimal(1500, currency("JPY"))).toBe("1500");
    expect(formatDecimal(615, currency("KWD"))).toBe("0.615");
    expect(formatMoney(4050, currency("CAD"))).toBe("40.50 CAD");
  });

  it("computes what a percentage is worth, rounded half-up", () => {
    expect(percentOf(12000, 5)).toBe(600);
    expect(percentOf(999, 15)).toBe(150); // 149.85
    expect(percentOf(1010, 12.5)).toBe(126); // 126.25
  });

  it("accepts only a positive presentment rate", () => {
    expect(parseRate("1.35")).toBe(1.35);
    for (const broken of ["0", "-1", "abc", "", null, undefined]) expect(() => parseRate(broken)).toThrow(UnexpectedInputError);
  });
});
