import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import type { DayFigures, KeyFigures } from "~/domain/analytics/types";
import { RANGE, RANGE_QUERY, seedAnalytics } from "./screens-fixture";

// The analytics screens' loaders through the whole app (real session tokens, Remix routing),
// on the hand-counted dataset of screens-fixture.ts.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let seeded: Awaited<ReturnType<typeof seedAnalytics>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
  seeded = await seedAnalytics();
});
afterAll(() => app.close());

const send = async (path: string, shop = TEST_SHOP) => app.fetch(await adminRequest(path, {}, shop));
/** A route's loader data as JSON, the way Remix's client asks for it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loader JSON, checked field by field below
async function loaderData<T = Record<string, any>>(path: string, routeId: string, shop = TEST_SHOP): Promise<{ status: number; body: T }> {
  const response = await send(`${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`, shop);
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as T) : (null as T) };
}

describe("the dashboard loader", () => {
  it("sums the shop's code orders of the period from the rollups", async () => {
    const { status, body } = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index");
    expect(status).toBe(200);
    expect(body.range).toEqual(RANGE);
    expect(body.rangeError).toBeNull();
    expect(body.figures).toMatchObject({
      orders: 3,
      redemptions: 3,
      influenced: 1,
      leaked: 1,
      applied: 1,
      // 90 + 45 + 200; the influenced order is #1001 only.
      netRevenue: "335.00",
      influencedRevenue: "90.00",
      // 10 + (5 + 5 shipping) + 40
      discountGiven: "60.00",
      // net + discounts: 100 + 55 + 240
      grossRevenue: "395.00",
      // #1002 has a line without a cost, so profit can't be told.
      grossProfit: null,
      linesWithoutCost: 1,
      newCustomers: 2,
      returningCustomers: 1,
    });
    expect(body.liveCampaigns).toBe(2);
    expect(body.incrementalProfit).toEqual({ total: null, campaignsWithHoldout: 0, withoutEstimate: 0 });
    expect(body.hasRedemptions).toBe(true);
    expect(body.topCampaigns.map((row: { label: string }) => row.label)).toEqual(["Autumn email", "VIP pool"]);
  });

  it("puts each order on its New York day, every day of the range in the series", async () => {
    const { body } = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index");
    expect(body.series).toHaveLength(21);
    const perDay = Object.fromEntries(
      body.series.filter((day: DayFigures) => day.figures.redemptions > 0).map((day: DayFigures) => [day.day, day.figures.netRevenue]),
    );
    // #1002 was placed at 03:00 UTC on Nov 12: 22:00 on Nov 11 in New York.
    expect(perDay).toEqual({ "2026-11-10": "90.00", "2026-11-11": "45.00", "2026-11-12": "200.00" });
  });

  it("shows the other shop only its own orders", async () => {
    const { body } = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index", OTHER_SHOP);
    expect(body.figures).toMatchObject({ redemptions: 2, netRevenue: "1500.00", influencedRevenue: "1500.00" });
    expect(body.liveCampaigns).toBe(2);
    expect(body.topCampaigns.map((row: { label: string }) => row.label).sort()).toEqual(["Autumn email", "Other shop secret"]);
  });

  it("refuses a period that ends before it starts, says why, and shows the last 30 days instead", async () => {
    const { status, body } = await loaderData("/app?from=2026-11-21&to=2026-11-01", "routes/app._index");
    expect(status).toBe(200);
    expect(body.rangeError).toBe("The start date (Nov 21, 2026) is after the end date (Nov 1, 2026).");
    expect(body.range.to).toBe(body.today);
  });
});

describe("the analytics tables", () => {
  it("lists every campaign, code, pool and channel with the figures of the period", async () => {
    const { status, body } = await loaderData(`/app/analytics?${RANGE_QUERY}`, "routes/app.analytics");
    expect(status).toBe(200);
    const { tables, aov } = body.index;
    // (50 + 70) ÷ 2 orders without a code; 335 ÷ 3 with one.
    expect(aov).toMatchObject({ withoutCode: "60.00", withCode: "111.67" });
    expect(tables.campaigns.map((row: KeyFigures) => [row.label, row.figures.influencedRevenue, row.figures.redemptions])).toEqual([
      ["Autumn email", "90.00", 2],
      ["VIP pool", "0.00", 1],
    ]);
    const autumn = tables.codes.find((row: KeyFigures) => row.key === "AUTUMN10");
    // "AUTUMN10" and "autumn10" are one code.
    expect(tables.codes.map((row: KeyFigures) => row.key).sort()).toEqual(["AUTUMN10", "VIP-ONE"]);
    expect(autumn.figures).toMatchObject({
      redemptions: 2,
      influenced: 1,
      applied: 1,
      netRevenue: "135.00",
      discountGiven: "20.00",
      aov: "67.50",
      newCustomers: 1,
      returningCustomers: 1,
    });
    expect(tables.pools).toEqual([expect.objectContaining({ key: String(seeded.pool.id), label: seeded.pool.name })]);
    expect(tables.pools[0].figures).toMatchObject({ redemptions: 1, leaked: 1, grossProfit: "120.00" });
    // Most influenced revenue first.
    expect(tables.channels.map((row: KeyFigures) => [row.key, row.label, row.figures.netRevenue])).toEqual([
      ["email", "Email", "135.00"],
      ["influencer", "Influencer", "200.00"],
    ]);
  });

  it("never includes the other shop's codes", async () => {
    const { body } = await loaderData(`/app/analytics?${RANGE_QUERY}`, "routes/app.analytics");
    expect(JSON.stringify(body)).not.toContain("SECRET50");
    expect(JSON.stringify(body)).not.toContain("1000.00");
  });
});

describe("the campaign analytics page", () => {
  it("leads with influenced revenue and lists the campaign's codes", async () => {
    const { status, body } = await loaderData(`/app/analytics/campaigns/${seeded.autumn.id}?${RANGE_QUERY}`, "routes/app.analytics.campaigns.$id");
    expect(status).toBe(200);
    expect(body.campaign).toMatchObject({ id: seeded.autumn.id, name: "Autumn email" });
    expect(body.figures).toMatchObject({
      influencedRevenue: "90.00",
      redemptions: 2,
      influenced: 1,
      leaked: 0,
      applied: 1,
      discountGiven: "20.00",
      grossProfit: null,
      linesWithoutCost: 1,
    });
    // 135 ÷ 2 = 67.50 against 60.00 without a code: +12.5%.
    expect(body.aov).toEqual({ withCode: "67.50", withoutCode: "60.00", lift: 0.125 });
    expect(body.codes.map((row: KeyFigures) => row.key)).toEqual(["AUTUMN10"]);
    expect(body.series).toHaveLength(21);
    expect(body.holdout).toBeNull();
  });

  it("gives a pool campaign its own codes and a profit when every cost is known", async () => {
    const { body } = await loaderData(`/app/analytics/campaigns/${seeded.vip.id}?${RANGE_QUERY}`, "routes/app.analytics.campaigns.$id");
    expect(body.codes.map((row: KeyFigures) => row.key)).toEqual(["VIP-ONE"]);
    // 200 net − 80 cost of goods.
    expect(body.figures).toMatchObject({ leaked: 1, influencedRevenue: "0.00", grossProfit: "120.00" });
  });

  it.each([
    ["another shop's campaign", () => String(seeded.otherAutumn.id)],
    ["a missing campaign", () => "999999"],
    ["a non-numeric id", () => "abc"],
  ])("answers 404 for %s", async (_case, id) => {
    expect((await send(`/app/analytics/campaigns/${id()}?${RANGE_QUERY}`)).status).toBe(404);
  });
});

describe("the code analytics page", () => {
  it("finds a code in any case and names its campaign", async () => {
    const { status, body } = await loaderData(`/app/analytics/codes/autumn10?${RANGE_QUERY}`, "routes/app.analytics.codes.$code");
    expect(status).toBe(200);
    expect(body.code).toBe("AUTUMN10");
    expect(body.campaign).toEqual({ id: seeded.autumn.id, name: "Autumn email" });
    expect(body.figures).toMatchObject({ redemptions: 2, influencedRevenue: "90.00", netRevenue: "135.00" });
  });

  it("names the campaign of a pool code", async () => {
    const { body } = await loaderData(`/app/analytics/codes/VIP-ONE?${RANGE_QUERY}`, "routes/app.analytics.codes.$code");
    expect(body.campaign).toEqual({ id: seeded.vip.id, name: "VIP pool" });
    expect(body.figures).toMatchObject({ redemptions: 1, leaked: 1 });
  });

  it.each([
    ["another shop's code", "SECRET50"],
    ["a code nobody has", "NOPE"],
  ])("answers 404 for %s", async (_case, code) => {
    expect((await send(`/app/analytics/codes/${code}?${RANGE_QUERY}`)).status).toBe(404);
  });
});

describe("the campaign page's headline", () => {
  it("gives the last 30 days of one of the shop's campaigns, and nothing for another shop's", async () => {
    const { campaignHeadline } = await import("~/features/analytics/analytics-data.server");
    const { default: prisma } = await import("~/db.server");
    // The fixture's orders are on Nov 10–12, 2026: within the last 30 days of Nov 22.
    const now = new Date("2026-11-22T12:00:00Z");
    expect(await campaignHeadline(prisma, TEST_SHOP, seeded.autumn.id, now)).toEqual({
      campaignId: seeded.autumn.id,
      range: { from: "2026-10-24", to: "2026-11-22" },
      currency: "USD",
      influencedRevenue: "90.00",
      redemptions: 2,
      influenced: 1,
      leaked: 0,
      applied: 1,
    });
    expect(await campaignHeadline(prisma, TEST_SHOP, seeded.otherAutumn.id, now)).toBeNull();
  });
});

describe("incremental profit on the dashboard", () => {
  it("says a live campaign holds recipients out before its comparison can be told", async () => {
    const { default: prisma } = await import("~/db.server");
    await prisma.campaign.update({ where: { id: seeded.vip.id }, data: { holdoutPercent: 10 } });
    try {
      const { body } = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index");
      expect(body.incrementalProfit).toEqual({ total: null, campaignsWithHoldout: 1, withoutEstimate: 1 });
      const html = await (await send(`/app?${RANGE_QUERY}`)).text();
      expect(html).toContain("Not measurable yet");
      expect(html).toContain("1 live campaign holds recipients out");
    } finally {
      await prisma.campaign.update({ where: { id: seeded.vip.id }, data: { holdoutPercent: 0 } });
    }
  });
});

describe("incremental profit once a holdout has recipients", () => {
  it("adds up the live campaigns' incremental profit against their held-out recipients", async () => {
    const { default: prisma } = await import("~/db.server");
    const pool = seeded.pool;
    const coupon = await prisma.coupon.findFirstOrThrow({ where: { poolId: pool.id } });
    await prisma.campaign.update({ where: { id: seeded.vip.id }, data: { holdoutPercent: 50, holdoutWindowDays: 14 } });
    const at = new Date("2026-11-05T12:00:00Z");
    for (const email of ["treated-1@example.com", "treated-2@example.com"]) {
      await prisma.couponAssignment.create({
        data: { shopDomain: TEST_SHOP, poolId: pool.id, couponId: coupon.id, code: coupon.code, email, source: "api", assignedAt: at },
      });
    }
    for (const email of ["held-1@example.com", "held-2@example.com"]) {
      await prisma.holdoutAssignment.create({
        data: { shopDomain: TEST_SHOP, poolId: pool.id, campaignId: seeded.vip.id, email, source: "api", assignedAt: at },
      });
    }
    // One treated recipient buys for 100.00 with 40.00 cost of goods the next day; nobody else buys.
    await prisma.shopOrder.create({
      data: {
        shopDomain: TEST_SHOP,
        orderId: "gid://shopify/Order/holdout-1",
        orderUpdatedAt: new Date("2026-11-06T12:00:00Z"),
        processedAt: new Date("2026-11-06T12:00:00Z"),
        email: "treated-1@example.com",
        subtotal: "100.00",
        total: "100.00",
        totalDiscount: "0",
        cogs: "40.00",
        hasCode: true,
      },
    });
    // Treated profit per recipient (60 + 0) ÷ 2 = 30.00 against 0.00 held out, for 2 recipients: 60.00.
    const { body } = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index");
    expect(body.incrementalProfit).toEqual({ total: "60.00", campaignsWithHoldout: 1, withoutEstimate: 0 });
    const html = await (await send(`/app?${RANGE_QUERY}`)).text();
    expect(html).toContain("Against holdout groups of 1 live campaign.");
    // The campaign page draws the comparison (its chart waits for the browser).
    const campaignPage = await send(`/app/analytics/campaigns/${seeded.vip.id}?${RANGE_QUERY}`);
    expect(campaignPage.status).toBe(200);
    const campaignHtml = await campaignPage.text();
    for (const text of ["Treated vs holdout", "Recipients", "Held out"]) expect(campaignHtml, text).toContain(text);
    const other = await loaderData(`/app?${RANGE_QUERY}`, "routes/app._index", OTHER_SHOP);
    expect(other.body.incrementalProfit.total).toBeNull();
  });
});

describe("a table with many rows", () => {
  it("shows the 100 rows with the most influenced revenue and says the export has them all", async () => {
    const { default: prisma } = await import("~/db.server");
    const shop = "many-codes.myshopify.com";
    await installShop(shop);
    await prisma.analyticsRollup.createMany({
      data: Array.from({ length: 101 }, (_, index) => ({
        shopDomain: shop,
        dimension: "code",
        key: `CODE-${index}`,
        day: "2026-11-10",
        orders: 1,
        redemptions: 1,
        influenced: 1,
        netRevenue: index,
        influencedRevenue: index,
      })),
    });
    const { body } = await loaderData(`/app/analytics?${RANGE_QUERY}`, "routes/app.analytics", shop);
    expect(body.index.counts.codes).toBe(101);
    expect(body.index.tables.codes).toHaveLength(100);
    expect(body.index.tables.codes[0].key).toBe("CODE-100");
    expect(body.index.tables.codes.map((row: KeyFigures) => row.key)).not.toContain("CODE-0");
    const html = await (await send(`/app/analytics?tab=codes&${RANGE_QUERY}`, shop)).text();
    expect(html).toContain("Showing the 100 codes with the most influenced revenue of 101; Export CSV has them all.");
    const csv = await (await send(`/app/analytics/export?table=codes&${RANGE_QUERY}`, shop)).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(102);
  });
});
