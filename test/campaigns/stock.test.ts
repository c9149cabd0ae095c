// Stock-aware campaigns, driven as they happen: a campaign published through governance, the
// store's stock read and written to each variant's metafield by the queued reconcile, an
// inventory_levels/update webhook delivered signed to the app, and the shopper's checkout run by
// the emulator with the real function reading those metafields.
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { campaignStockView, reconcileStock } from "~/domain/campaigns/stock.server";
import { toStaff } from "~/domain/governance/staff.server";
import { publishGoverned, type Acting } from "~/domain/governance/workflow.server";
import { systemClock } from "~/lib/clock";
import { action as inventoryLevelsUpdate } from "~/routes/webhooks.inventory_levels.update";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import type { CampaignConfig } from "promo-discount/config";
import { deployAppFunctions, inventoryLevelUpdatePayload, type ShopifyEmulator } from "../../dev/emulator";
import { cartLineFor, simulateCheckout, type Cart } from "../../dev/emulator/checkout";
import { OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import { webhookRequest } from "../support/webhooks";
import { adminFor, callAction, runJobs, shopifyForEachTest } from "../redemptions/support";
import { campaignInput, checkoutOf } from "./support";

const shopify = shopifyForEachTest();

/** Stock 10 / 3 / 200 for a shirt, a hat and socks in "Apparel", and a mug (2 in stock) outside it. */
function shopWithStock(emulator: ShopifyEmulator, shop = TEST_SHOP) {
  deployAppFunctions(emulator, shop);
  const seed = emulator.seedFor(shop);
  const apparel = seed.collection({ title: "Apparel" });
  const variantOf = (title: string, sku: string, inventoryQuantity: number, collectionIds: string[]) => {
    const product = seed.product({ title, collectionIds, variants: [{ title: "Default Title", sku, price: "20.00", inventoryQuantity }] });
    return product.variantIds[0];
  };
  return {
    apparel: apparel.id,
    shirt: variantOf("Linen shirt", "SHIRT", 10, [apparel.id]),
    hat: variantOf("Sun hat", "HAT", 3, [apparel.id]),
    socks: variantOf("Wool socks", "SOCKS", 200, [apparel.id]),
    mug: variantOf("Mug", "MUG", 2, []),
  };
}

async function publishStockCampaign(apparel: string, shop = TEST_SHOP) {
  const owner: Acting = { db: prisma, staff: toStaff(await testStaff("owner", shop)), admin: await adminFor(shop) };
  const config: CampaignConfig = {
    version: 1,
    effects: [{ type: "percentage", percentage: 10, overstock: { above: 100, percentage: 30 } }],
    minimumStock: 5,
    includedCollectionIds: [apparel],
  };
  const campaign = await createCampaign(
    prisma,
    shop,
    campaignInput({ sharedCode: "STOCK10", config, usageLimit: null, oncePerCustomer: false }),
    owner.staff.id,
  );
  expect((await publishGoverned(owner, campaign)).publish.ok).toBe(true);
  return prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
}

const stockMetafield = (emulator: ShopifyEmulator, variantId: string, shop = TEST_SHOP) =>
  emulator
    .store(shop)
    .metafieldsOf(variantId)
    .find((metafield) => metafield.key === "stock")?.value ?? null;

/** What each line's discount is at checkout with STOCK10 entered (0 where nothing applies). */
async function discountsAtCheckout(emulator: ShopifyEmulator, variantIds: string[]): Promise<number[]> {
  const lines = variantIds.map((variantId) => cartLineFor(emulator, variantId, { quantity: 1, shop: TEST_SHOP }));
  const cart: Cart = {
    currencyCode: "USD",
    lines,
    buyerIdentity: null,
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: lines.map((line) => line.id),
        address: { countryCode: "US" },
        options: [{ handle: "standard", cost: "5.00", methodType: "SHIPPING" }],
        selectedHandle: "standard",
      },
    ],
    enteredDiscountCodes: ["STOCK10"],
    localization: { countryCode: "US", languageCode: "EN" },
  };
  const { discounts, shop } = await checkoutOf(emulator, new Date());
  const result = await simulateCheckout(cart, discounts, { shop, now: new Date() });
  return lines.map((line) => {
    const found = result.lines.find((candidate) => candidate.id === line.id)!;
    return Number(found.subtotal) - Number(found.total);
  });
}

