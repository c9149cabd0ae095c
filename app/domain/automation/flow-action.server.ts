// The Flow action "Assign a coupon from a pool" (extensions/flow-assign-coupon): a workflow step
// hands the customer a code from the pool the merchant named, once per action run, however often
// Flow resends the step. The pool's live campaign may hold the customer out (no code: the holdout
// that measures incremental profit). A code is then delivered (code-delivery.server.ts): the
// customer metafield email templates read, and the Coupon assigned trigger.
//
// Its answer says what happened in the step's own terms: done (assigned or held out), a step it
// could not read, or one that cannot succeed as configured, with the reason for the merchant. The
// route (app/routes/flow.actions.assign-coupon.ts) turns that into the status Flow reads.
import { z } from "zod";
import type { Database } from "~/db.server";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import { assignOrHoldOut } from "~/domain/pools/assignments.server";
import type { PoolStore } from "~/domain/pools/store.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { customerEmail } from "~/shopify/customers.server";
import { queueCodeDelivery } from "./code-delivery.server";

export const ASSIGN_COUPON_ACTION_HANDLE = "assign-coupon-from-pool";

/** The step as Flow posts it; properties are the action's fields (customer_id, pool). */
const actionRequest = z.object({
  shopify_domain: z.string(),
  action_run_id: z.string().min(1, "action_run_id is empty").max(200, "action_run_id is longer than 200 characters"),
  handle: z.literal(ASSIGN_COUPON_ACTION_HANDLE, { errorMap: () => ({ message: `this endpoint runs the ${ASSIGN_COUPON_ACTION_HANDLE} action only` }) }),
  properties: z.object({
    customer_id: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()], {
      errorMap: () => ({ message: "customer_id must be a customer's numeric id" }),
    }),
    pool: z.string({ required_error: "the Coupon pool field is empty" }).trim().min(1, "the Coupon pool field is empty"),
  }),
});

export type AssignActionAnswer =
  | { outcome: "assigned"; code: string; validUntil: string | null; replayed: boolean }
  | { outcome: "held_out"; replayed: boolean }
  /** The step itself is malformed (or names another shop): nothing was looked up. */
  | { outcome: "unreadable"; message: string }
  /** The step cannot succeed as configured (no such pool or customer, an empty pool…). */
  | { outcome: "impossible"; message: string };

const unreadable = (message: string): AssignActionAnswer => ({ outcome: "unreadable", message });
const impossible = (message: string): AssignActionAnswer => ({ outcome: "impossible", message });

/** Runs one action request (already verified as Flow's by its HMAC) for the shop it names. */
export async function runAssignCouponAction(
  deps: { db: Database; store: PoolStore; call: AdminCall },
  shopDomain: string,
  body: unknown,
  now = new Date(),
): Promise<AssignActionAnswer> {
  const parsed = actionRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return unreadable(`PromoGuard could not read this Flow step: ${issue.path.join(".") || "the request"}: ${issue.message}.`);
  }
  const { action_run_id: runId, properties } = parsed.data;
  if (parsed.data.shopify_domain !== shopDomain) return unreadable("The step names another shop than the one it was sent for.");

  const pool = await deps.db.couponPool.findUnique({
    where: { shopDomain_nameKey: { shopDomain, nameKey: properties.pool.toLowerCase() } },
    select: { id: true, shopDomain: true, name: true },
  });
  if (!pool) return impossible(`PromoGuard has no coupon pool named “${properties.pool}”. Check the step's Coupon pool field against the names under Pools.`);
  const customerId = `gid://shopify/Customer/${properties.customer_id}`;
  const customer = await customerEmail(deps.call, customerId);
  if (!customer) return impossible(`The shop has no customer with the id ${properties.customer_id}.`);
  if (!customer.email) return impossible("This customer has no email address: PromoGuard hands out codes by email address, so none was assigned.");

  try {
    const result = await assignOrHoldOut(deps.store, pool, { email: customer.email, source: "flow", idempotencyKey: `flow:${runId}` }, now);
    if (result.outcome === "held_out") return { outcome: "held_out", replayed: result.replayed };
    const { assignment } = result;
    await queueCodeDelivery(deps.db, { shopDomain, assignmentId: assignment.id, customerId, email: null }, now);
    return { outcome: "assigned", code: assignment.code, validUntil: assignment.expiresAt?.toISOString() ?? null, replayed: result.replayed };
  } catch (error) {
    if (error instanceof PoolStateError || error instanceof PoolInputError) return impossible(error.message);
    throw error;
  }
}
