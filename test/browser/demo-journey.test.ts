import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_NAV } from "~/components/navigation";
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
