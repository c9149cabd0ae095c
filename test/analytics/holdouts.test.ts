import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { compareGroups, holdoutComparison, type RecipientOutcome } from "~/domain/analytics/holdouts.server";
import { assignCoupon, assignOrHoldOut, holdoutBucket, isHeldOut, revokeAssignment, type AssignOrHoldOutResult } from "~/domain/pools/assignments.server";
import { createPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { PoolStateError } from "~/domain/pools/errors";
import { createImport, runImport } from "~/domain/pools/imports.server";
import { installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";

const DAY = 24 * 60 * 60 * 1000;
const store = () => poolStore();
let counter = 0;

async function givenPool(codes: number, shop = TEST_SHOP): Promise<Pool> {
  await installShop(shop);
  const pool = await createPool(store(), shop, `Holdout pool ${++counter}`);
  const csv = ["code", ...Array.from({ length: codes }, (_, i) => `H${counter}-${i + 1}`)].join("\n") + "\n";
  const job = await createImport(store(), pool, { source: "csv", fileName: "codes.csv", totalBytes: csv.length });
  await runImport(
    store(),
    pool,
    job.id,
    (async function* () {
      yield Buffer.from(csv);
    })(),
  );
  return pool;
}

async function givenCampaign(
  pool: Pool | null,
  fields: Partial<{
    holdoutPercent: number;
    holdoutWindowDays: number;
    status: string;
    startsAt: Date;
    endsAt: Date | null;
    createdAt: Date;
    experiment: string;
    name: string;
  }> = {},
  shop = TEST_SHOP,
) {
  return prisma.campaign.create({
    data: {
      shopDomain: shop,
      name: fields.name ?? `Campaign ${++counter}`,
      ownerName: "Ana Owner",
      ownerEmail: "ana@example.com",
      purpose: "Win back lapsed customers",
      channel: "email",
      config: "{}",
      codeSource: "pool",
      poolId: pool?.id ?? null,
      status: fields.status ?? "live",
      startsAt: fields.startsAt ?? new Date("2026-11-01T00:00:00Z"),
      endsAt: fields.endsAt ?? null,
      holdoutPercent: fields.holdoutPercent ?? 0,
      holdoutWindowDays: fields.holdoutWindowDays ?? 14,
      experiment: fields.experiment ?? null,
      ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
    },
  });
}

let orderCounter = 0;
async function givenOrder(email: string, processedAt: Date, total: string, cogs: string, options: { linesWithoutCost?: number; shop?: string } = {}) {
  await prisma.shopOrder.create({
    data: {
      shopDomain: options.shop ?? TEST_SHOP,
      orderId: `gid://shopify/Order/${++orderCounter}`,
      orderUpdatedAt: processedAt,
      processedAt,
      email,
      subtotal: total,
      total,
      totalDiscount: "0",
      cogs,
      linesWithoutCost: options.linesWithoutCost ?? 0,
      hasCode: false,
    },
  });
}

/** The first emails of the form prefix-N@example.com whose bucket puts them on the asked side. */
function emailsOn(side: "held out" | "treated", campaignId: number, percent: number, count: number, prefix = "r"): string[] {
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) {
    const email = `${prefix}-${i}@example.com`;
    if (isHeldOut(campaignId, email, percent) === (side === "held out")) found.push(email);
  }
  return found;
}

const assignedCoupons = (pool: Pool) => prisma.coupon.count({ where: { poolId: pool.id, assignedAt: { not: null } } });

describe("holdout bucketing", () => {
  it("is the first 8 bytes of sha256(campaign:email) modulo 10,000, the same for any spelling of the email", () => {
    // Pinned from an independent computation: int.from_bytes(sha256(b"42:ada@example.com")[:8]) % 10000 = 4649
    expect(holdoutBucket(42, "ada@example.com")).toBe(4649);
    expect(holdoutBucket(42, "  ADA@Example.com ")).toBe(4649);
    const digest = createHash("sha256").update("7:bob@example.com").digest();
    expect(holdoutBucket(7, "bob@example.com")).toBe(Number(digest.readBigUInt64BE(0) % 10000n));
    // Another campaign draws its own split.
    expect(holdoutBucket(43, "ada@example.com")).not.toBe(4649);
  });

  it("holds out about the chosen share of 10,000 recipients", () => {
    // Binomial: at 20% of 10,000 the standard deviation is √(10,000·0.2·0.8) = 40 recipients; ±150 is ~3.75 σ.
    for (const percent of [20, 5, 50]) {
      let heldOut = 0;
      for (let i = 0; i < 10_000; i++) if (isHeldOut(99, `shopper${i}@example.com`, percent)) heldOut++;
      expect(Math.abs(heldOut - percent * 100)).toBeLessThan(150);
    }
    expect(isHeldOut(99, "anyone@example.com", 0)).toBe(false);
  });

  it("keeps the same recipients held out when asked again and adds recipients as the share grows", () => {
    const at10 = Array.from({ length: 2000 }, (_, i) => isHeldOut(5, `p${i}@example.com`, 10));
    const at20 = Array.from({ length: 2000 }, (_, i) => isHeldOut(5, `p${i}@example.com`, 20));
    expect(Array.from({ length: 2000 }, (_, i) => isHeldOut(5, `p${i}@example.com`, 10))).toEqual(at10);
    expect(at10.every((held, i) => !held || at20[i])).toBe(true);
  });
});

describe("assignOrHoldOut", () => {
  const now = new Date("2026-11-05T12:00:00Z");

  it("gives a held-out recipient no code, records the holdout, and keeps them held out", async () => {
    const pool = await givenPool(5);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const [held] = emailsOn("held out", campaign.id, 50, 1);

    const first = await assignOrHoldOut(store(), pool, { email: held.toUpperCase(), source: "api" }, now);
    expect(first).toMatchObject({
      outcome: "held_out",
      replayed: false,
      holdout: { campaignId: campaign.id, poolId: pool.id, email: held, source: "api", assignedAt: now },
    });
    expect(await assignedCoupons(pool)).toBe(0);
    expect(await prisma.couponAssignment.count({ where: { poolId: pool.id } })).toBe(0);
    expect(await prisma.holdoutAssignment.findMany({ where: { campaignId: campaign.id } })).toMatchObject([
      { shopDomain: TEST_SHOP, email: held, source: "api", assignedAt: now },
    ]);

    const again = await assignOrHoldOut(store(), pool, { email: held, source: "flow" }, new Date(now.getTime() + DAY));
    expect(again).toMatchObject({ outcome: "held_out", replayed: true });
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(1);
    expect(await assignedCoupons(pool)).toBe(0);
  });

  it("gives a treated recipient a code as assignCoupon would", async () => {
    const pool = await givenPool(5);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const [treated] = emailsOn("treated", campaign.id, 50, 1);
    const result = await assignOrHoldOut(store(), pool, { email: treated, source: "api" }, now);
    expect(result.outcome).toBe("assigned");
    if (result.outcome !== "assigned") return;
    expect(result.assignment).toMatchObject({ email: treated, source: "api", poolId: pool.id });
    expect(await assignedCoupons(pool)).toBe(1);
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("answers a repeated idempotency key with the first answer and refuses the key for another email", async () => {
    const pool = await givenPool(5);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const [held, other] = emailsOn("held out", campaign.id, 50, 2);
    const [treated] = emailsOn("treated", campaign.id, 50, 1);

    const first = await assignOrHoldOut(store(), pool, { email: held, source: "api", idempotencyKey: "order-1" }, now);
    const replay = await assignOrHoldOut(store(), pool, { email: held, source: "api", idempotencyKey: "order-1" }, now);
    expect(first.outcome).toBe("held_out");
    expect(replay).toEqual({ ...first, replayed: true });
    // Still the same answer after the campaign stops holding out.
    await prisma.campaign.update({ where: { id: campaign.id }, data: { holdoutPercent: 0 } });
    expect(await assignOrHoldOut(store(), pool, { email: held, source: "api", idempotencyKey: "order-1" }, now)).toMatchObject({
      outcome: "held_out",
      replayed: true,
    });
    await expect(assignOrHoldOut(store(), pool, { email: other, source: "api", idempotencyKey: "order-1" }, now)).rejects.toMatchObject({
      reason: "IDEMPOTENCY_KEY_REUSED",
    });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { holdoutPercent: 50 } });

    const code = await assignOrHoldOut(store(), pool, { email: treated, source: "api", idempotencyKey: "order-2" }, now);
    const codeAgain = await assignOrHoldOut(store(), pool, { email: treated, source: "api", idempotencyKey: "order-2" }, now);
    expect(code.outcome).toBe("assigned");
    expect(codeAgain).toEqual({ ...code, replayed: true });
    expect(await assignedCoupons(pool)).toBe(1);
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(1);
  });

  it("stores a new key for a recipient already held out, so that key replays too", async () => {
    const pool = await givenPool(2);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const [held] = emailsOn("held out", campaign.id, 50, 1);
    await assignOrHoldOut(store(), pool, { email: held, source: "api" }, now);
    const keyed = await assignOrHoldOut(store(), pool, { email: held, source: "api", idempotencyKey: "k-2" }, now);
    expect(keyed).toMatchObject({ outcome: "held_out", replayed: false });
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(2);
    expect(await assignOrHoldOut(store(), pool, { email: held, source: "api", idempotencyKey: "k-2" }, now)).toMatchObject({
      outcome: "held_out",
      replayed: true,
    });
  });

  it("holds nobody out without a live, started, unended campaign with a share", async () => {
    const cases = [
      { status: "draft", holdoutPercent: 50 },
      { status: "paused", holdoutPercent: 50 },
      { status: "live", holdoutPercent: 50, startsAt: new Date("2026-12-01T00:00:00Z") },
      { status: "live", holdoutPercent: 50, endsAt: new Date("2026-11-04T00:00:00Z") },
      { status: "live", holdoutPercent: 0 },
    ];
    for (const fields of cases) {
      const pool = await givenPool(1);
      const campaign = await givenCampaign(pool, fields);
      const [held] = emailsOn("held out", campaign.id, 50, 1);
      expect((await assignOrHoldOut(store(), pool, { email: held, source: "api" }, now)).outcome, JSON.stringify(fields)).toBe("assigned");
    }
    const lonely = await givenPool(1);
    expect((await assignOrHoldOut(store(), lonely, { email: "x@example.com", source: "api" }, now)).outcome).toBe("assigned");
  });

  it("follows the newest live campaign of the pool", async () => {
    const pool = await givenPool(3);
    await givenCampaign(pool, { holdoutPercent: 0, createdAt: new Date("2026-10-01T00:00:00Z") });
    const newest = await givenCampaign(pool, { holdoutPercent: 50, createdAt: new Date("2026-10-20T00:00:00Z") });
    const [held] = emailsOn("held out", newest.id, 50, 1);
    expect(await assignOrHoldOut(store(), pool, { email: held, source: "api" }, now)).toMatchObject({
      outcome: "held_out",
      holdout: { campaignId: newest.id },
    });
  });

  it("keeps a recipient who already has a code in the campaign treated when the share is raised", async () => {
    const pool = await givenPool(3);
    const campaign = await givenCampaign(pool, { holdoutPercent: 1 });
    // Treated at 1%, held out at 50%.
    const [marginal] = emailsOn("held out", campaign.id, 50, 50).filter((email) => !isHeldOut(campaign.id, email, 1));
    expect((await assignOrHoldOut(store(), pool, { email: marginal, source: "api" }, now)).outcome).toBe("assigned");
    await prisma.campaign.update({ where: { id: campaign.id }, data: { holdoutPercent: 50 } });
    expect((await assignOrHoldOut(store(), pool, { email: marginal, source: "api" }, now)).outcome).toBe("assigned");
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("leaves assignCoupon (manual assignments) untouched by the holdout", async () => {
    const pool = await givenPool(2);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const [held] = emailsOn("held out", campaign.id, 50, 1);
    const { assignment } = await assignCoupon(store(), pool, { email: held, source: "manual" }, now);
    expect(assignment.code).toMatch(/^H\d+-\d$/);
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("validates the request like assignCoupon and still refuses on an empty pool", async () => {
    const pool = await givenPool(1);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    await expect(assignOrHoldOut(store(), pool, { email: "not-an-email", source: "api" }, now)).rejects.toMatchObject({
      fieldErrors: { email: '"not-an-email" is not an email address.' },
    });
    const [a, b] = emailsOn("treated", campaign.id, 50, 2);
    await assignOrHoldOut(store(), pool, { email: a, source: "api" }, now);
    await expect(assignOrHoldOut(store(), pool, { email: b, source: "api" }, now)).rejects.toThrow(PoolStateError);
    // A held-out recipient is answered even when the pool is empty: they needed no code.
    const [held] = emailsOn("held out", campaign.id, 50, 1);
    expect((await assignOrHoldOut(store(), pool, { email: held, source: "api" }, now)).outcome).toBe("held_out");
  });

  it("never hands one code to two recipients when many ask at once", async () => {
    const pool = await givenPool(40);
    const campaign = await givenCampaign(pool, { holdoutPercent: 30 });
    const emails = Array.from({ length: 60 }, (_, i) => `crowd${i}@example.com`);
    const results = await Promise.all(emails.map((email) => assignOrHoldOut(store(), pool, { email, source: "api" }, now).catch((error: unknown) => error)));
    const answered = results.filter((r): r is AssignOrHoldOutResult => !(r instanceof Error));
    expect(results.filter((r) => r instanceof Error).every((error) => error instanceof PoolStateError && error.reason === "POOL_EMPTY")).toBe(true);
    const codes = answered.flatMap((r) => (r.outcome === "assigned" ? [r.assignment.code] : []));
    const held = answered.filter((r) => r.outcome === "held_out").length;
    expect(new Set(codes).size).toBe(codes.length);
    expect(held).toBe(emails.filter((email) => isHeldOut(campaign.id, email, 30)).length);
    expect(codes.length).toBe(Math.min(40, 60 - held));
  });
});

describe("holdoutComparison — a hand-computed experiment", () => {
  // Campaign started 2026-11-01, 14-day window. 10 treated and 10 held-out recipients, all
  // assigned 2026-11-02 10:00 UTC; read on 2026-11-30, every window closed.
  //
  // Treated (revenue / cost → profit):  t0 50/20 → 30, t1 80/30 → 50, t2 40/10 → 30, t3 60/20 → 40,
  //   t4 two orders 30/10 + 20/10 → 50 / 30; t5–t9 nothing (t5 ordered 15 days later: outside).
  //   Converted 5; revenue 280; profit 180; per recipient revenue 28, profit 18.
  // Held out: h0 40/20 → 20, h1 30/10 → 20; h2–h9 nothing (h2 ordered the day before its holdout:
  //   outside). Converted 2; revenue 70; profit 40; per recipient revenue 7, profit 4.
  //
  // Profit: treated squares about 18: 144+1024+144+484+144+5·324 = 3560 → var 3560/9;
  //   held out about 4: 256+256+8·16 = 640 → var 640/9.
  //   SE = √((3560 + 640)/90) = √46.6667 = 6.8313005; difference 14 ± 1.96·6.8313005 = 14 ± 13.389349.
  //   × 10 treated: 140.00 (95%: 6.11 to 273.89) → positive.
  // Revenue: treated squares about 28: 484+2704+144+1024+484+5·784 = 8760; held out about 7:
  //   1089+529+8·49 = 2010. SE = √(10770/90) = 10.939226; 21 ± 21.440883; × 10: 210.00 (−4.41 to 424.41).
  // Conversions: 0.5 − 0.2 = 0.3, SE √(0.25/10 + 0.16/10) = 0.2024846, ± 0.3968698; × 10: 3.00 (−0.97 to 6.97).
  const assignedAt = new Date("2026-11-02T10:00:00Z");
  const readAt = new Date("2026-11-30T00:00:00Z");
  const day = (n: number) => new Date(assignedAt.getTime() + n * DAY);

  async function givenExperiment() {
    const pool = await givenPool(12);
    const campaign = await givenCampaign(pool, { holdoutPercent: 50 });
    const treated = Array.from({ length: 10 }, (_, i) => `t${i}-${campaign.id}@example.com`);
    const heldOut = Array.from({ length: 10 }, (_, i) => `h${i}-${campaign.id}@example.com`);
    for (const email of treated) await assignCoupon(store(), pool, { email, source: "api" }, assignedAt);
    await prisma.holdoutAssignment.createMany({
      data: heldOut.map((email) => ({ shopDomain: TEST_SHOP, poolId: pool.id, campaignId: campaign.id, email, source: "api", assignedAt })),
    });
    await givenOrder(treated[0], day(1), "50.00", "20.00");
    await givenOrder(treated[1], day(3), "80.00", "30.00");
    await givenOrder(treated[2], day(13.9), "40.00", "10.00");
    await givenOrder(treated[3], day(0), "60.00", "20.00");
    await givenOrder(treated[4], day(2), "30.00", "10.00");
    await givenOrder(treated[4], day(5), "20.00", "10.00");
    await givenOrder(treated[5], day(15), "500.00", "0.00"); // after the window
    await givenOrder(heldOut[0], day(4), "40.00", "20.00");
    await givenOrder(heldOut[1], day(10), "30.00", "10.00");
    await givenOrder(heldOut[2], day(-1), "300.00", "0.00"); // before the holdout
    await givenOrder(treated[6], day(1), "900.00", "0.00", { shop: OTHER_SHOP }); // another shop's order
    return { pool, campaign, treated, heldOut };
  }

  it("gives the incremental orders, revenue and profit with their intervals, to the cent", async () => {
    await installShop(OTHER_SHOP);
    const { campaign } = await givenExperiment();
    const result = await holdoutComparison(prisma, TEST_SHOP, campaign.id, readAt);
    expect(result).toEqual({
      campaignId: campaign.id,
      windowDays: 14,
      treated: { recipients: 10, converted: 5, revenue: "280.00", profit: "180.00" },
      heldOut: { recipients: 10, converted: 2, revenue: "70.00", profit: "40.00" },
      incrementalOrders: { value: "3.00", low: "-0.97", high: "6.97" },
      incrementalRevenue: { value: "210.00", low: "-4.41", high: "424.41" },
      incrementalProfit: { value: "140.00", low: "6.11", high: "273.89" },
      verdict: "positive",
      explanation:
        "Each treated recipient brought $14.00 more profit than a held-out recipient within 14 days (95%: $0.61 to $27.39): about $140.00 more profit across 10 treated recipients.",
    });
  });

  it("leaves out manual and revoked assignments, and answers null for another shop or a campaign without holdout", async () => {
    await installShop(OTHER_SHOP);
    const { pool, campaign, treated, heldOut } = await givenExperiment();
    await assignCoupon(store(), pool, { email: "picked-by-hand@example.com", source: "manual" }, assignedAt);
    // A held-out recipient who later gets a code anyway stays in the held-out group.
    await assignCoupon(store(), pool, { email: heldOut[0], source: "api" }, day(1));
    await givenOrder("picked-by-hand@example.com", day(1), "1000.00", "0.00");
    const revoked = await prisma.couponAssignment.findFirstOrThrow({ where: { poolId: pool.id, email: treated[0] } });
    await revokeAssignment(store(), pool, revoked.id, day(1));
    const result = await holdoutComparison(prisma, TEST_SHOP, campaign.id, readAt);
    // t0 (50 revenue, 30 profit) is gone with its revoked code; the hand-picked recipient never counted.
    expect(result?.treated).toEqual({ recipients: 9, converted: 4, revenue: "230.00", profit: "150.00" });
    expect(result?.heldOut).toEqual({ recipients: 10, converted: 2, revenue: "70.00", profit: "40.00" });

    expect(await holdoutComparison(prisma, OTHER_SHOP, campaign.id, readAt)).toBeNull();
    const plain = await givenCampaign(await givenPool(1));
    expect(await holdoutComparison(prisma, TEST_SHOP, plain.id, readAt)).toBeNull();
  });

  it("cuts windows at now: before the orders happen, nobody has converted", async () => {
    await installShop(OTHER_SHOP);
    const { campaign } = await givenExperiment();
    // On day 0.5 only t3's order (day 0) has happened.
    const early = await holdoutComparison(prisma, TEST_SHOP, campaign.id, day(0.5));
    expect(early?.treated).toEqual({ recipients: 10, converted: 1, revenue: "60.00", profit: "40.00" });
    expect(early?.heldOut).toEqual({ recipients: 10, converted: 0, revenue: "0.00", profit: "0.00" });
  });

  it("has no profit figure while an order in a window lacks a cost, and then judges revenue", async () => {
    await installShop(OTHER_SHOP);
    const { campaign, heldOut } = await givenExperiment();
    await givenOrder(heldOut[9], day(6), "0.00", "0.00", { linesWithoutCost: 1 });
    const result = await holdoutComparison(prisma, TEST_SHOP, campaign.id, readAt);
    expect(result?.incrementalProfit).toBeNull();
    expect(result?.heldOut.profit).toBeNull();
    expect(result?.treated.profit).toBe("180.00");
    expect(result?.verdict).toBe("not yet significant");
    expect(result?.explanation).toContain("Profit can't be compared until every product sold in the window has a cost in Shopify");
  });
});

describe("verdicts", () => {
  const recipient = (revenue: number, profit: number | null = revenue): RecipientOutcome => ({
    email: `${Math.random()}@example.com`,
    converted: revenue > 0,
    orders: revenue > 0 ? 1 : 0,
    revenueCents: revenue * 100,
    profitCents: profit === null ? null : profit * 100,
  });
  const compare = (treated: RecipientOutcome[], baseline: RecipientOutcome[]) =>
    compareGroups({ campaignId: 1, windowDays: 7, treated, baseline, currency: "EUR", baselineLabel: "a held-out recipient" });

  it("is negative when the discount costs more profit than it brings", () => {
    // Profit per treated recipient 10, 12, 8, 10 (mean 10, var 8/3); held out 20, 22, 18, 20 (mean 20, var 8/3).
    // SE = √(2·(8/3)/4) = 1.1547005; −10 ± 2.2632131 → per recipient −12.26 to −7.74; × 4: −40.00 (−49.05 to −30.95).
    const result = compare(
      [recipient(50, 10), recipient(52, 12), recipient(48, 8), recipient(50, 10)],
      [recipient(20), recipient(22), recipient(18), recipient(20)],
    );
    expect(result.verdict).toBe("negative");
    expect(result.incrementalProfit).toEqual({ value: "-40.00", low: "-49.05", high: "-30.95" });
    expect(result.explanation).toBe(
      "Each treated recipient brought €10.00 less profit than a held-out recipient within 7 days (95%: -€12.26 to -€7.74): the discount cost more than the sales it added, about €40.00 less profit across 4 treated recipients.",
    );
  });

  it("is not yet significant when the interval spans zero", () => {
    const result = compare([recipient(10), recipient(0), recipient(30)], [recipient(0), recipient(20), recipient(5)]);
    expect(result.verdict).toBe("not yet significant");
    expect(result.explanation).toMatch(/^No clear difference yet\. Each treated recipient brought €5\.00 more profit .* the interval includes zero/);
  });

  it("never judges groups of fewer than two recipients", () => {
    const result = compare([recipient(100), recipient(100)], [recipient(0)]);
    expect(result.verdict).toBe("not yet significant");
    expect(result.explanation).toContain("Too few recipients to compare yet (2 treated, 1 compared with)");
  });
});
