// The analytics read API the screens use (types.ts). Every figure comes from AnalyticsRollup
// cells summed over a range of shop-local days: a page view reads at most a few thousand small
// rows, never the raw redemptions. Definitions: README.md.
import { sqlFloat } from "~/database-dialect";
import { Prisma } from "@prisma/client";
import type { Database } from "~/db.server";
import { CHANNELS } from "~/domain/campaigns/campaign-input";
import { localDayOf, nextDay } from "~/domain/campaigns/local-days";
import { WHOLE_SHOP_KEY, type RollupDimension } from "./rollups.server";
import type { AovLift, DateRange, DayFigures, Dimension, Figures, KeyFigures } from "./types";
import { codeKey } from "~/shopify/code-key";

/** Summed counters of some cells, in numbers (money as floats until formatted). */
interface Sums {
  orders: number;
  redemptions: number;
  influenced: number;
  leaked: number;
  applied: number;
  grossRevenue: number;
  lineDiscount: number;
  orderDiscount: number;
  shippingDiscount: number;
  netRevenue: number;
  cogs: number;
  linesWithoutCost: number;
  influencedRevenue: number;
  newCustomers: number;
  returningCustomers: number;
}

const sumColumns = (db: Database) =>
  Prisma.raw(
    [
      "orders",
      "redemptions",
      "influenced",
      "leaked",
      "applied",
      "grossRevenue",
      "lineDiscount",
      "orderDiscount",
      "shippingDiscount",
      "netRevenue",
      "cogs",
      "linesWithoutCost",
      "influencedRevenue",
      "newCustomers",
      "returningCustomers",
    ]
      .map((column) => `COALESCE(SUM(CAST("${column}" AS ${sqlFloat(db)})), 0) AS "${column}"`)
      .join(", "),
  );

type SumRow = { [K in keyof Sums]: number | bigint };

const numbers = (row: SumRow | undefined): Sums => {
  const sums = {} as Sums;
  for (const name of Object.keys(EMPTY) as (keyof Sums)[]) sums[name] = Number(row?.[name] ?? 0);
  return sums;
};

const EMPTY: Sums = {
  orders: 0,
  redemptions: 0,
  influenced: 0,
  leaked: 0,
  applied: 0,
  grossRevenue: 0,
  lineDiscount: 0,
  orderDiscount: 0,
  shippingDiscount: 0,
  netRevenue: 0,
  cogs: 0,
  linesWithoutCost: 0,
  influencedRevenue: 0,
  newCustomers: 0,
  returningCustomers: 0,
};

/** A money amount as the decimal string the screens show, to the cent. */
export const formatMoney = (amount: number): string => {
  const cents = Math.round(amount * 100 + (amount >= 0 ? 1e-7 : -1e-7));
  return (cents / 100).toFixed(2);
};

/** The figures of summed cells, with the derived ones (README.md has every formula). */
export function figuresOf(sums: Sums): Figures {
  const discountGiven = sums.lineDiscount + sums.orderDiscount + sums.shippingDiscount;
  return {
    orders: sums.orders,
    redemptions: sums.redemptions,
    influenced: sums.influenced,
    leaked: sums.leaked,
    applied: sums.applied,
    grossRevenue: formatMoney(sums.grossRevenue),
    lineDiscount: formatMoney(sums.lineDiscount),
    orderDiscount: formatMoney(sums.orderDiscount),
    shippingDiscount: formatMoney(sums.shippingDiscount),
    discountGiven: formatMoney(discountGiven),
    netRevenue: formatMoney(sums.netRevenue),
    cogs: formatMoney(sums.cogs),
    linesWithoutCost: sums.linesWithoutCost,
    grossProfit: sums.linesWithoutCost > 0 ? null : formatMoney(sums.netRevenue - sums.cogs),
    influencedRevenue: formatMoney(sums.influencedRevenue),
    aov: sums.orders > 0 ? formatMoney(sums.netRevenue / sums.orders) : null,
    newCustomers: sums.newCustomers,
    returningCustomers: sums.returningCustomers,
  };
}

export const emptyFigures = (): Figures => figuresOf(EMPTY);

