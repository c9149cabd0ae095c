import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { simulatedClock } from "~/lib/clock";
import { jobHandlers } from "~/jobs/handlers.server";
import { createJobWorker } from "~/jobs/worker.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { simulateCheckout, type Cart } from "../../dev/emulator/checkout";
import { TEST_SHOP } from "../support/shopify-app";
import { adminFor, campaignInput, checkoutOf, shopCatalogue, startShopify } from "./support";

// The emulator and the job worker share one simulated clock, so the code sync's waits for
// Shopify's bulk creation take no real time. It starts at the real time: publishing queues the
// sync at the real "now", which a clock fixed in the past would never reach.
const clock = simulatedClock(Date.now());
let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify({ now: () => clock.now() }));
});
afterAll(() => stop());

async function checkout(codes: string[], customerTags?: string[]) {
  const now = new Date(clock.now());
  const { discounts, shop } = await checkoutOf(emulator, now);
  return simulateCheckout(cart(codes, customerTags), discounts, { shop, now });
}

/** customerTags: a signed-in returning customer with these tags; left out, a guest. */
function cart(codes: string[], customerTags?: string[]): Cart {
  const line = (id: number, price: string, quantity: number) => ({
    id: `gid://shopify/CartLine/${id}`,
    quantity,
    unitPrice: price,
    variant: {
      id: `gid://shopify/ProductVariant/${id}`,
      sku: `SKU-${id}`,
      product: {
        id: `gid://shopify/Product/${id}`,
        title: `Product ${id}`,
        handle: `product-${id}`,
        vendor: "Acme",
        isGiftCard: false,
        tags: [],
        collectionIds: [],
      },
    },
  });
  const lines = [line(1, "40.00", 1), line(2, "15.00", 2)];
  return {
    currencyCode: "USD",
    lines,
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: lines.map((entry) => entry.id),
        address: { countryCode: "US" },
        options: [{ handle: "standard", cost: "5.00", methodType: "SHIPPING" }],
        selectedHandle: "standard",
      },
    ],
    enteredDiscountCodes: codes,
    localization: { countryCode: "US", languageCode: "EN" },
    buyerIdentity:
      customerTags === undefined
        ? null
        : {
            email: "shopper@example.com",
            isAuthenticated: true,
            customer: {
              id: "gid://shopify/Customer/77",
              email: "shopper@example.com",
              tags: customerTags,
              numberOfOrders: 2,
              amountSpentInShopCurrency: "120.00",
            },
          },
  };
}

describe("a published campaign at checkout", () => {
  it("applies the function's discount for the campaign's code with the config Shopify stores", async () => {
    const campaign = await createCampaign(
      prisma,
      TEST_SHOP,
      campaignInput({
        sharedCode: "SAVE20",
        config: { version: 1, minimumSubtotal: "50.00", effects: [{ type: "percentage", percentage: 20, appliesTo: "order" }] },
      }),
    );
    const outcome = await publishCampaign(prisma, await adminFor(), campaign);
    expect(outcome.ok).toBe(true);

    const result = await checkout(["save20"]);
    // 40 + 2 × 15 = 70.00; 20% off the order = 14.00; shipping 5.00 stays.
    expect(result.totals).toMatchObject({
      subtotal: "70.00",
      lineDiscounts: "0.00",
      orderDiscounts: "14.00",
      shipping: "5.00",
      shippingDiscounts: "0.00",
      total: "61.00",
    });
    expect(result.codes).toEqual([expect.objectContaining({ code: "SAVE20", status: "APPLIED" })]);

    const without = await checkout([]);
    expect(without.totals).toMatchObject({ orderDiscounts: "0.00", total: "75.00" });
  });

  it("gives a pool campaign's assigned code its discount once the code sync has run", async () => {
    const pool = await createPool(poolStore(), TEST_SHOP, "Welcome pool");
    for (let index = 1; index <= 5; index++) await addCoupon(poolStore(), pool, { code: `WELCOME-${index}` });
    const campaign = await createCampaign(
      prisma,
      TEST_SHOP,
      campaignInput({
        codeSource: "pool",
        sharedCode: null,
        poolId: pool.id,
        stackingCategory: "exclusive",
        config: { version: 1, effects: [{ type: "fixedAmount", amount: "10.00", per: "order" }] },
      }),
    );
    const outcome = await publishCampaign(prisma, await adminFor(), campaign);
    if (!outcome.ok) throw new Error(`publish failed: ${JSON.stringify(outcome.errors)}`);
    const shopifyCodes = () =>
      emulator
        .store(TEST_SHOP)
        .redeemCodesOf(outcome.campaign.shopifyDiscountId!)
        .map((code) => code.code)
        .sort();
    expect(shopifyCodes()).toEqual(["WELCOME-1"]);

    // The queued code sync (queued at the real time) brings the rest of the pool to Shopify.
    clock.advance(Math.max(0, Date.now() - clock.epochMs));
    const worker = createJobWorker({ db: prisma, clock, concurrency: 1, handlers: jobHandlers({ adminFor }) });
    expect(await worker.runDueJobs()).toBeGreaterThan(0);
    expect(shopifyCodes()).toEqual(["WELCOME-1", "WELCOME-2", "WELCOME-3", "WELCOME-4", "WELCOME-5"]);
    // The guard knows the pool's codes by their common prefix.
    expect(shopCatalogue(emulator).campaigns).toContainEqual(["WELCOME-*", "exclusive", 5, "10.00"]);

    const { assignment } = await assignCoupon(poolStore(), pool, { email: "new@example.com", source: "manual" });
    const result = await checkout([assignment.code.toLowerCase()]);
    expect(result.codes).toEqual([expect.objectContaining({ code: assignment.code, status: "APPLIED" })]);
    // 70.00 of items, 10.00 off the order, 5.00 shipping.
    expect(result.totals).toMatchObject({ subtotal: "70.00", orderDiscounts: "10.00", shipping: "5.00", total: "65.00" });
  });
});

describe("a customer blocked for fraud", () => {
  it("gets no campaign discount once tagged promoguard-blocked, while an untagged customer still does", async () => {
    const campaign = await createCampaign(
      prisma,
      TEST_SHOP,
      campaignInput({
        sharedCode: "BLOCKME10",
        config: { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
      }),
    );
    const outcome = await publishCampaign(prisma, await adminFor(), campaign);
    expect(outcome.ok).toBe(true);

    // 70.00 of items: 10% off is 7.00 for a customer with other tags.
    const untagged = await checkout(["BLOCKME10"], ["vip"]);
    expect(untagged.totals).toMatchObject({ subtotal: "70.00", orderDiscounts: "7.00", total: "68.00" });

    const blocked = await checkout(["BLOCKME10"], ["vip", "promoguard-blocked"]);
    expect(blocked.totals).toMatchObject({ subtotal: "70.00", orderDiscounts: "0.00", total: "75.00" });
    expect(blocked.codes.find((code) => code.code === "BLOCKME10")?.status).not.toBe("APPLIED");
  });
});
