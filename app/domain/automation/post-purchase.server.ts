// Post-purchase codes: after a new order (orders/create, recorded), the first active rule it meets
// answers it — one PostPurchaseOrder per order, so Shopify repeating the webhook changes nothing —
// and a durable job due at the order's time plus the rule's delay sends the code: assigned from the
// rule's pool (or its campaign's), with the campaign's holdout, valid for the rule's days, then
// delivered (code-delivery.server.ts: the customer metafield the thank-you block shows when the
// delay is 0, the Coupon assigned Flow trigger, email when SMTP is configured). The job is a row of
// the Job table with its run-at time, so a restart loses nothing and sends nothing twice.
import type { Campaign, PostPurchaseOrder, PostPurchaseRule } from "@prisma/client";
import type { Database } from "~/db.server";
import { addGeneratedCodes } from "~/domain/campaigns/generated-codes.server";
import { mailSettings } from "~/domain/governance/mail.server";
import { assignOrHoldOut, type AssignOrHoldOutResult } from "~/domain/pools/assignments.server";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import type { PoolRef } from "~/domain/pools/pools.server";
import { DAY_MS } from "~/domain/pools/sql-time";
import type { PoolStore } from "~/domain/pools/store.server";
import { variantIdsOf, type OrderContext, type OrderFacts } from "~/domain/redemptions/order-facts";
import { enqueueCodeSync } from "~/domain/campaigns/code-sync.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { fetchOrderContexts } from "~/shopify/orders.server";
import { anyCollectionHolds, productsOfVariants } from "~/shopify/products.server";
import { queueCodeDelivery, type ProductRef } from "./code-delivery.server";

export const POST_PURCHASE_JOB = "automation.post-purchase";

const ids = (text: string) => (JSON.parse(text) as ProductRef[]).map((ref) => ref.id);

/** What an order is judged by, each read from Shopify only when a rule asks. */
interface OrderView {
  facts: OrderFacts;
  products(): Promise<Set<string>>;
  isFirstOrder(): Promise<boolean>;
  inAnyCollection(collectionIds: string[]): Promise<boolean>;
}

function orderView(facts: OrderFacts, context: OrderContext, callFor: () => Promise<AdminCall>): OrderView {
  let products: Promise<Set<string>> | null = null;
  let firstOrder: Promise<boolean> | null = null;
  const view: OrderView = {
    facts,
    products: () => (products ??= callFor().then((call) => productsOfVariants(call, variantIdsOf(facts)))),
    // Shopify tells a first order from the customer's order history; a guest's history is unknown.
    isFirstOrder: () =>
      (firstOrder ??= (async () => {
        if (context.newCustomer !== null) return context.newCustomer;
        if (!facts.customerId) return false;
        return (await fetchOrderContexts(await callFor(), [facts])).get(facts.orderId)?.newCustomer === true;
      })()),
    inAnyCollection: async (collectionIds) => {
      for (const product of await view.products()) if (await anyCollectionHolds(await callFor(), collectionIds, product)) return true;
      return false;
    },
  };
  return view;
}

/** Whether the order meets the rule: its products or collections (none named: any order), subtotal, first order. */
async function meets(rule: PostPurchaseRule, order: OrderView): Promise<boolean> {
  if (rule.minimumSubtotal !== null && rule.minimumSubtotal.greaterThan(order.facts.subtotal)) return false;
  if (rule.firstOrderOnly && !(await order.isFirstOrder())) return false;
  const products = ids(rule.triggerProducts);
  const collections = ids(rule.triggerCollections);
  if (products.length === 0 && collections.length === 0) return true;
  if (products.length > 0) {
    const bought = await order.products();
    if (products.some((id) => bought.has(id))) return true;
  }
  return collections.length > 0 && order.inAnyCollection(collections);
}

async function queueSend(db: Database, row: PostPurchaseOrder, now: Date): Promise<void> {
  await enqueueJob(
    db,
    { shopDomain: row.shopDomain, type: POST_PURCHASE_JOB, payload: { id: row.id }, runAt: row.sendAt, dedupeKey: `${POST_PURCHASE_JOB}:${row.id}` },
    now,
  );
}

/**
 * After a new order was recorded: the shop's first active rule (oldest first) the order meets
 * answers it, once per order. Orders without an email get nothing (codes are assigned by email).
 * Returns the order's answer, or null when no rule applies.
 */
