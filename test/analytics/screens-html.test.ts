import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { startRemixApp } from "../support/remix-server";
import { RANGE_QUERY, seedAnalytics } from "./screens-fixture";

// The analytics screens as HTML from the whole app: the server render must not crash on the
// charts (polaris-viz needs a browser; they draw after hydration) and must show the figures.
const EMPTY_SHOP = "empty-shop.myshopify.com";
let app: Awaited<ReturnType<typeof startRemixApp>>;
let seeded: Awaited<ReturnType<typeof seedAnalytics>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
  await installShop(EMPTY_SHOP);
  seeded = await seedAnalytics();
});
afterAll(() => app.close());

async function page(path: string, shop = TEST_SHOP) {
  const response = await app.fetch(await adminRequest(path, {}, shop));
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll("&#x27;", "'");
}

describe("analytics screens in HTML", () => {
  it("shows the dashboard's key figures, chart placeholders and top campaigns", async () => {
    const html = await page(`/app?${RANGE_QUERY}`);
    for (const text of [
      "Welcome to PromoGuard",
      "Influenced revenue",
      "Incremental profit",
      "No holdout experiments yet",
      "How holdouts measure profit",
      "Discount cost",
      "Live campaigns",
      "Open pool alerts",
      "$90.00",
      "$60.00",
      "Loading chart…",
      "Top campaigns by influenced revenue",
      "Autumn email",
      "Nov 1, 2026 – Nov 21, 2026",
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain(`href="/app/analytics/campaigns/${seeded.autumn.id}?${RANGE_QUERY.replace("&", "&amp;")}"`);
    expect(html).not.toContain("Polaris-EmptyState");
  });

  it("shows a shop without redemptions the empty state", async () => {
    const dashboard = await page("/app", EMPTY_SHOP);
    expect(dashboard).toContain("Polaris-EmptyState");
    expect(dashboard).toContain("No redemptions yet");
    expect(dashboard).toContain("Welcome to PromoGuard");
    const analytics = await page("/app/analytics", EMPTY_SHOP);
    expect(analytics).toContain("Polaris-EmptyState");
  });

  it("explains a refused period on the page", async () => {
    const html = await page("/app?from=2026-11-21&to=2026-11-01");
    expect(html).toContain("That period can't be shown");
    expect(html).toContain("The start date (Nov 21, 2026) is after the end date (Nov 1, 2026).");
  });

  it("shows the analytics tables with their export and the links to overlap and fraud review", async () => {
    const html = await page(`/app/analytics?${RANGE_QUERY}`);
    for (const text of [
      "Campaigns",
      "Codes",
      "Pools",
      "Channels",
      "Export CSV",
      "Overlap",
      "Fraud review",
      "Autumn email",
      "VIP pool",
      "Cost unknown for 1 line",
      "$67.50 (+12.5%)",
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('href="/app/analytics/overlap"');
    expect(html).toContain('href="/app/analytics/fraud"');
  });

  it("leads the campaign page with influenced revenue, then its charts, holdout and codes", async () => {
    const html = await page(`/app/analytics/campaigns/${seeded.autumn.id}?${RANGE_QUERY}`);
    for (const text of [
      "Autumn email",
      "Influenced revenue",
      "$90.00",
      "Influenced vs leaked vs applied",
      "Treated vs holdout",
      "AUTUMN10",
      "+12.5% vs $60.00 without",
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html.indexOf("Influenced revenue")).toBeLessThan(html.indexOf("Redemptions and revenue over time"));
  });

  it("shows one code's figures", async () => {
    const html = await page(`/app/analytics/codes/VIP-ONE?${RANGE_QUERY}`);
    for (const text of ["VIP-ONE", "Code of VIP pool", "$120.00", "100%"]) expect(html, text).toContain(text);
  });
});
