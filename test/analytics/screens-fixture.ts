// A small, hand-countable dataset for the analytics screens: two campaigns of the test shop (a
// shared email code and a pool of unique codes), three code orders, two orders without a code,
// and an order of another shop that must never show. Figures are written in the comments so
// each expectation can be checked by hand.
import prisma from "~/db.server";
import { rebuildShopRollups } from "~/domain/analytics/rollups.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";

/** The test shops are in America/New_York (installShop). */
export const RANGE = { from: "2026-11-01", to: "2026-11-21" };
export const RANGE_QUERY = `from=${RANGE.from}&to=${RANGE.to}`;

function campaignRow(
  shopDomain: string,
  name: string,
  fields: { channel: string; codeSource: string; sharedCode?: string; poolId?: number; holdoutPercent?: number },
) {
  return prisma.campaign.create({
    data: {
      shopDomain,
      name,
      ownerName: "Dana",
      ownerEmail: "dana@example.com",
      purpose: "Analytics test",
      config: "{}",
      startsAt: new Date("2026-11-01T00:00:00Z"),
      status: "live",
      utmCampaign: "autumn",
      ...fields,
    },
  });
}

interface RedemptionSeed {
  shopDomain?: string;
  orderId: string;
  code: string;
  campaignId: number | null;
  couponId?: number;
  processedAt: string;
  subtotal: string;
  codeDiscount: string;
  shippingDiscount?: string;
  influence: "influenced" | "leaked" | "applied";
  newCustomer: boolean | null;
  cogs: string;
  linesWithoutCost?: number;
  email?: string;
}

function redemption(seed: RedemptionSeed) {
  const processedAt = new Date(seed.processedAt);
  return prisma.redemption.create({
    data: {
      shopDomain: seed.shopDomain ?? TEST_SHOP,
      orderId: `gid://shopify/Order/${seed.orderId}`,
      orderName: `#${seed.orderId}`,
      orderUpdatedAt: processedAt,
      processedAt,
      code: seed.code,
      codeKey: seed.code.toUpperCase(),
      campaignId: seed.campaignId,
      couponId: seed.couponId ?? null,
      email: seed.email ?? `buyer-${seed.orderId}@example.com`,
      newCustomer: seed.newCustomer,
      currency: "USD",
      presentmentCurrency: "USD",
      subtotal: seed.subtotal,
      total: seed.subtotal,
      totalDiscount: seed.codeDiscount,
      codeDiscount: seed.codeDiscount,
      shippingDiscount: seed.shippingDiscount ?? "0",
      presentmentTotal: seed.subtotal,
      recordedFrom: "webhook",
      influence: seed.influence,
      leaked: seed.influence === "leaked",
      cogs: seed.cogs,
      linesWithoutCost: seed.linesWithoutCost ?? 0,
    },
  });
}

function orderWithoutCode(shopDomain: string, orderId: string, processedAt: string, subtotal: string) {
  return prisma.shopOrder.create({
    data: {
      shopDomain,
      orderId: `gid://shopify/Order/${orderId}`,
      orderUpdatedAt: new Date(processedAt),
      processedAt: new Date(processedAt),
      subtotal,
      total: subtotal,
      totalDiscount: "0",
      hasCode: false,
    },
  });
}

/**
 * TEST_SHOP, 2026-11-01 … 2026-11-21 (New York days):
 *   #1001 AUTUMN10 (Autumn email, shared)  Nov 10  net 90   −10 line      influenced  new        cost 30
 *   #1002 autumn10 (Autumn email, shared)  Nov 11  net 45   −5 line −5 ship applied  returning  cost 20, 1 line without cost
 *         (placed 2026-11-12T03:00Z: still Nov 11 in New York)
 *   #1003 VIP-ONE  (VIP pool, unique)      Nov 12  net 200  −40 line      leaked      new        cost 80
 *   #2001, #2002 without a code            Nov 10  net 50 and 70 (AOV without code 60.00)
 * OTHER_SHOP: #9001 AUTUMN10 of its own "Autumn email" campaign, net 1000, influenced.
 */
export async function seedAnalytics() {
  const store = poolStore();
  // A pool name a spreadsheet would run as a formula: the CSV export must neutralise it.
  const pool = await createPool(store, TEST_SHOP, '=HYPERLINK("https://evil.example","VIP codes")');
  const vipOne = await addCoupon(store, pool, { code: "VIP-ONE" });
  const autumn = await campaignRow(TEST_SHOP, "Autumn email", { channel: "email", codeSource: "shared", sharedCode: "AUTUMN10" });
  const vip = await campaignRow(TEST_SHOP, "VIP pool", { channel: "influencer", codeSource: "pool", poolId: pool.id });
  const otherAutumn = await campaignRow(OTHER_SHOP, "Autumn email", { channel: "email", codeSource: "shared", sharedCode: "AUTUMN10" });
  const otherSecret = await campaignRow(OTHER_SHOP, "Other shop secret", { channel: "social", codeSource: "shared", sharedCode: "SECRET50" });

  await redemption({
    orderId: "1001",
    code: "AUTUMN10",
    campaignId: autumn.id,
    processedAt: "2026-11-10T15:00:00Z",
    subtotal: "90.00",
    codeDiscount: "10.00",
    influence: "influenced",
    newCustomer: true,
    cogs: "30.00",
  });
  await redemption({
    orderId: "1002",
    code: "autumn10",
    campaignId: autumn.id,
    processedAt: "2026-11-12T03:00:00Z",
    subtotal: "45.00",
    codeDiscount: "10.00",
    shippingDiscount: "5.00",
    influence: "applied",
    newCustomer: false,
    cogs: "20.00",
    linesWithoutCost: 1,
  });
  await redemption({
    orderId: "1003",
    code: "VIP-ONE",
    campaignId: vip.id,
    couponId: vipOne.id,
    processedAt: "2026-11-12T16:00:00Z",
    subtotal: "200.00",
    codeDiscount: "40.00",
    influence: "leaked",
    newCustomer: true,
    cogs: "80.00",
  });
  await orderWithoutCode(TEST_SHOP, "2001", "2026-11-10T16:00:00Z", "50.00");
  await orderWithoutCode(TEST_SHOP, "2002", "2026-11-10T17:00:00Z", "70.00");

  await redemption({
    shopDomain: OTHER_SHOP,
    orderId: "9001",
    code: "AUTUMN10",
    campaignId: otherAutumn.id,
    processedAt: "2026-11-10T15:00:00Z",
    subtotal: "1000.00",
    codeDiscount: "100.00",
    influence: "influenced",
    newCustomer: true,
    cogs: "1.00",
  });
  await redemption({
    shopDomain: OTHER_SHOP,
    orderId: "9002",
    code: "SECRET50",
    campaignId: otherSecret.id,
    processedAt: "2026-11-10T15:00:00Z",
    subtotal: "500.00",
    codeDiscount: "50.00",
    influence: "influenced",
    newCustomer: true,
    cogs: "1.00",
  });

  await rebuildShopRollups(prisma, TEST_SHOP);
  await rebuildShopRollups(prisma, OTHER_SHOP);
  return { pool, autumn, vip, otherAutumn, otherSecret };
}
