import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { receiveOrderWebhook } from "~/domain/redemptions/order-webhooks.server";
import { authenticate } from "~/shopify.server";

// Verified, stored and queued; the redemptions are recorded by a job (store-then-process).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  await receiveOrderWebhook(prisma, { shop, topic, webhookId, payload });
  return new Response();
};
