import { randomUUID } from "node:crypto";
import { API_SECRET_KEY, getHmac } from "@shopify/shopify-api/test-helpers";
import { ADMIN_API_VERSION } from "~/shopify/config";
import { APP_ORIGIN, TEST_SHOP } from "./shopify-app";

/** A webhook exactly as Shopify sends it: raw JSON body, HMAC over it, Shopify's headers. */
export function webhookRequest(
  path: string,
  { topic, payload, shop = TEST_SHOP, webhookId = randomUUID(), secret = API_SECRET_KEY }:
  { topic: string; payload: unknown; shop?: string; webhookId?: string; secret?: string },
) {
  const body = JSON.stringify(payload);
  return new Request(new URL(path, APP_ORIGIN), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, secret),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": ADMIN_API_VERSION,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}
