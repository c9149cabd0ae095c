// Reads every discount of the store, code and automatic, native and any app's, page by page
// through discountNodes, for the "Not governed by PromoGuard" audit list. Each code discount
// brings a sample of its first 5 codes and its code count; Shopify keeps the full list.
import type { AdminGraphql } from "./discounts.server";

const PAGE_SIZE = 50;

const DISCOUNT_NODES = `#graphql
  query PromoGuardExistingDiscounts($first: Int!, $after: String) {
    discountNodes(first: $first, after: $after, sortKey: ID) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        discount {
          __typename
          ... on DiscountCodeBasic { title status startsAt endsAt asyncUsageCount usageLimit summary codesCount { count } codes(first: 5) { nodes { code } } }
          ... on DiscountCodeBxgy { title status startsAt endsAt asyncUsageCount usageLimit summary codesCount { count } codes(first: 5) { nodes { code } } }
          ... on DiscountCodeFreeShipping { title status startsAt endsAt asyncUsageCount usageLimit summary codesCount { count } codes(first: 5) { nodes { code } } }
          ... on DiscountCodeApp { title status startsAt endsAt asyncUsageCount usageLimit codesCount { count } codes(first: 5) { nodes { code } } appDiscountType { title } }
          ... on DiscountAutomaticBasic { title status startsAt endsAt asyncUsageCount summary }
          ... on DiscountAutomaticBxgy { title status startsAt endsAt asyncUsageCount summary }
          ... on DiscountAutomaticFreeShipping { title status startsAt endsAt asyncUsageCount summary }
          ... on DiscountAutomaticApp { title status startsAt endsAt asyncUsageCount appDiscountType { title } }
        }
      }
    }
  }
`;

export interface StoreDiscount {
  shopifyDiscountId: string;
  title: string;
  method: "CODE" | "AUTOMATIC";
  discountType: string;
  appTitle: string | null;
  summary: string | null;
  status: string;
  startsAt: string;
  endsAt: string | null;
  usageCount: number;
  usageLimit: number | null;
  codesCount: number;
  codes: string[];
}

interface DiscountFields {
  __typename: string;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string | null;
  asyncUsageCount: number;
  usageLimit?: number | null;
  summary?: string | null;
  codesCount?: { count: number };
  codes?: { nodes: { code: string }[] };
  appDiscountType?: { title: string };
}

interface Page {
  discountNodes: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; discount: DiscountFields }[];
  };
}

function toStoreDiscount(id: string, discount: DiscountFields): StoreDiscount {
  return {
    shopifyDiscountId: id,
    title: discount.title,
    method: discount.__typename.startsWith("DiscountCode") ? "CODE" : "AUTOMATIC",
    discountType: discount.__typename,
    appTitle: discount.appDiscountType?.title ?? null,
    summary: discount.summary ?? null,
    status: discount.status,
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    usageCount: discount.asyncUsageCount,
    usageLimit: discount.usageLimit ?? null,
    codesCount: discount.codesCount?.count ?? 0,
    codes: discount.codes?.nodes.map((node) => node.code) ?? [],
  };
}

/** Every discount in the store, in id order, following the cursor until the last page. */
export async function fetchAllDiscounts(admin: AdminGraphql): Promise<StoreDiscount[]> {
  const discounts: StoreDiscount[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await admin.graphql(DISCOUNT_NODES, { variables: { first: PAGE_SIZE, after } });
    const body = (await response.json()) as { data?: Page; errors?: unknown };
    if (!body.data) throw new Error(`Shopify answered discountNodes without data: ${JSON.stringify(body.errors)}`);
    const { nodes, pageInfo } = body.data.discountNodes;
    for (const node of nodes) discounts.push(toStoreDiscount(node.id, node.discount));
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return discounts;
    after = pageInfo.endCursor;
  }
}