export async function planPostPurchase(
  db: Database,
  callFor: () => Promise<AdminCall>,
  shopDomain: string,
  facts: OrderFacts,
  context: OrderContext,
  now = new Date(),
): Promise<PostPurchaseOrder | null> {
  if (!facts.email) return null;
  const planned = await db.postPurchaseOrder.findUnique({ where: { shopDomain_orderId: { shopDomain, orderId: facts.orderId } } });
  if (planned) {
    // A crash between answering the order and queueing the job is mended by the retried webhook job.
    if (planned.status === "scheduled") await queueSend(db, planned, now);
    return planned;
  }
  const rules = await db.postPurchaseRule.findMany({ where: { shopDomain, status: "active" }, orderBy: { id: "asc" } });
  const order = orderView(facts, context, callFor);
  let rule: PostPurchaseRule | null = null;
  for (const candidate of rules) {
    if (await meets(candidate, order)) {
      rule = candidate;
      break;
    }
  }
  if (!rule) return null;
  const row = await db.postPurchaseOrder.upsert({
    where: { shopDomain_orderId: { shopDomain, orderId: facts.orderId } },
    create: {
      shopDomain,
      orderId: facts.orderId,
      orderName: facts.orderName,
      ruleId: rule.id,
      customerId: facts.customerId,
      email: facts.email.trim().toLowerCase(),
      sendAt: new Date(facts.processedAt.getTime() + rule.delayDays * DAY_MS),
    },
    update: {},
  });
  if (row.status === "scheduled") await queueSend(db, row, now);
  return row;
}

/** The pool the rule's codes come from, and the shape of new codes when it is a generated campaign's. */
async function codeSourceOf(db: Database, rule: PostPurchaseRule): Promise<{ pool: PoolRef; campaign: Campaign | null } | null> {
  if (rule.poolId !== null) return { pool: { id: rule.poolId, shopDomain: rule.shopDomain }, campaign: null };
  const campaign = rule.campaignId === null ? null : await db.campaign.findUnique({ where: { id: rule.campaignId } });
  if (!campaign || campaign.poolId === null || campaign.status === "archived") return null;
  return { pool: { id: campaign.poolId, shopDomain: rule.shopDomain }, campaign };
}

/** A generated campaign's pool that ran dry gets one more code (pushed to Shopify by the code sync); false for any other pool. */
async function topUpGenerated(db: Database, store: PoolStore, pool: PoolRef, campaign: Campaign | null): Promise<boolean> {
  if (!campaign || campaign.codeSource !== "generated" || !campaign.generatedPrefix || !campaign.generatedLength) return false;
  await addGeneratedCodes(store, pool, { prefix: campaign.generatedPrefix, length: campaign.generatedLength, count: 1 });
  await enqueueCodeSync(db, { shopDomain: campaign.shopDomain, campaignId: campaign.id });
  return true;
}

async function settle(db: Database, id: number, data: { status: "assigned" | "held_out" | "skipped"; assignmentId?: number; note?: string }, now: Date) {
  await db.postPurchaseOrder.updateMany({ where: { id, status: "scheduled" }, data: { ...data, processedAt: now } });
}

/**
 * Sends the order's code (the job, at sendAt). Runs again harmlessly: the assignment is keyed by
 * the order, the delivery by the assignment. An empty pool throws, so the job retries while the
 * pool's alert (and its Flow trigger) asks the merchant for codes.
 */
export async function sendPostPurchaseCode(db: Database, store: PoolStore, id: number, options: { now?: Date; emailOn?: boolean } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const row = await db.postPurchaseOrder.findUnique({ where: { id } });
  if (!row || row.status !== "scheduled") return;
  const rule = await db.postPurchaseRule.findUnique({ where: { id: row.ruleId } });
  if (!rule) return settle(db, id, { status: "skipped", note: "The rule was deleted before the code was due." }, now);
  if (rule.status !== "active") return settle(db, id, { status: "skipped", note: "The rule was paused before the code was due." }, now);
  const source = await codeSourceOf(db, rule);
  if (!source) return settle(db, id, { status: "skipped", note: "The rule's campaign no longer hands out codes." }, now);

  const request = { email: row.email, source: "post_purchase", idempotencyKey: `post-purchase:${row.orderId}`, validityDays: rule.validityDays };
  let result: AssignOrHoldOutResult;
  try {
    result = await assignOrHoldOut(store, source.pool, request, now);
  } catch (error) {
    if (error instanceof PoolInputError)
      return settle(db, id, { status: "skipped", note: "The customer's email address can no longer receive codes (they asked to be forgotten)." }, now);
    if (!(error instanceof PoolStateError && error.reason === "POOL_EMPTY" && (await topUpGenerated(db, store, source.pool, source.campaign)))) throw error;
    result = await assignOrHoldOut(store, source.pool, request, now);
  }
  if (result.outcome === "held_out") return settle(db, id, { status: "held_out" }, now);
  await queueCodeDelivery(
    db,
    {
      shopDomain: row.shopDomain,
      assignmentId: result.assignment.id,
      customerId: row.customerId,
      email: options.emailOn ? row.email : null,
      message: rule.message,
      offerProducts: JSON.parse(rule.offerProducts) as ProductRef[],
    },
    now,
  );
  await settle(db, id, { status: "assigned", assignmentId: result.assignment.id }, now);
}

/** Registered in app/jobs/handlers.server.ts. */
export function postPurchaseJobHandlers(store: () => PoolStore, env: NodeJS.ProcessEnv = process.env): Record<string, JobHandler> {
  return {
    [POST_PURCHASE_JOB]: ({ db, job, clock }) =>
      sendPostPurchaseCode(db, store(), (job.payload as { id: number }).id, { now: clock.now(), emailOn: mailSettings(env) !== null }),
  };
}
