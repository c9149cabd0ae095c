// The redemptions' job types, for the worker's handler registry (app/jobs/handlers.server.ts).
import type { Clock } from "~/lib/clock";
import type { JobHandler } from "~/jobs/worker.server";
import { throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import { ORDERS_BACKFILL_JOB, runOrdersBackfillJob } from "./backfill.server";
import { ORDER_WEBHOOK_JOB, processOrderWebhook } from "./order-webhooks.server";

export interface RedemptionJobDependencies {
  /** An Admin client for the shop's offline session. */
  adminFor(shopDomain: string): Promise<AdminClient>;
}

export function redemptionJobHandlers({ adminFor }: RedemptionJobDependencies): Record<string, JobHandler> {
  // Paced to the shop's rate limit on the worker's clock.
  const adminCallFor = async (shopDomain: string, clock: Clock) => throttledAdmin(await adminFor(shopDomain), { clock }).call;
  return {
    [ORDER_WEBHOOK_JOB]: ({ db, job, clock }) =>
      processOrderWebhook(db, (shopDomain) => adminCallFor(shopDomain, clock), (job.payload as { receiptId: number }).receiptId),
    [ORDERS_BACKFILL_JOB]: async ({ db, job, clock, heartbeat }) => runOrdersBackfillJob(db, await adminCallFor(job.shopDomain, clock), job, heartbeat),
  };
}
