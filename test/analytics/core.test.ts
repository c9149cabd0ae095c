// The analytics core on a known dataset: every figure of types.ts checked against a hand
// computation (written next to each expectation), the influence classes, incremental upkeep equal
// to a rebuild, order edits, missing costs, and shop isolation of every read function.
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { aovLift, dailySeries, defaultRange, figuresBy, figuresFor, shopFigures } from "~/domain/analytics/metrics.server";
import { rebuildShopRollups } from "~/domain/analytics/rollups.server";
import { FRAUD_REFRESH_JOB } from "~/domain/analytics/fraud/refresh.server";
import { carriesCampaignTag, classifyInfluence, FRAUD_REFRESH_DELAY_MS } from "~/domain/redemptions/record.server";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { givenCampaign, givenPool, givenShop, record, rollupCells, runJobs, VARIANT, type OrderSpec } from "./core-support";

const SHOP = "core-shop.myshopify.com";
const OTHER = "core-other.myshopify.com";
const RANGE = { from: "2026-11-10", to: "2026-11-11" };

/**
 * The dataset (UTC shop). Unit costs: shirt 10.00, socks 4.00, scarf unknown.
 * Pool "VIP pool": VIP-001 → ana, VIP-002 → bo, VIP-003 never handed out. Campaign "VIP email"
 * (channel email) uses the pool; campaign "Summer social" (channel social) is the shared code
 * SUMMER with the tag summer26.
 *
 * O1 11-10 ana, new      shirt ×2 @30 = 60, VIP-001 line 6.00            subtotal 54  cogs 20        influenced
 * O2 11-10 carl, return  socks ×1 @50 = 50, VIP-002 order 5.00           subtotal 45  cogs 4         leaked (bo's code)
 * O3 11-10 dee, new      shirt @30 + scarf @20 = 50, SUMMER order 6+4,
 *                        SUMMER shipping 5.00, utm_campaign=summer26    subtotal 40  cogs 10, 1 without  influenced
 * O4 11-10 eve, unknown  socks ×3 @10 = 30, SUMMER order 6.00, no tag    subtotal 24  cogs 12        applied
 * O5 11-10 no code       shirt @30                                       subtotal 30  cogs 10
 * O6 11-11 no code       socks ×5 @10                                    subtotal 50  cogs 20
 * O7 11-11 fay, new      shirt @30, VIP-003 line 3.00                    subtotal 27  cogs 10        applied (no recipient, no tag)
 * O8 11-11 gus, return   socks @20, RANDOM5 order 5.00 (no campaign)     subtotal 15  cogs 4         applied
 */
const ORDERS: OrderSpec[] = [
  {
    id: 1,
    at: "2026-11-10T09:00:00Z",
    email: "ana@example.com",
    customer: "gid://shopify/Customer/1",
    newCustomer: true,
    lines: [{ variant: VARIANT.shirt, quantity: 2, price: "30.00" }],
    discounts: [{ code: "VIP-001", level: "line", amounts: ["6.00"] }],
  },
  {
    id: 2,
    at: "2026-11-10T10:00:00Z",
    email: "carl@example.com",
    customer: "gid://shopify/Customer/2",
    newCustomer: false,
    lines: [{ variant: VARIANT.socks, quantity: 1, price: "50.00" }],
    discounts: [{ code: "vip-002", level: "order", amounts: ["5.00"] }],
  },
  {
    id: 3,
    at: "2026-11-10T11:00:00Z",
    email: "dee@example.com",
    customer: "gid://shopify/Customer/3",
    newCustomer: true,
    landingSite: "/collections/summer?utm_source=ig&utm_campaign=summer26",
    lines: [
      { variant: VARIANT.shirt, quantity: 1, price: "30.00" },
      { variant: VARIANT.scarf, quantity: 1, price: "20.00" },
    ],
    discounts: [
      { code: "SUMMER", level: "order", amounts: ["6.00", "4.00"] },
      { code: "SUMMER", level: "shipping", amounts: ["5.00"] },
    ],
  },
  {
    id: 4,
    at: "2026-11-10T12:00:00Z",
    email: "eve@example.com",
    landingSite: "/products/socks",
    lines: [{ variant: VARIANT.socks, quantity: 3, price: "10.00" }],
    discounts: [{ code: "summer", level: "order", amounts: ["6.00"] }],
  },
  { id: 5, at: "2026-11-10T13:00:00Z", email: "hal@example.com", lines: [{ variant: VARIANT.shirt, quantity: 1, price: "30.00" }] },
  { id: 6, at: "2026-11-11T08:00:00Z", email: "ida@example.com", lines: [{ variant: VARIANT.socks, quantity: 5, price: "10.00" }] },
  {
    id: 7,
    at: "2026-11-11T09:00:00Z",
    email: "fay@example.com",
    customer: "gid://shopify/Customer/7",
    newCustomer: true,
    lines: [{ variant: VARIANT.shirt, quantity: 1, price: "30.00" }],
    discounts: [{ code: "VIP-003", level: "line", amounts: ["3.00"] }],
  },
  {
    id: 8,
    at: "2026-11-11T10:00:00Z",
    email: "gus@example.com",
    customer: "gid://shopify/Customer/8",
    newCustomer: false,
    lines: [{ variant: VARIANT.socks, quantity: 1, price: "20.00" }],
    discounts: [{ code: "RANDOM5", level: "order", amounts: ["5.00"] }],
  },
];

