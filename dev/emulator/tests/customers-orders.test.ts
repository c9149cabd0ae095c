import { describe, expect, it } from "vitest";
import { START, query, testEmulator } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;

function store(accessScopes: string[] = []) {
  const { emulator, clock } = testEmulator({ shops: [{ domain: "test-shop.myshopify.com", app: { accessScopes } }] });
  const ada = emulator.seed.customer({
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    tags: ["vip"],
    address: { countryCode: "GB", country: "United Kingdom", city: "London" },
  });
  const bob = emulator.seed.customer({ firstName: "Bob", lastName: "Stone", email: "bob@example.com", tags: ["wholesale"] });
  const shirt = emulator.seed.product({ title: "Shirt", vendor: "Loom", variants: [{ sku: "SH-1", price: "40.00", cost: "15.00" }] });
  const mug = emulator.seed.product({ title: "Mug", variants: [{ sku: "MUG-1", price: "10.00" }] });
  const old = emulator.seed.order({
    customerId: ada.id,
    lines: [{ variantId: mug.variantIds[0], quantity: 1 }],
    createdAt: new Date(START - 90 * DAY).toISOString(),
  });
  const withCode = emulator.seed.order({
    customerId: ada.id,
    lines: [
      { variantId: shirt.variantIds[0], quantity: 2 },
      { variantId: mug.variantIds[0], quantity: 1 },
    ],
    discounts: [{ code: "SUMMER10", percentage: 10 }],
    shippingLines: [{ title: "Standard", price: "5.00" }],
    tax: "4.50",
    presentmentCurrencyCode: "EUR",
    presentmentRate: 0.9,
    landingSite: "/?utm_source=newsletter&utm_campaign=summer",
    referringSite: "https://mail.example.com/",
    createdAt: new Date(START - 5 * DAY).toISOString(),
  });
  const plain = emulator.seed.order({
    customerId: bob.id,
    lines: [{ variantId: mug.variantIds[0], quantity: 3 }],
    createdAt: new Date(START - DAY).toISOString(),
  });
  return { emulator, clock, ada, bob, shirt, mug, old, withCode, plain };
}

describe("customers", () => {
  it("reads a customer with address, tags and order figures", () => {
    const { emulator, ada } = store(["read_all_orders"]);
    const { customer } = query(
      emulator,
      `query ($id: ID!) {
        customer(id: $id) {
          displayName email defaultEmailAddress { emailAddress } tags numberOfOrders
          amountSpent { amount currencyCode }
          defaultAddress { countryCodeV2 city }
          orders(first: 5) { nodes { name } }
        }
      }`,
      { id: ada.id },
    );
    // 10.00 + (80.00 + 10.00 − 9.00 + 5.00 shipping + 4.50 tax)
    expect(customer).toEqual({
      displayName: "Ada Lovelace",
      email: "ada@example.com",
      defaultEmailAddress: { emailAddress: "ada@example.com" },
      tags: ["vip"],
      numberOfOrders: "2",
      amountSpent: { amount: "100.5", currencyCode: "USD" },
      defaultAddress: { countryCodeV2: "GB", city: "London" },
      orders: { nodes: [{ name: "#1001" }, { name: "#1002" }] },
    });
  });

  it.each([
    ["email:bob@example.com", ["Bob Stone"]],
    ["tag:vip", ["Ada Lovelace"]],
    ["country:GB", ["Ada Lovelace"]],
  ])("searches customers with %s", (search, names) => {
    const { emulator } = store();
    const data = query(emulator, "query ($q: String) { customers(first: 5, query: $q) { nodes { displayName } } }", { q: search });
    expect(data.customers.nodes.map((node: { displayName: string }) => node.displayName)).toEqual(names);
  });
});

