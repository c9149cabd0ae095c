// Unit costs: the scheduled refresh reads Shopify's inventory item costs (through the emulator),
// inventory_items/update keeps them current, orders without a code take their cost of goods from
// the cache, and a cost Shopify does not know stays unknown (never 0).
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { COST_REFRESH_JOB, scheduleCostRefresh } from "~/domain/analytics/costs.server";
import { figuresFor } from "~/domain/analytics/metrics.server";
import { action as inventoryItemsUpdate } from "~/routes/webhooks.inventory_items.update";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { webhookRequest } from "../support/webhooks";
import { callAction, NOW, orderPayload, runJobs, seedCatalogue, sendOrderWebhook, shopifyForEachTest } from "../redemptions/support";

const shopify = shopifyForEachTest();

const inventoryItemOf = (variantId: string, shop = TEST_SHOP) => shopify.emulator.store(shop).variants.get(variantId)!.inventoryItemId;

function sendCostUpdate(inventoryItemId: string, cost: string | null, updatedAt: string, options: { shop?: string; secret?: string } = {}) {
  const payload = {
    id: Number(inventoryItemId.split("/").pop()),
    admin_graphql_api_id: inventoryItemId,
    sku: "LIN-L",
    cost,
    updated_at: updatedAt,
    tracked: true,
  };
  return callAction(inventoryItemsUpdate, webhookRequest("/webhooks/inventory_items/update", { topic: "inventory_items/update", payload, ...options }));
}

describe("unit costs", () => {
  it("the scheduled refresh stores every variant's cost, unknown ones as unknown, and queues the next run a day later", async () => {
    const { costed, uncosted } = seedCatalogue(shopify.emulator);
    seedCatalogue(shopify.emulator, OTHER_SHOP);
    await scheduleCostRefresh(prisma, TEST_SHOP, NOW);
    await runJobs();

    const costs = await prisma.variantCost.findMany({ where: { shopDomain: TEST_SHOP }, orderBy: { variantId: "asc" } });
    expect(costs.map((row) => [row.variantId, row.unitCost === null ? null : String(row.unitCost), row.inventoryItemId])).toEqual(
      [
        [costed, "15", inventoryItemOf(costed)],
        [uncosted, null, inventoryItemOf(uncosted)],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(shopify.operations).toContain("VariantCostsPage");
    // Only the shop asked for: the other shop's catalogue is not read into this one.
    expect(await prisma.variantCost.count({ where: { shopDomain: OTHER_SHOP } })).toBe(0);
    const next = await prisma.job.findFirstOrThrow({ where: { type: COST_REFRESH_JOB, status: "queued" } });
    expect(next.runAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 23 * 60 * 60 * 1000);
  });

  it("inventory_items/update changes the cached cost at once; a late older delivery does not undo it", async () => {
    const { uncosted } = seedCatalogue(shopify.emulator);
    await scheduleCostRefresh(prisma, TEST_SHOP, NOW);
    await runJobs();
    const item = inventoryItemOf(uncosted);
    const later = new Date(Date.now() + 60_000).toISOString();

    expect((await sendCostUpdate(item, "7.50", later)).status).toBe(200);
    expect(String((await prisma.variantCost.findFirstOrThrow({ where: { variantId: uncosted } })).unitCost)).toBe("7.5");
    // An earlier change delivered late.
    await sendCostUpdate(item, "6.00", new Date(Date.now() - 60 * 60_000).toISOString());
    expect(String((await prisma.variantCost.findFirstOrThrow({ where: { variantId: uncosted } })).unitCost)).toBe("7.5");
    // The merchant clears the cost: unknown again, not 0.
    await sendCostUpdate(item, null, new Date(Date.now() + 120_000).toISOString());
    expect((await prisma.variantCost.findFirstOrThrow({ where: { variantId: uncosted } })).unitCost).toBeNull();
  });

  it("an item not cached yet queues a refresh; a bad signature changes nothing; another shop's item is not touched", async () => {
    const { costed } = seedCatalogue(shopify.emulator);
    expect((await sendCostUpdate("gid://shopify/InventoryItem/999999", "3.00", NOW.toISOString())).status).toBe(200);
    expect(await prisma.job.count({ where: { type: COST_REFRESH_JOB, shopDomain: TEST_SHOP, status: "queued" } })).toBe(1);

    await runJobs();
    expect((await sendCostUpdate(inventoryItemOf(costed), "1.00", new Date(Date.now() + 60_000).toISOString(), { secret: "not-the-app-secret" })).status).toBe(
      401,
    );
    expect(await sendCostUpdate(inventoryItemOf(costed), "2.00", new Date(Date.now() + 60_000).toISOString(), { shop: OTHER_SHOP })).toMatchObject({
      status: 200,
    });
    expect(String((await prisma.variantCost.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, variantId: costed } })).unitCost)).toBe("15");
  });

  it("an order without a code gets its cost of goods from the cache, asking Shopify only for variants it lacks", async () => {
    const { costed, uncosted } = seedCatalogue(shopify.emulator);
    // Not refreshed yet: the first order's variants are read from Shopify and cached.
    const first = shopify.emulator.seed.order({ lines: [{ variantId: costed, quantity: 2 }], createdAt: "2026-11-20T10:00:00Z" });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, first));
    await runJobs();
    expect(shopify.operations.filter((name) => name === "VariantCostsById")).toHaveLength(1);
    // The second order needs the uncosted variant too: asked for once, then cached for the third.
    const second = shopify.emulator.seed.order({ lines: [{ variantId: costed }, { variantId: uncosted }], createdAt: "2026-11-20T11:00:00Z" });
    const third = shopify.emulator.seed.order({ lines: [{ variantId: costed }, { variantId: uncosted }], createdAt: "2026-11-20T12:00:00Z" });
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, second));
    await sendOrderWebhook("orders/create", orderPayload(shopify.emulator, third));
    await runJobs();
    expect(shopify.operations.filter((name) => name === "VariantCostsById")).toHaveLength(2);

    const orders = await prisma.shopOrder.findMany({ where: { shopDomain: TEST_SHOP }, orderBy: { processedAt: "asc" } });
    // first: 2 × 15.00; second and third: 15.00 and a line without cost.
    expect(orders.map((order) => [order.hasCode, String(order.cogs), order.linesWithoutCost])).toEqual([
      [false, "30", 0],
      [false, "15", 1],
      [false, "15", 1],
    ]);
    // The baseline: no code orders of 11-20 in the nocode cells, with their subtotal 80 + 60 + 60.
    const codeFigures = await figuresFor(prisma, TEST_SHOP, "code", "ANY", { from: "2026-11-20", to: "2026-11-20" });
    expect(codeFigures.orders).toBe(0);
    const cells = await prisma.analyticsRollup.findMany({ where: { shopDomain: TEST_SHOP, dimension: "nocode" } });
    expect(cells.map((cell) => [cell.day, cell.orders, String(cell.netRevenue), String(cell.cogs), cell.linesWithoutCost])).toEqual([
      ["2026-11-20", 3, "200", "60", 2],
    ]);
  });
});
