// Conflict detection: which live, scheduled or approved campaigns a campaign would stack with on
// one item, and the compounded worst case, on hand-computed cases.
import { beforeAll, describe, expect, it } from "vitest";
import type { CampaignConfig } from "promo-discount/config";
import prisma from "~/db.server";
import { findConflicts } from "~/domain/governance/conflicts.server";

const SHOP = "conflicts-shop.myshopify.com";
const OTHER = "conflicts-other.myshopify.com";
const START = new Date("2026-11-01T00:00:00Z");
const END = new Date("2027-01-31T00:00:00Z");
const ALL = { product: true, order: true, shipping: true };
const NONE = { product: false, order: false, shipping: false };

let counter = 0;
async function campaign(
  config: Partial<CampaignConfig>,
  options: { shop?: string; status?: string; approvalState?: string; startsAt?: Date; endsAt?: Date | null; combines?: typeof ALL; name?: string } = {},
) {
  counter++;
  const combines = options.combines ?? ALL;
  return prisma.campaign.create({
    data: {
      shopDomain: options.shop ?? SHOP,
      name: options.name ?? `Campaign ${counter}`,
      ownerName: "Ana",
      ownerEmail: "ana@example.com",
      purpose: "Test",
      channel: "email",
      config: JSON.stringify({ version: 1, effects: [{ type: "percentage", percentage: 10 }], ...config }),
      codeSource: "shared",
      sharedCode: `CODE${counter}`,
      startsAt: options.startsAt ?? START,
      endsAt: options.endsAt === undefined ? END : options.endsAt,
      status: options.status ?? "live",
      approvalState: options.approvalState ?? "none",
      combinesWithProduct: combines.product,
      combinesWithOrder: combines.order,
      combinesWithShipping: combines.shipping,
    },
  });
}

const percent = (percentage: number, extra: Partial<CampaignConfig> = {}): CampaignConfig => ({
  version: 1,
  effects: [{ type: "percentage", percentage }],
  ...extra,
});
const candidate = (config: CampaignConfig, overrides: Partial<Parameters<typeof findConflicts>[2]> = {}) => ({
  config,
  startsAt: START,
  endsAt: END,
  combinesWith: ALL,
  ...overrides,
});

async function clear() {
  await prisma.campaign.deleteMany({ where: { shopDomain: { in: [SHOP, OTHER] } } });
}

beforeAll(async () => {
  for (const domain of [SHOP, OTHER]) await prisma.shop.create({ data: { domain } });
});

