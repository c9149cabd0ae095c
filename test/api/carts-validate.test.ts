// POST /api/v1/carts/validate through the whole app: a cart sent with a key gets the answer the
// cart simulator gives for it called directly (the same discounts per line, the same refusals in
// the same words) and that the demo storefront's checkout gives; bad input is answered per field
// by the simulator's own schema before Shopify is asked anything; each key sees only its own
// store's products, customers and codes; and Shopify not answering is a 503, never a 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";
import { checkCart, MAX_CART_LINES, MAX_PRODUCT_ORDER_CODES, MAX_PROFILE_TAGS, MAX_QUANTITY } from "~/domain/simulator/cart-input";
import type { CartSimulation } from "~/domain/simulator/simulation";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { unauthenticated } from "~/shopify.server";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../../dev/emulator";
import { DEMO_SHOP } from "../../dev/demo/catalogue";
import { priceCheckout } from "../../dev/demo/storefront/checkout";
import { storefrontCustomers } from "../../dev/demo/storefront/store-data";
import { campaignInput } from "../campaigns/support";
import { fromCheckout, fromSimulator, simulation } from "../simulator/support";
import { startRemixApp } from "../support/remix-server";
import { installShop, OTHER_SHOP } from "../support/shopify-app";
import { apiKey, callApi, type App } from "./support";

const SHOP = DEMO_SHOP.domain;
const ENDPOINT = "/api/v1/carts/validate";
type Fetch = typeof globalThis.fetch;

let app: App;
let emulator: ShopifyEmulator;
let key: string;
const variants: Record<string, string> = {};
let ana: string;
let otherShopsShirt: string;
let otherShopsCustomer: string;
/** Every Admin API request the app sent; and, when set, what Shopify answers instead of the emulator. */
let adminRequests = 0;
let shopify: Fetch | null = null;

async function publish(shop: string, overrides: Partial<CampaignInput>) {
  const { admin } = await unauthenticated.admin(shop);
  const outcome = await publishCampaign(
    prisma,
    admin,
    await createCampaign(prisma, shop, campaignInput({ usageLimit: null, oncePerCustomer: false, ...overrides })),
  );
  if (!outcome.ok) throw new Error(`Publishing failed: ${JSON.stringify(outcome.errors)}`);
}

beforeAll(async () => {
  emulator = createShopifyEmulator({ shops: [{ domain: SHOP, currencyCode: "USD", ianaTimezone: DEMO_SHOP.ianaTimezone }, OTHER_SHOP], throttle: false });
  deployAppFunctions(emulator, SHOP);
  deployAppFunctions(emulator, OTHER_SHOP);
  routeShopifyRequestsTo(async (input, init) => {
    adminRequests++;
    return (shopify ?? emulator.fetch)(input, init);
  });
  await installShop(SHOP);
  await installShop(OTHER_SHOP);
  const seed = emulator.seedFor(SHOP);
  const product = (title: string, price: string) => {
    const record = seed.product({ title, variants: [{ title: "Default Title", price }] });
    variants[title] = record.variantIds[0];
    return record;
  };
  const shirt = product("Linen shirt", "40.00");
  const coat = product("Wool coat", "150.00");
  product("Clay mug", "20.00");
  const autumn = seed.collection({ title: "Autumn", productIds: [shirt.id, coat.id] });
  ana = seed.customer({ firstName: "Ana", lastName: "Returning", email: "ana@example.com", tags: ["vip"] }).id;
  seed.order({ customerId: ana, email: "ana@example.com", lines: [{ variantId: variants["Clay mug"], quantity: 1 }] });
  await publish(SHOP, {
    name: "Autumn 10%",
    sharedCode: "AUTUMN10",
    combinesWithOrder: true,
    config: { version: 1, includedCollectionIds: [autumn.id], effects: [{ type: "percentage", percentage: 10 }] },
  });
  await publish(SHOP, {
    name: "Basket 5% over $300",
    sharedCode: "BASKET5",
    config: { version: 1, minimumSubtotal: "300.00", effects: [{ type: "percentage", percentage: 5, appliesTo: "order" }] },
  });
  await publish(SHOP, {
    name: "First order 20%",
    sharedCode: "FIRST20",
    config: { version: 1, firstOrder: true, effects: [{ type: "percentage", percentage: 20, appliesTo: "order" }] },
  });

  // The emulator numbers each shop's records from the same start (Shopify's ids are global):
  // seeded in this order, no id of the other shop's names a product or customer of this one.
  const other = emulator.seedFor(OTHER_SHOP);
  otherShopsCustomer = other.customer({ firstName: "Otto", email: "otto@example.com" }).id;
  otherShopsShirt = other.product({ title: "Other shop's shirt", variants: [{ price: "30.00" }] }).variantIds[0];
  expect(Object.values(variants)).not.toContain(otherShopsShirt);
  expect(otherShopsCustomer).not.toBe(ana);
  await publish(OTHER_SHOP, {
    name: "Other shop's 15%",
    sharedCode: "OTHERS15",
    config: { version: 1, effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }] },
  });

  app = await startRemixApp();
  key = await apiKey(["validate"], SHOP);
}, 120_000);

