import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("campaigns");
  ({ demo, page } = session);
  // A pool with codes, as the merchant would have made under Coupon Pools (imported now: the
  // pools module reads the demo's DATABASE_URL).
  const { createPool } = await import("~/domain/pools/pools.server");
  const { addCoupon } = await import("~/domain/pools/coupons.server");
  const { poolStore } = await import("~/domain/pools/store.server");
  const pool = await createPool(poolStore(), DEMO_SHOP.domain, "Newsletter codes");
  for (const code of ["NEWS-AB12", "NEWS-CD34", "NEWS-EF56"]) await addCoupon(poolStore(), pool, { code });
}, 120_000);

afterAll(() => session?.close());

describe("campaigns in the demo store", () => {
  it("creates a campaign on the demo store's pool with the resource picker and publishes it", async () => {
    // Warm-up visit: Vite's dev server compiles the campaign form's modules on first request;
    // a page that hydrates while Vite is still optimizing can be left broken, so the journey
    // itself starts on a fresh load.
    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    await page.locator("ui-nav-menu").getByRole("link", { name: "Campaigns", exact: true }).click();
    await page.getByRole("link", { name: "Create campaign" }).first().click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns/new", { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    await page.locator("ui-nav-menu").getByRole("link", { name: "Campaigns", exact: true }).click();
    await page.getByRole("link", { name: "Create campaign" }).first().click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns/new", { timeout: 30_000 });

    await page.getByLabel("Name", { exact: true }).fill("Newsletter 20% off");
    await page.getByLabel("Owner", { exact: true }).fill("Dana Demo");
    await page.getByLabel("Owner's email").fill("dana@example.com");
    await page.getByLabel("Purpose").fill("Thank newsletter subscribers");
    await page.getByLabel("Channel").selectOption("email");
    await page.getByLabel("Type", { exact: true }).selectOption("percentage");
    await page.getByLabel("Percentage", { exact: true }).fill("150");
    await page.getByLabel("Total uses allowed").fill("0");

    // The form checks itself with the action's schema: the problems show on their fields and
    // nothing is posted until they are fixed.
    const posts: string[] = [];
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/app/campaigns/new") posts.push(request.url());
    });
    await page.getByRole("button", { name: "Save and publish" }).click();
    await page.getByText("Enter a percentage between 0.01 and 100, with at most 2 decimals.").waitFor({ timeout: 10_000 });
    await page.getByText("Enter a total number of uses above 0, or leave it empty for no limit.").waitFor();
    await page.getByText("The campaign wasn't saved").waitFor();
    expect(posts).toEqual([]);
    await saveScreenshot(page, "campaign-new-checked-in-browser");
    await page.getByLabel("Percentage", { exact: true }).fill("20");
    await page.getByLabel("Total uses allowed").fill("");

    // The editor asks what the discount covers first (Polaris draws the radio over its input).
    await page.getByLabel("Specific products, collections or other items").check({ force: true });
    await page.getByRole("button", { name: "Choose products" }).first().click();
    const picker = page.getByRole("dialog", { name: "Select products" });
    await picker.locator("li input").first().check();
    await picker.getByRole("button", { name: "Select" }).click();
    await page.getByText("1 product chosen").waitFor();

    await page.getByLabel("Codes come from").selectOption("pool");
    await page.getByLabel("Coupon pool").selectOption({ label: "Newsletter codes" });
    await saveScreenshot(page, "campaign-new-form");

    await page.getByRole("button", { name: "Save and publish" }).click();
    await page.waitForURL((url) => /^\/app\/campaigns\/\d+$/.test(url.pathname), { timeout: 30_000 });
    expect(posts).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await page.locator(".Polaris-Badge", { hasText: "Live" }).first().waitFor({ timeout: 30_000 });
    expect(await page.locator("body").innerText()).not.toMatch(/didn't go through|Application Error/);
    await saveScreenshot(page, "campaign-published");

    const shop = demo.store.emulator.store(DEMO_SHOP.domain);
    const discount = [...shop.discounts.values()].find((candidate) => candidate.title === "Newsletter 20% off");
    expect(discount).toMatchObject({ method: "CODE", kind: "APP", discountClasses: ["PRODUCT"] });
    expect(shop.redeemCodesOf(discount!.id).map((code) => code.code)).toEqual(["NEWS-AB12"]);
    // The compiled rules the function reads: the one chosen product, 20% off the lines.
    const rules = JSON.parse(shop.metafieldsOf(discount!.id).find((metafield) => metafield.key === "rules")!.value) as { i: [string, string][]; e: unknown[] };
    expect(rules.i).toHaveLength(1);
    expect(rules.i[0][1].split("\n").filter(Boolean)).toHaveLength(1);
    expect(rules.e).toEqual([["%", 20, "P"]]);

    await page.locator("ui-nav-menu").getByRole("link", { name: "Campaigns", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns", { timeout: 30_000 });
    await page.getByRole("link", { name: "Newsletter 20% off" }).waitFor();
    expect(await page.locator("tbody tr").first().innerText()).toMatch(/Newsletter 20% off[\s\S]*Live[\s\S]*Email[\s\S]*\b3\b/);
    await saveScreenshot(page, "campaigns-list");
  }, 180_000);
});
