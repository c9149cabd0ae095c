// The portfolio: one person's stores side by side, and within each store the campaigns each
// playbook brought, over a period. Only stores where the person may read analytics now are read
// (stores.server.ts decides, at every request); each store's figures stay in its own currency and
// its own calendar, and come from the same rollups and holdout comparisons as its analytics.
import type { Database } from "~/db.server";
import { holdoutComparison, MIN_GROUP_SIZE } from "~/domain/analytics/holdouts.server";
import { figuresBy, formatMoney, shopFigures } from "~/domain/analytics/metrics.server";
import { sumEstimates } from "~/domain/analytics/stats";
import type { DateRange, Estimate, Figures } from "~/domain/analytics/types";
import { localDateTimeToInstant } from "~/domain/campaigns/shop-time";
import { displayStatus } from "~/domain/campaigns/status";
import type { Role } from "~/domain/governance/roles";
import { storesWhere, type StoreRef } from "./stores.server";

export interface PortfolioFigures {
  influencedRevenue: string;
  /** Discounts given by the codes (line, order and shipping). */
  discountCost: string;
  redemptions: number;
  leaked: number;
  /** Leaked ÷ redemptions; null without redemptions. */
  leakRate: number | null;
  /** Summed over the campaigns with a holdout measured so far, with its 95% interval; null when none is. */
  incrementalProfit: Estimate | null;
  /** Campaigns with a holdout that ran in the period, and how many of them have no estimate yet. */
  holdoutCampaigns: number;
  withoutEstimate: number;
  liveCampaigns: number;
  poolAlerts: number;
  openApprovals: number;
}

export interface PortfolioPlaybook {
  playbookId: number;
  name: string;
  /** The playbook versions its campaigns in this store came from. */
  versions: number[];
  campaigns: number;
  figures: PortfolioFigures;
}

export interface PortfolioStore {
  store: StoreRef;
  role: Role;
  range: DateRange;
  figures: PortfolioFigures;
  playbooks: PortfolioPlaybook[];
}

interface CampaignFacts {
  id: number;
  status: string;
  startsAt: Date;
  endsAt: Date | null;
  poolId: number | null;
  holdoutPercent: number;
  playbookId: number | null;
  playbookVersion: number | null;
}

interface StoreFacts {
  campaigns: CampaignFacts[];
  byCampaign: Map<string, Figures>;
  alertsByPool: Map<number, number>;
  pendingByCampaign: Map<number, number>;
  estimates: Map<number, Estimate | null>;
}

const cents = (money: string) => Math.round(Number(money) * 100);

function figuresOf(
  campaigns: CampaignFacts[],
  facts: StoreFacts,
  totals: Pick<Figures, "influencedRevenue" | "discountGiven" | "redemptions" | "leaked">,
  poolAlerts: number,
  openApprovals: number,
  now: Date,
): PortfolioFigures {
  const measured = campaigns.filter((campaign) => facts.estimates.has(campaign.id));
  const estimates = measured.map((campaign) => facts.estimates.get(campaign.id)).filter((estimate): estimate is Estimate => estimate != null);
  return {
    influencedRevenue: totals.influencedRevenue,
    discountCost: totals.discountGiven,
    redemptions: totals.redemptions,
    leaked: totals.leaked,
    leakRate: totals.redemptions > 0 ? totals.leaked / totals.redemptions : null,
    incrementalProfit: sumEstimates(estimates),
    holdoutCampaigns: measured.length,
    withoutEstimate: measured.length - estimates.length,
    liveCampaigns: campaigns.filter((campaign) => displayStatus(campaign, now) === "live").length,
    poolAlerts,
    openApprovals,
  };
}

/** The campaigns' rollup figures added up (money in cents, so nothing is lost to rounding). */
function summed(campaigns: CampaignFacts[], byCampaign: Map<string, Figures>) {
  let influenced = 0;
  let discount = 0;
  let redemptions = 0;
  let leaked = 0;
  for (const campaign of campaigns) {
    const figures = byCampaign.get(String(campaign.id));
    if (!figures) continue;
    influenced += cents(figures.influencedRevenue);
    discount += cents(figures.discountGiven);
    redemptions += figures.redemptions;
    leaked += figures.leaked;
  }
  return { influencedRevenue: formatMoney(influenced / 100), discountGiven: formatMoney(discount / 100), redemptions, leaked };
}

