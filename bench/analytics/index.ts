// npx tsx bench/analytics/index.ts (npm run bench:analytics): the analytics core at scale.
// 1,000,000 redemptions across 200 campaigns (100 pool campaigns with unique codes, 100 shared
// codes) over a year, plus 500,000 orders without a code, written with SQL into a scratch SQLite
// database; then:
//   1. the time to build every rollup from scratch (rebuildShopRollups);
//   2. the incremental cost of one new order: recording it (recordOrder, the webhook job's path)
//      and recomputing its day's cells (the rollup job), mean and p95 over 1,000 orders;
//   3. p50/p95 of the dashboard's and a campaign page's data (the screens' own loader functions
//      when present, and the read API calls they make), target < 200 ms.
// Prints figures; asserts only that the rollups agree with the raw rows.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
// Types only: the module itself is imported once DATABASE_URL points at the scratch database.
import type * as Screens from "~/features/analytics/analytics-data.server";

type ScreensModule = typeof Screens;

const SHOP = "bench-shop.myshopify.com";
const TIME_ZONE = "America/New_York";
const CAMPAIGNS = 200;
const REDEMPTIONS = Number(process.env.BENCH_REDEMPTIONS ?? 1_000_000);
const NO_CODE_ORDERS = Math.round(REDEMPTIONS / 2);
const DAYS = 365;
const NEW_ORDERS = Number(process.env.BENCH_NEW_ORDERS ?? 1_000);
// BENCH_REUSE=1: keep the database a previous run wrote and rolled up (steps 2 and 3 only).
const REUSE = process.env.BENCH_REUSE === "1";
const LOADER_RUNS = 100;
const NOW = new Date("2026-11-21T17:00:00Z");
const CHANNELS = ["email", "social", "affiliate", "abandoned_cart", "post_purchase", "influencer", "other"];