async function givenDataset(shop: string) {
  const pool = await givenPool(shop, "VIP pool", ["VIP-001", "VIP-002", "VIP-003"], { "VIP-001": "ana@example.com", "VIP-002": "bo@example.com" });
  const vip = await givenCampaign(shop, { name: "VIP email", channel: "email", codeSource: "pool", poolId: pool.id });
  const summer = await givenCampaign(shop, { name: "Summer social", channel: "social", codeSource: "shared", sharedCode: "SUMMER", utmCampaign: "summer26" });
  for (const order of ORDERS) await record(shop, order);
  await runJobs();
  return { pool, vip, summer };
}

let data: Awaited<ReturnType<typeof givenDataset>>;

beforeEach(async () => {
  await prisma.job.deleteMany();
  await prisma.shop.deleteMany();
  await givenShop(SHOP);
  await givenShop(OTHER);
  data = await givenDataset(SHOP);
});

describe("figures per campaign, code, pool, channel and shop", () => {
  it("VIP email: every metric as computed by hand", async () => {
    // O1, O2, O7: 3 orders, 3 redemptions; influenced O1, leaked O2, applied O7.
    // Line 6 + 3 = 9.00, order 5.00, shipping 0 → discount 14.00. Net 54 + 45 + 27 = 126.00,
    // gross 126 + 14 = 140.00. COGS 20 + 4 + 10 = 34.00 → profit 126 − 34 = 92.00.
    // Influenced revenue: O1's 54.00. AOV 126 / 3 = 42.00. New: O1, O7; returning: O2.
    const expected = {
      orders: 3,
      redemptions: 3,
      influenced: 1,
      leaked: 1,
      applied: 1,
      grossRevenue: "140.00",
      lineDiscount: "9.00",
      orderDiscount: "5.00",
      shippingDiscount: "0.00",
      discountGiven: "14.00",
      netRevenue: "126.00",
      cogs: "34.00",
      linesWithoutCost: 0,
      grossProfit: "92.00",
      influencedRevenue: "54.00",
      aov: "42.00",
      newCustomers: 2,
      returningCustomers: 1,
    };
    expect(await figuresFor(prisma, SHOP, "campaign", String(data.vip.id), RANGE)).toEqual(expected);
    // Every code of the pool is the campaign's, and the campaign is the only email one.
    expect(await figuresFor(prisma, SHOP, "pool", String(data.pool.id), RANGE)).toEqual(expected);
    expect(await figuresFor(prisma, SHOP, "channel", "email", RANGE)).toEqual(expected);
  });

  it("Summer social: a shared code with and without its tag, shipping discount and a missing cost", async () => {
    // O3 (tagged: influenced) and O4 (untagged: applied). Order 10 + 6 = 16.00, shipping 5.00,
    // line 0 → discount 21.00. Net 40 + 24 = 64.00, gross 85.00. COGS 10 + 12 = 22.00 but the
    // scarf has no cost → 1 line without cost, profit unknown (null, not 42.00).
    // Influenced revenue O3's 40.00; AOV 64 / 2 = 32.00; new O3; O4's customer unknown.
    expect(await figuresFor(prisma, SHOP, "campaign", String(data.summer.id), RANGE)).toEqual({
      orders: 2,
      redemptions: 2,
      influenced: 1,
      leaked: 0,
      applied: 1,
      grossRevenue: "85.00",
      lineDiscount: "0.00",
      orderDiscount: "16.00",
      shippingDiscount: "5.00",
      discountGiven: "21.00",
      netRevenue: "64.00",
      cogs: "22.00",
      linesWithoutCost: 1,
      grossProfit: null,
      influencedRevenue: "40.00",
      aov: "32.00",
      newCustomers: 1,
      returningCustomers: 0,
    });
    // The code key is upper-cased whatever the shopper typed ("summer" on O4).
    expect((await figuresFor(prisma, SHOP, "code", "summer", RANGE)).redemptions).toBe(2);
  });

  it("per code, labelled, most net revenue first; a campaign's codes on their own", async () => {
    const codes = await figuresBy(prisma, SHOP, "code", RANGE);
    // Net: SUMMER 64, VIP-001 54, VIP-002 45, VIP-003 27, RANDOM5 15.
    expect(codes.map((row) => [row.key, row.label, row.figures.netRevenue])).toEqual([
      ["SUMMER", "SUMMER", "64.00"],
      ["VIP-001", "VIP-001", "54.00"],
      ["VIP-002", "VIP-002", "45.00"],
      ["VIP-003", "VIP-003", "27.00"],
      ["RANDOM5", "RANDOM5", "15.00"],
    ]);
    // VIP-002 on O2: gross 45 + 5 = 50.00, profit 45 − 4 = 41.00, leaked, returning customer.
    expect(codes[2].figures).toMatchObject({
      orders: 1,
      leaked: 1,
      influenced: 0,
      grossRevenue: "50.00",
      orderDiscount: "5.00",
      grossProfit: "41.00",
      aov: "45.00",
      returningCustomers: 1,
    });
    // RANDOM5 belongs to no campaign: applied; only in the code and shop figures.
    expect(codes[4].figures).toMatchObject({ applied: 1, grossRevenue: "20.00", grossProfit: "11.00" });

    // The top 2 codes by influenced revenue: VIP-001 54.00, SUMMER 40.00 (the rest have none).
    expect((await figuresBy(prisma, SHOP, "code", RANGE, { limit: 2 })).map((row) => [row.key, row.figures.influencedRevenue])).toEqual([
      ["VIP-001", "54.00"],
      ["SUMMER", "40.00"],
    ]);

    const vipCodes = await figuresBy(prisma, SHOP, "code", RANGE, { campaignId: data.vip.id });
    expect(vipCodes.map((row) => row.key)).toEqual(["VIP-001", "VIP-002", "VIP-003"]);

    expect((await figuresBy(prisma, SHOP, "campaign", RANGE)).map((row) => [row.key, row.label, row.figures.influencedRevenue])).toEqual([
      [String(data.vip.id), "VIP email", "54.00"],
      [String(data.summer.id), "Summer social", "40.00"],
    ]);
    expect((await figuresBy(prisma, SHOP, "pool", RANGE)).map((row) => [row.key, row.label])).toEqual([[String(data.pool.id), "VIP pool"]]);
    expect((await figuresBy(prisma, SHOP, "channel", RANGE)).map((row) => [row.key, row.label])).toEqual([
      ["email", "Email"],
      ["social", "Social"],
    ]);
  });

  it("the whole shop: orders with codes counted once each, day by day", async () => {
    // Code orders O1 O2 O3 O4 O7 O8: 6 orders, 6 redemptions; influenced O1 O3, leaked O2,
    // applied O4 O7 O8. Line 9, order 5 + 16 + 5 = 26, shipping 5 → 40.00. Net 54 + 45 + 40 +
    // 24 + 27 + 15 = 205.00, gross 245.00. COGS 20 + 4 + 10 + 12 + 10 + 4 = 60.00, scarf unknown
    // → profit null. Influenced 54 + 40 = 94.00. AOV 205 / 6 = 34.166… → 34.17. New O1 O3 O7,
    // returning O2 O8.
    expect(await shopFigures(prisma, SHOP, RANGE)).toEqual({
      orders: 6,
      redemptions: 6,
      influenced: 2,
      leaked: 1,
      applied: 3,
      grossRevenue: "245.00",
      lineDiscount: "9.00",
      orderDiscount: "26.00",
      shippingDiscount: "5.00",
      discountGiven: "40.00",
      netRevenue: "205.00",
      cogs: "60.00",
      linesWithoutCost: 1,
      grossProfit: null,
      influencedRevenue: "94.00",
      aov: "34.17",
      newCustomers: 3,
      returningCustomers: 2,
    });
    // 11-09 nothing; 11-10 O1–O4 (net 163.00); 11-11 O7 O8 (net 42.00, profit 42 − 14 = 28.00).
    const series = await dailySeries(prisma, SHOP, "campaign", null, { from: "2026-11-09", to: "2026-11-11" });
    expect(series.map((day) => [day.day, day.figures.orders, day.figures.netRevenue, day.figures.grossProfit])).toEqual([
      ["2026-11-09", 0, "0.00", "0.00"],
      ["2026-11-10", 4, "163.00", null],
      ["2026-11-11", 2, "42.00", "28.00"],
    ]);
    const vipSeries = await dailySeries(prisma, SHOP, "campaign", String(data.vip.id), RANGE);
    expect(vipSeries.map((day) => day.figures.netRevenue)).toEqual(["99.00", "27.00"]);
  });

  it("AOV lift against the store's orders without any code in the same days", async () => {
    // Without a code: O5 30.00 and O6 50.00 → 40.00.
    // VIP email 42.00 → +5%; Summer 32.00 → −20%; every code order 34.17 → (34.17 − 40) / 40.
    expect(await aovLift(prisma, SHOP, "campaign", String(data.vip.id), RANGE)).toEqual({
      withCode: "42.00",
      withoutCode: "40.00",
      lift: expect.closeTo(0.05, 10),
    });
    expect(await aovLift(prisma, SHOP, "campaign", String(data.summer.id), RANGE)).toEqual({
      withCode: "32.00",
      withoutCode: "40.00",
      lift: expect.closeTo(-0.2, 10),
    });
    expect(await aovLift(prisma, SHOP, "campaign", null, RANGE)).toEqual({ withCode: "34.17", withoutCode: "40.00", lift: expect.closeTo(-0.14575, 10) });
    // Only 11-11: O6 50.00 without a code; VIP-003's O7 27.00 → −46%.
    expect(await aovLift(prisma, SHOP, "code", "VIP-003", { from: "2026-11-11", to: "2026-11-11" })).toEqual({
      withCode: "27.00",
      withoutCode: "50.00",
      lift: expect.closeTo(-0.46, 10),
    });
    // A day without code orders has no AOV with a code and so no lift.
    expect(await aovLift(prisma, SHOP, "campaign", String(data.vip.id), { from: "2026-11-12", to: "2026-11-12" })).toEqual({
      withCode: null,
      withoutCode: null,
      lift: null,
    });
  });
});

