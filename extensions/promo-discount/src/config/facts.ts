// What conditions and effects evaluate against: the cart reduced, in one pass, to the facts the
// vocabulary needs. Money is in minor units of the cart currency (see money.ts).
import type { Currency } from "../money";
import type { DeliveryMethod, Weekday } from "./types";

export interface LineFacts {
  id: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
  productId: string;
  variantId: string;
  sku: string | null;
  vendor: string | null;
  inIncludedCollection: boolean;
  inExcludedCollection: boolean;
  inBuyCollection: boolean;
  hasIncludedTag: boolean;
  hasExcludedTag: boolean;
  /** In the campaign's product scope. */
  eligible: boolean;
}

export interface CustomerFacts {
  numberOfOrders: number;
  hasAnyTag: boolean;
  hasAllTags: boolean;
}

export interface DeliveryOptionFacts {
  handle: string;
  cost: number;
  method: DeliveryMethod;
}

export interface LocalTimeFacts {
  date: string;
  weekday: Weekday;
  afterStart: boolean;
  beforeEnd: boolean;
  withinHours: boolean;
}

export interface CartFacts {
  currency: Currency;
  /** Shop currency → cart currency. */
  rate: number;
  /** Every discountable line: product variants that are not gift cards. */
  lines: LineFacts[];
  eligibleLines: LineFacts[];
  /** All other cart lines (out of scope, gift cards, custom products): excluded from order discounts. */
  ineligibleLineIds: string[];
  eligibleSubtotal: number;
  eligibleQuantity: number;
  /** All discountable lines, whatever the campaign's scope. */
  merchandiseSubtotal: number;
  merchandiseQuantity: number;
  customer: CustomerFacts | null;
  isB2B: boolean;
  /** Delivery addresses' countries, or the buyer's localization country before an address is known. */
  deliveryCountries: string[];
  localTime: LocalTimeFacts;
  /** Only in the delivery-options target. */
  deliveryOptions: DeliveryOptionFacts[];
}
