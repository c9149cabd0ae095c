import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../emulator";
import {
  DEMO_COLLECTIONS,
  DEMO_CUSTOMERS,
  DEMO_ORDER_HISTORY,
  DEMO_PRODUCTS,
  DEMO_SHOP,
  DEMO_STAFF,
} from "./catalogue";
import { DEMO_API_KEY, DEMO_OFFLINE_TOKEN } from "./session";

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
  shopDetails(): { name: string; currencyCode: string; ianaTimezone: string };
  searchResources(type: "product" | "collection", query: string): Promise<DemoResource[]>;
  save(): Promise<void>;
}

/**
 * The demo's Shopify: restored from the data folder, or seeded with the demo catalogue. It
 * answers token exchange for the demo app (session tokens signed with `apiSecret`), so the app
 * gets its online sessions — one per demo staff member — the way it does from Shopify.
 */
export async function openDemoStore(dataDir: string, options: { apiSecret: string; scopes: readonly string[] }): Promise<DemoStore> {
  const stateFile = path.join(dataDir, "shopify-emulator.json");
  const emulator = createShopifyEmulator({
    shops: [{ domain: DEMO_SHOP.domain, name: DEMO_SHOP.name, currencyCode: DEMO_SHOP.currencyCode, ianaTimezone: DEMO_SHOP.ianaTimezone }],
    // The demo is one person clicking around: rate limits would only get in the way.
    throttle: false,
    appCredentials: { apiKey: DEMO_API_KEY, apiSecret: options.apiSecret },
    accessTokens: { [DEMO_SHOP.domain]: DEMO_OFFLINE_TOKEN },
  });
  if (existsSync(stateFile)) emulator.restore(readFileSync(stateFile, "utf8"));
  else seedDemoCatalogue(emulator);
  deployAppFunctions(emulator, DEMO_SHOP.domain);
  addDemoStaff(emulator);
  // What the merchant granted at install: the scopes the app asks for.
  emulator.store(DEMO_SHOP.domain).app.accessScopes = [...options.scopes];

  return {
    emulator,
    fetch: emulator.fetch,
    shopDetails() {
      const shop = emulator.store(DEMO_SHOP.domain).shop;
      return { name: shop.name, currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone };
    },
    async searchResources(type, query) {
      return type === "product" ? searchProducts(emulator, query) : searchCollections(emulator, query);
    },
    async save() {
      writeFileSync(stateFile, JSON.stringify(emulator.snapshot()));
    },
  };
}


/** The store's staff accounts (also added to demo data saved before the demo had staff). */
function addDemoStaff(emulator: ShopifyEmulator) {
  const shop = emulator.store(DEMO_SHOP.domain);
  const seed = emulator.seedFor(DEMO_SHOP.domain);
  for (const { role: _role, ...user } of DEMO_STAFF) {
    if (!shop.staff.some((existing) => existing.id === user.id)) seed.staffUser(user);
  }
}

function seedDemoCatalogue(emulator: ShopifyEmulator) {
  const seed = emulator.seedFor(DEMO_SHOP.domain);
  const collections = new Map<string, { id: string }>(DEMO_COLLECTIONS.map((c) => [c.handle, seed.collection({ title: c.title, handle: c.handle })]));
  const variantsBySku = new Map<string, { id: string; price: string }>();
  for (const product of DEMO_PRODUCTS) {
    const record = seed.product({
      title: product.title,
      handle: product.handle,
      vendor: product.vendor,
      productType: product.productType,
      tags: product.tags,
      collectionIds: product.collections.map((handle) => collections.get(handle)!.id),
      variants: product.variants.map((v) => ({ title: v.title, sku: v.sku, price: v.price, cost: v.unitCost, inventoryQuantity: v.inventory })),
    });
    const store = emulator.store(DEMO_SHOP.domain);
    record.variantIds.forEach((variantId, index) => {
      variantsBySku.set(product.variants[index].sku, { id: store.variants.get(variantId)!.id, price: product.variants[index].price });
    });
  }
  const customers = new Map(
    DEMO_CUSTOMERS.map((c) => [
      c.email,
      seed.customer({ firstName: c.firstName, lastName: c.lastName, email: c.email, tags: c.tags, address: { countryCode: c.countryCode } }),
    ]),
  );
  // The store's codes from before PromoGuard, made in Shopify's admin: the "Not governed" list.
  seed.discount({ title: "Welcome 10% (newsletter)", codes: ["WELCOME10"], summary: "10% off entire order" });
  seed.discount({ title: "Loyalty 15%", codes: ["LOYALTY15"], summary: "15% off entire order" });
  for (const order of DEMO_ORDER_HISTORY) {
    const customer = customers.get(order.customerEmail)!;
    const placedAt = new Date(Date.now() - order.daysAgo * DAY_MS).toISOString();
    seed.order({
      customerId: customer.id,
      email: order.customerEmail,
      lines: order.lines.map((line) => ({ variantId: variantsBySku.get(line.sku)!.id, quantity: line.quantity })),
      discounts: order.discountCode ? [{ code: order.discountCode, percentage: order.discountCode === "WELCOME10" ? 10 : 15 }] : [],
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

function searchProducts(emulator: ShopifyEmulator, query: string): DemoResource[] {
  const { data, errors } = emulator.graphql(DEMO_SHOP.domain, PRODUCT_SEARCH, { query: query || null });
  if (errors?.length) throw new Error(`Demo product search failed: ${errors.map((e) => e.message).join("; ")}`);
  return (data as unknown as ProductSearchData).products.nodes.map((product) => ({ ...product, variants: product.variants.nodes }));
}

function searchCollections(emulator: ShopifyEmulator, query: string): DemoResource[] {
  const { data, errors } = emulator.graphql(DEMO_SHOP.domain, COLLECTION_SEARCH, { query: query || null });
  if (errors?.length) throw new Error(`Demo collection search failed: ${errors.map((e) => e.message).join("; ")}`);
  return (data as unknown as { collections: { nodes: DemoResource[] } }).collections.nodes;
}
