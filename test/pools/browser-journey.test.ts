import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "../browser/chromium";
import { openDemoInChromium, type DemoSession } from "../browser/demo";

// A merchant's first pool in the offline demo store, in Chromium: create it, import a CSV,
// assign a code to an email, find it in Assigned History, export that history, then rename the
// pool, set its alert threshold, add a code by hand, search, and revoke the assignment.
let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

beforeAll(async () => {
  session = await openDemoInChromium("pools", { acceptDownloads: true });
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

const CSV = "code,message\nJOURNEY-1,Welcome!\nJOURNEY-2,Welcome!\njourney-1,duplicate\nBAD CODE,invalid\n";

describe("coupon pools in the demo store", () => {
  it("creates a pool from the empty state's Create Coupon Pool dialog", async () => {
    await page.goto(demo.url);
    await page.getByText("Welcome to PromoGuard").waitFor({ timeout: 60_000 });
    await page.locator("ui-nav-menu").getByRole("link", { name: "Pools", exact: true }).click();
    await page.getByText("No coupon pools yet").waitFor({ timeout: 30_000 });

    await page.getByRole("button", { name: "Create Pool" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Create Coupon Pool").waitFor();
    await dialog.getByText("Enter a name for your new coupon pool").waitFor();
    await dialog.getByLabel("Pool Name").fill("Welcome series");
    await dialog.getByRole("button", { name: "Create Pool" }).click();

    await page.getByRole("link", { name: "Welcome series" }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "pools-list");
  }, 120_000);

  it("imports a CSV file and reports what it skipped", async () => {
    await page.getByRole("link", { name: "Welcome series" }).click();
    await page.getByRole("button", { name: "Import Coupons" }).click({ timeout: 60_000 });
    const dialog = page.getByRole("dialog");
    await dialog.locator('input[type="file"]').setInputFiles({ name: "welcome.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await dialog.getByText("welcome.csv").waitFor();
    await dialog.getByRole("button", { name: "Import", exact: true }).click();

    await dialog.getByText("2 coupons imported").waitFor({ timeout: 30_000 });
    await dialog.getByText("Duplicate: this code appears earlier in the file.").waitFor();
    await dialog.getByText("Code contains a space, line break or invisible character.").waitFor();
    await saveScreenshot(page, "pools-import-summary");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.locator("table").getByText("JOURNEY-2", { exact: true }).waitFor();
  }, 120_000);

  it("assigns a code to an email and shows it in Assigned History", async () => {
    await page.getByRole("tab", { name: /Assigned History/ }).click();
    await page.getByLabel("Assign a coupon to an email").fill("ada@example.com");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await page.locator("table").getByText("ada@example.com", { exact: true }).waitFor({ timeout: 30_000 });
    await page.locator("table").getByText("JOURNEY-1", { exact: true }).waitFor();
    await saveScreenshot(page, "pools-assigned-history");
  }, 120_000);

  it("exports Assigned History as a CSV file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("Welcome-series-assigned-coupons.csv");
    const lines = readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Code,Email,Source,Assigned At,User Expiration,Revoked At");
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^JOURNEY-1,ada@example\.com,manual,\d{4}-\d{2}-\d{2}T/);
  }, 120_000);

  it("renames the pool, sets its alert threshold, adds a code, searches and revokes", async () => {
    await page.getByRole("button", { name: "Edit pool name" }).click();
    const rename = page.getByRole("dialog");
    await rename.getByLabel("Pool Name").fill("Welcome emails");
    await rename.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Welcome emails" }).waitFor({ timeout: 30_000 });

    await page.getByLabel("Alert when coupons drop below").check();
    await page.getByLabel("Set threshold").fill("5");
    await page.getByRole("button", { name: "Save alert settings" }).click();
    await page.getByText("Below alert threshold").first().waitFor({ timeout: 30_000 });

    await page.getByRole("tab", { name: /Active Coupons/ }).click();
    await page.getByLabel("Code").fill("VIP-100");
    await page.getByLabel("User Expiration").fill("30");
    await page.getByRole("button", { name: "Add coupon to the pool" }).click();
    await page.locator("table").getByText("VIP-100", { exact: true }).waitFor({ timeout: 30_000 });
    await page.locator("table").getByText("30 days after assignment").waitFor();

    await page.getByPlaceholder("Code starts with…").fill("vip");
    await page.getByRole("button", { name: "Search coupons" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "vip");
    await page.locator("table").getByText("JOURNEY-2").waitFor({ state: "detached", timeout: 30_000 });
    expect(await page.locator("table tbody tr").allInnerTexts()).toEqual([expect.stringContaining("VIP-100")]);

    await page.getByRole("tab", { name: /Assigned History/ }).click();
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.locator("table").getByText("Revoked", { exact: true }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, "pools-managed");
  }, 120_000);
});
