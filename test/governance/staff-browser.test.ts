// The demo store's staff in Chromium: the App Bridge stand-in's "Signed in as … — switch" control,
// each demo user reaching the app through Shopify's token exchange (the emulator's), and the
// pages showing each role what it may and may not do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "../browser/chromium";
import { openDemoInChromium, signedInUser, signInAs, type DemoSession } from "../browser/demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("staff");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

const openSection = async (label: string, pathname: string) => {
  await page.locator("ui-nav-menu").getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 30_000 });
  await page.locator(".Polaris-Page").first().waitFor({ timeout: 30_000 });
};

describe("demo staff and roles in Chromium", () => {
  it("opens as the account owner, who may change roles", async () => {
    await page.goto(demo.url, { timeout: 90_000 });
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    expect(await signedInUser(page)).toMatchObject({ name: "Hannah Lindqvist", role: "Owner" });
    await page.goto(`${demo.url}/?to=/app/settings/staff`);
    await page.getByRole("heading", { name: "Staff & roles", exact: true }).waitFor({ timeout: 60_000 });
    await expect(page.getByLabel("Role of Theo Nakamura").inputValue()).resolves.toBe("requester");
    expect(await page.getByText("Roles are read-only for you").count()).toBe(0);
    await saveScreenshot(page, "staff-and-roles-owner");
  }, 120_000);

  it("switches to the Requester, whose token comes from token exchange, and shows what they cannot do", async () => {
    const theo = await signInAs(page, "requester");
    expect(await signedInUser(page)).toEqual({ id: theo.id, name: "Theo Nakamura", role: "Requester" });
    // The page reopened where it was, now as Theo: roles are read-only for him, with the reason.
    await page.getByText("Roles are read-only for you").waitFor({ timeout: 30_000 });
    expect(await page.getByText("Your role is Requester. Only Owner can do this").count()).toBe(1);
    expect(await page.getByLabel("Role of Theo Nakamura").count()).toBe(0);
    const online = demo.store.emulator.store(DEMO_SHOP.domain).issuedTokens.online.map((entry) => entry.userId);
    expect(online).toContain(theo.id);

    await openSection("Pools", "/app/pools");
    const create = page.getByRole("button", { name: "Create Pool" }).first();
    await create.waitFor({ timeout: 30_000 });
    expect(await create.isDisabled()).toBe(true);
    await saveScreenshot(page, "pools-as-requester");
  }, 120_000);

  it("switches back to the Owner, who may create pools again", async () => {
    await signInAs(page, "owner");
    await page.getByRole("heading", { name: "Coupon Pools", exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("button", { name: "Create Pool" }).first().isDisabled()).toBe(false);
  }, 120_000);
});
