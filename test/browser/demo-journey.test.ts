import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_NAV } from "~/components/navigation";
import { startDemo, type RunningDemo } from "../../dev/demo/server";
import { launchChromium, MERCHANT_BROWSER, saveScreenshot } from "./chromium";

let demo: RunningDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The test harness configures a (test) Shopify app; the demo runs only without one.
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  demo = await startDemo({ port: 3100 + (process.pid % 500), dataDir: mkdtempSync(path.join(os.tmpdir(), "promoguard-demo-")) });
  browser = await launchChromium();
  page = await browser.newPage(MERCHANT_BROWSER);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

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
