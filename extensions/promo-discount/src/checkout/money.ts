// Money inside the function is an integer count of the cart currency's minor units, so sums
// and comparisons are exact; amounts only become decimal strings again in the output.
// Merchant-entered amounts (thresholds, fixed discounts, caps) are in the shop's currency and
// are converted with `presentmentCurrencyRate`, then rounded half-up to the cart currency.

/** ISO 4217 minor units for the currencies that do not use two decimals. */
const MINOR_UNIT_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Float products like 1.005 * 100 land a hair below the half; this nudges them back. */
const HALF_UP_TOLERANCE = 1e-7;

export interface Currency {
  code: string;
  digits: number;
  /** 10 ** digits */
  scale: number;
}

export function currency(code: string): Currency {
  const digits = MINOR_UNIT_DIGITS[code] ?? 2;
  return { code, digits, scale: 10 ** digits };
}

/** Input that does not look like what the input query asks for; the run ends with no discount. */
export class UnexpectedInputError extends Error {}

export function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + HALF_UP_TOLERANCE);
}

/** A Decimal the cart reports (already in the cart currency) → minor units. */
export function toMinorUnits(amount: string, cur: Currency): number {
  const value = +amount;
  if (amount === "" || !(value >= 0) || value > 1e12) throw new UnexpectedInputError(`"${amount}" is not an amount`);
  return roundHalfUp(value * cur.scale);
}

/** A shop-currency amount from the rules → minor units of the cart currency. */
export function convertShopAmount(amount: number, rate: number, cur: Currency): number {
  return roundHalfUp(amount * rate * cur.scale);
}

/** Percent of an amount, rounded half-up: what a percentage discount is worth in minor units. */
export function percentOf(minor: number, percentage: number): number {
  return roundHalfUp((minor * percentage) / 100);
}

/** Minor units → the Decimal string Shopify expects ("12.30", "1200" for JPY). An amount no
 * Decimal can carry exactly (an absurd presentment rate) is unexpected input, never "1e+21". */
export function formatDecimal(minor: number, cur: Currency): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new UnexpectedInputError(`${minor} minor units is not an amount`);
  const digits = String(minor);
  if (cur.digits === 0) return digits;
  const padded = digits.padStart(cur.digits + 1, "0");
  return `${padded.slice(0, -cur.digits)}.${padded.slice(-cur.digits)}`;
}

/** For shopper-facing messages: Shopify's runtime has no Intl, so "12.30 EUR" rather than "€12,30". */
export function formatMoney(minor: number, cur: Currency): string {
  return `${formatDecimal(minor, cur)} ${cur.code}`;
}

/** The presentment rate arrives as a Decimal string; a broken or absurd one is unexpected input. */
export function parseRate(rate: string | null | undefined): number {
  const value = Number(rate);
  if (rate == null || rate === "" || !(value > 0) || value > 1e9) {
    throw new UnexpectedInputError(`presentmentCurrencyRate "${String(rate)}" is not a usable rate`);
  }
  return value;
}
