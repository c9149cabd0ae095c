import { describe, expect, test } from "vitest";
import { legacyId } from "../admin/ids";
import { createShopifyEmulator, orderWebhookPayload } from "../index";
import { cartLineFor, placeOrder, simulateCheckout } from "./index";
import {
  CHECKOUT_INSTANT,
  cart,
  cartLine,
  combinesWithEverything,
  deliveryGroup,
  discount,
  shop,
  testFunction,
} from "../../../packages/shopify-checkout/tests/test-factories";
import type { Cart } from "shopify-checkout";

const SHOP = "checkout-shop.myshopify.com";

function emulatedShop() {
  const emulator = createShopifyEmulator({
    shops: [{ domain: SHOP, currencyCode: "USD", enabledPresentmentCurrencies: ["USD", "EUR", "JPY"] }],
    now: () => CHECKOUT_INSTANT,
  });
  const seed = emulator.seedFor(SHOP);
  const shirt = seed.product({ title: "Linen shirt", vendor: "Atelier", variants: [{ sku: "LIN-M", price: "40.00" }] });
  const mug = seed.product({ title: "Mug", variants: [{ sku: "MUG-1", price: "20.00" }] });
  const ada = seed.customer({ firstName: "Ada", email: "ada@example.com" });
  return { emulator, shirtVariant: shirt.variantIds[0], mugVariant: mug.variantIds[0], ada };
}

