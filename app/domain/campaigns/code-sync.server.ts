// The redeem-code sync of campaigns, as the rest of the app sees it: ask for a sync, read its
// progress. The work itself is the "code-sync" job (code-sync/run.server.ts).
import type { Database } from "~/db.server";
import { enqueueJob } from "~/jobs/queue.server";

export const CODE_SYNC_JOB = "code-sync";

export interface CodeSyncRequest {
  shopDomain: string;
  campaignId: number;
}

export interface CodeSyncStatus {
  /** Codes the campaign should have on Shopify. */
  total: number;
  synced: number;
  /** Waiting to be sent, or sent and waiting for Shopify's answer. */
  pending: number;
  failed: number;
  /** The first failures (Shopify's reason per code, in plain words). */
  failures: { code: string; message: string }[];
  lastRunAt: Date | null;
  running: boolean;
}

const FAILURES_SHOWN = 100;

/** Jobs of one campaign share this key: one queued at a time, never two running at once. */
export const codeSyncKey = (campaignId: number) => `${CODE_SYNC_JOB}:${campaignId}`;

/**
 * Asks for the campaign's codes to be brought in line with Shopify. Idempotent: while a sync
 * of the campaign is queued, asking again adds nothing (a sync already running is followed by
 * one more, which picks up whatever changed meanwhile).
 */
export async function enqueueCodeSync(db: Database, request: CodeSyncRequest, options: { runAt?: Date; now?: Date } = {}) {
  if (!Number.isSafeInteger(request.campaignId)) throw new Error(`enqueueCodeSync needs a campaign id, got ${request.campaignId}`);
  return enqueueJob(
    db,
    {
      shopDomain: request.shopDomain,
      type: CODE_SYNC_JOB,
      payload: { campaignId: request.campaignId },
      runAt: options.runAt,
      dedupeKey: codeSyncKey(request.campaignId),
      concurrencyKey: codeSyncKey(request.campaignId),
    },
    options.now,
  );
}

const PENDING_STATES = ["pending", "submitting", "submitted"];

export async function getCodeSyncStatus(db: Database, campaignId: number, now = new Date()): Promise<CodeSyncStatus> {
  const [counts, failures, state, running] = await Promise.all([
    db.codeSyncEntry.groupBy({ by: ["state"], where: { campaignId }, _count: { _all: true } }),
    db.codeSyncEntry.findMany({
      where: { campaignId, state: "failed" },
      orderBy: { id: "asc" },
      take: FAILURES_SHOWN,
      select: { code: true, error: true },
    }),
    db.codeSyncState.findUnique({ where: { campaignId } }),
    db.job.count({ where: { concurrencyKey: codeSyncKey(campaignId), status: "running", leaseExpiresAt: { gt: now } } }),
  ]);
  const count = (states: string[]) => counts.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + row._count._all, 0);
  const synced = count(["synced"]);
  const pending = count(PENDING_STATES);
  const failed = count(["failed"]);
  return {
    total: synced + pending + failed,
    synced,
    pending,
    failed,
    failures: failures.map((entry) => ({ code: entry.code, message: entry.error ?? "Shopify refused this code." })),
    lastRunAt: state?.lastRunAt ?? null,
    running: running > 0,
  };
}

/**
 * Codes were added to a pool (an import, a single code): queues a sync of every published
 * campaign drawing on it, so the new codes reach Shopify without waiting for the periodic
 * reconcile.
 */
export async function enqueueCodeSyncsForPool(db: Database, poolId: number, now = new Date()): Promise<number> {
  const campaigns = await db.campaign.findMany({
    where: { poolId, status: { not: "archived" }, shopifyDiscountId: { not: null } },
    select: { id: true, shopDomain: true },
  });
  for (const campaign of campaigns) await enqueueCodeSync(db, { shopDomain: campaign.shopDomain, campaignId: campaign.id }, { now });
  return campaigns.length;
}

/**
 * Sends the campaign's refused codes to Shopify once more (after the merchant removed a clashing
 * code from another discount, say). Failures are otherwise final: retrying them on every periodic
 * run would only repeat Shopify's refusal.
 */
export async function retryFailedCodes(db: Database, request: CodeSyncRequest, now = new Date()): Promise<number> {
  const { count } = await db.codeSyncEntry.updateMany({
    where: { campaignId: request.campaignId, shopDomain: request.shopDomain, state: "failed" },
    data: { state: "pending", error: null },
  });
  if (count > 0) await enqueueCodeSync(db, request, { now });
  return count;
}
