// The function input as PromoGuard's input queries shape it. The queries are generated from the
// profiles (../config/profiles.ts) with one-letter aliases: Shopify's decoder pays for every key
// byte on every cart line, and a query may not exceed 3,000 bytes. Fields a campaign does not
// need are left out by `@include(if:)` flags, so they are simply absent here.

/** cart.lines[]: `{ i: id, q: quantity, c: { a: { a: amountPerQuantity.amount } }, m: merchandise }` */
export interface LineInput {
  i: string;
  q?: number;
  c?: { a: { a: string } };
  /** A custom product (not a ProductVariant) selects nothing: `{}`. */
  m: VariantInput;
}

/** merchandise `... on ProductVariant`: `{ i: id, s: sku, k: the stock metafield, p: product }` */
export interface VariantInput {
  i?: string;
  s?: string | null;
  /** metafield($app:promoguard, stock).jsonValue: the units PromoGuard last saw in stock. */
  k?: { j: unknown } | null;
  p?: ProductInput;
}

/** product: `g` isGiftCard, `i` id, `v` vendor, and the membership flags Shopify answers from the
 * query's variables: `a` / `b` in the included / excluded collections, `y` in the "buy"
 * collections, `t` / `u` tagged with an included / excluded tag. */
export interface ProductInput {
  g: boolean;
  i?: string;
  v?: string | null;
  a?: boolean;
  b?: boolean;
  y?: boolean;
  t?: boolean;
  u?: boolean;
}

export interface DeliveryOptionInput {
  /** handle */
  h: string;
  /** cost.amount */
  c: { a: string };
  /** deliveryMethodType */
  t: string;
}

export interface DeliveryGroupInput {
  /** deliveryAddress.countryCode */
  a: { c: string | null } | null;
  /** Delivery-options target only: the group's options. */
  o?: DeliveryOptionInput[];
}

/** Cart-level facts every campaign query reads. */
export interface CampaignInput {
  /** presentmentCurrencyRate */
  r: string;
  /** localization.country.isoCode */
  l: { c: { i: string } };
  /** discount.metafield($app:promoguard, rules).jsonValue */
  d: { r: { j: unknown } | null };
  /** shop.localTime: `d` date, `h` timeBetween(hoursFrom, hoursUntil) */
  s: { t: { d: string; h: boolean } };
  c: {
    /** cost.subtotalAmount.currencyCode */
    c: { s: { c: string } };
    /** buyerIdentity: customer `{ n: numberOfOrders, t: hasTags($customerTags) [{ t: tag, h: hasTag }] }`,
     * purchasingCompany `{ c: { i: company.id } }` */
    b: { c: { n: number; t: { t: string; h: boolean }[] } | null; p: { c: { i: string } } | null } | null;
    g: DeliveryGroupInput[];
    l: LineInput[];
  };
}

/** The guard's input: the entered codes, the shop's stacking catalogue and whole-cart facts. */
export interface GuardInput {
  /** enteredDiscountCodes `{ c: code, r: rejectable }` */
  e: { c: string; r: boolean }[];
  r: string;
  l: { c: { i: string } };
  /** shop: `c` metafield($app:promoguard, stacking-catalogue).jsonValue, `t.d` localTime.date */
  s: { c: { j: unknown } | null; t: { d: string } };
  c: {
    /** cost.subtotalAmount: `a` amount, `c` currencyCode */
    c: { s: { a: string; c: string } };
    /** buyerIdentity: customer `{ n: numberOfOrders, u: metafield($app:promoguard, uses) }` (how often
     * they used each limited campaign, by its catalogue pattern), purchasingCompany `{ c: { i } }` */
    b: { c: { n: number; u: { j: unknown } | null } | null; p: { c: { i: string } } | null } | null;
    g: { a: { c: string | null } | null }[];
    /** lines `{ q: quantity }` */
    l: { q: number }[];
  };
}
