import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { getOrdersBackfillProgress, startOrdersBackfill } from "~/domain/redemptions/backfill.server";
import { ORDERS_PAGE_SIZE } from "~/shopify/orders.server";
import { simulatedClock } from "~/lib/clock";
import { createShopifyEmulator, type ShopifyEmulator } from "../../dev/emulator";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { NOW, orderPayload, runJobs, seedCatalogue, seedOrderWithCode, sendOrderWebhook, shopifyForEachTest } from "./support";

const shopify = shopifyForEachTest();
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/**
 * 25 orders with codes over the last 59 days (one of them with 35 lines, more than one page of
 * lines), 3 without a code, and 2 with codes older than Shopify's 60-day window.
 */
function seedHistory(emulator: ShopifyEmulator) {
  const { costed } = seedCatalogue(emulator);
  const withCodes = Array.from({ length: 24 }, (_, index) =>
    emulator.seed.order({
      email: `buyer${index}@example.com`,
      lines: [{ variantId: costed }],
      discounts: [{ code: `CODE${index % 4}`, amount: "5.00" }],
      createdAt: daysAgo(59 - index * 2),
    }),
  );
  withCodes.push(
    emulator.seed.order({ lines: Array.from({ length: 35 }, () => ({ price: "2.00" })), discounts: [{ code: "BULK", percentage: 50 }], createdAt: daysAgo(1) }),
  );
  for (let index = 0; index < 3; index++) emulator.seed.order({ lines: [{ price: "9.00" }], createdAt: daysAgo(10 + index) });
  for (const days of [61, 90]) emulator.seed.order({ lines: [{ price: "9.00" }], discounts: [{ code: "OLD", amount: "1.00" }], createdAt: daysAgo(days) });
  return withCodes;
}

