// Per-customer limits ("each customer may use this campaign N times"): the guard refuses a code
// at checkout from the customer's `$app:promoguard.uses` metafield, which PromoGuard keeps from
// the orders it records — { "<catalogue pattern>": orders that used the campaign } for every
// campaign with a limit. Recording an order queues its customer's update; a daily reconcile
// recomputes every such customer from the recorded order history, so a missed or reordered
// webhook (or the orders backfill) corrects the counts. Guests cannot be counted: Shopify gives
// the function no stable identity for them (stated in the campaign form's help).
import { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, customerUsesKey } from "promo-discount/config";
import type { CampaignConfig } from "promo-discount/config";
import type { Database } from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { setMetafields, type AdminGraphql } from "~/shopify/discounts.server";
import { codePattern } from "./catalogue.server";

export const CUSTOMER_USES_JOB = "campaigns.customer-uses";
export const CUSTOMER_USES_RECONCILE_JOB = "campaigns.customer-uses-reconcile";
export const CUSTOMER_USES_RECONCILE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What the guard reads: uses per catalogue pattern. */
export type CustomerUses = Record<string, number>;

const isShopifyCustomer = (customerId: string | null): customerId is string => customerId !== null && customerId.startsWith("gid://shopify/Customer/");

/** The shop's campaigns with a per-customer limit that the guard may see, with the key of their uses. */
async function limitedCampaigns(db: Database, shopDomain: string): Promise<Map<number, string>> {
  const campaigns = await db.campaign.findMany({ where: { shopDomain, status: { in: ["live", "paused"] } }, orderBy: { id: "asc" } });
  const keys = new Map<number, string>();
  for (const campaign of campaigns) {
    if ((JSON.parse(campaign.config) as CampaignConfig).maxUsesPerCustomer === undefined) continue;
    const pattern = await codePattern(campaign);
    if (pattern) keys.set(campaign.id, customerUsesKey(pattern));
  }
  return keys;
}

/** Each customer's uses of the limited campaigns, from the recorded redemptions (an order counts once). */
async function usesOf(db: Database, shopDomain: string, limited: Map<number, string>, customerIds?: string[]): Promise<Map<string, CustomerUses>> {
  const rows = await db.redemption.groupBy({
    by: ["customerId", "campaignId", "orderId"],
    where: { shopDomain, campaignId: { in: [...limited.keys()] }, customerId: customerIds ? { in: customerIds } : { startsWith: "gid://shopify/Customer/" } },
  });
  const uses = new Map<string, CustomerUses>((customerIds ?? []).map((id) => [id, {}]));
  for (const row of rows) {
    if (!isShopifyCustomer(row.customerId) || row.campaignId === null) continue;
    const key = limited.get(row.campaignId)!;
    const counts = uses.get(row.customerId) ?? {};
    counts[key] = (counts[key] ?? 0) + 1;
    uses.set(row.customerId, counts);
  }
  return uses;
}

async function write(admin: AdminGraphql, uses: Map<string, CustomerUses>): Promise<void> {
  const metafields = [...uses].map(([ownerId, counts]) => ({
    ownerId,
    namespace: METAFIELD_NAMESPACE,
    key: CUSTOMER_USES_KEY,
    type: "json",
    value: JSON.stringify(counts),
  }));
  const userErrors = await setMetafields(admin, metafields);
  if (userErrors.length > 0) throw new Error(`Shopify refused the customers' use counts: ${userErrors.map((error) => error.message).join("; ")}`);
}

/** Writes the customers' current use counts to their metafields. */
export async function updateCustomerUses(db: Database, admin: AdminGraphql, shopDomain: string, customerIds: string[]): Promise<CustomerUses[]> {
  const limited = await limitedCampaigns(db, shopDomain);
  const ids = customerIds.filter(isShopifyCustomer);
  if (limited.size === 0 || ids.length === 0) return [];
  const uses = await usesOf(db, shopDomain, limited, ids);
  await write(admin, uses);
  return ids.map((id) => uses.get(id) ?? {});
}

export async function queueCustomerUses(db: Database, shopDomain: string, customerId: string): Promise<void> {
  const key = `${CUSTOMER_USES_JOB}:${shopDomain}:${customerId}`;
  await enqueueJob(db, { shopDomain, type: CUSTOMER_USES_JOB, payload: { customerId }, dedupeKey: key, concurrencyKey: key });
}

/** Queues the shop's reconcile (now by default); a no-op while one is queued. */
export async function scheduleCustomerUsesReconcile(db: Database, shopDomain: string, runAt = new Date()): Promise<void> {
  const key = `${CUSTOMER_USES_RECONCILE_JOB}:${shopDomain}`;
  await enqueueJob(db, { shopDomain, type: CUSTOMER_USES_RECONCILE_JOB, runAt, dedupeKey: key, concurrencyKey: key }, runAt);
}

/** After an order was recorded: its customer's counts change if it used a limited campaign. */
export async function afterOrderRecorded(db: Database, shopDomain: string, customerId: string | null, campaignIds: Iterable<number>): Promise<void> {
  if (!isShopifyCustomer(customerId)) return;
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return;
  const limited = await limitedCampaigns(db, shopDomain);
  if (ids.some((id) => limited.has(id))) await queueCustomerUses(db, shopDomain, customerId);
}

/**
 * Recomputes every customer with uses of a limited campaign from the recorded orders and writes
 * them, 25 per call; runs again the next day while the shop has limited campaigns. Returns how
 * many customers were written.
 */
export async function reconcileCustomerUses(db: Database, admin: AdminGraphql, shopDomain: string, now = new Date()): Promise<number> {
  const limited = await limitedCampaigns(db, shopDomain);
  if (limited.size === 0) return 0;
  const uses = await usesOf(db, shopDomain, limited);
  await write(admin, uses);
  await scheduleCustomerUsesReconcile(db, shopDomain, new Date(now.getTime() + CUSTOMER_USES_RECONCILE_INTERVAL_MS));
  return uses.size;
}

export function customerUsesJobHandlers({ adminFor }: { adminFor(shopDomain: string): Promise<AdminGraphql> }): Record<string, JobHandler> {
  return {
    [CUSTOMER_USES_JOB]: async ({ db, job }) => {
      await updateCustomerUses(db, await adminFor(job.shopDomain), job.shopDomain, [(job.payload as { customerId: string }).customerId]);
    },
    [CUSTOMER_USES_RECONCILE_JOB]: async ({ db, job, clock }) => {
      await reconcileCustomerUses(db, await adminFor(job.shopDomain), job.shopDomain, clock.now());
    },
  };
}
