import type { Database } from "~/db.server";
import { enqueueCodeSync } from "../code-sync.server";
import { listLiveSyncedCampaigns } from "./source.server";

/** How often every live campaign is reconciled with its pool: codes added later, expiries. */
export const RECONCILE_INTERVAL_MS = 10 * 60_000;

/**
 * Queues a sync of every live campaign whose codes come from a pool. Any number of app
 * instances may call this at once: a campaign's queued sync is never doubled.
 */
export async function enqueueLiveCampaignSyncs(db: Database, now = new Date()): Promise<number> {
  const campaigns = await listLiveSyncedCampaigns(db);
  for (const campaign of campaigns) await enqueueCodeSync(db, { shopDomain: campaign.shopDomain, campaignId: campaign.id }, { now });
  return campaigns.length;
}
