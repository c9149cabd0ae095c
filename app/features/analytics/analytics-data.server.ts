// What the analytics screens load, in one place: every figure comes from the rollups through
// the analytics domain (metrics.server.ts, holdouts.server.ts); nothing here reads redemptions.
// Every function takes the session's shop, so another shop's ids are simply not found.
import type { Campaign } from "@prisma/client";
import type { Database } from "~/db.server";
import prisma from "~/db.server";
import { holdoutComparison, MIN_GROUP_SIZE } from "~/domain/analytics/holdouts.server";
import { aovLift, dailySeries, defaultRange, figuresBy, figuresFor, keysWithActivity, shopFigures } from "~/domain/analytics/metrics.server";
import type { AovLift, DateRange, DayFigures, Figures, HoldoutComparison, KeyFigures } from "~/domain/analytics/types";
import { displayStatus } from "~/domain/campaigns/status";
import { findCampaign } from "~/domain/campaigns/campaigns.server";
import { authenticateStaff } from "~/features/access.server";
import type { Role } from "~/domain/governance/roles";
import { readRange, shopToday } from "~/domain/analytics/date-range";
import { TABLE_DIMENSIONS, TABLES, type TableName } from "~/domain/analytics/tables";
import { codeKey as shopifyCodeKey } from "~/shopify/code-key";
import { shopifyDidNotAnswer, throttledAdmin, type AdminClient } from "~/shopify/admin-graphql.server";
import { catalogueTitles } from "~/shopify/products.server";
import { systemClock } from "~/lib/clock";

/** Who is asking, for which period: the shop from the session, the range from the URL. */
export interface AnalyticsScope {
  shop: string;
  timeZone: string;
  currency: string;
  /** The shop's calendar day now (the picker's presets end on it). */
  today: string;
  range: DateRange;
  /** Why the URL's range was refused (the page then shows the default period). */
  rangeError: string | null;
}

function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

export async function scopeForShop(db: Database, shop: string, params: URLSearchParams, now: Date = new Date()): Promise<AnalyticsScope> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { ianaTimezone: true, currencyCode: true } });
  const timeZone = validTimeZone(row?.ianaTimezone);
  const fallback = defaultRange(timeZone, now);
  const reading = readRange(params, fallback);
  return {
    shop,
    timeZone,
    currency: row?.currencyCode || "USD",
    today: shopToday(timeZone, now),
    range: reading.ok ? reading.range : fallback,
    rangeError: reading.ok ? null : reading.error,
  };
}

/** Authenticates the staff member's request and reads its period. */
export async function analyticsScope(request: Request): Promise<AnalyticsScope> {
  const { session } = await authenticateStaff(request);
  return scopeForShop(prisma, session.shop, new URL(request.url).searchParams);
}

/** analyticsScope for a page with controls that depend on the staff member's role. */
export async function staffAnalyticsScope(request: Request) {
  const context = await authenticateStaff(request);
  const scope = await scopeForShop(prisma, context.session.shop, new URL(request.url).searchParams);
  return { scope, role: context.staff.role as Role, staff: context.staff };
}

// ---------------------------------------------------------------------------------------------
// Dashboard

export interface IncrementalProfit {
  /** Sum of the live campaigns' incremental profit; null when none can be told. */
  total: string | null;
  /** Live campaigns that hold part of their audience out. */
  campaignsWithHoldout: number;
  /** Of those, how many have no profit estimate yet (costs unknown or no comparison yet). */
  withoutEstimate: number;
}

export interface DashboardData {
  figures: Figures;
  liveCampaigns: number;
  incrementalProfit: IncrementalProfit;
  series: DayFigures[];
  topCampaigns: KeyFigures[];
  /** Whether any order of the shop has used a code (ever, not only in the period). */
  hasRedemptions: boolean;
}

function liveCampaignsOf(db: Database, shop: string, now: Date) {
  return db.campaign
    .findMany({ where: { shopDomain: shop, status: "live" }, select: { id: true, status: true, startsAt: true, endsAt: true, holdoutPercent: true } })
    .then((rows) => rows.filter((row) => displayStatus(row, now) === "live"));
}

