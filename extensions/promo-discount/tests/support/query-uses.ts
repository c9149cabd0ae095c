// Campaigns that between them use every input-query variable of every campaign extension: the
// contract test compiles each and checks the variables publishing writes for its extension.
import type { CampaignConfig } from "../../src/config";

const collection = (n: number) => `gid://shopify/Collection/${n}`;

export const QUERY_USES: { handle: string; config: CampaignConfig }[] = [
  {
    handle: "promo-discount",
    config: {
      version: 1,
      effects: [{ type: "percentage", percentage: 10 }],
      includedCollectionIds: [collection(1)],
      excludedCollectionIds: [collection(2)],
      includedProductTags: ["sale"],
      excludedProductTags: ["final-sale"],
      customerTagsAny: ["vip"],
      customerTagsAll: ["newsletter", "member"],
      minimumSubtotal: "20.00",
      hoursFrom: "09:00:00",
      hoursUntil: "17:00:00",
    },
  },
  {
    handle: "promo-discount",
    config: { version: 1, effects: [{ type: "freeShipping" }], excludedProductTags: ["heavy"], includedCollectionIds: [collection(3)], minimumQuantity: 2 },
  },
  {
    handle: "promo-discount-catalog",
    config: {
      version: 1,
      effects: [{ type: "percentage", percentage: 10 }, { type: "freeShipping" }],
      includedVariantIds: ["gid://shopify/ProductVariant/1"],
      excludedVariantIds: ["gid://shopify/ProductVariant/2"],
      includedSkus: ["A"],
      excludedSkus: ["B"],
      includedProductIds: ["gid://shopify/Product/1"],
      excludedProductIds: ["gid://shopify/Product/2"],
      includedVendors: ["Northwind"],
      excludedVendors: ["Outlet Co"],
      includedCollectionIds: [collection(4)],
      excludedCollectionIds: [collection(5)],
      minimumSubtotal: "10.00",
    },
  },
  {
    handle: "promo-discount-tagged",
    config: {
      version: 1,
      effects: [{ type: "tiers", basis: "subtotal", tiers: [{ from: "50.00", percentage: 5 }] }],
      includedSkus: ["A"],
      excludedProductIds: ["gid://shopify/Product/2"],
      excludedVendors: ["Outlet Co"],
      includedCollectionIds: [collection(6)],
      includedProductTags: ["sale"],
      excludedProductTags: ["final-sale"],
    },
  },
  {
    handle: "promo-discount-stock",
    config: {
      version: 1,
      effects: [{ type: "percentage", percentage: 10, overstock: { above: 50, percentage: 30 } }],
      minimumStock: 5,
      includedCollectionIds: [collection(9)],
      excludedCollectionIds: [collection(10)],
    },
  },
  {
    handle: "promo-discount-bundles",
    config: {
      version: 1,
      effects: [{ type: "buyXGetY", buyQuantity: 2, getQuantity: 1, percentage: 100 }],
      buyCollectionIds: [collection(7)],
      includedCollectionIds: [collection(8)],
      includedVariantIds: ["gid://shopify/ProductVariant/3"],
      excludedSkus: ["B"],
    },
  },
];