const directory = path.resolve(".cache", "bench-analytics");
mkdirSync(directory, { recursive: true });
const file = path.join(directory, "analytics.sqlite");
if (!REUSE) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:${file}`;
// The screens' data module imports the Shopify app config, which wants these; nothing is called.
process.env.SHOPIFY_API_KEY ??= "bench-api-key";
process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://bench.invalid";
if (!REUSE) execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });

// A fixed-seed generator, so every run writes the same data.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const cents = (value: number) => Math.round(value * 100) / 100;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
};

function writeDataset() {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const now = iso(NOW.getTime());
  sqlite.prepare(`INSERT INTO "Shop" ("domain", "ianaTimezone", "currencyCode", "updatedAt") VALUES (?, ?, 'USD', ?)`).run(SHOP, TIME_ZONE, now);
  const pool = sqlite.prepare(`INSERT INTO "CouponPool" ("shopDomain", "name", "nameKey", "updatedAt") VALUES (?, ?, ?, ?)`);
  const campaign = sqlite.prepare(
    `INSERT INTO "Campaign" ("shopDomain", "name", "ownerName", "ownerEmail", "purpose", "channel", "config", "codeSource", "sharedCode", "poolId", "startsAt", "status", "utmCampaign", "updatedAt")
     VALUES (?, ?, 'Bench Owner', 'owner@example.com', 'Benchmark', ?, '{}', ?, ?, ?, ?, 'live', ?, ?)`,
  );
  const coupon = sqlite.prepare(`INSERT INTO "Coupon" ("shopDomain", "poolId", "code", "codeKey", "assignedAt", "redeemedAt") VALUES (?, ?, ?, ?, ?, ?)`);
  const redemption = sqlite.prepare(
    `INSERT INTO "Redemption" ("shopDomain", "orderId", "orderName", "orderUpdatedAt", "processedAt", "code", "codeKey", "campaignId", "couponId", "customerId", "email",
       "newCustomer", "currency", "presentmentCurrency", "subtotal", "total", "totalDiscount", "codeDiscount", "shippingDiscount", "presentmentTotal", "landingSite",
       "utmCampaign", "recordedFrom", "leaked", "assignedEmail", "updatedAt", "orderDiscount", "cogs", "linesWithoutCost", "influence", "clientIp")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', 'USD', ?, ?, ?, ?, ?, ?, ?, ?, 'webhook', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const order = sqlite.prepare(
    `INSERT INTO "ShopOrder" ("shopDomain", "orderId", "orderUpdatedAt", "processedAt", "email", "customerId", "subtotal", "total", "totalDiscount", "cogs", "linesWithoutCost", "hasCode", "landingSite", "utmCampaign")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = NOW.getTime() - DAYS * 86_400_000;
  const campaigns: { id: number; poolId: number | null; code: string | null }[] = [];
  sqlite.transaction(() => {
    for (let index = 0; index < CAMPAIGNS; index++) {
      const usesPool = index % 2 === 0;
      const poolId = usesPool ? Number(pool.run(SHOP, `Pool ${index}`, `pool ${index}`, now).lastInsertRowid) : null;
      const code = usesPool ? null : `SHARED${index}`;
      const id = Number(
        campaign.run(
          SHOP,
          `Campaign ${index}`,
          CHANNELS[index % CHANNELS.length],
          usesPool ? "pool" : "shared",
          code,
          poolId,
          iso(start),
          usesPool ? null : `tag${index}`,
          now,
        ).lastInsertRowid,
      );
      campaigns.push({ id, poolId, code });
    }
  })();
  const perCampaign = Math.ceil(REDEMPTIONS / CAMPAIGNS);
  let orderNumber = 0;
  const batch = 50_000;
  for (let first = 0; first < REDEMPTIONS; first += batch) {
    sqlite.transaction(() => {
      for (let index = first; index < Math.min(REDEMPTIONS, first + batch); index++) {
        const owner = campaigns[Math.floor(index / perCampaign)];
        const at = start + Math.floor(random() * DAYS * 86_400_000);
        const orderId = `gid://shopify/Order/${++orderNumber}`;
        const subtotal = cents(20 + random() * 180);
        const discount = cents(subtotal * 0.1);
        const shipping = random() < 0.2 ? 5 : 0;
        const orderLevel = random() < 0.5 ? discount : 0;
        const cogs = cents(subtotal * 0.4);
        const withoutCost = random() < 0.05 ? 1 : 0;
        const email = `buyer${orderNumber % 200_000}@example.com`;
        const roll = random();
        let code: string;
        let couponId: number | null = null;
        let influence: string;
        let assignedEmail: string | null = null;
        if (owner.poolId !== null) {
          code = `P${owner.id}-${index}`;
          influence = roll < 0.8 ? "influenced" : roll < 0.9 ? "leaked" : "applied";
          assignedEmail = influence === "leaked" ? `other${index}@example.com` : email;
          couponId = Number(coupon.run(SHOP, owner.poolId, code, code, iso(at - 86_400_000), iso(at)).lastInsertRowid);
        } else {
          code = owner.code!;
          influence = roll < 0.3 ? "influenced" : "applied";
        }
        const landingSite = influence === "influenced" && owner.code ? `/?utm_campaign=tag${owner.id}` : null;
        const newCustomer = random() < 0.4 ? 1 : random() < 0.9 ? 0 : null;
        const total = cents(subtotal + 5 - shipping);
        // 1% of orders come from 500 shared addresses (the fraud signals' clusters); the rest from their own.
        const sharedIp = (index * 7_919) % 500;
        const clientIp = random() < 0.01 ? `203.0.${sharedIp >> 8}.${sharedIp & 255}` : `10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`;
        redemption.run(
          SHOP,
          orderId,
          `#${orderNumber}`,
          iso(at),
          iso(at),
          code,
          code,
          owner.id,
          couponId,
          `gid://shopify/Customer/${orderNumber % 200_000}`,
          email,
          newCustomer,
          subtotal,
          total,
          cents(discount + shipping),
          cents(discount + shipping),
          shipping,
          total,
          landingSite,
          landingSite ? `tag${owner.id}` : null,
          influence === "leaked" ? 1 : 0,
          assignedEmail,
          iso(at),
          orderLevel,
          cogs,
          withoutCost,
          influence,
          clientIp,
        );
        order.run(SHOP, orderId, iso(at), iso(at), email, null, subtotal, total, cents(discount + shipping), cogs, withoutCost, 1, landingSite, null);
      }
    })();
  }
  sqlite.transaction(() => {
    for (let index = 0; index < NO_CODE_ORDERS; index++) {
      const at = start + Math.floor(random() * DAYS * 86_400_000);
      const subtotal = cents(15 + random() * 150);
      order.run(
        SHOP,
        `gid://shopify/Order/${++orderNumber}`,
        iso(at),
        iso(at),
        `buyer${orderNumber % 200_000}@example.com`,
        null,
        subtotal,
        cents(subtotal + 5),
        0,
        cents(subtotal * 0.4),
        random() < 0.05 ? 1 : 0,
        0,
        null,
        null,
      );
    }
  })();
  sqlite.exec("ANALYZE");
  sqlite.close();
  return { campaigns, orderNumber };
}

