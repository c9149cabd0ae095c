import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { GUARD_TITLE } from "~/domain/campaigns/guard.server";
import { prepareCampaignsOnInstall } from "~/domain/campaigns/install.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { adminFor, discountMetafield, shopCatalogue, startShopify } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

const automaticDiscounts = (shop: string) => [...emulator.store(shop).discounts.values()].filter((discount) => discount.method === "AUTOMATIC");

describe("the stacking guard", () => {
  it("is created once per shop however often install runs, with the guard config and an empty catalogue", async () => {
    await prepareCampaignsOnInstall(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
    await prepareCampaignsOnInstall(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
    const guards = automaticDiscounts(TEST_SHOP);
    expect(guards).toHaveLength(1);
    expect(guards[0]).toMatchObject({ kind: "APP", title: GUARD_TITLE, discountClasses: ["ORDER"] });
    expect(discountMetafield(emulator, guards[0].id)).toEqual({ version: 1, kind: "guard" });
    expect(shopCatalogue(emulator)).toEqual({ version: 1, maxCodesPerOrder: 2, selection: "bestValue", unlistedCodes: "allow", campaigns: [] });
    expect((await prisma.stackingGuard.findUniqueOrThrow({ where: { shopDomain: TEST_SHOP } })).shopifyDiscountId).toBe(guards[0].id);
    expect(automaticDiscounts(OTHER_SHOP)).toHaveLength(0);
  });

  it("is created again when the merchant deleted it in Shopify", async () => {
    const [guard] = automaticDiscounts(TEST_SHOP);
    emulator.store(TEST_SHOP).deleteDiscount(guard.id);
    await prepareCampaignsOnInstall(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
    const guards = automaticDiscounts(TEST_SHOP);
    expect(guards).toHaveLength(1);
    expect(guards[0].id).not.toBe(guard.id);
  });
});
