import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_NAV } from "~/components/navigation";
import { DEMO_CAMPAIGN, DEMO_ORDER_HISTORY, DEMO_SECOND_ORDER_HISTORY, DEMO_SECOND_SHOP, DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("demo-journey");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

describe("the offline demo store in Chromium", () => {
  it("opens signed in as the demo store's owner on the dashboard", async () => {
    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe("/app");
    await saveScreenshot(page, "demo-dashboard");
  }, 90_000);

  it("visits every page of the navigation", async () => {
    for (const item of APP_NAV) {
      await page.locator("ui-nav-menu").getByRole("link", { name: item.label, exact: true }).click();
      await page.waitForURL((url) => url.pathname === item.url, { timeout: 30_000 });
      await page.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
      const file = await saveScreenshot(page, `nav-${item.label.toLowerCase()}`);
      expect(file).toMatch(/\.png$/);
      expect(await page.locator("body").innerText()).not.toMatch(/Application Error|Unexpected Server Error/);
    }
  }, 120_000);
});

describe("the demo store's history", () => {
  it("is installed like a real store: its codes from before PromoGuard are listed as not governed, its past orders reach the analytics", async () => {
    await page.goto(`${demo.url}/?to=${encodeURIComponent("/app/campaigns/ungoverned")}`, { timeout: 90_000 });
    await page.waitForURL((url) => url.pathname === "/app/campaigns/ungoverned", { timeout: 60_000 });
    await page.getByText("Loyalty 15%").first().waitFor({ timeout: 60_000 });
    expect(await page.locator("body").innerText()).toContain("Welcome 10% (newsletter)");

    // The install queued the backfill of the store's past orders. The app's job worker does not
    // run under tests (NODE_ENV=test): the same worker, with the app's handlers and Admin client,
    // runs the due jobs here, in the demo's process (the modules read the demo's DATABASE_URL).
    const [{ createJobWorker }, { jobHandlers }, { unauthenticated }, { default: prisma }] = await Promise.all([
      import("~/jobs/worker.server"),
      import("~/jobs/handlers.server"),
      import("~/shopify.server"),
      import("~/db.server"),
    ]);
    const worker = createJobWorker({
      db: prisma,
      concurrency: 1,
      handlers: jobHandlers({ adminFor: async (shop) => (await unauthenticated.admin(shop)).admin }),
    });
    while ((await worker.runDueJobs()) > 0);
    expect(await prisma.shopOrder.count({ where: { shopDomain: DEMO_SHOP.domain } })).toBe(DEMO_ORDER_HISTORY.length);
    // The second demo store was installed the same way.
    expect(await prisma.shopOrder.count({ where: { shopDomain: DEMO_SECOND_SHOP.domain } })).toBe(DEMO_SECOND_ORDER_HISTORY.length);
    // The store's PromoGuard campaign: its orders through the tagged link are influenced.
    const autumn = await prisma.redemption.groupBy({ by: ["influence"], where: { code: DEMO_CAMPAIGN.code }, _count: true, orderBy: { influence: "asc" } });
    expect(autumn.map((row) => [row.influence, row._count])).toEqual([
      ["applied", 2],
      ["influenced", 4],
    ]);

    await page.goto(`${demo.url}/?to=${encodeURIComponent("/app/analytics")}`, { timeout: 90_000 });
    await page.waitForURL((url) => url.pathname === "/app/analytics", { timeout: 60_000 });
    await page.getByRole("tab", { name: "Codes" }).click({ timeout: 60_000 });
    for (const code of ["WELCOME10", "LOYALTY15", DEMO_CAMPAIGN.code]) await page.getByRole("link", { name: code }).first().waitFor({ timeout: 30_000 });
    await page.getByRole("tab", { name: "Campaigns" }).click();
    await page.getByRole("link", { name: DEMO_CAMPAIGN.name }).first().waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "demo-history-codes");
  }, 240_000);
});
