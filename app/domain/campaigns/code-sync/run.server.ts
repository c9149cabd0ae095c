import { throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import type { JobContext, JobHandler } from "~/jobs/worker.server";
import { PermanentJobError } from "~/jobs/worker.server";
import type { SyncRun } from "./context";
import { reconcileEntries } from "./entries.server";
import { loadCampaignCodeSource, type CampaignCodeSource } from "./source.server";
import { sweepUnwantedCodes } from "./sweeper.server";
import { uploadPendingCodes } from "./upload.server";

export interface CodeSyncDependencies {
  /** An Admin client for the shop's offline session. */
  adminFor(shopDomain: string): Promise<AdminClient>;
  /** Reads what the campaign's discount should hold (the campaign table by default). */
  loadSource?: typeof loadCampaignCodeSource;
}

function campaignIdOf(payload: unknown): number {
  const campaignId = (payload as { campaignId?: unknown } | null)?.campaignId;
  if (typeof campaignId !== "number" || !Number.isSafeInteger(campaignId)) {
    throw new PermanentJobError(`A code-sync job needs a numeric campaignId, got ${JSON.stringify(payload)}`);
  }
  return campaignId;
}

/**
 * The code-sync job: reconcile the campaign's codes with what it should hold, remove the ones
 * nobody should use (the sweeper), then add the missing ones. A campaign that is gone, archived,
 * unpublished or on a shared code has nothing to sync: the job succeeds without doing anything.
 */
export function codeSyncHandler(dependencies: CodeSyncDependencies): JobHandler {
  const loadSource = dependencies.loadSource ?? loadCampaignCodeSource;
  return async (context) => {
    const campaignId = campaignIdOf(context.job.payload);
    const source = await loadSource(context.db, campaignId);
    if (!source?.discountId) return;
    await syncCampaignCodes(context, source as CampaignCodeSource & { discountId: string }, await dependencies.adminFor(source.shopDomain));
  };
}

async function syncCampaignCodes({ db, clock, heartbeat }: JobContext, source: CampaignCodeSource & { discountId: string }, client: AdminClient) {
  const { campaignId, shopDomain } = source;
  const startedAt = clock.now();
  await db.codeSyncState.upsert({
    where: { campaignId },
    create: { campaignId, shopDomain, lastRunAt: startedAt },
    update: { lastRunAt: startedAt },
  });
  const run: SyncRun = { db, clock, heartbeat, campaignId, discountId: source.discountId, call: throttledAdmin(client, { clock }).call };
  try {
    await reconcileEntries(db, source, startedAt);
    await sweepUnwantedCodes(run);
    await uploadPendingCodes(run);
  } catch (error) {
    await db.codeSyncState.update({ where: { campaignId }, data: { lastError: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
  await db.codeSyncState.update({ where: { campaignId }, data: { lastFinishedAt: clock.now(), lastError: null } });
}
