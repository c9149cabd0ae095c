import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { buildWebhookRequest } from "../../dev/emulator/webhooks";
import { APP_ORIGIN, TEST_SHOP } from "./shopify-app";

/** A webhook for the app under test, signed with the test app's secret unless told otherwise. */
export function webhookRequest(
  path: string,
  {
    topic,
    payload,
    shop = TEST_SHOP,
    webhookId,
    secret = API_SECRET_KEY,
  }: { topic: string; payload: unknown; shop?: string; webhookId?: string; secret?: string },
) {
  return buildWebhookRequest({ url: new URL(path, APP_ORIGIN), topic, shop, payload, secret, webhookId });
}