function addMoney(a: string, b: string): string {
  // Cents as integers: decimal strings added without binary rounding.
  const cents = (value: string) => Math.round(Number(value) * 100);
  const total = cents(a) + cents(b);
  const sign = total < 0 ? "-" : "";
  const absolute = Math.abs(total);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Incremental profit of the live campaigns that hold part of their audience out. */
export async function incrementalProfitOf(
  db: Database,
  shop: string,
  campaigns: { id: number; holdoutPercent: number }[],
  now: Date = new Date(),
): Promise<IncrementalProfit> {
  const withHoldout = campaigns.filter((campaign) => campaign.holdoutPercent > 0);
  const comparisons = await Promise.all(withHoldout.map((campaign) => holdoutComparison(db, shop, campaign.id, now)));
  // A comparison counts once both groups have enough recipients to measure a spread: an empty
  // group's "0.00" is no estimate.
  const estimates = comparisons.map((comparison) =>
    comparison && comparison.treated.recipients >= MIN_GROUP_SIZE && comparison.heldOut.recipients >= MIN_GROUP_SIZE
      ? (comparison.incrementalProfit?.value ?? null)
      : null,
  );
  const known = estimates.filter((value): value is string => value !== null);
  return {
    total: known.length > 0 ? known.reduce(addMoney, "0.00") : null,
    campaignsWithHoldout: withHoldout.length,
    withoutEstimate: estimates.length - known.length,
  };
}

export function byInfluencedRevenue(rows: KeyFigures[]): KeyFigures[] {
  return [...rows].sort(
    (a, b) => Number(b.figures.influencedRevenue) - Number(a.figures.influencedRevenue) || Number(b.figures.netRevenue) - Number(a.figures.netRevenue),
  );
}

export async function dashboardData(db: Database, scope: AnalyticsScope, now: Date = new Date()): Promise<DashboardData> {
  const [figures, live, series, campaigns, anyRollup] = await Promise.all([
    shopFigures(db, scope.shop, scope.range),
    liveCampaignsOf(db, scope.shop, now),
    dailySeries(db, scope.shop, "code", null, scope.range),
    figuresBy(db, scope.shop, "campaign", scope.range),
    db.analyticsRollup.findFirst({ where: { shopDomain: scope.shop, dimension: "code", redemptions: { gt: 0 } }, select: { id: true } }),
  ]);
  return {
    figures,
    liveCampaigns: live.length,
    incrementalProfit: await incrementalProfitOf(db, scope.shop, live, now),
    series,
    topCampaigns: byInfluencedRevenue(campaigns).slice(0, 5),
    hasRedemptions: anyRollup !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Analytics index: one table per dimension

/** Rows a table shows on the page; the CSV export has them all. */
export const TABLE_PAGE_ROWS = 100;

export interface TablesData {
  /** Each table's first TABLE_PAGE_ROWS rows, most influenced revenue first. */
  tables: Record<TableName, KeyFigures[]>;
  /** How many rows each table has in all. */
  counts: Record<TableName, number>;
  /** The store's AOV with and without codes in the period: each row's lift is against withoutCode. */
  aov: AovLift;
}

export async function tablesData(db: Database, scope: AnalyticsScope): Promise<TablesData> {
  // The page carries the top rows of each table (the database ranks them) and how many there are;
  // the CSV export has them all.
  const [rows, keyCounts, aov] = await Promise.all([
    Promise.all(TABLES.map((table) => figuresBy(db, scope.shop, TABLE_DIMENSIONS[table], scope.range, { limit: TABLE_PAGE_ROWS }))),
    Promise.all(TABLES.map((table) => keysWithActivity(db, scope.shop, TABLE_DIMENSIONS[table], scope.range))),
    aovLift(db, scope.shop, "code", null, scope.range),
  ]);
  const tables = {} as Record<TableName, KeyFigures[]>;
  const counts = {} as Record<TableName, number>;
  TABLES.forEach((table, index) => {
    tables[table] = rows[index];
    counts[table] = keyCounts[index];
  });
  return { tables, counts, aov };
}

export async function tableRows(db: Database, scope: AnalyticsScope, table: TableName): Promise<KeyFigures[]> {
  return byInfluencedRevenue(await figuresBy(db, scope.shop, TABLE_DIMENSIONS[table], scope.range));
}

// ---------------------------------------------------------------------------------------------
// One campaign

export interface CampaignAnalytics {
  campaign: Pick<Campaign, "id" | "name" | "channel" | "codeSource" | "sharedCode" | "holdoutPercent" | "holdoutWindowDays" | "experiment" | "utmCampaign">;
  figures: Figures;
  series: DayFigures[];
  aov: AovLift;
  codes: KeyFigures[];
  holdout: HoldoutComparison | null;
}

/** The session shop's campaign, or a 404 exactly like a missing one. */
export async function requireShopCampaign(db: Database, shop: string, rawId: string | undefined): Promise<Campaign> {
  const id = /^\d{1,15}$/.test(rawId ?? "") ? Number(rawId) : NaN;
  const campaign = await findCampaign(db, shop, id);
  if (!campaign) throw new Response("Campaign not found", { status: 404 });
  return campaign;
}

export async function campaignAnalytics(db: Database, scope: AnalyticsScope, campaign: Campaign, now: Date = new Date()): Promise<CampaignAnalytics> {
  const key = String(campaign.id);
  const [figures, series, aov, codes, holdout] = await Promise.all([
    figuresFor(db, scope.shop, "campaign", key, scope.range),
    dailySeries(db, scope.shop, "campaign", key, scope.range),
    aovLift(db, scope.shop, "campaign", key, scope.range),
    campaignCodes(db, scope, campaign),
    campaign.holdoutPercent > 0 ? holdoutComparison(db, scope.shop, campaign.id, now) : Promise.resolve(null),
  ]);
  const { id, name, channel, codeSource, sharedCode, holdoutPercent, holdoutWindowDays, experiment, utmCampaign } = campaign;
  return {
    campaign: { id, name, channel, codeSource, sharedCode, holdoutPercent, holdoutWindowDays, experiment, utmCampaign },
    figures,
    series,
    aov,
    codes,
    holdout,
  };
}

/** The campaign's codes that were used in the period, with their figures (each code's rollup cell names its campaign). */
export async function campaignCodes(db: Database, scope: AnalyticsScope, campaign: Campaign): Promise<KeyFigures[]> {
  return byInfluencedRevenue(await figuresBy(db, scope.shop, "code", scope.range, { campaignId: campaign.id }));
}

// ---------------------------------------------------------------------------------------------
// One code

export interface CodeAnalytics {
  code: string;
  figures: Figures;
  series: DayFigures[];
  aov: AovLift;
  campaign: { id: number; name: string } | null;
}

/**
 * The shop's code (any case), or a 404 exactly like a code it does not have: a code of its pools,
 * the shared code of one of its campaigns, or a code its orders used (in the rollups).
 */
export async function requireShopCode(db: Database, shop: string, rawCode: string | undefined) {
  const codeKey = shopifyCodeKey((rawCode ?? "").trim());
  if (!codeKey || codeKey.length > 255) throw new Response("Code not found", { status: 404 });
  const [coupon, shared, rolledUp] = await Promise.all([
    db.coupon.findUnique({ where: { shopDomain_codeKey: { shopDomain: shop, codeKey } }, select: { code: true, poolId: true } }),
    // Shared codes are stored as typed; a shop has few campaigns, compared here case-insensitively.
    db.campaign.findMany({ where: { shopDomain: shop, codeSource: "shared" }, select: { id: true, name: true, sharedCode: true } }),
    db.analyticsRollup.findFirst({ where: { shopDomain: shop, dimension: "code", key: codeKey }, select: { key: true } }),
  ]);
  const sharedCampaign = shared.find((campaign) => (campaign.sharedCode ? shopifyCodeKey(campaign.sharedCode) : null) === codeKey) ?? null;
  if (!coupon && !sharedCampaign && !rolledUp) throw new Response("Code not found", { status: 404 });
  let campaign: { id: number; name: string } | null = sharedCampaign ? { id: sharedCampaign.id, name: sharedCampaign.name } : null;
  if (!campaign && coupon) {
    campaign = await db.campaign.findFirst({ where: { shopDomain: shop, poolId: coupon.poolId }, select: { id: true, name: true }, orderBy: { id: "asc" } });
  }
  return { codeKey, display: coupon?.code ?? sharedCampaign?.sharedCode ?? codeKey, campaign };
}

export async function codeAnalytics(db: Database, scope: AnalyticsScope, code: Awaited<ReturnType<typeof requireShopCode>>): Promise<CodeAnalytics> {
  const [figures, series, aov] = await Promise.all([
    figuresFor(db, scope.shop, "code", code.codeKey, scope.range),
    dailySeries(db, scope.shop, "code", code.codeKey, scope.range),
    aovLift(db, scope.shop, "code", code.codeKey, scope.range),
  ]);
  return { code: code.display, figures, series, aov, campaign: code.campaign };
}

// ---------------------------------------------------------------------------------------------
// The campaign page's headline (app/routes/app.campaigns.$id.tsx shows CampaignHeadline)

export interface CampaignHeadlineData {
  campaignId: number;
  range: DateRange;
  currency: string;
  influencedRevenue: string;
  redemptions: number;
  influenced: number;
  leaked: number;
  applied: number;
}

/** The last 30 days of one of the shop's campaigns (null when the shop has no such campaign). */
export async function campaignHeadline(db: Database, shop: string, campaignId: number, now: Date = new Date()): Promise<CampaignHeadlineData | null> {
  const campaign = await findCampaign(db, shop, campaignId);
  if (!campaign) return null;
  const scope = await scopeForShop(db, shop, new URLSearchParams(), now);
  const figures = await figuresFor(db, shop, "campaign", String(campaign.id), scope.range);
  return {
    campaignId: campaign.id,
    range: scope.range,
    currency: scope.currency,
    influencedRevenue: figures.influencedRevenue,
    redemptions: figures.redemptions,
    influenced: figures.influenced,
    leaked: figures.leaked,
    applied: figures.applied,
  };
}

// ---------------------------------------------------------------------------------------------
// Exports

/** The store's AOV without any code in the period: what every row's AOV lift compares against. */
export async function aovWithoutCode(db: Database, scope: AnalyticsScope): Promise<string | null> {
  return (await aovLift(db, scope.shop, "code", null, scope.range)).withoutCode;
}

/** Figures per day: of one campaign, one code, or every code of the store. */
export function dailyOf(db: Database, scope: AnalyticsScope, of: { campaignId: number } | { codeKey: string } | null): Promise<DayFigures[]> {
  if (of && "campaignId" in of) return dailySeries(db, scope.shop, "campaign", String(of.campaignId), scope.range);
  if (of) return dailySeries(db, scope.shop, "code", of.codeKey, scope.range);
  return dailySeries(db, scope.shop, "code", null, scope.range);
}

/**
 * Product and collection titles from the shop's catalogue (Admin API), for pages that name what
 * campaigns cover. When Shopify doesn't answer, `failed` says so and the names are left out.
 */
export function catalogueNamesFor(context: { admin: AdminClient }) {
  const state = { failed: false };
  const names = async (ids: readonly string[]) => {
    try {
      return await catalogueTitles(throttledAdmin(context.admin, { clock: systemClock }).call, ids);
    } catch (error) {
      if (!shopifyDidNotAnswer(error)) throw error;
      state.failed = true;
      return new Map<string, string>();
    }
  };
  return { names, state };
}
