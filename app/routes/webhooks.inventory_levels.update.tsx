import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { queueStockSync } from "~/domain/campaigns/stock.server";
import { receiveWebhook } from "~/shopify/webhooks.server";

// Stock changed at a location: when the shop has stock-aware campaigns, the item's variant gets
// its stock metafield again (a queued job reads the total from Shopify; a burst shares one job).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { shop, payload } = webhook;
  const level = payload as { inventory_item_id?: number | string };
  if (level.inventory_item_id !== undefined && /^\d+$/.test(String(level.inventory_item_id))) {
    await queueStockSync(prisma, shop, `gid://shopify/InventoryItem/${level.inventory_item_id}`);
  }
  return new Response();
};