describe("orders", () => {
  it("reads an order's lines, discounts, money bags, journey and customer", () => {
    const { emulator, withCode, ada } = store();
    const { order } = query(
      emulator,
      `query ($id: ID!) {
        order(id: $id) {
          name currencyCode presentmentCurrencyCode discountCode discountCodes
          subtotalPriceSet { shopMoney { amount } presentmentMoney { amount currencyCode } }
          totalDiscountsSet { shopMoney { amount } }
          totalShippingPriceSet { shopMoney { amount } }
          totalTaxSet { shopMoney { amount } }
          totalPriceSet { shopMoney { amount } }
          customer { id }
          customerJourneySummary { firstVisit { landingPage referrerUrl utmParameters { source campaign } } }
          discountApplications(first: 5) { nodes { __typename index allocationMethod targetSelection targetType value { ... on PricingPercentageValue { percentage } } ... on DiscountCodeApplication { code } } }
          lineItems(first: 5) { nodes { title sku quantity variant { sku } originalUnitPriceSet { shopMoney { amount } } totalDiscountSet { shopMoney { amount } } discountAllocations { allocatedAmountSet { shopMoney { amount } } discountApplication { index } } } }
        }
      }`,
      { id: withCode.id },
    );
    expect(order).toEqual({
      name: "#1002",
      currencyCode: "USD",
      presentmentCurrencyCode: "EUR",
      discountCode: "SUMMER10",
      discountCodes: ["SUMMER10"],
      subtotalPriceSet: { shopMoney: { amount: "81.0" }, presentmentMoney: { amount: "72.9", currencyCode: "EUR" } },
      totalDiscountsSet: { shopMoney: { amount: "9.0" } },
      totalShippingPriceSet: { shopMoney: { amount: "5.0" } },
      totalTaxSet: { shopMoney: { amount: "4.5" } },
      totalPriceSet: { shopMoney: { amount: "90.5" } },
      customer: { id: ada.id },
      customerJourneySummary: {
        firstVisit: {
          landingPage: "https://test-shop.myshopify.com/?utm_source=newsletter&utm_campaign=summer",
          referrerUrl: "https://mail.example.com/",
          utmParameters: { source: "newsletter", campaign: "summer" },
        },
      },
      discountApplications: {
        nodes: [
          {
            __typename: "DiscountCodeApplication",
            index: 0,
            allocationMethod: "ACROSS",
            targetSelection: "ALL",
            targetType: "LINE_ITEM",
            value: { percentage: 10 },
            code: "SUMMER10",
          },
        ],
      },
      lineItems: {
        nodes: [
          {
            title: "Shirt",
            sku: "SH-1",
            quantity: 2,
            variant: { sku: "SH-1" },
            originalUnitPriceSet: { shopMoney: { amount: "40.0" } },
            totalDiscountSet: { shopMoney: { amount: "8.0" } },
            discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "8.0" } }, discountApplication: { index: 0 } }],
          },
          {
            title: "Mug",
            sku: "MUG-1",
            quantity: 1,
            variant: { sku: "MUG-1" },
            originalUnitPriceSet: { shopMoney: { amount: "10.0" } },
            totalDiscountSet: { shopMoney: { amount: "1.0" } },
            discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "1.0" } }, discountApplication: { index: 0 } }],
          },
        ],
      },
    });
  });

  it("filters by creation date and by having a discount code, newest processed last", () => {
    const { emulator } = store();
    const names = (search: string) =>
      query(emulator, "query ($q: String) { orders(first: 10, query: $q) { nodes { name } } }", { q: search }).orders.nodes.map(
        (node: { name: string }) => node.name,
      );
    expect(names(`created_at:>=${new Date(START - 3 * 86_400_000).toISOString()}`)).toEqual(["#1003"]);
    expect(names("discount_code:*")).toEqual(["#1002"]);
    expect(names("discount_code:SUMMER10 email:ada@example.com")).toEqual(["#1002"]);
  });

  it("hides orders older than 60 days unless the app has read_all_orders", () => {
    const limited = store();
    expect(query(limited.emulator, "{ orders(first: 10) { nodes { name } } }").orders.nodes).toEqual([{ name: "#1002" }, { name: "#1003" }]);
    expect(query(limited.emulator, "query ($id: ID!) { order(id: $id) { name } }", { id: limited.old.id }).order).toBeNull();
    const full = store(["read_all_orders"]);
    expect(query(full.emulator, "{ orders(first: 10) { nodes { name } } }").orders.nodes).toHaveLength(3);
  });

  it("pages backwards with last/before", () => {
    const { emulator } = store(["read_all_orders"]);
    const last = query(emulator, "{ orders(last: 1) { nodes { name } pageInfo { hasPreviousPage startCursor } } }").orders;
    expect(last.nodes).toEqual([{ name: "#1003" }]);
    const before = query(emulator, "query ($c: String) { orders(last: 5, before: $c) { nodes { name } } }", { c: last.pageInfo.startCursor }).orders;
    expect(before.nodes).toEqual([{ name: "#1001" }, { name: "#1002" }]);
  });
});
