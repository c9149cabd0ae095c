import { describe, expect, it } from "vitest";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { action as ordersUpdated } from "~/routes/webhooks.orders.updated";
import { deliverWebhooks } from "../../dev/emulator";
import { APP_ORIGIN, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { callAction, orderPayload, runJobs, seedOrderWithCode, sendOrderWebhook, shopifyForEachTest } from "./support";

const shopify = shopifyForEachTest();

const redemptionsOf = (shopDomain: string = TEST_SHOP) =>
  prisma.redemption.findMany({ where: { shopDomain }, include: { lines: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });

/** Delivers order webhooks the way Shopify misbehaves, to the app's routes. */
function deliver(webhooks: { topic: "orders/create" | "orders/updated"; payload: unknown }[], options: { times?: number; order?: "given" | "reversed" }) {
  return deliverWebhooks(
    webhooks.map((webhook) => ({ ...webhook, url: new URL(`/webhooks/${webhook.topic}`, APP_ORIGIN), shop: TEST_SHOP, secret: API_SECRET_KEY })),
    { ...options, send: (request) => callAction(request.headers.get("X-Shopify-Topic") === "orders/create" ? ordersCreate : ordersUpdated, request) },
  );
}

describe("orders/create", () => {
  it("refuses a webhook with a wrong signature and stores nothing", async () => {
    const order = seedOrderWithCode(shopify.emulator, "WELCOME10");
    const status = await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order), { secret: "not-the-app-secret" });
    expect(status).toBe(401);
    expect(await prisma.webhookReceipt.count()).toBe(0);
    expect(await prisma.job.count()).toBe(0);
  });

  it("answers at once with the body stored; the job records every figure analytics needs", async () => {
    const order = seedOrderWithCode(shopify.emulator, "welcome10");
    expect(await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order))).toBe(200);
    expect(await prisma.redemption.count()).toBe(0);
    expect(await prisma.webhookReceipt.findFirstOrThrow()).toMatchObject({
      topic: "ORDERS_CREATE",
      processedAt: null,
      payload: expect.stringContaining(order.name),
    });

    // The webhook's job, then the rollups of the order's day it queued.
    expect(await runJobs()).toBe(2);
    const [redemption] = await redemptionsOf();
    // 2 × 40.00 + 20.00 = 100.00, 10% off = 10.00 spread 8.00 / 2.00; shipping 5.00.
    expect(redemption).toMatchObject({
      orderId: order.id,
      orderName: order.name,
      code: "welcome10",
      codeKey: "WELCOME10",
      campaignId: null,
      couponId: null,
      customerId: order.customerId,
      email: "ana@example.com",
      newCustomer: true,
      currency: "USD",
      presentmentCurrency: "USD",
      landingSite: "/collections/summer?utm_source=newsletter&utm_medium=email&utm_campaign=autumn",
      referringSite: "https://mail.example.com/",
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "autumn",
      utmTerm: null,
      sourceName: "web",
      clientIp: "203.0.113.9",
      userAgentHash: expect.stringMatching(/^[0-9a-f]{32}$/),
      recordedFrom: "webhook",
      leaked: false,
    });
    expect(redemption.userAgentHash).not.toContain("Mozilla");
    expect([redemption.subtotal, redemption.totalDiscount, redemption.codeDiscount, redemption.shippingDiscount, redemption.total].map(String)).toEqual([
      "90",
      "10",
      "10",
      "0",
      "95",
    ]);
    expect(
      redemption.lines.map((line) => [
        line.sku,
        line.quantity,
        String(line.price),
        String(line.discountAllocated),
        String(line.codeDiscount),
        line.unitCost === null ? null : String(line.unitCost),
      ]),
    ).toEqual([
      ["LIN-M", 2, "40", "8", "8", "15"],
      ["LIN-L", 1, "20", "2", "2", null],
    ]);
    // Analytics: the 10% is on the whole order (an order discount, not a line one); cost of goods
    // 2 × 15.00 = 30.00 with the LIN-L line's cost unknown (counted, not taken as 0); a code of no
    // campaign is "applied".
    expect([String(redemption.orderDiscount), String(redemption.cogs), redemption.linesWithoutCost, redemption.influence]).toEqual(["10", "30", 1, "applied"]);
    expect(await prisma.webhookReceipt.findFirstOrThrow()).toMatchObject({ processedAt: expect.any(Date), payload: null });
  });

  it("knows a returning customer from Shopify's order count", async () => {
    const first = seedOrderWithCode(shopify.emulator, "FIRST", { createdAt: "2026-11-01T10:00:00Z" });
    const second = shopify.emulator.seed.order({
      customerId: first.customerId,
      lines: [{ price: "30.00" }],
      discounts: [{ code: "AGAIN", amount: "5.00" }],
      createdAt: "2026-11-20T10:00:00Z",
    });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, second));
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, first));
    await runJobs();
    const redemptions = await redemptionsOf();
    expect(redemptions.map((redemption) => [redemption.code, redemption.newCustomer])).toEqual([
      ["AGAIN", false],
      ["FIRST", true],
    ]);
  });

  it("records codes PromoGuard did not create, shipping codes included, and orders without codes only as orders", async () => {
    const order = seedOrderWithCode(shopify.emulator, "SPRING", {
      discounts: [
        { code: "SPRING", amount: "10.00" },
        { code: "FREESHIP", percentage: 100, target: "SHIPPING" },
        { title: "Automatic 5%", percentage: 5 },
      ],
    });
    const plain = shopify.emulator.seed.order({ lines: [{ price: "12.00" }] });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, plain));
    await runJobs();
    const redemptions = await redemptionsOf();
    expect(
      redemptions.map((redemption) => [redemption.code, String(redemption.codeDiscount), String(redemption.shippingDiscount), redemption.campaignId]),
    ).toEqual([
      ["SPRING", "10", "0", null],
      ["FREESHIP", "5", "5", null],
    ]);
    // Every order is kept for the analytics baseline; the plain one (a custom line, no cost) without a code.
    const orders = await prisma.shopOrder.findMany({ orderBy: { id: "asc" } });
    expect(orders.map((row) => [row.orderId, row.hasCode, String(row.subtotal), row.linesWithoutCost])).toEqual([
      [order.id, true, expect.any(String), 1],
      [plain.id, false, "12", 1],
    ]);
    expect(await prisma.webhookReceipt.count({ where: { processedAt: null } })).toBe(0);
  });
});

