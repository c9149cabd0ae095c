import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

// Layout and wayfinding in the demo store, in Chromium: the overlap view at desktop (1280 px)
// and phone (390 px) widths with screenshots, pages that hold at 390 px, a 100-character name
// with no spaces, and a not-found page with a way back. axe checks every page (demo.ts).
let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];
let collectionTitle: string;
let longNameId: number;

const LONG_NAME = "Autumn".padEnd(100, "X");
const app = (path: string) => `${demo.url}/?to=${encodeURIComponent(path)}`;

beforeAll(async () => {
  session = await openDemoInChromium("ux");
  ({ demo, page } = session);
  const { default: prisma } = await import("~/db.server");
  const collection = [...demo.store.emulator.store(DEMO_SHOP.domain).collections.values()][0];
  collectionTitle = collection.title;
  const live = (name: string, percentage: number, combinesWithProduct: boolean) =>
    prisma.campaign.create({
      data: {
        shopDomain: DEMO_SHOP.domain,
        name,
        ownerName: "Dana Demo",
        ownerEmail: "dana@example.com",
        purpose: "Overlap check",
        channel: "email",
        config: JSON.stringify({ version: 1, includedCollectionIds: [collection.id], effects: [{ type: "percentage", percentage, appliesTo: "lines" }] }),
        codeSource: "shared",
        sharedCode: name.slice(0, 20).toUpperCase(),
        startsAt: new Date(Date.now() - 86_400_000),
        status: "live",
        combinesWithProduct,
      },
    });
  await live("Collection thirty", 30, true);
  await live("Collection twenty-five", 25, true);
  longNameId = (await live(LONG_NAME, 10, false)).id;
}, 120_000);

afterAll(() => session?.close());

/** How far the page is wider than the window (0 when nothing sticks out), and what sticks out. */
const overflow = async () => {
  const { excess, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !element.closest("[data-overflow-ok]"))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { excess: document.documentElement.scrollWidth - width, culprits };
  });
  if (excess > 0) console.info(`wider than the window by ${excess} px: ${culprits.join("; ")}`);
  return excess;
};

describe("layout and wayfinding", () => {
  it("shows which live offers can stack, by collection name, at 1280 px and 390 px", async () => {
    await page.goto(app("/app/analytics/overlap"), { timeout: 90_000 });
    await page.getByRole("heading", { name: "Live offers that can stack" }).waitFor({ timeout: 60_000 });
    await page.getByRole("heading", { name: `Collection “${collectionTitle}”` }).waitFor();
    // 1 − 0.7 × 0.75, as approvals would compute it.
    await page.getByText("Up to 47.5% off one item when both apply").first().waitFor();
    const body = await page.locator("body").innerText();
    expect(body).not.toContain("gid://");
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "overlap-1280");

    await page.getByRole("link", { name: /that can't stack/ }).click();
    await page.getByRole("link", { name: "Show only offers that can stack" }).waitFor({ timeout: 30_000 });
    await page.getByText("Can't stack").first().waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(app("/app/analytics/overlap"));
    await page.getByRole("heading", { name: `Collection “${collectionTitle}”` }).waitFor({ timeout: 60_000 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "overlap-390");
  }, 240_000);

  it("holds at 390 px on the main pages", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading] of [
      ["/app", "Welcome to PromoGuard"],
      ["/app/campaigns", "Campaigns"],
      ["/app/pools", "Pools"],
      ["/app/analytics", "Analytics"],
    ] as const) {
      await page.goto(app(path));
      await page.getByText(heading).first().waitFor({ timeout: 60_000 });
      expect({ path, overflow: await overflow() }).toEqual({ path, overflow: expect.any(Number) });
      // Charts draw after hydration, measuring their box: the layout is judged once they have.
      await expect.poll(overflow, { message: `${path} is wider than a 390 px phone`, timeout: 15_000 }).toBeLessThanOrEqual(0);
    }
    await saveScreenshot(page, "campaigns-390");
  }, 240_000);

  it("wraps a 100-character name without spaces instead of widening the page", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(app(`/app/campaigns/${longNameId}`));
    await page.getByRole("heading", { name: LONG_NAME }).first().waitFor({ timeout: 60_000 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "long-name-390");
  }, 120_000);

  it("says a campaign is not found inside the app, with a way back to Campaigns", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(app("/app/campaigns/999999"));
    await page.getByRole("heading", { name: "Campaign not found" }).waitFor({ timeout: 60_000 });
    await page.locator("ui-nav-menu").waitFor({ state: "attached" });
    await saveScreenshot(page, "campaign-not-found");
    await page.getByRole("link", { name: "Back to Campaigns" }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe("/app/campaigns");
  }, 120_000);
});
