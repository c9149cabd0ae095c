import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContextOptions, Page } from "playwright-core";
import { DEMO_STAFF, type DemoStaffMember } from "../../dev/demo/catalogue";
import { startDemo } from "../../dev/demo/server";
import { launchChromium, MERCHANT_BROWSER } from "./chromium";
import { watchAccessibility } from "./accessibility";
import { freePort } from "../support/free-port";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A fresh demo store (its own data folder and port) and a merchant's Chromium page on it. */
export async function openDemoInChromium(name: string, pageOptions: BrowserContextOptions = {}, demoOptions: { flowJourney?: boolean } = {}) {
  // The test harness configures a (test) Shopify app; the demo runs only without one.
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `promoguard-${name}-`));
  // Its own Vite dependency cache: test files start demos side by side, and on a clean clone each
  // would otherwise pre-bundle into the same folder, swapping chunks under the others' pages
  // (a page then holds two copies of React and fails with "reading 'useContext'").
  // Kept under node_modules, where Vite treats the pre-bundled chunks as dependencies.
  const viteCacheDir = path.join(PROJECT_ROOT, "node_modules", ".vite", path.basename(dataDir));
  const demo = await startDemo({ port: await freePort(), dataDir, viteCacheDir, ...demoOptions });
  const browser = await launchChromium();
  // A context of its own (not browser.newPage): axe opens a blank page in it to finish its run.
  const context = await browser.newContext({ ...MERCHANT_BROWSER, ...pageOptions });
  const page = await context.newPage();
  // The first load of a fresh demo compiles the app in Vite's dev server; with several browser
  // test files starting demos at once that can take longer than Playwright's default 30 s.
  page.setDefaultNavigationTimeout(90_000);
  // axe on every page the test visits; serious or critical violations fail it at close.
  const accessibility = watchAccessibility(page);
  return {
    demo,
    page,
    accessibility,
    async close() {
      const axe = accessibility.assertClean().then(
        () => null,
        (error: unknown) => error,
      );
      const failure = await axe;
      const { scanned, counts } = accessibility.report();
      console.info(`axe (${name}): ${scanned} pages scanned; violations by impact: ${JSON.stringify(counts)}`);
      await browser.close();
      await demo.close();
      rmSync(viteCacheDir, { recursive: true, force: true });
      // A dependency pre-bundled only once a page asked for it left that page with two Reacts.
      if (demo.lateDependencies.length > 0) {
        throw new Error(
          `Vite pre-bundled ${demo.lateDependencies.join(", ")} only when a page asked for it: add it to optimizeDeps.include in vite.config.ts.`,
        );
      }
      if (failure) throw failure;
    },
  };
}

export type DemoSession = Awaited<ReturnType<typeof openDemoInChromium>>;

/** The demo staff member the demo starts with that role (Hannah is the Owner and account owner). */
export function demoStaff(role: DemoStaffMember["role"]): DemoStaffMember & { name: string } {
  const member = DEMO_STAFF.find((user) => user.role === role)!;
  return { ...member, name: `${member.firstName} ${member.lastName}` };
}

/**
 * Signs the page in as the demo staff member seeded with that role, through the App Bridge
 * stand-in's "Signed in as … — switch" control, and waits until the current page has reopened as
 * them. The page must be showing an /app page of the demo already (e.g. after page.goto(demo.url)).
 */
export async function signInAs(page: Page, role: DemoStaffMember["role"]) {
  const member = demoStaff(role);
  const control = page.locator(".demo-user");
  await control.waitFor({ timeout: 60_000 });
  if ((await control.getAttribute("data-user-id")) === String(member.id)) return member;
  await control.getByRole("button", { name: "switch" }).click();
  await control.locator(`[data-demo-user-id="${member.id}"]`).click();
  await page.locator(`.demo-user[data-user-id="${member.id}"]`).waitFor({ timeout: 60_000 });
  return member;
}

/** Who the stand-in says is signed in: { id, name, role } as shown in its control. */
export async function signedInUser(page: Page) {
  const control = page.locator(".demo-user");
  await control.waitFor({ timeout: 60_000 });
  return {
    id: Number(await control.getAttribute("data-user-id")),
    name: (await control.locator("strong").textContent()) ?? "",
    role: (await control.locator("[data-role]").textContent()) ?? "",
  };
}

/** Adds a product (in a size, for products that have several) to the demo storefront's cart from the catalogue page. */
export async function addToCart(page: Page, demoUrl: string, title: string, size?: string) {
  await page.goto(`${demoUrl}/storefront`);
  const card = page.locator(".product-card", { has: page.getByRole("heading", { name: title, exact: true }) });
  if (size) await card.getByLabel("Size").selectOption({ label: size });
  await card.getByRole("button", { name: `Add ${title} to cart` }).click();
  await page.locator("#CartDrawer").waitFor();
}

/** The checkout UI extension's frame for a target, as the demo checkout renders it. */
export const checkoutExtension = (page: Page, target: string) => page.frameLocator(`iframe[data-target="${target}"]`);

/** Signs the page in as a demo staff member by Shopify user id (e.g. the agency's person). */
export async function signInAsUser(page: Page, userId: number) {
  const control = page.locator(".demo-user");
  await control.waitFor({ timeout: 60_000 });
  if ((await control.getAttribute("data-user-id")) === String(userId)) return;
  await control.getByRole("button", { name: "switch" }).click();
  await control.locator(`[data-demo-user-id="${userId}"]`).click();
  await page.locator(`.demo-user[data-user-id="${userId}"]`).waitFor({ timeout: 60_000 });
}

/** Opens the app in another demo store through the stand-in's store switch (same person when they work there). */
export async function openStore(page: Page, domain: string) {
  const control = page.locator(".demo-user");
  await control.waitFor({ timeout: 60_000 });
  if ((await control.getAttribute("data-store")) === domain) return;
  await control.getByRole("button", { name: "store", exact: true }).click();
  await control.locator(`[data-demo-store="${domain}"]`).click();
  await page.locator(`.demo-user[data-store="${domain}"]`).waitFor({ timeout: 60_000 });
}
