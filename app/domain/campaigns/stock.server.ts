// Stock-aware campaigns ("don't discount items with fewer than N in stock", "items with more than
// M in stock get X% instead") read each variant's units in stock at checkout from the variant's
// app-owned metafield `$app:promoguard.stock`, which PromoGuard keeps from Shopify's inventory:
// an inventory_levels/update webhook queues a sync of that item's variant (a burst shares one
// job), and a daily reconcile reads the whole catalogue and writes what changed, so a missed
// webhook is corrected within a day. Nothing is kept while the shop has no stock-aware campaign;
// publishing one reconciles at once. A variant without the metafield is discounted as if its
// stock were unknown (never left out by mistake).
import type { Campaign } from "@prisma/client";
import { LINE_FIELDS, MEMBERSHIP_FLAGS, METAFIELD_NAMESPACE, STOCK_KEY, compileCampaign } from "promo-discount/config";
import type { CampaignConfig } from "promo-discount/config";
import { readCart } from "promo-discount/checkout";
import type { CampaignInput, LineInput } from "promo-discount/checkout";
import type { Database } from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/worker.server";
import { throttledAdmin, type AdminCall, type AdminClient } from "~/shopify/admin-graphql.server";
import { setMetafields } from "~/shopify/discounts.server";
import { fetchListingFacts, fetchStockOfInventoryItem, fetchStockPage, type VariantListingFacts, type VariantStockFact } from "~/shopify/stock.server";

export const STOCK_SYNC_JOB = "campaigns.stock-sync";
export const STOCK_RECONCILE_JOB = "campaigns.stock-reconcile";
export const STOCK_RECONCILE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Whether the campaign's discount reads stock at checkout (its compiled query asks for it). */
export function followsStock(config: CampaignConfig): boolean {
  const compiled = compileCampaign(config);
  return compiled.ok && compiled.value.variables.withStock === true;
}

/** Whether the shop has a live or paused campaign that reads stock. */
export async function shopFollowsStock(db: Database, shopDomain: string): Promise<boolean> {
  const campaigns = await db.campaign.findMany({ where: { shopDomain, status: { in: ["live", "paused"] } }, select: { config: true } });
  return campaigns.some((campaign) => followsStock(JSON.parse(campaign.config) as CampaignConfig));
}

/**
 * Writes the facts whose quantity differs from what PromoGuard last wrote (or that it never
 * wrote), then records them. Returns how many metafields were written.
 */
async function writeChanged(db: Database, call: AdminCall, shopDomain: string, facts: readonly VariantStockFact[], now: Date): Promise<number> {
  if (facts.length === 0) return 0;
  const known = await db.variantStock.findMany({
    where: { shopDomain, variantId: { in: facts.map((fact) => fact.variantId) } },
    select: { variantId: true, quantity: true },
  });
  const written = new Map(known.map((row) => [row.variantId, row.quantity]));
  const changed = facts.filter((fact) => written.get(fact.variantId) !== fact.quantity);
  if (changed.length === 0) return 0;
  const userErrors = await setMetafields(
    call,
    changed.map((fact) => ({
      ownerId: fact.variantId,
      namespace: METAFIELD_NAMESPACE,
      key: STOCK_KEY,
      type: "number_integer",
      value: String(fact.quantity),
    })),
  );
  if (userErrors.length > 0) throw new Error(`Shopify refused the variants' stock: ${userErrors.map((error) => error.message).join("; ")}`);
  await db.$transaction(
    changed.map((fact) =>
      db.variantStock.upsert({
        where: { shopDomain_variantId: { shopDomain, variantId: fact.variantId } },
        create: { shopDomain, variantId: fact.variantId, inventoryItemId: fact.inventoryItemId, quantity: fact.quantity, writtenAt: now },
        update: { inventoryItemId: fact.inventoryItemId, quantity: fact.quantity, writtenAt: now },
      }),
    ),
  );
  return changed.length;
}

