// orders/create and orders/updated: the route stores the body and answers at once; a job
// records the redemptions, so a slow or failing step never makes Shopify time out or lose it.
import type { Database } from "~/db.server";
import { isUniqueViolation } from "~/database-errors";
import { enqueueJob } from "~/jobs/queue.server";
import { PermanentJobError } from "~/jobs/worker.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { planPostPurchase } from "~/domain/automation/post-purchase.server";
import { orderContextsFor } from "./contexts.server";
import { recordOrder } from "./record.server";
import { orderFactsFromWebhook, UnreadableOrderError } from "./webhook-order";

export const ORDER_WEBHOOK_JOB = "redemptions.order-webhook";
/** The topic as the library reports it (and the receipt stores it). */
const ORDERS_CREATE = "ORDERS_CREATE";

// Shopify retries a webhook for up to 48 hours; a processed receipt kept twice as long still
// catches every duplicate, and is then pruned.
const RECEIPT_RETENTION_MS = 4 * 24 * 60 * 60 * 1000;

export interface ReceivedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  payload: unknown;
}

async function enqueueReceipt(db: Database, shopDomain: string, receiptId: number) {
  await enqueueJob(db, { shopDomain, type: ORDER_WEBHOOK_JOB, payload: { receiptId }, dedupeKey: `${ORDER_WEBHOOK_JOB}:${receiptId}` });
}

/**
 * Stores the webhook once per webhook id and queues its processing. A repeated delivery of a
 * webhook not yet processed queues it again (a no-op while it is queued), so a crash between
 * storing and queueing is mended by Shopify's retry.
 */
export async function receiveOrderWebhook(db: Database, webhook: ReceivedWebhook): Promise<{ duplicate: boolean }> {
  await db.shop.upsert({ where: { domain: webhook.shop }, create: { domain: webhook.shop }, update: {} });
  try {
    const receipt = await db.webhookReceipt.create({
      data: { shopDomain: webhook.shop, webhookId: webhook.webhookId, topic: webhook.topic, payload: JSON.stringify(webhook.payload) },
    });
    await enqueueReceipt(db, webhook.shop, receipt.id);
    return { duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.webhookReceipt.findUnique({ where: { webhookId: webhook.webhookId } });
  if (existing && existing.shopDomain === webhook.shop && !existing.processedAt) await enqueueReceipt(db, existing.shopDomain, existing.id);
  return { duplicate: true };
}

/**
 * Records a stored order webhook (the order, and its redemptions) and forgets its body. Orders
 * with a code get the customer's history and unit costs from the Admin API; orders without one
 * take their costs from the cache (asking Shopify only for variants it lacks).
 */
export async function processOrderWebhook(db: Database, adminCallFor: (shop: string) => Promise<AdminCall>, receiptId: number): Promise<void> {
  const receipt = await db.webhookReceipt.findUnique({ where: { id: receiptId } });
  // Gone with its shop (shop/redact), or done by an earlier attempt.
  if (!receipt || receipt.processedAt || receipt.payload === null) return;
  let facts;
  try {
    facts = orderFactsFromWebhook(JSON.parse(receipt.payload));
  } catch (error) {
    if (error instanceof UnreadableOrderError || error instanceof SyntaxError) throw new PermanentJobError(`Webhook ${receipt.webhookId}: ${error.message}`);
    throw error;
  }
  const contexts = await orderContextsFor(db, () => adminCallFor(receipt.shopDomain), receipt.shopDomain, [facts]);
  await recordOrder(db, receipt.shopDomain, facts, contexts.get(facts.orderId)!, "webhook");
  // A new order may earn a post-purchase code (an edit never does; planning is once per order).
  if (receipt.topic === ORDERS_CREATE)
    await planPostPurchase(db, () => adminCallFor(receipt.shopDomain), receipt.shopDomain, facts, contexts.get(facts.orderId)!);
  const now = new Date();
  await db.webhookReceipt.update({ where: { id: receipt.id }, data: { processedAt: now, payload: null } });
  await db.webhookReceipt.deleteMany({ where: { shopDomain: receipt.shopDomain, processedAt: { lt: new Date(now.getTime() - RECEIPT_RETENTION_MS) } } });
}