async function sendInventoryWebhook(emulator: ShopifyEmulator, variantId: string, shop = TEST_SHOP) {
  const payload = inventoryLevelUpdatePayload(emulator.store(shop), variantId);
  const request = webhookRequest("/webhooks/inventory_levels/update", { topic: "inventory_levels/update", payload, shop });
  return (await callAction(inventoryLevelsUpdate, request)).status;
}

describe("stock-aware campaigns", () => {
  it("leaves out an item once its inventory webhook says it fell below the threshold, and gives overstock the deeper discount", async () => {
    const { emulator } = shopify;
    const { apparel, shirt, hat, socks, mug } = shopWithStock(emulator);
    await publishStockCampaign(apparel);
    await runJobs();

    // Publishing read the store's stock into each variant's metafield.
    expect([shirt, hat, socks, mug].map((variantId) => stockMetafield(emulator, variantId))).toEqual(["10", "3", "200", "2"]);
    // Shirt 10% of $20, the hat (3 in stock) nothing, socks (200 in stock) 30%.
    expect(await discountsAtCheckout(emulator, [shirt, hat, socks])).toEqual([2, 0, 6]);

    // The shirt sells down to 4: its webhook arrives, and the next checkout leaves it out.
    emulator.store(TEST_SHOP).variants.get(shirt)!.inventoryQuantity = 4;
    expect(await sendInventoryWebhook(emulator, shirt)).toBe(200);
    await runJobs();
    expect(stockMetafield(emulator, shirt)).toBe("4");
    expect(await discountsAtCheckout(emulator, [shirt, hat, socks])).toEqual([0, 0, 6]);

    // Restocked to 50: discounted again.
    emulator.store(TEST_SHOP).variants.get(shirt)!.inventoryQuantity = 50;
    expect(await sendInventoryWebhook(emulator, shirt)).toBe(200);
    await runJobs();
    expect(await discountsAtCheckout(emulator, [shirt])).toEqual([2]);
  });

  it("lists on the campaign page the items of its scope that stock leaves out or deepens, not items outside it", async () => {
    const { emulator } = shopify;
    const { apparel } = shopWithStock(emulator);
    const campaign = await publishStockCampaign(apparel);
    await runJobs();
    const call = throttledAdmin(await adminFor(TEST_SHOP), { clock: systemClock }).call;
    const view = await campaignStockView(prisma, call, campaign);
    expect(view).toMatchObject({
      minimumStock: 5,
      overstock: { above: 100, percentage: 30 },
      // The mug has 2 in stock too, but the campaign covers only Apparel.
      excluded: [{ title: "Sun hat - Default Title", sku: "HAT", inStock: 3 }],
      deepened: [{ title: "Wool socks - Default Title", sku: "SOCKS", inStock: 200 }],
      more: { excluded: false, deepened: false },
    });
    expect(view?.updatedAt).not.toBeNull();
  });

  it("corrects stock a webhook never told from the daily reconcile, writing only what changed, and schedules the next one", async () => {
    const { emulator } = shopify;
    const { apparel, hat, socks } = shopWithStock(emulator);
    await publishStockCampaign(apparel);
    await runJobs();
    emulator.store(TEST_SHOP).variants.get(hat)!.inventoryQuantity = 40;
    const call = throttledAdmin(await adminFor(TEST_SHOP), { clock: systemClock }).call;
    expect(await reconcileStock(prisma, call, TEST_SHOP)).toBe(1);
    expect(stockMetafield(emulator, hat)).toBe("40");
    expect(stockMetafield(emulator, socks)).toBe("200");
    const next = await prisma.job.findFirst({ where: { shopDomain: TEST_SHOP, type: "campaigns.stock-reconcile", status: "queued" } });
    expect(next?.runAt.getTime()).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
  });

  it("keeps no stock for a shop without a stock-aware campaign, and each shop's stock apart", async () => {
    const { emulator } = shopify;
    const { shirt } = shopWithStock(emulator);
    const other = shopWithStock(emulator, OTHER_SHOP);
    await publishStockCampaign(other.apparel, OTHER_SHOP);
    await runJobs();
    expect(await sendInventoryWebhook(emulator, shirt)).toBe(200);
    await runJobs();
    expect(stockMetafield(emulator, shirt)).toBeNull();
    expect(await prisma.variantStock.count({ where: { shopDomain: TEST_SHOP } })).toBe(0);
    expect(stockMetafield(emulator, other.shirt, OTHER_SHOP)).toBe("10");
    expect(await prisma.variantStock.count({ where: { shopDomain: OTHER_SHOP } })).toBe(4);
  });
});
