import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { experimentComparison } from "~/domain/analytics/experiments.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { createPool } from "~/domain/pools/pools.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { poolStore } from "~/domain/pools/store.server";
import { installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";

const DAY = 24 * 60 * 60 * 1000;
const assignedAt = new Date("2026-11-02T10:00:00Z");
const readAt = new Date("2026-11-30T00:00:00Z");
let counter = 0;

/** A variant: a live campaign of the experiment with its own pool, and its treated recipients' profits (cost 0). */
async function givenVariant(experiment: string, name: string, profits: number[], createdAt: Date) {
  await installShop(TEST_SHOP);
  const pool = await createPool(poolStore(), TEST_SHOP, `Variant pool ${++counter}`);
  const campaign = await prisma.campaign.create({
    data: {
      shopDomain: TEST_SHOP,
      name,
      ownerName: "Ana",
      ownerEmail: "ana@example.com",
      purpose: "Test",
      channel: "email",
      config: "{}",
      codeSource: "pool",
      poolId: pool.id,
      status: "live",
      startsAt: new Date("2026-11-01T00:00:00Z"),
      experiment,
      createdAt,
    },
  });
  for (const [index, profit] of profits.entries()) {
    const email = `${name.replace(/\W/g, "").toLowerCase()}-${counter}-${index}@example.com`;
    await addCoupon(poolStore(), pool, { code: `V${counter}-${index}` });
    await assignCoupon(poolStore(), pool, { email, source: "flow" }, assignedAt);
    if (profit > 0) await givenOrder(email, profit);
  }
  return { pool, campaign };
}

let orderCounter = 0;
async function givenOrder(email: string, total: number) {
  const processedAt = new Date(assignedAt.getTime() + 2 * DAY);
  await prisma.shopOrder.create({
    data: {
      shopDomain: TEST_SHOP,
      orderId: `exp-${++orderCounter}`,
      orderUpdatedAt: processedAt,
      processedAt,
      email,
      subtotal: total.toFixed(2),
      total: total.toFixed(2),
      totalDiscount: "0",
      cogs: "0",
      linesWithoutCost: 0,
      hasCode: true,
    },
  });
}

describe("experimentComparison", () => {
  it("compares every variant with the experiment's held-out recipients", async () => {
    // Held out (of variant A): 0, 0, 10, 10 → mean 5, var 100/3.
    // A: 20, 10, 30, 20 → mean 20, var 200/3. 15 ± 1.96·√(200/12 + 100/12) = 15 ± 1.96·5 = 15 ± 9.8; × 4: 60.00 (20.80 to 99.20).
    // B: 10, 0, 10, 0 → mean 5, var 100/3. 0 ± 1.96·√(200/12) = ± 8.0016665; × 4: 0.00 (−32.01 to 32.01).
    const a = await givenVariant("Winter", "10% off", [20, 10, 30, 20], new Date("2026-10-01T00:00:00Z"));
    await givenVariant("Winter", "Free shipping", [10, 0, 10, 0], new Date("2026-10-02T00:00:00Z"));
    await prisma.campaign.update({ where: { id: a.campaign.id }, data: { holdoutPercent: 20 } });
    const heldOut = [0, 0, 10, 10].map((profit, index) => ({ email: `winter-held-${index}@example.com`, profit }));
    await prisma.holdoutAssignment.createMany({
      data: heldOut.map(({ email }) => ({ shopDomain: TEST_SHOP, poolId: a.pool.id, campaignId: a.campaign.id, email, source: "flow", assignedAt })),
    });
    for (const { email, profit } of heldOut) if (profit > 0) await givenOrder(email, profit);

    const result = await experimentComparison(prisma, TEST_SHOP, " Winter ", readAt);
    expect(result?.baseline).toEqual({ kind: "holdout", recipients: 4 });
    expect(result?.variants.map((v) => [v.name, v.comparison.incrementalProfit, v.comparison.verdict])).toEqual([
      ["10% off", { value: "60.00", low: "20.80", high: "99.20" }, "positive"],
      ["Free shipping", { value: "0.00", low: "-32.01", high: "32.01" }, "not yet significant"],
    ]);
    expect(result?.variants[0].comparison.treated).toEqual({ recipients: 4, converted: 4, revenue: "80.00", profit: "80.00" });
    expect(result?.variants[1].comparison.heldOut).toEqual({ recipients: 4, converted: 2, revenue: "20.00", profit: "20.00" });
  });

  it("compares later variants with the first one when nobody is held out", async () => {
    // First (C): 20, 10, 30, 20 → mean 20, var 200/3. D: 0, 0, 10, 10 → mean 5, var 100/3.
    // D − C = −15 ± 9.8; × 4: −60.00 (−99.20 to −20.80) → negative.
    const c = await givenVariant("Spring", "Spring 15%", [20, 10, 30, 20], new Date("2026-10-01T00:00:00Z"));
    const d = await givenVariant("Spring", "Spring gift", [0, 0, 10, 10], new Date("2026-10-05T00:00:00Z"));
    const result = await experimentComparison(prisma, TEST_SHOP, "Spring", readAt);
    expect(result?.baseline).toEqual({ kind: "variant", campaignId: c.campaign.id, name: "Spring 15%", recipients: 4 });
    expect(result?.variants).toHaveLength(1);
    expect(result?.variants[0]).toMatchObject({
      campaignId: d.campaign.id,
      comparison: { incrementalProfit: { value: "-60.00", low: "-99.20", high: "-20.80" }, verdict: "negative" },
    });
    expect(result?.variants[0].comparison.explanation).toContain("less profit than a recipient of “Spring 15%”");
  });

  it("is null for an experiment the shop does not have", async () => {
    await givenVariant("Autumn", "Autumn 10%", [10, 0], new Date("2026-10-01T00:00:00Z"));
    await installShop(OTHER_SHOP);
    expect(await experimentComparison(prisma, OTHER_SHOP, "Autumn", readAt)).toBeNull();
    expect(await experimentComparison(prisma, TEST_SHOP, "Nothing", readAt)).toBeNull();
  });
});
