// The public API's operations (/api/v1). Each one reads the key's own shop only: another shop's
// pool id is answered exactly like a missing one.
import prisma from "~/db.server";
import type { ActiveApiKey } from "~/domain/api-keys/keys.server";
import { campaignOverviews, type CampaignOverview } from "~/domain/campaigns/summaries.server";
import { auditSteps, recordAuditInStore, type AuditInput } from "~/domain/governance/audit.server";
import { listOpenAlerts, projectRunOut, refreshPoolAlerts, type PoolAlert } from "~/domain/pools/alerts.server";
import { assignOrHoldOut, type AssignOrHoldOutResult } from "~/domain/pools/assignments.server";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import { poolOverviews } from "~/domain/pools/overview.server";
import { countCoupons, findPool, type Pool, type PoolCounts } from "~/domain/pools/pools.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { poolStore, type PoolStore } from "~/domain/pools/store.server";
import { redemptionsSince, type FeedPosition } from "~/domain/redemptions/feed.server";
import { simulateCart, type SimulationOutcome } from "~/domain/simulator/simulate-cart.server";
import { systemClock } from "~/lib/clock";
import { shopifyDidNotAnswer, throttledAdmin } from "~/shopify/admin-graphql.server";
import { unauthenticated } from "~/shopify.server";
import type { Redemption } from "@prisma/client";
import type { z } from "zod";
import { ApiProblem, defineOperation, type AnyOperation } from "./operation";
import {
  AssignmentAnswer,
  AssignmentRequest,
  type CampaignAnswer,
  CartSimulationAnswer,
  CartValidationRequest,
  CampaignList,
  IdempotencyHeaders,
  PoolAnswer,
  PoolList,
  PoolPathParams,
  type RedemptionAnswer,
  RedemptionPage,
  RedemptionsQuery,
} from "./schemas";

const NO_SUCH_POOL = (id: number) => new ApiProblem(404, "not-found", "Not found", `This store has no coupon pool ${id}.`);

async function poolAnswer(store: PoolStore, pool: Pool, counts: PoolCounts, alerts: PoolAlert[], now: Date): Promise<z.input<typeof PoolAnswer>> {
  const runOut = await projectRunOut(store, pool, counts.available, now);
  return {
    id: pool.id,
    name: pool.name,
    available: counts.available,
    assigned: counts.assigned,
    expired: counts.expired,
    total: counts.total,
    assignedLast24Hours: runOut.recentAssignments,
    projectedRunOut: runOut.daysLeft === null ? null : { days: Math.round(runOut.daysLeft * 10) / 10, at: runOut.runsOutAt!.toISOString() },
    lowStockAlert: { enabled: pool.lowStockAlertEnabled, threshold: pool.lowStockThreshold },
    openAlerts: alerts.map((alert) => ({ kind: alert.kind, detail: alert.detail, firedAt: alert.firedAt.toISOString() })),
  };
}

export const listPools = defineOperation({
  operationId: "listPools",
  method: "get",
  path: "/pools",
  scope: "read",
  summary: "List coupon pools",
  description: "Every coupon pool of the store with its counts, the last 24 hours' assignments, when it runs out at that rate, and its open alerts.",
  mutating: false,
  answers: { 200: { description: "The store's pools, by name", schema: PoolList } },
  problems: [],
  run: async ({ key, now }) => {
    const store = poolStore();
    const overviews = await poolOverviews(store, key.shopDomain, now);
    const pools = await Promise.all(overviews.map(({ pool, counts, openAlerts }) => poolAnswer(store, pool, counts, openAlerts, now)));
    return { status: 200, body: { pools } };
  },
});

