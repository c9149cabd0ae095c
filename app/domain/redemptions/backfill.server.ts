// The orders backfill: on install (and on demand) the last 60 days of orders are imported
// through the Admin API, page by page, with the cursor stored after each page so a restart
// resumes where it stopped. Every order is read, not only those with codes: the orders without a
// code are the baseline analytics compares with (AOV lift), and what holdouts and full-price
// checks look at. Recording is idempotent, so webhooks arriving meanwhile and pages read twice
// change nothing.
import type { OrdersBackfill } from "@prisma/client";
import type { Database } from "~/db.server";
import { enqueueJob, type ClaimedJob } from "~/jobs/queue.server";
import { scheduleCostRefresh } from "~/domain/analytics/costs.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { fetchOrders } from "~/shopify/orders.server";
import { orderContextsFor } from "./contexts.server";
import { recordOrder } from "./record.server";

export const ORDERS_BACKFILL_JOB = "redemptions.orders-backfill";

/**
 * Shopify shows apps the last 60 days of orders unless they hold read_all_orders, a scope
 * Shopify grants on request only. Sixty days is the history analytics starts from.
 */
export const BACKFILL_DAYS = 60;

const backfillKey = (shopDomain: string) => `${ORDERS_BACKFILL_JOB}:${shopDomain}`;

/** Starts a backfill of the shop, or returns the one already running. */
export async function startOrdersBackfill(db: Database, shopDomain: string, now = new Date()): Promise<OrdersBackfill> {
  const running = await db.ordersBackfill.findFirst({ where: { shopDomain, status: "running" }, orderBy: { startedAt: "desc" } });
  const backfill =
    running ??
    (await db.ordersBackfill.create({
      data: { shopDomain, since: new Date(now.getTime() - BACKFILL_DAYS * 24 * 60 * 60 * 1000), startedAt: now },
    }));
  await enqueueJob(
    db,
    {
      shopDomain,
      type: ORDERS_BACKFILL_JOB,
      payload: { backfillId: backfill.id },
      dedupeKey: backfillKey(shopDomain),
      concurrencyKey: backfillKey(shopDomain),
    },
    now,
  );
  // The unit costs' daily refresh starts with the first backfill (it queues its own next run).
  await scheduleCostRefresh(db, shopDomain, now);
  return backfill;
}

/** The latest backfill's progress as plain JSON, for a loader; null before the first one. */
export interface OrdersBackfillProgress {
  status: "running" | "completed" | "failed";
  since: string;
  ordersImported: number;
  redemptionsSeen: number;
  lastError: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export async function getOrdersBackfillProgress(db: Database, shopDomain: string): Promise<OrdersBackfillProgress | null> {
  const backfill = await db.ordersBackfill.findFirst({ where: { shopDomain }, orderBy: [{ startedAt: "desc" }, { id: "desc" }] });
  if (!backfill) return null;
  return {
    status: backfill.status as OrdersBackfillProgress["status"],
    since: backfill.since.toISOString(),
    ordersImported: backfill.ordersImported,
    redemptionsSeen: backfill.redemptionsSeen,
    lastError: backfill.lastError,
    startedAt: backfill.startedAt.toISOString(),
    finishedAt: backfill.finishedAt?.toISOString() ?? null,
  };
}

/** Imports the remaining pages of a backfill; each page's cursor is stored once it is recorded. */
export async function runOrdersBackfill(db: Database, call: AdminCall, backfillId: number, heartbeat: () => Promise<void>): Promise<void> {
  let backfill = await db.ordersBackfill.findUnique({ where: { id: backfillId } });
  while (backfill?.status === "running") {
    const page = await fetchOrders(call, backfill.since, backfill.cursor);
    const contexts = await orderContextsFor(db, async () => call, backfill.shopDomain, page.orders);
    let written = 0;
    for (const order of page.orders) {
      written += (await recordOrder(db, backfill.shopDomain, order, contexts.get(order.orderId)!, "backfill")).written;
    }
    backfill = await db.ordersBackfill.update({
      where: { id: backfill.id },
      data: {
        cursor: page.endCursor ?? backfill.cursor,
        ordersImported: { increment: page.orders.length },
        redemptionsSeen: { increment: written },
        lastError: null,
        ...(page.hasNextPage ? {} : { status: "completed", finishedAt: new Date() }),
      },
    });
    await heartbeat();
  }
}

/**
 * Runs the backfill as a job; a failure is noted on the backfill, the queue retries it from the
 * stored cursor, and the last failed attempt marks the backfill failed.
 */
export async function runOrdersBackfillJob(db: Database, call: AdminCall, job: ClaimedJob, heartbeat: () => Promise<void>): Promise<void> {
  const { backfillId } = job.payload as { backfillId: number };
  try {
    await runOrdersBackfill(db, call, backfillId, heartbeat);
  } catch (error) {
    const lastAttempt = job.attempts >= job.maxAttempts;
    await db.ordersBackfill.updateMany({
      where: { id: backfillId, status: "running" },
      data: { lastError: error instanceof Error ? error.message : String(error), ...(lastAttempt ? { status: "failed", finishedAt: new Date() } : {}) },
    });
    throw error;
  }
}
