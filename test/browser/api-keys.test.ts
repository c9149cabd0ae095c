// Settings → API keys in Chromium on the demo store, as the Owner: create a key for an email
// tool, copy it from the one place it is shown, call the public API with it, revoke it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveScreenshot } from "./chromium";
import { openDemoInChromium, type DemoSession } from "./demo";

let session: DemoSession;
let demo: DemoSession["demo"];
let page: DemoSession["page"];
let secret: string;

beforeAll(async () => {
  session = await openDemoInChromium("api-keys");
  ({ demo, page } = session);
}, 120_000);

afterAll(() => session?.close());

const api = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${demo.url}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...init.headers } });

describe("API keys in Chromium", () => {
  it("creates a key with a name and scopes and shows it once", async () => {
    await page.goto(`${demo.url}/?to=/app/settings/api-keys`, { timeout: 90_000 });
    await page.getByRole("heading", { name: "API keys", exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText("No API keys yet").waitFor();
    await page.getByRole("button", { name: "Create API key" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Klaviyo welcome flow");
    expect(await dialog.getByLabel("Assign codes").isChecked()).toBe(true);
    await dialog.getByText("Read pools, campaigns and redemptions").click();
    await saveScreenshot(page, "api-keys-create");
    await dialog.getByRole("button", { name: "Create key" }).click();

    await page.getByText("Copy the key “Klaviyo welcome flow” now").waitFor({ timeout: 30_000 });
    secret = await page.getByLabel("API key", { exact: true }).inputValue();
    expect(secret).toMatch(/^pgk_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole("row", { name: /Klaviyo welcome flow/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${secret.slice(0, 10)}…`);
    expect(await row.textContent()).toContain("Never");
    await saveScreenshot(page, "api-keys-created");
  }, 120_000);

  it("lets the key reach the API, and shows its last use", async () => {
    const pools = await api("/pools", secret);
    expect(pools.status).toBe(200);
    // The demo store has no pools yet: the key is accepted with its scope, and the pool is not found.
    expect(await pools.json()).toEqual({ pools: [] });
    const assigned = await api("/pools/999/assignments", secret, { method: "POST", body: JSON.stringify({ email: "ada@example.com", source: "klaviyo" }) });
    expect(assigned.status).toBe(404);
    expect(((await assigned.json()) as { detail: string }).detail).toBe("This store has no coupon pool 999.");
    await page.reload();
    const row = page.getByRole("row", { name: /Klaviyo welcome flow/ });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).not.toContain("Never");
    // The secret is nowhere on the page any more.
    expect(await page.content()).not.toContain(secret);
  }, 120_000);

  it("revokes the key after asking, and the API refuses it", async () => {
    await page
      .getByRole("row", { name: /Klaviyo welcome flow/ })
      .getByRole("button", { name: "Revoke" })
      .click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await page
      .getByRole("row", { name: /Klaviyo welcome flow/ })
      .getByText(/^Revoked /)
      .waitFor({ timeout: 30_000 });
    const refused = await api("/pools", secret);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Content-Type")).toBe("application/problem+json");
    await saveScreenshot(page, "api-keys-revoked");
  }, 120_000);
});
