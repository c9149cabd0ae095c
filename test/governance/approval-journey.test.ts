import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { saveScreenshot } from "../browser/chromium";
import { openDemoInChromium, signInAs, type DemoSession } from "../browser/demo";

// The approval workflow as the store's people live it, in Chromium on the demo store: a Requester
// drafts a 40% campaign and submits it, an Approver approves it on the Approvals page, it is
// published to Shopify (the emulator), and the audit log names who did each step.
let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("approval-journey");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

const nav = (name: string | RegExp) => page.locator("ui-nav-menu").getByRole("link", { name, exact: typeof name === "string" });

describe("approval journey in the demo store", () => {
  it("Requester drafts 40% off and submits → Approver approves → it is live → the audit log shows each step and who did it", async () => {
    onTestFailed(async () => {
      await saveScreenshot(page, "approval-journey-failure");
      console.info(`Failed on ${page.url()}:\n${(await page.locator("body").innerText()).slice(0, 1500)}`);
    });
    // Warm-up visits: Vite compiles each page's modules (and may re-optimize dependencies, which
    // reloads the page) on first request; the journey itself starts on a fresh load afterwards
    // (see test/browser/campaigns.test.ts).
    for (const path of ["/app/campaigns", "/app/campaigns/new", "/app/approvals"]) {
      await page.goto(`${demo.url}/?to=${encodeURIComponent(path)}`, { timeout: 90_000 });
      await page.waitForURL((url) => url.pathname === path, { timeout: 90_000 });
      await page.waitForLoadState("networkidle", { timeout: 90_000 });
    }
    await page.goto(demo.url, { timeout: 90_000 });
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });

    const requester = await signInAs(page, "requester");
    await page.waitForLoadState("networkidle");
    await nav("Campaigns").click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns", { timeout: 30_000 });
    await page.getByRole("link", { name: "Create campaign" }).first().click({ timeout: 60_000 });
    await page.waitForURL((url) => url.pathname === "/app/campaigns/new", { timeout: 30_000 });
    await page.getByText("Your campaigns go to an Approver").waitFor({ timeout: 30_000 });
    await page.getByLabel("Name", { exact: true }).fill("VIP 40% off");
    expect(await page.getByLabel("Owner (staff member)").inputValue()).not.toBe("");
    await page.getByLabel("Purpose").fill("Thank our VIP customers");
    await page.getByLabel("Channel").selectOption("email");
    await page.getByLabel("Type", { exact: true }).selectOption("percentage");
    await page.getByLabel("Percentage", { exact: true }).fill("40");
    await page.getByLabel("Code", { exact: true }).fill("VIP40");
    await page.getByLabel(/^Ends/).fill("2030-12-31T23:59");
    await page.getByLabel("Note for the approver").fill("For the VIP newsletter on Friday");
    await page.getByRole("button", { name: "Submit for approval" }).click();

    await page.waitForURL((url) => /^\/app\/campaigns\/\d+$/.test(url.pathname), { timeout: 30_000 });
    await page.getByText("Waiting for approval").first().waitFor({ timeout: 30_000 });
    const submitted = await page.locator("body").innerText();
    expect(submitted).toContain("40% off is above the 25% a Manager may publish without approval.");
    expect(submitted).toContain("For the VIP newsletter on Friday");
    await saveScreenshot(page, "approval-submitted");

    const approver = await signInAs(page, "approver");
    await page.waitForLoadState("networkidle");
    await nav("Approvals (1)").click();
    await page.waitForURL((url) => url.pathname === "/app/approvals", { timeout: 30_000 });
    await page.getByRole("link", { name: "VIP 40% off" }).first().waitFor({ timeout: 30_000 });
    expect(await page.locator("body").innerText()).toContain(`Requested by ${requester.name}`);
    await saveScreenshot(page, "approval-queue");
    await page.getByRole("button", { name: "Approve and publish" }).click();
    await page.getByText("Nothing waiting for approval").waitFor({ timeout: 30_000 });

    const shop = demo.store.emulator.store(DEMO_SHOP.domain);
    const discount = [...shop.discounts.values()].find((candidate) => candidate.title === "VIP 40% off");
    expect(discount).toBeDefined();
    expect(shop.redeemCodesOf(discount!.id).map((code) => code.code)).toEqual(["VIP40"]);
    // The compiled rules the function reads: 40% off the lines.
    const rules = shop.metafieldsOf(discount!.id).find((metafield) => metafield.key === "rules");
    expect(JSON.parse(rules!.value)).toMatchObject({ e: [["%", 40, "P"]] });

    await nav("Campaigns").click();
    await page.waitForURL((url) => url.pathname === "/app/campaigns", { timeout: 30_000 });
    // The URL changes before the list replaces the Approvals page's table (which also has a
    // "VIP 40% off" row): wait for the campaign list's own row, which shows the status.
    const listed = page.locator("tbody tr", { hasText: "VIP 40% off" }).filter({ hasText: "Live" });
    await listed.first().waitFor({ timeout: 30_000 });
    expect(await listed.first().innerText()).toMatch(/VIP 40% off[\s\S]*Live[\s\S]*Approved/);

    // The audit log, opened from the admin as a bookmarked page (the demo's ?to= deep link).
    await page.goto(`${demo.url}/?to=${encodeURIComponent("/app/settings/audit")}`, { timeout: 90_000 });
    await page.waitForURL((url) => url.pathname === "/app/settings/audit", { timeout: 30_000 });
    await page.locator("tbody tr", { hasText: "VIP 40% off" }).first().waitFor({ timeout: 30_000 });
    const rows = await page.locator("tbody tr", { hasText: "VIP 40% off" }).allInnerTexts();
    const step = (action: string, actor: string) => rows.some((row) => row.includes(action) && row.includes(actor));
    expect(step("Created campaign", requester.name)).toBe(true);
    expect(step("Submitted campaign for approval", requester.name)).toBe(true);
    expect(step("Approved request", approver.name)).toBe(true);
    expect(step("Published campaign", approver.name)).toBe(true);
    expect(step("Published campaign", requester.name)).toBe(false);
    await saveScreenshot(page, "approval-audit-log");
  }, 240_000);
});