export const getPool = defineOperation({
  operationId: "getPool",
  method: "get",
  path: "/pools/{id}",
  scope: "read",
  summary: "Get a coupon pool",
  description: "One pool: available and assigned codes, the last 24 hours' assignments, its projected run-out, its alert settings and open alerts.",
  mutating: false,
  params: PoolPathParams,
  answers: { 200: { description: "The pool", schema: PoolAnswer } },
  problems: [{ status: 404, description: "The store has no such pool" }],
  run: async ({ key, params, now }) => {
    const store = poolStore();
    const pool = await findPool(store, key.shopDomain, params.id);
    if (!pool) throw NO_SUCH_POOL(params.id);
    await refreshPoolAlerts(store, pool, { now });
    const [counts, alerts] = await Promise.all([countCoupons(store, pool, now), listOpenAlerts(store, key.shopDomain)]);
    return {
      status: 200,
      body: await poolAnswer(
        store,
        pool,
        counts,
        alerts.filter((alert) => alert.poolId === pool.id),
        now,
      ),
    };
  },
});

/** The API key as the audit trail names it. */
const keyActor = (key: ActiveApiKey) => ({ id: null, name: `API key “${key.name}”` });

/** What the audit trail keeps of one use of the assignment endpoint (emails only as keyed hashes). */
function assignmentAudit(key: ActiveApiKey, pool: Pool, email: string, outcome: AssignOrHoldOutResult | { refused: string }): AuditInput {
  const base = { shopDomain: pool.shopDomain, actor: keyActor(key) };
  const recipient = redactedEmail(pool.shopDomain, email);
  if ("refused" in outcome) {
    return {
      ...base,
      action: "api.assign-refused",
      entityType: "pool",
      entityId: pool.id,
      entityLabel: pool.name,
      after: { recipient, refused: outcome.refused },
    };
  }
  if (outcome.replayed) {
    const answer = outcome.outcome === "assigned" ? { code: outcome.assignment.code } : { heldOut: true };
    return { ...base, action: "api.assign-replayed", entityType: "pool", entityId: pool.id, entityLabel: pool.name, after: { recipient, ...answer } };
  }
  if (outcome.outcome === "held_out") {
    const { holdout } = outcome;
    return {
      ...base,
      action: "coupon.hold-out",
      entityType: "pool",
      entityId: pool.id,
      entityLabel: pool.name,
      after: { recipient, campaignId: holdout.campaignId, source: holdout.source },
    };
  }
  const { assignment } = outcome;
  return {
    ...base,
    action: "coupon.assign",
    entityType: "coupon",
    entityId: assignment.couponId,
    entityLabel: assignment.code,
    after: { pool: pool.name, assignmentId: assignment.id, assignedTo: recipient, source: assignment.source, expiresAt: assignment.expiresAt },
  };
}

const STATE_PROBLEMS: Partial<Record<PoolStateError["reason"], string>> = {
  POOL_EMPTY: "pool-empty",
  IDEMPOTENCY_KEY_REUSED: "idempotency-key-reused",
  ASSIGNMENT_REVOKED: "assignment-revoked",
};

