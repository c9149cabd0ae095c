import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../emulator";
import {
  DEMO_COLLECTIONS,
  DEMO_CUSTOMERS,
  DEMO_ORDER_HISTORY,
  DEMO_PRODUCTS,
  DEMO_SECOND_COLLECTIONS,
  DEMO_SECOND_ORDER_HISTORY,
  DEMO_SECOND_PRODUCTS,
  DEMO_SECOND_SHOP,
  DEMO_SHOP,
  DEMO_STORES,
  type DemoCustomer,
  type DemoProduct,
} from "./catalogue";
import { DEMO_API_KEY } from "./session";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DemoResource {
  id: string;
  title: string;
  handle: string;
  variants?: { id: string; title: string; sku: string | null; price: string }[];
}

export interface DemoStore {
  emulator: ShopifyEmulator;
  fetch: ShopifyEmulator["fetch"];
  shopDetails(shop: string): { name: string; currencyCode: string; ianaTimezone: string };
  searchResources(shop: string, type: "product" | "variant" | "collection", query: string): Promise<DemoResource[]>;
  save(): Promise<void>;
}

/**
 * The demo's Shopify, serving every demo store: restored from the data folder, or seeded with the
 * demo catalogues. It answers token exchange for the demo app (session tokens signed with
 * `apiSecret`), so the app gets its online sessions — one per demo staff member and store — the
 * way it does from Shopify.
 */
export async function openDemoStore(dataDir: string, options: { apiSecret: string; scopes: readonly string[] }): Promise<DemoStore> {
  const stateFile = path.join(dataDir, "shopify-emulator.json");
  const emulator = createShopifyEmulator({
    shops: DEMO_STORES.map(({ shop }) => ({ ...shop })),
    // The demo is one person clicking around: rate limits would only get in the way.
    throttle: false,
    appCredentials: { apiKey: DEMO_API_KEY, apiSecret: options.apiSecret },
    accessTokens: Object.fromEntries(DEMO_STORES.map((store) => [store.shop.domain, store.offlineToken])),
  });
  if (existsSync(stateFile)) emulator.restore(readFileSync(stateFile, "utf8"));
  else seedDemoCatalogues(emulator);
  for (const { shop, staff } of DEMO_STORES) {
    deployAppFunctions(emulator, shop.domain);
    const seed = emulator.seedFor(shop.domain);
    // The store's staff accounts (also added to demo data saved before the demo had them).
    for (const { role: _role, ...user } of staff) {
      if (!emulator.store(shop.domain).staff.some((existing) => existing.id === user.id)) seed.staffUser(user);
    }
    // What the merchant granted at install: the scopes the app asks for.
    emulator.store(shop.domain).app.accessScopes = [...options.scopes];
  }

  return {
    emulator,
    fetch: emulator.fetch,
    shopDetails(domain) {
      const shop = emulator.store(domain).shop;
      return { name: shop.name, currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone };
    },
    async searchResources(shop, type, query) {
      if (type === "variant") return searchVariants(emulator, shop, query);
      return type === "product" ? searchProducts(emulator, shop, query) : searchCollections(emulator, shop, query);
    },
    async save() {
      writeFileSync(stateFile, JSON.stringify(emulator.snapshot()));
    },
  };
}

interface CatalogueSpec {
  collections: readonly { handle: string; title: string }[];
  products: DemoProduct[];
  orders: { customerEmail: string; daysAgo: number; lines: { sku: string; quantity: number }[]; discountCode?: string; landingSite: string | null }[];
  /** The store's codes from before PromoGuard, made in Shopify's admin: the "Not governed" list. */
  nativeDiscounts: { title: string; code: string; percentage: number }[];
}

function seedDemoCatalogues(emulator: ShopifyEmulator) {
  seedCatalogue(emulator, DEMO_SHOP.domain, {
    collections: DEMO_COLLECTIONS,
    products: DEMO_PRODUCTS,
    orders: DEMO_ORDER_HISTORY,
    nativeDiscounts: [
      { title: "Welcome 10% (newsletter)", code: "WELCOME10", percentage: 10 },
      { title: "Loyalty 15%", code: "LOYALTY15", percentage: 15 },
    ],
  });
  seedCatalogue(emulator, DEMO_SECOND_SHOP.domain, {
    collections: DEMO_SECOND_COLLECTIONS,
    products: DEMO_SECOND_PRODUCTS,
    orders: DEMO_SECOND_ORDER_HISTORY,
    nativeDiscounts: [{ title: "Vinter 10%", code: "VINTER10", percentage: 10 }],
  });
}

