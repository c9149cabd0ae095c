import { describe, expect, it } from "vitest";
import { START, errorsOf, query, testEmulator } from "./helpers";

const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(START + offsetMs).toISOString();

const CREATE_CODE = `
  mutation CreateCode($input: DiscountCodeAppInput!) {
    discountCodeAppCreate(codeAppDiscount: $input) {
      codeAppDiscount {
        discountId title status startsAt endsAt usageLimit appliesOncePerCustomer asyncUsageCount
        combinesWith { orderDiscounts productDiscounts shippingDiscounts }
        discountClasses
        appDiscountType { functionId }
        codesCount { count }
        codes(first: 5) { nodes { code } }
      }
      userErrors { field message code extraInfo }
    }
  }`;

const NODE = `
  query Node($id: ID!) {
    discountNode(id: $id) {
      id
      config: metafield(namespace: "$app", key: "function-configuration") { namespace type jsonValue }
      discount { __typename ... on DiscountCodeApp { title status startsAt endsAt combinesWith { productDiscounts } } ... on DiscountAutomaticApp { title status } }
    }
  }`;

function shopWithFunction() {
  const { emulator, clock } = testEmulator();
  const fn = emulator.seed.function({ handle: "promo-discount", title: "Promo discount" });
  emulator.seed.function({ handle: "cart-transform", apiType: "cart_transform" });
  return { emulator, clock, fn };
}

const codeInput = (overrides: Record<string, unknown> = {}) => ({
  title: "Summer sale",
  code: "SUMMER10",
  functionHandle: "promo-discount",
  startsAt: at(0),
  endsAt: at(48 * HOUR),
  usageLimit: 100,
  appliesOncePerCustomer: true,
  combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
  discountClasses: ["ORDER"],
  metafields: [{ namespace: "$app", key: "function-configuration", type: "json", value: '{"percentage":10}' }],
  ...overrides,
});

function createCode(emulator: ReturnType<typeof testEmulator>["emulator"], overrides: Record<string, unknown> = {}) {
  return query(emulator, CREATE_CODE, { input: codeInput(overrides) }).discountCodeAppCreate;
}