export const assignCode = defineOperation({
  operationId: "assignCode",
  method: "post",
  path: "/pools/{id}/assignments",
  scope: "assign",
  summary: "Assign a code to a recipient",
  description:
    "Hands one unused code of the pool to the recipient; no code ever goes to two recipients. When the pool's live campaign holds out a share of recipients for its experiment, a recipient in that share gets heldOut: true and no code, and the decision is recorded. Send an Idempotency-Key so that a repeated request (a retry, a repeated webhook) gets the first answer instead of a second code. Every use is written to the store's audit trail.",
  mutating: true,
  params: PoolPathParams,
  headers: IdempotencyHeaders,
  body: AssignmentRequest,
  answers: {
    201: { description: "A code was assigned, or the recipient held out", schema: AssignmentAnswer },
    200: { description: "The first answer to a repeated Idempotency-Key", schema: AssignmentAnswer, headers: { "Idempotent-Replayed": "true" } },
  },
  problems: [
    { status: 404, description: "The store has no such pool" },
    {
      status: 409,
      description: "The pool has no codes left (its EMPTY alert fires), or the Idempotency-Key was used for another email or its code was revoked",
    },
  ],
  run: async ({ key, params, headers, body, now }) => {
    const store = poolStore();
    const pool = await findPool(store, key.shopDomain, params.id);
    if (!pool) throw NO_SUCH_POOL(params.id);
    let result: AssignOrHoldOutResult;
    try {
      result = await assignOrHoldOut(
        store,
        pool,
        {
          email: body.email,
          source: body.source ?? "api",
          idempotencyKey: headers["Idempotency-Key"] ?? null,
          customerId: body.customerId,
          metadata: body.metadata,
        },
        now,
        (decided) => auditSteps(assignmentAudit(key, pool, body.email, decided), now),
      );
    } catch (error) {
      if (error instanceof PoolInputError) {
        await recordAuditInStore(store, assignmentAudit(key, pool, body.email, { refused: error.message }), now);
        throw new ApiProblem(422, "invalid-input", "Invalid input", error.message, { errors: error.fieldErrors });
      }
      if (error instanceof PoolStateError && STATE_PROBLEMS[error.reason]) {
        await recordAuditInStore(store, assignmentAudit(key, pool, body.email, { refused: error.message }), now);
        throw new ApiProblem(409, STATE_PROBLEMS[error.reason]!, error.reason === "POOL_EMPTY" ? "Pool empty" : "Idempotency key conflict", error.message);
      }
      throw error;
    }
    const answer: z.input<typeof AssignmentAnswer> =
      result.outcome === "assigned"
        ? {
            code: result.assignment.code,
            message: result.assignment.message,
            validUntil: result.assignment.expiresAt?.toISOString() ?? null,
            heldOut: false,
            replayed: result.replayed,
            assignedAt: result.assignment.assignedAt.toISOString(),
          }
        : { code: null, message: null, validUntil: null, heldOut: true, replayed: result.replayed, assignedAt: result.holdout.assignedAt.toISOString() };
    return result.replayed ? { status: 200, body: answer, headers: { "Idempotent-Replayed": "true" } } : { status: 201, body: answer };
  },
});

function campaignAnswer(campaign: CampaignOverview): z.input<typeof CampaignAnswer> {
  const caps = campaign.caps;
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    channel: campaign.channel,
    codeSource: campaign.codeSource as "shared" | "generated" | "pool",
    codes: { count: campaign.codeCount, sharedCode: campaign.sharedCode, poolId: campaign.poolId },
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt?.toISOString() ?? null,
    pause: campaign.pauseReason === null ? null : { reason: campaign.pauseReason as "manual" | "budget" | "dailyCap", resumesAt: caps?.resumesAt ?? null },
    limits: { usageLimit: campaign.usageLimit, oncePerCustomer: campaign.oncePerCustomer, maxUsesPerCustomer: campaign.maxUsesPerCustomer },
    caps: caps && { currency: caps.currency, budgets: caps.budgets, budgetReached: caps.budgetReached, dailyCap: caps.daily },
  };
}

export const listCampaigns = defineOperation({
  operationId: "listCampaigns",
  method: "get",
  path: "/campaigns",
  scope: "read",
  summary: "List campaigns",
  description:
    "Every campaign of the store, newest first: its status, codes and dates; its usage limits; its budgets and daily cap with how much of each is used and whether a budget was reached; and why a paused campaign is paused, with when a daily-cap pause resumes.",
  mutating: false,
  answers: { 200: { description: "The store's campaigns", schema: CampaignList } },
  problems: [],
  run: async ({ key, now }) => ({ status: 200, body: { campaigns: (await campaignOverviews(prisma, key.shopDomain, now)).map(campaignAnswer) } }),
});

const encodeCursor = (position: FeedPosition) => Buffer.from(`${position.updatedAt.toISOString()}|${position.id}`).toString("base64url");

function decodeCursor(cursor: string): FeedPosition {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const position = { updatedAt: new Date(at), id: Number(id) };
  if (Number.isNaN(position.updatedAt.getTime()) || !Number.isSafeInteger(position.id)) {
    throw new ApiProblem(400, "invalid-input", "Invalid input", "cursor is not one this API gave; pass the nextCursor of the previous page as it is.", {
      errors: { cursor: "Not a cursor this API gave." },
    });
  }
  return position;
}

