// The analytics core's job types, for the worker's handler registry (app/jobs/handlers.server.ts):
// a day's rollup recompute, a shop's full rebuild, and the scheduled refresh of unit costs.
import type { JobHandler } from "~/jobs/worker.server";
import { throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import { COST_REFRESH_JOB, refreshVariantCosts } from "./costs.server";
import { rebuildShopRollups, recomputeRollupDay, ROLLUP_DAY_JOB, ROLLUP_REBUILD_JOB } from "./rollups.server";

export interface AnalyticsJobDependencies {
  /** An Admin client for the shop's offline session. */
  adminFor(shopDomain: string): Promise<AdminClient>;
}

export function analyticsJobHandlers({ adminFor }: AnalyticsJobDependencies): Record<string, JobHandler> {
  return {
    [ROLLUP_DAY_JOB]: ({ db, job }) => recomputeRollupDay(db, job.shopDomain, (job.payload as { day: string }).day),
    [ROLLUP_REBUILD_JOB]: async ({ db, job, heartbeat }) => {
      await rebuildShopRollups(db, job.shopDomain, heartbeat);
    },
    [COST_REFRESH_JOB]: async ({ db, job, clock, heartbeat }) => {
      const call = throttledAdmin(await adminFor(job.shopDomain), { clock }).call;
      await refreshVariantCosts(db, call, job.shopDomain, heartbeat, () => clock.now());
    },
  };
}
