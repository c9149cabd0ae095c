// Incremental profit against a holdout: what the recipients who got a code bought, minus what the
// randomly held-out recipients bought anyway, per recipient, with a 95% interval.
//
// Definitions (the merchant reads them in the card's footnote):
// - Treated: the recipients of the campaign's pool whose code came from an automation (API, flow,
//   post-purchase: anything but "manual") between the campaign's start and its end (or now), not
//   revoked. Hand-picked recipients never went through the holdout's coin toss, so they would
//   make the comparison unfair. A recipient held out stays in the held-out group even if someone
//   later gives them a code by hand (the comparison is by what was decided, not what happened).
// - Held out: the campaign's HoldoutAssignment recipients.
// - Each recipient counts once, from their first assignment (or holdout) in the campaign.
// - Their window: windowDays from that moment. Every recipient assigned by now counts, the
//   windows of recent ones cut at now: the coin decided who is held out, not when, so recent
//   recipients shorten both groups' windows alike and the difference stays fair — and a
//   merchant sees a first reading days earlier instead of waiting for every window to close.
// - Converted: at least one order by the recipient's email within the window. Revenue: the sum of
//   those orders' totals (what the customer paid, after every discount). Profit: revenue minus
//   the cost of goods; unknown (null) when any of those orders has a line without a cost.
// - Incremental orders, revenue and profit: the per-recipient difference (treated − held out)
//   times the number of treated recipients, with Welch's 95% interval (difference of proportions
//   with the unpooled standard error for conversions). The verdict reads the profit interval, or
//   the revenue interval while profit is unknown.
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { isPostgresDatabase } from "~/database-dialect";
import { toSqlTime } from "~/domain/pools/sql-time";
import type { Estimate, HoldoutComparison, Verdict } from "./types";
import { centsToMoney, directionOf, proportionInterval, scaleInterval, toFixed2, welchInterval, type Interval } from "./stats";
import { formatMoney } from "~/lib/format";

/** Below this many recipients in either group there is no spread to measure: never a verdict. */
export const MIN_GROUP_SIZE = 2;

export interface RecipientOutcome {
  email: string;
  converted: boolean;
  orders: number;
  /** Whole cents. */
  revenueCents: number;
  /** Whole cents; null when an order in the window lacks a cost. */
  profitCents: number | null;
}

interface CampaignForStats {
  id: number;
  name: string;
  poolId: number | null;
  startsAt: Date;
  endsAt: Date | null;
  holdoutPercent: number;
  holdoutWindowDays: number;
}

/**
 * The campaign's treated recipients against its held-out ones; null when the campaign is not the
 * shop's (callers answer 404) or has no holdout (no share set and nobody ever held out).
 */
export async function holdoutComparison(db: Database, shopDomain: string, campaignId: number, now: Date = new Date()): Promise<HoldoutComparison | null> {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, shopDomain } });
  if (!campaign) return null;
  const windowDays = campaign.holdoutWindowDays;
  const heldOut = await outcomesOf(db, shopDomain, heldOutRecipients(shopDomain, [campaign.id], now), windowDays, now);
  if (campaign.holdoutPercent <= 0 && heldOut.length === 0) return null;
  return compareGroups({
    campaignId: campaign.id,
    windowDays,
    treated: await outcomesOf(db, shopDomain, treatedRecipients(shopDomain, campaign, [campaign.id], now), windowDays, now),
    baseline: heldOut,
    currency: await shopCurrency(db, shopDomain),
    baselineLabel: "a held-out recipient",
  });
}

/**
 * A group of recipients as SQL: one row per email with "start", the moment they entered the
 * group. Groups stay in the database so that tens of thousands of recipients cost one query.
 */
export type Recipients = Prisma.Sql;

/** HoldoutAssignment recipients of these campaigns, assigned by `now`, each from their first holdout. */
export function heldOutRecipients(shopDomain: string, campaignIds: number[], now: Date): Recipients {
  return Prisma.sql`SELECT "email", MIN("assignedAt") AS "start" FROM "HoldoutAssignment"
    WHERE "shopDomain" = ${shopDomain} AND "campaignId" IN (${Prisma.join(campaignIds)}) AND "assignedAt" <= ${toSqlTime(now)}
    GROUP BY "email"`;
}

