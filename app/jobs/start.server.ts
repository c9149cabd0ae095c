import prisma from "~/db.server";
import { unauthenticated } from "~/shopify.server";
import { enqueueLiveCampaignSyncs, RECONCILE_INTERVAL_MS } from "~/domain/campaigns/code-sync/schedule.server";
import { jobHandlers } from "./handlers.server";
import { pruneSucceededJobs } from "./queue.server";
import { createJobWorker } from "./worker.server";

const SUCCEEDED_JOBS_KEPT_MS = 7 * 24 * 60 * 60_000;

declare global {
  // One worker per process, also across Vite's module reloads in development.
  var promoguardJobsStarted: boolean | undefined;
}

/** Starts the in-process job worker and the periodic reconcile of live campaigns. */
export function startBackgroundJobs() {
  if (globalThis.promoguardJobsStarted) return;
  globalThis.promoguardJobsStarted = true;
  const worker = createJobWorker({
    db: prisma,
    handlers: jobHandlers({ adminFor: async (shop) => (await unauthenticated.admin(shop)).admin }),
  });
  worker.start();
  const housekeeping = async () => {
    try {
      await enqueueLiveCampaignSyncs(prisma);
      await pruneSucceededJobs(prisma, new Date(Date.now() - SUCCEEDED_JOBS_KEPT_MS));
    } catch (error) {
      console.error("Could not schedule code syncs", error);
    }
  };
  void housekeeping();
  setInterval(housekeeping, RECONCILE_INTERVAL_MS).unref();
}
