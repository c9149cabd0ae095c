// The public API's matrix: every endpoint × a valid key, a key without the endpoint's scope, a
// revoked key, another shop's key and no key, through the whole Remix app. Refused calls change
// nothing (no assignment, no audit entry); another shop's key sees only its own shop. The shops'
// Admin API (which the cart endpoint reads) is the emulator's.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { OPERATIONS } from "~/api/operations.server";
import { API_SCOPES, type ApiScope } from "~/domain/api-keys/scopes";
import { codeList, givenPool, importInto } from "../pools/support";
import { startShopify } from "../campaigns/support";
import { startRemixApp } from "../support/remix-server";
import { OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";
import { givenCampaign } from "../redemptions/support";
import { record } from "../analytics/core-support";
import { apiKey, callApi, revokedApiKey, type ApiCall, type App } from "./support";

let app: App;
let poolId: number;
let otherPoolId: number;
let campaignId: number;
let shirt: string;
let stopShopify: () => void;

beforeAll(async () => {
  const { emulator, stop } = await startShopify({ withFunction: false });
  stopShopify = stop;
  shirt = emulator.seedFor(TEST_SHOP).product({ title: "Linen shirt", variants: [{ title: "M", price: "40.00" }] }).variantIds[0];
  app = await startRemixApp();
  const pool = await givenPool(TEST_SHOP, "Welcome series");
  await importInto(pool, codeList("MATRIX", 50));
  poolId = pool.id;
  const other = await givenPool(OTHER_SHOP, "Other shop's pool");
  await importInto(other, codeList("OTHER", 5));
  otherPoolId = other.id;
  campaignId = (await givenCampaign(TEST_SHOP, { name: "Spring", codeSource: "shared", sharedCode: "SPRING10" })).id;
  await record(TEST_SHOP, {
    id: 1,
    at: "2026-11-20T10:00:00Z",
    email: "shopper@example.com",
    lines: [{ variant: null, quantity: 1, price: "50.00" }],
    discounts: [{ code: "SPRING10", level: "order", amounts: ["5.00"] }],
  });
}, 120_000);
afterAll(async () => {
  await app?.close();
  stopShopify?.();
});

let emails = 0;

/** How to call each operation on TEST_SHOP's data: a new operation must be added here. */
const CALLS: Record<string, () => { path: string } & ApiCall> = {
  listPools: () => ({ path: "/api/v1/pools" }),
  getPool: () => ({ path: `/api/v1/pools/${poolId}` }),
  assignCode: () => ({ path: `/api/v1/pools/${poolId}/assignments`, method: "POST", json: { email: `matrix${++emails}@example.com` } }),
  listCampaigns: () => ({ path: "/api/v1/campaigns" }),
  listRedemptions: () => ({ path: "/api/v1/redemptions" }),
  validateCart: () => ({
    path: "/api/v1/carts/validate",
    method: "POST",
    json: {
      lines: [{ variantId: shirt, quantity: 2 }],
      buyer: { kind: "guest" },
      countryCode: "US",
      codes: ["SPRING10"],
      shipping: { cost: "8.00", method: "SHIPPING" },
    },
  }),
};

const otherScopes = (scope: ApiScope) => API_SCOPES.filter((candidate) => candidate !== scope);
const changes = async () => ({
  assignments: await prisma.couponAssignment.count(),
  holdouts: await prisma.holdoutAssignment.count(),
  audit: await prisma.auditEntry.count({ where: { actorName: { startsWith: "API key" } } }),
});

describe("the API matrix", () => {
  for (const operation of OPERATIONS) {
    describe(`${operation.method.toUpperCase()} ${operation.path} (${operation.scope})`, () => {
      it("answers a key with the scope", async () => {
        const { path: url, ...call } = CALLS[operation.operationId]();
        const before = await changes();
        const answer = await callApi(app, url, { ...call, key: await apiKey([operation.scope]) });
        expect(Object.keys(operation.answers)).toContain(String(answer.status));
        expect(answer.headers.get("Content-Type")).toBe("application/json");
        expect(answer.headers.get("X-Request-Id")).toBeTruthy();
        const after = await changes();
        // A mutating use leaves exactly one audit entry, by the key.
        expect(after.audit - before.audit).toBe(operation.mutating ? 1 : 0);
      });

      const refusals: [string, () => Promise<string | null>, number, string][] = [
        ["a key without the scope", () => apiKey(otherScopes(operation.scope)), 403, "insufficient-scope"],
        ["a revoked key", () => revokedApiKey([...API_SCOPES]), 401, "key-revoked"],
        ["no key", async () => null, 401, "unauthenticated"],
        ["a key that is no key", async () => "pgk_not-a-real-key", 401, "invalid-key"],
      ];
      for (const [who, key, status, kind] of refusals) {
        it(`refuses ${who} with ${status}, changing nothing`, async () => {
          const { path: url, ...call } = CALLS[operation.operationId]();
          const secret = await key();
          const before = await changes();
          const answer = await callApi(app, url, { ...call, key: secret });
          expect(answer.status).toBe(status);
          expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
          expect(answer.body).toMatchObject({ type: `urn:promoguard:problem:${kind}`, status, instance: url });
          expect(answer.body.requestId).toBe(answer.headers.get("X-Request-Id"));
          if (status === 401) expect(answer.headers.get("WWW-Authenticate")).toMatch(/^Bearer realm="PromoGuard API"/);
          if (status === 403) expect(answer.body.requiredScope).toBe(operation.scope);
          expect(await changes()).toEqual(before);
        });
      }

      it("shows another shop's key nothing of this shop", async () => {
        const { path: url, ...call } = CALLS[operation.operationId]();
        const before = await changes();
        const answer = await callApi(app, url, { ...call, key: await apiKey([...API_SCOPES], OTHER_SHOP) });
        const text = JSON.stringify(answer.body);
        if (url.includes(`/pools/${poolId}`)) {
          // This shop's pool is, for another shop's key, a pool that does not exist.
          expect(answer.status).toBe(404);
          expect(answer.body).toMatchObject({ type: "urn:promoguard:problem:not-found" });
          expect(await changes()).toEqual(before);
        } else if (operation.operationId === "validateCart") {
          // This shop's product is, for another shop's key, a product its store does not have.
          expect(answer.status).toBe(422);
          expect(answer.body.errors).toEqual({ "lines.0.variantId": "This product is no longer in the store: remove it" });
          expect(text).not.toContain("Linen shirt");
        } else {
          expect(answer.status).toBe(200);
          for (const ours of ["Welcome series", "MATRIX-", "SPRING10", "shopper@example.com"]) expect(text).not.toContain(ours);
        }
      });
    });
  }

  it("answers another shop's key with that shop's own data", async () => {
    const key = await apiKey(["read", "assign"], OTHER_SHOP);
    const pools = await callApi(app, "/api/v1/pools", { key });
    expect((pools.body.pools as { id: number }[]).map((pool) => pool.id)).toEqual([otherPoolId]);
    const assigned = await callApi(app, `/api/v1/pools/${otherPoolId}/assignments`, { method: "POST", key, json: { email: "theirs@example.com" } });
    expect(assigned.status).toBe(201);
    expect(assigned.body.code).toMatch(/^OTHER-/);
    const campaigns = await callApi(app, "/api/v1/campaigns", { key });
    expect(campaigns.body.campaigns).toEqual([]);
    expect((await callApi(app, "/api/v1/campaigns", { key: await apiKey(["read"]) })).body.campaigns).toEqual([expect.objectContaining({ id: campaignId })]);
  });

  it("refuses the key of a shop that uninstalled PromoGuard", async () => {
    const shop = "gone-shop.myshopify.com";
    const key = await apiKey(["read"], shop);
    expect((await callApi(app, "/api/v1/pools", { key })).status).toBe(200);
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: new Date() } });
    const refused = await callApi(app, "/api/v1/pools", { key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain("uninstalled PromoGuard");
  });

  it("covers every operation, and every API route serves operations of this list", () => {
    expect(OPERATIONS.map((operation) => operation.operationId).sort()).toEqual(Object.keys(CALLS).sort());
    const routes = readdirSync(path.resolve("app/routes")).filter((file) => file.startsWith("api.v1.") && !file.includes("openapi") && file !== "api.v1.$.ts");
    for (const file of routes) {
      const served = /servePath\(\[(\w+)\]/.exec(readFileSync(path.resolve("app/routes", file), "utf8"))?.[1];
      expect(
        OPERATIONS.map((operation) => operation.operationId),
        file,
      ).toContain(served);
    }
  });
});
