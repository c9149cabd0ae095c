import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "graphql";
import { describe, expect, test } from "vitest";
import { buildFunctionInput } from "../src/build-input";
import { simulateCheckout } from "../src/index";
import { loadShopifyFunction } from "../src/source";
import { shopLocalTime } from "../src/local-time";
import { prepareCart } from "../src/prepared-cart";
import { CHECKOUT_INSTANT, cart, cartLine, deliveryGroup, discount, shop, testFunction, testFunctionDirectory } from "./test-factories";

const at = { shop: shop(), now: CHECKOUT_INSTANT };

describe("input queries", () => {
  test("a field the emulator does not implement fails the checkout, naming Type.field", async () => {
    const asksTooMuch = discount(await testFunction("unimplemented-field"), {});
    await expect(simulateCheckout(cart([cartLine()]), [asksTooMuch], at)).rejects.toThrow(
      /CartLine\.sellingPlanAllocation is not implemented by the checkout emulator .* refuses to invent its value \(at cart\.lines\.0\.sellingPlanAllocation\)/,
    );
  });

  test("a query that is invalid against the Discount Function API schema is refused when the function loads", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "checkout-invalid-query-"));
    try {
      cpSync(testFunctionDirectory("percent-off-lines"), directory, { recursive: true });
      writeFileSync(path.join(directory, "src", "cart_lines_discounts_generate_run.graphql"), "query Input { shop { localTime { date dayOfWeek } } }");
      await expect(loadShopifyFunction(directory)).rejects.toThrow(
        /invalid against the Discount Function API 2026-10:\n {2}Cannot query field "dayOfWeek" on type "LocalTime"/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("a variable the metafield lacks is null, as Shopify passes it, and a required one fails with graphql's message", async () => {
    const tagged = discount(await testFunction("tagged-lines"), { productTags: [], collectionIds: [], percentage: 10 });
    await expect(simulateCheckout(cart([cartLine()]), [tagged], at)).rejects.toThrow(
      /Variable "\$customerTags" of non-null type "\[String!\]!" must not be null/,
    );
  });

  test("resolvers answer from the cart: money in the cart currency, shop local time, tags, collections, delivery", async () => {
    const lines = [
      cartLine({ unitPrice: "12.50", compareAtUnitPrice: "15.00", quantity: 2, collectionIds: ["gid://shopify/Collection/1"] }),
      cartLine({ unitPrice: "3.00", isGiftCard: true }),
    ];
    const euroCart = cart(lines, {
      currencyCode: "EUR",
      presentmentCurrencyRate: "0.5",
      attributes: [{ key: "gift", value: "yes" }],
      localization: { countryCode: "FR", languageCode: "FR" },
      enteredDiscountCodes: ["WELCOME"],
      buyerIdentity: {
        email: "buyer@example.com",
        isAuthenticated: true,
        customer: { id: "gid://shopify/Customer/9", tags: ["vip"], numberOfOrders: 4, amountSpentInShopCurrency: "250.00" },
        purchasingCompany: { company: { id: "gid://shopify/Company/3", name: "Acme" }, location: { id: "gid://shopify/CompanyLocation/4", name: "HQ" } },
      },
      deliveryGroups: [deliveryGroup([lines[0]])],
    });
    const shopContext = shop({ metafields: [{ namespace: "$app:promoguard", key: "settings", type: "json", value: '{"stacking":"strict"}' }] });
    const prepared = prepareCart(euroCart, shopContext);
    const inputQuery = parse(`
      query Everything($collections: [ID!]!) {
        presentmentCurrencyRate
        triggeringDiscountCode
        enteredDiscountCodes { code rejectable }
        localization { country { isoCode } language { isoCode } }
        shop {
          localTime {
            date
            morning: timeBetween(startTime: "09:00:00", endTime: "12:00:00")
            evening: timeAfter(time: "18:00")
            inCampaign: dateTimeBetween(startDateTime: "2026-11-20T00:00:00", endDateTime: "2026-11-27T00:00:00")
            beforeLaunch: dateTimeBefore(dateTime: "2026-11-24T10:00:00")
          }
          metafield(namespace: "$app:promoguard", key: "settings") { type value jsonValue }
        }
        discount { discountClasses }
        cart {
          cost { subtotalAmount { amount currencyCode } totalAmount { amount } }
          attribute(key: "gift") { key value }
          buyerIdentity {
            email
            customer { id numberOfOrders amountSpent { amount currencyCode } hasTags(tags: ["vip", "staff"]) { tag hasTag } }
            purchasingCompany { company { id name } }
          }
          lines {
            id
            quantity
            cost { amountPerQuantity { amount } compareAtAmountPerQuantity { amount } subtotalAmount { amount } }
            merchandise {
              ... on ProductVariant { sku product { handle isGiftCard inCollections(ids: $collections) { collectionId isMember } } }
            }
          }
          deliveryGroups {
            id
            deliveryAddress { countryCode provinceCode }
            selectedDeliveryOption { handle cost { amount } }
            cartLines { id }
          }
        }
      }`);

    const input = buildFunctionInput(
      { target: "cart.lines.discounts.generate.run", exportName: "run", inputQueryFile: "inline query", inputQuery },
      {
        prepared,
        discount: discount(await testFunction("percent-off-lines"), {}, { codes: ["WELCOME"], discountClasses: ["PRODUCT", "ORDER"] }),
        localTime: shopLocalTime(CHECKOUT_INSTANT, shopContext.ianaTimezone),
        triggeringDiscountCode: "WELCOME",
        enteredDiscountCodes: [{ code: "WELCOME", rejectable: true }],
      },
      { collections: ["gid://shopify/Collection/1", "gid://shopify/Collection/2"] },
    );

    expect(input).toEqual({
      presentmentCurrencyRate: "0.5",
      triggeringDiscountCode: "WELCOME",
      enteredDiscountCodes: [{ code: "WELCOME", rejectable: true }],
      localization: { country: { isoCode: "FR" }, language: { isoCode: "FR" } },
      shop: {
        // 15:30 UTC is 10:30 in Toronto.
        localTime: { date: "2026-11-24", morning: true, evening: false, inCampaign: true, beforeLaunch: false },
        metafield: { type: "json", value: '{"stacking":"strict"}', jsonValue: { stacking: "strict" } },
      },
      discount: { discountClasses: ["PRODUCT", "ORDER"] },
      cart: {
        // Lines 25.00 + 3.00, plus the selected 8.00 delivery.
        cost: { subtotalAmount: { amount: "28.0", currencyCode: "EUR" }, totalAmount: { amount: "36.0" } },
        attribute: { key: "gift", value: "yes" },
        buyerIdentity: {
          email: "buyer@example.com",
          // 250.00 USD spent, at 0.5 EUR per USD.
          customer: {
            id: "gid://shopify/Customer/9",
            numberOfOrders: 4,
            amountSpent: { amount: "125.0", currencyCode: "EUR" },
            hasTags: [
              { tag: "vip", hasTag: true },
              { tag: "staff", hasTag: false },
            ],
          },
          purchasingCompany: { company: { id: "gid://shopify/Company/3", name: "Acme" } },
        },
        lines: [
          {
            id: lines[0].id,
            quantity: 2,
            cost: { amountPerQuantity: { amount: "12.5" }, compareAtAmountPerQuantity: { amount: "15.0" }, subtotalAmount: { amount: "25.0" } },
            merchandise: {
              sku: lines[0].variant.sku,
              product: {
                handle: lines[0].variant.product.handle,
                isGiftCard: false,
                inCollections: [
                  { collectionId: "gid://shopify/Collection/1", isMember: true },
                  { collectionId: "gid://shopify/Collection/2", isMember: false },
                ],
              },
            },
          },
          {
            id: lines[1].id,
            quantity: 1,
            cost: { amountPerQuantity: { amount: "3.0" }, compareAtAmountPerQuantity: null, subtotalAmount: { amount: "3.0" } },
            merchandise: {
              sku: lines[1].variant.sku,
              product: {
                handle: lines[1].variant.product.handle,
                isGiftCard: true,
                inCollections: [
                  { collectionId: "gid://shopify/Collection/1", isMember: false },
                  { collectionId: "gid://shopify/Collection/2", isMember: false },
                ],
              },
            },
          },
        ],
        deliveryGroups: [
          {
            id: "gid://shopify/CartDeliveryGroup/1",
            deliveryAddress: { countryCode: "CA", provinceCode: "ON" },
            selectedDeliveryOption: { handle: "standard", cost: { amount: "8.0" } },
            cartLines: [{ id: lines[0].id }],
          },
        ],
      },
    });
  });
});

describe("the cart model is checked before any function runs", () => {
  test.each([
    ["a non-positive quantity", cart([cartLine({ quantity: 0 })]), /cart\.lines\[0\]\.quantity must be a positive integer, got 0/],
    ["a price that is not a decimal", cart([cartLine({ unitPrice: "12,50" })]), /cart\.lines\[0\]\.unitPrice must be a decimal number, got "12,50"/],
    ["another currency without a rate", cart([cartLine()], { currencyCode: "EUR" }), /cart is in EUR but the shop in USD: give cart\.presentmentCurrencyRate/],
    [
      "a currency the API does not know",
      cart([cartLine()], { currencyCode: "ABC", presentmentCurrencyRate: "1" }),
      /"ABC" is not a CurrencyCode of the Discount Function API/,
    ],
    [
      "a selected option the group does not offer",
      (() => {
        const line = cartLine();
        return cart([line], { deliveryGroups: [deliveryGroup([line], { selectedHandle: "teleport" })] });
      })(),
      /selectedHandle "teleport" is not one of the group's options/,
    ],
  ])("%s", async (_, badCart, message) => {
    await expect(simulateCheckout(badCart, [], at)).rejects.toThrow(message);
  });
});
