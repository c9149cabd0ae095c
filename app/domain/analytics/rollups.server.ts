// Analytics rollups: figures per (dimension, key, shop-local day) in AnalyticsRollup, kept by
// jobs so that no page ever scans raw redemptions. Recording an order queues one job per day it
// touches (dedupe-keyed: a burst of orders on one day costs one recompute); the job recomputes
// every cell of that day from its raw rows, so repeats, order edits and late webhooks all end in
// the same figures as a rebuild from scratch. Definitions of every column: README.md.
import { isPostgresDatabase, sqlFloat } from "~/database-dialect";
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { dayBounds, localDayOf, nextDay } from "~/domain/campaigns/local-days";
import { shopTimeZone } from "~/domain/shops.server";
import { enqueueJob } from "~/jobs/queue.server";

export const ROLLUP_DAY_JOB = "analytics.rollup-day";
export const ROLLUP_REBUILD_JOB = "analytics.rollup-rebuild";

/** Dimensions stored in AnalyticsRollup: the screens' four, the whole shop, and orders without a code. */
export type RollupDimension = "shop" | "campaign" | "code" | "pool" | "channel" | "nocode";
const DIMENSIONS: readonly RollupDimension[] = ["shop", "campaign", "code", "pool", "channel", "nocode"];

/** The key of the shop and nocode cells (one per day). */
export const WHOLE_SHOP_KEY = "*";

/** Queues the recompute of each day (once per shop and day while queued). */
export async function enqueueRollupDays(db: Database, shopDomain: string, days: readonly string[], now = new Date()): Promise<void> {
  for (const day of new Set(days)) {
    const key = `${ROLLUP_DAY_JOB}:${shopDomain}:${day}`;
    await enqueueJob(db, { shopDomain, type: ROLLUP_DAY_JOB, payload: { day }, dedupeKey: key, concurrencyKey: key }, now);
  }
}

/** Queues a rebuild of every cell of the shop (after a time zone change, or on demand). */
export async function enqueueRollupRebuild(db: Database, shopDomain: string, now = new Date()): Promise<void> {
  const key = `${ROLLUP_REBUILD_JOB}:${shopDomain}`;
  await enqueueJob(db, { shopDomain, type: ROLLUP_REBUILD_JOB, dedupeKey: key, concurrencyKey: key }, now);
}

const COLUMNS = Prisma.raw(
  `("shopDomain", "dimension", "key", "day", "campaignId", "orders", "redemptions", "influenced", "leaked", "applied", "grossRevenue", "lineDiscount", "orderDiscount", "shippingDiscount", "netRevenue", "cogs", "linesWithoutCost", "influencedRevenue", "newCustomers", "returningCustomers")`,
);

const count = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
// Sums of two-decimal amounts in 8-byte floats: rounded to 6 places, they never drift into a cent
// (PostgreSQL rounds to a number of places only in NUMERIC).
const moneySum = (expression: string, postgres: boolean) =>
  postgres ? `ROUND(CAST(COALESCE(SUM(${expression}), 0) AS NUMERIC), 6)` : `ROUND(COALESCE(SUM(${expression}), 0), 6)`;

/**
 * The code orders' cells of one day, every dimension at once. Each redemption is keyed into the
 * dimensions it belongs to; per (dimension, key, order) the order-level figures (subtotal, cost of
 * goods, customer) count once however many of the key's codes the order used, the discounts add up.
 */
function codeCellsInsert(db: Database, shopDomain: string, day: string, start: Date, end: Date) {
  const postgres = isPostgresDatabase(db);
  const real = Prisma.raw(sqlFloat(db));
  const money = (expression: string) => Prisma.raw(moneySum(expression, postgres));
  return Prisma.sql`
    INSERT INTO "AnalyticsRollup" ${COLUMNS}
    WITH base AS (
      SELECT r."orderId" AS orderId, r."codeKey" AS codeKey, r."campaignId" AS campaignId, cp."poolId" AS poolId, c."channel" AS channel,
        r."influence" AS influence, CAST(r."codeDiscount" AS ${real}) AS codeDiscount, CAST(r."shippingDiscount" AS ${real}) AS shippingDiscount,
        CAST(r."orderDiscount" AS ${real}) AS orderDiscount, CAST(r."subtotal" AS ${real}) AS subtotal, CAST(r."cogs" AS ${real}) AS cogs,
        r."linesWithoutCost" AS linesWithoutCost, CAST(r."newCustomer" AS INTEGER) AS newCustomer
      FROM "Redemption" r
      LEFT JOIN "Coupon" cp ON cp."id" = r."couponId"
      LEFT JOIN "Campaign" c ON c."id" = r."campaignId" AND c."shopDomain" = r."shopDomain"
      WHERE r."shopDomain" = ${shopDomain} AND r."processedAt" >= ${start} AND r."processedAt" < ${end}
    ),
    keyed AS (
      SELECT 'shop' AS dimension, ${WHOLE_SHOP_KEY} AS k, NULL AS cid, base.* FROM base
      UNION ALL SELECT 'campaign', CAST(campaignId AS TEXT), campaignId, base.* FROM base WHERE campaignId IS NOT NULL
      UNION ALL SELECT 'code', codeKey, campaignId, base.* FROM base
      UNION ALL SELECT 'pool', CAST(poolId AS TEXT), campaignId, base.* FROM base WHERE poolId IS NOT NULL
      UNION ALL SELECT 'channel', channel, NULL, base.* FROM base WHERE channel IS NOT NULL
    ),
    per_order AS (
      SELECT dimension, k, MAX(cid) AS cid, orderId, COUNT(*) AS redemptions,
        ${Prisma.raw(count("influence = 'influenced'"))} AS influenced,
        ${Prisma.raw(count("influence = 'leaked'"))} AS leaked,
        ${Prisma.raw(count("influence = 'applied'"))} AS applied,
        SUM(codeDiscount - shippingDiscount - orderDiscount) AS lineDiscount, SUM(orderDiscount) AS orderDiscount, SUM(shippingDiscount) AS shippingDiscount,
        MAX(subtotal) AS subtotal, MAX(cogs) AS cogs, MAX(linesWithoutCost) AS linesWithoutCost, MAX(newCustomer) AS newCustomer,
        MAX(CASE WHEN influence = 'influenced' THEN 1 ELSE 0 END) AS anyInfluenced
      FROM keyed GROUP BY dimension, k, orderId
    )
    SELECT ${shopDomain}, dimension, k, ${day}, MAX(cid), COUNT(*), SUM(redemptions), SUM(influenced), SUM(leaked), SUM(applied),
      ${money("subtotal + lineDiscount + orderDiscount + shippingDiscount")},
      ${money("lineDiscount")}, ${money("orderDiscount")}, ${money("shippingDiscount")},
      ${money("subtotal")}, ${money("cogs")}, COALESCE(SUM(linesWithoutCost), 0),
      ${money("anyInfluenced * subtotal")},
      ${Prisma.raw(count("newCustomer = 1"))}, ${Prisma.raw(count("newCustomer = 0"))}
    FROM per_order GROUP BY dimension, k`;
}

