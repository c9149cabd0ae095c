import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { CampaignConfig } from "promo-discount/config";
import { overlapReport, readDays } from "~/domain/analytics/overlap.server";
import { findConflicts } from "~/domain/governance/conflicts.server";
import { OTHER_SHOP, TEST_SHOP, installShop } from "../support/shopify-app";
import { campaign, fullPriceOrder, seedOverlapShop, NOW } from "./overlap-support";

// Overlap and cannibalisation over a known synthetic shop; every expected figure is worked out by
// hand in the comments (see overlap-support.ts for the data).

beforeAll(async () => {
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});
beforeEach(async () => {
  await prisma.redemption.deleteMany();
  await prisma.shopOrder.deleteMany();
  await prisma.campaign.deleteMany();
});

describe("customers who used more than one code", () => {
  it("shows Sarah's WELCOME10 then LOYALTY15 with the effective discount she really got", async () => {
    await seedOverlapShop(TEST_SHOP);
    const report = await overlapReport(prisma, TEST_SHOP, { now: NOW });

    // Sarah: 10.00 + 15.00 off two orders that would have cost (90 + 10) + (85 + 15) = 200.00
    // without discounts: 25.00 ÷ 200.00 = 12.5%, not the 25% the two codes' labels suggest.
    // Tom (guest): one order with SAVE5 (5.00) and FREESHIP (7.50): 12.50 ÷ (137.50 + 12.50) = 8.33%.
    // Uma used WELCOME10 twice (one code); Vic's first code is outside the 30-day window.
    expect(report.multiCode).toEqual([
      {
        customer: "Customer 1",
        codes: [
          { code: "WELCOME10", orderName: "#1001", processedAt: "2026-11-01T10:00:00.000Z", codeDiscount: "10.00" },
          { code: "LOYALTY15", orderName: "#1002", processedAt: "2026-11-08T10:00:00.000Z", codeDiscount: "15.00" },
        ],
        orders: 2,
        codeDiscount: "25.00",
        grossValue: "200.00",
        effectivePercent: 12.5,
      },
      {
        customer: "t***@example.com",
        codes: [
          { code: "SAVE5", orderName: "#1003", processedAt: "2026-11-03T10:00:00.000Z", codeDiscount: "5.00" },
          { code: "FREESHIP", orderName: "#1003", processedAt: "2026-11-03T10:00:00.000Z", codeDiscount: "7.50" },
        ],
        orders: 1,
        codeDiscount: "12.50",
        grossValue: "150.00",
        effectivePercent: 8.33,
      },
    ]);
  });

  it("takes Vic's earlier code into account once the window reaches back to it", async () => {
    await seedOverlapShop(TEST_SHOP);
    const report = await overlapReport(prisma, TEST_SHOP, { now: NOW, windowDays: 90 });
    // Vic: WELCOME10 (10.00 of 100.00) on Sep 1 and LOYALTY15 (15.00 of 100.00) on Nov 10: 12.5%.
    expect(report.multiCode.map((row) => [row.customer, row.codes.map((use) => use.code), row.effectivePercent])).toContainEqual([
      "Customer 4",
      ["WELCOME10", "LOYALTY15"],
      12.5,
    ]);
  });
});

describe("cannibalisation", () => {
  it("counts redemptions by customers who paid full price in the N days before, with the discount they got", async () => {
    await seedOverlapShop(TEST_SHOP);
    const { cannibalisation } = await overlapReport(prisma, TEST_SHOP, { now: NOW });
    // In the window: Sarah 2, Tom 2 (one order, two codes), Uma 2, Vic 1 = 7 redemptions.
    // Sarah paid full price on Oct 25 (7 and 14 days before her codes): both count.
    // Tom, a guest, paid full price on Nov 2 (matched by email): both his codes count.
    // Uma's full-price order is 51 days before; Vic's Nov 5 order had an automatic discount.
    // 4 of 7; 10.00 + 15.00 + 5.00 + 7.50 = 37.50.
    expect(cannibalisation).toMatchObject({ redemptions: 7, cannibalised: 4, discount: "37.50" });
    expect(cannibalisation.share).toBeCloseTo(4 / 7, 10);
    expect(cannibalisation.rows.map((row) => [row.orderName, row.code, row.fullPriceOrderAt.slice(0, 10), row.fullPriceOrderTotal])).toEqual([
      ["#1001", "WELCOME10", "2026-10-25", "60.00"],
      ["#1003", "SAVE5", "2026-11-02", "45.00"],
      ["#1003", "FREESHIP", "2026-11-02", "45.00"],
      ["#1002", "LOYALTY15", "2026-10-25", "60.00"],
    ]);
  });

  it("narrows with a shorter look-back: 10 days keeps Tom and Sarah's first code only", async () => {
    await seedOverlapShop(TEST_SHOP);
    // Sarah's LOYALTY15 (Nov 8) is 14 days after her full-price order: outside 10 days.
    const { cannibalisation } = await overlapReport(prisma, TEST_SHOP, { now: NOW, fullPriceDays: 10 });
    expect(cannibalisation).toMatchObject({ redemptions: 7, cannibalised: 3, discount: "22.50" });
  });

  it("ignores a full-price order placed after the code, and one that used a code", async () => {
    await seedOverlapShop(TEST_SHOP);
    await fullPriceOrder(TEST_SHOP, { orderId: "late-uma", customerId: "gid://shopify/Customer/3", processedAt: "2026-11-15T10:00:00Z" });
    await fullPriceOrder(TEST_SHOP, { orderId: "coded-uma", customerId: "gid://shopify/Customer/3", processedAt: "2026-11-04T10:00:00Z", hasCode: true });
    const { cannibalisation } = await overlapReport(prisma, TEST_SHOP, { now: NOW });
    // Uma's codes are on Nov 5 and Nov 12: the Nov 15 order came after both, the Nov 4 one used a
    // code. Still Sarah's 2 and Tom's 2.
    expect(cannibalisation.cannibalised).toBe(4);
  });
});

