// Which campaign and coupon a redeemed code belongs to, and whom a unique code was handed to.
import type { Database } from "~/db.server";

export interface CodeOwner {
  campaignId: number | null;
  couponId: number | null;
  /** The email the unique code was last assigned to (lower-cased, or a redaction hash). */
  assignedEmail: string | null;
  /** The campaign's UTM/landing-site tag (Campaign.utmCampaign): an order carrying it was influenced. */
  campaignTag?: string | null;
}

/**
 * A shared code names its campaign directly. A pool or generated code is a Coupon; its campaign
 * is the one fed by the coupon's pool, and when several campaigns share the pool, the one whose
 * discount carries the code (the code sync's entries), else the newest. A code PromoGuard never
 * saw has no owner: the redemption is still recorded, as ungoverned usage.
 */
export async function findCodeOwner(db: Database, shopDomain: string, codeKey: string): Promise<CodeOwner> {
  const [shared] = await db.$queryRaw<{ id: number; utmCampaign: string | null }[]>`
    SELECT "id", "utmCampaign" FROM "Campaign"
    WHERE "shopDomain" = ${shopDomain} AND "codeSource" = 'shared' AND UPPER("sharedCode") = ${codeKey}
    ORDER BY "id" DESC LIMIT 1`;
  if (shared) return { campaignId: Number(shared.id), couponId: null, assignedEmail: null, campaignTag: shared.utmCampaign };

  const coupon = await db.coupon.findUnique({ where: { shopDomain_codeKey: { shopDomain, codeKey } }, select: { id: true, poolId: true } });
  if (!coupon) return { campaignId: null, couponId: null, assignedEmail: null };

  const [campaigns, assignment] = await Promise.all([
    db.campaign.findMany({ where: { shopDomain, poolId: coupon.poolId }, orderBy: { id: "desc" }, select: { id: true, utmCampaign: true } }),
    db.couponAssignment.findFirst({ where: { couponId: coupon.id }, orderBy: [{ assignedAt: "desc" }, { id: "desc" }], select: { email: true } }),
  ]);
  const campaignIds = campaigns.map((campaign) => campaign.id);
  const carrying =
    campaignIds.length > 1
      ? await db.codeSyncEntry.findFirst({ where: { campaignId: { in: campaignIds }, codeKey }, orderBy: { campaignId: "desc" }, select: { campaignId: true } })
      : null;
  const campaignId = carrying?.campaignId ?? campaignIds[0] ?? null;
  const campaignTag = campaigns.find((campaign) => campaign.id === campaignId)?.utmCampaign ?? null;
  return { campaignId, couponId: coupon.id, assignedEmail: assignment?.email ?? null, campaignTag };
}
