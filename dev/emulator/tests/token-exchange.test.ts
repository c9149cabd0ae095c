import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShopifyEmulator, type ShopifyEmulatorOptions } from "../index";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, ONLINE_TOKEN_LIFETIME_SECONDS, ONLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT_TYPE } from "../admin/token-exchange";
import { manualClock, SHOP, START } from "./helpers";

const API_KEY = "promoguard-test-key";
const API_SECRET = "promoguard-test-secret";
const TOKEN_URL = `https://${SHOP}/admin/oauth/access_token`;
const GRAPHQL_URL = `https://${SHOP}/admin/api/2026-10/graphql.json`;
const OWNER = { id: 7001, firstName: "Olivia", lastName: "Owner", email: "olivia@example.com", accountOwner: true };
const CLERK = { id: 7002, firstName: "Riley", lastName: "Requester", email: "riley@example.com" };

function exchangeEmulator(options: ShopifyEmulatorOptions = {}) {
  const clock = manualClock();
  const emulator = createShopifyEmulator({ shops: [SHOP], now: clock.now, appCredentials: { apiKey: API_KEY, apiSecret: API_SECRET }, ...options });
  emulator.seed.staffUser(OWNER);
  emulator.seed.staffUser(CLERK);
  return { emulator, clock };
}

/** A session token as App Bridge hands it out: HS256 over the claims with the app's secret. */
function sessionToken(claims: Record<string, unknown> = {}, secret = API_SECRET, alg = "HS256") {
  const now = START / 1000;
  const payload = {
    iss: `https://${SHOP}/admin`,
    dest: `https://${SHOP}`,
    aud: API_KEY,
    sub: String(OWNER.id),
    exp: now + 60,
    nbf: now - 5,
    iat: now - 5,
    jti: "j1",
    sid: "s1",
    ...claims,
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg, typ: "JWT" })}.${encode(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** The body @shopify/shopify-api's tokenExchange posts. */
const exchangeBody = (subjectToken: string, requested: string, overrides: Record<string, string> = {}) => ({
  client_id: API_KEY,
  client_secret: API_SECRET,
  grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
  subject_token: subjectToken,
  subject_token_type: ID_TOKEN_TYPE,
  requested_token_type: requested,
  expiring: "0",
  ...overrides,
});

const exchange = (emulator: ReturnType<typeof exchangeEmulator>["emulator"], body: Record<string, string>, url = TOKEN_URL) =>
  emulator.fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });

const shopQuery = (emulator: ReturnType<typeof exchangeEmulator>["emulator"], token: string) =>
  emulator.fetch(GRAPHQL_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query: "{ shop { name } }" }),
  });

