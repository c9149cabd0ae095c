// The app and the local Shopify emulator together: the app's own Admin API client talks to the
// emulator, and orders placed from a simulated checkout reach the app's webhook route signed
// the way Shopify signs them.
import { GraphqlQueryError } from "@shopify/shopify-api";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { authenticate } from "~/shopify.server";
import { fetchShopDetails } from "~/shopify/shop.server";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { buildWebhookRequest, createShopifyEmulator, deliverWebhooks, orderWebhookPayload, type ShopifyEmulator } from "../dev/emulator";
import { cartLineFor, placeOrder, simulateCheckout } from "../dev/emulator/checkout";
import { CHECKOUT_INSTANT, cart, discount, shop, testFunction } from "../packages/shopify-checkout/tests/test-factories";
import { adminRequest, APP_ORIGIN, installShop, TEST_SHOP } from "./support/shopify-app";

const EMULATED_SHOP = { domain: TEST_SHOP, name: "Maple & Moss Outfitters", currencyCode: "CAD", ianaTimezone: "America/Halifax" };

let emulator: ShopifyEmulator;

beforeAll(() => installShop(TEST_SHOP));
beforeEach(() => {
  emulator = createShopifyEmulator({ shops: [EMULATED_SHOP], now: () => CHECKOUT_INSTANT });
});

/** Calls a Remix action the way the server does, turning a thrown Response into the answer. */
const call = async (action: (args: never) => Promise<Response>, request: Request) => {
  try {
    return await action({ request, params: {}, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

describe("the app's Admin API traffic, routed to the emulator", () => {
  beforeEach(() => routeShopifyRequestsTo(emulator.fetch));
  afterEach(() => routeShopifyRequestsTo());

  const adminContext = async () => (await authenticate.admin(await adminRequest("/app"))).admin;

  it("reads the emulated shop's name, currency and time zone", async () => {
    expect(await fetchShopDetails(await adminContext())).toEqual({
      name: "Maple & Moss Outfitters",
      currencyCode: "CAD",
      ianaTimezone: "America/Halifax",
    });
  });

  it("surfaces Shopify's THROTTLED error when the bucket is empty instead of inventing a shop", async () => {
    const admin = await adminContext();
    emulator.throttle.setAvailable(0, TEST_SHOP);
    const failure = await fetchShopDetails(admin).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GraphqlQueryError);
    expect((failure as GraphqlQueryError).message).toBe("Throttled");
    expect((failure as GraphqlQueryError).body?.errors).toMatchObject({ graphQLErrors: [{ extensions: { code: "THROTTLED" } }] });
  });
});

describe("orders from a simulated checkout, delivered to the app's orders/create route", () => {
  const ORDERS_CREATE_URL = new URL("/webhooks/orders/create", APP_ORIGIN);

  /** A checkout of the emulated shop's jacket with `code` entered (15% off), placed as an order. */
  async function placeCheckout(code: string) {
    const jacket = emulator.seed.product({ title: "Waxed jacket", variants: [{ sku: "JKT-1", price: "120.00" }] });
    const fifteenOff = discount(await testFunction("percent-off-lines"), { percentage: 15 }, { codes: [code] });
    const checkout = await simulateCheckout(
      cart([cartLineFor(emulator, jacket.variantIds[0])], { currencyCode: "CAD", enteredDiscountCodes: [code] }),
      [fifteenOff],
      { shop: shop({ currencyCode: "CAD", ianaTimezone: EMULATED_SHOP.ianaTimezone }), now: CHECKOUT_INSTANT },
    );
    const order = placeOrder(emulator, checkout);
    return { checkout, order, payload: orderWebhookPayload(emulator.store(), order) };
  }

  const ordersCreateWebhook = (payload: unknown) => ({ url: ORDERS_CREATE_URL, topic: "orders/create", shop: TEST_SHOP, payload, secret: API_SECRET_KEY });

  it("is verified and acknowledged, and the app reads checkout's figures and code from it", async () => {
    const { checkout, payload } = await placeCheckout("JACKET15");
    expect(checkout.totals).toMatchObject({ subtotal: "120.00", lineDiscounts: "18.00", total: "102.00" });

    const response = await call(ordersCreate, buildWebhookRequest(ordersCreateWebhook(payload)));
    expect(response.status).toBe(200);

    const received = await authenticate.webhook(buildWebhookRequest(ordersCreateWebhook(payload)));
    expect(received).toMatchObject({ topic: "ORDERS_CREATE", shop: TEST_SHOP });
    expect(received.payload).toMatchObject({
      name: "#1001",
      currency: "CAD",
      total_line_items_price: checkout.totals.subtotal,
      total_discounts: checkout.totals.lineDiscounts,
      total_price: checkout.totals.total,
      discount_codes: [{ code: "JACKET15", amount: "18.00", type: "percentage" }],
    });
  });

  it("refuses the same webhook with a tampered body", async () => {
    const { payload } = await placeCheckout("JACKET15");
    const signed = buildWebhookRequest(ordersCreateWebhook(payload));
    const tamperedBody = (await signed.text()).replace('"total_price":"102.00"', '"total_price":"0.00"');
    expect(tamperedBody).toContain('"total_price":"0.00"');

    const response = await call(ordersCreate, new Request(signed.url, { method: "POST", headers: signed.headers, body: tamperedBody }));
    expect(response.status).toBe(401);
  });

  it("verifies duplicated and out-of-order deliveries", async () => {
    const first = await placeCheckout("FIRST15");
    const second = await placeCheckout("SECOND15");
    // Shopify keeps one webhook id across a delivery's duplicates; here it names the order.
    const webhooks = [first, second].map(({ order, payload }) => ({ ...ordersCreateWebhook(payload), webhookId: `orders-create-${order.name}` }));

    const results = await deliverWebhooks(webhooks, { send: (request) => call(ordersCreate, request), times: 2, order: "reversed" });

    expect(results.map(({ webhookId, status }) => [webhookId, status])).toEqual([
      ["orders-create-#1002", 200],
      ["orders-create-#1002", 200],
      ["orders-create-#1001", 200],
      ["orders-create-#1001", 200],
    ]);
  });
});
