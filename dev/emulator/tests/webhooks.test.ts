import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { buildWebhookRequest, customersDataRequestPayload, customersRedactPayload, deliverWebhooks, orderWebhookPayload, shopRedactPayload } from "../index";
import { SHOP, testEmulator } from "./helpers";

const SECRET = "emulator-test-secret";
const URL = "https://promoguard.test/webhooks/orders/create";

/** How an app checks a webhook: HMAC of the raw body with its secret, compared in constant time. */
async function verifies(request: Request, secret: string): Promise<boolean> {
  const expected = createHmac("sha256", secret)
    .update(await request.text(), "utf8")
    .digest();
  const given = Buffer.from(request.headers.get("X-Shopify-Hmac-Sha256") ?? "", "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function orderFixture() {
  const { emulator } = testEmulator({ shops: [{ domain: SHOP, currencyCode: "EUR" }] });
  const customer = emulator.seed.customer({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", tags: ["vip", "newsletter"] });
  const shirt = emulator.seed.product({ title: "Shirt", vendor: "Loom", variants: [{ title: "M", sku: "SH-M", price: "40.00" }] });
  const mug = emulator.seed.product({ title: "Mug", variants: [{ sku: "MUG-1", price: "10.00" }] });
  const order = emulator.seed.order({
    customerId: customer.id,
    lines: [
      { variantId: shirt.variantIds[0], quantity: 2 },
      { variantId: mug.variantIds[0], quantity: 1 },
    ],
    discounts: [
      { code: "SUMMER10", percentage: 10 },
      { code: "FREESHIP", percentage: 100, target: "SHIPPING" },
    ],
    shippingLines: [{ title: "Standard", price: "5.00" }],
    presentmentCurrencyCode: "USD",
    presentmentRate: 1.1,
    landingSite: "/products/shirt?utm_source=instagram",
    referringSite: "https://instagram.com/",
    sourceName: "web",
    clientDetails: { browserIp: "203.0.113.7", userAgent: "Mozilla/5.0", acceptLanguage: "en-GB" },
  });
  return { emulator, customer, order };
}

describe("signed webhook requests", () => {
  it("carries Shopify's headers and an HMAC the app can verify with its secret", async () => {
    const request = buildWebhookRequest({
      url: URL,
      topic: "orders/create",
      shop: SHOP,
      payload: { id: 1 },
      secret: SECRET,
      webhookId: "wh-1",
      triggeredAt: "2026-11-02T12:00:00.000Z",
    });
    expect(Object.fromEntries([...request.headers].filter(([name]) => name.startsWith("x-shopify") || name === "content-type"))).toEqual({
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-hmac-sha256": expect.any(String),
      "x-shopify-shop-domain": SHOP,
      "x-shopify-webhook-id": "wh-1",
      "x-shopify-event-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "x-shopify-triggered-at": "2026-11-02T12:00:00.000Z",
      "x-shopify-api-version": "2026-10",
    });
    expect(await verifies(request.clone(), SECRET)).toBe(true);
    expect(await verifies(request.clone(), "another-secret")).toBe(false);
  });

  it("is accepted by the app's webhook route only when signed with the app's secret", async () => {
    const send = (secret: string) =>
      ordersCreate({
        request: buildWebhookRequest({ url: URL, topic: "orders/create", shop: SHOP, payload: { id: 1 }, secret }),
        params: {},
        context: {},
      }).catch((thrown: unknown) => thrown as Response);
    expect((await send(process.env.SHOPIFY_API_SECRET!)).status).toBe(200);
    expect((await send("not-the-app-secret")).status).toBe(401);
  });
});

describe("delivering webhooks the way Shopify does", () => {
  it("sends duplicates under one webhook id, out of order, and retries failures", async () => {
    const received: { topic: string; id: string; valid: boolean }[] = [];
    let failNext = true;
    const send = async (request: Request) => {
      received.push({
        topic: request.headers.get("X-Shopify-Topic")!,
        id: request.headers.get("X-Shopify-Webhook-Id")!,
        valid: await verifies(request, SECRET),
      });
      if (request.headers.get("X-Shopify-Topic") === "orders/updated" && failNext) {
        failNext = false;
        return new Response(null, { status: 500 });
      }
      return new Response(null, { status: 200 });
    };
    const results = await deliverWebhooks(
      [
        { url: URL, topic: "orders/create", shop: SHOP, payload: { id: 1 }, secret: SECRET },
        { url: URL, topic: "orders/updated", shop: SHOP, payload: { id: 1 }, secret: SECRET },
      ],
      { send, times: 2, order: "reversed", retries: 3 },
    );
    expect(received.map((entry) => entry.topic)).toEqual(["orders/updated", "orders/updated", "orders/updated", "orders/create", "orders/create"]);
    expect(received.every((entry) => entry.valid)).toBe(true);
    expect(new Set(received.filter((entry) => entry.topic === "orders/create").map((entry) => entry.id)).size).toBe(1);
    expect(results.map((result) => [result.topic, result.status, result.attempt])).toEqual([
      ["orders/updated", 500, 1],
      ["orders/updated", 200, 2],
      ["orders/updated", 200, 1],
      ["orders/create", 200, 1],
      ["orders/create", 200, 1],
    ]);
  });
});

describe("webhook payloads from emulator objects", () => {
  it("builds orders/create with codes, applications, allocations, totals, attribution and customer", () => {
    const { emulator, order, customer } = orderFixture();
    const payload = orderWebhookPayload(emulator.store(), order);
    expect(payload).toMatchObject({
      id: Number(order.id.split("/").pop()),
      admin_graphql_api_id: order.id,
      name: "#1001",
      order_number: 1001,
      number: 1,
      email: "ada@example.com",
      currency: "EUR",
      presentment_currency: "USD",
      subtotal_price: "81.00",
      total_line_items_price: "90.00",
      total_discounts: "14.00",
      total_price: "81.00",
      total_price_set: { shop_money: { amount: "81.00", currency_code: "EUR" }, presentment_money: { amount: "89.10", currency_code: "USD" } },
      total_shipping_price_set: { shop_money: { amount: "5.00", currency_code: "EUR" } },
      landing_site: "/products/shirt?utm_source=instagram",
      referring_site: "https://instagram.com/",
      source_name: "web",
      browser_ip: "203.0.113.7",
      client_details: { browser_ip: "203.0.113.7", user_agent: "Mozilla/5.0", accept_language: "en-GB" },
      discount_codes: [
        { code: "SUMMER10", amount: "9.00", type: "percentage" },
        { code: "FREESHIP", amount: "5.00", type: "shipping" },
      ],
      discount_applications: [
        {
          type: "discount_code",
          code: "SUMMER10",
          value: "10.0",
          value_type: "percentage",
          allocation_method: "across",
          target_selection: "all",
          target_type: "line_item",
        },
        {
          type: "discount_code",
          code: "FREESHIP",
          value: "100.0",
          value_type: "percentage",
          allocation_method: "across",
          target_selection: "all",
          target_type: "shipping_line",
        },
      ],
      customer: { id: Number(customer.id.split("/").pop()), email: "ada@example.com", first_name: "Ada", tags: "vip, newsletter" },
    });
    expect(
      payload.line_items.map((line) => [
        line.title,
        line.variant_title,
        line.sku,
        line.quantity,
        line.price,
        line.total_discount,
        line.discount_allocations.map((allocation) => [allocation.amount, allocation.discount_application_index]),
      ]),
    ).toEqual([
      ["Shirt", "M", "SH-M", 2, "40.00", "8.00", [["8.00", 0]]],
      ["Mug", null, "MUG-1", 1, "10.00", "1.00", [["1.00", 0]]],
    ]);
    expect(payload.shipping_lines).toEqual([expect.objectContaining({ title: "Standard", price: "5.00", discounted_price: "0.00" })]);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });

  it("builds the privacy topics' payloads", () => {
    const { emulator, order, customer } = orderFixture();
    const store = emulator.store();
    const shopId = Number(store.shop.id.split("/").pop());
    const orderId = Number(order.id.split("/").pop());
    expect(customersRedactPayload(store, customer.id)).toEqual({
      shop_id: shopId,
      shop_domain: SHOP,
      customer: { id: Number(customer.id.split("/").pop()), email: "ada@example.com", phone: null },
      orders_to_redact: [orderId],
    });
    expect(customersDataRequestPayload(store, customer.id, 77)).toMatchObject({ orders_requested: [orderId], data_request: { id: 77 } });
    expect(shopRedactPayload(store)).toEqual({ shop_id: shopId, shop_domain: SHOP });
  });
});
