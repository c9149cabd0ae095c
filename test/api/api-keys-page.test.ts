// Settings → API keys through the whole Remix app, signed in as staff: an Owner creates a key
// (its secret shown once, in the answer to the creation, and stored only as a hash), sees its
// last use, revokes it; the key works on the API until then. Other roles see the list only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, installShop, TEST_SHOP } from "../support/shopify-app";
import type { Role } from "~/domain/governance/roles";
import { callApi, type App } from "./support";

let app: App;

beforeAll(async () => {
  app = await startRemixApp();
  await installShop(TEST_SHOP);
});
afterAll(() => app.close());

const PAGE = "/app/settings/api-keys";
const ROUTE_DATA = `${PAGE}?_data=${encodeURIComponent("routes/app.settings_.api-keys")}`;

const page = async (as: Role = "owner") => (await app.fetch(await adminRequest(PAGE, {}, TEST_SHOP, as))).text();
async function post(intent: "create" | "revoke", fields: [string, string][], as: Role = "owner") {
  const response = await app.fetch(await adminRequest(`${ROUTE_DATA}&intent=${intent}`, { method: "POST", body: new URLSearchParams(fields) }, TEST_SHOP, as));
  return {
    status: response.status,
    body: (await response.json()) as {
      created?: { id: number; name: string; secret: string };
      revoked?: { id: number };
      errors?: Record<string, string>;
      permission?: string;
    },
  };
}

describe("Settings → API keys", () => {
  it("shows the empty state and what the API is, with the Owner's Create API key", async () => {
    const html = await page();
    for (const words of ["API keys", "No API keys yet", "Create API key", "/api/v1", "Authorization: Bearer"]) expect(html).toContain(words);
    expect(html).not.toContain("API keys are managed by the store&#x27;s Owner");
  });

  it("creates a key whose secret is shown once and stored only as a hash, and which works on the API", async () => {
    const created = await post("create", [
      ["name", "Klaviyo welcome flow"],
      ["scopes", "assign"],
      ["scopes", "read"],
    ]);
    expect(created.status).toBe(200);
    const { secret, name } = created.body.created!;
    expect(name).toBe("Klaviyo welcome flow");
    expect(secret).toMatch(/^pgk_[A-Za-z0-9_-]{43}$/);

    const row = await prisma.apiKey.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, name } });
    expect(row).toMatchObject({ prefix: secret.slice(0, 10), scopes: '["assign","read"]', lastUsedAt: null, revokedAt: null });
    const everything = JSON.stringify(await prisma.apiKey.findMany()) + JSON.stringify(await prisma.auditEntry.findMany());
    expect(everything).not.toContain(secret);
    expect(await prisma.auditEntry.count({ where: { action: "apikey.create", entityLabel: name, actorName: "Olivia Owner" } })).toBe(1);

    let html = await page();
    expect(html).toContain("Klaviyo welcome flow");
    expect(html).toContain(`${secret.slice(0, 10)}…`);
    expect(html).not.toContain(secret);
    expect(html).toContain("Never");

    expect((await callApi(app, "/api/v1/pools", { key: secret })).status).toBe(200);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();
    html = await page();
    expect(html).not.toContain("Never");
  });

  it("says what is wrong with a name or the scopes", async () => {
    const noName = await post("create", [
      ["name", "  "],
      ["scopes", "read"],
    ]);
    expect(noName.status).toBe(400);
    expect(noName.body.errors).toEqual({ name: "Enter a name that says where the key is used, such as “Klaviyo welcome flow”." });
    const noScope = await post("create", [["name", "Nothing"]]);
    expect(noScope.body.errors).toEqual({ scopes: "Choose at least one thing the key may do." });
    const unknownScope = await post("create", [
      ["name", "Admin"],
      ["scopes", "admin"],
    ]);
    expect(unknownScope.status).toBe(400);
    expect(Object.keys(unknownScope.body.errors!)).toEqual(["scopes"]);
    expect(await prisma.apiKey.count({ where: { name: { in: ["Nothing", "Admin"] } } })).toBe(0);
  });

  it("revokes a key: the API refuses it from the next request on, and the list says so", async () => {
    const { secret, id } = (
      await post("create", [
        ["name", "Old script"],
        ["scopes", "read"],
      ])
    ).body.created!;
    expect((await callApi(app, "/api/v1/campaigns", { key: secret })).status).toBe(200);
    const revoked = await post("revoke", [["keyId", String(id)]]);
    expect(revoked.body.revoked).toMatchObject({ id });
    const refused = await callApi(app, "/api/v1/campaigns", { key: secret });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/^This API key was revoked on \d{4}-\d{2}-\d{2}\./);
    expect(await page()).toContain("Revoked ");
    expect((await post("revoke", [["keyId", "999999"]])).status).toBe(404);
  });

  it("shows other roles the keys without letting them change any", async () => {
    const html = await page("manager");
    expect(html).toContain("API keys are managed by the store&#x27;s Owner");
    expect(html).toContain("Your role is Manager. Only Owner can do this");
    expect(html).toContain("Klaviyo welcome flow");
    const refused = await post(
      "create",
      [
        ["name", "Sneaky"],
        ["scopes", "assign"],
      ],
      "manager",
    );
    expect(refused.status).toBe(403);
    expect(refused.body.permission).toBe("apiKeys.manage");
  });
});