function redemptionAnswer(row: Redemption): z.input<typeof RedemptionAnswer> {
  return {
    id: row.id,
    orderId: row.orderId,
    orderName: row.orderName,
    code: row.code,
    campaignId: row.campaignId,
    customerId: row.customerId,
    email: row.email,
    processedAt: row.processedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    currency: row.currency,
    subtotal: row.subtotal.toFixed(2),
    total: row.total.toFixed(2),
    codeDiscount: row.codeDiscount.toFixed(2),
    influence: row.influence as "influenced" | "leaked" | "applied",
    newCustomer: row.newCustomer,
  };
}

export const listRedemptions = defineOperation({
  operationId: "listRedemptions",
  method: "get",
  path: "/redemptions",
  scope: "read",
  summary: "List redemptions",
  description:
    "Every use of a discount code on an order, recorded or changed at or after `since`, oldest change first, in pages: pass `nextCursor` as `cursor` for the next one. An edited order's redemption comes again with its new figures, so keeping the last `updatedAt` seen and asking from there misses nothing.",
  mutating: false,
  query: RedemptionsQuery,
  answers: { 200: { description: "A page of redemptions", schema: RedemptionPage } },
  problems: [],
  run: async ({ key, query }) => {
    const page = await redemptionsSince(prisma, key.shopDomain, {
      since: query.since ? new Date(query.since) : new Date(0),
      after: query.cursor ? decodeCursor(query.cursor) : null,
      limit: query.limit,
    });
    return { status: 200, body: { redemptions: page.redemptions.map(redemptionAnswer), nextCursor: page.next && encodeCursor(page.next) } };
  },
});

/** Checks out `cart` in the key's store through its offline session, as background jobs reach it. */
async function simulateInStore(key: ActiveApiKey, cart: unknown, now: Date): Promise<SimulationOutcome> {
  const { admin } = await unauthenticated.admin(key.shopDomain);
  return simulateCart({ db: prisma, call: throttledAdmin(admin, { clock: systemClock }).call, shopDomain: key.shopDomain, now }, cart);
}

export const validateCart = defineOperation({
  operationId: "validateCart",
  method: "post",
  path: "/carts/validate",
  scope: "validate",
  summary: "Check a cart against the store's discounts",
  description:
    "Checks the cart out the way Shopify's checkout would now, on the store's own products, customers and discounts, without placing an order (the same simulator as Test a cart in PromoGuard): the totals, what each PromoGuard discount takes off each line, and every entered code applied or refused, with the message checkout shows the shopper and, for the merchant, why. A code nobody has is refused as checkout refuses it. Changes nothing.",
  mutating: false,
  body: CartValidationRequest,
  answers: { 200: { description: "The cart as checkout prices it, with every discount and code explained", schema: CartSimulationAnswer } },
  problems: [
    {
      status: 422,
      description:
        "A body that is not a valid cart, or a cart the store cannot hold: a product or customer it does not have, more codes of a kind than Shopify takes (errors names each field)",
    },
    { status: 503, description: "Shopify did not answer PromoGuard's reads of the store, or the database is busy; retry after the Retry-After seconds" },
  ],
  run: async ({ key, body, now }) => {
    let outcome: SimulationOutcome;
    try {
      outcome = await simulateInStore(key, body, now);
    } catch (error) {
      if (!shopifyDidNotAnswer(error)) throw error;
      console.error(`API cart validation: Shopify did not answer for ${key.shopDomain}:`, (error as Error).message);
      throw new ApiProblem(
        503,
        "shopify-unavailable",
        "Shopify unavailable",
        "Shopify didn't answer PromoGuard's questions about your store just now, so the cart couldn't be checked. Try again in a moment.",
        {
          headers: { "Retry-After": "5" },
        },
      );
    }
    if (!outcome.ok) {
      const fields = Object.entries(outcome.errors)
        .map(([field, message]) => `${field}: ${message}`)
        .join("; ");
      throw new ApiProblem(422, "invalid-input", "Invalid cart", `The cart can't be checked out in this store: ${fields}`, { errors: outcome.errors });
    }
    const answer: z.input<typeof CartSimulationAnswer> = outcome.simulation;
    return { status: 200, body: answer };
  },
});

/** Every operation, in the order the OpenAPI document lists them. */
export const OPERATIONS: AnyOperation[] = [listPools, getPool, assignCode, listCampaigns, listRedemptions, validateCart];