afterAll(async () => {
  await app?.close();
  routeShopifyRequestsTo();
});

beforeEach(() => {
  shopify = null;
});

function cart(lines: [string, number][], codes: string[], buyer: unknown = { kind: "customer", customerId: ana, b2b: false }) {
  return {
    lines: lines.map(([variantId, quantity]) => ({ variantId, quantity })),
    buyer,
    countryCode: "US",
    codes,
    shipping: { cost: "8.00", method: "SHIPPING" },
  };
}

const validate = (json: unknown, secret = key) => callApi(app, ENDPOINT, { method: "POST", key: secret, json });

describe("POST /api/v1/carts/validate", () => {
  it("answers a cart as the cart simulator and the storefront's checkout do", async () => {
    const lines: [string, number][] = [
      [variants["Linen shirt"], 2],
      [variants["Wool coat"], 1],
      [variants["Clay mug"], 1],
    ];
    const entered = ["autumn10", "BASKET5", "first20", "NOPE"];
    const answer = await validate(cart(lines, entered));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/json");
    const viaApi = answer.body as unknown as CartSimulation;

    // The simulator called directly on the same cart: the same answer, all but the instant.
    const direct = await simulation(SHOP, cart(lines, entered));
    expect({ ...viaApi, simulatedAt: direct.simulatedAt }).toEqual(direct);
    expect(Date.parse(viaApi.simulatedAt)).not.toBeNaN();

    // The demo storefront's checkout on the same cart (its standard rate is $8.00).
    const checkout = await priceCheckout(
      emulator,
      {
        token: "api",
        lines: lines.map(([variantId, quantity]) => ({ variantId, quantity })),
        customerId: ana,
        email: "ana@example.com",
        countryCode: "US",
        codes: entered,
        deliveryHandle: "standard",
        notice: null,
        lastOrder: null,
      },
      storefrontCustomers(emulator),
    );
    expect(fromSimulator(viaApi)).toEqual(fromCheckout(checkout));

    // What all three said: AUTUMN10 takes 10% off the shirts and the coat; the guard refuses the rest.
    expect(fromSimulator(viaApi).codes).toEqual({
      AUTUMN10: "APPLIED",
      BASKET5: "BASKET5 needs 300.00 USD of eligible items: add 50.00 USD more",
      FIRST20: "FIRST20 is for first orders",
      NOPE: "Enter a valid discount code",
    });
    expect(viaApi.totals).toMatchObject({ subtotal: "250.00", lineDiscounts: "23.00", shipping: "8.00", total: "235.00" });
    expect(viaApi.otherCodes).toEqual([
      { code: "NOPE", verdict: "refused", shopperMessage: "Enter a valid discount code", reasons: ["No discount in the store has the code NOPE"] },
    ]);
  });

  it("takes the largest cart the simulator takes", async () => {
    const big = emulator
      .seedFor(SHOP)
      .product({ title: "Sock", variants: Array.from({ length: MAX_CART_LINES }, (_, index) => ({ title: `Size ${index + 1}`, price: "5.00" })) });
    const tags = Array.from({ length: MAX_PROFILE_TAGS }, (_, index) => `${index}`.padEnd(255, "x"));
    const codes = Array.from({ length: MAX_PRODUCT_ORDER_CODES }, (_, index) => `${index}`.padEnd(255, "Z"));
    const largest = cart(
      big.variantIds.map((variantId): [string, number] => [variantId, MAX_QUANTITY]),
      codes,
      { kind: "profile", tags, returning: true, b2b: true },
    );
    expect(JSON.stringify(largest).length).toBeGreaterThan(16 * 1024);
    const answer = await validate(largest);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    expect((answer.body as unknown as CartSimulation).totals.subtotal).toBe((MAX_CART_LINES * MAX_QUANTITY * 5).toFixed(2));
  });

  it("answers bad input with the simulator's own message for each field, before asking Shopify anything", async () => {
    const before = adminRequests;
    const bad = {
      lines: [
        { variantId: variants["Linen shirt"], quantity: 0 },
        { variantId: "12345", quantity: 2 },
        { variantId: variants["Linen shirt"], quantity: 1.5 },
      ],
      buyer: { kind: "vip" },
      countryCode: "USA",
      codes: ["A1", "a1"],
      shipping: { cost: "free", method: "DRONE" },
    };
    const answer = await validate(bad);
    expect(answer.status).toBe(422);
    expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ type: "urn:promoguard:problem:invalid-input", status: 422, instance: ENDPOINT });
    expect(answer.body.errors).toEqual({
      "lines.0.quantity": "Enter at least 1",
      "lines.1.variantId": "Choose a product from the store",
      "lines.2.quantity": "Enter a whole number",
      "lines.2.variantId": "This product is in the cart already: change its quantity instead",
      "buyer.kind": 'Say who buys: kind "guest", "customer" (with customerId and b2b) or "profile" (with tags, returning and b2b)',
      countryCode: "Choose a country",
      "codes.1": "A1 has already been entered",
      "shipping.cost": "Enter an amount like 8.00",
      "shipping.method": "Choose how the order is delivered",
    });
    // One schema: the "Test a cart" page checks the same cart with the same messages.
    const page = checkCart(bad);
    expect(page.ok ? {} : page.errors).toEqual(answer.body.errors);

    const missing = await validate({ lines: [{ variantId: variants["Linen shirt"] }], buyer: { kind: "profile" }, codes: "AUTUMN10", coupon: "X" });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual({
      "lines.0.quantity": "Enter a quantity",
      "buyer.tags": "List the customer's tags (an empty list for none)",
      "buyer.returning": "Say whether the buyer has ordered before: true or false",
      "buyer.b2b": "Say whether the buyer buys for a company: true or false",
      countryCode: "Give the delivery country as a two-letter code, such as US",
      codes: "List the codes entered (an empty list for none)",
      shipping: "Give the delivery rate: its cost and method",
      // A misspelled property is named, not dropped.
      body: "Unrecognized key(s) in object: 'coupon'",
    });
    expect(adminRequests).toBe(before);
  });

  it("finds only the key's own store: another shop's product or customer is not found, its codes nobody's", async () => {
    const foreignProduct = await validate(cart([[otherShopsShirt, 1]], []));
    expect(foreignProduct.status).toBe(422);
    expect(foreignProduct.body).toMatchObject({
      type: "urn:promoguard:problem:invalid-input",
      errors: { "lines.0.variantId": "This product is no longer in the store: remove it" },
    });
    expect(foreignProduct.body.detail).toBe(
      "The cart can't be checked out in this store: lines.0.variantId: This product is no longer in the store: remove it",
    );

    const foreignCustomer = await validate(cart([[variants["Linen shirt"], 1]], [], { kind: "customer", customerId: otherShopsCustomer, b2b: false }));
    expect(foreignCustomer.status).toBe(422);
    expect(foreignCustomer.body.errors).toEqual({ "buyer.customerId": "This customer is no longer in the store: choose another" });

    const foreignCode = await validate(cart([[variants["Linen shirt"], 1]], ["OTHERS15"]));
    expect(foreignCode.status).toBe(200);
    expect((foreignCode.body as unknown as CartSimulation).otherCodes).toEqual([
      { code: "OTHERS15", verdict: "refused", shopperMessage: "Enter a valid discount code", reasons: ["No discount in the store has the code OTHERS15"] },
    ]);

    // And the other shop's key, on its own store, gets its own product and code.
    const theirs = await validate(cart([[otherShopsShirt, 2]], ["OTHERS15"], { kind: "guest" }), await apiKey(["validate"], OTHER_SHOP));
    expect(theirs.status).toBe(200);
    expect((theirs.body as unknown as CartSimulation).totals).toMatchObject({ subtotal: "60.00", orderDiscounts: "9.00" });
  });

  it("answers 503 with a plain message when Shopify doesn't answer, never a 500", async () => {
    const failures: Record<string, Fetch> = {
      "an internal error": async () => Response.json({ errors: [{ message: "Internal error. Looks like something went wrong on our end." }] }),
      "a bad gateway": async () => new Response("<html>502 Bad Gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }),
      "no connection": async () => {
        throw new TypeError("fetch failed");
      },
    };
    for (const [what, failure] of Object.entries(failures)) {
      shopify = failure;
      const answer = await validate(cart([[variants["Linen shirt"], 1]], ["AUTUMN10"]));
      expect(answer.status, what).toBe(503);
      expect(answer.headers.get("Content-Type"), what).toBe("application/problem+json");
      expect(answer.headers.get("Retry-After"), what).toBe("5");
      expect(answer.body, what).toMatchObject({
        type: "urn:promoguard:problem:shopify-unavailable",
        status: 503,
        detail: "Shopify didn't answer PromoGuard's questions about your store just now, so the cart couldn't be checked. Try again in a moment.",
      });
    }
    shopify = null;
    expect((await validate(cart([[variants["Linen shirt"], 1]], ["AUTUMN10"]))).status).toBe(200);
  });
});
