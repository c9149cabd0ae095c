// Customer tags PromoGuard sets on Shopify: the fraud review's block is the tag
// `promoguard-blocked`, which the discount function reads at checkout (hasAnyTag) and refuses
// every campaign for. Needs the write_customers scope.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { AdminCall } from "./admin-graphql.server";
import type { ShopifyUserError } from "./discounts.server";
import type { PromoGuardCustomerContactQuery } from "~/types/admin.generated";

export type AdminGraphql = Pick<AdminApiContext, "graphql">;

/** The tag the discount function's input queries test (extensions/promo-discount/src/*.graphql). */
export const BLOCKED_CUSTOMER_TAG = "promoguard-blocked";

const TAGS_ADD = `#graphql
  mutation PromoGuardCustomerTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      node { id }
      userErrors { field message }
    }
  }
`;

const TAGS_REMOVE = `#graphql
  mutation PromoGuardCustomerTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      node { id }
      userErrors { field message }
    }
  }
`;

type TagsPayload = { node: { id: string } | null; userErrors: { field: string[] | null; message: string }[] } | null;

async function tagsPayload(response: Response, mutation: "tagsAdd" | "tagsRemove"): Promise<ShopifyUserError[]> {
  const body = (await response.json()) as { data?: Record<string, TagsPayload>; errors?: unknown };
  const payload = body.data?.[mutation];
  if (!payload) throw new Error(`Shopify answered ${mutation} without a payload: ${JSON.stringify(body.errors ?? body)}`);
  return payload.userErrors.map((error) => ({ field: error.field ?? null, message: error.message, code: null }));
}

/** Adds tags to a customer (a tag it already has stays once); Shopify's user errors when it refuses. */
export async function addCustomerTags(admin: AdminGraphql, customerId: string, tags: string[]): Promise<ShopifyUserError[]> {
  return tagsPayload(await admin.graphql(TAGS_ADD, { variables: { id: customerId, tags } }), "tagsAdd");
}

/** Removes tags from a customer; removing one it does not have changes nothing. */
export async function removeCustomerTags(admin: AdminGraphql, customerId: string, tags: string[]): Promise<ShopifyUserError[]> {
  return tagsPayload(await admin.graphql(TAGS_REMOVE, { variables: { id: customerId, tags } }), "tagsRemove");
}

const CUSTOMER_CONTACT = `#graphql
  query PromoGuardCustomerContact($id: ID!) {
    customer(id: $id) { id email }
  }
`;

/** The customer's email address (null without one); null when the shop has no such customer. */
export async function customerEmail(call: AdminCall, customerId: string): Promise<{ email: string | null } | null> {
  const { customer } = await call<PromoGuardCustomerContactQuery>(CUSTOMER_CONTACT, { id: customerId });
  return customer ? { email: customer.email ?? null } : null;
}
