// The merchant tests a cart in the demo store: from the live campaign "Autumn social", Test a cart
// opens with its code AUTUMN15 filled in; they add BASKET5 (5% over $300), pick a product with the
// resource picker and test the cart: AUTUMN15's 15% applies, BASKET5 is refused with the words the
// shopper would read and why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CAMPAIGN, DEMO_SPEND_OFFER } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("simulator");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

describe("Test a cart in the demo store", () => {
  it("opens from a campaign with its code, builds a cart with the resource picker and shows a discount and a refusal", async () => {
    // Warm-up: Vite's dev server compiles the pages' modules on their first request; the journey
    // starts on a fresh load once it has (see campaigns.test.ts).
    await page.goto(`${demo.url}/?to=${encodeURIComponent("/app/campaigns/simulator")}`);
    await page.getByText("Test a cart").first().waitFor({ timeout: 90_000 });
    await page.waitForLoadState("networkidle");
    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });

    await page.locator("ui-nav-menu").getByRole("link", { name: "Campaigns", exact: true }).click();
    await page.getByRole("link", { name: DEMO_CAMPAIGN.name }).click();
    await page.waitForURL((url) => /^\/app\/campaigns\/\d+$/.test(url.pathname), { timeout: 30_000 });
    await page.getByRole("heading", { name: DEMO_CAMPAIGN.name }).waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Test a cart" }).click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns/simulator", { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get("code")).toBe(DEMO_CAMPAIGN.code);
    await expect.poll(() => page.getByRole("textbox", { name: "Code 1" }).inputValue(), { timeout: 30_000 }).toBe(DEMO_CAMPAIGN.code);

    await page.getByRole("button", { name: "Add a code" }).click();
    await page.getByRole("textbox", { name: "Code 2" }).fill(DEMO_SPEND_OFFER.code);
    await page.getByRole("button", { name: "Add products" }).click();
    const picker = page.getByRole("dialog", { name: "Select products" });
    await picker.locator("li input").first().check();
    await picker.getByRole("button", { name: "Select" }).click();
    // One duvet cover ($189): under BASKET5's $300.
    await page.getByRole("spinbutton", { name: "Quantity" }).first().fill("1");
    await page.getByRole("button", { name: "Test cart" }).first().click();

    const autumn = page.getByRole("region", { name: DEMO_CAMPAIGN.name });
    await autumn.getByText("Applies").waitFor({ timeout: 60_000 });
    const basket = page.getByRole("region", { name: DEMO_SPEND_OFFER.name });
    await basket.getByText("Refused").waitFor();
    const refusal = await basket.innerText();
    expect(refusal).toMatch(/The shopper sees: “BASKET5 needs 300\.00 USD of eligible items: add [\d.]+ USD more”/);
    expect(await autumn.innerText()).toMatch(/\$[\d.]+ off the order/);
    expect(await page.locator("body").innerText()).not.toMatch(/Application Error|gid:\/\//);
    await saveScreenshot(page, "simulator-results");
  }, 240_000);
});
