import { describe, expect, it } from "vitest";
import { UnexpectedInputError, convertShopAmount, currency, formatDecimal, formatMoney, parseRate, percentOf, toMinorUnits } from "../src/checkout/money";

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

  it("refuses amounts that are not numbers, negative or absurd instead of producing NaN output", () => {
    for (const broken of ["abc", "", "-1.00", "1e13"]) expect(() => toMinorUnits(broken, currency("USD")), broken).toThrow(UnexpectedInputError);
  });

  it("converts shop-currency amounts with presentmentCurrencyRate, rounding half-up in the cart currency", () => {
    expect(convertShopAmount(10, 0.9, currency("EUR"))).toBe(900);
    expect(convertShopAmount(10, 1.35, currency("CAD"))).toBe(1350);
    expect(convertShopAmount(10, 149.987, currency("JPY"))).toBe(1500);
    expect(convertShopAmount(2, 0.30759, currency("KWD"))).toBe(615);
    expect(convertShopAmount(3.33, 1.5, currency("EUR"))).toBe(500); // 4.995 → 5.00
    expect(convertShopAmount(3.31, 1.5, currency("EUR"))).toBe(497); // 4.965 → 4.97
  });

  it("formats minor units as the Decimal Shopify expects", () => {
    expect(formatDecimal(1999, currency("USD"))).toBe("19.99");
    expect(formatDecimal(5, currency("USD"))).toBe("0.05");
    expect(formatDecimal(0, currency("USD"))).toBe("0.00");
    expect(formatDecimal(1500, currency("JPY"))).toBe("1500");
    expect(formatDecimal(615, currency("KWD"))).toBe("0.615");
    expect(formatMoney(4050, currency("CAD"))).toBe("40.50 CAD");
  });

  it('refuses an amount no Decimal carries exactly rather than writing "1e+21", NaN or a negative amount', () => {
    // The old formatter wrote "-2.50" for -250; no discount amount PromoGuard outputs is negative.
    for (const broken of [-250, 0.5, Number.NaN, 1e21, 2 ** 53])
      expect(() => formatDecimal(broken, currency("USD")), String(broken)).toThrow(UnexpectedInputError);
  });

  it("computes what a percentage is worth, rounded half-up", () => {
    expect(percentOf(12000, 5)).toBe(600);
    expect(percentOf(999, 15)).toBe(150); // 149.85
    expect(percentOf(1010, 12.5)).toBe(126); // 126.25
  });

  it("accepts only a positive, usable presentment rate", () => {
    expect(parseRate("1.35")).toBe(1.35);
    expect(parseRate("1000000000")).toBe(1e9);
    // Issue 13: a rate like 1e19 would turn every converted amount into an invalid Decimal.
    for (const broken of ["0", "-1", "abc", "", "1e19", "Infinity", null, undefined])
      expect(() => parseRate(broken), String(broken)).toThrow(UnexpectedInputError);
  });
});
