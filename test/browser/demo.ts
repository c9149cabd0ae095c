import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { BrowserContextOptions } from "playwright-core";
import { startDemo } from "../../dev/demo/server";
import { launchChromium, MERCHANT_BROWSER } from "./chromium";

/** A port nothing listens on right now, so parallel test files never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh demo store (its own data folder and port) and a merchant's Chromium page on it. */
export async function openDemoInChromium(name: string, pageOptions: BrowserContextOptions = {}) {
  // The test harness configures a (test) Shopify app; the demo runs only without one.
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  const demo = await startDemo({ port: await freePort(), dataDir: mkdtempSync(path.join(os.tmpdir(), `promoguard-${name}-`)) });
  const browser = await launchChromium();
  const page = await browser.newPage({ ...MERCHANT_BROWSER, ...pageOptions });
  return {
    demo,
    page,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

export type DemoSession = Awaited<ReturnType<typeof openDemoInChromium>>;
