import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { scanIfWatched } from "./accessibility";

export const SCREENSHOT_DIR = path.resolve("test-results", "screenshots");

/**
 * Debian's Chromium driven by playwright-core (no browser download). The background-network
 * flags keep Chromium from dialling Google services this machine cannot reach.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Headless Chromium announces itself as "HeadlessChrome", which Shopify's library rejects as a
 * bot (410 Gone) on admin pages; the tests browse as the desktop browser a merchant uses.
 */
export const MERCHANT_BROWSER: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
};

/** Saves a full-page screenshot as a test artifact and returns its path; the page as shown is
 * also checked with axe when its session watches accessibility (test/browser/demo.ts). */
export async function saveScreenshot(page: Page, name: string) {
  await scanIfWatched(page, name);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