describe("orders backfill", () => {
  it("imports every order of the last 60 days, page by page, with progress; redemptions of those with codes", async () => {
    const orders = seedHistory(shopify.emulator);
    const started = await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    expect(started).toMatchObject({ status: "running", since: new Date(daysAgo(60)), ordersImported: 0 });
    await runJobs();

    // 25 orders with codes and 3 without: all 28 are read (the AOV baseline needs the others).
    expect(await getOrdersBackfillProgress(prisma, TEST_SHOP)).toMatchObject({
      status: "completed",
      ordersImported: 28,
      redemptionsSeen: 25,
      lastError: null,
      finishedAt: expect.any(String),
    });
    const pages = Math.ceil(28 / ORDERS_PAGE_SIZE);
    expect(shopify.operations.filter((operation) => operation === "BackfillOrders")).toHaveLength(pages);
    expect(await prisma.shopOrder.count({ where: { shopDomain: TEST_SHOP } })).toBe(28);
    expect(await prisma.shopOrder.count({ where: { shopDomain: TEST_SHOP, hasCode: false } })).toBe(3);
    // The 35-line order: 10 lines with its page, 25 more in pages of 10.
    expect(shopify.operations.filter((operation) => operation === "OrderLineItemsPage")).toHaveLength(3);

    const redemptions = await prisma.redemption.findMany({ include: { _count: { select: { lines: true } } }, orderBy: { processedAt: "asc" } });
    expect(redemptions.map((redemption) => redemption.orderId)).toEqual(orders.map((order) => order.id));
    expect(redemptions.some((redemption) => redemption.code === "OLD")).toBe(false);
    expect(redemptions.at(-1)).toMatchObject({ code: "BULK", recordedFrom: "backfill", _count: { lines: 35 } });
    expect(String(redemptions.at(-1)!.codeDiscount)).toBe("35");
    const line = await prisma.redemptionLine.findFirstOrThrow({ where: { redemptionId: redemptions[0].id } });
    expect([line.sku, String(line.unitCost), String(line.codeDiscount)]).toEqual(["LIN-M", "15", "5"]);
    expect(await prisma.redemption.count({ where: { shopDomain: OTHER_SHOP } })).toBe(0);

    // On demand, once more: a new backfill that finds everything already recorded.
    expect((await startOrdersBackfill(prisma, TEST_SHOP, NOW)).id).not.toBe(started.id);
    await runJobs();
    expect(await getOrdersBackfillProgress(prisma, TEST_SHOP)).toMatchObject({ status: "completed", ordersImported: 28 });
    expect(await prisma.redemption.count()).toBe(25);
    expect(await prisma.shopOrder.count()).toBe(28);
    expect(await prisma.redemptionLine.count()).toBe(24 + 35);
  });

  it("resumes from the stored cursor after a failure, adding nothing twice", async () => {
    seedHistory(shopify.emulator);
    shopify.failWhen = (operation, operations) => operation === "BackfillOrders" && operations.filter((name) => name === operation).length === 2;
    await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    await runJobs();

    const interrupted = await prisma.ordersBackfill.findFirstOrThrow();
    expect(interrupted).toMatchObject({
      status: "running",
      ordersImported: ORDERS_PAGE_SIZE,
      cursor: expect.any(String),
      lastError: expect.stringContaining("Internal error"),
    });
    expect(await prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } })).toMatchObject({ status: "queued", attempts: 1 });

    shopify.failWhen = null;
    await prisma.job.updateMany({ data: { runAt: NOW } });
    await runJobs();
    expect(await getOrdersBackfillProgress(prisma, TEST_SHOP)).toMatchObject({ status: "completed", ordersImported: 28, lastError: null });
    expect(await prisma.redemption.count()).toBe(25);
    expect(await prisma.shopOrder.count()).toBe(28);
    // One page before the failure, the failed call, then only the remaining pages.
    expect(shopify.operations.filter((operation) => operation === "BackfillOrders")).toHaveLength(2 + Math.ceil((28 - ORDERS_PAGE_SIZE) / ORDERS_PAGE_SIZE));
  });

  it("paces itself to Shopify's rate limit instead of failing on THROTTLED", async () => {
    const clock = simulatedClock(NOW);
    shopify.emulator = createShopifyEmulator({ shops: [TEST_SHOP, OTHER_SHOP], now: () => clock.now() });
    seedHistory(shopify.emulator);
    // Another app (or the code sync) just emptied the shop's bucket.
    shopify.emulator.throttle.setAvailable(0, TEST_SHOP);
    await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    await runJobs(clock);

    expect(await getOrdersBackfillProgress(prisma, TEST_SHOP)).toMatchObject({ status: "completed", ordersImported: 28, lastError: null });
    expect(await prisma.job.findFirstOrThrow({ orderBy: { id: "asc" } })).toMatchObject({ status: "succeeded", attempts: 1 });
    // The first page asks ~856 points of an empty bucket refilling 100 points a second.
    expect(clock.epochMs - NOW.getTime()).toBeGreaterThan(8_000);
  });

  it("meets webhooks on the same orders without duplicates or lost details", async () => {
    const order = seedOrderWithCode(shopify.emulator, "BOTH", { createdAt: daysAgo(2) });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, order));
    await runJobs();
    const fromWebhook = await prisma.redemption.findFirstOrThrow();

    await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    // Starting twice while one runs is the same backfill.
    await startOrdersBackfill(prisma, TEST_SHOP, NOW);
    expect(await prisma.ordersBackfill.count()).toBe(1);
    await runJobs();
    const [redemption, ...others] = await prisma.redemption.findMany();
    expect(others).toEqual([]);
    // The Admin API has no user agent: the webhook's device hash stays.
    expect(redemption).toMatchObject({ id: fromWebhook.id, recordedFrom: "backfill", userAgentHash: fromWebhook.userAgentHash, newCustomer: true });
    expect(String(redemption.codeDiscount)).toBe(String(fromWebhook.codeDiscount));
    expect(await prisma.redemptionLine.count()).toBe(2);
  });
});
