import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopify } from "../campaigns/support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest } from "../support/shopify-app";

// A page that can't be shown is still a page of the app: its title in words, a way back to its
// section, the app's nav around it; never the bare text of a thrown response.
let app: Awaited<ReturnType<typeof startRemixApp>>;
let stop: () => void;

beforeAll(async () => {
  ({ stop } = await startShopify({ withFunction: false }));
  app = await startRemixApp();
});
afterAll(async () => {
  await app?.close();
  stop();
});

const page = async (path: string) => {
  const response = await app.fetch(await adminRequest(path));
  return { status: response.status, html: await response.text() };
};

describe("pages that can't be shown", () => {
  it.each([
    ["/app/campaigns/999999", "Campaign not found", "Back to Campaigns", "/app/campaigns"],
    ["/app/pools/999999", "Pool not found", "Back to Pools", "/app/pools"],
    ["/app/analytics/campaigns/999999", "Campaign not found", "Back to Analytics", "/app/analytics"],
  ])("%s says what is missing inside the app, with a way back", async (path, title, back, section) => {
    const { status, html } = await page(path);
    expect(status).toBe(404);
    expect(html).toMatch(new RegExp(`<h1[^>]*><span[^>]*>${title}</span></h1>`));
    expect(html).toContain("It may have been deleted, or the link is from another store or an old bookmark.");
    expect(html).toContain(back);
    expect(html).toContain(`href="${section}"`);
    // The app's nav is there too.
    expect(html).toContain("<ui-nav-menu");
  });
});