/** Extra filters of figuresBy. */
export interface FiguresByOptions {
  /** Only the codes (or pools) of this campaign. */
  campaignId?: number;
  /**
   * At most this many keys, the most influenced revenue first (then net revenue): a shop's codes
   * over a month can be tens of thousands, more than a page should carry.
   */
  limit?: number;
}

async function sumsByKey(db: Database, shopDomain: string, dimension: RollupDimension, range: DateRange, options: FiguresByOptions = {}) {
  const campaign = options.campaignId === undefined ? Prisma.empty : Prisma.sql`AND "campaignId" = ${options.campaignId}`;
  const cells = Prisma.sql`"shopDomain" = ${shopDomain} AND "dimension" = ${dimension} AND "day" >= ${range.from} AND "day" <= ${range.to} ${campaign}`;
  let keys = Prisma.empty;
  if (options.limit !== undefined) {
    // Ranking sums two columns of every key; only the top keys get all fifteen.
    const top = await db.$queryRaw<{ key: string }[]>`
      SELECT "key" FROM "AnalyticsRollup" WHERE ${cells}
      GROUP BY "key" ORDER BY SUM(CAST("influencedRevenue" AS ${Prisma.raw(sqlFloat(db))})) DESC, SUM(CAST("netRevenue" AS ${Prisma.raw(sqlFloat(db))})) DESC, "key" LIMIT ${Math.max(0, Math.floor(options.limit))}`;
    if (top.length === 0) return [];
    keys = Prisma.sql`AND "key" IN (${Prisma.join(top.map((row) => row.key))})`;
  }
  const rows = await db.$queryRaw<(SumRow & { key: string })[]>`
    SELECT "key", ${sumColumns(db)} FROM "AnalyticsRollup" WHERE ${cells} ${keys}
    GROUP BY "key"`;
  const sums = rows.map((row) => ({ key: row.key, sums: numbers(row) }));
  return options.limit === undefined
    ? sums
    : sums.sort((a, b) => b.sums.influencedRevenue - a.sums.influencedRevenue || b.sums.netRevenue - a.sums.netRevenue || a.key.localeCompare(b.key));
}

async function sumsFor(db: Database, shopDomain: string, dimension: RollupDimension, key: string, range: DateRange): Promise<Sums> {
  const [row] = await db.$queryRaw<SumRow[]>`
    SELECT ${sumColumns(db)} FROM "AnalyticsRollup"
    WHERE "shopDomain" = ${shopDomain} AND "dimension" = ${dimension} AND "key" = ${key} AND "day" >= ${range.from} AND "day" <= ${range.to}`;
  return numbers(row);
}

const channelLabel = (channel: string) => CHANNELS.find((entry) => entry.value === channel)?.label ?? channel;

