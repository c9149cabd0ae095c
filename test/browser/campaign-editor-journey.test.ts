// A merchant builds each kind of campaign in the demo store's editor without help, in Chromium:
// (1) a percentage off a collection with a SKU left out, (2) a fixed amount off first orders,
// (3) free shipping under a rate cap on chosen days and hours, (4) buy 2 get 1 free and (5) spend
// tiers, using only the resource pickers, the store's lists, the builders and plain fields: no id,
// JSON or internal value is typed or shown. Each is published, then tested from its "Test this
// campaign" link in the cart simulator on a cart that qualifies: the discount applies. The editor
// is photographed at 1280 and 390 px and checked with axe (demo.ts fails on serious findings).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: Page;

const app = (path: string) => `${demo.url}/?to=${encodeURIComponent(path)}`;

beforeAll(async () => {
  session = await openDemoInChromium("campaign-editor");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

/** What the editor must never show a merchant: ids, JSON, the config's internal values, seconds of a time. */
const INTERNAL = [
  /gid:\/\//,
  /[{}]/,
  /\b(buyXGetY|fixedAmount|freeShipping|appliesTo|maxShippingRate|deliveryMethods|includedCollectionIds|excludedSkus)\b/,
  /\b(SHIPPING|PICK_UP|PICKUP_POINT|RETAIL|LOCAL)\b/,
  /\b(mon|tue|wed|thu|fri|sat|sun)\b/,
  /\blines\b/,
  /\b\d{2}:\d{2}:\d{2}\b/,
  /expected|got /,
];

async function expectMerchantWords() {
  const text = await page.locator("body").innerText();
  for (const pattern of INTERNAL) expect(text, `the editor shows ${pattern}`).not.toMatch(pattern);
}

async function openEditor() {
  await page.goto(app("/app/campaigns/new"));
  await page.getByRole("heading", { name: "New campaign" }).waitFor({ timeout: 60_000 });
  await page.getByLabel("Name", { exact: true }).waitFor();
}

async function basics(name: string, code: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Purpose").fill(`Editor journey: ${name}`);
  await page.getByLabel("Channel").selectOption({ label: "Email" });
  await page.getByLabel("Code", { exact: true }).fill(code);
}

// Polaris draws its own radio buttons and checkboxes over the real inputs: they are checked
// through them (force), as a click on the drawn control does.

/** Chooses items by name in Shopify's resource picker (the demo's stand-in). */
async function pick(button: string, dialog: string, titles: string[]) {
  await page.getByRole("button", { name: button }).first().click();
  const picker = page.getByRole("dialog", { name: dialog });
  for (const title of titles) {
    await picker.getByRole("searchbox").fill(title);
    const item = picker.locator("li", { hasText: title }).first();
    await item.waitFor();
    await item.locator("input").check();
  }
  await picker.getByRole("button", { name: "Select" }).click();
  await picker.waitFor({ state: "detached" });
}

/** Adds a value from one of the editor's lists (the store's SKUs, countries by name). */
async function choose(list: string, search: string, option: string) {
  await page.getByRole("combobox", { name: list }).fill(search);
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function publish() {
  await expectMerchantWords();
  await page.getByRole("button", { name: "Save and publish" }).click();
  await page.waitForURL((url) => /^\/app\/campaigns\/\d+$/.test(url.pathname), { timeout: 60_000 });
  await page.locator(".Polaris-Badge", { hasText: "Live" }).first().waitFor({ timeout: 30_000 });
  await expectMerchantWords();
}

/** From the campaign's page to the cart simulator with its code; builds the cart and tests it. */
async function testCart(name: string, products: [string, number][], setUp?: () => Promise<void>) {
  await page.getByRole("link", { name: "Test this campaign" }).click();
  await page.waitForURL((url) => url.pathname === "/app/campaigns/simulator", { timeout: 30_000 });
  await page.getByRole("button", { name: "Add products" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Add products" }).click();
  const picker = page.getByRole("dialog", { name: "Select products" });
  for (const [title] of products) {
    await picker.getByRole("searchbox").fill(title);
    const item = picker.locator("li", { hasText: title }).first();
    await item.waitFor();
    await item.locator("input").check();
  }
  await picker.getByRole("button", { name: "Select" }).click();
  const quantities = page.getByRole("spinbutton", { name: "Quantity" });
  await expect.poll(() => quantities.count()).toBe(products.length);
  for (const [index, [, quantity]] of products.entries()) await quantities.nth(index).fill(String(quantity));
  await setUp?.();
  await page.getByRole("button", { name: "Test cart" }).first().click();
  const result = page.getByRole("region", { name });
  await result.getByText("Applies", { exact: true }).waitFor({ timeout: 60_000 });
  return result;
}

describe("the campaign editor, as a merchant uses it", () => {
  it("builds, publishes and tests each kind of campaign with pickers, lists and builders", async () => {
    // Warm-up: Vite compiles the editor's and simulator's modules on their first request; the
    // journey starts on fresh loads once it has (see campaigns.test.ts).
    await openEditor();
    await page.waitForLoadState("networkidle");
    await page.goto(app("/app/campaigns/simulator"));
    await page.getByText("Test a cart").first().waitFor({ timeout: 90_000 });
    await page.waitForLoadState("networkidle");

    // (1) 20% off the Bedroom collection, the wool throw (SKU BED-003) left out.
    await openEditor();
    await basics("Bedroom 20", "BEDROOM20");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Percentage off" });
    await page.getByLabel("Percentage", { exact: true }).fill("20");
    await page.getByLabel("Specific products, collections or other items").check({ force: true });
    await pick("Choose collections", "Select collections", ["Bedroom"]);
    await page.getByText("1 collection chosen").waitFor();
    await page.getByLabel("Leave some items out").check({ force: true });
    await choose("SKUs excluded from the discount", "BED-003", "BED-003");
    const summary = page.getByRole("region", { name: "Summary" });
    await expect.poll(() => summary.innerText()).toMatch(/20% off items[\s\S]*Only these collections: Bedroom/);
    expect(await summary.innerText()).toContain("SKUs excluded from the discount: BED-003");
    await saveScreenshot(page, "editor-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "editor-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await publish();
    // Reopened from Shopify's answer: the chosen collection and SKU by name.
    await page.locator(".Polaris-Tag", { hasText: "Bedroom" }).first().waitFor();
    await page.locator(".Polaris-Tag", { hasText: "BED-003" }).first().waitFor();
    const bedroom = await testCart("Bedroom 20", [
      ["Linen duvet cover", 1],
      ["Wool throw", 1],
    ]);
    const rows = await bedroom.locator("tbody tr").allInnerTexts();
    expect(rows.find((row) => row.includes("Linen duvet cover"))).toMatch(/−\$37\.80/);
    expect(rows.find((row) => row.includes("Wool throw")) ?? "—").toMatch(/—/);

    // (2) 10.00 off a customer's first order.
    await openEditor();
    await basics("Welcome ten", "WELCOMETEN");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Fixed amount off" });
    await page.getByLabel("Amount", { exact: true }).fill("10.00");
    await page.getByLabel("Take it off").selectOption({ label: "Once per order" });
    await page.getByLabel("First order only").check({ force: true });
    await expect.poll(() => summary.innerText()).toMatch(/\$10\.00 off the order[\s\S]*First order only/);
    await publish();
    const welcome = await testCart("Welcome ten", [["Stoneware mug set", 1]]);
    expect(await welcome.innerText()).toMatch(/\$10\.00 off the order/);

    // (3) Free shipping on rates up to 15.00, to the United States, every day from 00:00 to 23:59.
    await openEditor();
    await basics("Free shipping under 15", "SHIPFREE15");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Free shipping" });
    await page.getByLabel("Only for shipping rates up to").fill("15.00");
    await page.getByLabel("Shipping", { exact: true }).check({ force: true });
    await choose("Deliver only to these countries", "United St", "United States");
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) await page.getByRole("button", { name: day }).click();
    await page.getByLabel(/Hours of the day \(shop time\): from/).fill("00:00");
    await page.getByLabel(/Hours of the day \(shop time\): until/).fill("23:59");
    await expect
      .poll(() => summary.innerText())
      .toMatch(/Free shipping on rates up to \$15\.00[\s\S]*United States[\s\S]*Monday, Tuesday[\s\S]*from 00:00 to 23:59/);
    await publish();
    const shipping = await testCart("Free shipping under 15", [["Linen apron", 1]], async () => {
      await page.getByLabel("Rate the shopper picks").fill("9.00");
    });
    expect(await shipping.innerText()).toMatch(/\$9\.00 off shipping/);

    // (4) Buy 2 get 1 free.
    await openEditor();
    await basics("Three for two", "THREEFORTWO");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Buy X, get Y" });
    await page.getByLabel("Number of items the customer buys").fill("2");
    await page.getByLabel("Number of items the customer gets").fill("1");
    await expect(page.getByLabel("Free", { exact: true }).isChecked()).resolves.toBe(true);
    await expect.poll(() => summary.innerText()).toMatch(/Buy 2 get 1 at 100% off/);
    await publish();
    const threeForTwo = await testCart("Three for two", [["Linen apron", 3]]);
    expect(await threeForTwo.innerText()).toMatch(/\$38\.00 off items/);

    // (5) Spend tiers: 10% from 100.00 spent, 15% from 200.00.
    await openEditor();
    await basics("Spend more save more", "SPENDMORE");
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Tiers by quantity or subtotal" });
    await page.getByLabel("The discount grows with").selectOption({ label: "Amount spent on eligible items" });
    await page.getByLabel("Tier 1: amount spent, at least").fill("100.00");
    await page.getByLabel("Tier 1: discount", { exact: true }).fill("10");
    await page.getByRole("button", { name: "Add tier" }).click();
    await page.getByLabel("Tier 2: amount spent, at least").fill("200.00");
    await page.getByLabel("Tier 2: discount", { exact: true }).fill("15");
    await page.getByRole("button", { name: "Add tier" }).click();
    await page.getByRole("button", { name: "Remove tier 3" }).click();
    await expect.poll(() => summary.innerText()).toMatch(/10% off from \$100\.00 spent, 15% off from \$200\.00 spent/);
    await publish();
    // Reopened, the tier table shows the saved tiers.
    await expect.poll(() => page.getByLabel("Tier 2: amount spent, at least").inputValue()).toBe("200.00");
    await expect(page.getByLabel("Tier 2: discount", { exact: true }).inputValue()).resolves.toBe("15");
    const tiers = await testCart("Spend more save more", [["Linen duvet cover", 2]]);
    // 2 × 189.00 = 378.00 reaches the second tier: 15%.
    expect(await tiers.innerText()).toMatch(/−\$56\.70/);
  }, 600_000);
});
