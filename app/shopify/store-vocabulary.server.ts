// What a campaign's rules can name in this store, read from its catalogue: the product tags,
// vendors and SKUs the campaign editor offers in its lists (a merchant can still type others).
import type { AdminCall } from "./admin-graphql.server";
import type { PromoGuardStoreVocabularyQuery } from "~/types/admin.generated";

// 250 variants with their product's vendor and tags: about 500 points, half a query's 1,000.
const STORE_VOCABULARY = `#graphql
  query PromoGuardStoreVocabulary {
    productVariants(first: 250) {
      nodes { sku product { vendor tags } }
    }
  }
`;

export interface StoreVocabulary {
  productTags: string[];
  vendors: string[];
  skus: string[];
}

export const NO_VOCABULARY: StoreVocabulary = { productTags: [], vendors: [], skus: [] };

const sorted = (values: Iterable<string>) => [...new Set(values)].filter((value) => value.trim() !== "").sort((a, b) => a.localeCompare(b));

/** The store's product tags, vendors and SKUs, each sorted and without repeats. */
export async function storeVocabulary(call: AdminCall): Promise<StoreVocabulary> {
  const data = await call<PromoGuardStoreVocabularyQuery>(STORE_VOCABULARY, {});
  const variants = data.productVariants.nodes;
  return {
    productTags: sorted(variants.flatMap((variant) => variant.product.tags)),
    vendors: sorted(variants.map((variant) => variant.product.vendor)),
    skus: sorted(variants.flatMap((variant) => (variant.sku ? [variant.sku] : []))),
  };
}
