// Firing PromoGuard's Flow triggers: the event is queued as a durable job (in the same transaction
// as what caused it, where the caller has one), and the job sends it with flowTriggerReceive, paced
// to the shop's rate limit and retried on failure. A payload Shopify refuses is a bug no retry
// fixes: the job goes straight to the dead jobs with Shopify's reason.
import type { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { toSqlTime } from "~/domain/pools/sql-time";
import type { PoolStore } from "~/domain/pools/store.server";
import { enqueueJob } from "~/jobs/queue.server";
import { PermanentJobError, type JobHandler } from "~/jobs/worker.server";
import { throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import { receiveFlowTrigger } from "~/shopify/flow.server";
import { flowTriggerEvent, type FlowTriggerEvent, type FlowTriggerName, type FlowTriggerValues } from "./flow-triggers";

export const FLOW_TRIGGER_JOB = "automation.flow-trigger";

/** The job row that fires the trigger, for callers that write it in their own transaction. */
export function flowTriggerJob<Name extends FlowTriggerName>(
  shopDomain: string,
  name: Name,
  values: FlowTriggerValues<Name>,
  now = new Date(),
): Prisma.JobUncheckedCreateInput {
  return { shopDomain, type: FLOW_TRIGGER_JOB, payload: JSON.stringify(flowTriggerEvent(name, values)), runAt: now };
}

/** Queues the trigger (fired within seconds by the worker). */
export async function queueFlowTrigger<Name extends FlowTriggerName>(
  db: Database,
  shopDomain: string,
  name: Name,
  values: FlowTriggerValues<Name>,
  now = new Date(),
): Promise<void> {
  await enqueueJob(db, { shopDomain, type: FLOW_TRIGGER_JOB, payload: flowTriggerEvent(name, values), runAt: now }, now);
}

const QUEUE_ON_POOL_CONNECTION = `INSERT INTO "Job" ("shopDomain", "type", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt")
  VALUES (:shopDomain, :type, :payload, 'queued', :now, 0, 8, :now, :now)`;

/** queueFlowTrigger inside a pool write (store.write): the trigger is queued with what fired it, or not at all. */
export function queueFlowTriggerInPoolWrite<Name extends FlowTriggerName>(
  store: PoolStore,
  shopDomain: string,
  name: Name,
  values: FlowTriggerValues<Name>,
  now: Date,
): void {
  store
    .statement(QUEUE_ON_POOL_CONNECTION)
    .run({ shopDomain, type: FLOW_TRIGGER_JOB, payload: JSON.stringify(flowTriggerEvent(name, values)), now: toSqlTime(now) });
}

/** Registered in app/jobs/handlers.server.ts. */
export function flowTriggerJobHandlers({ adminFor }: { adminFor(shopDomain: string): Promise<AdminClient> }): Record<string, JobHandler> {
  return {
    [FLOW_TRIGGER_JOB]: async ({ job, clock }) => {
      const event = job.payload as FlowTriggerEvent;
      const call = throttledAdmin(await adminFor(job.shopDomain), { clock }).call;
      const refused = await receiveFlowTrigger(call, event.handle, event.payload);
      if (refused.length > 0)
        throw new PermanentJobError(`Shopify Flow refused the ${event.handle} trigger: ${refused.map((error) => error.message).join(" ")}`);
    },
  };
}
