// Display formats of the analytics screens: money in the shop's currency, counts, shares. A
// fixed locale keeps the server's HTML and the browser's first render identical.
import type { Figures } from "~/domain/analytics/types";

export function formatMoney(amount: string | number | null, currency: string): string {
  if (amount === null) return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value);
  } catch {
    // A currency code Intl does not know still shows the amount.
    return `${value.toFixed(2)} ${currency}`;
  }
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** 0.123 → "+12.3%"; null → "—". */
export function formatLift(lift: number | null): string {
  if (lift === null || !Number.isFinite(lift)) return "—";
  const percent = (lift * 100).toFixed(1);
  return `${lift > 0 ? "+" : ""}${percent}%`;
}

/** part ÷ whole as "25%" (one decimal below 10%); "—" without a whole. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return "—";
  const percent = (part / whole) * 100;
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** Gross profit, or why it cannot be told yet. */
export function profitText(figures: Pick<Figures, "grossProfit" | "linesWithoutCost">, currency: string): string {
  if (figures.grossProfit !== null) return formatMoney(figures.grossProfit, currency);
  const lines = figures.linesWithoutCost;
  return `Cost unknown for ${formatCount(lines)} ${lines === 1 ? "line" : "lines"}`;
}

/** AOV lift of one row against the store's orders without a code in the same period. */
export function liftAgainst(aov: string | null, withoutCode: string | null): number | null {
  if (aov === null || withoutCode === null || Number(withoutCode) === 0) return null;
  return (Number(aov) - Number(withoutCode)) / Number(withoutCode);
}
