// The campaign config: one versioned JSON document per discount, stored in the discount's
// `$app:promoguard.campaign-config` metafield. Every condition is a top-level key, because the
// same document is the input query's variables and Shopify only reads top-level keys there.

export const CONFIG_VERSION = 1;
export const METAFIELD_NAMESPACE = "$app:promoguard";
export const CAMPAIGN_CONFIG_KEY = "campaign-config";
export const STACKING_CATALOGUE_KEY = "stacking-catalogue";
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
}

export type ConditionKey = keyof ConditionArgs;

/**
 * Shopify may pass null for variables the metafield leaves out, and these four feed non-null
 * arguments of `shop.localTime`. So a published config always carries them (toMetafieldValue),
 * with these values when the campaign has no such limit; a neutral value means "condition off".
 * The input queries declare the same values as their variables' defaults.
 */
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

/** The shop-wide automatic discount that enforces the stacking policy across codes. */
export interface GuardConfig {
  version: typeof CONFIG_VERSION;
  kind: "guard";
}

export type DiscountConfig = CampaignConfig | GuardConfig;