/** inventory_levels/update: the item's variant gets its stock again, when the shop follows stock. */
export async function queueStockSync(db: Database, shopDomain: string, inventoryItemId: string): Promise<boolean> {
  if (!(await shopFollowsStock(db, shopDomain))) return false;
  const key = `${STOCK_SYNC_JOB}:${shopDomain}:${inventoryItemId}`;
  await enqueueJob(db, { shopDomain, type: STOCK_SYNC_JOB, payload: { inventoryItemId }, dedupeKey: key, concurrencyKey: key });
  return true;
}

/** Reads one inventory item's variant stock from Shopify and writes it if it changed. */
export async function syncInventoryItem(db: Database, call: AdminCall, shopDomain: string, inventoryItemId: string, now = new Date()): Promise<number> {
  const fact = await fetchStockOfInventoryItem(call, inventoryItemId);
  return fact ? writeChanged(db, call, shopDomain, [fact], now) : 0;
}

/** Queues the shop's reconcile (now by default); a no-op while one is queued. */
export async function scheduleStockReconcile(db: Database, shopDomain: string, runAt = new Date()): Promise<void> {
  const key = `${STOCK_RECONCILE_JOB}:${shopDomain}`;
  await enqueueJob(db, { shopDomain, type: STOCK_RECONCILE_JOB, runAt, dedupeKey: key, concurrencyKey: key }, runAt);
}

/**
 * Reads every variant's stock, page by page, and writes what changed; runs again the next day
 * while the shop follows stock. Returns how many metafields were written.
 */
