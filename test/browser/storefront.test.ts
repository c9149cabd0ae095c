import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FrameLocator, Page } from "playwright-core";
import { NO_CAPS, type CampaignInput } from "~/domain/campaigns/campaign-input";
import { DEMO_CUSTOMERS, DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { addToCart as addToCartIn, checkoutExtension, openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];
let poolId: number;
let campaignId: number;

/** A returning customer of the demo store (she has past orders), who was sent a unique code. */
const SHOPPER = DEMO_CUSTOMERS[0];
const SHOPPER_CODE = "THANKS-7QK2";
const DAY_MS = 86_400_000;

/** The app's job worker, run here: it does not run by itself under tests (NODE_ENV=test). */
async function runAppJobs() {
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
}

beforeAll(async () => {
  session = await openDemoInChromium("storefront");
  ({ demo, page } = session);
  // What the merchant set up in PromoGuard before this shopper came, besides the demo store's own
  // campaigns (5% off over $300 among them), imported now as the modules read the demo's
  // DATABASE_URL: a pool whose codes go to customers, 10% over $200 on its codes, and a first-order code.
  const [{ default: prisma }, { createCampaign }, { publishCampaign }, { createPool }, { addCoupon }, { poolStore }, { assignCoupon }, { unauthenticated }] =
    await Promise.all([
      import("~/db.server"),
      import("~/domain/campaigns/campaigns.server"),
      import("~/domain/campaigns/publishing.server"),
      import("~/domain/pools/pools.server"),
      import("~/domain/pools/coupons.server"),
      import("~/domain/pools/store.server"),
      import("~/domain/pools/assignments.server"),
      import("~/shopify.server"),
    ]);
  const { admin } = await unauthenticated.admin(DEMO_SHOP.domain);
  const pool = await createPool(poolStore(), DEMO_SHOP.domain, "Thank-you codes");
  poolId = pool.id;
  for (const code of [SHOPPER_CODE, "THANKS-9XM4"]) await addCoupon(poolStore(), pool, { code });
  const campaign = (overrides: Partial<CampaignInput> & Pick<CampaignInput, "name" | "config">): CampaignInput => ({
    ownerName: "Sofia Marchetti",
    ownerEmail: "sofia@promoguard-demo.example",
    purpose: "Bigger baskets",
    channel: "email",
    codeSource: "shared",
    sharedCode: null,
    generatedCount: null,
    generatedPrefix: null,
    generatedLength: null,
    poolId: null,
    startsAt: new Date(Date.now() - DAY_MS),
    endsAt: new Date(Date.now() + 30 * DAY_MS),
    usageLimit: null,
    oncePerCustomer: false,
    ...NO_CAPS,
    combinesWithProduct: false,
    combinesWithOrder: false,
    combinesWithShipping: true,
    stackingCategory: "joint",
    priority: 0,
    ...overrides,
  });
  const inputs = [
    campaign({
      name: "Thank-you 10% over $200",
      codeSource: "pool",
      poolId: pool.id,
      config: { version: 1, minimumSubtotal: "200.00", effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    }),
    campaign({
      name: "First order 20%",
      sharedCode: "FIRST20",
      config: { version: 1, firstOrder: true, effects: [{ type: "percentage", percentage: 20, appliesTo: "order" }] },
    }),
  ];
  for (const input of inputs) {
    const outcome = await publishCampaign(prisma, admin, await createCampaign(prisma, DEMO_SHOP.domain, input));
    if (!outcome.ok) throw new Error(`${input.name} could not be published: ${JSON.stringify(outcome.errors)}`);
    if (input.poolId) campaignId = outcome.campaign.id;
  }
  await assignCoupon(poolStore(), pool, { email: SHOPPER.email, source: "api" });
  await runAppJobs();
}, 180_000);

afterAll(() => session?.close());

const storefront = (path = "") => `${demo.url}/storefront${path}`;
const spendMore = (scope: Page | FrameLocator) => scope.locator(".promoguard-spend-more__message, s-text").filter({ hasText: /^Spend / });

const addToCart = (title: string, size?: string) => addToCartIn(page, demo.url, title, size);
const extension = (target: string) => checkoutExtension(page, target);

describe("a shopper in the demo storefront", () => {
  it("sees how much more to spend in the cart and at checkout, uses a code, and has one refused with the reason", async () => {
    await page.goto(storefront(), { timeout: 90_000 });
    // Logging in as a demo customer submits the form: the page reloads as her.
    await Promise.all([
      page.waitForEvent("load"),
      page.getByLabel("Shopping as").selectOption({ label: `${SHOPPER.firstName} ${SHOPPER.lastName} · returning customer` }),
    ]);

    // $69 + $45: the cart drawer (app embed) and the cart page (app block) count down to $200.
    await addToCart("Cast iron skillet");
    await addToCart("Velvet cushion", "Small · $45.00");
    await expect.poll(() => spendMore(page).innerText()).toBe("Spend $86.00 more to get 10% off");
    await saveScreenshot(page, "storefront-cart-drawer");
    await page.goto(storefront("/cart"));
    await expect.poll(() => spendMore(page).innerText()).toBe("Spend $86.00 more to get 10% off");
    expect(await page.locator(".promoguard-spend-more__track").getAttribute("aria-valuenow")).toBe("57");
    // A screen reader announces the bar by the message it illustrates.
    expect(await page.getByRole("progressbar", { name: "Spend $86.00 more to get 10% off" }).count()).toBeGreaterThan(0);

    // Checkout: the UI extension says the same under the discount field and in its block.
    await page.getByRole("link", { name: "Check out" }).click();
    await page.waitForURL((url) => url.pathname === "/storefront/checkout");
    await expect
      .poll(() => spendMore(extension("purchase.checkout.reductions.render-after")).innerText(), { timeout: 30_000 })
      .toBe("Spend $86.00 more to get 10% off");
    await expect.poll(() => spendMore(extension("purchase.checkout.block.render")).innerText()).toBe("Spend $86.00 more to get 10% off");
    expect(await extension("purchase.checkout.reductions.render-after").locator("s-progress").getAttribute("aria-valuenow")).toBe("57");
    await extension("purchase.checkout.reductions.render-after").getByRole("progressbar", { name: "Spend $86.00 more to get 10% off" }).waitFor();

    // One more item ($95): past $200, the next offer is the store's 5% at $300, in both places.
    await addToCart("Pour-over kettle", "Small · $95.00");
    await expect.poll(() => spendMore(page).innerText()).toBe("Spend $91.00 more to get 5% off");
    await page.goto(storefront("/cart"));
    await expect.poll(() => spendMore(page).innerText()).toBe("Spend $91.00 more to get 5% off");
    await saveScreenshot(page, "storefront-cart");
    await page.goto(storefront("/checkout"));
    await expect
      .poll(() => spendMore(extension("purchase.checkout.reductions.render-after")).innerText(), { timeout: 30_000 })
      .toBe("Spend $91.00 more to get 5% off");

    // Two codes: hers applies 10% to the order; the first-order code is refused with the function's reason.
    for (const code of [SHOPPER_CODE, "FIRST20"]) {
      await page.getByLabel("Discount code").fill(code);
      await page.getByRole("button", { name: "Apply" }).click();
      await page.locator(".codes li", { hasText: code }).waitFor();
    }
    await page.locator(".code.applied", { hasText: SHOPPER_CODE }).waitFor();
    expect(await page.locator(".code.refused").innerText()).toContain("FIRST20 is for first orders");
    const summary = page.getByRole("complementary", { name: "Order summary" });
    // $209.00 − 10% = $188.10, plus $8.00 standard shipping.
    await expect
      .poll(() => summary.locator(".totals").innerText())
      .toMatch(/Subtotal\s+\$209\.00[\s\S]*Order discount\s+THANKS-7QK2\s+−\$20\.90[\s\S]*Shipping\s+\$8\.00[\s\S]*Total\s+USD \$196\.10/);
    await saveScreenshot(page, "storefront-checkout");

    await page.getByRole("button", { name: "Pay now" }).click();
    await page.waitForURL((url) => /^\/storefront\/orders\/\d+$/.test(url.pathname));
    await page.getByText("Thank you for your order!").waitFor();
    // The thank-you block shows the code assigned to her after this order; none has been yet.
    const thankYou = extension("purchase.thank-you.block.render");
    await expect.poll(() => thankYou.locator("html").evaluate(() => "shopify" in window), { timeout: 30_000 }).toBe(true);
    expect(await thankYou.locator("s-banner").count()).toBe(0);

    const store = demo.store.emulator.store(DEMO_SHOP.domain);
    const order = [...store.orders.values()].at(-1)!;
    expect(order.email).toBe(SHOPPER.email);
    expect(order.lineItems).toHaveLength(3);
    expect(order.discountApplications.map((application) => application.code)).toEqual([SHOPPER_CODE]);

    // Once a code is assigned to her (the customer metafield post-purchase assignment writes), the block shows it.
    demo.store.emulator.seedFor(DEMO_SHOP.domain).metafield({
      ownerId: order.customerId!,
      namespace: `app--${store.app.id.split("/").pop()}--promoguard`,
      key: "next-code",
      type: "json",
      value: JSON.stringify({ code: "THANKS-9XM4", message: "15% off your next order", expiresAt: "2027-01-31T00:00:00Z" }),
    });
    await page.reload();
    const banner = extension("purchase.thank-you.block.render").locator("s-banner");
    await expect
      .poll(() => banner.innerText(), { timeout: 30_000 })
      .toMatch(/A code for your next order\s+THANKS-9XM4\s+15% off your next order\s+Valid until January 31, 2027/);
    await saveScreenshot(page, "storefront-order-status");
  }, 240_000);

  it("shows the merchant that one order: the code Used in Assigned History, the campaign's analytics and the dashboard", async () => {
    await runAppJobs();
    // Warm-up visit: Vite compiles the analytics pages' chart modules on first request (and may
    // re-optimize dependencies under a page already loaded); the visit itself starts fresh.
    const campaignAnalytics = `${demo.url}/?to=${encodeURIComponent(`/app/analytics/campaigns/${campaignId}`)}`;
    await page.goto(campaignAnalytics, { timeout: 90_000 });
    await page.waitForURL((url) => url.pathname === `/app/analytics/campaigns/${campaignId}`, { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    await page.goto(`${demo.url}/?to=${encodeURIComponent(`/app/pools/${poolId}`)}`, { timeout: 90_000 });
    await page.waitForURL((url) => url.pathname === `/app/pools/${poolId}`, { timeout: 60_000 });
    await page.getByRole("tab", { name: /Assigned History/ }).click({ timeout: 60_000 });
    const row = page.locator("tr", { hasText: SHOPPER_CODE });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(new RegExp(`${SHOPPER.email}[\\s\\S]*Used`));
    await saveScreenshot(page, "storefront-order-assigned-history");

    await page.goto(campaignAnalytics);
    await page.waitForURL((url) => url.pathname === `/app/analytics/campaigns/${campaignId}`, { timeout: 60_000 });
    await page.getByRole("heading", { name: "Thank-you 10% over $200" }).first().waitFor({ timeout: 60_000 });
    // One influenced redemption (her own code): $209.00 gross, $20.90 off, $188.10 net.
    await expect
      .poll(() => page.locator("body").innerText(), { timeout: 30_000 })
      .toMatch(/THANKS-7QK2\s+\$188\.10\s+1\s+\$209\.00\s+\$20\.90\s+\$188\.10[\s\S]*1 \/ 0 \/ 0/);
    await saveScreenshot(page, "storefront-order-campaign-analytics");

    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    const topCampaign = page.locator("tr", { has: page.getByRole("link", { name: "Thank-you 10% over $200" }) });
    await expect.poll(() => topCampaign.innerText(), { timeout: 30_000 }).toMatch(/\$188\.10\s+1\s+0%\s+\$20\.90/);
    await saveScreenshot(page, "storefront-order-dashboard");
  }, 240_000);
});
