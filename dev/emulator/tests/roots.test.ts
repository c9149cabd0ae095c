import { describe, expect, it } from "vitest";
import { query, testEmulator } from "./helpers";

// The remaining implemented roots, each read back from state written through the emulator.
describe("lookups by id and type", () => {
  it("finds the app's released functions, filtered by API", () => {
    const { emulator } = testEmulator();
    const discountFunction = emulator.seed.function({ handle: "promo-discount", title: "Promo discount" });
    emulator.seed.function({ handle: "checkout-rules", apiType: "cart_checkout_validation" });
    const data = query(emulator, '{ shopifyFunctions(first: 5, apiType: "discount") { nodes { id handle title apiType app { title } } } }');
    expect(data.shopifyFunctions.nodes).toEqual([
      { id: discountFunction.id, handle: "promo-discount", title: "Promo discount", apiType: "discount", app: { title: "PromoGuard" } },
    ]);
  });

  it("reads variants, discounts, metafields and metaobjects through their own roots and node(id:)", () => {
    const { emulator } = testEmulator();
    const product = emulator.seed.product({ variants: [{ sku: "ONE" }] });
    const code = emulator.seed.discount({ title: "Welcome", codes: ["HELLO"], summary: "10% off" });
    const automatic = emulator.seed.discount({ method: "AUTOMATIC", title: "Auto", summary: "5% off" });
    const metafield = emulator.seed.metafield({ ownerId: code.id, namespace: "custom", key: "note", type: "single_line_text_field", value: "hi" });
    query(
      emulator,
      'mutation { metaobjectDefinitionCreate(definition: { type: "$app:badge", fieldDefinitions: [{ key: "label", type: "single_line_text_field" }] }) { userErrors { field } } }',
    );
    const created = query(
      emulator,
      'mutation { metaobjectUpsert(handle: { type: "$app:badge", handle: "gold" }, metaobject: { fields: [{ key: "label", value: "Gold" }] }) { metaobject { id } } }',
    );
    const metaobjectId = created.metaobjectUpsert.metaobject.id;
    const data = query(
      emulator,
      `query ($variant: ID!, $code: ID!, $automatic: ID!, $metafield: ID!, $metaobject: ID!, $discountNode: ID!) {
        productVariant(id: $variant) { sku product { id } }
        codeDiscountNodes(first: 5) { nodes { id codeDiscount { ... on DiscountCodeBasic { title } } } }
        automaticDiscountNodes(first: 5) { nodes { id automaticDiscount { ... on DiscountAutomaticBasic { title } } } }
        automaticDiscountNode(id: $automatic) { id }
        byDiscountNodeId: discountNode(id: $discountNode) { discount { ... on DiscountCodeBasic { title } } }
        codeNode: node(id: $code) { ... on DiscountCodeNode { metafield(namespace: "custom", key: "note") { value owner { ... on DiscountCodeNode { id } } } } }
        metafieldNode: node(id: $metafield) { ... on Metafield { key value } }
        metaobject(id: $metaobject) { field(key: "label") { value } definition { type } }
        metaobjectDefinitionByType(type: "$app:badge") { metaobjectsCount }
      }`,
      {
        variant: product.variantIds[0],
        code: code.id,
        automatic: automatic.id,
        metafield: metafield.id,
        metaobject: metaobjectId,
        discountNode: code.id.replace("DiscountCodeNode", "DiscountNode"),
      },
    );
    expect(data).toEqual({
      productVariant: { sku: "ONE", product: { id: product.id } },
      codeDiscountNodes: { nodes: [{ id: code.id, codeDiscount: { title: "Welcome" } }] },
      automaticDiscountNodes: { nodes: [{ id: automatic.id, automaticDiscount: { title: "Auto" } }] },
      automaticDiscountNode: { id: automatic.id },
      byDiscountNodeId: { discount: { title: "Welcome" } },
      codeNode: { metafield: { value: "hi", owner: { id: code.id } } },
      metafieldNode: { key: "note", value: "hi" },
      metaobject: { field: { value: "Gold" }, definition: { type: expect.stringMatching(/^app--\d+--badge$/) } },
      metaobjectDefinitionByType: { metaobjectsCount: 1 },
    });
  });

  it("reports the job of a redeem-code deletion", () => {
    const { emulator } = testEmulator();
    const discount = emulator.seed.discount({ codes: ["A", "B"], summary: "5% off" });
    const deleted = query(emulator, 'mutation ($id: ID!) { discountCodeRedeemCodeBulkDelete(discountId: $id, search: "code:A") { job { id } } }', {
      id: discount.id,
    });
    const job = query(emulator, "query ($id: ID!) { job(id: $id) { id done } }", { id: deleted.discountCodeRedeemCodeBulkDelete.job.id });
    expect(job.job).toEqual({ id: deleted.discountCodeRedeemCodeBulkDelete.job.id, done: true });
    expect(
      emulator
        .store()
        .redeemCodesOf(discount.id)
        .map((code) => code.code),
    ).toEqual(["B"]);
  });
});
