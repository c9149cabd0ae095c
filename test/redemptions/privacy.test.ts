import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { handleComplianceRequest } from "~/domain/privacy.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { startOrdersBackfill } from "~/domain/redemptions/backfill.server";
import { customerShopOrders } from "~/domain/redemptions/privacy.server";
import { action as compliance } from "~/routes/webhooks.compliance";
import { customersDataRequestPayload, customersRedactPayload, shopRedactPayload } from "../../dev/emulator";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { webhookRequest } from "../support/webhooks";
import { callAction, NOW, orderPayload, runJobs, seedOrderWithCode, sendOrderWebhook, shopifyForEachTest } from "./support";

const shopify = shopifyForEachTest();

/** Ana's order with her assigned code, Bo's order with an ungoverned code, and Ana's twin in the other shop. */
async function givenRedemptions() {
  const pool = await createPool(poolStore(), TEST_SHOP, "VIP");
  await addCoupon(poolStore(), pool, { code: "VIP-A" });
  await assignCoupon(poolStore(), pool, { email: "ana@example.com", source: "api" });
  const ana = seedOrderWithCode(shopify.emulator, "VIP-A");
  const bo = seedOrderWithCode(shopify.emulator, "SUMMER", {
    email: "bo@example.com",
    customerId: null,
    clientDetails: { browserIp: "198.51.100.7", userAgent: "Bo's phone" },
  });
  const twin = seedOrderWithCode(shopify.emulator, "VIP-A", {}, OTHER_SHOP);
  await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, ana));
  await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, bo));
  await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, twin, OTHER_SHOP), { shop: OTHER_SHOP });
  await runJobs();
  return { ana, bo, twin };
}

describe("privacy webhooks and redemptions", () => {
  it("customers/data_request produces the customer's redemptions and assignments, nobody else's", async () => {
    const { ana } = await givenRedemptions();
    const payload = customersDataRequestPayload(shopify.emulator.store(TEST_SHOP), ana.customerId!, 9001);
    const result = await handleComplianceRequest(prisma, { shop: TEST_SHOP, topic: "CUSTOMERS_DATA_REQUEST", webhookId: "data-1", payload });

    expect(result.customerData?.customer).toEqual({ id: String(payload.customer.id), email: "ana@example.com" });
    expect(result.customerData?.couponAssignments).toEqual([expect.objectContaining({ code: "VIP-A", source: "api" })]);
    expect(result.customerData?.redemptions).toEqual([
      expect.objectContaining({
        orderId: ana.id,
        code: "VIP-A",
        email: "ana@example.com",
        clientIp: "203.0.113.9",
        lines: [expect.objectContaining({ sku: "LIN-M" }), expect.objectContaining({ sku: "LIN-L" })],
      }),
    ]);
    // Delivered again: recorded once, nothing produced twice.
    expect(await handleComplianceRequest(prisma, { shop: TEST_SHOP, topic: "CUSTOMERS_DATA_REQUEST", webhookId: "data-1", payload })).toEqual({
      duplicate: true,
    });
  });

  it("customers/data_request can list the customer's orders kept for analytics, nobody else's", async () => {
    const { ana } = await givenRedemptions();
    const numericId = ana.customerId!.split("/").pop()!;
    const orders = await customerShopOrders(prisma, TEST_SHOP, { customerId: numericId, email: "ana@example.com" });
    expect(orders.map((order) => [order.orderId, order.email, order.hasCode])).toEqual([[ana.id, "ana@example.com", true]]);
    expect(orders[0]).not.toHaveProperty("shopDomain");
  });

  it("customers/redact hashes the email and customer, removes IP and device, and keeps the figures", async () => {
    const { ana } = await givenRedemptions();
    const before = await prisma.redemption.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, orderId: ana.id } });
    const response = await callAction(
      compliance,
      webhookRequest("/webhooks/compliance", {
        topic: "customers/redact",
        payload: customersRedactPayload(shopify.emulator.store(TEST_SHOP), ana.customerId!),
      }),
    );
    expect(response.status).toBe(200);

    const after = await prisma.redemption.findFirstOrThrow({ where: { id: before.id } });
    expect(after.email).toMatch(/^redacted:[0-9a-f]{32}$/);
    expect(after.customerId).toMatch(/^redacted:[0-9a-f]{32}$/);
    expect(after.assignedEmail).toBe(after.email);
    expect([after.clientIp, after.userAgentHash]).toEqual([null, null]);
    expect([after.total, after.codeDiscount, after.subtotal, after.campaignId, after.couponId].map(String)).toEqual(
      [before.total, before.codeDiscount, before.subtotal, before.campaignId, before.couponId].map(String),
    );
    expect(await prisma.redemptionLine.count({ where: { redemptionId: before.id } })).toBe(2);
    expect(JSON.stringify(after)).not.toContain("ana@");

    // Her order as the analytics baseline keeps its figures under the same hashes.
    const order = await prisma.shopOrder.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, orderId: ana.id } });
    expect([order.email, order.customerId, order.landingSite]).toEqual([after.email, after.customerId, null]);
    expect(String(order.subtotal)).toBe(String(before.subtotal));
    expect(await prisma.shopOrder.count({ where: { email: "ana@example.com" } })).toBe(1);
    expect(await prisma.shopOrder.count({ where: { shopDomain: OTHER_SHOP, email: "ana@example.com" } })).toBe(1);

    const untouched = await prisma.redemption.findMany({ where: { NOT: { id: before.id } }, orderBy: { id: "asc" } });
    expect(untouched.map((redemption) => [redemption.shopDomain, redemption.email, redemption.clientIp])).toEqual([
      [TEST_SHOP, "bo@example.com", "198.51.100.7"],
      [OTHER_SHOP, "ana@example.com", "203.0.113.9"],
    ]);
  });

  it("shop/redact deletes the shop's redemptions, receipts and backfills, and nothing of other shops", async () => {
    await givenRedemptions();
    await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    await startOrdersBackfill(prisma, OTHER_SHOP, NOW);
    const counts = async (shopDomain: string) => [
      await prisma.redemption.count({ where: { shopDomain } }),
      await prisma.redemptionLine.count({ where: { redemption: { shopDomain } } }),
      await prisma.webhookReceipt.count({ where: { shopDomain } }),
      await prisma.ordersBackfill.count({ where: { shopDomain } }),
    ];
    expect(await counts(TEST_SHOP)).toEqual([2, 4, 2, 1]);

    const response = await callAction(
      compliance,
      webhookRequest("/webhooks/compliance", { topic: "shop/redact", payload: shopRedactPayload(shopify.emulator.store(TEST_SHOP)) }),
    );
    expect(response.status).toBe(200);
    expect(await counts(TEST_SHOP)).toEqual([0, 0, 0, 0]);
    expect(await counts(OTHER_SHOP)).toEqual([1, 2, 1, 1]);
  });
});