describe("placeOrder", () => {
  test("puts a checkout into the emulator's shop with checkout's figures, visible through the Admin API and orders/create", async () => {
    const { emulator, shirtVariant, mugVariant, ada } = emulatedShop();
    const welcome = discount(await testFunction("percent-off-lines"), { percentage: 10 }, { codes: ["WELCOME10"], combinesWith: combinesWithEverything });
    const halfShipping = discount(
      await testFunction("shipping-discount"),
      { percentage: 50, methodType: "SHIPPING", countries: ["CA"] },
      { title: "Half-price shipping", discountClasses: ["SHIPPING"], combinesWith: combinesWithEverything },
    );
    const lines = [cartLineFor(emulator, shirtVariant, { quantity: 2, unitPrice: "20.00" }), cartLineFor(emulator, mugVariant, { unitPrice: "10.00" })];
    const euroCart = cart(lines, {
      currencyCode: "EUR",
      presentmentCurrencyRate: "0.5",
      enteredDiscountCodes: ["WELCOME10"],
      deliveryGroups: [deliveryGroup(lines)],
      buyerIdentity: {
        email: "buyer@example.com",
        isAuthenticated: true,
        customer: { id: ada.id, firstName: "Ada", tags: [], numberOfOrders: 0, amountSpentInShopCurrency: "0.00" },
      },
    });
    const result = await simulateCheckout(euroCart, [welcome, halfShipping], { shop: shop(), now: CHECKOUT_INSTANT });
    expect(result.totals).toEqual({
      subtotal: "50.00",
      lineDiscounts: "5.00",
      orderDiscounts: "0.00",
      shipping: "8.00",
      shippingDiscounts: "4.00",
      total: "49.00",
    });

    const order = placeOrder(emulator, result, {
      shop: SHOP,
      landingSite: "/?utm_source=newsletter",
      referringSite: "https://news.example.com/",
      clientDetails: { browserIp: "203.0.113.7" },
    });

    const listed = emulator.graphql(SHOP, "query { orders(first: 5) { nodes { name totalDiscountsSet { shopMoney { amount } } discountCodes } } }");
    expect(listed.errors).toBeUndefined();
    expect(listed.data).toEqual({ orders: { nodes: [{ name: "#1001", totalDiscountsSet: { shopMoney: { amount: "18.0" } }, discountCodes: ["WELCOME10"] }] } });

    // The one REST builder carries the same order; EUR at 0.5 per USD, so shop amounts are twice the cart's.
    const payload = orderWebhookPayload(emulator.store(SHOP), order);
    const inCart = (set: { presentment_money: { amount: string; currency_code: string } }) => set.presentment_money;
    const euros = (amount: string) => ({ amount, currency_code: "EUR" });
    expect(inCart(payload.total_line_items_price_set)).toEqual(euros(result.totals.subtotal));
    expect(inCart(payload.total_discounts_set)).toEqual(euros("9.00"));
    expect(inCart(payload.shipping_lines[0].price_set)).toEqual(euros(result.totals.shipping));
    expect(inCart(payload.shipping_lines[0].discount_allocations[0].amount_set)).toEqual(euros(result.totals.shippingDiscounts));
    expect(inCart(payload.total_price_set)).toEqual(euros(result.totals.total));
    expect(payload).toMatchObject({
      name: "#1001",
      email: "buyer@example.com",
      created_at: result.checkedOutAt,
      currency: "USD",
      presentment_currency: "EUR",
      total_line_items_price: "100.00",
      subtotal_price: "90.00",
      total_discounts: "18.00",
      total_price: "98.00",
      discount_codes: [{ code: "WELCOME10", amount: "10.00", type: "percentage" }],
      discount_applications: [
        { type: "discount_code", code: "WELCOME10", value: "10.0", value_type: "percentage", target_selection: "explicit", target_type: "line_item" },
        { type: "automatic", title: "Half-price shipping", value: "50.0", value_type: "percentage", target_type: "shipping_line" },
      ],
      shipping_lines: [{ title: "Standard", price: "16.00", discounted_price: "8.00" }],
      customer: { id: legacyId(ada.id), email: "ada@example.com", first_name: "Ada" },
      shipping_address: { country_code: "CA", province_code: "ON", city: "Toronto" },
      landing_site: "/?utm_source=newsletter",
      referring_site: "https://news.example.com/",
      client_details: { browser_ip: "203.0.113.7" },
    });
    expect(
      payload.line_items.map(({ variant_id, sku, title, quantity, price, discount_allocations }) => ({
        variant_id,
        sku,
        title,
        quantity,
        price,
        discount_allocations,
      })),
    ).toEqual([
      {
        variant_id: legacyId(shirtVariant),
        sku: "LIN-M",
        title: "Linen shirt",
        quantity: 2,
        price: "40.00",
        discount_allocations: [
          {
            amount: "8.00",
            amount_set: { shop_money: { amount: "8.00", currency_code: "USD" }, presentment_money: euros("4.00") },
            discount_application_index: 0,
          },
        ],
      },
      {
        variant_id: legacyId(mugVariant),
        sku: "MUG-1",
        title: "Mug",
        quantity: 1,
        price: "20.00",
        discount_allocations: [
          {
            amount: "2.00",
            amount_set: { shop_money: { amount: "2.00", currency_code: "USD" }, presentment_money: euros("1.00") },
            discount_application_index: 0,
          },
        ],
      },
    ]);
  });

  test("refuses a checkout that does not fit the shop, and stores nothing", async () => {
    const { emulator, shirtVariant } = emulatedShop();
    const place = async (cartToCheckOut: Cart, currencyCode = "USD") =>
      placeOrder(emulator, await simulateCheckout(cartToCheckOut, [], { shop: shop({ currencyCode }), now: CHECKOUT_INSTANT }), { shop: SHOP });
    const shirt = (options: Parameters<typeof cartLineFor>[2] = {}) => [cartLineFor(emulator, shirtVariant, options)];

    await expect(place(cart([cartLine()]))).rejects.toThrow(
      /^placeOrder: cart line \S+ buys gid:\/\/shopify\/ProductVariant\/\d+, which checkout-shop\.myshopify\.com does not have/,
    );
    const stranger = { isAuthenticated: true, customer: { id: "gid://shopify/Customer/999", tags: [], numberOfOrders: 0, amountSpentInShopCurrency: "0.00" } };
    await expect(place(cart(shirt(), { buyerIdentity: stranger }))).rejects.toThrow(
      "placeOrder: the cart's buyer gid://shopify/Customer/999 is not a customer of checkout-shop.myshopify.com",
    );
    await expect(place(cart(shirt(), { currencyCode: "CAD" }), "CAD")).rejects.toThrow(
      "placeOrder: the checkout was priced for a shop in CAD, but checkout-shop.myshopify.com is in USD",
    );
    await expect(place(cart(shirt({ unitPrice: "30.00" }), { currencyCode: "GBP", presentmentCurrencyRate: "0.8" }))).rejects.toThrow(
      "placeOrder: the cart is in GBP, which checkout-shop.myshopify.com does not sell in (it sells in USD, EUR, JPY)",
    );
    // 1000 JPY at 150 per USD is 6.67 USD, which converts back to 1001 JPY: no USD amount gives 1000 JPY.
    const yenLine = shirt({ unitPrice: "1000" });
    await expect(place(cart(yenLine, { currencyCode: "JPY", presentmentCurrencyRate: "150" }))).rejects.toThrow(
      `placeOrder: cart line ${yenLine[0].id}'s unit price of 1000 JPY has no USD amount that converts back to it at 150`,
    );
    expect(emulator.store(SHOP).orders.size).toBe(0);
  });
});
