// The benchmark's workload: a heavy but publishable campaign (20 conditions, exclusions, tiers,
// a cap, three effects), a 200-entry stacking catalogue, and deterministic carts of any size in
// which a mix of lines is in scope, excluded, or a gift card. Tests check these are valid config
// and valid function input, so the benchmark measures something Shopify could really send.
import type { CatalogueEntry, StackingCatalogue } from "../src/config/catalogue";
import type { CampaignConfig } from "../src/config/types";
import { toMetafieldValue } from "../src/config/validate";
import type { CartLineInput, RunInput } from "../src/input";

const productGid = (n: number) => `gid://shopify/Product/${8_100_000_000_000 + n}`;
const variantGid = (n: number) => `gid://shopify/ProductVariant/${45_000_000_000_000 + n}`;
const collectionGid = (n: number) => `gid://shopify/Collection/${480_000_000_000 + n}`;
const range = (count: number, from = 0) => Array.from({ length: count }, (_, index) => from + index);

export const HEAVY_CONDITION_COUNT = 20;

export function heavyCampaignConfig(): CampaignConfig {
  return {
    version: 1,
    message: "Volume savings",
    maxDiscountPerOrder: "500.00",
    effects: [
      { type: "tiers", basis: "quantity", tiers: [
        { from: 5, percentage: 5 }, { from: 20, percentage: 8 }, { from: 50, percentage: 10 },
        { from: 200, percentage: 12 }, { from: 500, percentage: 15 },
      ] },
      { type: "fixedAmount", amount: "5.00", per: "order" },
      { type: "freeShipping", maxShippingRate: "30.00" },
    ],
    // 10 line conditions
    includedProductIds: range(60).map((n) => productGid(n * 3)),
    excludedProductIds: range(30).map((n) => productGid(n * 7)),
    excludedVariantIds: range(20).map((n) => variantGid(n * 11)),
    excludedSkus: range(20).map((n) => `CLEAR-${n * 13}`),
    includedCollectionIds: range(10).map(collectionGid),
    excludedCollectionIds: range(5, 10).map(collectionGid),
    includedProductTags: ["sale", "bundle", "wholesale", "seasonal", "clearance-ok"],
    excludedProductTags: ["no-discount", "final-sale", "preorder", "limited", "exclusive"],
    includedVendors: ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip"],
    excludedVendors: ["Outlet Co", "Resale Ltd", "Consign", "Second Hand", "Vintage Partners"],
    // 10 cart conditions
    customerTagsAny: ["loyalty", "vip", "staff"],
    returningCustomer: true,
    b2b: "excluded",
    includedDeliveryCountries: ["US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "NL", "BE"],
    excludedDeliveryCountries: ["RU", "BY", "IR"],
    minimumSubtotal: "50.00",
    minimumQuantity: 2,
    startsAt: "2026-11-01T00:00:00",
    endsAt: "2026-12-31T23:59:59",
    weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  };
}

/** 150 exact codes and 50 pool prefixes; every tenth entry carries a guard rule. */
export function benchCatalogue(): StackingCatalogue {
  const campaigns: CatalogueEntry[] = range(200).map((n): CatalogueEntry => {
    const pattern = n < 150 ? `CAMP${n}` : `POOL${n}-*`;
    const category = n % 25 === 0 ? "exclusive" : "joint";
    const value = n % 2 === 0 ? `${5 + (n % 20)}%` : `${5 + (n % 30)}.00`;
    return n % 10 === 5 ? [pattern, category, n % 100, value, { minimumSubtotal: "20.00" }] : [pattern, category, n % 100, value];
  });
  return { version: 1, maxCodesPerOrder: 3, selection: "bestValue", unlistedCodes: "allow", campaigns };
}

const VENDORS = ["Northwind", "Contoso", "Outlet Co", "Fabrikam", "Globex"];

function benchLine(index: number): CartLineInput {
  const price = 5 + ((index * 37) % 200) + (index % 4) * 0.25;
  const quantity = 1 + (index % 3);
  return {
    id: `gid://shopify/CartLine/${1000 + index}`,
    quantity,
    cost: {
      amountPerQuantity: { amount: price.toFixed(2) },
      subtotalAmount: { amount: (price * quantity).toFixed(2) },
    },
    merchandise: {
      __typename: "ProductVariant",
      id: variantGid(index),
      sku: index % 9 === 0 ? `CLEAR-${index}` : `SKU-${index}`,
      product: {
        id: productGid(index),
        vendor: VENDORS[index % VENDORS.length],
        isGiftCard: index % 50 === 49,
        inIncludedCollection: index % 4 === 0,
        inExcludedCollection: index % 17 === 0,
        inBuyCollection: false,
        hasIncludedTag: index % 5 === 0,
        hasExcludedTag: index % 23 === 0,
      },
    },
  };
}

/** A cart-lines target input with `lineCount` lines, for the campaign triggered by POOL170-8XK2. */
export function benchInput(lineCount: number, config: unknown = toMetafieldValue(heavyCampaignConfig())): RunInput {
  return {
    triggeringDiscountCode: "POOL170-8XK2",
    enteredDiscountCodes: [
      { code: "POOL170-8XK2", rejectable: true },
      { code: "CAMP12", rejectable: true },
      { code: "CAMP41", rejectable: true },
    ],
    presentmentCurrencyRate: "1.0",
    localization: { country: { isoCode: "US" } },
    discount: { discountClasses: ["PRODUCT", "ORDER", "SHIPPING"], config: { jsonValue: config } },
    shop: {
      localTime: { date: "2026-11-27", afterStart: true, beforeEnd: true, withinHours: true },
      stackingCatalogue: { jsonValue: benchCatalogue() },
    },
    cart: {
      cost: { subtotalAmount: { currencyCode: "USD" } },
      buyerIdentity: {
        customer: { numberOfOrders: 4, hasAnyTag: true, hasTags: [], promoguardBlocked: false },
        purchasingCompany: null,
      },
      deliveryGroups: [{ deliveryAddress: { countryCode: "US" } }],
      lines: range(lineCount).map(benchLine),
    },
  };
}