describe("code app discounts", () => {
  it("creates one with its code, limits, dates, combinations and config metafield", () => {
    const { emulator, fn } = shopWithFunction();
    const created = createCode(emulator);
    expect(created.userErrors).toEqual([]);
    expect(created.codeAppDiscount).toEqual({
      discountId: expect.stringMatching(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/),
      title: "Summer sale",
      status: "ACTIVE",
      startsAt: at(0),
      endsAt: at(48 * HOUR),
      usageLimit: 100,
      appliesOncePerCustomer: true,
      asyncUsageCount: 0,
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
      discountClasses: ["ORDER"],
      appDiscountType: { functionId: fn.id },
      codesCount: { count: 1 },
      codes: { nodes: [{ code: "SUMMER10" }] },
    });
    const node = query(emulator, NODE, { id: created.codeAppDiscount.discountId }).discountNode;
    expect(node.config).toEqual({ namespace: `app--${emulator.store().app.id.split("/").pop()}`, type: "json", jsonValue: { percentage: 10 } });
    expect(query(emulator, '{ codeDiscountNodeByCode(code: "summer10") { id } }').codeDiscountNodeByCode).toEqual({ id: created.codeAppDiscount.discountId });
  });

  it("derives status from the dates as time passes", () => {
    const { emulator, clock } = shopWithFunction();
    const { discountId } = createCode(emulator, { startsAt: at(HOUR), endsAt: at(2 * HOUR) }).codeAppDiscount;
    const status = () => query(emulator, NODE, { id: discountId }).discountNode.discount.status;
    expect(status()).toBe("SCHEDULED");
    clock.advance(HOUR);
    expect(status()).toBe("ACTIVE");
    clock.advance(HOUR);
    expect(status()).toBe("EXPIRED");
  });

  it("updates only what the input carries and keeps the config metafield current", () => {
    const { emulator } = shopWithFunction();
    const { discountId } = createCode(emulator).codeAppDiscount;
    const updated = query(
      emulator,
      `mutation ($id: ID!, $input: DiscountCodeAppInput!) {
        discountCodeAppUpdate(id: $id, codeAppDiscount: $input) { codeAppDiscount { title code: codes(first: 1) { nodes { code } } endsAt usageLimit } userErrors { field message } }
      }`,
      {
        id: discountId,
        input: {
          title: "Summer sale (extended)",
          code: "SUMMER15",
          endsAt: null,
          metafields: [{ namespace: "$app", key: "function-configuration", type: "json", value: '{"percentage":15}' }],
        },
      },
    ).discountCodeAppUpdate;
    expect(updated).toEqual({
      codeAppDiscount: { title: "Summer sale (extended)", code: { nodes: [{ code: "SUMMER15" }] }, endsAt: null, usageLimit: 100 },
      userErrors: [],
    });
    expect(query(emulator, NODE, { id: discountId }).discountNode.config.jsonValue).toEqual({ percentage: 15 });
    expect(query(emulator, '{ codeDiscountNodeByCode(code: "SUMMER10") { id } }').codeDiscountNodeByCode).toBeNull();
  });

  it("deactivates by ending it now and activates by removing the end, as Shopify does", () => {
    const { emulator, clock } = shopWithFunction();
    const { discountId } = createCode(emulator, { startsAt: at(-HOUR), endsAt: null }).codeAppDiscount;
    clock.advance(HOUR);
    const deactivated = query(
      emulator,
      "mutation ($id: ID!) { discountCodeDeactivate(id: $id) { codeDiscountNode { codeDiscount { ... on DiscountCodeApp { status endsAt } } } userErrors { field } } }",
      { id: discountId },
    );
    expect(deactivated.discountCodeDeactivate).toEqual({ codeDiscountNode: { codeDiscount: { status: "EXPIRED", endsAt: at(HOUR) } }, userErrors: [] });
    const activated = query(
      emulator,
      "mutation ($id: ID!) { discountCodeActivate(id: $id) { codeDiscountNode { codeDiscount { ... on DiscountCodeApp { status endsAt } } } userErrors { field } } }",
      { id: discountId },
    );
    expect(activated.discountCodeActivate).toEqual({ codeDiscountNode: { codeDiscount: { status: "ACTIVE", endsAt: null } }, userErrors: [] });
  });

  it("deletes a discount with its codes and metafields", () => {
    const { emulator } = shopWithFunction();
    const { discountId } = createCode(emulator).codeAppDiscount;
    const deleted = query(emulator, "mutation ($id: ID!) { discountCodeDelete(id: $id) { deletedCodeDiscountId userErrors { field } } }", { id: discountId });
    expect(deleted.discountCodeDelete).toEqual({ deletedCodeDiscountId: discountId, userErrors: [] });
    expect(query(emulator, NODE, { id: discountId }).discountNode).toBeNull();
    expect(emulator.store().metafields.size).toBe(0);
    expect(createCode(emulator).userErrors).toEqual([]);
  });

  it("counts uses when orders carry its code", () => {
    const { emulator } = shopWithFunction();
    const { discountId } = createCode(emulator).codeAppDiscount;
    const product = emulator.seed.product();
    emulator.seed.order({ lines: [{ variantId: product.variantIds[0] }], discounts: [{ code: "summer10", percentage: 10 }] });
    const data = query(
      emulator,
      "query ($id: ID!) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { asyncUsageCount codes(first: 1) { nodes { asyncUsageCount } } } } } }",
      { id: discountId },
    );
    expect(data.codeDiscountNode.codeDiscount).toEqual({ asyncUsageCount: 1, codes: { nodes: [{ asyncUsageCount: 1 }] } });
  });
});

