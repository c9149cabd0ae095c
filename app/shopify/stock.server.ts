// Variants' stock on the Admin API, for stock-aware campaigns: the whole catalogue page by page
// for the daily reconcile, one inventory item for an inventory_levels/update webhook, and the
// product facts of the variants a campaign page lists.
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type { StockByInventoryItemQuery, StockListingFactsQuery, StockPageQuery } from "~/types/admin.generated";

// A variant with its quantity and inventory item asks 2 points: 250 per page costs 502 of 1,000.
const PAGE_SIZE = 250;
// A variant with its product's collections (first 25) asks about 30 points: 20 per call stay under 1,000.
const FACTS_PER_CALL = 20;
const COLLECTIONS_READ = 25;

/** A variant's units in stock as Shopify counts them (inventoryQuantity: available, summed over locations). */
export interface VariantStockFact {
  variantId: string;
  inventoryItemId: string;
  quantity: number;
}

const STOCK_PAGE = `#graphql
  query StockPage($first: Int!, $after: String) {
    productVariants(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id inventoryQuantity inventoryItem { id } }
    }
  }
`;

const STOCK_BY_INVENTORY_ITEM = `#graphql
  query StockByInventoryItem($id: ID!) {
    inventoryItem(id: $id) { id variant { id inventoryQuantity } }
  }
`;

const STOCK_LISTING_FACTS = `#graphql
  query StockListingFacts($ids: [ID!]!, $collections: Int!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        displayName
        sku
        product { id vendor tags isGiftCard collections(first: $collections) { nodes { id } } }
      }
    }
  }
`;

type StockNode = { id: string; inventoryQuantity?: number | null; inventoryItem: { id: string } };

const stockFact = (node: StockNode): VariantStockFact => ({
  variantId: node.id,
  inventoryItemId: node.inventoryItem.id,
  quantity: node.inventoryQuantity ?? 0,
});

export interface VariantStockPage {
  facts: VariantStockFact[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One page of the shop's variants with their stock. */
export async function fetchStockPage(call: AdminCall, after: string | null): Promise<VariantStockPage> {
  const data = await call<StockPageQuery>(STOCK_PAGE, { first: PAGE_SIZE, after });
  return {
    facts: data.productVariants.nodes.map(stockFact),
    endCursor: data.productVariants.pageInfo.endCursor ?? null,
    hasNextPage: data.productVariants.pageInfo.hasNextPage,
  };
}

/** The stock of the variant an inventory item belongs to; null when Shopify no longer has it. */
export async function fetchStockOfInventoryItem(call: AdminCall, inventoryItemId: string): Promise<VariantStockFact | null> {
  const data = await call<StockByInventoryItemQuery>(STOCK_BY_INVENTORY_ITEM, { id: inventoryItemId });
  const variant = data.inventoryItem?.variant;
  if (!variant) return null;
  return { variantId: variant.id, inventoryItemId, quantity: variant.inventoryQuantity ?? 0 };
}

/** What a campaign's line conditions look at, for a variant a campaign page lists. */
export interface VariantListingFacts {
  variantId: string;
  title: string;
  sku: string | null;
  productId: string;
  vendor: string;
  tags: string[];
  isGiftCard: boolean;
  collectionIds: string[];
}

/** The listing facts of the named variants (those Shopify no longer has are left out). */
export async function fetchListingFacts(call: AdminCall, variantIds: readonly string[]): Promise<VariantListingFacts[]> {
  const facts: VariantListingFacts[] = [];
  for (let start = 0; start < variantIds.length; start += FACTS_PER_CALL) {
    const data = await call<StockListingFactsQuery>(STOCK_LISTING_FACTS, {
      ids: variantIds.slice(start, start + FACTS_PER_CALL),
      collections: COLLECTIONS_READ,
    });
    for (const node of data.nodes) {
      if (!node || !("product" in node)) continue;
      facts.push({
        variantId: node.id,
        title: node.displayName,
        sku: node.sku ?? null,
        productId: node.product.id,
        vendor: node.product.vendor,
        tags: node.product.tags,
        isGiftCard: node.product.isGiftCard,
        collectionIds: node.product.collections.nodes.map((collection) => collection.id),
      });
    }
  }
  return facts;
}