describe("exactly once", () => {
  it("three deliveries of one webhook leave one receipt, one job run and one redemption", async () => {
    const order = seedOrderWithCode(shopify.emulator, "TRIPLE");
    const results = await deliver([{ topic: "orders/create", payload: orderPayload(shopify.emulator, order) }], { times: 3 });
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(await prisma.webhookReceipt.count()).toBe(1);
    expect(await runJobs()).toBe(2);
    expect(await prisma.redemption.count()).toBe(1);
    expect(await prisma.redemptionLine.count()).toBe(2);
    expect(await prisma.shopOrder.count()).toBe(1);
  });

  it("orders/create arriving after orders/updated, each three times, leaves the updated figures", async () => {
    const order = seedOrderWithCode(shopify.emulator, "EDITED");
    const created = orderPayload(shopify.emulator, order);
    // The merchant edited the order: one shirt less, so the code's 10% is 6.00 instead of 10.00.
    const updated = structuredClone(created);
    updated.updated_at = "2026-11-22T13:00:00Z";
    updated.line_items[0].quantity = 1;
    updated.line_items[0].discount_allocations[0].amount = "4.00";
    Object.assign(updated, { subtotal_price: "54.00", total_discounts: "6.00", total_price: "59.00" });
    updated.discount_codes[0].amount = "6.00";

    await deliver(
      [
        { topic: "orders/create", payload: created },
        { topic: "orders/updated", payload: updated },
      ],
      { times: 3, order: "reversed" },
    );
    expect(await prisma.webhookReceipt.count()).toBe(2);
    await runJobs();

    const [redemption, ...others] = await redemptionsOf();
    expect(others).toEqual([]);
    expect([redemption.orderUpdatedAt.toISOString(), String(redemption.subtotal), String(redemption.codeDiscount), String(redemption.total)]).toEqual([
      "2026-11-22T13:00:00.000Z",
      "54",
      "6",
      "59",
    ]);
    expect(redemption.lines.map((line) => [line.quantity, String(line.codeDiscount)])).toEqual([
      [1, "4"],
      [1, "2"],
    ]);
  });

  it("keeps the payload through a failed processing and records it on the retry", async () => {
    const order = seedOrderWithCode(shopify.emulator, "RETRY");
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    // The shop's token is gone for a moment: the Admin API read fails.
    await prisma.session.updateMany({ where: { shop: TEST_SHOP }, data: { accessToken: "" } });
    await runJobs();
    const job = await prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: expect.any(String) });
    expect(await prisma.webhookReceipt.findFirstOrThrow()).toMatchObject({ processedAt: null, payload: expect.stringContaining("RETRY") });
    expect(await prisma.redemption.count()).toBe(0);

    await prisma.session.updateMany({ where: { shop: TEST_SHOP }, data: { accessToken: `shpat_test_${TEST_SHOP}` } });
    await prisma.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    await runJobs();
    expect(await prisma.redemption.count()).toBe(1);
    expect((await prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } })).status).toBe("succeeded");
  });

  it("sends an unreadable order body to the dead jobs with a clear reason", async () => {
    await sendOrderWebhook("orders/create", { id: 1, name: "#1001" });
    await runJobs();
    expect(await prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } })).toMatchObject({
      status: "dead",
      lastError: expect.stringMatching(/order webhook's created_at is not valid/),
    });
  });
});

describe("shop isolation", () => {
  it("keeps each shop's redemptions of the same order id and code apart", async () => {
    const mine = seedOrderWithCode(shopify.emulator, "SAME", {}, TEST_SHOP);
    const theirs = seedOrderWithCode(shopify.emulator, "SAME", { lines: [{ price: "500.00" }] }, OTHER_SHOP);
    // Order ids are only unique per shop on Shopify's side of this test: give both the same one.
    const theirPayload = { ...orderPayload(shopify.emulator, theirs, OTHER_SHOP), id: Number(mine.id.split("/").pop()), admin_graphql_api_id: mine.id };
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, mine, TEST_SHOP), { shop: TEST_SHOP });
    await sendOrderWebhook("orders/create", theirPayload, { shop: OTHER_SHOP });
    await runJobs();
    expect((await redemptionsOf(TEST_SHOP)).map((redemption) => String(redemption.subtotal))).toEqual(["90"]);
    expect((await redemptionsOf(OTHER_SHOP)).map((redemption) => [redemption.orderId, String(redemption.subtotal)])).toEqual([[mine.id, "450"]]);
  });
});