/** Campaign names, pool names, channel labels; a code is its own label. Only the shop's own rows. */
async function labelsFor(db: Database, shopDomain: string, dimension: Dimension, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter((id) => Number.isInteger(id));
  if (dimension === "campaign" && ids.length > 0) {
    const campaigns = await db.campaign.findMany({ where: { shopDomain, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(campaigns.map((campaign) => [String(campaign.id), campaign.name]));
  }
  if (dimension === "pool" && ids.length > 0) {
    const pools = await db.couponPool.findMany({ where: { shopDomain, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(pools.map((pool) => [String(pool.id), pool.name]));
  }
  if (dimension === "channel") return new Map(keys.map((key) => [key, channelLabel(key)]));
  return new Map(keys.map((key) => [key, key]));
}

/** A deleted campaign or pool keeps its figures under a plain label. */
const fallbackLabel = (dimension: Dimension, key: string) =>
  dimension === "campaign" ? `Deleted campaign #${key}` : dimension === "pool" ? `Deleted pool #${key}` : key;

/**
 * Every key of a dimension with activity in the range, most net revenue first (with `limit`: the
 * top keys by influenced revenue, in that order). Keys: campaign id, upper-cased code, pool id,
 * channel value.
 */
export async function figuresBy(
  db: Database,
  shopDomain: string,
  dimension: Dimension,
  range: DateRange,
  options: FiguresByOptions = {},
): Promise<KeyFigures[]> {
  const rows = await sumsByKey(db, shopDomain, dimension, range, options);
  const labels = await labelsFor(
    db,
    shopDomain,
    dimension,
    rows.map((row) => row.key),
  );
  const ordered = options.limit === undefined ? rows.sort((a, b) => b.sums.netRevenue - a.sums.netRevenue || a.key.localeCompare(b.key)) : rows;
  return ordered.map((row) => ({ key: row.key, label: labels.get(row.key) ?? fallbackLabel(dimension, row.key), figures: figuresOf(row.sums) }));
}

/** How many keys (codes, campaigns…) had activity over the range: what a limited figuresBy left out. */
export async function keysWithActivity(db: Database, shopDomain: string, dimension: Dimension, range: DateRange): Promise<number> {
  const [row] = await db.$queryRaw<{ keys: number | bigint }[]>`
    SELECT COUNT(DISTINCT "key") AS "keys" FROM "AnalyticsRollup"
    WHERE "shopDomain" = ${shopDomain} AND "dimension" = ${dimension} AND "day" >= ${range.from} AND "day" <= ${range.to}`;
  return Number(row?.keys ?? 0);
}

/** One key's figures over the range (zeros when it had no activity). */
export async function figuresFor(db: Database, shopDomain: string, dimension: Dimension, key: string, range: DateRange): Promise<Figures> {
  return figuresOf(await sumsFor(db, shopDomain, dimension, normaliseKey(dimension, key), range));
}

/** Every code order of the shop over the range. */
export async function shopFigures(db: Database, shopDomain: string, range: DateRange): Promise<Figures> {
  return figuresOf(await sumsFor(db, shopDomain, "shop", WHOLE_SHOP_KEY, range));
}

const normaliseKey = (dimension: Dimension, key: string) => (dimension === "code" ? codeKey(key.trim()) : key);

/** Day by day figures of a key (null: the whole shop), every day of the range, zeros included. */
export async function dailySeries(db: Database, shopDomain: string, dimension: Dimension, key: string | null, range: DateRange): Promise<DayFigures[]> {
  const [cellDimension, cellKey] = key === null ? (["shop", WHOLE_SHOP_KEY] as const) : ([dimension, normaliseKey(dimension, key)] as const);
  const rows = await db.$queryRaw<(SumRow & { day: string })[]>`
    SELECT "day", ${sumColumns(db)} FROM "AnalyticsRollup"
    WHERE "shopDomain" = ${shopDomain} AND "dimension" = ${cellDimension} AND "key" = ${cellKey} AND "day" >= ${range.from} AND "day" <= ${range.to}
    GROUP BY "day"`;
  const byDay = new Map(rows.map((row) => [row.day, numbers(row)]));
  const series: DayFigures[] = [];
  for (let day = range.from; day <= range.to; day = nextDay(day)) series.push({ day, figures: figuresOf(byDay.get(day) ?? EMPTY) });
  return series;
}

/**
 * Average order value with the key's codes (null: any code) against the store's orders without
 * any code in the same days; lift = (with − without) ÷ without.
 */
export async function aovLift(db: Database, shopDomain: string, dimension: Dimension, key: string | null, range: DateRange): Promise<AovLift> {
  const [withCode, withoutCode] = await Promise.all([
    key === null ? sumsFor(db, shopDomain, "shop", WHOLE_SHOP_KEY, range) : sumsFor(db, shopDomain, dimension, normaliseKey(dimension, key), range),
    sumsFor(db, shopDomain, "nocode", WHOLE_SHOP_KEY, range),
  ]);
  const average = (sums: Sums) => (sums.orders > 0 ? sums.netRevenue / sums.orders : null);
  const [withAov, withoutAov] = [average(withCode), average(withoutCode)];
  // The lift is computed from the rounded averages the page shows, so the three figures agree.
  const shown = (value: number | null) => (value === null ? null : formatMoney(value));
  const [withShown, withoutShown] = [shown(withAov), shown(withoutAov)];
  const lift =
    withShown !== null && withoutShown !== null && Number(withoutShown) > 0 ? (Number(withShown) - Number(withoutShown)) / Number(withoutShown) : null;
  return { withCode: withShown, withoutCode: withoutShown, lift };
}

/** The last `days` shop-local days up to and including today. */
export function defaultRange(shopTimeZone: string, now: Date = new Date(), days = 30): DateRange {
  const to = localDayOf(now, shopTimeZone || "UTC");
  return { from: nextDay(to, -(days - 1)), to };
}
