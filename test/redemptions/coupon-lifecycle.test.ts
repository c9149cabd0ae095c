import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { getCampaignRedemptionSummary, getCouponUsage } from "~/domain/redemptions/summary.server";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { givenCampaign, orderPayload, runJobs, seedOrderWithCode, sendOrderWebhook, shopifyForEachTest } from "./support";

const shopify = shopifyForEachTest();

/** A pool with two codes behind a live campaign; VIP-A is handed to ana@, VIP-B to bob@. */
async function givenAssignedPool() {
  const store = poolStore();
  const pool = await createPool(store, TEST_SHOP, "VIP");
  const [first, second] = [await addCoupon(store, pool, { code: "VIP-A" }), await addCoupon(store, pool, { code: "VIP-B" })];
  const campaign = await givenCampaign(TEST_SHOP, { name: "VIP", codeSource: "pool", poolId: pool.id });
  expect((await assignCoupon(store, pool, { email: "ana@example.com", source: "api" })).assignment.code).toBe("VIP-A");
  expect((await assignCoupon(store, pool, { email: "Bob@Example.com", source: "api" })).assignment.code).toBe("VIP-B");
  return { campaign, couponIds: [first.id, second.id] };
}

describe("coupon lifecycle", () => {
  it("marks a redeemed pool coupon used with its order and time, and attributes it to the campaign", async () => {
    const { campaign, couponIds } = await givenAssignedPool();
    const order = seedOrderWithCode(shopify.emulator, "vip-a", { processedAt: "2026-11-22T11:30:00Z" });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await runJobs();

    expect(await prisma.redemption.findFirstOrThrow()).toMatchObject({
      campaignId: campaign.id,
      couponId: couponIds[0],
      leaked: false,
      assignedEmail: "ana@example.com",
    });
    expect(await getCouponUsage(prisma, TEST_SHOP, couponIds)).toEqual({
      [couponIds[0]]: {
        orderId: order.id,
        orderName: order.name,
        redeemedAt: "2026-11-22T11:30:00.000Z",
        timesUsed: 1,
        leaked: false,
        assignedEmail: "ana@example.com",
        usedByEmail: "ana@example.com",
        usedByCustomerId: order.customerId,
      },
    });
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: couponIds[0] } })).redeemedAt).toEqual(new Date("2026-11-22T11:30:00Z"));
  });

  it("flags a unique code used by someone other than its recipient as leaked, showing both identities", async () => {
    const { campaign, couponIds } = await givenAssignedPool();
    const own = seedOrderWithCode(shopify.emulator, "VIP-A", { processedAt: "2026-11-20T09:00:00Z" });
    // ana@ places an order with the code handed to bob@.
    const leaked = seedOrderWithCode(shopify.emulator, "VIP-B", { processedAt: "2026-11-21T09:00:00Z" });
    for (const order of [own, leaked]) await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await runJobs();

    const usage = await getCouponUsage(prisma, TEST_SHOP, couponIds);
    expect(usage[couponIds[0]].leaked).toBe(false);
    expect(usage[couponIds[1]]).toMatchObject({
      leaked: true,
      assignedEmail: "bob@example.com",
      usedByEmail: "ana@example.com",
      usedByCustomerId: leaked.customerId,
    });
    expect(await getCampaignRedemptionSummary(prisma, TEST_SHOP, campaign.id)).toEqual({
      redemptions: 2,
      revenue: "190",
      discountGiven: "20",
      lastRedeemedAt: "2026-11-21T09:00:00.000Z",
      leaked: 1,
      currency: "USD",
    });
  });

  it("attributes a shared code to its campaign, never as leaked, and scopes the loaders by shop", async () => {
    const shared = await givenCampaign(TEST_SHOP, { name: "Autumn", codeSource: "shared", sharedCode: "Autumn20" });
    const order = seedOrderWithCode(shopify.emulator, "AUTUMN20");
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await runJobs();

    expect(await prisma.redemption.findFirstOrThrow()).toMatchObject({ campaignId: shared.id, couponId: null, leaked: false, assignedEmail: null });
    expect((await getCampaignRedemptionSummary(prisma, TEST_SHOP, shared.id)).redemptions).toBe(1);
    expect(await getCampaignRedemptionSummary(prisma, OTHER_SHOP, shared.id)).toMatchObject({ redemptions: 0, revenue: "0", lastRedeemedAt: null });
  });

  it("attributes a code of a pool shared by two campaigns to the one whose discount carries it", async () => {
    const { campaign: older } = await givenAssignedPool();
    const newer = await givenCampaign(TEST_SHOP, { name: "VIP again", codeSource: "pool", poolId: older.poolId! });
    await prisma.codeSyncEntry.create({ data: { shopDomain: TEST_SHOP, campaignId: older.id, code: "VIP-A", codeKey: "VIP-A", state: "synced" } });
    for (const code of ["VIP-A", "VIP-B"]) await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, seedOrderWithCode(shopify.emulator, code)));
    await runJobs();
    const redemptions = await prisma.redemption.findMany({ orderBy: { codeKey: "asc" } });
    // VIP-B is on neither discount yet: the newest campaign of the pool is the best guess.
    expect(redemptions.map((redemption) => [redemption.codeKey, redemption.campaignId])).toEqual([
      ["VIP-A", older.id],
      ["VIP-B", newer.id],
    ]);
  });

  it("shows no usage for unused coupons and for another shop's coupon ids", async () => {
    const { couponIds } = await givenAssignedPool();
    const order = seedOrderWithCode(shopify.emulator, "VIP-A");
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await runJobs();
    expect(Object.keys(await getCouponUsage(prisma, TEST_SHOP, couponIds))).toEqual([String(couponIds[0])]);
    expect(await getCouponUsage(prisma, OTHER_SHOP, couponIds)).toEqual({});
  });
});
