// Unit costs for cost of goods. VariantCost is a per-shop cache of Shopify's inventory item unit
// costs, kept current by a scheduled refresh of the whole catalogue (daily, a job that queues
// its next run) and by inventory_items/update webhooks in between; an order that needs a
// variant the cache lacks asks Shopify for it at once. See README.md.
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { AdminCall } from "~/shopify/admin-graphql.server";
import { fetchVariantCosts, fetchVariantCostsPage, type VariantCostFact } from "~/shopify/costs.server";

export const COST_REFRESH_JOB = "analytics.cost-refresh";
/** How often the whole catalogue's costs are read again. */
export const COST_REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;

const refreshKey = (shopDomain: string) => `${COST_REFRESH_JOB}:${shopDomain}`;

/** Queues the shop's cost refresh (at `runAt`, default now); a no-op while one is queued. */
export async function scheduleCostRefresh(db: Database, shopDomain: string, runAt = new Date()): Promise<void> {
  await enqueueJob(db, { shopDomain, type: COST_REFRESH_JOB, runAt, dedupeKey: refreshKey(shopDomain), concurrencyKey: refreshKey(shopDomain) }, runAt);
}

/** Stores what Shopify said of some variants' costs (null = Shopify has no cost: never 0). */
export async function storeVariantCosts(db: Database, shopDomain: string, facts: readonly VariantCostFact[], now = new Date()): Promise<void> {
  for (const fact of facts) {
    const unitCost = fact.unitCost === null ? null : new Prisma.Decimal(fact.unitCost);
    await db.variantCost.upsert({
      where: { shopDomain_variantId: { shopDomain, variantId: fact.variantId } },
      create: { shopDomain, variantId: fact.variantId, unitCost, inventoryItemId: fact.inventoryItemId, refreshedAt: now },
      update: { unitCost, refreshedAt: now, ...(fact.inventoryItemId ? { inventoryItemId: fact.inventoryItemId } : {}) },
    });
  }
}

/** Reads every variant's cost from Shopify, page by page, then queues the next refresh. */
export async function refreshVariantCosts(
  db: Database,
  call: AdminCall,
  shopDomain: string,
  heartbeat: () => Promise<void>,
  now = () => new Date(),
): Promise<number> {
  let after: string | null = null;
  let stored = 0;
  for (;;) {
    const page = await fetchVariantCostsPage(call, after);
    await db.$transaction(async (tx) => storeVariantCosts(tx as Database, shopDomain, page.costs, now()));
    stored += page.costs.length;
    await heartbeat();
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  await scheduleCostRefresh(db, shopDomain, new Date(now().getTime() + COST_REFRESH_INTERVAL_MS));
  return stored;
}

/**
 * inventory_items/update: the item's new cost, for the variant that holds it. An item the cache
 * does not know yet (a new product) is left to the next refresh, which is queued now.
 */
export async function applyInventoryItemCost(
  db: Database,
  shopDomain: string,
  inventoryItemId: string,
  cost: string | null,
  updatedAt = new Date(),
): Promise<boolean> {
  const unitCost = cost === null || cost.trim() === "" ? null : new Prisma.Decimal(cost);
  const known = await db.variantCost.count({ where: { shopDomain, inventoryItemId } });
  if (known === 0) {
    if (await db.shop.findUnique({ where: { domain: shopDomain }, select: { domain: true } })) await scheduleCostRefresh(db, shopDomain);
    return false;
  }
  // A late delivery of an older change never overwrites what a newer webhook or refresh stored.
  const { count } = await db.variantCost.updateMany({
    where: { shopDomain, inventoryItemId, refreshedAt: { lte: updatedAt } },
    data: { unitCost, refreshedAt: updatedAt },
  });
  return count > 0;
}

/**
 * Unit costs of the variants an order needs: from the cache, and for variants it lacks, from
 * Shopify at once (then cached). Null values are variants Shopify has no cost for.
 */
export async function unitCostsFor(
  db: Database,
  call: (() => Promise<AdminCall>) | null,
  shopDomain: string,
  variantIds: readonly string[],
): Promise<Map<string, string | null>> {
  const costs = new Map<string, string | null>();
  if (variantIds.length === 0) return costs;
  const cached = await db.variantCost.findMany({ where: { shopDomain, variantId: { in: [...variantIds] } }, select: { variantId: true, unitCost: true } });
  for (const row of cached) costs.set(row.variantId, row.unitCost === null ? null : row.unitCost.toString());
  const missing = variantIds.filter((id) => !costs.has(id));
  if (missing.length > 0 && call) {
    const facts = await fetchVariantCosts(await call(), missing);
    await storeVariantCosts(db, shopDomain, facts);
    for (const fact of facts) costs.set(fact.variantId, fact.unitCost);
  }
  return costs;
}
