// What an effect decides, before it becomes Shopify output: which lines, order or delivery
// options get how much. Amounts are cart-currency minor units.
import type { DeliveryOptionFacts } from "./facts";

export interface LineTarget {
  id: string;
  /** Only part of the line's quantity (buy X get Y); left out, the whole line. */
  quantity?: number;
}

export type IntentValue =
  | { kind: "percentage"; percentage: number }
  | { kind: "fixedAmount"; amount: number; appliesToEachItem: boolean };

export interface ProductIntent {
  discountClass: "PRODUCT";
  targets: LineTarget[];
  prerequisites: LineTarget[];
  value: IntentValue;
  /** What the discount is worth on this cart, for the per-order cap. */
  amount: number;
}

export interface OrderIntent {
  discountClass: "ORDER";
  excludedLineIds: string[];
  value: IntentValue;
  amount: number;
}

export interface DeliveryIntent {
  discountClass: "SHIPPING";
  /** Delivery options made free. */
  options: DeliveryOptionFacts[];
}

export type LinesIntent = ProductIntent | OrderIntent;
export type DiscountIntent = LinesIntent | DeliveryIntent;
