// Products and collections on the Admin API, as post-purchase rules need them: the titles of what
// a merchant picked (checked to exist when the rule is saved), and which of an order's products a
// rule's products or collections name.
import type { AdminCall } from "./admin-graphql.server";
import type { PromoGuardCatalogueTitlesQuery, PromoGuardCollectionsHoldProductQuery, PromoGuardVariantProductsQuery } from "~/types/admin.generated";

// Nodes cost 1 point each (and their product 1 more): 100 ids stay far below a query's 1,000.
const IDS_PER_CALL = 100;

const CATALOGUE_TITLES = `#graphql
  query PromoGuardCatalogueTitles($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product { id title }
      ... on Collection { id title }
    }
  }
`;

const VARIANT_PRODUCTS = `#graphql
  query PromoGuardVariantProducts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant { id product { id } }
    }
  }
`;

const COLLECTIONS_HOLD_PRODUCT = `#graphql
  query PromoGuardCollectionsHoldProduct($ids: [ID!]!, $productId: ID!) {
    nodes(ids: $ids) {
      ... on Collection { id hasProduct(id: $productId) }
    }
  }
`;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += IDS_PER_CALL) result.push(items.slice(start, start + IDS_PER_CALL));
  return result;
}

/** Title of each product or collection the shop has, by id; ids it does not have are left out. */
export async function catalogueTitles(call: AdminCall, ids: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const batch of chunks(ids)) {
    const data = await call<PromoGuardCatalogueTitlesQuery>(CATALOGUE_TITLES, { ids: batch });
    for (const node of data.nodes) if (node && "title" in node && node.id) titles.set(node.id, node.title);
  }
  return titles;
}

/** The product of each variant (variants the shop no longer has are left out). */
export async function productsOfVariants(call: AdminCall, variantIds: readonly string[]): Promise<Set<string>> {
  const products = new Set<string>();
  for (const batch of chunks(variantIds)) {
    const data = await call<PromoGuardVariantProductsQuery>(VARIANT_PRODUCTS, { ids: batch });
    for (const node of data.nodes) if (node && "product" in node && node.product) products.add(node.product.id);
  }
  return products;
}

/** Whether any of the collections holds the product. */
export async function anyCollectionHolds(call: AdminCall, collectionIds: readonly string[], productId: string): Promise<boolean> {
  for (const batch of chunks(collectionIds)) {
    const data = await call<PromoGuardCollectionsHoldProductQuery>(COLLECTIONS_HOLD_PRODUCT, { ids: batch, productId });
    if (data.nodes.some((node) => node && "hasProduct" in node && node.hasProduct)) return true;
  }
  return false;
}
