// What a cart simulation answers, as plain JSON the page shows and the public API returns: the
// cart priced as checkout prices it, every PromoGuard discount the cart meets with what it gives
// each line, and every entered code with the message the shopper sees and, when it gives
// nothing, why — in the same sentences the functions and the guard use.
import type { CheckoutTotals } from "shopify-checkout";

export interface SimulatedLine {
  lineId: string;
  variantId: string;
  /** "Linen shirt - M" */
  title: string;
  quantity: number;
  unitPrice: string;
  subtotal: string;
  /** Every discount on the line, order discounts' share included. */
  discount: string;
  total: string;
}

export type CodeVerdict = "applied" | "refused" | "not priced";

export interface SimulatedCode {
  /** As the discount spells it (as typed when no discount has it). */
  code: string;
  verdict: CodeVerdict;
  /** What checkout tells the shopper about a refused code; null when it applies. */
  shopperMessage: string | null;
  /** Why it gives nothing, for the merchant (empty when it applies). */
  reasons: string[];
}

export interface DiscountOnLine {
  lineId: string;
  title: string;
  /** What this discount takes off the line (0.00 when nothing). */
  amount: string;
  /** Items it leaves out and why, items it takes more off: the campaign's rules, line by line. */
  notes: string[];
}

export interface SimulatedDiscount {
  /** The Shopify discount; null for a campaign Shopify does not have (a draft). */
  discountId: string | null;
  title: string;
  campaign: { id: number; name: string } | null;
  applied: boolean;
  /** The discount's total on this cart, and per class. */
  amount: string;
  amounts: { product?: string; order?: string; shipping?: string };
  lines: DiscountOnLine[];
  codes: SimulatedCode[];
}

export interface CartSimulation {
  currencyCode: string;
  /** When the cart was checked out (ISO); schedules and caps are judged at this instant. */
  simulatedAt: string;
  totals: CheckoutTotals;
  lines: SimulatedLine[];
  discounts: SimulatedDiscount[];
  /** Codes no PromoGuard campaign holds: unknown ones, and discounts made outside PromoGuard. */
  otherCodes: SimulatedCode[];
  /** Active automatic discounts made outside PromoGuard: Shopify applies them by rules the simulator can't run. */
  notPriced: string[];
}
