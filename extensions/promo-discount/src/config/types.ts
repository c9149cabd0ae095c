// The campaign config: the readable, versioned document the admin app stores and edits for each
// campaign, one top-level key per condition. Publishing compiles it (compile.ts) into the rules
// the checkout evaluator reads and the variables of the input query; the function never sees it.

export const CONFIG_VERSION = 1;
/** Shopify hands a function at most this many bytes of one metafield's value. */
export const METAFIELD_VALUE_LIMIT_BYTES = 10_000;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DELIVERY_METHODS = ["SHIPPING", "PICK_UP", "RETAIL", "LOCAL", "PICKUP_POINT", "NONE"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export type DiscountClassName = "PRODUCT" | "ORDER" | "SHIPPING";

/** Each key is one condition's argument; a key left out means the condition is off. */
export interface ConditionArgs {
  includedProductIds?: string[];
  excludedProductIds?: string[];
  includedVariantIds?: string[];
  excludedVariantIds?: string[];
  includedSkus?: string[];
  excludedSkus?: string[];
  includedVendors?: string[];
  excludedVendors?: string[];
  /** Input-query variable: `inAnyCollection(ids: $includedCollectionIds)`. */
  includedCollectionIds?: string[];
  /** Input-query variable: `inAnyCollection(ids: $excludedCollectionIds)`. */
  excludedCollectionIds?: string[];
  /** Input-query variable: product `hasAnyTag(tags: $includedProductTags)`. */
  includedProductTags?: string[];
  /** Input-query variable: product `hasAnyTag(tags: $excludedProductTags)`. */
  excludedProductTags?: string[];
  /** Input-query variable: customer `hasAnyTag(tags: $customerTagsAny)`. */
  customerTagsAny?: string[];
  /** Input-query variable: customer `hasTags(tags: $customerTagsAll)`. */
  customerTagsAll?: string[];
  firstOrder?: true;
  returningCustomer?: true;
  b2b?: "only" | "excluded";
  includedDeliveryCountries?: string[];
  excludedDeliveryCountries?: string[];
  /** Shop currency, counted over eligible lines only. */
  minimumSubtotal?: string;
  /** Counted over eligible lines only. */
  minimumQuantity?: number;
  /** Input-query variable: `shop.localTime.dateTimeAfter(dateTime: $startsAt)`. */
  startsAt?: string;
  /** Input-query variable: `shop.localTime.dateTimeBefore(dateTime: $endsAt)`. */
  endsAt?: string;
  weekdays?: Weekday[];
  /** Input-query variable: `shop.localTime.timeBetween(startTime: $hoursFrom, …)`. */
  hoursFrom?: string;
  /** Input-query variable: `shop.localTime.timeBetween(…, endTime: $hoursUntil)`. */
  hoursUntil?: string;
  /** Lines whose variant has fewer units in stock are not discounted (PromoGuard's stock metafield). */
  minimumStock?: number;
  /** How often one customer may use the campaign; the guard refuses the next use. */
  maxUsesPerCustomer?: number;
}

export type ConditionKey = keyof ConditionArgs;

/** Schedule values that switch nothing off: a config may carry them, and they mean "no limit". */
export const NEUTRAL_SCHEDULE_VARIABLES = {
  startsAt: "1970-01-01T00:00:00",
  endsAt: "9999-12-31T23:59:59",
  hoursFrom: "00:00:00",
  hoursUntil: "23:59:59",
} as const satisfies Partial<ConditionArgs>;

export type AppliesTo = "lines" | "order";

export interface PercentageEffect {
  type: "percentage";
  percentage: number;
  appliesTo?: AppliesTo;
  /** Items with more than `above` units in stock get `percentage` instead (lines only). */
  overstock?: { above: number; percentage: number };
}

export interface FixedAmountEffect {
  type: "fixedAmount";
  /** Shop currency. */
  amount: string;
  per: "order" | "item";
}

/** Which lines count as the "buy" side; left out, the eligible lines are. */
export interface BuyScope {
  productIds?: string[];
  variantIds?: string[];
  skus?: string[];
  vendors?: string[];
}

export interface BuyXGetYEffect {
  type: "buyXGetY";
  buyQuantity: number;
  getQuantity: number;
  /** 100 means the "get" items are free. */
  percentage: number;
  maxApplications?: number;
  buy?: BuyScope;
}

export interface Tier {
  /** A quantity (basis "quantity") or a shop-currency amount (basis "subtotal"). */
  from: number | string;
  percentage?: number;
  /** Shop currency, once per order. */
  amount?: string;
}

export interface TiersEffect {
  type: "tiers";
  basis: "quantity" | "subtotal";
  appliesTo?: AppliesTo;
  tiers: Tier[];
}

export interface FreeShippingEffect {
  type: "freeShipping";
  /** Shop currency: delivery options that cost more are not discounted. */
  maxShippingRate?: string;
  deliveryMethods?: DeliveryMethod[];
}

export type Effect = PercentageEffect | FixedAmountEffect | BuyXGetYEffect | TiersEffect | FreeShippingEffect;
export type EffectType = Effect["type"];

export interface CampaignConfig extends ConditionArgs {
  version: typeof CONFIG_VERSION;
  kind?: "campaign";
  /** Shown to the shopper next to the discount; defaults to a description of the effect. */
  message?: string;
  /** At most one effect per discount class (product, order, shipping). */
  effects: Effect[];
  /** Shop currency; caps the product and order discount together, and shipping on its own. */
  maxDiscountPerOrder?: string;
  /** Input-query variable for the buy-X-get-Y "buy" side: `inAnyCollection(ids: $buyCollectionIds)`. */
  buyCollectionIds?: string[];
}
