import { describe, expect, it } from "vitest";
import { errorsOf, query, testEmulator } from "./helpers";

function catalog() {
  const { emulator } = testEmulator();
  const summer = emulator.seed.collection({ title: "Summer" });
  const shirt = emulator.seed.product({
    title: "Linen Shirt",
    vendor: "Loom",
    productType: "Shirts",
    tags: ["summer", "linen"],
    collectionIds: [summer.id],
    variants: [
      { title: "S", sku: "LIN-S", price: "49.00", cost: "18.25", compareAtPrice: "59.00" },
      { title: "M", sku: "LIN-M", price: "49.00" },
    ],
  });
  const mug = emulator.seed.product({ title: "Enamel Mug", vendor: "Camp", tags: ["kitchen"], variants: [{ sku: "MUG-1", price: "12.50" }] });
  const cap = emulator.seed.product({ title: "Sun Cap", tags: ["summer"], collectionIds: [summer.id] });
  return { emulator, summer, shirt, mug, cap };
}

describe("products", () => {
  it("reads a product by id with its variants, unit cost and collections", () => {
    const { emulator, shirt, summer } = catalog();
    const { product } = query(
      emulator,
      `query ($id: ID!) {
        product(id: $id) {
          id title handle vendor productType tags status totalInventory
          priceRangeV2 { minVariantPrice { amount currencyCode } }
          variants(first: 5) { nodes { title sku price compareAtPrice displayName inventoryItem { unitCost { amount } } } }
          collections(first: 5) { nodes { id title } }
        }
      }`,
      { id: shirt.id },
    );
    expect(product).toEqual({
      id: shirt.id,
      title: "Linen Shirt",
      handle: "linen-shirt",
      vendor: "Loom",
      productType: "Shirts",
      tags: ["summer", "linen"],
      status: "ACTIVE",
      totalInventory: 20,
      priceRangeV2: { minVariantPrice: { amount: "49.0", currencyCode: "USD" } },
      variants: {
        nodes: [
          {
            title: "S",
            sku: "LIN-S",
            price: "49.00",
            compareAtPrice: "59.00",
            displayName: "Linen Shirt - S",
            inventoryItem: { unitCost: { amount: "18.25" } },
          },
          { title: "M", sku: "LIN-M", price: "49.00", compareAtPrice: null, displayName: "Linen Shirt - M", inventoryItem: { unitCost: null } },
        ],
      },
      collections: { nodes: [{ id: summer.id, title: "Summer" }] },
    });
  });

  it("answers null for an unknown product", () => {
    const { emulator } = catalog();
    expect(query(emulator, '{ product(id: "gid://shopify/Product/999") { id } }').product).toBeNull();
  });

  it.each([
    ["tag:summer", ["Linen Shirt", "Sun Cap"]],
    ["title:mug", ["Enamel Mug"]],
    ["sku:LIN-M", ["Linen Shirt"]],
    ["vendor:Camp OR vendor:Loom", ["Linen Shirt", "Enamel Mug"]],
    ["tag:summer -title:cap", ["Linen Shirt"]],
    ["linen", ["Linen Shirt"]],
  ])("searches with %s", (search, titles) => {
    const { emulator } = catalog();
    const data = query(emulator, "query ($q: String) { products(first: 10, query: $q) { nodes { title } } }", { q: search });
    expect(data.products.nodes.map((node: { title: string }) => node.title)).toEqual(titles);
  });

  it("pages with first/after and reports page info", () => {
    const { emulator } = catalog();
    const page = (after: string | null) =>
      query(
        emulator,
        "query ($after: String) { products(first: 2, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
        { after },
      ).products;
    const first = page(null);
    expect(first.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(["Linen Shirt", "Enamel Mug"]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = page(first.pageInfo.endCursor);
    expect(second.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(["Sun Cap"]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("sorts by title in reverse", () => {
    const { emulator } = catalog();
    const data = query(emulator, "{ products(first: 5, sortKey: TITLE, reverse: true) { nodes { title } } }");
    expect(data.products.nodes.map((node: { title: string }) => node.title)).toEqual(["Sun Cap", "Linen Shirt", "Enamel Mug"]);
  });

  it("needs first or last, at most 250, as Shopify does", () => {
    const { emulator } = catalog();
    expect(errorsOf(emulator, "{ products { nodes { id } } }")[0]).toMatchObject({ message: "you must provide one of first or last", path: ["products"] });
    expect(errorsOf(emulator, "{ products(first: 251) { nodes { id } } }")[0].message).toContain("Expected a page size from 0 to 250");
  });

  it("ignores a field products cannot be searched by, with Shopify's warning", () => {
    const { emulator } = catalog();
    const response = emulator.graphql(emulator.defaultShop, '{ products(first: 5, query: "colour:red") { nodes { title } } }');
    expect((response.data as { products: { nodes: unknown[] } }).products.nodes).toHaveLength(3);
    expect(response.extensions?.search).toEqual([
      { path: ["products"], query: "colour:red", warnings: [{ field: "colour", message: "Invalid search field for this query.", code: "invalid_field" }] },
    ]);
  });

  it("resolves several objects at once with nodes(ids:)", () => {
    const { emulator, shirt, summer } = catalog();
    const variantId = shirt.variantIds[0];
    const data = query(
      emulator,
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Product { title } ... on ProductVariant { sku } ... on Collection { handle } } }`,
      { ids: [shirt.id, variantId, summer.id, "gid://shopify/Product/424242"] },
    );
    expect(data.nodes).toEqual([
      { __typename: "Product", id: shirt.id, title: "Linen Shirt" },
      { __typename: "ProductVariant", id: variantId, sku: "LIN-S" },
      { __typename: "Collection", id: summer.id, handle: "summer" },
      null,
    ]);
  });

  it("searches variants by SKU across products", () => {
    const { emulator } = catalog();
    const data = query(emulator, '{ productVariants(first: 5, query: "sku:MUG-1") { nodes { sku product { title } } } }');
    expect(data.productVariants.nodes).toEqual([{ sku: "MUG-1", product: { title: "Enamel Mug" } }]);
  });
});

describe("collections", () => {
  it("lists a collection's products in the merchant's order and checks membership", () => {
    const { emulator, summer, mug, cap } = catalog();
    const data = query(
      emulator,
      `query ($id: ID!, $mug: ID!, $cap: ID!) {
        collection(id: $id) { title productsCount { count precision } products(first: 5) { nodes { title } } hasMug: hasProduct(id: $mug) hasCap: hasProduct(id: $cap) }
        collections(first: 5, query: "title:sum") { nodes { handle } }
      }`,
      { id: summer.id, mug: mug.id, cap: cap.id },
    );
    expect(data.collection).toEqual({
      title: "Summer",
      productsCount: { count: 2, precision: "EXACT" },
      products: { nodes: [{ title: "Linen Shirt" }, { title: "Sun Cap" }] },
      hasMug: false,
      hasCap: true,
    });
    expect(data.collections.nodes).toEqual([{ handle: "summer" }]);
  });
});
