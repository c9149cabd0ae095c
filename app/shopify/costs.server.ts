// Variants' unit costs (InventoryItem.unitCost) on the Admin API: the whole catalogue page by
// page for the scheduled refresh, or a few variants an order needs that the cache lacks.
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type { VariantCostsByIdQuery, VariantCostsPageQuery } from "~/types/admin.generated";

// A variant with its inventory item and cost asks 3 points: 250 per page costs 752 of 1,000.
const VARIANTS_PAGE_SIZE = 250;
const IDS_PER_CALL = 250;

/** A variant's cost as Shopify knows it; unitCost null when the merchant never entered one. */
export interface VariantCostFact {
  variantId: string;
  inventoryItemId: string | null;
  unitCost: string | null;
}

const VARIANT_COSTS_PAGE = `#graphql
  query VariantCostsPage($first: Int!, $after: String) {
    productVariants(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id inventoryItem { id unitCost { amount } } }
    }
  }
`;

const VARIANT_COSTS_BY_ID = `#graphql
  query VariantCostsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant { id inventoryItem { id unitCost { amount } } }
    }
  }
`;

type VariantNode = { id: string; inventoryItem: { id: string; unitCost?: { amount: unknown } | null } };

const costFact = (node: VariantNode): VariantCostFact => ({
  variantId: node.id,
  inventoryItemId: node.inventoryItem.id,
  unitCost: node.inventoryItem.unitCost?.amount == null ? null : String(node.inventoryItem.unitCost.amount),
});

export interface VariantCostsPage {
  costs: VariantCostFact[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One page of the shop's variants with their costs. */
export async function fetchVariantCostsPage(call: AdminCall, after: string | null): Promise<VariantCostsPage> {
  const data = await call<VariantCostsPageQuery>(VARIANT_COSTS_PAGE, { first: VARIANTS_PAGE_SIZE, after });
  return {
    costs: data.productVariants.nodes.map(costFact),
    endCursor: data.productVariants.pageInfo.endCursor ?? null,
    hasNextPage: data.productVariants.pageInfo.hasNextPage,
  };
}

/** The costs of the named variants; a variant Shopify no longer has is left out. */
export async function fetchVariantCosts(call: AdminCall, variantIds: readonly string[]): Promise<VariantCostFact[]> {
  const facts: VariantCostFact[] = [];
  for (let start = 0; start < variantIds.length; start += IDS_PER_CALL) {
    const data = await call<VariantCostsByIdQuery>(VARIANT_COSTS_BY_ID, { ids: variantIds.slice(start, start + IDS_PER_CALL) });
    for (const node of data.nodes) if (node && "inventoryItem" in node) facts.push(costFact(node as VariantNode));
  }
  return facts;
}
