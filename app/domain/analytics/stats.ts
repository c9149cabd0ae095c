// The arithmetic of holdout and variant comparisons, kept pure so it can be checked by hand.
// Intervals are 95%, normal approximation (z = 1.96): with the dozens-to-thousands of recipients
// a campaign has, the difference between that and Student's t is far below a cent per recipient.

export const Z_95 = 1.96;

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (divides by n − 1); 0 for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return squares / (values.length - 1);
}

export interface Interval {
  /** treated − baseline */
  difference: number;
  standardError: number;
  low: number;
  high: number;
}

/**
 * Welch's difference of means, a − b, with its 95% interval: the standard error uses each group's
 * own variance (no pooling), so a group whose spending varies more widens the interval honestly.
 */
export function welchInterval(a: readonly number[], b: readonly number[], z = Z_95): Interval {
  const difference = mean(a) - mean(b);
  const standardError = Math.sqrt(share(sampleVariance(a), a.length) + share(sampleVariance(b), b.length));
  return { difference, standardError, low: difference - z * standardError, high: difference + z * standardError };
}

/**
 * Difference of two proportions (successes ÷ trials), a − b, with the unpooled standard error
 * √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂) and its 95% interval.
 */
export function proportionInterval(successesA: number, trialsA: number, successesB: number, trialsB: number, z = Z_95): Interval {
  const pA = trialsA ? successesA / trialsA : 0;
  const pB = trialsB ? successesB / trialsB : 0;
  const difference = pA - pB;
  const standardError = Math.sqrt(share(pA * (1 - pA), trialsA) + share(pB * (1 - pB), trialsB));
  return { difference, standardError, low: difference - z * standardError, high: difference + z * standardError };
}

const share = (variance: number, n: number) => (n > 0 ? variance / n : 0);

/** The same interval multiplied by a count, e.g. per-recipient → for all treated recipients. */
export function scaleInterval(interval: Interval, factor: number): Interval {
  return {
    difference: interval.difference * factor,
    standardError: interval.standardError * factor,
    low: interval.low * factor,
    high: interval.high * factor,
  };
}

export type Direction = "positive" | "negative" | "not yet significant";

/** An interval entirely above zero is positive, entirely below negative; touching or spanning 0 is not yet significant. */
export function directionOf(interval: Pick<Interval, "low" | "high">): Direction {
  if (interval.low > 0) return "positive";
  if (interval.high < 0) return "negative";
  return "not yet significant";
}

/**
 * Cents (possibly fractional) → a decimal string of whole cents, halves rounded away from zero
 * (so +x and −x print as mirror images). Guards float noise: 12.4999999999 cents is 12.5.
 */
export function centsToMoney(cents: number): string {
  const tidy = Math.round(cents * 1e6) / 1e6;
  const whole = Math.sign(tidy) * Math.round(Math.abs(tidy));
  const negative = whole < 0;
  const abs = Math.abs(whole);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** A count estimate (e.g. incremental orders) with two decimals, halves away from zero. */
export function toFixed2(value: number): string {
  return centsToMoney(value * 100);
}

/**
 * Several campaigns' estimates added up (e.g. a store's incremental profit): the values add, and
 * so do the variances of independent estimates, so the 95% half-widths add in quadrature. Inputs
 * and output are money strings.
 */
export function sumEstimates(estimates: readonly { value: string; low: string; high: string }[]): { value: string; low: string; high: string } | null {
  if (estimates.length === 0) return null;
  let cents = 0;
  let squares = 0;
  for (const estimate of estimates) {
    cents += Math.round(Number(estimate.value) * 100);
    const half = (Math.round(Number(estimate.high) * 100) - Math.round(Number(estimate.low) * 100)) / 2;
    squares += half * half;
  }
  const half = Math.sqrt(squares);
  return { value: centsToMoney(cents), low: centsToMoney(cents - half), high: centsToMoney(cents + half) };
}
