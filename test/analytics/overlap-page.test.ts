import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { startShopify } from "../campaigns/support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { campaign, seedOverlapShop } from "./overlap-support";

// The overlap page through the whole app in-process: its JSON, its CSV downloads and its shop scoping.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let stop: () => void;
let emulator: Awaited<ReturnType<typeof startShopify>>["emulator"];

beforeAll(async () => {
  ({ stop, emulator } = await startShopify({ withFunction: false }));
  app = await startRemixApp();
});
afterAll(async () => {
  await app?.close();
  stop();
});
beforeEach(async () => {
  await prisma.redemption.deleteMany();
  await prisma.shopOrder.deleteMany();
});

const ROUTE = "routes/app.analytics.overlap";
const send = async (path: string, shop = TEST_SHOP) => app.fetch(await adminRequest(path, {}, shop));
const data = (query: string) => `/app/analytics/overlap?${query}&_data=${encodeURIComponent(ROUTE)}`;
// Export CSV fetches the route's data request, as the page's button does.
const csv = (query: string, shop = TEST_SHOP) => send(data(query), shop);

// The window ends now (real time): put the synthetic shop's November 2026 inside a year's window.
const YEAR = "window=365&fullPriceDays=30";

describe("the overlap page", () => {
  it("shows this shop's figures and none of another shop's", async () => {
    await seedOverlapShop(TEST_SHOP);
    const mine = (await (await send(data(YEAR))).json()) as { report: { multiCode: { customer: string }[]; cannibalisation: { cannibalised: number } } };
    expect(mine.report.multiCode.map((row) => row.customer)).toContain("Customer 1");
    const theirs = (await (await send(data(YEAR), OTHER_SHOP)).json()) as {
      report: { multiCode: unknown[]; campaigns: unknown[]; cannibalisation: { redemptions: number } };
    };
    expect(theirs.report.multiCode).toEqual([]);
    expect(theirs.report.cannibalisation.redemptions).toBe(0);
  });

  it("exports each table as CSV, with cells a spreadsheet would run as formulas made inert", async () => {
    await seedOverlapShop(TEST_SHOP);
    await prisma.redemption.updateMany({ where: { shopDomain: TEST_SHOP, code: "LOYALTY15" }, data: { code: '=HYPERLINK("http://evil")' } });
    const response = await csv(`${YEAR}&export=customers`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="multi-code-customers-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Customer,Codes,Orders,Code discount,Gross order value,Effective discount %");
    expect(lines).toContain('Customer 1,"WELCOME10 (2026-11-01) → =HYPERLINK(""http://evil"") (2026-11-08)",2,25.00,200.00,12.5');
    // A cell that starts with "=" becomes text.
    const cannibalised = await (await csv(`${YEAR}&export=cannibalised`)).text();
    expect(cannibalised).toContain(`'=HYPERLINK`);
    expect(cannibalised.split("\r\n")[0]).toBe("Order,Date,Code,Customer,Code discount,Full-price order date,Full-price order total");
    const campaigns = await (await csv(`export=campaigns`)).text();
    expect(campaigns.split("\r\n")[0]).toBe("Campaign,Offer,Other campaign,Other offer,Products,From,Until,Can stack,Combined %");
  });

  it("exports nothing of another shop's data", async () => {
    await seedOverlapShop(TEST_SHOP);
    const theirs = await (await csv(`${YEAR}&export=customers`, OTHER_SHOP)).text();
    expect(theirs.trim().split("\r\n")).toEqual(["Customer,Codes,Orders,Code discount,Gross order value,Effective discount %"]);
  });

  it("names a bad control and the value it shows instead, and refuses an unknown export", async () => {
    const body = (await (await send(data("window=0"))).json()) as { errors: string[]; report: { windowDays: number } };
    expect(body.report.windowDays).toBe(30);
    expect(body.errors).toEqual(['Window must be a whole number of days from 1 to 365, got "0". Showing 30 days.']);
    const unknown = await csv("export=everything");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe('There is no table "everything" to download here. Choose one of: customers, campaigns, cannibalised.');
  });

  it("groups live offers that can stack by the collection they share, named as the shop names it", async () => {
    await prisma.campaign.deleteMany();
    const bedroom = emulator.seedFor(TEST_SHOP).collection({ title: "Bedroom" });
    const lines = (percentage: number) => ({
      version: 1,
      includedCollectionIds: [bedroom.id],
      effects: [{ type: "percentage", percentage, appliesTo: "lines" }],
    });
    await campaign(TEST_SHOP, { name: "BEDROOM30", config: lines(30), combinesWithProduct: true });
    await campaign(TEST_SHOP, { name: "SAVE25", config: lines(25), combinesWithProduct: true });
    await campaign(TEST_SHOP, { name: "SOLO10", config: lines(10) });
    type Groups = {
      report: {
        campaigns: { apart: number; groups: { scope: string; pairs: { first: { name: string }; second: { name: string }; combinedPercent: number }[] }[] };
      };
    };
    const body = (await (await send(data(YEAR))).json()) as Groups;
    // SOLO10 combines with nothing: its two pairs are left out by default.
    expect(body.report.campaigns.apart).toBe(2);
    expect(
      body.report.campaigns.groups.map((group) => [group.scope, group.pairs.map((pair) => [pair.first.name, pair.second.name, pair.combinedPercent])]),
    ).toEqual([["Collection “Bedroom”", [["BEDROOM30", "SAVE25", 47.5]]]]);
    const all = (await (await send(data(`${YEAR}&stacking=all`))).json()) as Groups;
    expect(all.report.campaigns.groups[0].pairs).toHaveLength(3);
    const html = await (await send(`/app/analytics/overlap?${YEAR}`)).text();
    expect(html).toContain("Collection “Bedroom”");
    expect(html).toContain("Up to 47.5% off one item when both apply");
    expect(html).not.toContain("gid://");
    const csvRows = (await (await csv(`${YEAR}&export=campaigns`)).text()).trim().split("\r\n");
    expect(csvRows[1]).toMatch(/^BEDROOM30,30% off items,SAVE25,25% off items,Collection “Bedroom”,.*,yes,47.5$/);
  });

  it("renders the page", async () => {
    const response = await send("/app/analytics/overlap");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Overlap and cannibalisation");
    expect(html).toContain("Customers who used more than one code");
  });
});