describe("user errors for the cases the app must handle", () => {
  it("refuses a code already used anywhere in the shop, whatever its case", () => {
    const { emulator } = shopWithFunction();
    emulator.seed.discount({ title: "Old newsletter code", codes: ["WELCOME"], summary: "10% off entire order" });
    expect(createCode(emulator, { code: "welcome" })).toEqual({
      codeAppDiscount: null,
      userErrors: [{ field: ["codeAppDiscount", "code"], message: "Code must be unique. Please try a different code.", code: "TAKEN", extraInfo: null }],
    });
  });

  it("refuses an end before the start", () => {
    const { emulator } = shopWithFunction();
    expect(createCode(emulator, { startsAt: at(HOUR), endsAt: at(0) }).userErrors).toEqual([
      { field: ["codeAppDiscount", "endsAt"], message: "Ends at needs to be after starts_at", code: "INVALID", extraInfo: null },
    ]);
  });

  it("refuses unknown ids on every lifecycle mutation", () => {
    const { emulator } = shopWithFunction();
    const data = query(
      emulator,
      `mutation ($code: ID!, $automatic: ID!, $input: DiscountCodeAppInput!) {
        a: discountCodeActivate(id: $code) { userErrors { field message code } }
        b: discountCodeDeactivate(id: $code) { userErrors { field message code } }
        c: discountCodeDelete(id: $code) { deletedCodeDiscountId userErrors { field message code } }
        d: discountAutomaticDelete(id: $automatic) { userErrors { field message code } }
        e: discountCodeAppUpdate(id: $code, codeAppDiscount: $input) { codeAppDiscount { title } userErrors { field message code } }
      }`,
      { code: "gid://shopify/DiscountCodeNode/0", automatic: "gid://shopify/DiscountAutomaticNode/0", input: { title: "x" } },
    );
    const codeMissing = [{ field: ["id"], message: "Code discount does not exist.", code: "INVALID" }];
    expect(data.a.userErrors).toEqual(codeMissing);
    expect(data.b.userErrors).toEqual(codeMissing);
    expect(data.c).toEqual({ deletedCodeDiscountId: null, userErrors: codeMissing });
    expect(data.d.userErrors).toEqual([{ field: ["id"], message: "Automatic discount does not exist.", code: "INVALID" }]);
    expect(data.e).toEqual({ codeAppDiscount: null, userErrors: codeMissing });
  });

  it.each([
    [
      { functionHandle: undefined },
      { field: ["codeAppDiscount", "functionHandle"], message: "Function id can't be blank.", code: "MISSING_FUNCTION_IDENTIFIER" },
    ],
    [
      { functionId: "x" },
      { field: ["codeAppDiscount"], message: "Only one of functionId or functionHandle is allowed.", code: "MULTIPLE_FUNCTION_IDENTIFIERS" },
    ],
    [
      { functionHandle: "cart-transform" },
      { field: ["codeAppDiscount", "functionHandle"], message: expect.stringContaining("Unexpected Function API"), code: null },
    ],
    [
      { functionHandle: "missing" },
      { field: ["codeAppDiscount", "functionHandle"], message: expect.stringMatching(/^Function missing not found/), code: "INVALID" },
    ],
  ])("names a bad function identifier (%o)", (overrides, error) => {
    const { emulator } = shopWithFunction();
    expect(createCode(emulator, overrides).userErrors).toEqual([{ ...error, extraInfo: null }]);
  });

  it("refuses a config metafield that is not valid JSON and creates nothing", () => {
    const { emulator } = shopWithFunction();
    const result = createCode(emulator, { metafields: [{ namespace: "$app", key: "function-configuration", type: "json", value: "{oops" }] });
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ["codeAppDiscount", "metafields", "0", "value"], code: "INVALID" })]);
    expect(emulator.store().discounts.size).toBe(0);
  });

  it("refuses discount settings it cannot honour instead of ignoring them", () => {
    const { emulator } = shopWithFunction();
    const [error] = errorsOf(emulator, CREATE_CODE, { input: codeInput({ context: { customerSegments: { add: ["gid://shopify/Segment/1"] } } }) });
    expect(error.message).toContain("DiscountContextInput.customerSegments is not implemented");
  });
});

