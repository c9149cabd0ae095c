import { describe, expect, it } from "vitest";
import { centsToMoney, directionOf, mean, proportionInterval, sampleVariance, scaleInterval, toFixed2, welchInterval } from "~/domain/analytics/stats";

// Every expected figure below is worked out by hand in the comment next to it.

describe("mean and sample variance", () => {
  it("divides the squared deviations by n − 1", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squares 9+1+1+1+0+0+4+16 = 32; 32/7
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
  });

  it("has no spread to measure with fewer than two values", () => {
    expect(mean([])).toBe(0);
    expect(sampleVariance([])).toBe(0);
    expect(sampleVariance([12])).toBe(0);
  });
});

describe("welchInterval", () => {
  it("uses each group's own variance, unpooled", () => {
    // a = 30,50,30,40,30,0,0,0,0,0: mean 18, squares 144+1024+144+484+144+5·324 = 3560, var 3560/9
    // b = 20,20,0×8: mean 4, squares 256+256+8·16 = 640, var 640/9
    // SE = √(3560/90 + 640/90) = √(4200/90) = √46.6667 = 6.831300511
    // 14 ± 1.96 × 6.831300511 = 14 ± 13.389349 → 0.610651 … 27.389349
    const interval = welchInterval([30, 50, 30, 40, 30, 0, 0, 0, 0, 0], [20, 20, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(interval.difference).toBe(14);
    expect(interval.standardError).toBeCloseTo(6.831300511, 8);
    expect(interval.low).toBeCloseTo(0.610651, 5);
    expect(interval.high).toBeCloseTo(27.389349, 5);
  });

  it("weights groups of different sizes by their own n", () => {
    // a = 10, 20 (mean 15, var 50), b = 0, 0, 0, 6 (mean 1.5, squares 3·2.25 + 20.25 = 27, var 9)
    // SE = √(50/2 + 9/4) = √27.25 = 5.220153; 13.5 ± 10.231500
    const interval = welchInterval([10, 20], [0, 0, 0, 6]);
    expect(interval.difference).toBe(13.5);
    expect(interval.standardError).toBeCloseTo(Math.sqrt(27.25), 12);
    expect(interval.low).toBeCloseTo(3.2685, 4);
  });
});

describe("proportionInterval", () => {
  it("uses the unpooled standard error of two proportions", () => {
    // 5/10 vs 2/10: 0.3 ± 1.96 × √(0.25/10 + 0.16/10) = 0.3 ± 1.96 × 0.2024846 = 0.3 ± 0.3968698
    const interval = proportionInterval(5, 10, 2, 10);
    expect(interval.difference).toBeCloseTo(0.3, 12);
    expect(interval.standardError).toBeCloseTo(Math.sqrt(0.041), 12);
    expect(interval.low).toBeCloseTo(-0.0968698, 6);
    expect(interval.high).toBeCloseTo(0.6968698, 6);
  });

  it("treats an empty group as a proportion of 0 with no spread", () => {
    expect(proportionInterval(0, 0, 0, 0)).toEqual({ difference: 0, standardError: 0, low: 0, high: 0 });
  });
});

describe("verdicts and formatting", () => {
  it("calls an interval positive or negative only when it excludes 0", () => {
    expect(directionOf({ low: 0.01, high: 3 })).toBe("positive");
    expect(directionOf({ low: -3, high: -0.01 })).toBe("negative");
    expect(directionOf({ low: -1, high: 2 })).toBe("not yet significant");
    expect(directionOf({ low: 0, high: 2 })).toBe("not yet significant");
    expect(directionOf({ low: 0, high: 0 })).toBe("not yet significant");
  });

  it("scales an interval to a total", () => {
    expect(scaleInterval({ difference: 1.5, standardError: 1, low: -0.46, high: 3.46 }, 10)).toEqual({
      difference: 15,
      standardError: 10,
      low: -4.6000000000000005,
      high: 34.6,
    });
  });

  it("prints cents as money, halves away from zero, float noise ignored", () => {
    expect(centsToMoney(610.65099)).toBe("6.11");
    expect(centsToMoney(-440.88)).toBe("-4.41");
    expect(centsToMoney(12.5)).toBe("0.13");
    expect(centsToMoney(-12.5)).toBe("-0.13");
    expect(centsToMoney(0.1 * 3 * 100 - 30 + 1234.49999999999)).toBe("12.35");
    expect(centsToMoney(-0.4)).toBe("0.00");
    expect(centsToMoney(123456789)).toBe("1234567.89");
    expect(toFixed2(2.999)).toBe("3.00");
    expect(toFixed2(-0.96869)).toBe("-0.97");
  });
});
