import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];
let campaignId: number;

const DAY_MS = 86_400_000;

beforeAll(async () => {
  session = await openDemoInChromium("analytics");
  ({ demo, page } = session);
  // Code orders of the last days as the order webhooks would have recorded them, then the rollups
  // the analytics pages read (imported now: the modules read the demo's DATABASE_URL).
  const { default: prisma } = await import("~/db.server");
  const { rebuildShopRollups } = await import("~/domain/analytics/rollups.server");
  const shopDomain = DEMO_SHOP.domain;
  const campaign = await prisma.campaign.create({
    data: {
      shopDomain,
      name: "Welcome email",
      ownerName: "Dana Demo",
      ownerEmail: "dana@example.com",
      purpose: "Welcome new subscribers",
      channel: "email",
      config: "{}",
      codeSource: "shared",
      sharedCode: "WELCOME10",
      startsAt: new Date(Date.now() - 40 * DAY_MS),
      status: "live",
    },
  });
  campaignId = campaign.id;
  const orders = [
    { daysAgo: 9, subtotal: 80, discount: 8, influence: "influenced" },
    { daysAgo: 6, subtotal: 120, discount: 12, influence: "influenced" },
    { daysAgo: 6, subtotal: 60, discount: 6, influence: "applied" },
    { daysAgo: 3, subtotal: 150, discount: 15, influence: "influenced" },
    { daysAgo: 2, subtotal: 45, discount: 4.5, influence: "applied" },
  ];
  for (const [index, order] of orders.entries()) {
    const processedAt = new Date(Date.now() - order.daysAgo * DAY_MS);
    await prisma.redemption.create({
      data: {
        shopDomain,
        orderId: `gid://shopify/Order/analytics-${index}`,
        orderName: `#A${index}`,
        orderUpdatedAt: processedAt,
        processedAt,
        code: "WELCOME10",
        codeKey: "WELCOME10",
        campaignId: campaign.id,
        email: `shopper${index}@example.com`,
        newCustomer: index % 2 === 0,
        currency: "USD",
        presentmentCurrency: "USD",
        subtotal: order.subtotal,
        total: order.subtotal,
        totalDiscount: order.discount,
        codeDiscount: order.discount,
        shippingDiscount: 0,
        presentmentTotal: order.subtotal,
        recordedFrom: "webhook",
        influence: order.influence,
        cogs: order.subtotal * 0.4,
      },
    });
  }
  await rebuildShopRollups(prisma, shopDomain);
}, 120_000);

afterAll(() => session?.close());

describe("analytics in the demo store", () => {
  it("draws the dashboard's charts and opens a campaign's analytics", async () => {
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // Warm-up visit: Vite compiles the chart modules on first request; the journey starts fresh.
    await page.goto(demo.url, { timeout: 90_000 });
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    await page.goto(demo.url, { timeout: 60_000 });
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });

    for (const label of ["Influenced revenue", "Incremental profit", "Discount cost", "Live campaigns", "Open pool alerts"]) {
      await page.getByRole("heading", { name: label, exact: true }).first().waitFor();
    }
    // 80 + 120 + 150 influenced.
    await page.getByText("$350.00").first().waitFor();
    await page.locator('[data-chart="Revenue over time"] svg path').first().waitFor({ state: "attached", timeout: 30_000 });
    await page.locator('[data-chart="Redemptions over time"] svg').first().waitFor();
    expect(await page.locator("body").innerText()).not.toMatch(/Application Error|Unexpected Server Error/);
    await saveScreenshot(page, "analytics-dashboard");

    // The period picker: Last 7 days keeps only the orders of the last week in the URL's range.
    await page.getByRole("button", { name: /Change period/ }).click();
    await page.getByRole("button", { name: "Last 7 days", exact: true }).click();
    await page.getByRole("button", { name: "Apply" }).click();
    // The range goes into the URL by client-side navigation (history), which waitForURL does not see here.
    await expect.poll(() => new URL(page.url()).searchParams.get("from"), { timeout: 30_000 }).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole("button", { name: /Period: Last 7 days/ }).waitFor();

    await page.getByRole("link", { name: "Welcome email" }).first().click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe(`/app/analytics/campaigns/${campaignId}`);
    await page.getByRole("heading", { name: "Welcome email" }).first().waitFor();
    await page.locator('[data-chart="Revenue over time"] svg path').first().waitFor({ state: "attached", timeout: 30_000 });
    await page.locator('[data-chart="Influenced, leaked and applied redemptions"] svg path').first().waitFor({ state: "attached" });
    await page.getByText("Treated vs holdout").first().waitFor();
    expect(await page.locator("body").innerText()).not.toMatch(/Application Error|Unexpected Server Error/);
    await saveScreenshot(page, "analytics-campaign");

    await page.goto(`${demo.url}/?to=${encodeURIComponent("/app/analytics")}`);
    await page.getByRole("tab", { name: "Codes" }).click();
    await page.getByRole("link", { name: "WELCOME10" }).waitFor();
    await saveScreenshot(page, "analytics-tables");
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
