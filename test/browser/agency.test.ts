// The agency's journey across two demo stores in Chromium: the agency's person saves a playbook in
// the demo store, applies it to Nordlys Home (euros, no clearance collection), that store's
// Approver approves what arrived, and the portfolio shows both stores, opening Nordlys Home's own
// analytics from there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCY_USER, DEMO_KITCHEN_DRAFT, DEMO_SECOND_SHOP, DEMO_SECOND_STAFF, DEMO_SHOP, DEMO_SPEND_OFFER } from "../../dev/demo/catalogue";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, openStore, signInAsUser, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];

const nav = (label: string | RegExp) => page.locator("ui-nav-menu").getByRole("link", { name: label });
const APPROVER = DEMO_SECOND_STAFF.find((member) => member.role === "approver")!;

beforeAll(async () => {
  session = await openDemoInChromium("agency");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

describe("an agency across two demo stores", () => {
  it("saves a playbook in one store and applies it to the other, which reports what it could not map", async () => {
    // Warm-up: Vite compiles each page's modules on its first request (see campaigns.test.ts).
    for (const path of ["/app/playbooks", "/app/playbooks/0", "/app/portfolio", "/app/approvals"]) {
      await page.goto(`${demo.url}/?to=${encodeURIComponent(path)}`, { timeout: 90_000 });
      await page.waitForURL((url) => url.pathname === path, { timeout: 90_000 });
      await page.waitForLoadState("networkidle", { timeout: 90_000 });
    }
    await signInAsUser(page, DEMO_AGENCY_USER.id);
    await nav("Playbooks").click();
    await page.waitForURL((url) => url.pathname === "/app/playbooks", { timeout: 30_000 });
    await page.getByRole("heading", { name: "Work across client stores" }).waitFor({ timeout: 60_000 });
    await page.getByLabel("Your agency's name").fill("Lumen Agency");
    await page.getByRole("button", { name: "Create agency" }).click();

    await page.getByLabel("Playbook name").waitFor({ timeout: 30_000 });
    await page.getByLabel("Playbook name").fill("Autumn playbook");
    await page.getByLabel(`${DEMO_SPEND_OFFER.name} (live)`).check();
    await page.getByLabel(`${DEMO_KITCHEN_DRAFT.name} (draft)`).check();
    await page.getByRole("button", { name: "Save playbook" }).click();
    await page.waitForURL((url) => /^\/app\/playbooks\/\d+$/.test(url.pathname), { timeout: 30_000 });
    await page.getByRole("heading", { name: "Apply to a store" }).waitFor({ timeout: 30_000 });

    const apply = page.locator(".Polaris-ShadowBevel").filter({ has: page.getByRole("heading", { name: "Apply to a store" }) });
    await apply.getByLabel("Store", { exact: true }).selectOption(DEMO_SECOND_SHOP.domain);
    await apply.getByLabel(`${DEMO_SPEND_OFFER.name}: Minimum subtotal of eligible items`).fill("280");
    await apply.getByRole("button", { name: "Preview" }).click();
    await page.getByText(`Preview for ${DEMO_SECOND_SHOP.name}: nothing has changed yet`).waitFor({ timeout: 30_000 });
    expect(await page.locator("body").innerText()).toContain("Not in Nordlys Home: Clearance");
    await apply.getByRole("button", { name: "Apply", exact: true }).click();
    await page.getByText(`Applied version 1 to ${DEMO_SECOND_SHOP.name}`).waitFor({ timeout: 30_000 });
    const report = await page.locator("body").innerText();
    expect(report).toContain("Dropped, nothing it named is in this store: Collections excluded from the discount");
    expect(report).toMatch(/280\.00 EUR \(converted\)/);
    await saveScreenshot(page, "agency-playbook-applied");
  }, 240_000);

  it("waits for the other store's Approver, who approves and publishes there", async () => {
    await openStore(page, DEMO_SECOND_SHOP.domain);
    await signInAsUser(page, APPROVER.id);
    await nav(/^Approvals/).click();
    await page.waitForURL((url) => url.pathname === "/app/approvals", { timeout: 30_000 });
    const kitchen = page.locator(".Polaris-ShadowBevel", { hasText: DEMO_KITCHEN_DRAFT.name }).filter({ hasText: "Approve and publish" });
    await kitchen.first().waitFor({ timeout: 30_000 });
    expect(await kitchen.first().innerText()).toContain("It comes from the playbook “Autumn playbook” (version 1)");
    await saveScreenshot(page, "agency-approvals-nordlys");
    await kitchen.first().getByRole("button", { name: "Approve and publish" }).click();
    await page
      .locator(".Polaris-ShadowBevel", { hasText: DEMO_KITCHEN_DRAFT.name })
      .filter({ hasText: "Approve and publish" })
      .first()
      .waitFor({ state: "detached", timeout: 30_000 });

    const nordlys = demo.store.emulator.store(DEMO_SECOND_SHOP.domain);
    const discount = [...nordlys.discounts.values()].find((candidate) => candidate.title === DEMO_KITCHEN_DRAFT.name);
    expect(discount).toBeDefined();
    expect(nordlys.redeemCodesOf(discount!.id).map((code) => code.code)).toEqual([DEMO_KITCHEN_DRAFT.code]);
    // Nothing reached the first store from the apply.
    expect([...demo.store.emulator.store(DEMO_SHOP.domain).discounts.values()].filter((candidate) => candidate.title === DEMO_KITCHEN_DRAFT.name)).toHaveLength(
      0,
    );
  }, 180_000);

  it("shows both stores in the agency person's portfolio and opens a store's own analytics from it", async () => {
    await signInAsUser(page, DEMO_AGENCY_USER.id);
    await nav("Portfolio").click();
    await page.waitForURL((url) => url.pathname === "/app/portfolio", { timeout: 30_000 });
    await page.getByRole("link", { name: DEMO_SHOP.name }).waitFor({ timeout: 30_000 });
    const table = await page.locator(".Polaris-DataTable").innerText();
    expect(table).toContain(DEMO_SHOP.name);
    expect(table).toContain(DEMO_SECOND_SHOP.name);
    expect(table).toMatch(/↳ Autumn playbook \(2 campaigns, version 1\)/);
    await saveScreenshot(page, "agency-portfolio");

    // Nordlys Home's own analytics, opened in that store's admin, as Jonas.
    await openStore(page, DEMO_SHOP.domain);
    await nav("Portfolio").click();
    await page.getByRole("link", { name: DEMO_SECOND_SHOP.name }).click();
    await page.locator(`.demo-user[data-store="${DEMO_SECOND_SHOP.domain}"]`).waitFor({ timeout: 60_000 });
    await page.waitForURL((url) => url.pathname === "/app/analytics" && url.searchParams.has("from"), { timeout: 60_000 });
    await page.getByRole("heading", { name: "Analytics", exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.locator(".demo-user [data-store-name]").innerText()).toBe(DEMO_SECOND_SHOP.name);
    await saveScreenshot(page, "agency-drill-down");
  }, 180_000);
});
