import { createHmac, randomUUID } from "node:crypto";
import { EMULATED_API_VERSION } from "./schema";

export interface WebhookRequestInput {
  /** Where the app listens, e.g. https://promoguard.test/webhooks/orders/create. */
  url: string | URL;
  topic: string;
  shop: string;
  payload: unknown;
  /** The app's API secret (client secret): Shopify signs every webhook body with it. */
  secret: string;
  /** Stays the same when Shopify retries a delivery, which is how apps spot duplicates. */
  webhookId?: string;
  /** Identifies the event; several subscriptions of one event share it. */
  eventId?: string;
  triggeredAt?: Date | string;
  apiVersion?: string;
}

/** Shopify's X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body, keyed with the app secret. */
export function signWebhookBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** A webhook request exactly as Shopify sends one: raw JSON body, signature and Shopify's headers. */
export function buildWebhookRequest(input: WebhookRequestInput): Request {
  const body = JSON.stringify(input.payload);
  const triggeredAt = input.triggeredAt ?? new Date();
  return new Request(input.url, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": input.topic,
      "X-Shopify-Hmac-Sha256": signWebhookBody(body, input.secret),
      "X-Shopify-Shop-Domain": input.shop,
      "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": input.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": typeof triggeredAt === "string" ? triggeredAt : triggeredAt.toISOString(),
      "X-Shopify-API-Version": input.apiVersion ?? EMULATED_API_VERSION,
    },
  });
}

export interface DeliveryOptions {
  /** Where requests go: fetch (default), or a function calling the app's route handler directly. */
  send?: (request: Request) => Promise<Response>;
  /** How many times each webhook is delivered, with the same webhook id: Shopify's duplicates. */
  times?: number;
  /** "reversed" delivers the sequence backwards (orders/updated before orders/create, say). */
  order?: "given" | "reversed";
  /** Re-deliveries after a non-2xx answer, as Shopify retries failed webhooks. */
  retries?: number;
}

export interface DeliveryResult {
  topic: string;
  webhookId: string;
  status: number;
  attempt: number;
}

/**
 * Delivers webhooks one after another, the way tests need Shopify to misbehave: each one
 * `times` times under one webhook id, in the given or reversed order, retried on failure.
 * Every delivery is signed afresh, so every request is a valid one.
 */
export async function deliverWebhooks(webhooks: WebhookRequestInput[], options: DeliveryOptions = {}): Promise<DeliveryResult[]> {
  const send = options.send ?? ((request: Request) => fetch(request));
  const sequence = options.order === "reversed" ? [...webhooks].reverse() : webhooks;
  const results: DeliveryResult[] = [];
  for (const webhook of sequence) {
    const identified = { ...webhook, webhookId: webhook.webhookId ?? randomUUID(), eventId: webhook.eventId ?? randomUUID() };
    for (let copy = 0; copy < (options.times ?? 1); copy++) {
      for (let attempt = 1; attempt <= 1 + (options.retries ?? 0); attempt++) {
        const response = await send(buildWebhookRequest(identified));
        results.push({ topic: webhook.topic, webhookId: identified.webhookId, status: response.status, attempt });
        if (response.ok) break;
      }
    }
  }
  return results;
}

export {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  inventoryLevelUpdatePayload,
  orderWebhookPayload,
  shopRedactPayload,
} from "./webhook-payloads";
