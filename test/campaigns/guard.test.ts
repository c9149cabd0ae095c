import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { buildCatalogue, publishCatalogue } from "~/domain/campaigns/catalogue.server";
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
  it("is created once per shop however often install runs, on the guard's own function, with an empty catalogue", async () => {
    await prepareCampaignsOnInstall(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
    await prepareCampaignsOnInstall(prisma, await adminFor(TEST_SHOP), TEST_SHOP);
    const guards = automaticDiscounts(TEST_SHOP);
    expect(guards).toHaveLength(1);
    expect(guards[0]).toMatchObject({ kind: "APP", title: GUARD_TITLE, discountClasses: ["ORDER"] });
    expect(emulator.store(TEST_SHOP).functions.find((fn) => fn.id === guards[0].functionId)?.handle).toBe("promo-guard");
    expect(discountMetafield(emulator, guards[0].id)).toBeUndefined();
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

  it("follows the shop's policy for codes PromoGuard did not create", async () => {
    await prisma.governancePolicy.upsert({
      where: { shopDomain: TEST_SHOP },
      create: { shopDomain: TEST_SHOP, refuseUngovernedCodes: true },
      update: { refuseUngovernedCodes: true },
    });
    expect(await publishCatalogue(prisma, await adminFor(TEST_SHOP), TEST_SHOP)).toEqual([]);
    expect(shopCatalogue(emulator).unlistedCodes).toBe("refuse");
    await prisma.governancePolicy.update({ where: { shopDomain: TEST_SHOP }, data: { refuseUngovernedCodes: false } });
    expect(await publishCatalogue(prisma, await adminFor(TEST_SHOP), TEST_SHOP)).toEqual([]);
    expect(shopCatalogue(emulator).unlistedCodes).toBe("allow");
  });

  it("lists adopted codes (all of them known), skips ended or partly known ones, and drops them rather than overflow", async () => {
    const base = {
      shopDomain: TEST_SHOP,
      method: "CODE",
      discountType: "DiscountCodeBasic",
      status: "ACTIVE",
      startsAt: new Date(),
      importedAt: new Date(),
      adoptedAt: new Date(),
      purpose: "p",
      channel: "email",
    };
    await prisma.existingDiscount.createMany({
      data: [
        {
          ...base,
          shopifyDiscountId: "gid://shopify/DiscountCodeNode/9001",
          title: "Adopted",
          summary: "12.5% off entire order",
          codes: ["KEEP1", "KEEP2"],
          codesCount: 2,
        },
        { ...base, shopifyDiscountId: "gid://shopify/DiscountCodeNode/9002", title: "Ended", status: "EXPIRED", codes: ["GONE"], codesCount: 1 },
        { ...base, shopifyDiscountId: "gid://shopify/DiscountCodeNode/9003", title: "Bulk", codes: ["B1", "B2", "B3", "B4", "B5"], codesCount: 800 },
        { ...base, shopifyDiscountId: "gid://shopify/DiscountCodeNode/9004", title: "Not adopted", adoptedAt: null, codes: ["FREE"], codesCount: 1 },
      ],
    });
    const build = await buildCatalogue(prisma, TEST_SHOP);
    expect(build.ok && build.catalogue.campaigns).toEqual([
      ["KEEP1", "joint", 0, "12.5%"],
      ["KEEP2", "joint", 0, "12.5%"],
    ]);
    // 600 adopted codes do not fit the 500 entries a catalogue may hold: campaigns still publish.
    await prisma.existingDiscount.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({
        ...base,
        shopifyDiscountId: `gid://shopify/DiscountCodeNode/${10_000 + index}`,
        title: `Many ${index}`,
        codes: [1, 2, 3, 4, 5].map((n) => `MANY${index}X${n}`),
        codesCount: 5,
      })),
    });
    const overflow = await buildCatalogue(prisma, TEST_SHOP);
    expect(overflow.ok && overflow.catalogue.campaigns).toEqual([]);
    await prisma.existingDiscount.deleteMany({ where: { shopDomain: TEST_SHOP } });
  });
});