describe("token exchange (POST /admin/oauth/access_token)", () => {
  it("answers an offline request with the installation's token and scopes, the same token every time", async () => {
    const { emulator } = exchangeEmulator({ shops: [{ domain: SHOP, app: { accessScopes: ["read_orders", "write_discounts"] } }] });
    const first = await exchange(emulator, exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE));
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^shpat_/), scope: "read_orders,write_discounts" });
    const again = await (await exchange(emulator, exchangeBody(sessionToken({ sub: String(CLERK.id) }), OFFLINE_TOKEN_TYPE))).json();
    expect(again.access_token).toBe(body.access_token);
  });

  it("answers an online request with a token tied to the staff member behind the session token", async () => {
    const { emulator } = exchangeEmulator();
    const response = await exchange(emulator, exchangeBody(sessionToken({ sub: String(CLERK.id) }), ONLINE_TOKEN_TYPE));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      access_token: expect.stringMatching(/^shpua_/),
      scope: "",
      expires_in: ONLINE_TOKEN_LIFETIME_SECONDS,
      associated_user_scope: "",
      associated_user: {
        id: CLERK.id,
        first_name: "Riley",
        last_name: "Requester",
        email: "riley@example.com",
        email_verified: true,
        account_owner: false,
        locale: "en",
        collaborator: false,
      },
    });
    const owner = await (await exchange(emulator, exchangeBody(sessionToken(), ONLINE_TOKEN_TYPE))).json();
    expect(owner.associated_user).toMatchObject({ id: OWNER.id, account_owner: true });
  });

  it("hands out the configured offline token, and the Admin API takes it and the online tokens it issued", async () => {
    const { emulator, clock } = exchangeEmulator({ accessTokens: { [SHOP]: "shpat_configured" } });
    const offline = await (await exchange(emulator, exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE))).json();
    expect(offline.access_token).toBe("shpat_configured");
    const online = await (await exchange(emulator, exchangeBody(sessionToken(), ONLINE_TOKEN_TYPE))).json();
    expect((await shopQuery(emulator, online.access_token)).status).toBe(200);
    expect((await shopQuery(emulator, "shpat_configured")).status).toBe(200);
    expect((await shopQuery(emulator, "shpua_made_up")).status).toBe(401);

    // An online token stops working when it expires; the offline one does not.
    clock.advance(ONLINE_TOKEN_LIFETIME_SECONDS * 1000 + 1000);
    expect((await shopQuery(emulator, online.access_token)).status).toBe(401);
    expect((await shopQuery(emulator, "shpat_configured")).status).toBe(200);
  });

  it("refuses an online token to a user who is not the shop's staff, like Shopify: 400 invalid_subject_token", async () => {
    const { emulator } = exchangeEmulator();
    const response = await exchange(emulator, exchangeBody(sessionToken({ sub: "999999" }), ONLINE_TOKEN_TYPE));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_subject_token" });
  });

  it("refuses session tokens that are forged, expired, not yet valid, for another shop or another app", async () => {
    const { emulator } = exchangeEmulator();
    const now = START / 1000;
    const bad = {
      forged: sessionToken({}, "not-the-secret"),
      expired: sessionToken({ exp: now - 60 }),
      early: sessionToken({ nbf: now + 600 }),
      otherShop: sessionToken({ dest: "https://elsewhere.myshopify.com" }),
      otherApp: sessionToken({ aud: "another-app" }),
      unsigned: sessionToken({}, API_SECRET, "none"),
      garbage: "not-a-jwt",
    };
    for (const [name, token] of Object.entries(bad)) {
      const response = await exchange(emulator, exchangeBody(token, OFFLINE_TOKEN_TYPE));
      expect(response.status, name).toBe(400);
      const body = await response.json();
      expect(body.error, name).toBe("invalid_subject_token");
      expect(body.error_description, name).toEqual(expect.any(String));
    }
    // Nothing was issued on the way.
    expect(emulator.store().issuedTokens).toEqual({ offline: null, online: [] });
  });

  it("refuses the wrong client credentials with 401 invalid_client and malformed requests with 400", async () => {
    const { emulator } = exchangeEmulator();
    const wrongSecret = await exchange(emulator, exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE, { client_secret: "guess" }));
    expect(wrongSecret.status).toBe(401);
    expect((await wrongSecret.json()).error).toBe("invalid_client");
    const wrongType = await exchange(emulator, exchangeBody(sessionToken(), "urn:shopify:params:oauth:token-type:something"));
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error).toBe("invalid_request");
    const missing = await exchange(emulator, { client_id: API_KEY });
    expect(await missing.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("client_secret") });
    const grant = await exchange(emulator, exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE, { grant_type: "authorization_code" }));
    expect((await grant.json()).error).toBe("unsupported_grant_type");
  });

  it("takes form-encoded bodies too, and answers 404 for a shop it does not have", async () => {
    const { emulator } = exchangeEmulator();
    const form = await emulator.fetch(TOKEN_URL, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE)).toString(),
    });
    expect(form.status).toBe(200);
    const elsewhere = await exchange(emulator, exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE), "https://elsewhere.myshopify.com/admin/oauth/access_token");
    expect(elsewhere.status).toBe(404);
  });

  it("is off without the app's credentials, saying why", async () => {
    const emulator = createShopifyEmulator({ shops: [SHOP] });
    const response = await emulator.fetch(TOKEN_URL, { method: "POST", body: JSON.stringify(exchangeBody(sessionToken(), OFFLINE_TOKEN_TYPE)) });
    expect(response.status).toBe(404);
    expect(response.headers.get("X-Shopify-Emulator-Reason")).toContain("appCredentials");
  });

  it("keeps staff and issued tokens in snapshots, so a restarted demo still accepts its sessions", async () => {
    const { emulator } = exchangeEmulator();
    const online = await (await exchange(emulator, exchangeBody(sessionToken(), ONLINE_TOKEN_TYPE))).json();
    const restored = createShopifyEmulator({
      shops: [SHOP],
      now: () => START,
      appCredentials: { apiKey: API_KEY, apiSecret: API_SECRET },
      accessTokens: { [SHOP]: "shpat_x" },
    });
    restored.restore(JSON.stringify(emulator.snapshot()));
    expect(restored.store().staff.map((user) => user.id)).toEqual([OWNER.id, CLERK.id]);
    expect((await shopQuery(restored, online.access_token)).status).toBe(200);
  });

  it("refuses a second account owner or a repeated user id when seeding staff", () => {
    const { emulator } = exchangeEmulator();
    expect(() => emulator.seed.staffUser({ firstName: "A", lastName: "B", email: "a@b.c", accountOwner: true })).toThrow(/account owner/);
    expect(() => emulator.seed.staffUser({ id: CLERK.id, firstName: "A", lastName: "B", email: "a@b.c" })).toThrow(/already has the user/);
  });
});
