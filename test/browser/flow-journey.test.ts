// The demo's automatic assignment, as a merchant opening a fresh `npm run demo` sees it: Shopify
// Flow ran the newsletter workflow through PromoGuard's action (200 real signed requests), the
// campaign held 10% out, subscribers shopped, and the campaign's holdout comparison shows the
// incremental profit with its interval. Then a post-purchase rule made on its page gives a shopper
// a code on the storefront's thank-you page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMERS, DEMO_FLOW_CAMPAIGN, DEMO_SHOP, DEMO_SUBSCRIBERS } from "../../dev/demo/catalogue";
import type { FlowJourneyResult } from "../../dev/demo/flow-journey";
import { saveScreenshot } from "./chromium";
import { addToCart, checkoutExtension, openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];
let journey: FlowJourneyResult;

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

async function openApp(path: string) {
  await page.goto(`${demo.url}/?to=${encodeURIComponent(path)}`, { timeout: 90_000 });
  await page.waitForURL((url) => url.pathname === path.split("?")[0], { timeout: 60_000 });
}

beforeAll(async () => {
  session = await openDemoInChromium("flow-journey", {}, { flowJourney: true });
  ({ demo, page } = session);
  journey = (await demo.flowJourney)!;
  await runAppJobs();
}, 300_000);

afterAll(() => session?.close());