/**
 * The campaign's automated, unrevoked assignments between its start and its end (or now), each
 * recipient from their first one, minus anyone held out by `heldOutBy` (the campaign, or every
 * variant of its experiment).
 */
export function treatedRecipients(shopDomain: string, campaign: CampaignForStats, heldOutBy: number[], now: Date): Recipients {
  if (campaign.poolId === null) return Prisma.sql`SELECT "email", "assignedAt" AS "start" FROM "CouponAssignment" WHERE 1 = 0`;
  const until = campaign.endsAt && campaign.endsAt < now ? campaign.endsAt : now;
  return Prisma.sql`SELECT "email", MIN("assignedAt") AS "start" FROM "CouponAssignment"
    WHERE "shopDomain" = ${shopDomain} AND "poolId" = ${campaign.poolId}
      AND "assignedAt" >= ${toSqlTime(campaign.startsAt)} AND "assignedAt" <= ${toSqlTime(until)}
      AND "revokedAt" IS NULL AND "source" <> 'manual'
      AND "email" NOT IN (SELECT "email" FROM "HoldoutAssignment" WHERE "shopDomain" = ${shopDomain} AND "campaignId" IN (${Prisma.join(heldOutBy)}) AND "assignedAt" <= ${toSqlTime(now)})
    GROUP BY "email"`;
}

interface OutcomeRow {
  email: string;
  orders: number | bigint;
  revenue: number | bigint;
  cogs: number | bigint;
  missing: number | bigint;
}

/**
 * Each recipient's orders within windowDays of entering the group (cut at now), summed in one
 * query: the (shop, email, processedAt) index finds a recipient's orders from their start on.
 * Timestamps are stored fixed-width UTC text, so text order is time order; julianday reads them
 * for the window's end.
 */
export async function outcomesOf(db: Database, shopDomain: string, recipients: Recipients, windowDays: number, now: Date): Promise<RecipientOutcome[]> {
  const rows = await db.$queryRaw<OutcomeRow[]>`
    WITH "recipient" AS (${recipients})
    SELECT r."email" AS "email", COUNT(o."id") AS "orders",
      COALESCE(SUM(CAST(ROUND(o."total" * 100) AS INTEGER)), 0) AS "revenue",
      COALESCE(SUM(CAST(ROUND(o."cogs" * 100) AS INTEGER)), 0) AS "cogs",
      COALESCE(MAX(o."linesWithoutCost"), 0) AS "missing"
    FROM "recipient" r
    LEFT JOIN "ShopOrder" o ON o."shopDomain" = ${shopDomain} AND o."email" = r."email"
      AND o."processedAt" >= r."start" AND o."processedAt" <= ${toSqlTime(now)}
      AND ${isPostgresDatabase(db) ? Prisma.sql`o."processedAt" < r."start" + ${windowDays} * INTERVAL '1 day'` : Prisma.sql`julianday(o."processedAt") < julianday(r."start") + ${windowDays}`}
    GROUP BY r."email"
    ORDER BY r."email"`;
  return rows.map((row) => {
    const orders = Number(row.orders);
    const revenueCents = Number(row.revenue);
    return {
      email: row.email,
      converted: orders > 0,
      orders,
      revenueCents,
      profitCents: Number(row.missing) > 0 ? null : revenueCents - Number(row.cogs),
    };
  });
}

export async function shopCurrency(db: Database, shopDomain: string): Promise<string | null> {
  return (await db.shop.findUnique({ where: { domain: shopDomain }, select: { currencyCode: true } }))?.currencyCode ?? null;
}

export interface GroupsToCompare {
  campaignId: number;
  windowDays: number;
  treated: RecipientOutcome[];
  /** The held-out group, or for variants without a holdout the first variant's recipients. */
  baseline: RecipientOutcome[];
  currency: string | null;
  /** Who the treated are compared with, in words: "a held-out recipient", "a recipient of “10% off”". */
  baselineLabel: string;
}

