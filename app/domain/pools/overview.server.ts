import { listOpenAlerts, refreshShopAlerts, type PoolAlert } from "./alerts.server";
import { countCoupons, listPools, type Pool, type PoolCounts } from "./pools.server";
import type { PoolStore } from "./store.server";

export interface PoolOverview {
  pool: Pool;
  counts: PoolCounts;
  openAlerts: PoolAlert[];
}

/** The Coupon Pools list: every pool of the shop with its counts and the alerts open on it. */
export async function poolOverviews(store: PoolStore, shopDomain: string, now = new Date()): Promise<PoolOverview[]> {
  await refreshShopAlerts(store, shopDomain, now);
  const [pools, alerts] = await Promise.all([listPools(store, shopDomain), listOpenAlerts(store, shopDomain)]);
  return Promise.all(
    pools.map(async (pool) => ({
      pool,
      counts: await countCoupons(store, pool, now),
      openAlerts: alerts.filter((alert) => alert.poolId === pool.id),
    })),
  );
}
