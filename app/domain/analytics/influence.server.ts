// Influence of already recorded redemptions when what judges it changes afterwards: a campaign's
// UTM/landing-site tag set or edited on its form. The class is stored on each redemption when it
// is recorded (app/domain/redemptions/record.server.ts: classifyInfluence); this recomputes it for
// one campaign and queues the rollups of the days whose figures moved.
import type { Database } from "~/db.server";
import { shopTimeZone } from "~/domain/shops.server";
import { classifyInfluence } from "~/domain/redemptions/record.server";
import { localDayOf } from "~/domain/campaigns/local-days";
import { enqueueRollupDays } from "./rollups.server";

/** Reclassifies the campaign's redemptions; returns how many changed class. */
export async function reclassifyCampaign(db: Database, shopDomain: string, campaignId: number): Promise<number> {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, shopDomain }, select: { utmCampaign: true } });
  if (!campaign) return 0;
  const rows = await db.redemption.findMany({
    where: { shopDomain, campaignId },
    select: { id: true, couponId: true, assignedEmail: true, email: true, landingSite: true, influence: true, processedAt: true },
  });
  const timeZone = await shopTimeZone(db, shopDomain);
  const days: string[] = [];
  for (const row of rows) {
    const owner = { campaignId, couponId: row.couponId, assignedEmail: row.assignedEmail, campaignTag: campaign.utmCampaign };
    const influence = classifyInfluence(shopDomain, owner, row.email, row.landingSite);
    if (influence === row.influence) continue;
    await db.redemption.update({ where: { id: row.id }, data: { influence, leaked: influence === "leaked" } });
    days.push(localDayOf(row.processedAt, timeZone));
  }
  await enqueueRollupDays(db, shopDomain, days);
  return days.length;
}
