import { randomUUID } from "node:crypto";
import { gid } from "./ids";
import { toMinorUnits, type Amount } from "./money";
import type {
  AddressRecord,
  AppRecord,
  CollectionRecord,
  CustomerRecord,
  DiscountClassName,
  DiscountKind,
  DiscountMethod,
  DiscountRecord,
  FunctionRecord,
  MetafieldRecord,
  OrderRecord,
  ProductRecord,
  ShopRecord,
  StaffUserRecord,
  VariantRecord,
} from "./records";
import { addressRecord, seedOrder, type OrderSeed } from "./seed-orders";
import type { ShopSnapshot, ShopStore } from "./store";

export interface ShopSeed extends Partial<Omit<ShopRecord, "id" | "domain">> {
  app?: Partial<Omit<AppRecord, "id" | "installationId">>;
}

/** Each shop of one emulator numbers its records from its own range, so a Shopify id names one
 * record across every shop, as Shopify's global ids do. */
const IDS_PER_SHOP = 1_000_000_000;

/** A new, empty shop (the `index`th of its emulator): the starting point for every domain it serves. */
export function newShopSnapshot(domain: string, seed: ShopSeed, now: Date, index = 0): ShopSnapshot {
  let nextId = 1_000_001 + index * IDS_PER_SHOP;
  const name = seed.name ?? domain.replace(/\.myshopify\.com$/, "");
  return {
    shop: {
      id: gid("Shop", nextId++),
      domain,
      name,
      email: seed.email ?? `owner@${domain}`,
      currencyCode: seed.currencyCode ?? "USD",
      ianaTimezone: seed.ianaTimezone ?? "America/New_York",
      planDisplayName: seed.planDisplayName ?? "Basic",
      shopifyPlus: seed.shopifyPlus ?? false,
      partnerDevelopment: seed.partnerDevelopment ?? false,
      enabledPresentmentCurrencies: seed.enabledPresentmentCurrencies ?? [seed.currencyCode ?? "USD"],
      createdAt: seed.createdAt ?? now.toISOString(),
    },
    app: {
      id: gid("App", nextId++),
      installationId: gid("AppInstallation", nextId++),
      title: seed.app?.title ?? "PromoGuard",
      handle: seed.app?.handle ?? "promoguard",
      apiKey: seed.app?.apiKey ?? "emulated-api-key",
      accessScopes: seed.app?.accessScopes ?? [],
    },
    functions: [],
    counters: { nextId, nextOrderNumber: 1001 },
    products: [],
    variants: [],
    collections: [],
    customers: [],
    orders: [],
    discounts: [],
    redeemCodes: [],
    bulkCreations: [],
    jobs: [],
    metafields: [],
    metafieldDefinitions: [],
    metaobjectDefinitions: [],
    metaobjects: [],
    staff: [],
    issuedTokens: { offline: null, online: [] },
    flow: { extensions: [], triggerRuns: [] },
  };
}

export interface VariantSeed {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  price?: Amount;
  compareAtPrice?: Amount | null;
  /** Unit cost (InventoryItem.unitCost); unknown when omitted. */
  cost?: Amount | null;
  inventoryQuantity?: number;
  taxable?: boolean;
  requiresShipping?: boolean;
}

export interface ProductSeed {
  title?: string;
  handle?: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  status?: ProductRecord["status"];
  descriptionHtml?: string;
  createdAt?: string;
  variants?: VariantSeed[];
  /** Collections (ids) the product joins, at the end of each. */
  collectionIds?: string[];
}

export interface CollectionSeed {
  title?: string;
  handle?: string;
  productIds?: string[];
}

export interface CustomerSeed {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  note?: string | null;
  locale?: string;
  acceptsMarketing?: boolean;
  address?: Partial<AddressRecord> | null;
  createdAt?: string;
}

export interface DiscountSeed {
  method?: DiscountMethod;
  /** BASIC, BXGY and FREE_SHIPPING are Shopify's native discounts; APP needs a registered function. */
  kind?: DiscountKind;
  title?: string;
  codes?: string[];
  startsAt?: string;
  endsAt?: string | null;
  summary?: string | null;
  combinesWith?: Partial<DiscountRecord["combinesWith"]>;
  discountClasses?: DiscountClassName[];
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean;
  asyncUsageCount?: number;
  tags?: string[];
  functionHandle?: string;
}

