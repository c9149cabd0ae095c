import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign, findCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { userErrorsByField } from "~/domain/campaigns/shopify-errors";
import type { ShopifyEmulator } from "../../dev/emulator";
import { TEST_SHOP } from "../support/shopify-app";
import { adminFor, campaignInput, startShopify } from "./support";

let emulator: ShopifyEmulator;
let stop: () => void;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
});
afterAll(() => stop());

describe("Shopify's userErrors on publish", () => {
  it("puts a code taken by another discount next to the code field, in plain words, and creates nothing", async () => {
    emulator.seedFor(TEST_SHOP).discount({ title: "Native", codes: ["SUMMER"], summary: "5% off" });
    const before = emulator.store(TEST_SHOP).discounts.size;
    const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput({ sharedCode: "summer" }));
    const outcome = await publishCampaign(prisma, await adminFor(), campaign);
    expect(outcome).toEqual({ ok: false, errors: { sharedCode: "Another discount in your store already uses this code. Choose a different code." } });
    // Only the guard was added; the campaign's discount was not.
    expect(emulator.store(TEST_SHOP).discounts.size).toBe(before + 1);
    const stored = (await findCampaign(prisma, TEST_SHOP, campaign.id))!;
    expect(stored.status).toBe("draft");
    expect(stored.shopifyDiscountId).toBeNull();
    expect(JSON.parse(stored.lastPublishError!)).toEqual([
      { field: "sharedCode", message: "Another discount in your store already uses this code. Choose a different code." },
    ]);
  });

  it("clears the recorded error once a publish succeeds", async () => {
    const campaign = (await prisma.campaign.findFirst({ where: { sharedCode: "summer" } }))!;
    await prisma.campaign.update({ where: { id: campaign.id }, data: { sharedCode: "SUMMER-2" } });
    const outcome = await publishCampaign(prisma, await adminFor(), (await findCampaign(prisma, TEST_SHOP, campaign.id))!);
    expect(outcome.ok).toBe(true);
    expect((await findCampaign(prisma, TEST_SHOP, campaign.id))!.lastPublishError).toBeNull();
  });

  it.each([
    [{ field: ["codeAppDiscount", "title"], message: "Title can't be blank", code: "BLANK" }, { name: "Enter a campaign name." }],
    [
      { field: ["codeAppDiscount", "endsAt"], message: "Ends at needs to be after starts_at", code: "INVALID" },
      { endsAt: "The campaign must end after it starts." },
    ],
    [
      { field: ["codeAppDiscount", "usageLimit"], message: "Usage limit must be greater than 0", code: "GREATER_THAN" },
      { usageLimit: "The usage limit must be at least 1." },
    ],
    [{ field: ["codeAppDiscount", "metafields", "0", "value"], message: "Value is invalid JSON", code: "INVALID" }, { config: "Value is invalid JSON" }],
    [{ field: ["id"], message: "Code discount does not exist.", code: "INVALID" }, { general: "Code discount does not exist." }],
  ])("maps %j to its field", (error, expected) => {
    expect(userErrorsByField([error])).toEqual(expected);
  });
});

describe("a store without the released function", () => {
  it("explains what to do instead of Shopify's function id message", async () => {
    stop();
    ({ emulator, stop } = await startShopify({ withFunction: false }));
    await prisma.stackingGuard.deleteMany();
    const campaign = await createCampaign(prisma, TEST_SHOP, campaignInput());
    const outcome = await publishCampaign(prisma, await adminFor(), campaign);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors.general).toMatch(/discount function isn't available in this store yet/);
  });
});