describe("influence classification", () => {
  const owner = { campaignId: 1, couponId: 2, assignedEmail: "ana@example.com", campaignTag: "summer26" };

  it("a unique code by its recipient is influenced, by anyone else leaked, without an email not judged", () => {
    expect(classifyInfluence(SHOP, owner, "ana@example.com", null)).toBe("influenced");
    expect(classifyInfluence(SHOP, owner, "bo@example.com", "/?utm_campaign=summer26")).toBe("leaked");
    expect(classifyInfluence(SHOP, owner, null, null)).toBe("applied");
    // A recipient forgotten through customers/redact is still recognised through the keyed hash.
    expect(classifyInfluence(SHOP, { ...owner, assignedEmail: redactedEmail(SHOP, "ana@example.com") }, "ana@example.com", null)).toBe("influenced");
  });

  it("a shared code is influenced only with the campaign's UTM or landing-site tag", () => {
    const shared = { campaignId: 1, couponId: null, assignedEmail: null, campaignTag: "Summer26" };
    expect(classifyInfluence(SHOP, shared, "x@example.com", "/?utm_campaign=summer26")).toBe("influenced");
    expect(classifyInfluence(SHOP, shared, "x@example.com", "https://shop.example/pages/summer26-lookbook")).toBe("influenced");
    expect(classifyInfluence(SHOP, shared, "x@example.com", "/?utm_campaign=winter")).toBe("applied");
    expect(classifyInfluence(SHOP, shared, "x@example.com", "/pages/summer2626")).toBe("applied");
    expect(classifyInfluence(SHOP, { ...shared, campaignTag: null }, "x@example.com", "/?utm_campaign=summer26")).toBe("applied");
    // A code of no campaign is applied whatever it carries.
    expect(classifyInfluence(SHOP, { campaignId: null, couponId: null, assignedEmail: null }, "x@example.com", "/?utm_campaign=summer26")).toBe("applied");
    expect(carriesCampaignTag("summer26", null)).toBe(false);
  });

  it("is stored on every redemption, with the leaked flag kept in step", async () => {
    const rows = await prisma.redemption.findMany({
      where: { shopDomain: SHOP },
      orderBy: { orderId: "asc" },
      select: { codeKey: true, influence: true, leaked: true },
    });
    expect(rows.map((row) => [row.codeKey, row.influence, row.leaked])).toEqual([
      ["VIP-001", "influenced", false],
      ["VIP-002", "leaked", true],
      ["SUMMER", "influenced", false],
      ["SUMMER", "applied", false],
      ["VIP-003", "applied", false],
      ["RANDOM5", "applied", false],
    ]);
  });
});

