import { describe, expect, it } from "vitest";
import { EMULATED_API_VERSION, loadAdminSchema } from "../index";
import { errorsOf, query, testEmulator } from "./helpers";

describe("the Admin schema", () => {
  it("is built once per process and is the pinned version", () => {
    expect(loadAdminSchema()).toBe(loadAdminSchema());
    expect(EMULATED_API_VERSION).toBe("2026-10");
    expect(loadAdminSchema().getMutationType()?.getFields().discountRedeemCodeBulkAdd).toBeDefined();
  });
});

describe("documents are validated against the real schema before anything runs", () => {
  it("rejects a misspelt field the way Shopify words it, and runs nothing", () => {
    const { emulator } = testEmulator();
    const response = emulator.graphql(emulator.defaultShop, "query Shop { shop { nmae } }");
    expect(response).toEqual({
      errors: [
        {
          message: "Field 'nmae' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 21 }],
          path: ["query Shop", "shop", "nmae"],
          extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" },
        },
      ],
    });
  });

  it("rejects unknown and missing arguments", () => {
    const { emulator } = testEmulator();
    expect(errorsOf(emulator, '{ product(handle: "x") { id } }').map((error) => error.message)).toEqual([
      "Field 'product' doesn't accept argument 'handle'",
      "Field 'product' is missing required arguments: id",
    ]);
  });

  it("rejects a variable of the wrong type", () => {
    const { emulator } = testEmulator();
    const [error] = errorsOf(emulator, "query ($id: ID!) { product(id: $id) { id } }", { id: 42.5 });
    expect(error.message).toContain('Variable "$id" got invalid value 42.5');
  });

  it("answers a syntax error without data", () => {
    const { emulator } = testEmulator();
    const response = emulator.graphql(emulator.defaultShop, "{ shop { name ");
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].message).toContain("Syntax Error");
  });
});

describe("what the emulator does not implement fails loudly", () => {
  it("names the unimplemented field instead of inventing a value", () => {
    const { emulator } = testEmulator();
    emulator.seed.product({ title: "Mug" });
    const response = emulator.graphql(emulator.defaultShop, "{ products(first: 1) { nodes { title onlineStoreUrl } } }");
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("Product.onlineStoreUrl is not implemented by the local Shopify emulator"),
        path: ["products", "nodes", 0, "onlineStoreUrl"],
        extensions: { code: "NOT_IMPLEMENTED_BY_EMULATOR", typeName: "Product", fieldName: "onlineStoreUrl" },
      }),
    ]);
  });

  it("names an unimplemented root field and mutation", () => {
    const { emulator } = testEmulator();
    expect(errorsOf(emulator, "{ locations(first: 1) { nodes { id } } }")[0].extensions).toMatchObject({ typeName: "QueryRoot", fieldName: "locations" });
    expect(errorsOf(emulator, 'mutation { productDelete(input: { id: "gid://shopify/Product/1" }) { deletedProductId } }')[0].extensions).toMatchObject({
      typeName: "Mutation",
      fieldName: "productDelete",
    });
  });

  it("refuses arguments it would otherwise ignore", () => {
    const { emulator } = testEmulator();
    const [error] = errorsOf(emulator, '{ products(first: 1, savedSearchId: "gid://shopify/SavedSearch/1") { nodes { id } } }');
    expect(error.message).toContain("QueryRoot.products(savedSearchId) is not implemented");
  });

  it("accepts arguments left at the schema's defaults", () => {
    const { emulator } = testEmulator();
    expect(query(emulator, "{ products(first: 1, reverse: false, sortKey: ID) { nodes { id } } }").products.nodes).toEqual([]);
  });

  it("refuses looking up an object type it does not model rather than calling it missing", () => {
    const { emulator } = testEmulator();
    const [error] = errorsOf(emulator, '{ node(id: "gid://shopify/Location/1") { id } }');
    expect(error.message).toContain("Looking up Location objects");
  });
});
