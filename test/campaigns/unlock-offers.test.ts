import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextUnlock, parseUnlockOffers } from "checkout-messages/unlock-offers";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { archiveCampaign, pauseCampaign, publishCampaign, resumeCampaign } from "~/domain/campaigns/publishing.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { adminFor, appNamespace, campaignInput, startShopify } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

/** What a guest with `subtotal` in the cart reads, from the metafield as Shopify stores it. */
function shopperMessage(subtotal: number, shop = TEST_SHOP) {
  const store = emulator.store(shop);
  const record = store.findMetafield(store.shop.id, appNamespace(emulator, shop), "unlock-offers");
  return (
    nextUnlock(
      parseUnlockOffers(record?.value),
      { subtotal, currencyCode: "USD" },
      { loggedIn: false },
      { locale: "en-US", now: new Date("2026-06-01T00:00:00Z") },
    )?.message ?? null
  );
}

async function published(overrides: Parameters<typeof campaignInput>[0], shop = TEST_SHOP) {
  const campaign = await createCampaign(prisma, shop, campaignInput(overrides));
  const outcome = await publishCampaign(prisma, await adminFor(shop), campaign);
  if (!outcome.ok) throw new Error(`publish failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.campaign;
}

describe("the spend-more offers the storefront and checkout read", () => {
  it("follow the shop's live campaigns through publish, pause, resume and archive", async () => {
    const campaign = await published({
      config: { version: 1, minimumSubtotal: "150.00", effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    });
    expect(shopperMessage(120)).toBe("Spend $30.00 more to get 10% off");

    const paused = await pauseCampaign(prisma, await adminFor(), campaign);
    expect(paused.ok).toBe(true);
    expect(shopperMessage(120)).toBeNull();

    const resumed = await resumeCampaign(prisma, await adminFor(), paused.ok ? paused.campaign : campaign);
    expect(shopperMessage(120)).toBe("Spend $30.00 more to get 10% off");

    await archiveCampaign(prisma, await adminFor(), resumed.ok ? resumed.campaign : campaign);
    expect(shopperMessage(120)).toBeNull();
  });

  it("advertise spend levels and audiences a cart can be checked against, never product-scoped rules, and stay in their shop", async () => {
    await published({
      config: {
        version: 1,
        effects: [
          {
            type: "tiers",
            basis: "subtotal",
            appliesTo: "order",
            tiers: [
              { from: "100.00", percentage: 5 },
              { from: "250.00", amount: "40.00" },
            ],
          },
        ],
      },
    });
    await published({ config: { version: 1, minimumSubtotal: "60.00", includedVendors: ["Nordic Loom"], effects: [{ type: "percentage", percentage: 20 }] } });
    await published({ config: { version: 1, minimumSubtotal: "80.00", firstOrder: true, effects: [{ type: "freeShipping" }] } });
    expect(shopperMessage(50)).toBe("Spend $30.00 more to get free shipping");
    expect(shopperMessage(90)).toBe("Spend $10.00 more to get 5% off");
    expect(shopperMessage(200)).toBe("Spend $50.00 more to get $40.00 off");
    expect(shopperMessage(50, OTHER_SHOP)).toBeNull();
  });
});
