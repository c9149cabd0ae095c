// Deterministic carts of any size for the benchmark and the budget test: a realistic mix of
// products (several vendors, SKUs, collections and tags, a gift card every fiftieth line) at
// varied prices and quantities, checked out with the emulator's cart model so that every
// function input is built by executing the function's real input query.
import type { Cart, CartLine } from "shopify-checkout";
import { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, STOCK_KEY } from "../src/checkout/rules";

export const productGid = (n: number) => `gid://shopify/Product/${8_100_000_000_000 + n}`;
export const variantGid = (n: number) => `gid://shopify/ProductVariant/${45_000_000_000_000 + n}`;
export const collectionGid = (n: number) => `gid://shopify/Collection/${480_000_000_000 + n}`;
export const range = (count: number, from = 0) => Array.from({ length: count }, (_, index) => from + index);

const VENDORS = ["Northwind", "Contoso", "Outlet Co", "Fabrikam", "Globex"];
const TAGS = ["sale", "bundle", "wholesale", "seasonal", "final-sale"];

export function benchLine(index: number): CartLine {
  const price = 5 + ((index * 37) % 200) + (index % 4) * 0.25;
  const collectionIds = [collectionGid(index % 4 === 0 ? 0 : 1 + (index % 9))];
  if (index % 17 === 0) collectionIds.push(collectionGid(10));
  return {
    id: `gid://shopify/CartLine/${index}`,
    quantity: 1 + (index % 3),
    unitPrice: price.toFixed(2),
    variant: {
      id: variantGid(index),
      // Units in stock as PromoGuard keeps them: a few lines low, a few overstocked.
      metafields: [{ namespace: METAFIELD_NAMESPACE, key: STOCK_KEY, type: "number_integer", value: String((index * 29) % 150) }],
      sku: index % 9 === 0 ? `CLEAR-${index}` : `SKU-${index}`,
      product: {
        id: productGid(index),
        title: `Product ${index}`,
        handle: `product-${index}`,
        vendor: VENDORS[index % VENDORS.length],
        isGiftCard: index % 50 === 49,
        tags: index % 5 === 0 ? [TAGS[index % TAGS.length]] : [],
        collectionIds,
      },
    },
  };
}

export interface CartOptions {
  codes?: string[];
  /** A signed-in customer with this many orders and these tags; null: a guest. */
  customer?: { numberOfOrders: number; tags: string[] } | null;
  /** The signed-in customer's uses of limited campaigns, by catalogue pattern. */
  uses?: Record<string, number>;
}

export function benchCart(lineCount: number, options: CartOptions = {}): Cart {
  const lines = range(lineCount).map(benchLine);
  const customer = options.customer === undefined ? { numberOfOrders: 4, tags: ["loyalty"] } : options.customer;
  return {
    currencyCode: "USD",
    lines,
    enteredDiscountCodes: options.codes ?? [],
    localization: { countryCode: "US", languageCode: "EN" },
    buyerIdentity:
      customer === null
        ? null
        : {
            email: "shopper@example.com",
            isAuthenticated: true,
            customer: {
              id: "gid://shopify/Customer/77",
              email: "shopper@example.com",
              tags: customer.tags,
              numberOfOrders: customer.numberOfOrders,
              amountSpentInShopCurrency: "120.00",
              metafields: options.uses ? [{ namespace: METAFIELD_NAMESPACE, key: CUSTOMER_USES_KEY, type: "json", value: JSON.stringify(options.uses) }] : [],
            },
          },
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: lines.map((line) => line.id),
        address: { countryCode: "US" },
        options: [
          { handle: "standard", cost: "6.90", methodType: "SHIPPING" },
          { handle: "express", cost: "24.00", methodType: "SHIPPING" },
          { handle: "pickup", cost: "0.00", methodType: "PICK_UP" },
        ],
        selectedHandle: "standard",
      },
    ],
  };
}
