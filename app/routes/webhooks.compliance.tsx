import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhooks.server";
import prisma from "~/db.server";
import { handleComplianceRequest, isComplianceTopic } from "~/domain/privacy.server";

// customers/data_request, customers/redact and shop/redact share this endpoint (shopify.app.toml).
export const action = async ({ request }: ActionFunctionArgs) => {
  const webhook = await receiveWebhook(request);
  if (webhook instanceof Response) return webhook;
  const { shop, topic, payload, webhookId } = webhook;
  if (!isComplianceTopic(topic)) {
    return new Response(`Unexpected topic ${topic}`, { status: 400 });
  }
  await handleComplianceRequest(prisma, { shop, topic, webhookId, payload });
  return new Response();
};