/** The day's orders without any code: the baseline of AOV lift. */
function noCodeCellInsert(db: Database, shopDomain: string, day: string, start: Date, end: Date) {
  const postgres = isPostgresDatabase(db);
  const money = (expression: string) => Prisma.raw(moneySum(expression, postgres));
  const subtotal = `CAST("subtotal" AS ${sqlFloat(db)})`;
  return Prisma.sql`
    INSERT INTO "AnalyticsRollup" ${COLUMNS}
    SELECT ${shopDomain}, 'nocode', ${WHOLE_SHOP_KEY}, ${day}, NULL, COUNT(*), 0, 0, 0, 0,
      ${money(subtotal)}, 0, 0, 0, ${money(subtotal)},
      ${money(`CAST("cogs" AS ${sqlFloat(db)})`)}, COALESCE(SUM("linesWithoutCost"), 0), 0, 0, 0
    FROM "ShopOrder"
    WHERE "shopDomain" = ${shopDomain} AND NOT "hasCode" AND "processedAt" >= ${start} AND "processedAt" < ${end}
    HAVING COUNT(*) > 0`;
}

/**
 * Recomputes every cell of one shop-local day from the raw rows, in one transaction: idempotent,
 * and always equal to what a rebuild from scratch gives for that day.
 */
export async function recomputeRollupDay(db: Database, shopDomain: string, day: string, timeZone?: string): Promise<void> {
  await db.$transaction(dayStatements(db, shopDomain, day, timeZone ?? (await shopTimeZone(db, shopDomain))));
}

function dayStatements(db: Database, shopDomain: string, day: string, timeZone: string) {
  const { start, end } = dayBounds(day, timeZone);
  return [
    // Every dimension named, so the (shop, dimension, day) index finds the day's cells.
    db.$executeRaw`DELETE FROM "AnalyticsRollup" WHERE "shopDomain" = ${shopDomain} AND "dimension" IN (${Prisma.join(DIMENSIONS)}) AND "day" = ${day}`,
    db.$executeRaw(codeCellsInsert(db, shopDomain, day, start, end)),
    db.$executeRaw(noCodeCellInsert(db, shopDomain, day, start, end)),
  ];
}

// A rebuild commits a month of days at a time: one write transaction per day would spend most of
// its time committing, one for a whole year would hold the write lock too long.
const REBUILD_DAYS_PER_TRANSACTION = 31;

/** Every day between the shop's first and last order, as shop-local days. */
async function daysWithOrders(db: Database, shopDomain: string, timeZone: string): Promise<string[]> {
  const [redemptions, orders] = await Promise.all([
    db.redemption.aggregate({ where: { shopDomain }, _min: { processedAt: true }, _max: { processedAt: true } }),
    db.shopOrder.aggregate({ where: { shopDomain }, _min: { processedAt: true }, _max: { processedAt: true } }),
  ]);
  const instants = [redemptions._min.processedAt, redemptions._max.processedAt, orders._min.processedAt, orders._max.processedAt].filter(
    (value): value is Date => value !== null,
  );
  if (instants.length === 0) return [];
  const first = localDayOf(new Date(Math.min(...instants.map(Number))), timeZone);
  const last = localDayOf(new Date(Math.max(...instants.map(Number))), timeZone);
  const days: string[] = [];
  for (let day = first; day <= last; day = nextDay(day)) days.push(day);
  return days;
}

/**
 * Rebuilds the shop's rollups from scratch: every cell is deleted, then each day recomputed.
 * `heartbeat` is called between days (a job renews its lease).
 */
export async function rebuildShopRollups(db: Database, shopDomain: string, heartbeat: () => Promise<void> = async () => {}): Promise<{ days: number }> {
  const timeZone = await shopTimeZone(db, shopDomain);
  await db.$executeRaw`DELETE FROM "AnalyticsRollup" WHERE "shopDomain" = ${shopDomain}`;
  const days = await daysWithOrders(db, shopDomain, timeZone);
  for (let first = 0; first < days.length; first += REBUILD_DAYS_PER_TRANSACTION) {
    await db.$transaction(days.slice(first, first + REBUILD_DAYS_PER_TRANSACTION).flatMap((day) => dayStatements(db, shopDomain, day, timeZone)));
    await heartbeat();
  }
  return { days: days.length };
}