/** The comparison itself, pure: figures, intervals, verdict and the sentence that explains them. */
export function compareGroups({ campaignId, windowDays, treated, baseline, currency, baselineLabel }: GroupsToCompare): HoldoutComparison {
  const n = treated.length;
  const conversion = proportionInterval(countConverted(treated), n, countConverted(baseline), baseline.length);
  const revenue = welchInterval(
    treated.map((r) => r.revenueCents),
    baseline.map((r) => r.revenueCents),
  );
  const profitKnown = [...treated, ...baseline].every((r) => r.profitCents !== null);
  const profit = profitKnown
    ? welchInterval(
        treated.map((r) => r.profitCents!),
        baseline.map((r) => r.profitCents!),
      )
    : null;
  const enough = n >= MIN_GROUP_SIZE && baseline.length >= MIN_GROUP_SIZE;
  const judged = profit ?? revenue;
  const verdict: Verdict = enough ? directionOf(judged) : "not yet significant";

  return {
    campaignId,
    windowDays,
    treated: summary(treated),
    heldOut: summary(baseline),
    incrementalOrders: estimate(scaleInterval(conversion, n), toFixed2),
    incrementalRevenue: estimate(scaleInterval(revenue, n), centsToMoney),
    incrementalProfit: profit ? estimate(scaleInterval(profit, n), centsToMoney) : null,
    verdict,
    explanation: explain({ verdict, enough, judged, profitKnown, n, baselineSize: baseline.length, currency, baselineLabel, windowDays }),
  };
}

const countConverted = (group: RecipientOutcome[]) => group.filter((r) => r.converted).length;

function summary(group: RecipientOutcome[]) {
  const profitKnown = group.every((r) => r.profitCents !== null);
  return {
    recipients: group.length,
    converted: countConverted(group),
    revenue: centsToMoney(group.reduce((sum, r) => sum + r.revenueCents, 0)),
    profit: profitKnown ? centsToMoney(group.reduce((sum, r) => sum + r.profitCents!, 0)) : null,
  };
}

const estimate = (interval: Interval, format: (value: number) => string): Estimate => ({
  value: format(interval.difference),
  low: format(interval.low),
  high: format(interval.high),
});

/** A money amount in the shop's currency, e.g. "$1.20", "-$0.30"; plain decimals without a currency. */
export function formatAmount(cents: number, currency: string | null): string {
  return formatMoney(centsToMoney(cents), currency);
}

function explain(facts: {
  verdict: Verdict;
  enough: boolean;
  judged: Interval;
  profitKnown: boolean;
  n: number;
  baselineSize: number;
  currency: string | null;
  baselineLabel: string;
  windowDays: number;
}): string {
  const { verdict, judged, currency, baselineLabel, windowDays } = facts;
  const metric = facts.profitKnown ? "profit" : "revenue";
  const money = (cents: number) => formatAmount(cents, currency);
  const perRecipient = judged.difference >= 0 ? `${money(judged.difference)} more` : `${money(-judged.difference)} less`;
  const range = `95%: ${money(judged.low)} to ${money(judged.high)}`;
  const costs = facts.profitKnown ? "" : " Profit can't be compared until every product sold in the window has a cost in Shopify, so this reads revenue.";

  if (!facts.enough) {
    return `Too few recipients to compare yet (${facts.n} treated, ${facts.baselineSize} compared with): each group needs at least ${MIN_GROUP_SIZE}.${costs}`;
  }
  const sentence = `Each treated recipient brought ${perRecipient} ${metric} than ${baselineLabel} within ${windowDays} days (${range})`;
  const total = money(Math.abs(judged.difference) * facts.n);
  if (verdict === "positive") return `${sentence}: about ${total} more ${metric} across ${facts.n} treated recipients.${costs}`;
  if (verdict === "negative") {
    return `${sentence}: the discount cost more than the sales it added, about ${total} less ${metric} across ${facts.n} treated recipients.${costs}`;
  }
  return `No clear difference yet. ${sentence}, and the interval includes zero: keep the campaign running to reach more recipients.${costs}`;
}