/** The campaigns with a holdout that ran in the period, and their incremental profit so far. */
async function holdoutEstimates(db: Database, store: StoreRef, campaigns: CampaignFacts[], range: DateRange, now: Date) {
  const from = localDateTimeToInstant(`${range.from}T00:00`, store.timeZone) ?? new Date(0);
  const to = localDateTimeToInstant(`${range.to}T23:59`, store.timeZone) ?? now;
  const ran = campaigns.filter(
    (campaign) =>
      campaign.holdoutPercent > 0 && campaign.status !== "draft" && campaign.startsAt <= to && (campaign.endsAt === null || campaign.endsAt >= from),
  );
  const estimates = new Map<number, Estimate | null>();
  for (const campaign of ran) {
    const comparison = await holdoutComparison(db, store.domain, campaign.id, now);
    const enough = comparison !== null && comparison.treated.recipients >= MIN_GROUP_SIZE && comparison.heldOut.recipients >= MIN_GROUP_SIZE;
    estimates.set(campaign.id, enough ? comparison.incrementalProfit : null);
  }
  return estimates;
}

async function storeFacts(db: Database, store: StoreRef, range: DateRange, now: Date): Promise<StoreFacts> {
  const shopDomain = store.domain;
  const [campaigns, byCampaign, alerts, pending] = await Promise.all([
    db.campaign.findMany({
      where: { shopDomain, status: { not: "archived" } },
      select: { id: true, status: true, startsAt: true, endsAt: true, poolId: true, holdoutPercent: true, playbookId: true, playbookVersion: true },
    }),
    figuresBy(db, shopDomain, "campaign", range),
    db.poolAlert.groupBy({ by: ["poolId"], where: { shopDomain, openKind: { not: null } }, _count: true }),
    db.approvalRequest.groupBy({ by: ["campaignId"], where: { shopDomain, status: "pending" }, _count: true }),
  ]);
  return {
    campaigns,
    byCampaign: new Map(byCampaign.map((row) => [row.key, row.figures])),
    alertsByPool: new Map(alerts.map((row) => [row.poolId, row._count])),
    pendingByCampaign: new Map(pending.map((row) => [row.campaignId, row._count])),
    estimates: await holdoutEstimates(db, store, campaigns, range, now),
  };
}

const sumOver = <T>(items: T[], count: (item: T) => number) => items.reduce((total, item) => total + count(item), 0);

/** One store's row and its playbooks' rows, over the store's reading of the period. */
export async function storePortfolio(db: Database, store: StoreRef, role: Role, range: DateRange, now: Date = new Date()): Promise<PortfolioStore> {
  const facts = await storeFacts(db, store, range, now);
  const whole = await shopFigures(db, store.domain, range);
  const totalAlerts = sumOver([...facts.alertsByPool.values()], (count) => count);
  const totalPending = sumOver([...facts.pendingByCampaign.values()], (count) => count);

  const byPlaybook = new Map<number, CampaignFacts[]>();
  for (const campaign of facts.campaigns) {
    if (campaign.playbookId !== null) byPlaybook.set(campaign.playbookId, [...(byPlaybook.get(campaign.playbookId) ?? []), campaign]);
  }
  const names = new Map(
    (await db.playbook.findMany({ where: { id: { in: [...byPlaybook.keys()] } }, select: { id: true, name: true } })).map((playbook) => [
      playbook.id,
      playbook.name,
    ]),
  );
  const playbooks = [...byPlaybook.entries()]
    .map(([playbookId, campaigns]): PortfolioPlaybook => {
      const pools = new Set(campaigns.flatMap((campaign) => (campaign.poolId === null ? [] : [campaign.poolId])));
      return {
        playbookId,
        name: names.get(playbookId) ?? "A deleted playbook",
        versions: [...new Set(campaigns.flatMap((campaign) => (campaign.playbookVersion === null ? [] : [campaign.playbookVersion])))].sort((a, b) => a - b),
        campaigns: campaigns.length,
        figures: figuresOf(
          campaigns,
          facts,
          summed(campaigns, facts.byCampaign),
          sumOver([...pools], (pool) => facts.alertsByPool.get(pool) ?? 0),
          sumOver(campaigns, (campaign) => facts.pendingByCampaign.get(campaign.id) ?? 0),
          now,
        ),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { store, role, range, figures: figuresOf(facts.campaigns, facts, whole, totalAlerts, totalPending, now), playbooks };
}

/**
 * The person's portfolio: every store where their role may read analytics now, each over the
 * range `rangeFor` gives for it (the same calendar days in each store's own time zone, or its
 * default period). Stores named in `only` narrow the list; a store outside it is never read.
 */
export async function portfolio(
  db: Database,
  userId: string,
  rangeFor: (store: StoreRef) => DateRange,
  options: { only?: string[]; now?: Date } = {},
): Promise<PortfolioStore[]> {
  const now = options.now ?? new Date();
  const stores = await storesWhere(db, userId, "analytics.read");
  const wanted = options.only && options.only.length > 0 ? stores.filter(({ store }) => options.only!.includes(store.domain)) : stores;
  const rows: PortfolioStore[] = [];
  for (const { staff, store } of wanted) rows.push(await storePortfolio(db, store, staff.role, rangeFor(store), now));
  return rows;
}