describe("the demo's Shopify Flow journey", () => {
  it("assigned codes to the 200 subscribers through the Flow action, holding out about 10%, and delivered each code", async () => {
    const { default: prisma } = await import("~/db.server");
    expect(journey.assigned + journey.heldOut).toBe(DEMO_SUBSCRIBERS.length);
    expect(journey.heldOut).toBeGreaterThanOrEqual(5);
    expect(journey.heldOut).toBeLessThanOrEqual(40);
    expect(journey.orders).toBeGreaterThan(0);
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: journey.campaignId } });
    expect(await prisma.couponAssignment.count({ where: { poolId: campaign.poolId!, source: "flow" } })).toBe(journey.assigned);
    expect(await prisma.holdoutAssignment.count({ where: { campaignId: campaign.id, source: "flow" } })).toBe(journey.heldOut);
    // Each code reached its customer: the metafield email templates read, and one Coupon assigned run.
    const runs = demo.store.emulator.flow.triggerRuns(DEMO_SHOP.domain).filter((run) => run.handle === "coupon-assigned");
    expect(runs).toHaveLength(journey.assigned);
    expect(await prisma.codeDelivery.count({ where: { metafieldAt: { not: null }, triggerAt: { not: null } } })).toBe(journey.assigned);
  });

  it("shows the campaign's incremental profit against the holdout, with its 95% interval", async () => {
    await openApp(`/app/analytics/campaigns/${journey.campaignId}`);
    await page.getByRole("heading", { name: DEMO_FLOW_CAMPAIGN.name }).first().waitFor({ timeout: 60_000 });
    await page.getByRole("heading", { name: "Treated vs holdout" }).waitFor({ timeout: 30_000 });
    const body = page.locator("body");
    await expect
      .poll(() => body.innerText(), { timeout: 30_000 })
      .toMatch(/Incremental profit:\s*-?\$[\d,]+\.\d\d \(95%: -?\$[\d,]+\.\d\d to -?\$[\d,]+\.\d\d\)/);
    expect(await body.innerText()).toMatch(new RegExp(`Recipients\\s+${journey.assigned}\\s+${journey.heldOut}`));
    await saveScreenshot(page, "flow-journey-incremental-profit");
  }, 180_000);

  it("lists the Flow's codes in the pool's Assigned History as assigned by Shopify Flow", async () => {
    const { default: prisma } = await import("~/db.server");
    const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: journey.campaignId } });
    await openApp(`/app/pools/${campaign.poolId}`);
    await page.getByRole("tab", { name: /Assigned History/ }).click({ timeout: 60_000 });
    await page.locator("tr", { hasText: "@subscribers.example" }).first().waitFor({ timeout: 30_000 });
    expect(await page.locator("tr", { hasText: "@subscribers.example" }).first().innerText()).toContain("Shopify Flow");
    await saveScreenshot(page, "flow-journey-assigned-history");
  }, 180_000);

  it("makes a post-purchase rule on its page, and a shopper who buys a kettle sees a code for mugs on the thank-you page", async () => {
    const [{ createPool }, { addCoupon }, { poolStore }] = await Promise.all([
      import("~/domain/pools/pools.server"),
      import("~/domain/pools/coupons.server"),
      import("~/domain/pools/store.server"),
    ]);
    const pool = await createPool(poolStore(), DEMO_SHOP.domain, "Thank-you codes");
    for (const code of ["MUGS-4KQ7", "MUGS-9TR2"]) await addCoupon(poolStore(), pool, { code });

    await openApp("/app/campaigns");
    await page
      .getByRole("button", { name: "Post-purchase codes" })
      .or(page.getByRole("link", { name: "Post-purchase codes" }))
      .first()
      .click({ timeout: 60_000 });
    await page.waitForURL((url) => url.pathname === "/app/campaigns/post-purchase", { timeout: 60_000 });
    await page.getByText("No post-purchase rules yet").waitFor({ timeout: 60_000 });
    await page
      .getByRole("link", { name: "Create rule" })
      .or(page.getByRole("button", { name: "Create rule" }))
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns/post-purchase/new", { timeout: 60_000 });

    const pick = async (button: number, title: string) => {
      await page.getByRole("button", { name: "Choose products" }).nth(button).click();
      const dialog = page.getByRole("dialog", { name: "Select products" });
      await dialog.getByLabel(title).check();
      await dialog.getByRole("button", { name: "Select" }).click();
      await page.locator(".Polaris-Tag", { hasText: title }).waitFor();
    };
    await page.getByLabel("Rule name").fill("Kettle buyers get 15% off mugs");
    await pick(0, "Pour-over kettle");
    await page.getByLabel("Coupon pool").selectOption({ label: "Thank-you codes" });
    await page.getByLabel("Valid for").fill("30");
    await pick(1, "Stoneware mug set");
    await page.getByLabel("Message to the customer").fill("15% off mugs to go with your kettle");
    await page.getByLabel("Send after").fill("0");
    await saveScreenshot(page, "post-purchase-rule-form");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns/post-purchase", { timeout: 60_000 });
    const row = page.locator("tr", { hasText: "Kettle buyers get 15% off mugs" });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(
      /Active[\s\S]*Orders with Pour-over kettle[\s\S]*A code from Thank-you codes for Stoneware mug set, valid 30 days, at once[\s\S]*0 sent, 0 held out, 0 waiting/,
    );

    // A returning customer buys a kettle on the storefront.
    const shopper = DEMO_CUSTOMERS[1];
    await page.goto(`${demo.url}/storefront`, { timeout: 90_000 });
    await Promise.all([
      page.waitForEvent("load"),
      page.getByLabel("Shopping as").selectOption({ label: `${shopper.firstName} ${shopper.lastName} · returning customer` }),
    ]);
    await addToCart(page, demo.url, "Pour-over kettle", "Small · $95.00");
    await page.getByRole("link", { name: "Check out" }).click();
    await page.waitForURL((url) => url.pathname === "/storefront/checkout");
    await page.getByRole("button", { name: "Pay now" }).click();
    await page.waitForURL((url) => /^\/storefront\/orders\/\d+$/.test(url.pathname));
    await page.getByText("Thank you for your order!").waitFor();

    // The order's webhook is recorded, the rule answers it, the code goes out at once.
    await runAppJobs();
    await page.reload();
    const banner = checkoutExtension(page, "purchase.thank-you.block.render").locator("s-banner");
    await expect
      .poll(() => banner.innerText(), { timeout: 30_000 })
      .toMatch(/A code for your next order\s+MUGS-(4KQ7|9TR2)\s+15% off mugs to go with your kettle\s+Valid until/);
    await saveScreenshot(page, "post-purchase-thank-you");

    await openApp("/app/campaigns/post-purchase");
    await expect
      .poll(() => page.locator("tr", { hasText: "Kettle buyers get 15% off mugs" }).innerText(), { timeout: 30_000 })
      .toContain("1 sent, 0 held out, 0 waiting");
    await saveScreenshot(page, "post-purchase-rules");
  }, 300_000);
});
