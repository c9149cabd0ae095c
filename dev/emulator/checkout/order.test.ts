import { expect, test } from "vitest";
import { checkoutToOrder, simulateCheckout } from "./index";
import { CHECKOUT_INSTANT, cart, cartLine, combinesWithEverything, deliveryGroup, discount, shop, testFunction } from "./test-factories";

test("checkoutToOrder turns a checkout into the REST order an orders/create webhook carries", async () => {
  const welcome = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { codes: ["WELCOME10"], combinesWith: combinesWithEverything });
  const halfShipping = discount(
    await testFunction("shipping-discount"),
    { percentage: 50, methodType: "SHIPPING", countries: ["CA"] },
    { title: "Half-price shipping", discountClasses: ["SHIPPING"], combinesWith: combinesWithEverything },
  );
  const lines = [cartLine({ unitPrice: "20.00", quantity: 2 }), cartLine({ unitPrice: "10.00" })];
  const euroCart = cart(lines, {
    currencyCode: "EUR",
    presentmentCurrencyRate: "0.5",
    enteredDiscountCodes: ["WELCOME10"],
    deliveryGroups: [deliveryGroup(lines)],
    attributes: [{ key: "gift-note", value: "Happy birthday" }],
    buyerIdentity: {
      email: "buyer@example.com",
      isAuthenticated: true,
      customer: { id: "gid://shopify/Customer/77", firstName: "Ada", tags: ["vip", "newsletter"], numberOfOrders: 0, amountSpentInShopCurrency: "0.00" },
    },
  });

  const result = await simulateCheckout(euroCart, [welcome, halfShipping], { shop: shop(), now: CHECKOUT_INSTANT });
  const order = checkoutToOrder(result, { id: 5001, orderNumber: 1001 });

  // EUR at 0.5 per USD: every shop amount is twice the cart amount.
  expect(order).toMatchObject({
    id: 5001,
    admin_graphql_api_id: "gid://shopify/Order/5001",
    name: "#1001",
    number: 1,
    order_number: 1001,
    email: "buyer@example.com",
    created_at: "2026-11-24T15:30:00.000Z",
    currency: "USD",
    presentment_currency: "EUR",
    total_line_items_price: "100.00",
    subtotal_price: "90.00",
    subtotal_price_set: { shop_money: { amount: "90.00", currency_code: "USD" }, presentment_money: { amount: "45.00", currency_code: "EUR" } },
    total_discounts: "18.00",
    total_shipping_price_set: { shop_money: { amount: "8.00", currency_code: "USD" }, presentment_money: { amount: "4.00", currency_code: "EUR" } },
    total_price: "98.00",
    total_tax: "0.00",
    discount_codes: [{ code: "WELCOME10", amount: "10.00", type: "percentage" }],
    discount_applications: [
      {
        type: "discount_code",
        code: "WELCOME10",
        value: "10",
        value_type: "percentage",
        allocation_method: "across",
        target_selection: "explicit",
        target_type: "line_item",
      },
      {
        type: "automatic",
        title: "Half-price shipping",
        value: "50",
        value_type: "percentage",
        target_type: "shipping_line",
      },
    ],
    customer: { id: 77, admin_graphql_api_id: "gid://shopify/Customer/77", email: null, first_name: "Ada", tags: "vip, newsletter" },
    shipping_address: { country_code: "CA", province_code: "ON", city: "Toronto" },
    note_attributes: [{ name: "gift-note", value: "Happy birthday" }],
  });
  expect(order.line_items.map(({ variant_id, sku, quantity, price, total_discount, discount_allocations }) => ({ variant_id, sku, quantity, price, total_discount, discount_allocations }))).toEqual([
    {
      variant_id: Number(lines[0].variant.id.split("/").pop()),
      sku: lines[0].variant.sku,
      quantity: 2,
      price: "40.00",
      total_discount: "8.00",
      discount_allocations: [
        { amount: "8.00", amount_set: { shop_money: { amount: "8.00", currency_code: "USD" }, presentment_money: { amount: "4.00", currency_code: "EUR" } }, discount_application_index: 0 },
      ],
    },
    {
      variant_id: Number(lines[1].variant.id.split("/").pop()),
      sku: lines[1].variant.sku,
      quantity: 1,
      price: "20.00",
      total_discount: "2.00",
      discount_allocations: [
        { amount: "2.00", amount_set: { shop_money: { amount: "2.00", currency_code: "USD" }, presentment_money: { amount: "1.00", currency_code: "EUR" } }, discount_application_index: 0 },
      ],
    },
  ]);
  expect(order.shipping_lines).toMatchObject([
    { title: "Standard", price: "16.00", discounted_price: "8.00", discount_allocations: [{ amount: "8.00", discount_application_index: 1 }] },
  ]);
  // The webhook body is JSON: nothing in the order may be lost by serializing it.
  expect(JSON.parse(JSON.stringify(order))).toEqual(order);
});
