import { describe, expect, it } from "vitest";
import { PLAN_RATE_LIMITS } from "../index";
import { testEmulator } from "./helpers";

const cost = (emulator: ReturnType<typeof testEmulator>["emulator"], document: string, variables?: Record<string, unknown>) =>
  emulator.graphql(emulator.defaultShop, document, variables).extensions?.cost;

describe("query cost", () => {
  it("prices a connection at 2 plus first × one node, as Shopify reports (12 for ten products)", () => {
    const { emulator } = testEmulator();
    emulator.seed.product();
    expect(cost(emulator, "{ products(first: 10) { edges { node { id title } } } }")).toEqual({
      requestedQueryCost: 12,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1997, restoreRate: 100 },
    });
  });

  it("multiplies nested connections and reads page sizes from variables", () => {
    const { emulator } = testEmulator();
    const document = "query ($n: Int) { products(first: $n) { nodes { variants(first: 5) { nodes { sku } } } pageInfo { hasNextPage } } }";
    expect(cost(emulator, document, { n: 10 })?.requestedQueryCost).toBe(2 + 10 * (1 + 2 + 5 * 1));
  });

  it("charges the most expensive member of a union and nothing for scalars", () => {
    const { emulator } = testEmulator();
    const document = `query ($id: ID!) { discountNode(id: $id) { discount { ... on DiscountCodeApp { title codes(first: 3) { nodes { code } } } ... on DiscountAutomaticApp { title } } } }`;
    expect(cost(emulator, document, { id: "gid://shopify/DiscountCodeNode/1" })).toMatchObject({ requestedQueryCost: 1 + 1 + 2 + 3, actualQueryCost: 0 });
  });

  it("charges a mutation 10 plus what its payload reaches beyond the returned object (Shopify reports 11)", () => {
    const { emulator } = testEmulator();
    const document = 'mutation { discountCodeDelete(id: "gid://shopify/DiscountCodeNode/1") { deletedCodeDiscountId userErrors { field } } }';
    expect(cost(emulator, document)).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
    const nested =
      'mutation { discountCodeActivate(id: "gid://shopify/DiscountCodeNode/1") { codeDiscountNode { id codeDiscount { __typename } } userErrors { field } } }';
    expect(cost(emulator, nested)?.requestedQueryCost).toBe(11);
  });

  it("refuses a query above the single-query limit of 1,000 before running it", () => {
    const { emulator } = testEmulator();
    const response = emulator.graphql(emulator.defaultShop, "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }");
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions).toEqual({
      code: "MAX_COST_EXCEEDED",
      cost: 63_252,
      maxCost: 1000,
      documentation: "https://shopify.dev/api/usage/rate-limits",
    });
  });
});

describe("leaky-bucket throttling", () => {
  const EXPENSIVE = "{ products(first: 250) { nodes { id title } } }"; // requested 252, actual 2 on an empty shop
  const HEAVY = "{ products(first: 166) { nodes { variants(first: 3) { nodes { id } } } } }"; // 2 + 166 × 6 = 998

  it("drains by the actual cost, refunds the rest, and restores over time", () => {
    const { emulator, clock } = testEmulator();
    expect(cost(emulator, EXPENSIVE)).toMatchObject({ requestedQueryCost: 252, actualQueryCost: 2, throttleStatus: { currentlyAvailable: 1998 } });
    clock.advance(10);
    expect(emulator.throttle.status()).toEqual({ maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 });
    clock.advance(1000);
    expect(emulator.throttle.status().currentlyAvailable).toBe(2000);
  });

  it("answers THROTTLED (HTTP 200 body, cost extension) when the requested cost exceeds what is available", () => {
    const { emulator, clock } = testEmulator();
    emulator.throttle.setAvailable(995);
    const throttled = emulator.graphql(emulator.defaultShop, HEAVY);
    expect(throttled).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: {
        cost: { requestedQueryCost: 998, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 995, restoreRate: 100 } },
      },
    });
    clock.advance(29);
    expect(emulator.graphql(emulator.defaultShop, HEAVY).errors?.[0].extensions?.code).toBe("THROTTLED");
    clock.advance(1);
    expect(emulator.graphql(emulator.defaultShop, HEAVY).errors).toBeUndefined();
  });

  it("lets a burst through until the bucket is empty, then throttles, with retry succeeding after the wait it implies", () => {
    const { emulator, clock } = testEmulator();
    emulator.seed.product({ variants: [{}, {}, {}] });
    let accepted = 0;
    let response = emulator.graphql(emulator.defaultShop, HEAVY);
    for (; accepted < 1000 && !response.errors; accepted++) response = emulator.graphql(emulator.defaultShop, HEAVY);
    expect(response.errors?.[0].extensions?.code).toBe("THROTTLED");
    const { requestedQueryCost, throttleStatus } = response.extensions!.cost!;
    expect(accepted).toBeGreaterThan(100);
    const waitMs = Math.ceil(((requestedQueryCost - throttleStatus.currentlyAvailable) / throttleStatus.restoreRate) * 1000);
    clock.advance(waitMs);
    expect(emulator.graphql(emulator.defaultShop, HEAVY).errors).toBeUndefined();
  });

  it("can be switched off (cost still reported) and reconfigured to another plan", () => {
    const { emulator } = testEmulator({ throttle: false });
    for (let i = 0; i < 20; i++) expect(emulator.graphql(emulator.defaultShop, HEAVY).errors).toBeUndefined();
    expect(cost(emulator, HEAVY)?.throttleStatus.currentlyAvailable).toBe(2000);
    emulator.throttle.enable();
    emulator.throttle.configure(PLAN_RATE_LIMITS.plus);
    expect(emulator.throttle.status()).toMatchObject({ maximumAvailable: 20_000, restoreRate: 1000 });
  });

  it("keeps one bucket per shop", () => {
    const { emulator } = testEmulator({ shops: ["one.myshopify.com", "two.myshopify.com"] });
    emulator.throttle.setAvailable(0, "one.myshopify.com");
    expect(emulator.graphql("one.myshopify.com", "{ shop { name } }").errors?.[0].message).toBe("Throttled");
    expect(emulator.graphql("two.myshopify.com", "{ shop { name } }").data).toEqual({ shop: { name: "two" } });
  });
});
