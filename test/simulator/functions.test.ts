// The bundles the simulator runs: in production the ones `npm run build` prebuilt (no esbuild, no
// sources), which must price a cart exactly as the bundles built from the sources do; and every
// function may read only the app metafields the simulator fetches from the store.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignConfig } from "promo-discount/config";
import { readPrebuiltFunctions, shopifyFunction } from "shopify-checkout";
import { loadShopifyFunctions, writePrebuiltFunctions } from "shopify-checkout/source";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { checkMetafieldReads } from "~/domain/simulator/functions.server";
import { simulateCart } from "~/domain/simulator/simulate-cart.server";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { systemClock } from "~/lib/clock";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor, campaignInput, startShopify } from "../campaigns/support";
import { TEST_SHOP } from "../support/shopify-app";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

describe("prebuilt function bundles", () => {
  it("price a cart exactly as the bundles built from the extensions' sources", async () => {
    const shirt = emulator.seedFor(TEST_SHOP).product({ title: "Linen shirt", variants: [{ sku: "LIN-M", price: "40.00" }] }).variantIds[0];
    const configs: [string, CampaignConfig][] = [
      ["TWENTY", { version: 1, effects: [{ type: "percentage", percentage: 20 }] }],
      ["SHIPFREE", { version: 1, minimumSubtotal: "100.00", effects: [{ type: "freeShipping" }] }],
    ];
    for (const [code, config] of configs) {
      const outcome = await publishCampaign(
        prisma,
        await adminFor(),
        await createCampaign(prisma, TEST_SHOP, campaignInput({ sharedCode: code, combinesWithProduct: true, combinesWithShipping: true, config })),
      );
      expect(outcome.ok).toBe(true);
    }
    const out = mkdtempSync(path.join(os.tmpdir(), "promoguard-functions-"));
    const fromSources = await loadShopifyFunctions(path.resolve("extensions"));
    const manifest = await writePrebuiltFunctions(path.resolve("extensions"), out);
    expect(manifest.functions.map((fn) => fn.handle).sort()).toEqual([...fromSources.keys()].sort());
    const prebuilt = readPrebuiltFunctions(out);
    for (const fn of prebuilt.values()) expect(fn.bundle.code).toBe(fromSources.get(fn.handle)!.bundle.code);

    const call = throttledAdmin(await adminFor(), { clock: systemClock }).call;
    const now = new Date();
    const input = {
      lines: [{ variantId: shirt, quantity: 3 }],
      buyer: { kind: "guest" },
      countryCode: "US",
      codes: ["TWENTY", "SHIPFREE"],
      shipping: { cost: "8.00", method: "SHIPPING" },
    };
    const withPrebuilt = await simulateCart({ db: prisma, call, shopDomain: TEST_SHOP, now, functions: prebuilt }, input);
    const withSources = await simulateCart({ db: prisma, call, shopDomain: TEST_SHOP, now, functions: fromSources }, input);
    expect(withPrebuilt).toEqual(withSources);
    expect(withPrebuilt.ok && withPrebuilt.simulation.totals).toMatchObject({
      subtotal: "120.00",
      lineDiscounts: "24.00",
      shippingDiscounts: "8.00",
      total: "96.00",
    });
  });
});

describe("what functions may read", () => {
  it("accepts the app's functions, which read only what the simulator fetches", async () => {
    for (const fn of (await loadShopifyFunctions(path.resolve("extensions"))).values()) expect(() => checkMetafieldReads(fn)).not.toThrow();
  });

  it("refuses a function that reads an app metafield the simulator would not fetch", () => {
    const reader = shopifyFunction(
      {
        handle: "reads-too-much",
        directory: "reads-too-much",
        targets: [
          {
            target: "cart.lines.discounts.generate.run",
            exportName: "run",
            inputQueryFile: "reads-too-much/run.graphql",
            inputQuery:
              'query Input { cart { lines { merchandise { ... on ProductVariant { metafield(namespace: "$app:promoguard", key: "margin") { jsonValue } } } } } }',
          },
        ],
        inputVariables: null,
      },
      { code: "", bytes: 0, exports: ["run"] },
    );
    expect(() => checkMetafieldReads(reader)).toThrow(
      "Function reads-too-much reads the ProductVariant metafield $app:promoguard.margin, which the cart simulator does not read from the store: add it to app/shopify/cart-data.server.ts",
    );
  });
});
