// Factories for the checkout emulator's tests: a small cart, discounts backed by the test
// functions in test-functions/, and a shop in a fixed time zone. Each call builds fresh objects.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShopifyFunction } from "../src/function-extension";
import { loadShopifyFunction } from "../src/source";
import type { ActiveDiscount, Cart, CartLine, DeliveryGroup, ShopContext } from "../src/types";

const TEST_FUNCTIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), "test-functions");
const loaded = new Map<string, Promise<ShopifyFunction>>();

/** A test function by folder name, bundled once per test file. */
export function testFunction(name: string): Promise<ShopifyFunction> {
  let fn = loaded.get(name);
  if (!fn) {
    fn = loadShopifyFunction(path.join(TEST_FUNCTIONS, name));
    loaded.set(name, fn);
  }
  return fn;
}

export const testFunctionDirectory = (name: string) => path.join(TEST_FUNCTIONS, name);

export const shop = (overrides: Partial<ShopContext> = {}): ShopContext => ({
  currencyCode: "USD",
  ianaTimezone: "America/Toronto",
  ...overrides,
});

let nextId = 1;

export function cartLine(overrides: Partial<Omit<CartLine, "variant">> & { tags?: string[]; collectionIds?: string[]; isGiftCard?: boolean } = {}): CartLine {
  const id = nextId++;
  const { tags = [], collectionIds = [], isGiftCard = false, ...line } = overrides;
  return {
    id: `gid://shopify/CartLine/${id}`,
    quantity: 1,
    unitPrice: "10.00",
    variant: {
      id: `gid://shopify/ProductVariant/${id}`,
      title: "Default",
      sku: `SKU-${id}`,
      product: {
        id: `gid://shopify/Product/${id}`,
        title: `Product ${id}`,
        handle: `product-${id}`,
        vendor: "Emulator Goods",
        isGiftCard,
        tags,
        collectionIds,
      },
    },
    ...line,
  };
}

export function deliveryGroup(lines: CartLine[], overrides: Partial<DeliveryGroup> = {}): DeliveryGroup {
  return {
    id: "gid://shopify/CartDeliveryGroup/1",
    lineIds: lines.map((line) => line.id),
    address: { countryCode: "CA", provinceCode: "ON", city: "Toronto", zip: "M5V 2T6" },
    options: [
      { handle: "standard", title: "Standard", cost: "8.00", methodType: "SHIPPING" },
      { handle: "express", title: "Express", cost: "20.00", methodType: "SHIPPING" },
      { handle: "pickup", title: "Pickup in store", cost: "0.00", methodType: "PICK_UP" },
    ],
    selectedHandle: "standard",
    ...overrides,
  };
}

export function cart(lines: CartLine[], overrides: Partial<Cart> = {}): Cart {
  return {
    currencyCode: "USD",
    lines,
    buyerIdentity: null,
    deliveryGroups: [],
    enteredDiscountCodes: [],
    localization: { countryCode: "CA", languageCode: "EN" },
    ...overrides,
  };
}

let nextDiscountId = 1;

/** An app discount running `fn` with `config` as its $app:test.config metafield (JSON); no metafield when config is undefined. */
export function discount(fn: ShopifyFunction, config: unknown, overrides: Partial<ActiveDiscount> = {}): ActiveDiscount {
  const id = nextDiscountId++;
  const method = overrides.codes && overrides.codes.length > 0 ? "CODE" : "AUTOMATIC";
  return {
    id: `gid://shopify/${method === "CODE" ? "DiscountCodeNode" : "DiscountAutomaticNode"}/${id}`,
    title: `${fn.handle} #${id}`,
    method,
    codes: [],
    discountClasses: ["PRODUCT"],
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    function: fn,
    metafields: config === undefined ? [] : [{ namespace: "$app:test", key: "config", type: "json", value: JSON.stringify(config) }],
    ...overrides,
  };
}

export const combinesWithEverything = { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true };

/** A fixed checkout instant: Tuesday 24 November 2026, 10:30 in Toronto. */
export const CHECKOUT_INSTANT = new Date("2026-11-24T15:30:00Z");
