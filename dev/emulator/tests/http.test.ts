import { describe, expect, it } from "vitest";
import { startEmulatorServer } from "../index";
import { SHOP, testEmulator } from "./helpers";

const ENDPOINT = `https://${SHOP}/admin/api/2026-10/graphql.json`;

const post = (fetchImpl: typeof fetch, url: string, init: { token?: string; body?: string; contentType?: string } = {}) =>
  fetchImpl(url, {
    method: "POST",
    headers: {
      "Content-Type": init.contentType ?? "application/json",
      ...(init.token === undefined ? {} : { "X-Shopify-Access-Token": init.token }),
    },
    body: init.body ?? JSON.stringify({ query: "query Shop { shop { myshopifyDomain } }" }),
  });

describe("the Admin API over fetch", () => {
  it("answers an authenticated GraphQL request with data and the cost extension", async () => {
    const { emulator } = testEmulator();
    const response = await post(emulator.fetch, ENDPOINT, { token: "shpat_test" });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Shopify-API-Version")).toBe("2026-10");
    const body = await response.json();
    expect(body.data).toEqual({ shop: { myshopifyDomain: SHOP } });
    expect(body.extensions.cost.requestedQueryCost).toBe(1);
  });

  it("takes variables, an operation name, and raw application/graphql bodies", async () => {
    const { emulator } = testEmulator();
    const product = emulator.seed.product({ title: "Mug" });
    const json = await post(emulator.fetch, ENDPOINT, {
      token: "t",
      body: JSON.stringify({
        query: "query A { shop { name } } query B($id: ID!) { product(id: $id) { title } }",
        variables: { id: product.id },
        operationName: "B",
      }),
    });
    expect((await json.json()).data).toEqual({ product: { title: "Mug" } });
    const raw = await post(emulator.fetch, ENDPOINT, { token: "t", contentType: "application/graphql", body: "{ shop { name } }" });
    expect((await raw.json()).data).toEqual({ shop: { name: "test-shop" } });
  });

  it("refuses a missing or wrong token with Shopify's 401", async () => {
    const { emulator } = testEmulator({ accessTokens: { [SHOP]: "shpat_right" } });
    for (const token of [undefined, "", "shpat_wrong"]) {
      const response = await post(emulator.fetch, ENDPOINT, { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    expect((await post(emulator.fetch, ENDPOINT, { token: "shpat_right" })).status).toBe(200);
  });

  it("answers 404 for another API version, another shop or another path, saying why in a header", async () => {
    const { emulator } = testEmulator();
    const version = await post(emulator.fetch, `https://${SHOP}/admin/api/2025-07/graphql.json`, { token: "t" });
    expect(version.status).toBe(404);
    expect(await version.json()).toEqual({ errors: "Not Found" });
    expect(version.headers.get("X-Shopify-Emulator-Reason")).toContain("only API version 2026-10");
    expect((await post(emulator.fetch, "https://elsewhere.myshopify.com/admin/api/2026-10/graphql.json", { token: "t" })).status).toBe(404);
    expect((await post(emulator.fetch, `https://${SHOP}/admin/api/2026-10/products.json`, { token: "t" })).status).toBe(404);
  });

  it("answers 400 when the body has no query", async () => {
    const { emulator } = testEmulator();
    const response = await post(emulator.fetch, ENDPOINT, { token: "t", body: JSON.stringify({ variables: {} }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { query: "Required parameter missing or invalid" } });
  });

  it("reports throttling as HTTP 200, as Shopify does", async () => {
    const { emulator } = testEmulator();
    emulator.throttle.setAvailable(0);
    const response = await post(emulator.fetch, ENDPOINT, { token: "t" });
    expect(response.status).toBe(200);
    expect((await response.json()).errors[0].extensions.code).toBe("THROTTLED");
  });
});

describe("the standalone server", () => {
  it("serves the same endpoint over node:http, routing by the Host header", async () => {
    const { emulator } = testEmulator();
    const server = await startEmulatorServer(emulator);
    try {
      const response = await fetch(`${server.url}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "t" },
        body: JSON.stringify({ query: "{ shop { myshopifyDomain } }" }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).data).toEqual({ shop: { myshopifyDomain: SHOP } });
    } finally {
      await server.close();
    }
  });
});