/** The campaigns and the last order number of a database an earlier run wrote. */
function existingDataset() {
  const sqlite = new Database(file, { readonly: true });
  const campaigns = sqlite.prepare(`SELECT "id", "poolId", "sharedCode" AS "code" FROM "Campaign" WHERE "shopDomain" = ? ORDER BY "id"`).all(SHOP) as {
    id: number;
    poolId: number | null;
    code: string | null;
  }[];
  const { orders } = sqlite.prepare(`SELECT COUNT(*) AS "orders" FROM "ShopOrder" WHERE "shopDomain" = ?`).get(SHOP) as { orders: number };
  sqlite.close();
  return { campaigns, orderNumber: orders + 10_000 };
}

async function main() {
  console.info(
    `Analytics benchmark: ${REDEMPTIONS.toLocaleString("en-US")} redemptions across ${CAMPAIGNS} campaigns, ${NO_CODE_ORDERS.toLocaleString("en-US")} orders without a code, ${DAYS} days (${TIME_ZONE})`,
  );
  let started = performance.now();
  const { campaigns, orderNumber } = REUSE ? existingDataset() : writeDataset();
  if (!REUSE) console.info(`  dataset written with SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The app's modules read DATABASE_URL when imported.
  const { default: prisma } = await import("~/db.server");
  const { rebuildShopRollups, recomputeRollupDay } = await import("~/domain/analytics/rollups.server");
  const { localDayOf } = await import("~/domain/campaigns/local-days");
  const metrics = await import("~/domain/analytics/metrics.server");
  const { recordOrder } = await import("~/domain/redemptions/record.server");

  if (!REUSE) {
    started = performance.now();
    const { days } = await rebuildShopRollups(prisma, SHOP);
    const rebuildMs = performance.now() - started;
    const cells = await prisma.analyticsRollup.count({ where: { shopDomain: SHOP } });
    console.info(
      `\n1. Rollups from scratch: ${(rebuildMs / 1000).toFixed(1)} s for ${days} days, ${cells.toLocaleString("en-US")} cells (${ms(rebuildMs / days)} per day)`,
    );
  }

  if (REUSE) {
    // An earlier run stopped mid-way may have left an order whose rollup job never ran: run it.
    for (let back = 0; back <= 8; back++) await recomputeRollupDay(prisma, SHOP, localDayOf(new Date(NOW.getTime() - back * 86_400_000), TIME_ZONE), TIME_ZONE);
  }
  // The rollups agree with the raw rows.
  const wholeRange = { from: localDayOf(new Date(NOW.getTime() - (DAYS + 1) * 86_400_000), TIME_ZONE), to: localDayOf(NOW, TIME_ZONE) };
  const figures = await metrics.shopFigures(prisma, SHOP, wholeRange);
  const raw = await prisma.redemption.aggregate({ where: { shopDomain: SHOP }, _count: { _all: true }, _sum: { subtotal: true } });
  if (figures.redemptions !== raw._count._all || Math.abs(Number(figures.netRevenue) - Number(raw._sum.subtotal)) > 0.01) {
    throw new Error(`Rollups disagree with the raw rows: ${figures.redemptions} vs ${raw._count._all}, ${figures.netRevenue} vs ${raw._sum.subtotal}`);
  }
  console.info(`   checked: ${figures.redemptions.toLocaleString("en-US")} redemptions, net revenue ${figures.netRevenue} = the raw rows' sum`);

  // 2. New orders, as the webhook job records them, each followed by its day's rollup job.
  const recordTimes: number[] = [];
  const rollupTimes: number[] = [];
  const pool = campaigns.find((campaign) => campaign.poolId !== null)!;
  const coupons = await prisma.coupon.findMany({ where: { poolId: pool.poolId! }, take: NEW_ORDERS / 2, select: { code: true } });
  for (let index = 0; index < NEW_ORDERS; index++) {
    const at = new Date(NOW.getTime() - Math.floor(random() * 7 * 86_400_000));
    const code = index % 2 === 0 ? coupons[(index / 2) % coupons.length].code : campaigns[1 + 2 * (index % 100)].code!;
    const facts = {
      orderId: `gid://shopify/Order/${orderNumber + 1 + index}`,
      orderName: `#new${index}`,
      createdAt: at,
      updatedAt: at,
      processedAt: at,
      customerId: `gid://shopify/Customer/new${index}`,
      email: `new${index}@example.com`,
      currency: "USD",
      presentmentCurrency: "USD",
      subtotal: "90.00",
      total: "95.00",
      totalDiscount: "10.00",
      presentmentTotal: "95.00",
      landingSite: "/?utm_campaign=tag1",
      referringSite: null,
      sourceName: "web",
      clientIp: null,
      userAgent: null,
      applications: [{ index: 0, code, orderLevel: true }],
      lines: [
        {
          variantId: "gid://shopify/ProductVariant/1",
          sku: "A",
          title: "A",
          quantity: 2,
          price: "30.00",
          allocations: [{ applicationIndex: 0, amount: "6.00" }],
        },
        {
          variantId: "gid://shopify/ProductVariant/2",
          sku: "B",
          title: "B",
          quantity: 1,
          price: "40.00",
          allocations: [{ applicationIndex: 0, amount: "4.00" }],
        },
      ],
      shippingAllocations: [],
      shippingAddress: { address1: `${index} Main St`, address2: null, city: "Springfield", zip: "12345", provinceCode: "NY", countryCode: "US" },
    };
    const context = {
      newCustomer: index % 3 === 0,
      unitCosts: new Map([
        ["gid://shopify/ProductVariant/1", "12.00"],
        ["gid://shopify/ProductVariant/2", null],
      ]),
    };
    let t = performance.now();
    await recordOrder(prisma, SHOP, facts, context, "webhook");
    recordTimes.push(performance.now() - t);
    t = performance.now();
    await recomputeRollupDay(prisma, SHOP, localDayOf(at, TIME_ZONE), TIME_ZONE);
    rollupTimes.push(performance.now() - t);
  }
  await prisma.job.deleteMany();
  const recorded = stats(recordTimes);
  const rolled = stats(rollupTimes);
  const total = stats(recordTimes.map((value, index) => value + rollupTimes[index]));
  console.info(`\n2. Incremental cost per new order (${NEW_ORDERS} orders, ~${Math.round(REDEMPTIONS / DAYS).toLocaleString("en-US")} redemptions per day):`);
  console.info(`   record the order (ShopOrder + redemption + queue its day): mean ${ms(recorded.mean)}, p95 ${ms(recorded.p95)}`);
  console.info(`   recompute its day's cells (the rollup job):                mean ${ms(rolled.mean)}, p95 ${ms(rolled.p95)}`);
  console.info(`   both:                                                       mean ${ms(total.mean)}, p95 ${ms(total.p95)}`);
  console.info(`   (a burst of orders on one day shares one queued rollup job: the job is dedupe-keyed per shop and day)`);

  // 3. The screens' data: the default 30 days.
  const range = metrics.defaultRange(TIME_ZONE, NOW);
  const campaignKey = String(campaigns[0].id);
  const timed = async (label: string, run: () => Promise<unknown>) => {
    for (let index = 0; index < 5; index++) await run();
    const times: number[] = [];
    for (let index = 0; index < LOADER_RUNS; index++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    const result = stats(times);
    console.info(
      `   ${label.padEnd(58)} p50 ${ms(result.p50).padStart(9)}  p95 ${ms(result.p95).padStart(9)}  ${result.p95 < 200 ? "(< 200 ms)" : "(OVER 200 ms)"}`,
    );
  };
  console.info(`\n3. Page data over the default range ${range.from} … ${range.to} (${LOADER_RUNS} runs each):`);
  await timed("dashboard, read API (shopFigures, dailySeries, figuresBy, aovLift)", () =>
    Promise.all([
      metrics.shopFigures(prisma, SHOP, range),
      metrics.dailySeries(prisma, SHOP, "code", null, range),
      metrics.figuresBy(prisma, SHOP, "campaign", range),
      metrics.aovLift(prisma, SHOP, "code", null, range),
    ]),
  );
  await timed("campaign page, read API (figuresFor, dailySeries, aovLift, codes)", () =>
    Promise.all([
      metrics.figuresFor(prisma, SHOP, "campaign", campaignKey, range),
      metrics.dailySeries(prisma, SHOP, "campaign", campaignKey, range),
      metrics.aovLift(prisma, SHOP, "campaign", campaignKey, range),
      metrics.figuresBy(prisma, SHOP, "code", range, { campaignId: campaigns[0].id }),
    ]),
  );
  await timed("codes table, top 100 of 30 days (figuresBy code, limit 100)", () => metrics.figuresBy(prisma, SHOP, "code", range, { limit: 100 }));
  // The screens' loaders (their data functions, without the session check), when present.
  let screens: ScreensModule | null = null;
  try {
    screens = await import("~/features/analytics/analytics-data.server");
  } catch (error) {
    console.info(`   (the screens' data functions could not be loaded: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
  if (screens) {
    const loaders = screens;
    const scope = await loaders.scopeForShop(prisma, SHOP, new URLSearchParams(), NOW);
    const campaign = await loaders.requireShopCampaign(prisma, SHOP, campaignKey);
    await timed("dashboard loader (dashboardData)", () => loaders.dashboardData(prisma, scope, NOW));
    await timed("campaign page loader (campaignAnalytics)", () => loaders.campaignAnalytics(prisma, scope, campaign, NOW));
    await timed("analytics tables loader (tablesData: top 100 + count of 4 tables)", () => loaders.tablesData(prisma, scope));
  }
  // 4. The fraud check the jobs run after new orders: every first-order or single-use redemption
  // of the last 90 days clustered, the cases written; then again with nothing new.
  const { refreshFraudCases } = await import("~/domain/analytics/fraud/refresh.server");
  await prisma.fraudCase.deleteMany({ where: { shopDomain: SHOP } });
  console.info("\n4. Fraud check (refreshFraudCases over the last 90 days):");
  for (const label of ["first run, every case new", "again, nothing new"]) {
    started = performance.now();
    const result = await refreshFraudCases(prisma, SHOP, { now: NOW });
    console.info(
      `   ${label.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(2)} s  (${result.clusters.toLocaleString("en-US")} clusters, ${result.created.toLocaleString("en-US")} created, ${result.updated} updated)`,
    );
  }
  await prisma.$disconnect();
}

await main();
