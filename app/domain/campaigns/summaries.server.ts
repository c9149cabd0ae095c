// The campaigns list: each campaign with its status, dates and how many codes it has.
import type { Database } from "~/db.server";
import { poolStore } from "~/domain/pools/store.server";
import { listCampaigns } from "./campaigns.server";
import { displayStatus, type CampaignStatus } from "./status";

export interface CampaignSummary {
  id: number;
  name: string;
  channel: string;
  codeSource: string;
  status: CampaignStatus;
  startsAt: Date;
  endsAt: Date | null;
  codeCount: number;
  ownerName: string;
}

/** Codes per pool, one grouped query for every pool the campaigns use. */
async function poolCodeCounts(poolIds: number[]): Promise<Map<number, number>> {
  if (poolIds.length === 0) return new Map();
  const store = poolStore();
  const rows = await store.read(
    () => store.db.prepare(`SELECT "poolId", COUNT(*) AS "count" FROM "Coupon" WHERE "poolId" IN (${poolIds.map(() => "?").join(",")}) GROUP BY "poolId"`).all(...poolIds) as { poolId: number; count: number }[],
  );
  return new Map(rows.map((row) => [row.poolId, row.count]));
}

export async function campaignSummaries(db: Database, shopDomain: string, now = new Date()): Promise<CampaignSummary[]> {
  const campaigns = await listCampaigns(db, shopDomain);
  const counts = await poolCodeCounts([...new Set(campaigns.flatMap((campaign) => (campaign.poolId === null ? [] : [campaign.poolId])))]);
  return campaigns.map((campaign) => ({
    id: campaign.id,
    name: campaign.name,
    channel: campaign.channel,
    codeSource: campaign.codeSource,
    status: displayStatus(campaign, now),
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
    codeCount: campaign.codeSource === "shared" ? 1 : (counts.get(campaign.poolId ?? -1) ?? 0),
    ownerName: campaign.ownerName,
  }));
}
