// What the cart simulator reads from the store to build checkout's view of a cart: the shop, its
// active automatic app discounts, the discounts behind the entered codes, the cart's variants and
// the buyer. Exactly the facts the functions' input queries ask about — including the app's own
// metafields they read (SIMULATOR_METAFIELDS; the simulator refuses functions that read others).
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type {
  CartSimulatorAutomaticDiscountsQuery,
  CartSimulatorCodeQuery,
  CartSimulatorCustomerQuery,
  CartSimulatorCustomerSearchQuery,
  CartSimulatorShopQuery,
  CartSimulatorVariantsQuery,
} from "~/types/admin.generated";

/** A metafield as functions name it: the app's namespace as "$app:promoguard". */
export interface AppMetafield {
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export const APP_NAMESPACE = "$app:promoguard";

/** The app metafields this module reads, per owner type of the Function API (what input queries may ask for). */
export const SIMULATOR_METAFIELDS: Readonly<Record<string, readonly string[]>> = {
  Shop: ["stacking-catalogue"],
  Discount: ["rules", "input"],
  ProductVariant: ["stock"],
  Customer: ["uses"],
};

const SHOP = `#graphql
  query CartSimulatorShop {
    shop {
      currencyCode
      ianaTimezone
      stackingCatalogue: metafield(namespace: "$app:promoguard", key: "stacking-catalogue") { type value }
    }
    shopifyFunctions(first: 50) { nodes { id handle } }
  }
`;

const AUTOMATIC_DISCOUNTS = `#graphql
  query CartSimulatorAutomaticDiscounts($after: String) {
    automaticDiscountNodes(first: 25, after: $after, query: "status:active", sortKey: ID) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        rules: metafield(namespace: "$app:promoguard", key: "rules") { type value }
        input: metafield(namespace: "$app:promoguard", key: "input") { type value }
        automaticDiscount {
          __typename
          ... on DiscountAutomaticApp {
            title status discountClasses
            combinesWith { productDiscounts orderDiscounts shippingDiscounts }
            appDiscountType { functionId }
          }
          ... on DiscountAutomaticBasic { title status discountClasses }
          ... on DiscountAutomaticBxgy { title status discountClasses }
          ... on DiscountAutomaticFreeShipping { title status discountClasses }
        }
      }
    }
  }
`;

const CODE = `#graphql
  query CartSimulatorCode($code: String!, $codeQuery: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      rules: metafield(namespace: "$app:promoguard", key: "rules") { type value }
      input: metafield(namespace: "$app:promoguard", key: "input") { type value }
      codeDiscount {
        __typename
        ... on DiscountCodeApp {
          title status discountClasses
          combinesWith { productDiscounts orderDiscounts shippingDiscounts }
          appDiscountType { functionId }
          codes(first: 1, query: $codeQuery) { nodes { code } }
        }
        ... on DiscountCodeBasic { title status discountClasses codes(first: 1, query: $codeQuery) { nodes { code } } }
        ... on DiscountCodeBxgy { title status discountClasses codes(first: 1, query: $codeQuery) { nodes { code } } }
        ... on DiscountCodeFreeShipping { title status discountClasses codes(first: 1, query: $codeQuery) { nodes { code } } }
      }
    }
  }
`;

const VARIANTS = `#graphql
  query CartSimulatorVariants($ids: [ID!]!, $withCollections: Boolean!, $collectionQuery: String!, $collectionCount: Int!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id title displayName sku price compareAtPrice
        inventoryItem { requiresShipping }
        stock: metafield(namespace: "$app:promoguard", key: "stock") { type value }
        product {
          id title handle vendor productType isGiftCard tags
          collections(first: $collectionCount, query: $collectionQuery) @include(if: $withCollections) { nodes { id } }
        }
      }
    }
  }
`;

const CUSTOMER = `#graphql
  query CartSimulatorCustomer($id: ID!) {
    customer(id: $id) {
      id email firstName lastName displayName tags numberOfOrders
      amountSpent { amount }
      defaultAddress { countryCodeV2 }
      uses: metafield(namespace: "$app:promoguard", key: "uses") { type value }
    }
  }
`;

const CUSTOMER_SEARCH = `#graphql
  query CartSimulatorCustomerSearch($query: String) {
    customers(first: 10, query: $query, sortKey: NAME) {
      nodes { id displayName email tags numberOfOrders defaultAddress { countryCodeV2 } }
    }
  }
`;

type Maybe<T> = T | null | undefined;

/** Metafields found under their aliases, as functions name them. */
function appMetafields(entries: [key: string, metafield: Maybe<{ type: string; value: string }>][]): AppMetafield[] {
  return entries.flatMap(([key, metafield]) => (metafield ? [{ namespace: APP_NAMESPACE, key, type: metafield.type, value: metafield.value }] : []));
}

export interface StoreShop {
  currencyCode: string;
  ianaTimezone: string;
  metafields: AppMetafield[];
  /** The app's function extensions in the store: function id → handle. */
  functionHandles: ReadonlyMap<string, string>;
}

export async function readShop(call: AdminCall): Promise<StoreShop> {
  const data = await call<CartSimulatorShopQuery>(SHOP);
  return {
    currencyCode: data.shop.currencyCode,
    ianaTimezone: data.shop.ianaTimezone,
    metafields: appMetafields([["stacking-catalogue", data.shop.stackingCatalogue]]),
    functionHandles: new Map(data.shopifyFunctions.nodes.map((fn) => [fn.id, fn.handle])),
  };
}

export type DiscountClassName = "PRODUCT" | "ORDER" | "SHIPPING";

export interface StoreDiscount {
  id: string;
  title: string;
  method: "CODE" | "AUTOMATIC";
  /** ACTIVE, EXPIRED or SCHEDULED, as Shopify derives it from the active period. */
  status: string;
  discountClasses: DiscountClassName[];
  /** The app function behind an app discount; null for Shopify's own discounts. */
  functionId: string | null;
  combinesWith: { productDiscounts: boolean; orderDiscounts: boolean; shippingDiscounts: boolean };
  metafields: AppMetafield[];
}

const NO_COMBINATIONS = { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false };

type MetafieldValue = Maybe<{ type: string; value: string }>;
interface DiscountFields {
  title: string;
  status: string;
  discountClasses: readonly string[];
  combinesWith?: { productDiscounts: boolean; orderDiscounts: boolean; shippingDiscounts: boolean };
  appDiscountType?: { functionId: string };
}

/** A discount node as the simulator needs it; an app discount brings its function and PromoGuard's metafields. */
function storeDiscount(
  node: { id: string; rules?: MetafieldValue; input?: MetafieldValue },
  discount: DiscountFields,
  method: StoreDiscount["method"],
): StoreDiscount {
  const app = discount.appDiscountType !== undefined;
  return {
    id: node.id,
    title: discount.title,
    method,
    status: discount.status,
    discountClasses: discount.discountClasses as DiscountClassName[],
    functionId: discount.appDiscountType?.functionId ?? null,
    combinesWith: { ...NO_COMBINATIONS, ...discount.combinesWith },
    metafields: app
      ? appMetafields([
          ["rules", node.rules],
          ["input", node.input],
        ])
      : [],
  };
}

/** The shop's active automatic discounts, app and Shopify's own (Shopify allows 25 active ones). */
export async function readActiveAutomaticDiscounts(call: AdminCall): Promise<StoreDiscount[]> {
  const discounts: StoreDiscount[] = [];
  for (let after: string | null = null; ;) {
    const data: CartSimulatorAutomaticDiscountsQuery = await call<CartSimulatorAutomaticDiscountsQuery>(AUTOMATIC_DISCOUNTS, { after });
    for (const node of data.automaticDiscountNodes.nodes) {
      const discount = node.automaticDiscount;
      if ("title" in discount) discounts.push(storeDiscount(node, discount, "AUTOMATIC"));
    }
    const { hasNextPage, endCursor } = data.automaticDiscountNodes.pageInfo;
    if (!hasNextPage || !endCursor) return discounts;
    after = endCursor;
  }
}

/** Shopify's search syntax: a value in double quotes, with quotes and backslashes escaped. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;

/** The code discount that holds `code` (any status, any kind), with the code as the discount spells it; null when none does. */
export async function readCodeDiscount(call: AdminCall, code: string): Promise<(StoreDiscount & { code: string }) | null> {
  const data = await call<CartSimulatorCodeQuery>(CODE, { code, codeQuery: `code:${quoted(code)}` });
  const node = data.codeDiscountNodeByCode;
  if (!node) return null;
  const discount = node.codeDiscount;
  if (!("title" in discount)) return null;
  return { ...storeDiscount(node, discount, "CODE"), code: discount.codes.nodes[0]?.code ?? code };
}

export interface StoreVariant {
  id: string;
  title: string;
  displayName: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  requiresShipping: boolean;
  metafields: AppMetafield[];
  product: {
    id: string;
    title: string;
    handle: string;
    vendor: string;
    productType: string;
    isGiftCard: boolean;
    tags: string[];
    /** Only the collections asked about (`collectionIds`), the ones an input query may ask about. */
    collectionIds: string[];
  };
}

/** Shopify takes at most 250 ids per nodes(ids:); 50 keeps a call's cost far below the bucket. */
const VARIANTS_PER_CALL = 50;

/**
 * The variants (unknown ids are left out), each with its product's membership in the named
 * collections only: a product's collections are asked about by id, so the read costs what the
 * question needs, not what the store holds.
 */
export async function readVariants(call: AdminCall, variantIds: readonly string[], collectionIds: readonly string[]): Promise<StoreVariant[]> {
  const variants: StoreVariant[] = [];
  const collectionQuery = collectionIds.map((id) => `id:${id.split("/").pop()}`).join(" OR ");
  for (let start = 0; start < variantIds.length; start += VARIANTS_PER_CALL) {
    const data = await call<CartSimulatorVariantsQuery>(VARIANTS, {
      ids: variantIds.slice(start, start + VARIANTS_PER_CALL),
      withCollections: collectionIds.length > 0,
      collectionQuery,
      collectionCount: Math.max(1, collectionIds.length),
    });
    for (const node of data.nodes) {
      if (!node || !("product" in node)) continue;
      const { product } = node;
      variants.push({
        id: node.id,
        title: node.title,
        displayName: node.displayName,
        sku: node.sku ?? null,
        price: String(node.price),
        compareAtPrice: node.compareAtPrice == null ? null : String(node.compareAtPrice),
        requiresShipping: node.inventoryItem.requiresShipping,
        metafields: appMetafields([["stock", node.stock]]),
        product: {
          id: product.id,
          title: product.title,
          handle: product.handle,
          vendor: product.vendor,
          productType: product.productType,
          isGiftCard: product.isGiftCard,
          tags: product.tags,
          collectionIds: product.collections?.nodes.map((collection) => collection.id) ?? [],
        },
      });
    }
  }
  return variants;
}

export interface StoreCustomer {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  tags: string[];
  numberOfOrders: number;
  /** Shop currency. */
  amountSpent: string;
  countryCode: string | null;
  metafields: AppMetafield[];
}

export async function readCustomer(call: AdminCall, id: string): Promise<StoreCustomer | null> {
  const { customer } = await call<CartSimulatorCustomerQuery>(CUSTOMER, { id });
  if (!customer) return null;
  return {
    id: customer.id,
    email: customer.email ?? null,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    displayName: customer.displayName,
    tags: customer.tags,
    numberOfOrders: Number(customer.numberOfOrders),
    amountSpent: String(customer.amountSpent.amount),
    countryCode: customer.defaultAddress?.countryCodeV2 ?? null,
    metafields: appMetafields([["uses", customer.uses]]),
  };
}

export interface CustomerChoice {
  id: string;
  name: string;
  email: string | null;
  tags: string[];
  numberOfOrders: number;
  countryCode: string | null;
}

/** Up to 10 customers matching what the merchant typed (name, email, tag…), for the simulator's customer picker. */
export async function searchCustomers(call: AdminCall, query: string): Promise<CustomerChoice[]> {
  const data = await call<CartSimulatorCustomerSearchQuery>(CUSTOMER_SEARCH, { query: query.trim() || null });
  return data.customers.nodes.map((customer) => ({
    id: customer.id,
    name: customer.displayName,
    email: customer.email ?? null,
    tags: customer.tags,
    numberOfOrders: Number(customer.numberOfOrders),
    countryCode: customer.defaultAddress?.countryCodeV2 ?? null,
  }));
}
