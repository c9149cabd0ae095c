// The largest campaign one Shopify discount can carry: every condition that one extension's
// queries can read together (product tags are left out: no extension reads them with variant
// ids), three effects, and as many product ids as Shopify's 10,000-byte metafield value allows.
import type { CampaignConfig } from "../../src/config";

/** 13-digit numeric ids, the length of current Shopify product ids. */
export const productGid = (n: number) => `gid://shopify/Product/${7_000_000_000_000 + n}`;

/** How many product ids fit: a list holds at most 250, and 250 fit in the rules' 10,000 bytes
 * (each id is one line of the list's text, 36 bytes). config.test.ts proves one more does not. */
export const LARGEST_PRODUCT_ID_COUNT = 250;

export function everyConditionConfig(productIdCount: number): CampaignConfig {
  return {
    version: 1,
    message: "Members' spring sale",
    maxDiscountPerOrder: "150.00",
    effects: [
      {
        type: "tiers",
        basis: "subtotal",
        tiers: [
          { from: "100.00", percentage: 10 },
          { from: "250.00", percentage: 15 },
          { from: "500.00", percentage: 20 },
        ],
      },
      { type: "fixedAmount", amount: "5.00", per: "order" },
      { type: "freeShipping", maxShippingRate: "25.00", deliveryMethods: ["SHIPPING", "PICKUP_POINT"] },
    ],
    includedProductIds: Array.from({ length: productIdCount }, (_, index) => productGid(index)),
    excludedProductIds: [productGid(9001), productGid(9002)],
    includedVariantIds: ["gid://shopify/ProductVariant/45000000000001"],
    excludedVariantIds: ["gid://shopify/ProductVariant/45000000000002"],
    includedSkus: ["SPRING-01", "SPRING-02"],
    excludedSkus: ["FINAL-01", "FINAL-02"],
    includedVendors: ["Northwind", "Contoso"],
    excludedVendors: ["Outlet Co"],
    includedCollectionIds: ["gid://shopify/Collection/480000000001", "gid://shopify/Collection/480000000002"],
    excludedCollectionIds: ["gid://shopify/Collection/480000000003"],
    customerTagsAny: ["member", "vip"],
    customerTagsAll: ["newsletter"],
    returningCustomer: true,
    b2b: "excluded",
    includedDeliveryCountries: ["US", "CA", "GB"],
    excludedDeliveryCountries: ["RU"],
    minimumSubtotal: "40.00",
    minimumQuantity: 2,
    startsAt: "2027-03-20T00:00:00",
    endsAt: "2027-04-20T23:59:59",
    weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    hoursFrom: "06:00:00",
    hoursUntil: "23:00:00",
  };
}