describe("automatic app discounts", () => {
  it("creates, updates, deactivates and deletes the shop-wide guard", () => {
    const { emulator, clock } = shopWithFunction();
    const created = query(
      emulator,
      `mutation ($input: DiscountAutomaticAppInput!) { discountAutomaticAppCreate(automaticAppDiscount: $input) { automaticAppDiscount { discountId title status } userErrors { field message } } }`,
      {
        input: {
          title: "PromoGuard guard",
          functionHandle: "promo-discount",
          startsAt: at(0),
          combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: true },
        },
      },
    ).discountAutomaticAppCreate;
    expect(created.userErrors).toEqual([]);
    const id = created.automaticAppDiscount.discountId;
    expect(id).toMatch(/DiscountAutomaticNode/);
    const updated = query(
      emulator,
      'mutation ($id: ID!) { discountAutomaticAppUpdate(id: $id, automaticAppDiscount: { title: "Guard v2" }) { automaticAppDiscount { title } userErrors { field } } }',
      { id },
    );
    expect(updated.discountAutomaticAppUpdate).toEqual({ automaticAppDiscount: { title: "Guard v2" }, userErrors: [] });
    clock.advance(HOUR);
    query(emulator, "mutation ($id: ID!) { discountAutomaticDeactivate(id: $id) { userErrors { field } } }", { id });
    expect(query(emulator, NODE, { id }).discountNode.discount).toEqual({ __typename: "DiscountAutomaticApp", title: "Guard v2", status: "EXPIRED" });
    query(emulator, "mutation ($id: ID!) { discountAutomaticActivate(id: $id) { userErrors { field } } }", { id });
    expect(query(emulator, NODE, { id }).discountNode.discount.status).toBe("ACTIVE");
    const deleted = query(emulator, "mutation ($id: ID!) { discountAutomaticDelete(id: $id) { deletedAutomaticDiscountId } }", { id });
    expect(deleted.discountAutomaticDelete.deletedAutomaticDiscountId).toBe(id);
  });
});

describe("listing every discount (the day-one import)", () => {
  it("lists native and app discounts, filtered by status and method", () => {
    const { emulator, clock } = shopWithFunction();
    emulator.seed.discount({ title: "WELCOME10", codes: ["WELCOME10"], summary: "10% off entire order", asyncUsageCount: 42 });
    emulator.seed.discount({
      method: "AUTOMATIC",
      kind: "FREE_SHIPPING",
      title: "Free shipping over $50",
      summary: "Free shipping on orders over $50.00",
      endsAt: at(HOUR),
    });
    createCode(emulator, { startsAt: at(2 * HOUR), endsAt: null });
    clock.advance(HOUR);
    const list = (search: string | null) =>
      query(
        emulator,
        `query ($q: String) { discountNodes(first: 10, query: $q) { nodes { discount { __typename ... on DiscountCodeBasic { title summary asyncUsageCount codes(first: 2) { nodes { code } } } ... on DiscountAutomaticFreeShipping { title status } ... on DiscountCodeApp { title status } } } } }`,
        { q: search },
      ).discountNodes.nodes.map((node: { discount: unknown }) => node.discount);
    expect(list(null)).toEqual([
      { __typename: "DiscountCodeBasic", title: "WELCOME10", summary: "10% off entire order", asyncUsageCount: 42, codes: { nodes: [{ code: "WELCOME10" }] } },
      { __typename: "DiscountAutomaticFreeShipping", title: "Free shipping over $50", status: "EXPIRED" },
      { __typename: "DiscountCodeApp", title: "Summer sale", status: "SCHEDULED" },
    ]);
    expect(list("status:active")).toHaveLength(1);
    expect(list("method:automatic")).toEqual([{ __typename: "DiscountAutomaticFreeShipping", title: "Free shipping over $50", status: "EXPIRED" }]);
    expect(list("type:app")).toEqual([{ __typename: "DiscountCodeApp", title: "Summer sale", status: "SCHEDULED" }]);
    expect(query(emulator, '{ discountNodesCount(query: "method:code") { count precision } }').discountNodesCount).toEqual({ count: 2, precision: "EXACT" });
  });
});
