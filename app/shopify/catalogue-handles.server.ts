// Products, variants and collections by what stays the same from one store to the next: a
// collection's or product's handle, a variant's SKU. Playbooks read a store's ids this way when they
// are saved and find the other store's ids the same way when they are applied.
import type { AdminCall } from "~/shopify/admin-graphql.server";
import type {
  PlaybookCollectionsByHandleQuery,
  PlaybookProductsByHandleQuery,
  PlaybookResourcesQuery,
  PlaybookVariantsBySkuQuery,
} from "~/types/admin.generated";

// 50 ids per nodes call and 25 handles or SKUs per search keep every call far below 1,000 points
// and Shopify's search query length.
const IDS_PER_CALL = 50;
const TERMS_PER_SEARCH = 25;
const RESULTS_PER_SEARCH = 250;

const RESOURCES = `#graphql
  query PlaybookResources($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Collection { id handle title }
      ... on Product { id handle title }
      ... on ProductVariant { id sku displayName }
    }
  }
`;

const COLLECTIONS_BY_HANDLE = `#graphql
  query PlaybookCollectionsByHandle($first: Int!, $query: String!) {
    collections(first: $first, query: $query) { nodes { id handle title } }
  }
`;

const PRODUCTS_BY_HANDLE = `#graphql
  query PlaybookProductsByHandle($first: Int!, $query: String!) {
    products(first: $first, query: $query) { nodes { id handle title } }
  }
`;

const VARIANTS_BY_SKU = `#graphql
  query PlaybookVariantsBySku($first: Int!, $query: String!) {
    productVariants(first: $first, query: $query) { nodes { id sku displayName } }
  }
`;

export type CatalogueResource =
  { kind: "collection" | "product"; id: string; handle: string; title: string } | { kind: "variant"; id: string; sku: string | null; title: string };

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** The store's products, variants and collections with these ids (ids Shopify no longer has are absent). */
export async function describeResources(call: AdminCall, ids: string[]): Promise<Map<string, CatalogueResource>> {
  const found = new Map<string, CatalogueResource>();
  for (const batch of chunks([...new Set(ids)], IDS_PER_CALL)) {
    const data = await call<PlaybookResourcesQuery>(RESOURCES, { ids: batch });
    for (const node of data.nodes) {
      if (node?.__typename === "Collection") found.set(node.id, { kind: "collection", id: node.id, handle: node.handle, title: node.title });
      else if (node?.__typename === "Product") found.set(node.id, { kind: "product", id: node.id, handle: node.handle, title: node.title });
      else if (node?.__typename === "ProductVariant") found.set(node.id, { kind: "variant", id: node.id, sku: node.sku ?? null, title: node.displayName });
    }
  }
  return found;
}

/** A term of Shopify's search syntax, quoted so spaces and punctuation stay inside it. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;

async function search<Node extends { id: string }>(
  terms: string[],
  field: string,
  run: (query: string) => Promise<Node[]>,
  keyOf: (node: Node) => string | null | undefined,
) {
  const found = new Map<string, Node>();
  for (const batch of chunks([...new Set(terms)], TERMS_PER_SEARCH)) {
    const nodes = await run(batch.map((term) => `${field}:${quoted(term)}`).join(" OR "));
    // Shopify's search may match more loosely than asked: only an exact match counts.
    for (const node of nodes) {
      const key = keyOf(node);
      if (key && batch.includes(key) && !found.has(key)) found.set(key, node);
    }
  }
  return found;
}

/** The store's collections or products with these handles, by handle. */
export async function findByHandles(call: AdminCall, kind: "collection" | "product", handles: string[]): Promise<Map<string, { id: string; title: string }>> {
  const run = async (query: string) =>
    kind === "collection"
      ? (await call<PlaybookCollectionsByHandleQuery>(COLLECTIONS_BY_HANDLE, { first: RESULTS_PER_SEARCH, query })).collections.nodes
      : (await call<PlaybookProductsByHandleQuery>(PRODUCTS_BY_HANDLE, { first: RESULTS_PER_SEARCH, query })).products.nodes;
  return search(handles, "handle", run, (node) => node.handle);
}

/** The store's variants with these SKUs, by SKU (the first one where several share a SKU). */
export async function findVariantsBySku(call: AdminCall, skus: string[]): Promise<Map<string, { id: string; title: string }>> {
  const run = async (query: string) =>
    (await call<PlaybookVariantsBySkuQuery>(VARIANTS_BY_SKU, { first: RESULTS_PER_SEARCH, query })).productVariants.nodes.map((node) => ({
      id: node.id,
      title: node.displayName,
      sku: node.sku,
    }));
  return search(skus, "sku", run, (node) => node.sku);
}
