import { describe, expect, it } from "vitest";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { getCampaignRedemptionSummary, getCouponUsage } from "~/domain/redemptions/summary.server";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { buildWebhookRequest, deployAppFunctions, orderWebhookPayload } from "../../dev/emulator";
import { cartLineFor, placeOrder, simulateCheckout, type Cart } from "../../dev/emulator/checkout";
import { campaignInput, checkoutOf } from "../campaigns/support";
import { APP_ORIGIN, TEST_SHOP } from "../support/shopify-app";
import { adminFor, callAction, NOW, runJobs, seedCatalogue, shopifyForEachTest } from "./support";

const shopify = shopifyForEachTest();

describe("from checkout to redemption", () => {
  it("an assigned pool code used at checkout becomes one redemption of its campaign, and the coupon is used", async () => {
    const { emulator } = shopify;
    deployAppFunctions(emulator, TEST_SHOP);
    const { costed } = seedCatalogue(emulator);
    const buyer = emulator.seed.customer({ email: "ana@example.com" });

    const pool = await createPool(poolStore(), TEST_SHOP, "Welcome series");
    const coupons = [await addCoupon(poolStore(), pool, { code: "WELCOME-7QK" }), await addCoupon(poolStore(), pool, { code: "WELCOME-9XM" })];
    const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput({ codeSource: "pool", sharedCode: null, poolId: pool.id }));
    expect((await publishCampaign(prisma, await adminFor(TEST_SHOP), campaign)).ok).toBe(true);
    const { assignment } = await assignCoupon(poolStore(), pool, { email: "ana@example.com", source: "api" });

    const store = emulator.store(TEST_SHOP);
    const line = cartLineFor(emulator, costed, { quantity: 2 });
    const cart: Cart = {
      currencyCode: "USD",
      lines: [line],
      buyerIdentity: { email: "ana@example.com", isAuthenticated: false },
      deliveryGroups: [
        {
          id: "gid://shopify/CartDeliveryGroup/1",
          lineIds: [line.id],
          address: { countryCode: "US" },
          options: [{ handle: "standard", cost: "5.00", methodType: "SHIPPING" }],
          selectedHandle: "standard",
        },
      ],
      enteredDiscountCodes: [assignment.code.toLowerCase()],
      localization: { countryCode: "US", languageCode: "EN" },
    };
    const { discounts, shop } = await checkoutOf(emulator, NOW);
    const result = await simulateCheckout(cart, discounts, { shop, now: NOW });
    // 2 × 40.00 = 80.00, the campaign's 10% off the order = 8.00.
    expect(result.totals).toMatchObject({ subtotal: "80.00", orderDiscounts: "8.00", total: "77.00" });

    const order = placeOrder(emulator, result, {
      customerId: buyer.id,
      landingSite: "/?utm_source=welcome-email",
      clientDetails: { browserIp: "203.0.113.9", userAgent: "Mozilla/5.0" },
    });
    const request = buildWebhookRequest({
      url: new URL("/webhooks/orders/create", APP_ORIGIN),
      topic: "orders/create",
      shop: TEST_SHOP,
      payload: orderWebhookPayload(store, order),
      secret: API_SECRET_KEY,
    });
    expect((await callAction(ordersCreate, request)).status).toBe(200);
    expect(await runJobs()).toBeGreaterThan(0);

    const redemption = await prisma.redemption.findFirstOrThrow({ include: { lines: true } });
    expect(redemption).toMatchObject({
      orderId: order.id,
      codeKey: assignment.code,
      campaignId: campaign.id,
      couponId: assignment.couponId,
      email: "ana@example.com",
      leaked: false,
      newCustomer: true,
      utmSource: "welcome-email",
    });
    expect([String(redemption.codeDiscount), String(redemption.total), String(redemption.lines[0].unitCost)]).toEqual(["8", "77", "15"]);
    expect(
      Object.keys(
        await getCouponUsage(
          prisma,
          TEST_SHOP,
          coupons.map((coupon) => coupon.id),
        ),
      ),
    ).toEqual([String(assignment.couponId)]);
    expect(await getCampaignRedemptionSummary(prisma, TEST_SHOP, campaign.id)).toMatchObject({ redemptions: 1, revenue: "77", discountGiven: "8", leaked: 0 });
  });
});
