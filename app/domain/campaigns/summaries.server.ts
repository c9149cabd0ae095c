// The campaigns list: each campaign with its status, dates and how many codes it has.
import type { Campaign } from "@prisma/client";
import type { CampaignConfig } from "promo-discount/config";
import type { Database } from "~/db.server";
import { poolStore } from "~/domain/pools/store.server";
import { listCampaigns } from "./campaigns.server";
import { campaignCaps, type CapsView } from "./caps.server";
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
  /** Its effects' types ("percentage", "buyXGetY"…), for the list's type filter. */
  offerTypes: string[];
}

function offerTypesOf(config: string): string[] {
  try {
    const parsed = JSON.parse(config) as Partial<CampaignConfig> | null;
    return Array.isArray(parsed?.effects) ? [...new Set(parsed.effects.map((effect) => effect.type))] : [];
  } catch {
    return [];
  }
}

/** Codes per pool, one grouped query for every pool the campaigns use. */
async function poolCodeCounts(poolIds: number[]): Promise<Map<number, number>> {
  if (poolIds.length === 0) return new Map();
  const store = poolStore();
  const rows = await store.read(
    () =>
      store
        .statement(`SELECT "poolId", COUNT(*) AS "count" FROM "Coupon" WHERE "poolId" IN (${poolIds.map(() => "?").join(",")}) GROUP BY "poolId"`)
        .all(...poolIds) as { poolId: number; count: number }[],
  );
  return new Map(rows.map((row) => [row.poolId, row.count]));
}

export async function campaignSummaries(db: Database, shopDomain: string, now = new Date()): Promise<CampaignSummary[]> {
  return summarise(await listCampaigns(db, shopDomain), now);
}

async function summarise(campaigns: Campaign[], now: Date): Promise<CampaignSummary[]> {
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
    offerTypes: offerTypesOf(campaign.config),
  }));
}

/** A campaign with everything that limits it: usage limits, budgets, daily cap, why it is paused. */
export interface CampaignOverview extends CampaignSummary {
  sharedCode: string | null;
  poolId: number | null;
  usageLimit: number | null;
  oncePerCustomer: boolean;
  maxUsesPerCustomer: number | null;
  /** Why a paused campaign is paused (manual | budget | dailyCap); null unless paused. */
  pauseReason: string | null;
  /** The caps' figures (caps.server.ts); null for a campaign without budgets or a daily cap. */
  caps: CapsView | null;
}

/** Every campaign of the shop with its caps, newest first (the public API's campaigns). */
export async function campaignOverviews(db: Database, shopDomain: string, now = new Date()): Promise<CampaignOverview[]> {
  const campaigns = await listCampaigns(db, shopDomain);
  const summaries = await summarise(campaigns, now);
  return Promise.all(
    campaigns.map(async (campaign, index) => ({
      ...summaries[index],
      sharedCode: campaign.codeSource === "shared" ? campaign.sharedCode : null,
      poolId: campaign.poolId,
      usageLimit: campaign.usageLimit,
      oncePerCustomer: campaign.oncePerCustomer,
      maxUsesPerCustomer: maxUsesPerCustomer(campaign),
      pauseReason: campaign.status === "paused" ? (campaign.pauseReason ?? "manual") : null,
      caps: await campaignCaps(db, campaign, now),
    })),
  );
}

function maxUsesPerCustomer(campaign: Campaign): number | null {
  try {
    return (JSON.parse(campaign.config) as CampaignConfig).maxUsesPerCustomer ?? null;
  } catch {
    return null;
  }
}
