import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { receiveOrderWebhook } from "~/domain/redemptions/order-webhooks.server";
import { receiveWebhook } from "~/shopify/webhooks.server";

// Verified, stored and queued; the redemptions are recorded by a job (store-then-process).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { shop, topic, webhookId, payload } = webhook;
  await receiveOrderWebhook(prisma, { shop, topic, webhookId, payload });
  return new Response();
};