export interface FunctionSeed {
  handle: string;
  title?: string;
  apiType?: string;
  discountClasses?: DiscountClassName[];
}

export interface StaffUserSeed {
  /** Shopify's user id (the session token's sub); the next free one when omitted. */
  id?: number;
  firstName: string;
  lastName: string;
  email: string;
  emailVerified?: boolean;
  accountOwner?: boolean;
  locale?: string;
  collaborator?: boolean;
}

export interface MetafieldSeed {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "item";

function uniqueHandle(taken: Iterable<{ handle: string }>, wanted: string): string {
  const handles = new Set([...taken].map((item) => item.handle));
  let handle = wanted;
  for (let suffix = 1; handles.has(handle); suffix++) handle = `${wanted}-${suffix}`;
  return handle;
}

/**
 * Factories that put objects straight into a shop's state, as if the merchant had made them:
 * tests and the demo build their stores with these. Everything has a sensible default.
 */
export function seeder(store: ShopStore, now: () => Date) {
  const currency = () => store.shop.currencyCode;
  const iso = () => now().toISOString();

  const seed = {
    function(input: FunctionSeed): FunctionRecord {
      const record: FunctionRecord = {
        id: randomUUID(),
        handle: input.handle,
        title: input.title ?? input.handle,
        apiType: input.apiType ?? "discount",
        discountClasses: input.discountClasses ?? ["PRODUCT", "ORDER", "SHIPPING"],
      };
      store.functions.push(record);
      return record;
    },

    product(input: ProductSeed = {}): ProductRecord {
      const id = store.newId("Product");
      const title = input.title ?? `Product ${store.products.size + 1}`;
      const createdAt = input.createdAt ?? iso();
      const product: ProductRecord = {
        id,
        title,
        handle: input.handle ?? uniqueHandle(store.products.values(), slug(title)),
        vendor: input.vendor ?? store.shop.name,
        productType: input.productType ?? "",
        tags: input.tags ?? [],
        status: input.status ?? "ACTIVE",
        descriptionHtml: input.descriptionHtml ?? "",
        createdAt,
        updatedAt: createdAt,
        variantIds: [],
      };
      store.products.set(id, product);
      const variants = input.variants ?? [{}];
      variants.forEach((variant, index) => {
        const record: VariantRecord = {
          id: store.newId("ProductVariant"),
          productId: id,
          inventoryItemId: store.newId("InventoryItem"),
          title: variant.title ?? (variants.length === 1 ? "Default Title" : `Variant ${index + 1}`),
          sku: variant.sku ?? null,
          barcode: variant.barcode ?? null,
          price: toMinorUnits(variant.price ?? "10.00", currency()),
          compareAtPrice: variant.compareAtPrice === undefined || variant.compareAtPrice === null ? null : toMinorUnits(variant.compareAtPrice, currency()),
          unitCost: variant.cost === undefined || variant.cost === null ? null : toMinorUnits(variant.cost, currency()),
          inventoryQuantity: variant.inventoryQuantity ?? 10,
          position: index + 1,
          taxable: variant.taxable ?? true,
          requiresShipping: variant.requiresShipping ?? true,
          createdAt,
          updatedAt: createdAt,
        };
        store.variants.set(record.id, record);
        product.variantIds.push(record.id);
      });
      for (const collectionId of input.collectionIds ?? []) {
        const collection = store.collections.get(collectionId);
        if (!collection) throw new Error(`seed.product: no collection ${collectionId} in ${store.shop.domain}`);
        collection.productIds.push(id);
      }
      return product;
    },

    collection(input: CollectionSeed = {}): CollectionRecord {
      const title = input.title ?? `Collection ${store.collections.size + 1}`;
      const record: CollectionRecord = {
        id: store.newId("Collection"),
        title,
        handle: input.handle ?? uniqueHandle(store.collections.values(), slug(title)),
        productIds: [...(input.productIds ?? [])],
        updatedAt: iso(),
      };
      store.collections.set(record.id, record);
      return record;
    },

    customer(input: CustomerSeed = {}): CustomerRecord {
      const number = store.customers.size + 1;
      const createdAt = input.createdAt ?? iso();
      const record: CustomerRecord = {
        id: store.newId("Customer"),
        firstName: input.firstName === undefined ? "Customer" : input.firstName,
        lastName: input.lastName === undefined ? String(number) : input.lastName,
        email: input.email === undefined ? `customer${number}@example.com` : input.email,
        phone: input.phone ?? null,
        tags: input.tags ?? [],
        note: input.note ?? null,
        locale: input.locale ?? "en",
        verifiedEmail: true,
        acceptsMarketing: input.acceptsMarketing ?? false,
        defaultAddress: addressRecord(input.address),
        createdAt,
        updatedAt: createdAt,
      };
      store.customers.set(record.id, record);
      return record;
    },

    order(input: OrderSeed): OrderRecord {
      return seedOrder(store, input, now);
    },

    discount(input: DiscountSeed = {}): DiscountRecord {
      const method = input.method ?? "CODE";
      const kind = input.kind ?? "BASIC";
      const fn = kind === "APP" ? store.functions.find((candidate) => candidate.handle === input.functionHandle) : undefined;
      if (kind === "APP" && !fn) throw new Error(`seed.discount: register the function "${input.functionHandle}" first (seed.function)`);
      const createdAt = iso();
      const record: DiscountRecord = {
        id: store.newId(method === "CODE" ? "DiscountCodeNode" : "DiscountAutomaticNode"),
        method,
        kind,
        title: input.title ?? `Discount ${store.discounts.size + 1}`,
        startsAt: input.startsAt ?? createdAt,
        endsAt: input.endsAt ?? null,
        createdAt,
        updatedAt: createdAt,
        combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false, ...input.combinesWith },
        discountClasses: input.discountClasses ?? [kind === "FREE_SHIPPING" ? "SHIPPING" : "ORDER"],
        customerIds: null,
        tags: input.tags ?? [],
        asyncUsageCount: input.asyncUsageCount ?? 0,
        usageLimit: input.usageLimit ?? null,
        appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
        appliesOnOneTimePurchase: true,
        appliesOnSubscription: false,
        recurringCycleLimit: kind === "APP" ? 1 : null,
        functionId: fn?.id ?? null,
        summary: kind === "APP" ? null : (input.summary ?? null),
      };
      if (kind !== "APP" && record.summary === null) throw new Error("seed.discount: a native discount needs the summary Shopify shows for it");
      store.discounts.set(record.id, record);
      const codes = input.codes ?? (method === "CODE" ? [`CODE${store.discounts.size}`] : []);
      for (const code of codes) {
        if (store.redeemCodeByCode(code)) throw new Error(`seed.discount: the code ${code} already exists in ${store.shop.domain}`);
        store.addRedeemCode(record.id, code, createdAt);
      }
      return record;
    },

    /** A staff account; token exchange issues online tokens only to the shop's staff. */
    staffUser(input: StaffUserSeed): StaffUserRecord {
      const id = input.id ?? Math.max(90_000_000, ...store.staff.map((user) => user.id)) + 1;
      if (store.staff.some((user) => user.id === id)) throw new Error(`seed.staffUser: ${store.shop.domain} already has the user ${id}`);
      if (input.accountOwner && store.staff.some((user) => user.accountOwner)) {
        throw new Error(`seed.staffUser: ${store.shop.domain} already has an account owner`);
      }
      const record: StaffUserRecord = {
        id,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        emailVerified: input.emailVerified ?? true,
        accountOwner: input.accountOwner ?? false,
        locale: input.locale ?? "en",
        collaborator: input.collaborator ?? false,
      };
      store.staff.push(record);
      return record;
    },

    metafield(input: MetafieldSeed): MetafieldRecord {
      const record: MetafieldRecord = { id: store.newId("Metafield"), ...input, createdAt: iso(), updatedAt: iso() };
      store.metafields.set(record.id, record);
      return record;
    },
  };
  return seed;
}

export type Seeder = ReturnType<typeof seeder>;
