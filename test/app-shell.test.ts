import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_NAV } from "~/components/navigation";
import { adminRequest, APP_ORIGIN, installShop } from "./support/shopify-app";
import { startRemixApp } from "./support/remix-server";

let app: Awaited<ReturnType<typeof startRemixApp>>;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop();
});
afterAll(() => app.close());

describe("the embedded admin shell", () => {
  it("renders the Polaris shell with the app navigation for an authenticated admin request", async () => {
    const response = await app.fetch(await adminRequest("/app"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Welcome to PromoGuard");
    expect(html).toContain("Polaris-Page");
    for (const item of APP_NAV) {
      expect(html).toContain(`href="${item.url}"`);
      expect(html).toContain(`>${item.label}</a>`);
    }
  });

  it.each(APP_NAV.map((item) => [item.url, item.label]))("renders %s for an installed shop, titled %s", async (url, label) => {
    const response = await app.fetch(await adminRequest(url));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Polaris-Page");
    expect(html).toContain(label === "Dashboard" ? "Welcome to PromoGuard" : label);
  });

  it("sends a request without a shop to the login page", async () => {
    const response = await app.fetch(new Request(`${APP_ORIGIN}/app`));
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!, APP_ORIGIN).pathname).toBe("/auth/login");
  });

  it("refuses a session token signed with another secret", async () => {
    const request = await adminRequest("/app");
    const url = new URL(request.url);
    const [header, payload] = url.searchParams.get("id_token")!.split(".");
    url.searchParams.set("id_token", `${header}.${payload}.forged-signature`);
    const response = await app.fetch(new Request(url));
    expect([302, 401]).toContain(response.status);
    expect(await response.text()).not.toContain("Welcome to PromoGuard");
  });

  it("shows the login form and explains a missing shop domain", async () => {
    const page = await app.fetch(new Request(`${APP_ORIGIN}/auth/login`));
    expect(await page.text()).toContain("Log in to PromoGuard");
    const submitted = await app.fetch(new Request(`${APP_ORIGIN}/auth/login`, { method: "POST", body: new URLSearchParams({ shop: "" }) }));
    expect(await submitted.text()).toContain("Please enter your shop domain to log in");
  });
});
