import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import { RANGE_QUERY, seedAnalytics } from "./screens-fixture";

// CSV exports of the analytics tables, as the Export CSV buttons download them.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let seeded: Awaited<ReturnType<typeof seedAnalytics>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
  seeded = await seedAnalytics();
});
afterAll(() => app.close());

const download = async (query: string, shop = TEST_SHOP) => app.fetch(await adminRequest(`/app/analytics/export?${query}`, {}, shop));
const lines = (text: string) => text.split("\r\n").filter(Boolean);

const HEADER =
  "Influenced revenue,Redemptions,Orders,Influenced,Leaked,Applied,Gross revenue,Line discount,Order discount,Shipping discount,Discount given,Net revenue,Cost of goods (known lines),Lines without cost,Gross profit,AOV,AOV lift vs orders without code,New customers,Returning customers,Currency";

describe("analytics CSV export", () => {
  it("exports the codes table with every figure, unformatted, and names the file after the period", async () => {
    const response = await download(`table=codes&${RANGE_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="codes-2026-11-01-to-2026-11-21.csv"');
    const [header, ...rows] = lines(await response.text());
    expect(header).toBe(`Code,Key,${HEADER}`);
    expect(rows).toEqual([
      // Gross profit empty (1 line without cost); AOV 67.50 vs 60.00 without a code: +12.5%.
      "AUTUMN10,AUTUMN10,90.00,2,2,1,0,1,155.00,15.00,0.00,5.00,20.00,135.00,50.00,1,,67.50,0.1250,1,1,USD",
      // 200 ÷ 60 − 1 = 2.3333
      "VIP-ONE,VIP-ONE,0.00,1,1,0,1,0,240.00,40.00,0.00,0.00,40.00,200.00,80.00,0,120.00,200.00,2.3333,1,0,USD",
    ]);
  });

  it("neutralises a name a spreadsheet would run as a formula", async () => {
    const text = await (await download(`table=pools&${RANGE_QUERY}`)).text();
    const [, row] = lines(text);
    expect(row.startsWith(`"'=HYPERLINK(""https://evil.example"",""VIP codes"")",${seeded.pool.id},`)).toBe(true);
  });

  it("exports campaigns and channels, each shop only its own rows", async () => {
    const campaigns = lines(await (await download(`table=campaigns&${RANGE_QUERY}`)).text());
    expect(campaigns.slice(1).map((row) => row.split(",").slice(0, 4))).toEqual([
      ["Autumn email", String(seeded.autumn.id), "90.00", "2"],
      ["VIP pool", String(seeded.vip.id), "0.00", "1"],
    ]);
    const channels = lines(await (await download(`table=channels&${RANGE_QUERY}`)).text());
    expect(channels.slice(1).map((row) => row.split(",")[0])).toEqual(["Email", "Influencer"]);
    const other = await (await download(`table=campaigns&${RANGE_QUERY}`, OTHER_SHOP)).text();
    expect(other).not.toContain("VIP pool");
    expect(other).toContain("Other shop secret");
  });

  it("exports a campaign's codes and its daily figures, and 404s another shop's campaign", async () => {
    const codes = lines(await (await download(`table=campaign-codes&campaign=${seeded.vip.id}&${RANGE_QUERY}`)).text());
    expect(codes.slice(1).map((row) => row.split(",")[0])).toEqual(["VIP-ONE"]);
    const daily = lines(await (await download(`table=daily&campaign=${seeded.autumn.id}&${RANGE_QUERY}`)).text());
    expect(daily).toHaveLength(22);
    expect(daily.find((row) => row.startsWith("2026-11-11,"))).toMatch(/^2026-11-11,0\.00,1,1,0,0,1,55\.00,/);
    expect((await download(`table=campaign-codes&campaign=${seeded.otherAutumn.id}&${RANGE_QUERY}`)).status).toBe(404);
    expect((await download(`table=daily&campaign=${seeded.otherAutumn.id}&${RANGE_QUERY}`)).status).toBe(404);
    expect((await download(`table=daily&code=SECRET50&${RANGE_QUERY}`)).status).toBe(404);
  });

  it("records every export in the shop's audit trail with who took which file of which period", async () => {
    const before = await prisma.auditEntry.count({ where: { action: "analytics.export" } });
    const response = await app.fetch(await adminRequest(`/app/analytics/export?table=channels&${RANGE_QUERY}`, {}, TEST_SHOP, "requester"));
    expect(response.status).toBe(200);
    const [entry] = await prisma.auditEntry.findMany({ where: { action: "analytics.export" }, orderBy: { id: "desc" }, take: 1 });
    expect(await prisma.auditEntry.count({ where: { action: "analytics.export" } })).toBe(before + 1);
    expect(entry).toMatchObject({ shopDomain: TEST_SHOP, actorId: (await testStaff("requester")).id, entityLabel: "channels-2026-11-01-to-2026-11-21.csv" });
    expect(entry.diff).toEqual({
      file: { before: null, after: "channels-2026-11-01-to-2026-11-21.csv" },
      from: { before: null, after: "2026-11-01" },
      to: { before: null, after: "2026-11-21" },
    });
    // A refused export took nothing out and records nothing.
    await download("table=everything&" + RANGE_QUERY);
    expect(await prisma.auditEntry.count({ where: { action: "analytics.export" } })).toBe(before + 1);
  });

  it.each([
    ["table=everything&" + RANGE_QUERY, 'Unknown table "everything". Choose one of: campaigns, codes, pools, channels, campaign-codes, daily.'],
    ["table=codes&from=2026-01-01&to=2027-06-30", "The period covers 546 days; choose at most 366 days."],
    ["table=codes&from=2026-02-30&to=2026-03-01", 'The start date "2026-02-30" isn\'t a date. Use the form YYYY-MM-DD, e.g. 2026-11-01.'],
  ])("refuses %s with the reason", async (query, message) => {
    const response = await download(query);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });
});
