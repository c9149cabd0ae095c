import { ShopifyError } from "@shopify/shopify-api";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { backoffDelay, type BackoffPolicy } from "~/lib/backoff";
import type { Clock } from "~/lib/clock";

export type AdminClient = Pick<AdminApiContext, "graphql">;

/** Shopify's `extensions.cost` of a GraphQL response. */
export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

interface GraphqlErrorEntry {
  message: string;
  extensions?: { code?: string };
}

interface ResponseBody {
  data?: unknown;
  extensions?: { cost?: QueryCost };
  errors?: { message?: string; graphQLErrors?: GraphqlErrorEntry[] };
}

/** Shopify answered the operation with GraphQL errors other than throttling. */
export class ShopifyGraphqlError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: GraphqlErrorEntry[],
  ) {
    super(`Shopify refused ${operation}: ${errors.map((error) => error.message).join("; ") || "unknown error"}`);
  }
}

/**
 * Whether a read of the store failed on Shopify's side, not on what was asked: GraphQL errors
 * (Shopify's own "internal error" among them), an HTTP error or no answer at all (the library's
 * errors), or no offline session to ask with. The caller says "try again", never a 500.
 */
export function shopifyDidNotAnswer(error: unknown): boolean {
  return error instanceof ShopifyGraphqlError || error instanceof ShopifyError;
}

export interface AdminCallStats {
  calls: number;
  throttled: number;
  /** Time spent waiting for the rate-limit bucket (on the caller's clock). */
  waitedMs: number;
  pointsSpent: number;
}

/** Runs one Admin GraphQL operation and returns its data, waiting out throttling. */
export type AdminCall = <Data>(document: string, variables?: Record<string, unknown>) => Promise<Data>;

export interface ThrottledAdmin {
  call: AdminCall;
  readonly stats: AdminCallStats;
}

// A THROTTLED answer tells exactly how long the bucket needs; this floor (doubling on repeated
// throttling, jittered) covers other callers draining the same bucket meanwhile.
const THROTTLE_BACKOFF: BackoffPolicy = { baseMs: 100, maxMs: 30_000 };
const MAX_THROTTLED_RETRIES = 12;

const operationName = (document: string) => /(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "an operation";

/**
 * Wraps an Admin client with Shopify's cost-based rate limit in mind. Every answer reports the
 * bucket (`extensions.cost.throttleStatus`): before sending an operation whose cost it has seen,
 * the caller waits until the bucket, refilling at `restoreRate` points a second, should hold
 * it, so a steady stream of calls is paced instead of bounced. Other callers may drain the same
 * bucket, so a THROTTLED answer still comes: it waits until the bucket holds the requested cost,
 * never less than an exponential jittered backoff, then retries the same operation.
 */
export function throttledAdmin(client: AdminClient, options: { clock: Clock; random?: () => number }): ThrottledAdmin {
  const stats: AdminCallStats = { calls: 0, throttled: 0, waitedMs: 0, pointsSpent: 0 };
  const requestedCostOf = new Map<string, number>();
  let bucket: { available: number; restoreRate: number; maximum: number; at: number } | null = null;

  const wait = async (ms: number) => {
    if (ms <= 0) return;
    stats.waitedMs += ms;
    await options.clock.sleep(ms);
  };

  async function paceFor(document: string) {
    const needed = requestedCostOf.get(document);
    if (!bucket || needed === undefined || bucket.restoreRate <= 0) return;
    const elapsedSeconds = (options.clock.now().getTime() - bucket.at) / 1000;
    const available = Math.min(bucket.maximum, bucket.available + elapsedSeconds * bucket.restoreRate);
    if (available < needed) await wait(Math.ceil(((needed - available) / bucket.restoreRate) * 1000));
  }

  function remember(document: string, cost: QueryCost | undefined) {
    if (!cost) return;
    requestedCostOf.set(document, cost.requestedQueryCost);
    const { currentlyAvailable, restoreRate, maximumAvailable } = cost.throttleStatus;
    bucket = { available: currentlyAvailable, restoreRate, maximum: maximumAvailable, at: options.clock.now().getTime() };
  }

  async function send(document: string, variables?: Record<string, unknown>): Promise<ResponseBody> {
    stats.calls++;
    try {
      const response = await client.graphql(document, { variables });
      return (await response.json()) as ResponseBody;
    } catch (error) {
      // The library throws GraphqlQueryError for any GraphQL error, with the whole body attached.
      const body = (error as { body?: ResponseBody }).body;
      if (body?.errors) return body;
      throw error;
    }
  }

  const call: AdminCall = async <Data>(document: string, variables?: Record<string, unknown>) => {
    for (let attempt = 1; ; attempt++) {
      await paceFor(document);
      const body = await send(document, variables);
      const cost = body.extensions?.cost;
      remember(document, cost);
      stats.pointsSpent += cost?.actualQueryCost ?? 0;
      const errors = body.errors?.graphQLErrors ?? [];
      const throttled = errors.some((error) => error.extensions?.code === "THROTTLED");
      if (!throttled) {
        if (errors.length > 0 || body.errors)
          throw new ShopifyGraphqlError(operationName(document), errors.length > 0 ? errors : [{ message: body.errors?.message ?? "" }]);
        return body.data as Data;
      }
      if (attempt > MAX_THROTTLED_RETRIES) throw new ShopifyGraphqlError(operationName(document), errors);
      stats.throttled++;
      await wait(Math.max(bucketRefillMs(cost), backoffDelay(attempt, THROTTLE_BACKOFF, options.random)));
    }
  };
  return { call, stats };
}

/** How long until the bucket holds the requested cost again. */
function bucketRefillMs(cost: QueryCost | undefined): number {
  if (!cost) return 0;
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const missing = cost.requestedQueryCost - currentlyAvailable;
  return missing <= 0 || restoreRate <= 0 ? 0 : Math.ceil((missing / restoreRate) * 1000);
}