function seedCatalogue(emulator: ShopifyEmulator, shop: string, spec: CatalogueSpec) {
  const seed = emulator.seedFor(shop);
  const collections = new Map<string, { id: string }>(spec.collections.map((c) => [c.handle, seed.collection({ title: c.title, handle: c.handle })]));
  const variantsBySku = new Map<string, { id: string; price: string }>();
  for (const product of spec.products) {
    const record = seed.product({
      title: product.title,
      handle: product.handle,
      vendor: product.vendor,
      productType: product.productType,
      tags: product.tags,
      collectionIds: product.collections.map((handle) => collections.get(handle)!.id),
      variants: product.variants.map((v) => ({ title: v.title, sku: v.sku, price: v.price, cost: v.unitCost, inventoryQuantity: v.inventory })),
    });
    const store = emulator.store(shop);
    record.variantIds.forEach((variantId, index) => {
      variantsBySku.set(product.variants[index].sku, { id: store.variants.get(variantId)!.id, price: product.variants[index].price });
    });
  }
  const customers = new Map(
    DEMO_CUSTOMERS.map((c: DemoCustomer) => [
      c.email,
      seed.customer({ firstName: c.firstName, lastName: c.lastName, email: c.email, tags: c.tags, address: { countryCode: c.countryCode } }),
    ]),
  );
  for (const discount of spec.nativeDiscounts)
    seed.discount({ title: discount.title, codes: [discount.code], summary: `${discount.percentage}% off entire order` });
  const percentages = new Map(spec.nativeDiscounts.map((discount) => [discount.code, discount.percentage]));
  for (const order of spec.orders) {
    const customer = customers.get(order.customerEmail)!;
    const placedAt = new Date(Date.now() - order.daysAgo * DAY_MS).toISOString();
    seed.order({
      customerId: customer.id,
      email: order.customerEmail,
      lines: order.lines.map((line) => ({ variantId: variantsBySku.get(line.sku)!.id, quantity: line.quantity })),
      discounts: order.discountCode ? [{ code: order.discountCode, percentage: percentages.get(order.discountCode) ?? 15 }] : [],
      landingSite: order.landingSite,
      shippingLines: [{ title: "Standard", price: "8.00" }],
      createdAt: placedAt,
      processedAt: placedAt,
      sourceName: "web",
    });
  }
}

const PRODUCT_SEARCH = `#graphql
  query DemoProductSearch($query: String) {
    products(first: 50, query: $query) {
      nodes { id title handle variants(first: 10) { nodes { id title sku price } } }
    }
  }
`;

const COLLECTION_SEARCH = `#graphql
  query DemoCollectionSearch($query: String) {
    collections(first: 50, query: $query) { nodes { id title handle } }
  }
`;

interface ProductSearchData {
  products: { nodes: { id: string; title: string; handle: string; variants: { nodes: DemoResource["variants"] } }[] };
}

function searchProducts(emulator: ShopifyEmulator, shop: string, query: string): DemoResource[] {
  const { data, errors } = emulator.graphql(shop, PRODUCT_SEARCH, { query: query || null });
  if (errors?.length) throw new Error(`Demo product search failed: ${errors.map((e) => e.message).join("; ")}`);
  return (data as unknown as ProductSearchData).products.nodes.map((product) => ({ ...product, variants: product.variants.nodes }));
}

/** Every variant of the products found, named as Shopify's variant picker shows them ("Linen duvet cover - Queen"). */
function searchVariants(emulator: ShopifyEmulator, shop: string, query: string): DemoResource[] {
  return searchProducts(emulator, shop, query).flatMap((product) =>
    (product.variants ?? []).map((variant) => ({
      id: variant.id,
      title: product.variants!.length > 1 ? `${product.title} - ${variant.title}` : product.title,
      handle: product.handle,
    })),
  );
}

function searchCollections(emulator: ShopifyEmulator, shop: string, query: string): DemoResource[] {
  const { data, errors } = emulator.graphql(shop, COLLECTION_SEARCH, { query: query || null });
  if (errors?.length) throw new Error(`Demo collection search failed: ${errors.map((e) => e.message).join("; ")}`);
  return (data as unknown as { collections: { nodes: DemoResource[] } }).collections.nodes;
}
