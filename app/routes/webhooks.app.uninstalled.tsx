import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhooks.server";
import prisma from "~/db.server";
import { recordUninstall } from "~/domain/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { shop } = webhook;
  // Shopify may send this more than once, and after the session is already gone: both are fine.
  await recordUninstall(prisma, shop);
  return new Response();
};
