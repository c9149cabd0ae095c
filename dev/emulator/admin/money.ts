import type { MoneyPair } from "./records";

/** An amount in major units of a currency, as seeds take it: "19.99" or 19.99. */
export type Amount = string | number;

const digitsByCurrency = new Map<string, number>();

/** Minor-unit digits of a currency (2 for USD, 0 for JPY), as ISO 4217 and Intl define them. */
export function currencyDigits(currencyCode: string): number {
  let digits = digitsByCurrency.get(currencyCode);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currencyCode, digits);
  }
  return digits;
}

/** "19.99" or 19.99 in major units → 1999 minor units. */
export function toMinorUnits(amount: string | number, currencyCode: string): number {
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) throw new Error(`"${amount}" is not an amount of money`);
  return Math.round(value * 10 ** currencyDigits(currencyCode));
}

/** Shopify's Decimal scalar (MoneyV2.amount): shortest form with at least one decimal, "40.0", "39.99". */
export function formatDecimal(minorUnits: number, currencyCode: string): string {
  const fixed = formatMoney(minorUnits, currencyCode);
  if (!fixed.includes(".")) return `${fixed}.0`;
  return fixed.replace(/0+$/, "").replace(/\.$/, ".0");
}

/** Shopify's Money scalar and REST amounts: all the currency's digits, "40.00". */
export function formatMoney(minorUnits: number, currencyCode: string): string {
  return (minorUnits / 10 ** currencyDigits(currencyCode)).toFixed(currencyDigits(currencyCode));
}

export function moneyV2View(minorUnits: number, currencyCode: string) {
  return { amount: formatDecimal(minorUnits, currencyCode), currencyCode };
}

export function moneyBagView(amount: MoneyPair, currencies: { shop: string; presentment: string }) {
  return {
    shopMoney: moneyV2View(amount.shop, currencies.shop),
    presentmentMoney: moneyV2View(amount.presentment, currencies.presentment),
  };
}

export const ZERO: MoneyPair = Object.freeze({ shop: 0, presentment: 0 });

export function addMoney(...amounts: MoneyPair[]): MoneyPair {
  return amounts.reduce((sum, amount) => ({ shop: sum.shop + amount.shop, presentment: sum.presentment + amount.presentment }), ZERO);
}

export function subtractMoney(from: MoneyPair, amount: MoneyPair): MoneyPair {
  return { shop: from.shop - amount.shop, presentment: from.presentment - amount.presentment };
}

export function multiplyMoney(amount: MoneyPair, factor: number): MoneyPair {
  return { shop: Math.round(amount.shop * factor), presentment: Math.round(amount.presentment * factor) };
}
