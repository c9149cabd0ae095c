import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { applyInventoryItemCost } from "~/domain/analytics/costs.server";
import { receiveWebhook } from "~/shopify/webhooks.server";

// A merchant changed an item's cost: the variant's cached cost follows at once (the daily refresh
// catches anything missed). One small idempotent write, so no job is needed.
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { shop, payload } = webhook;
  const item = payload as { id?: number | string; admin_graphql_api_id?: string; cost?: string | number | null; updated_at?: string };
  if (item.id !== undefined || item.admin_graphql_api_id) {
    const inventoryItemId = item.admin_graphql_api_id ?? `gid://shopify/InventoryItem/${item.id}`;
    const cost = item.cost === null || item.cost === undefined ? null : String(item.cost);
    const updatedAt = item.updated_at && !Number.isNaN(Date.parse(item.updated_at)) ? new Date(item.updated_at) : new Date();
    await applyInventoryItemCost(prisma, shop, inventoryItemId, cost, updatedAt);
  }
  return new Response();
};