export async function reconcileStock(
  db: Database,
  call: AdminCall,
  shopDomain: string,
  heartbeat: () => Promise<void> = async () => {},
  now = () => new Date(),
): Promise<number> {
  if (!(await shopFollowsStock(db, shopDomain))) return 0;
  let after: string | null = null;
  let written = 0;
  for (;;) {
    const page = await fetchStockPage(call, after);
    written += await writeChanged(db, call, shopDomain, page.facts, now());
    await heartbeat();
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  await scheduleStockReconcile(db, shopDomain, new Date(now().getTime() + STOCK_RECONCILE_INTERVAL_MS));
  return written;
}

/** An item a stock-aware campaign treats differently right now. */
export interface StockListedItem {
  title: string;
  sku: string | null;
  inStock: number;
}

/** What the campaign page shows: items left out for low stock, items given the overstock percentage. */
export interface StockView {
  minimumStock: number | null;
  overstock: { above: number; percentage: number } | null;
  excluded: StockListedItem[];
  deepened: StockListedItem[];
  /** More items than listed (only the first LISTED of each are shown). */
  more: { excluded: boolean; deepened: boolean };
  /** When PromoGuard last wrote any stock for the shop (ISO); null: never yet. */
  updatedAt: string | null;
}

const LISTED = 50;

type OverstockEffect = { type: string; percentage?: number; overstock?: { above: number; percentage: number } };

/**
 * A one-line cart per variant, as the campaign's input query would read it: the line facts the
 * rules look at, with the membership flags Shopify answers from the query's variables.
 */
function listingInput(facts: readonly VariantListingFacts[], stock: Map<string, number | null>, variables: Record<string, unknown>): CampaignInput {
  const flags = MEMBERSHIP_FLAGS.map(({ alias, field, of }) => ({
    alias,
    of,
    values: new Set((variables[LINE_FIELDS[field].variable] as string[] | undefined) ?? []),
  }));
  const lines: LineInput[] = facts.map((fact) => {
    const units = stock.get(fact.variantId);
    return {
      i: fact.variantId,
      q: 1,
      m: {
        i: fact.variantId,
        s: fact.sku,
        k: units === null || units === undefined ? null : { j: units },
        p: {
          g: fact.isGiftCard,
          i: fact.productId,
          v: fact.vendor,
          ...Object.fromEntries(
            flags.map(({ alias, of, values }) => [alias, (of === "collections" ? fact.collectionIds : fact.tags).some((value) => values.has(value))]),
          ),
        },
      },
    };
  });
  return { r: "1.0", l: { c: { i: "US" } }, d: { r: null }, s: { t: { d: "2000-01-01", h: true } }, c: { c: { s: { c: "USD" } }, b: null, g: [], l: lines } };
}

/**
 * The items of the campaign's scope that stock changes right now, from the stock PromoGuard last
 * wrote and the campaign's own line rules (the checkout evaluator decides the scope, as at
 * checkout). Reads the candidates' product facts from Shopify. Null for a campaign that does not
 * follow stock.
 */
export async function campaignStockView(db: Database, call: AdminCall, campaign: Pick<Campaign, "shopDomain" | "config">): Promise<StockView | null> {
  const config = JSON.parse(campaign.config) as CampaignConfig;
  const compiled = compileCampaign(config);
  if (!compiled.ok || compiled.value.variables.withStock !== true) return null;
  const { rules, variables } = compiled.value;
  const minimumStock = config.minimumStock ?? null;
  const overstock = (config.effects as OverstockEffect[]).find((effect) => effect.overstock !== undefined)?.overstock ?? null;
  const { shopDomain } = campaign;
  const [low, high, latest] = await Promise.all([
    minimumStock === null
      ? []
      : db.variantStock.findMany({
          where: { shopDomain, quantity: { lt: minimumStock } },
          orderBy: [{ quantity: "asc" }, { variantId: "asc" }],
          take: LISTED * 4,
        }),
    overstock === null
      ? []
      : db.variantStock.findMany({
          where: { shopDomain, quantity: { gt: overstock.above } },
          orderBy: [{ quantity: "desc" }, { variantId: "asc" }],
          take: LISTED * 4,
        }),
    db.variantStock.findFirst({ where: { shopDomain }, orderBy: { writtenAt: "desc" }, select: { writtenAt: true } }),
  ]);
  const quantities = new Map([...low, ...high].map((row) => [row.variantId, row.quantity]));
  const facts = await fetchListingFacts(call, [...quantities.keys()]);
  const byId = new Map(facts.map((fact) => [fact.variantId, fact]));
  const item = (variantId: string): StockListedItem => ({
    title: byId.get(variantId)!.title,
    sku: byId.get(variantId)!.sku,
    inStock: quantities.get(variantId)!,
  });

  // In scope with its stock (deepened) / in scope were its stock unknown, but not with it (left out).
  const eligibleIds = (stock: Map<string, number | null>) => new Set(readCart(listingInput(facts, stock, variables), rules).eligible.map((line) => line.i));
  const withStock = eligibleIds(quantities);
  const withoutStock = eligibleIds(new Map());
  const excluded = low.map((row) => row.variantId).filter((id) => byId.has(id) && withoutStock.has(id) && !withStock.has(id));
  const deepened = high.map((row) => row.variantId).filter((id) => byId.has(id) && withStock.has(id));
  return {
    minimumStock,
    overstock,
    excluded: excluded.slice(0, LISTED).map(item),
    deepened: deepened.slice(0, LISTED).map(item),
    more: { excluded: excluded.length > LISTED, deepened: deepened.length > LISTED },
    updatedAt: latest?.writtenAt.toISOString() ?? null,
  };
}

export function stockJobHandlers({ adminFor }: { adminFor(shopDomain: string): Promise<AdminClient> }): Record<string, JobHandler> {
  return {
    [STOCK_SYNC_JOB]: async ({ db, job, clock }) => {
      const call = throttledAdmin(await adminFor(job.shopDomain), { clock }).call;
      await syncInventoryItem(db, call, job.shopDomain, (job.payload as { inventoryItemId: string }).inventoryItemId, clock.now());
    },
    [STOCK_RECONCILE_JOB]: async ({ db, job, clock, heartbeat }) => {
      const call = throttledAdmin(await adminFor(job.shopDomain), { clock }).call;
      await reconcileStock(db, call, job.shopDomain, heartbeat, () => clock.now());
    },
  };
}