describe("incremental upkeep", () => {
  it("the cells kept by the jobs equal a rebuild from scratch, and repeats change nothing", async () => {
    const incremental = await rollupCells(SHOP);
    expect(incremental.length).toBeGreaterThan(10);
    // Shopify repeats every webhook: recording the same orders again queues the same days.
    for (const order of ORDERS) await record(SHOP, order);
    await runJobs();
    expect(await rollupCells(SHOP)).toEqual(incremental);
    await rebuildShopRollups(prisma, SHOP);
    expect(await rollupCells(SHOP)).toEqual(incremental);
  });

  it("an order edit updates the figures; an older version arriving late changes nothing", async () => {
    // O2 edited: 2 pairs of socks @50 = 100, VIP-002's order discount 10.00 → subtotal 90, cogs 8.
    const edited: OrderSpec = {
      ...ORDERS[1],
      updatedAt: "2026-11-12T09:00:00Z",
      lines: [{ variant: VARIANT.socks, quantity: 2, price: "50.00" }],
      discounts: [{ code: "VIP-002", level: "order", amounts: ["10.00"] }],
    };
    await record(SHOP, edited);
    await runJobs();
    // VIP email: net 54 + 90 + 27 = 171.00, discount 9 + 10 = 19.00, cogs 20 + 8 + 10 = 38.00.
    const vip = await figuresFor(prisma, SHOP, "campaign", String(data.vip.id), RANGE);
    expect(vip).toMatchObject({
      orders: 3,
      netRevenue: "171.00",
      discountGiven: "19.00",
      orderDiscount: "10.00",
      cogs: "38.00",
      grossProfit: "133.00",
      aov: "57.00",
    });
    await record(SHOP, ORDERS[1]);
    await runJobs();
    expect(await figuresFor(prisma, SHOP, "campaign", String(data.vip.id), RANGE)).toEqual(vip);
  });

  it("an edit that moves an order to another day recomputes both days", async () => {
    const moved: OrderSpec = { ...ORDERS[7], at: "2026-11-12T10:00:00Z", updatedAt: "2026-11-12T11:00:00Z" };
    await record(SHOP, moved);
    await runJobs();
    expect((await figuresFor(prisma, SHOP, "code", "RANDOM5", RANGE)).orders).toBe(0);
    expect((await figuresFor(prisma, SHOP, "code", "RANDOM5", { from: "2026-11-12", to: "2026-11-12" })).orders).toBe(1);
    const before = await rollupCells(SHOP);
    await rebuildShopRollups(prisma, SHOP);
    expect(await rollupCells(SHOP)).toEqual(before);
  });

  it("a campaign's tag set later reclassifies its shared code's orders", async () => {
    const { reclassifyCampaign } = await import("~/domain/analytics/influence.server");
    // O4 landed on /products/socks: a tag "socks" makes it influenced too (24.00 more).
    await prisma.campaign.update({ where: { id: data.summer.id }, data: { utmCampaign: "socks" } });
    await reclassifyCampaign(prisma, SHOP, data.summer.id);
    await runJobs();
    // Now O3 (utm summer26) is no longer tagged: only O4 is influenced.
    expect(await figuresFor(prisma, SHOP, "campaign", String(data.summer.id), RANGE)).toMatchObject({ influenced: 1, applied: 1, influencedRevenue: "24.00" });
  });
});

