// Money inside the function is an integer count of the cart currency's minor units, so sums
// and comparisons are exact; amounts only become decimal strings again in the output.
// Merchant-entered amounts (thresholds, fixed discounts, caps) are in the shop's currency and
// are converted with `presentmentCurrencyRate`, then rounded half-up to the cart currency.

/** ISO 4217 currencies without two decimals: none, or three. */
const NO_DECIMALS = " BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF ";
const THREE_DECIMALS = " BHD IQD JOD KWD LYD OMR TND ";

/** Float products like 1.005 * 100 land a hair below the half; this nudges them back. */
const HALF_UP_TOLERANCE = 1e-7;

export interface Currency {
  code: string;
  digits: number;
  /** 10 ** digits */
  scale: number;
}

export function currency(code: string): Currency {
  const key = ` ${code} `;
  const digits = NO_DECIMALS.indexOf(key) >= 0 ? 0 : THREE_DECIMALS.indexOf(key) >= 0 ? 3 : 2;
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
