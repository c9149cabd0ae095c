// What the storefront reads from the demo's Shopify: the catalogue and customers through the
// emulator's Admin API (as the picker does), and the function discounts checkout runs, as the
// emulator holds them, each with its own function extension.
import { APP_EXTENSIONS, type ShopifyEmulator } from "../../emulator";
import {
  appMetafields,
  liveAppDiscounts,
  loadShopifyFunctions,
  type ActiveDiscount,
  type Customer,
  type Metafield,
  type ShopifyFunction,
} from "../../emulator/checkout";
import { DEMO_SHOP } from "../catalogue";

export interface StorefrontVariant {
  id: string;
  title: string;
  price: string;
}

export interface StorefrontProduct {
  id: string;
  title: string;
  vendor: string;
  productType: string;
  variants: StorefrontVariant[];
}

export interface StorefrontCustomer extends Customer {
  countryCode: string | null;
}

const CATALOGUE = `#graphql
  query StorefrontCatalogue {
    products(first: 50, sortKey: TITLE) {
      nodes { id title vendor productType variants(first: 5) { nodes { id title price } } }
    }
  }
`;

const CUSTOMERS = `#graphql
  query StorefrontCustomers {
    customers(first: 250, sortKey: NAME) {
      nodes { id firstName lastName email tags numberOfOrders amountSpent { amount } defaultAddress { countryCodeV2 } }
    }
  }
`;

function query<T>(emulator: ShopifyEmulator, document: string): T {
  const { data, errors } = emulator.graphql(DEMO_SHOP.domain, document);
  if (errors?.length) throw new Error(`Storefront read failed: ${errors.map((error) => error.message).join("; ")}`);
  return data as unknown as T;
}

export function storefrontProducts(emulator: ShopifyEmulator): StorefrontProduct[] {
  type Data = { products: { nodes: (Omit<StorefrontProduct, "variants"> & { variants: { nodes: StorefrontVariant[] } })[] } };
  return query<Data>(emulator, CATALOGUE).products.nodes.map((product) => ({ ...product, variants: product.variants.nodes }));
}

export function storefrontCustomers(emulator: ShopifyEmulator): StorefrontCustomer[] {
  type Node = Omit<Customer, "numberOfOrders" | "amountSpentInShopCurrency"> & {
    numberOfOrders: string;
    amountSpent: { amount: string };
    defaultAddress: { countryCodeV2: string | null } | null;
  };
  return query<{ customers: { nodes: Node[] } }>(emulator, CUSTOMERS).customers.nodes.map(({ numberOfOrders, amountSpent, defaultAddress, ...customer }) => ({
    ...customer,
    numberOfOrders: Number(numberOfOrders),
    amountSpentInShopCurrency: amountSpent.amount,
    countryCode: defaultAddress?.countryCodeV2 ?? null,
  }));
}

/** Metafields as Shopify hands them to functions and extensions: `$app:` namespaces as written. */
export function appMetafieldsOf(emulator: ShopifyEmulator, ownerId: string): Metafield[] {
  return appMetafields(emulator, ownerId, DEMO_SHOP.domain);
}

let functions: Promise<ReadonlyMap<string, ShopifyFunction>> | null = null;

/** The shop's app discounts active at `now`, each running the function extension it was created with. */
export async function activeDiscounts(emulator: ShopifyEmulator, now: Date): Promise<ActiveDiscount[]> {
  functions ??= loadShopifyFunctions(APP_EXTENSIONS);
  return liveAppDiscounts(emulator, await functions, { shop: DEMO_SHOP.domain, now });
}
