import { describe, expect, it } from "vitest";
import { createShopifyEmulator } from "../index";
import { query, testEmulator } from "./helpers";

function populated() {
  const { emulator } = testEmulator({ shops: ["test-shop.myshopify.com", "second.myshopify.com"] });
  emulator.seed.function({ handle: "promo-discount" });
  const product = emulator.seed.product({ title: "Mug", variants: [{ sku: "MUG-1", price: "12.00" }] });
  const customer = emulator.seed.customer({ email: "ada@example.com" });
  const discount = emulator.seed.discount({ kind: "APP", functionHandle: "promo-discount", title: "Pool", codes: ["POOL-1"] });
  emulator.seed.order({ customerId: customer.id, lines: [{ variantId: product.variantIds[0], quantity: 2 }], discounts: [{ code: "POOL-1", amount: "3.00" }] });
  query(emulator, 'mutation ($id: ID!) { discountRedeemCodeBulkAdd(discountId: $id, codes: [{ code: "POOL-2" }]) { userErrors { field } } }', {
    id: discount.id,
  });
  emulator.seedFor("second.myshopify.com").product({ title: "Elsewhere" });
  return { emulator, discount };
}

const READ = `{
  products(first: 5) { nodes { title variants(first: 1) { nodes { sku price } } } }
  orders(first: 5) { nodes { name totalPriceSet { shopMoney { amount } } customer { email } } }
  discountNodes(first: 5) { nodes { discount { ... on DiscountCodeApp { title asyncUsageCount codes(first: 5) { nodes { code } } } } } }
}`;

describe("snapshot and restore", () => {
  it("round-trips every shop through JSON text, pending jobs and id counters included", () => {
    const { emulator, discount } = populated();
    const before = query(emulator, READ);
    const restored = createShopifyEmulator({ shops: ["placeholder.myshopify.com"] });
    restored.restore(JSON.stringify(emulator.snapshot()));

    expect(restored.shops()).toEqual(["test-shop.myshopify.com", "second.myshopify.com"]);
    expect(restored.defaultShop).toBe("test-shop.myshopify.com");
    expect(query(restored, READ)).toEqual(before);
    restored.completeJobs();
    expect(
      restored
        .store()
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["POOL-1", "POOL-2"]);
    expect(restored.graphql("second.myshopify.com", "{ products(first: 1) { nodes { title } } }").data).toEqual({
      products: { nodes: [{ title: "Elsewhere" }] },
    });
    const next = restored.seed.product();
    expect(emulator.store().products.has(next.id)).toBe(false);
    expect(restored.store().redeemCodeByCode("pool-1")?.discountId).toBe(discount.id);
  });

  it("keeps the snapshot independent of later changes", () => {
    const { emulator } = populated();
    const snapshot = emulator.snapshot();
    emulator.seed.product({ title: "Added later" });
    const restored = createShopifyEmulator();
    restored.restore(snapshot);
    expect(restored.store().products.size).toBe(1);
  });

  it("refuses something that is not a snapshot of this API version", () => {
    const emulator = createShopifyEmulator();
    expect(() => emulator.restore({ format: "other" } as never)).toThrow("Not a Shopify emulator snapshot");
    const snapshot = emulator.snapshot();
    expect(() => emulator.restore({ ...snapshot, apiVersion: "2025-01" })).toThrow("taken on API version 2025-01");
  });
});