describe("live offers that can stack", () => {
  it("groups whole-store campaigns under All products, with the combined depth approvals compute", async () => {
    await campaign(TEST_SHOP, {
      name: "Welcome",
      config: { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
      combinesWithOrder: true,
    });
    await campaign(TEST_SHOP, {
      name: "Loyalty",
      config: { version: 1, effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }] },
      combinesWithOrder: true,
    });
    await campaign(TEST_SHOP, { name: "Draft", status: "draft" });
    await campaign(TEST_SHOP, { name: "Ended", endsAt: new Date("2026-11-01T00:00:00Z") });
    const { campaigns } = await overlapReport(prisma, TEST_SHOP, { now: NOW });
    expect(campaigns).toEqual({
      showAll: false,
      apart: 0,
      groups: [
        {
          scope: "All products",
          pairs: [
            expect.objectContaining({
              first: expect.objectContaining({ name: "Welcome", offer: "10% off the order" }),
              second: expect.objectContaining({ name: "Loyalty", offer: "15% off the order" }),
              certain: true,
              canStack: true,
              whyApart: null,
              // Compounded as approvals compute it: 1 − 0.90 × 0.85.
              combinedPercent: 23.5,
              uncounted: [],
            }),
          ],
        },
      ],
    });
  });

  it("leaves out pairs Shopify won't apply together unless asked, and says why they can't stack", async () => {
    const lines = (percentage: number) => ({ version: 1, effects: [{ type: "percentage", percentage, appliesTo: "lines" }] });
    await campaign(TEST_SHOP, {
      name: "ACME30",
      config: { ...lines(30), includedVendors: ["Acme"] },
      combinesWithProduct: true,
      endsAt: new Date("2026-12-31T00:00:00Z"),
    });
    await campaign(TEST_SHOP, { name: "SPRING25", config: { ...lines(25), includedVendors: ["Acme", "Zed"] }, combinesWithProduct: true });
    // An order discount SPRING25 doesn't combine with; it starts after ACME30 has ended.
    await campaign(TEST_SHOP, {
      name: "SALE5",
      config: { version: 1, includedProductTags: ["sale"], effects: [{ type: "fixedAmount", amount: "5.00", per: "order" }] },
      startsAt: new Date("2027-01-01T00:00:00Z"),
    });
    // Never the same customer: first orders only against returning customers only.
    await campaign(TEST_SHOP, { name: "FIRST20", config: { ...lines(20), firstOrder: true }, combinesWithProduct: true });
    await campaign(TEST_SHOP, { name: "BACK20", config: { ...lines(20), returningCustomer: true }, combinesWithProduct: true });

    const row = (pair: { first: { name: string }; second: { name: string }; canStack: boolean; combinedPercent: number }) => [
      pair.first.name,
      pair.second.name,
      pair.canStack,
      pair.combinedPercent,
    ];
    const stacking = (await overlapReport(prisma, TEST_SHOP, { now: NOW })).campaigns;
    // Only the pairs that can stack, under what they share, deepest first: 1 − 0.7 × 0.75 = 47.5%,
    // 1 − 0.7 × 0.8 = 44%, 1 − 0.75 × 0.8 = 40%. ACME30 has ended when SALE5 starts.
    expect(stacking.showAll).toBe(false);
    expect(stacking.apart).toBe(4);
    expect(stacking.groups.map((group) => [group.scope, group.pairs.map(row)])).toEqual([
      [
        "Vendor “Acme”",
        [
          ["ACME30", "SPRING25", true, 47.5],
          ["ACME30", "FIRST20", true, 44],
          ["ACME30", "BACK20", true, 44],
          ["SPRING25", "FIRST20", true, 40],
          ["SPRING25", "BACK20", true, 40],
        ],
      ],
    ]);

    const all = (await overlapReport(prisma, TEST_SHOP, { now: NOW, showAll: true })).campaigns;
    expect(all.groups.map((group) => [group.scope, group.pairs.map(row)])).toEqual([
      ["All products", [["FIRST20", "BACK20", false, 36]]],
      [
        "Products tagged “sale”",
        [
          ["SALE5", "FIRST20", false, 20],
          ["SALE5", "BACK20", false, 20],
        ],
      ],
      [
        "Vendor “Acme”",
        [
          ["ACME30", "SPRING25", true, 47.5],
          ["ACME30", "FIRST20", true, 44],
          ["ACME30", "BACK20", true, 44],
          ["SPRING25", "FIRST20", true, 40],
          ["SPRING25", "BACK20", true, 40],
          ["SPRING25", "SALE5", false, 25],
        ],
      ],
    ]);
    const pairOf = (first: string, second: string) =>
      all.groups.flatMap((group) => group.pairs).find((pair) => pair.first.name === first && pair.second.name === second)!;
    expect(pairOf("FIRST20", "BACK20").whyApart).toBe("one is for first orders only, the other for returning customers only");
    expect(pairOf("SPRING25", "SALE5")).toMatchObject({
      certain: false,
      whyApart: "Shopify applies only one of them: their combination settings don't allow each other",
      uncounted: ["5.00 off the order"],
    });
  });
});

