import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCampaign } from "promo-discount/config";
import prisma from "~/db.server";
import { createCampaign, findCampaign } from "~/domain/campaigns/campaigns.server";
import { archiveCampaign, pauseCampaign, publishCampaign, resumeCampaign } from "~/domain/campaigns/publishing.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { TEST_SHOP } from "../support/shopify-app";
import { adminFor, campaignInput, discountMetafield, shopCatalogue, startShopify } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

async function published(overrides: Parameters<typeof campaignInput>[0] = {}) {
  const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput(overrides));
  const outcome = await publishCampaign(prisma, await adminFor(), campaign);
  if (!outcome.ok) throw new Error(`publish failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.campaign;
}

const shopifyDiscount = (id: string | null) => emulator.store(TEST_SHOP).discounts.get(id!)!;
const statusInShopify = (id: string | null) =>
  (
    emulator.graphql(TEST_SHOP, `query($id: ID!) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { status } } } }`, { id }).data as {
      codeDiscountNode: { codeDiscount: { status: string } };
    }
  ).codeDiscountNode.codeDiscount.status;
const cataloguePatterns = () => shopCatalogue(emulator).campaigns.map((entry) => entry[0]);

describe("publishing a campaign", () => {
  it("creates a code discount backed by the function, with the config metafield, limits, dates and combinations", async () => {
    const campaign = await published({
      sharedCode: "WELCOME10",
      config: { version: 1, firstOrder: true, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    });
    expect(campaign.status).toBe("live");
    const discount = shopifyDiscount(campaign.shopifyDiscountId);
    expect(discount).toMatchObject({
      method: "CODE",
      kind: "APP",
      title: campaign.name,
      usageLimit: 500,
      appliesOncePerCustomer: true,
      startsAt: "2026-01-01T00:00:00.000Z",
      endsAt: "2027-12-31T00:00:00.000Z",
      discountClasses: ["ORDER"],
      combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
    });
    expect(emulator.store(TEST_SHOP).functions.find((fn) => fn.id === discount.functionId)?.handle).toBe("promo-discount");
    expect(
      emulator
        .store(TEST_SHOP)
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["WELCOME10"]);
    // What the function reads (the compiled rules) and the variables of its extension's input queries.
    const expected = compileCampaign(JSON.parse(campaign.config));
    expect(expected.ok && discountMetafield(emulator, discount.id)).toEqual(expected.ok && expected.value.rules);
    expect(expected.ok && discountMetafield(emulator, discount.id, TEST_SHOP, "input")).toEqual(expected.ok && expected.value.variables);
    expect(shopCatalogue(emulator).campaigns).toContainEqual(["WELCOME10", "joint", 5, "10%", { firstOrder: true }]);
  });

  it("updates the same discount in place when published again", async () => {
    const campaign = await published({ sharedCode: "UPDATE1" });
    const before = emulator.store(TEST_SHOP).discounts.size;
    await prisma.campaign.update({
      where: { id: campaign.id },
      data: {
        name: "Renamed",
        sharedCode: "UPDATE2",
        usageLimit: 50,
        config: JSON.stringify({ version: 1, effects: [{ type: "percentage", percentage: 25 }] }),
      },
    });
    const outcome = await publishCampaign(prisma, await adminFor(), (await findCampaign(prisma, TEST_SHOP, campaign.id))!);
    expect(outcome.ok).toBe(true);
    expect(emulator.store(TEST_SHOP).discounts.size).toBe(before);
    const discount = shopifyDiscount(campaign.shopifyDiscountId);
    expect(discount).toMatchObject({ title: "Renamed", usageLimit: 50, discountClasses: ["PRODUCT"] });
    expect(
      emulator
        .store(TEST_SHOP)
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["UPDATE2"]);
    expect(discountMetafield(emulator, discount.id)).toMatchObject({ e: [["%", 25, "P"]] });
    expect(cataloguePatterns()).toContain("UPDATE2");
    expect(cataloguePatterns()).not.toContain("UPDATE1");
  });

  it("pauses, resumes and archives the discount in Shopify and keeps the catalogue in step", async () => {
    const admin = await adminFor();
    const campaign = await published({ sharedCode: "LIFECYCLE" });
    expect(statusInShopify(campaign.shopifyDiscountId)).toBe("ACTIVE");

    const paused = await pauseCampaign(prisma, admin, campaign);
    expect(paused.ok && paused.campaign.status).toBe("paused");
    expect(statusInShopify(campaign.shopifyDiscountId)).toBe("EXPIRED");
    expect(cataloguePatterns()).not.toContain("LIFECYCLE");

    const resumed = await resumeCampaign(prisma, admin, (await findCampaign(prisma, TEST_SHOP, campaign.id))!);
    expect(resumed.ok && resumed.campaign.status).toBe("live");
    expect(statusInShopify(campaign.shopifyDiscountId)).toBe("ACTIVE");
    // Deactivating ended the discount now; resuming puts the campaign's own end date back.
    expect(shopifyDiscount(campaign.shopifyDiscountId).endsAt).toBe("2027-12-31T00:00:00.000Z");
    expect(cataloguePatterns()).toContain("LIFECYCLE");

    const archived = await archiveCampaign(prisma, admin, (await findCampaign(prisma, TEST_SHOP, campaign.id))!);
    expect(archived.ok && archived.campaign.status).toBe("archived");
    expect(statusInShopify(campaign.shopifyDiscountId)).toBe("EXPIRED");
    expect(emulator.store(TEST_SHOP).discounts.has(campaign.shopifyDiscountId!)).toBe(true);
    expect(cataloguePatterns()).not.toContain("LIFECYCLE");
    const again = await publishCampaign(prisma, admin, (await findCampaign(prisma, TEST_SHOP, campaign.id))!);
    expect(again).toEqual({ ok: false, errors: { general: "An archived campaign can't be published again." } });
  });

  it("refuses to pause a draft or resume a live campaign, changing nothing in Shopify", async () => {
    const admin = await adminFor();
    const draft = await createCampaign(prisma, TEST_SHOP, campaignInput());
    expect(await pauseCampaign(prisma, admin, draft)).toEqual({ ok: false, errors: { general: "Only a published campaign can be paused." } });
    const live = await published();
    expect(await resumeCampaign(prisma, admin, live)).toEqual({ ok: false, errors: { general: "Only a paused campaign can be resumed." } });
    expect(statusInShopify(live.shopifyDiscountId)).toBe("ACTIVE");
  });

  it("lists generated codes in the catalogue by their prefix", async () => {
    const campaign = await published({
      codeSource: "generated",
      sharedCode: null,
      generatedCount: 20,
      generatedPrefix: "VIP-",
      generatedLength: 8,
      stackingCategory: "exclusive",
      priority: 9,
    });
    expect(campaign.ownsPool).toBe(true);
    expect(shopCatalogue(emulator).campaigns).toContainEqual(["VIP-*", "exclusive", 9, "10%"]);
    // The discount was created with the pool's first code; the code sync adds the rest.
    expect(
      emulator
        .store(TEST_SHOP)
        .redeemCodesOf(campaign.shopifyDiscountId!)
        .map((code) => code.code),
    ).toEqual([campaign.initialCode]);
    expect(campaign.initialCode).toMatch(/^VIP-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    // The 20 codes are in the campaign's own pool, and their sync to Shopify is queued.
    expect(await prisma.coupon.count({ where: { poolId: campaign.poolId! } })).toBe(20);
    const jobs = await prisma.job.findMany({ where: { type: "code-sync" } });
    expect(jobs.map((job) => JSON.parse(job.payload))).toEqual([{ campaignId: campaign.id }]);
  });
});
