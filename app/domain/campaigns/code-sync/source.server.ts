// What a campaign's discount should hold: the sync works against this interface, and the
// adapter below reads it from the campaign and its pool.
import type { Database } from "~/db.server";
import { toSqlTime } from "~/domain/pools/sql-time";
import { poolStore } from "~/domain/pools/store.server";

export interface CampaignCodeSource {
  campaignId: number;
  shopDomain: string;
  /** The Shopify code discount the codes belong to (null until the campaign is published). */
  discountId: string | null;
  /** The code the discount was created with: Shopify already has it. */
  initialCode: string | null;
  /** The codes the discount should hold right now. */
  desiredCodes(now: Date): Promise<string[]>;
}

// A pool code belongs on Shopify while someone may legitimately use it: unassigned and never
// handed out (a code taken back by a revocation is not, until it is handed out again), not past
// its Pool Expiration; or assigned and not past its recipient's User Expiration.
const DESIRED_POOL_CODES = `SELECT c."code" FROM "Coupon" c
  WHERE c."poolId" = :poolId
    AND ((c."assignedAt" IS NULL AND (c."expiresAt" IS NULL OR c."expiresAt" > :now)
          AND NOT EXISTS (SELECT 1 FROM "CouponAssignment" a WHERE a."couponId" = c."id"))
      OR (c."assignedAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "CouponAssignment" a WHERE a."couponId" = c."id" AND a."revokedAt" IS NULL
                          AND a."expiresAt" IS NOT NULL AND a."expiresAt" <= :now)))
  ORDER BY c."id"`;

export async function desiredPoolCodes(poolId: number, now: Date): Promise<string[]> {
  const store = poolStore();
  return store.read(
    () =>
      store
        .statement(DESIRED_POOL_CODES)
        .pluck()
        .all({ poolId, now: toSqlTime(now) }) as string[],
  );
}

/** Campaigns whose codes are synced: pool and generated codes (generated ones live in a pool the campaign owns). */
const SYNCED_CODE_SOURCES = ["pool", "generated"];

/** The campaign's code source, or null when there is nothing to sync (gone, archived, shared code). */
export async function loadCampaignCodeSource(db: Database, campaignId: number): Promise<CampaignCodeSource | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, shopDomain: true, shopifyDiscountId: true, initialCode: true, poolId: true, codeSource: true, status: true },
  });
  if (!campaign || campaign.status === "archived" || !SYNCED_CODE_SOURCES.includes(campaign.codeSource)) return null;
  const { poolId } = campaign;
  return {
    campaignId: campaign.id,
    shopDomain: campaign.shopDomain,
    discountId: campaign.shopifyDiscountId,
    initialCode: campaign.initialCode,
    desiredCodes: (now) => (poolId === null ? Promise.resolve([]) : desiredPoolCodes(poolId, now)),
  };
}

/** Published, live campaigns of installed shops whose codes follow their pool: the periodic reconcile visits them. */
export async function listLiveSyncedCampaigns(db: Database): Promise<{ id: number; shopDomain: string }[]> {
  return db.campaign.findMany({
    where: { status: "live", codeSource: { in: SYNCED_CODE_SOURCES }, shopifyDiscountId: { not: null }, shop: { uninstalledAt: null } },
    select: { id: true, shopDomain: true },
    orderBy: { id: "asc" },
  });
}