describe("findConflicts", () => {
  it("reports nothing for disjoint products", async () => {
    await clear();
    await campaign({ includedProductIds: ["gid://shopify/Product/1"] });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20, { includedProductIds: ["gid://shopify/Product/2"] })));
    expect(report).toEqual({ conflicts: [], worstCase: null });
  });

  it("finds a campaign on the same collection and compounds the two percentages", async () => {
    await clear();
    const other = await campaign(
      { effects: [{ type: "percentage", percentage: 15 }], includedCollectionIds: ["gid://shopify/Collection/7"] },
      { name: "Winter sale" },
    );
    const report = await findConflicts(prisma, SHOP, candidate(percent(20, { includedCollectionIds: ["gid://shopify/Collection/7"] })));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ campaignId: other.id, name: "Winter sale", status: "live" });
    expect(report.conflicts[0].reason).toMatch(/^Overlaps: both include collection 7/);
    // 1 − 0.8 × 0.85 = 32%
    expect(report.worstCase).toEqual({
      percent: 32,
      item: "collection 7",
      campaigns: [
        { id: 0, name: "This campaign", value: "20%" },
        { id: other.id, name: "Winter sale", value: "15%" },
      ],
    });
  });

  it("ignores campaigns whose dates do not overlap, expired, paused, archived and unapproved drafts", async () => {
    await clear();
    await campaign({}, { startsAt: new Date("2027-02-01T00:00:00Z"), endsAt: new Date("2027-03-01T00:00:00Z") });
    await campaign({}, { startsAt: new Date("2020-01-01T00:00:00Z"), endsAt: new Date("2020-02-01T00:00:00Z") });
    await campaign({}, { status: "paused" });
    await campaign({}, { status: "archived" });
    await campaign({}, { status: "draft" });
    await campaign({}, { status: "draft", approvalState: "submitted" });
    await campaign({}, { shop: OTHER });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20)));
    expect(report).toEqual({ conflicts: [], worstCase: null });
  });

  it("counts an approved draft waiting to be published and a scheduled campaign", async () => {
    await clear();
    const approved = await campaign({}, { status: "draft", approvalState: "approved" });
    const scheduled = await campaign({}, { startsAt: new Date("2099-01-01T00:00:00Z"), endsAt: null });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20), { endsAt: null }));
    expect(report.conflicts.map((conflict) => [conflict.campaignId, conflict.status])).toEqual([
      [approved.id, "approved"],
      [scheduled.id, "scheduled"],
    ]);
  });

  it("ignores the campaign itself when it is being edited", async () => {
    await clear();
    const self = await campaign({});
    const report = await findConflicts(prisma, SHOP, candidate(percent(20), { campaignId: self.id }));
    expect(report.conflicts).toEqual([]);
  });

  it("needs both sides' combinesWith: product + product only stacks when both allow product discounts", async () => {
    await clear();
    await campaign({}, { combines: { product: false, order: true, shipping: true } });
    await campaign({}, { combines: NONE });
    expect((await findConflicts(prisma, SHOP, candidate(percent(20)))).conflicts).toEqual([]);
    // This side refuses to combine: the other's permission alone is not enough.
    await clear();
    await campaign({}, { combines: ALL });
    expect((await findConflicts(prisma, SHOP, candidate(percent(20), { combinesWith: { product: false, order: true, shipping: true } }))).conflicts).toEqual(
      [],
    );
  });

  it("stacks a product discount with an order discount when each allows the other's class", async () => {
    await clear();
    const order = await campaign(
      { effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
      { combines: { product: true, order: false, shipping: false } },
    );
    const report = await findConflicts(prisma, SHOP, candidate(percent(20), { combinesWith: { product: false, order: true, shipping: false } }));
    expect(report.conflicts.map((conflict) => conflict.campaignId)).toEqual([order.id]);
    expect(report.conflicts[0].reason).toContain("its order discount combines with this product discount");
    expect(report.worstCase?.percent).toBe(28);
  });

  it("does not count free shipping as a conflict or as item depth", async () => {
    await clear();
    await campaign({ effects: [{ type: "freeShipping" }] });
    expect(await findConflicts(prisma, SHOP, candidate(percent(20)))).toEqual({ conflicts: [], worstCase: null });
  });

  it("compounds three stacking campaigns: 20% + 15% + 10% → 38.8%", async () => {
    await clear();
    const fifteen = await campaign({ effects: [{ type: "percentage", percentage: 15 }] });
    const ten = await campaign({ effects: [{ type: "percentage", percentage: 10 }] });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20)));
    expect(report.conflicts).toHaveLength(2);
    expect(report.worstCase?.percent).toBe(38.8);
    expect(report.worstCase?.item).toBe("any product");
    expect(report.worstCase?.campaigns.map((entry) => entry.id)).toEqual([0, fifteen.id, ten.id]);
  });

  it("leaves out of the worst case a campaign that does not stack with the others", async () => {
    await clear();
    // Both stack with the candidate, but not with each other (different products).
    await campaign({ effects: [{ type: "percentage", percentage: 15 }], includedProductIds: ["gid://shopify/Product/1"] });
    await campaign({ effects: [{ type: "percentage", percentage: 10 }], includedProductIds: ["gid://shopify/Product/2"] });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20)));
    expect(report.conflicts).toHaveLength(2);
    expect(report.worstCase).toMatchObject({ percent: 32, item: "product 1" });
  });

  it("says 'may overlap' when a collection and a product cannot be compared", async () => {
    await clear();
    await campaign({ includedCollectionIds: ["gid://shopify/Collection/7"] });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20, { includedProductIds: ["gid://shopify/Product/1"] })));
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0].reason).toMatch(/^May overlap: product 1 may share products with collection 7/);
  });

  it("treats products excluded by the other campaign as disjoint", async () => {
    await clear();
    await campaign({ excludedProductIds: ["gid://shopify/Product/1"] });
    expect((await findConflicts(prisma, SHOP, candidate(percent(20, { includedProductIds: ["gid://shopify/Product/1"] })))).conflicts).toEqual([]);
  });

  it("keeps first-order and returning-customer campaigns apart", async () => {
    await clear();
    await campaign({ returningCustomer: true });
    expect((await findConflicts(prisma, SHOP, candidate(percent(20, { firstOrder: true })))).conflicts).toEqual([]);
  });

  it("names fixed amounts it cannot turn into a percentage instead of guessing", async () => {
    await clear();
    await campaign({ effects: [{ type: "fixedAmount", amount: "5.00", per: "item" }] });
    const report = await findConflicts(prisma, SHOP, candidate(percent(20)));
    expect(report.conflicts[0].reason).toContain("5.00 off each item can't be counted as a share of an item's price");
    expect(report.worstCase?.percent).toBe(20);
  });

  it("spreads buy X get Y over the items bought together", async () => {
    await clear();
    await campaign({ effects: [{ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 50 }] });
    // 1 − 0.8 × (1 − 0.25) = 40%
    expect((await findConflicts(prisma, SHOP, candidate(percent(20)))).worstCase?.percent).toBe(40);
  });
});
