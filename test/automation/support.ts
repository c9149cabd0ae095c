// Shared by the automation tests: the Flow action's route called as Flow calls it, and the app's
// job worker with its real handlers (the worker does not run by itself under tests).
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { jobHandlers } from "~/jobs/handlers.server";
import type { Clock } from "~/lib/clock";
import { createJobWorker } from "~/jobs/worker.server";
import * as assignCouponRoute from "~/routes/flow.actions.assign-coupon";
import type { FlowActionRunInput, ShopifyEmulator } from "../../dev/emulator";
import { APP_ORIGIN, TEST_SHOP } from "../support/shopify-app";
import { adminFor } from "../support/factories";

/** Calls the route as Remix would: a thrown Response (authenticate.flow's refusal) is the answer. */
export async function sendToFlowRoute(request: Request): Promise<Response> {
  try {
    return await assignCouponRoute.action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** One Flow workflow step of "Assign a coupon from a pool", signed with the test app's secret unless told otherwise. */
export function runAssignStep(
  emulator: ShopifyEmulator,
  input: { customerId: string; pool: string; actionRunId?: string; secret?: string; shop?: string } & Pick<FlowActionRunInput, "send" | "retries">,
) {
  return emulator.flow.runAction({
    shop: input.shop ?? TEST_SHOP,
    handle: "assign-coupon-from-pool",
    properties: { customer_id: input.customerId, pool: input.pool },
    appUrl: APP_ORIGIN,
    actionRunId: input.actionRunId,
    secret: input.secret ?? API_SECRET_KEY,
    retries: input.retries,
    send: input.send ?? sendToFlowRoute,
  });
}

/** Runs every due job with the app's handlers until none is left (on `clock` when given). */
export async function runAppJobs(clock?: Clock): Promise<number> {
  const worker = createJobWorker({ db: prisma, clock, concurrency: 1, handlers: jobHandlers({ adminFor }) });
  let total = 0;
  for (let ran = await worker.runDueJobs(); ran > 0; ran = await worker.runDueJobs()) total += ran;
  return total;
}