describe("one depth for one pair", () => {
  it("gives the overlap page the same combined depth approvals show for the same two campaigns", async () => {
    const config = (effects: CampaignConfig["effects"]): CampaignConfig => ({ version: 1, effects });
    const twenty = config([{ type: "percentage", percentage: 20 }]);
    const bogo = config([{ type: "buyXGetY", buyQuantity: 2, getQuantity: 1, percentage: 100 }]);
    await campaign(TEST_SHOP, { name: "TWENTY", config: twenty, combinesWithProduct: true });
    await campaign(TEST_SHOP, { name: "B2G1", config: bogo, combinesWithProduct: true });
    const [row] = (await overlapReport(prisma, TEST_SHOP, { now: NOW })).campaigns.groups[0].pairs;
    const all = { product: true, order: true, shipping: true };
    await campaign(OTHER_SHOP, { name: "B2G1", config: bogo, combinesWithProduct: true });
    const worst = (await findConflicts(prisma, OTHER_SHOP, { config: twenty, startsAt: NOW, endsAt: null, combinesWith: all })).worstCase;
    // 20% then a third off each item bought together: 1 − 0.8 × (2/3) = 46.67%.
    expect(worst?.percent).toBe(46.67);
    expect(row).toMatchObject({ canStack: true, combinedPercent: worst?.percent, second: expect.objectContaining({ offer: "buy 2 get 1 at 100% off" }) });
  });

  it("counts a fixed amount as approvals do: not in the percentage, named beside it", async () => {
    const tenOff = { version: 1, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] } as CampaignConfig;
    const fiveOff = { version: 1, effects: [{ type: "fixedAmount", amount: "5.00", per: "order" }] } as CampaignConfig;
    await campaign(TEST_SHOP, { name: "TEN", config: tenOff, combinesWithOrder: true });
    await campaign(TEST_SHOP, { name: "FIVE", config: fiveOff, combinesWithOrder: true });
    const [row] = (await overlapReport(prisma, TEST_SHOP, { now: NOW })).campaigns.groups[0].pairs;
    await campaign(OTHER_SHOP, { name: "FIVE", config: fiveOff, combinesWithOrder: true });
    const worst = (
      await findConflicts(prisma, OTHER_SHOP, { config: tenOff, startsAt: NOW, endsAt: null, combinesWith: { product: false, order: true, shipping: false } })
    ).worstCase;
    expect(worst?.percent).toBe(10);
    expect(row).toMatchObject({ combinedPercent: 10, uncounted: ["5.00 off the order"] });
  });
});

describe("shop isolation", () => {
  it("reports nothing of another shop's redemptions, orders or campaigns", async () => {
    await seedOverlapShop(OTHER_SHOP);
    await campaign(OTHER_SHOP, { name: "Theirs" });
    await campaign(OTHER_SHOP, { name: "Theirs too" });
    const report = await overlapReport(prisma, TEST_SHOP, { now: NOW });
    expect(report.multiCode).toEqual([]);
    expect(report.campaigns.groups).toEqual([]);
    expect(report.cannibalisation).toMatchObject({ redemptions: 0, cannibalised: 0, discount: "0.00", share: null });
  });
});

describe("window controls", () => {
  it("reads a day count or says which field is wrong and what it shows instead", () => {
    expect(readDays("45", "Window", 30)).toEqual({ days: 45, error: null });
    expect(readDays(null, "Window", 30)).toEqual({ days: 30, error: null });
    expect(readDays("0", "Window", 30).error).toBe('Window must be a whole number of days from 1 to 365, got "0". Showing 30 days.');
    expect(readDays("ten", "Full-price look-back", 30).error).toContain("Full-price look-back must be a whole number");
  });
});
