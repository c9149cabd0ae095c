// Money for the checkout emulator: integer minor units of a currency, exact decimal arithmetic
// (BigInt) wherever a Decimal from a function or a rate is involved, and rounding half up to the
// currency's minor unit. Floats never touch an amount, so 0.1 + 0.2 problems cannot creep into
// totals that tests compare to the cent.
import { loadDiscountFunctionSchema } from "./schema";
import { GraphQLEnumType } from "graphql";

/** An exact decimal: value = units / 10^scale. */
export interface ExactDecimal {
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency the Discount Function API knows (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currencyCode: string): number {
  const cached = digitsCache.get(currencyCode);
  if (cached !== undefined) return cached;
  const currencies = loadDiscountFunctionSchema().getType("CurrencyCode");
  if (!(currencies instanceof GraphQLEnumType) || !currencies.getValue(currencyCode)) {
    throw new Error(`"${currencyCode}" is not a CurrencyCode of the Discount Function API`);
  }
  let digits: number | undefined;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits;
  } catch {
    digits = undefined;
  }
  if (digits === undefined) throw new Error(`No ISO 4217 minor unit known for ${currencyCode}; the emulator cannot round it`);
  digitsCache.set(currencyCode, digits);
  return digits;
}

/** Parses a Decimal ("12.5", 12.5) exactly; `what` names the value in the error. */
export function parseDecimal(value: unknown, what: string): ExactDecimal {
  const text = typeof value === "number" && Number.isFinite(value) ? numberToPlainString(value) : value;
  if (typeof text !== "string" || !DECIMAL_PATTERN.test(text)) {
    throw new Error(`${what} must be a decimal number, got ${JSON.stringify(value)}`);
  }
  const [whole, fraction = ""] = text.split(".");
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function numberToPlainString(value: number): string {
  const text = String(value);
  // 1e-7 and 1e21 print in exponent form; toFixed(20) spells them out without losing digits that matter.
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

/** Divides rounding half up (away from zero for halves), the way money is rounded here. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

/** A Decimal amount in major units → minor units of the currency, rounded half up. */
export function decimalToMinor(amount: ExactDecimal, currencyCode: string): number {
  return Number(divideRounded(amount.units * pow10(currencyDigits(currencyCode)), pow10(amount.scale)));
}

/** "19.99" → 1999 (USD); `what` names the value in the error. */
export function parseMoney(value: unknown, currencyCode: string, what: string): number {
  return decimalToMinor(parseDecimal(value, what), currencyCode);
}

/** minor × percent / 100, rounded half up to the minor unit. */
export function percentOf(minor: number, percent: ExactDecimal): number {
  return Number(divideRounded(BigInt(minor) * percent.units, 100n * pow10(percent.scale)));
}

/** Shop currency → cart currency: amount × rate, rounded to the cart currency's minor unit. */
export function shopToPresentment(shopMinor: number, rate: ExactDecimal, shopCurrency: string, cartCurrency: string): number {
  return Number(divideRounded(BigInt(shopMinor) * rate.units * pow10(currencyDigits(cartCurrency)), pow10(rate.scale) * pow10(currencyDigits(shopCurrency))));
}

/** Cart currency → shop currency: amount ÷ rate, rounded to the shop currency's minor unit. */
export function presentmentToShop(cartMinor: number, rate: ExactDecimal, shopCurrency: string, cartCurrency: string): number {
  return Number(divideRounded(BigInt(cartMinor) * pow10(rate.scale) * pow10(currencyDigits(shopCurrency)), rate.units * pow10(currencyDigits(cartCurrency))));
}

/** Minor units → "9.00": every digit of the currency, as REST amounts and results print them. */
export function formatMoney(minor: number, currencyCode: string): string {
  const digits = currencyDigits(currencyCode);
  const negative = minor < 0;
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Minor units → Shopify's Decimal scalar as functions receive it: "9.0", "19.99". */
export function formatDecimal(minor: number, currencyCode: string): string {
  const fixed = formatMoney(minor, currencyCode);
  if (!fixed.includes(".")) return `${fixed}.0`;
  return fixed.replace(/0+$/, "").replace(/\.$/, ".0");
}

export function formatExactDecimal(value: ExactDecimal): string {
  const negative = value.units < 0n;
  const text = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = value.scale === 0 ? text : text.slice(0, -value.scale);
  const fraction = value.scale === 0 ? "" : `.${text.slice(-value.scale)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export function compareDecimals(a: ExactDecimal, b: ExactDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * pow10(scale - a.scale);
  const right = b.units * pow10(scale - b.scale);
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * Splits `total` minor units over `weights` in proportion, by largest remainder, so the parts
 * always add up to the total exactly (ties go to the earlier weight).
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0 || weights.length === 0) return weights.map(() => 0);
  if (weightSum <= 0) throw new Error(`Cannot allocate ${total} over weights that sum to ${weightSum}`);
  const exact = weights.map((weight) => (BigInt(total) * BigInt(weight)) / BigInt(weightSum));
  const remainders = weights.map((weight, index) => ({
    index,
    remainder: (BigInt(total) * BigInt(weight)) % BigInt(weightSum),
  }));
  let left = total - exact.reduce((sum, part) => sum + Number(part), 0);
  const parts = exact.map(Number);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}