describe("fraud checks after orders", () => {
  const refreshJobs = () => prisma.job.findMany({ where: { shopDomain: SHOP, type: FRAUD_REFRESH_JOB } });

  it("queues one check a few minutes after new code uses, however many arrive; an order without a code queues none", async () => {
    await prisma.job.deleteMany({ where: { type: FRAUD_REFRESH_JOB } });
    await record(SHOP, { ...ORDERS[4], id: 105 });
    expect(await refreshJobs()).toEqual([]);
    const start = Date.now();
    await record(SHOP, { ...ORDERS[0], id: 101 });
    await record(SHOP, { ...ORDERS[3], id: 104 });
    const jobs = await refreshJobs();
    expect(jobs.map((job) => job.status)).toEqual(["queued"]);
    expect(jobs[0].runAt.getTime()).toBeGreaterThanOrEqual(start + FRAUD_REFRESH_DELAY_MS);
    expect(jobs[0].runAt.getTime()).toBeLessThanOrEqual(Date.now() + FRAUD_REFRESH_DELAY_MS);
  });
});

describe("shop-local days", () => {
  it("an order counts on the shop's calendar day, not UTC's", async () => {
    const shop = "tz-shop.myshopify.com";
    await givenShop(shop, "America/New_York");
    // 03:00 UTC on 11-11 is 22:00 on 11-10 in New York.
    await record(shop, {
      id: 50,
      at: "2026-11-11T03:00:00Z",
      email: "x@example.com",
      lines: [{ variant: VARIANT.shirt, quantity: 1, price: "30.00" }],
      discounts: [{ code: "LATE", level: "order", amounts: ["3.00"] }],
    });
    await runJobs();
    const series = await dailySeries(prisma, shop, "code", "LATE", { from: "2026-11-10", to: "2026-11-11" });
    expect(series.map((day) => [day.day, day.figures.orders])).toEqual([
      ["2026-11-10", 1],
      ["2026-11-11", 0],
    ]);
    expect(defaultRange("America/New_York", new Date("2026-11-11T03:00:00Z"), 7)).toEqual({ from: "2026-11-04", to: "2026-11-10" });
  });
});

