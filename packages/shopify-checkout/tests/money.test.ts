import { describe, expect, test } from "vitest";
import { allocateProportionally, formatDecimal, formatMoney, parseDecimal, parseMoney, percentOf, presentmentToShop, shopToPresentment } from "../src/money";

describe("money", () => {
  test("rounds half up to the currency's minor unit", () => {
    expect(percentOf(555, parseDecimal("10", "percent"))).toBe(56);
    expect(percentOf(5, parseDecimal(50, "percent"))).toBe(3);
    expect(percentOf(1999, parseDecimal("12.5", "percent"))).toBe(250);
    expect(parseMoney("1234.5", "JPY", "amount")).toBe(1235);
    expect(parseMoney("1.2345", "KWD", "amount")).toBe(1235);
    expect(parseMoney(0.1 + 0.2, "USD", "amount")).toBe(30);
  });

  test("prints every digit of the currency for results, Shopify's Decimal form for function input", () => {
    expect(formatMoney(1235, "JPY")).toBe("1235");
    expect(formatMoney(1235, "KWD")).toBe("1.235");
    expect(formatMoney(5, "USD")).toBe("0.05");
    expect(formatMoney(-250, "USD")).toBe("-2.50");
    expect(formatDecimal(2500, "USD")).toBe("25.0");
    expect(formatDecimal(1999, "USD")).toBe("19.99");
    expect(formatDecimal(1235, "JPY")).toBe("1235.0");
  });

  test("splits an amount in proportion without losing or inventing a minor unit", () => {
    expect(allocateProportionally(920, [3000, 1000])).toEqual([690, 230]);
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(7, [0, 5, 5])).toEqual([0, 4, 3]);
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateProportionally(5, [0, 0])).toThrow(/weights that sum to 0/);
  });

  test("converts between shop and cart currencies at the presentment rate", () => {
    const rate = parseDecimal("0.92", "rate");
    expect(shopToPresentment(1000, rate, "USD", "EUR")).toBe(920);
    expect(presentmentToShop(920, rate, "USD", "EUR")).toBe(1000);
    expect(shopToPresentment(1000, parseDecimal("150.123", "rate"), "USD", "JPY")).toBe(1501);
    expect(presentmentToShop(1501, parseDecimal("150.123", "rate"), "USD", "JPY")).toBe(1000);
  });

  test("reads Decimals exactly and refuses what is not one", () => {
    expect(parseDecimal("12.50", "x")).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal(1e-7, "x")).toEqual({ units: 1n, scale: 7 });
    expect(() => parseDecimal("1e5", "Percentage.value")).toThrow('Percentage.value must be a decimal number, got "1e5"');
    expect(() => parseDecimal(Number.NaN, "x")).toThrow(/must be a decimal number/);
    expect(() => parseDecimal(null, "x")).toThrow(/must be a decimal number, got null/);
  });
});
