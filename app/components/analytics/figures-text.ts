// Analytics figures in the merchant's words (numbers, money and plurals: ~/format).
import type { Figures } from "~/domain/analytics/types";
import { formatMoney, plural } from "~/lib/format";

/** Gross profit, or why it cannot be told yet. */
export function profitText(figures: Pick<Figures, "grossProfit" | "linesWithoutCost">, currency: string): string {
  if (figures.grossProfit !== null) return formatMoney(figures.grossProfit, currency);
  return `Cost unknown for ${plural(figures.linesWithoutCost, "line", "lines")}`;
}