describe("shop isolation", () => {
  it("every read function sees only its own shop, even with the same order ids, codes and campaign ids", async () => {
    // The other shop: the same order ids and codes, different amounts, no campaigns.
    await record(OTHER, {
      ...ORDERS[0],
      lines: [{ variant: VARIANT.shirt, quantity: 1, price: "500.00" }],
      discounts: [{ code: "VIP-001", level: "line", amounts: ["50.00"] }],
    });
    await record(OTHER, { ...ORDERS[4], lines: [{ variant: VARIANT.shirt, quantity: 1, price: "900.00" }] });
    await runJobs();

    expect((await shopFigures(prisma, SHOP, RANGE)).netRevenue).toBe("205.00");
    expect((await figuresFor(prisma, SHOP, "code", "VIP-001", RANGE)).netRevenue).toBe("54.00");
    expect((await aovLift(prisma, SHOP, "campaign", null, RANGE)).withoutCode).toBe("40.00");

    // Asked with this shop's campaign, pool and channel keys, the other shop has nothing.
    const vipKey = String(data.vip.id);
    expect(await figuresFor(prisma, OTHER, "campaign", vipKey, RANGE)).toMatchObject({ orders: 0, netRevenue: "0.00", aov: null });
    expect((await figuresFor(prisma, OTHER, "pool", String(data.pool.id), RANGE)).orders).toBe(0);
    expect((await figuresFor(prisma, OTHER, "channel", "email", RANGE)).orders).toBe(0);
    expect(await figuresBy(prisma, OTHER, "campaign", RANGE)).toEqual([]);
    expect((await dailySeries(prisma, OTHER, "campaign", vipKey, RANGE)).every((day) => day.figures.orders === 0)).toBe(true);
    expect(await aovLift(prisma, OTHER, "campaign", vipKey, RANGE)).toEqual({ withCode: null, withoutCode: "900.00", lift: null });
    // Its own code figures: 500 − 50 = 450.00, unaffected by this shop.
    expect((await figuresBy(prisma, OTHER, "code", RANGE)).map((row) => [row.key, row.figures.netRevenue])).toEqual([["VIP-001", "450.00"]]);
    expect((await shopFigures(prisma, OTHER, RANGE)).orders).toBe(1);

    // Rebuilding one shop leaves the other's cells alone.
    const others = await rollupCells(OTHER);
    await rebuildShopRollups(prisma, SHOP);
    expect(await rollupCells(OTHER)).toEqual(others);
  });
});
