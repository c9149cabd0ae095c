import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { importExistingDiscounts, listExistingDiscounts } from "~/domain/campaigns/existing-discounts.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { adminFor, campaignInput, startShopify } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

describe("importing the store's existing discounts", () => {
  it("pages through every discount, native and other apps', and leaves out PromoGuard's own", async () => {
    const seed = emulator.seedFor(TEST_SHOP);
    seed.function({ handle: "other-app-bundles", title: "Bundles by another app" });
    // 120 native code discounts: three pages of 50.
    for (let index = 1; index <= 120; index++) {
      seed.discount({
        title: `Native ${index}`,
        codes: [`NATIVE${index}`],
        summary: "10% off entire order",
        asyncUsageCount: index % 7,
        usageLimit: index % 2 === 0 ? 100 : null,
      });
    }
    seed.discount({ title: "Many codes", codes: Array.from({ length: 8 }, (_, index) => `BULK${index}`), summary: "5% off" });
    seed.discount({ method: "AUTOMATIC", kind: "FREE_SHIPPING", title: "Free shipping over 50", summary: "Free shipping on orders over $50" });
    seed.discount({ method: "AUTOMATIC", kind: "APP", functionHandle: "other-app-bundles", title: "Bundle deal" });
    seed.discount({ title: "Old", codes: ["OLD"], summary: "1% off", startsAt: "2020-01-01T00:00:00Z", endsAt: "2020-02-01T00:00:00Z" });
    emulator.seedFor(OTHER_SHOP).discount({ title: "Other shop's", codes: ["ELSEWHERE"], summary: "50% off" });
    const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput({ sharedCode: "GOVERNED" }));
    const published = await publishCampaign(prisma, await adminFor(), campaign);
    expect(published.ok).toBe(true);

    const count = await importExistingDiscounts(prisma, await adminFor(), TEST_SHOP);
    expect(count).toBe(124);
    const listed = await listExistingDiscounts(prisma, TEST_SHOP);
    expect(listed).toHaveLength(124);
    const titles = listed.map((discount) => discount.title);
    expect(titles).toContain("Native 120");
    expect(titles).not.toContain(campaign.name);
    expect(titles).not.toContain("PromoGuard stacking guard");
    expect(titles).not.toContain("Other shop's");

    const byTitle = (title: string) => listed.find((discount) => discount.title === title)!;
    expect(byTitle("Native 42")).toMatchObject({
      method: "CODE",
      discountType: "DiscountCodeBasic",
      status: "ACTIVE",
      usageCount: 0,
      usageLimit: 100,
      codesCount: 1,
      codes: ["NATIVE42"],
      summary: "10% off entire order",
    });
    expect(byTitle("Many codes")).toMatchObject({ codesCount: 8, codes: ["BULK0", "BULK1", "BULK2", "BULK3", "BULK4"] });
    expect(byTitle("Free shipping over 50")).toMatchObject({ method: "AUTOMATIC", discountType: "DiscountAutomaticFreeShipping", codesCount: 0 });
    expect(byTitle("Bundle deal")).toMatchObject({ method: "AUTOMATIC", discountType: "DiscountAutomaticApp", appTitle: "Bundles by another app" });
    expect(byTitle("Old")).toMatchObject({ status: "EXPIRED", endsAt: new Date("2020-02-01T00:00:00Z") });
  });

  it("replaces the list on a new import, so deleted discounts disappear", async () => {
    const store = emulator.store(TEST_SHOP);
    const old = [...store.discounts.values()].find((discount) => discount.title === "Old")!;
    store.deleteDiscount(old.id);
    expect(await importExistingDiscounts(prisma, await adminFor(), TEST_SHOP)).toBe(123);
    expect((await listExistingDiscounts(prisma, TEST_SHOP)).map((discount) => discount.title)).not.toContain("Old");
    expect(await listExistingDiscounts(prisma, OTHER_SHOP)).toEqual([]);
  });
});
