// Each effect, through a published campaign's real input and the function's entry: the
// operations, values and messages it gives, and what it is worth (the most a per-order cap can
// be without changing it).
import { describe, expect, it } from "vitest";
import { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun } from "../src/index";
import { EFFECTS, explainCampaign } from "../src/config";
import type { CampaignConfig, Effect } from "../src/config";
import { campaign, campaignInput, cartLine, compiled, deliveryInput } from "./support/inputs";
import type { CartOptions } from "./support/inputs";

const line = (n: number) => `gid://shopify/CartLine/${n}`;
const withEffect = (effect: Effect, config: Partial<CampaignConfig> = {}) => campaign({ ...config, effects: [effect] });
const runLines = (config: CampaignConfig, options: CartOptions = {}) => cartLinesDiscountsGenerateRun(campaignInput(config, options));
const runDelivery = (config: CampaignConfig, options: CartOptions = {}) => cartDeliveryOptionsDiscountsGenerateRun(deliveryInput(config, options));

type Operation = ReturnType<typeof runLines>["operations"][number];
function candidateOf(operation: Operation | undefined) {
  if (operation && "productDiscountsAdd" in operation) return operation.productDiscountsAdd.candidates[0];
  if (operation && "orderDiscountsAdd" in operation) return operation.orderDiscountsAdd.candidates[0];
  return undefined;
}
const valueOf = (config: CampaignConfig, options: CartOptions) => candidateOf(runLines(config, options).operations[0])?.value;
const dollars = (minor: number) => (minor / 100).toFixed(2);

/** The discount is worth `minor` cents: a cap of exactly that leaves it alone, a cent less replaces it. */
function expectWorth(config: CampaignConfig, options: CartOptions, minor: number) {
  expect(valueOf({ ...config, maxDiscountPerOrder: dollars(minor) }, options)).toEqual(valueOf(config, options));
  expect(valueOf({ ...config, maxDiscountPerOrder: dollars(minor - 1) }, options)).toEqual({ fixedAmount: { amount: dollars(minor - 1) } });
}

const twoLines: CartOptions = { lines: [cartLine(1, { price: "20.00", quantity: 2 }), cartLine(2, { price: "15.50" })] };
const bothLines = [{ cartLine: { id: line(1) } }, { cartLine: { id: line(2) } }];

describe("effect vocabulary", () => {
  it("has the five effects, each with a label and an argument schema", () => {
    expect(EFFECTS.map((effect) => effect.type)).toEqual(["percentage", "fixedAmount", "buyXGetY", "tiers", "freeShipping"]);
    for (const effect of EFFECTS) {
      expect(effect.label.length).toBeGreaterThan(3);
      expect(effect.schema.fields?.type).toBeDefined();
    }
  });
});

describe("percentage", () => {
  it("discounts every eligible line by the percentage (product class)", () => {
    const config = withEffect({ type: "percentage", percentage: 12.5 });
    expect(runLines(config, twoLines).operations).toEqual([
      {
        productDiscountsAdd: {
          candidates: [{ targets: bothLines, value: { percentage: { value: "12.5" } }, message: "12.5% off" }],
          selectionStrategy: "FIRST",
        },
      },
    ]);
    expectWorth(config, twoLines, 694); // 12.5% of 55.50 = 6.9375
  });

  it("discounts the order subtotal, leaving ineligible lines out (order class)", () => {
    const config = withEffect({ type: "percentage", percentage: 10, appliesTo: "order" }, { excludedProductIds: ["gid://shopify/Product/2"] });
    expect(runLines(config, twoLines).operations).toEqual([
      {
        orderDiscountsAdd: {
          candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [line(2)] } }], value: { percentage: { value: "10" } }, message: "10% off" }],
          selectionStrategy: "FIRST",
        },
      },
    ]);
    expectWorth(config, twoLines, 400);
  });
});

describe("fixed amount", () => {
  it("takes a converted amount off the order once (presentmentCurrencyRate, cart rounding)", () => {
    // 7.77 × 0.9137 = 7.099449 → 7.10 EUR
    const [operation] = runLines(withEffect({ type: "fixedAmount", amount: "7.77", per: "order" }), {
      ...twoLines,
      currency: "EUR",
      rate: "0.9137",
    }).operations;
    expect(operation).toEqual({
      orderDiscountsAdd: {
        candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value: { fixedAmount: { amount: "7.10" } }, message: "7.10 EUR off" }],
        selectionStrategy: "FIRST",
      },
    });
  });

  it("never claims to be worth more than the eligible subtotal", () => {
    const config = withEffect({ type: "fixedAmount", amount: "100.00", per: "order" });
    expect(valueOf(config, twoLines)).toEqual({ fixedAmount: { amount: "100.00" } });
    expectWorth(config, twoLines, 5550);
  });

  it("takes the amount off each eligible item, capped by each item's price", () => {
    const config = withEffect({ type: "fixedAmount", amount: "18.00", per: "item" });
    expect(candidateOf(runLines(config, twoLines).operations[0])).toEqual({
      targets: bothLines,
      value: { fixedAmount: { amount: "18.00", appliesToEachItem: true } },
      message: "18.00 USD off each item",
    });
    expectWorth(config, twoLines, 1800 * 2 + 1550);
  });
});

describe("buy X get Y", () => {
  const buyTwoGetOne: Effect = { type: "buyXGetY", buyQuantity: 2, getQuantity: 1, percentage: 100 };

  it("gives the cheapest eligible unit free once three units are in the cart", () => {
    const options = { lines: [cartLine(1, { price: "20.00", quantity: 2 }), cartLine(2, { price: "9.00" })] };
    expect(candidateOf(runLines(withEffect(buyTwoGetOne), options).operations[0])).toEqual({
      targets: [{ cartLine: { id: line(2), quantity: 1 } }],
      value: { percentage: { value: "100" } },
      message: "Buy 2, get 1 free",
      prerequisites: [{ cartLine: { id: line(1), quantity: 2 } }],
    });
    expectWorth(withEffect(buyTwoGetOne), options, 900);
  });

  it("applies once per full group and keeps enough shared units to pay for the free ones", () => {
    // 7 units on one line: two groups of (2 + 1), the seventh unit does not complete a group.
    expect(candidateOf(runLines(withEffect(buyTwoGetOne), { lines: [cartLine(1, { price: "5.00", quantity: 7 })] }).operations[0])).toMatchObject({
      targets: [{ cartLine: { id: line(1), quantity: 2 } }],
      prerequisites: [{ cartLine: { id: line(1), quantity: 4 } }],
    });
  });

  it("uses a separate buy side (SKUs here) and honours maxApplications", () => {
    const config = withEffect(
      { type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 50, maxApplications: 2, buy: { skus: ["SHOE"] } },
      { includedVendors: ["Sockery"] },
    );
    const options = { lines: [cartLine(1, { sku: "SHOE", price: "80.00", quantity: 3 }), cartLine(2, { vendor: "Sockery", price: "6.00", quantity: 5 })] };
    expect(candidateOf(runLines(config, options).operations[0])).toEqual({
      targets: [{ cartLine: { id: line(2), quantity: 2 } }],
      value: { percentage: { value: "50" } },
      message: "Buy 1, get 1 50% off",
      prerequisites: [{ cartLine: { id: line(1), quantity: 2 } }],
    });
    expectWorth(config, options, 600);
  });

  it("takes the buy side from buyCollectionIds", () => {
    const config = withEffect(
      { type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 },
      { includedVendors: ["Sockery"], buyCollectionIds: ["gid://shopify/Collection/9"] },
    );
    expect(candidateOf(runLines(config, { lines: [cartLine(1, { collections: [9] }), cartLine(2, { vendor: "Sockery" })] }).operations[0])).toMatchObject({
      targets: [{ cartLine: { id: line(2), quantity: 1 } }],
      prerequisites: [{ cartLine: { id: line(1), quantity: 1 } }],
    });
  });

  it("gives nothing and says what is missing when the group is incomplete", () => {
    const options = { lines: [cartLine(1, { quantity: 2 })] };
    expect(runLines(withEffect(buyTwoGetOne), options).operations).toEqual([]);
    expect(explainCampaign(withEffect(buyTwoGetOne), campaignInput(withEffect(buyTwoGetOne), options), "BOGO")).toEqual([
      "BOGO needs 3 eligible items: add 1 more",
    ]);
  });
});

describe("tiers", () => {
  const byQuantity: Effect = {
    type: "tiers",
    basis: "quantity",
    tiers: [
      { from: 3, percentage: 5 },
      { from: 10, percentage: 10 },
    ],
  };

  it("picks the highest tier reached by eligible quantity", () => {
    expect(valueOf(withEffect(byQuantity), { lines: [cartLine(1, { quantity: 9 })] })).toEqual({ percentage: { value: "5" } });
    expect(valueOf(withEffect(byQuantity), { lines: [cartLine(1, { quantity: 10 })] })).toEqual({ percentage: { value: "10" } });
  });

  it("says how far the first tier is when none is reached", () => {
    const options = { lines: [cartLine(1)] };
    expect(runLines(withEffect(byQuantity), options).operations).toEqual([]);
    expect(explainCampaign(withEffect(byQuantity), campaignInput(withEffect(byQuantity), options), "BULK")).toEqual([
      "BULK: add 2 more eligible items to get 5% off",
    ]);
  });

  const bySubtotal: Effect = {
    type: "tiers",
    basis: "subtotal",
    appliesTo: "order",
    tiers: [
      { from: "100.00", amount: "10.00" },
      { from: "200.00", amount: "25.00" },
    ],
  };
  // 100.00 USD is 135.00 CAD: 140.00 CAD reaches the first tier only.
  const cad: CartOptions = { currency: "CAD", rate: "1.35", lines: [cartLine(1, { price: "140.00" })] };

  it("compares subtotal tiers in the cart currency and can give a fixed amount on the order", () => {
    // A cap makes the campaign read prices, so the function picks the tier itself.
    const [operation] = runLines(withEffect(bySubtotal, { maxDiscountPerOrder: "500.00" }), cad).operations;
    expect(operation).toMatchObject({ orderDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "13.50" } }, message: "13.50 CAD off" }] } });
  });

  it("leaves subtotal tiers on the order to Shopify, highest first, when the campaign reads no prices", () => {
    // (5) Each tier is a candidate with its minimum (shop currency); Shopify applies the first reached.
    const [operation] = runLines(withEffect(bySubtotal), cad).operations;
    const tier = (minimumAmount: string, amount: string) => ({
      targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
      value: { fixedAmount: { amount } },
      message: `${amount} CAD off`,
      conditions: [{ orderMinimumSubtotal: { excludedCartLineIds: [], minimumAmount } }],
    });
    expect(operation).toEqual({ orderDiscountsAdd: { candidates: [tier("200", "33.75"), tier("100", "13.50")], selectionStrategy: "FIRST" } });
  });

  it("spreads an amount tier over the eligible lines when appliesTo is left at its default (issue 15)", () => {
    // (6) Amount tiers default to lines: the discount's class is PRODUCT, and so is the output.
    const effect: Effect = { type: "tiers", basis: "subtotal", tiers: [{ from: "50.00", amount: "5.00" }] };
    expect(compiled(withEffect(effect)).discountClasses).toEqual(["PRODUCT"]);
    expect(runLines(withEffect(effect), twoLines).operations).toEqual([
      {
        productDiscountsAdd: {
          candidates: [{ targets: bothLines, value: { fixedAmount: { amount: "5.00" } }, message: "5.00 USD off" }],
          selectionStrategy: "FIRST",
        },
      },
    ]);
    expect(compiled(withEffect({ ...effect, appliesTo: "order" })).discountClasses).toEqual(["ORDER"]);
    expect(Object.keys(runLines(withEffect({ ...effect, appliesTo: "order" }), twoLines).operations[0])).toEqual(["orderDiscountsAdd"]);
  });
});

describe("free shipping", () => {
  const options: CartOptions = {
    deliveryOptions: [
      ["std", "4.99", "SHIPPING"],
      ["express", "24.00", "SHIPPING"],
      ["pickup", "0.00", "PICK_UP"],
      ["courier", "6.00", "LOCAL"],
    ],
  };
  const freed = (config: CampaignConfig, cart: CartOptions) => {
    const [operation] = runDelivery(config, cart).operations;
    return operation && "deliveryDiscountsAdd" in operation
      ? operation.deliveryDiscountsAdd.candidates.flatMap((candidate) => candidate.targets.map((target) => target.deliveryOption.handle))
      : [];
  };

  it("frees every paid option by default", () => {
    expect(runDelivery(withEffect({ type: "freeShipping" }), options).operations).toEqual([
      {
        deliveryDiscountsAdd: {
          candidates: [
            {
              targets: ["std", "express", "courier"].map((handle) => ({ deliveryOption: { handle } })),
              value: { percentage: { value: "100" } },
              message: "Free shipping",
            },
          ],
          selectionStrategy: "ALL",
        },
      },
    ]);
  });

  it("leaves options over the rate cap (converted) or of other methods alone", () => {
    expect(freed(withEffect({ type: "freeShipping", maxShippingRate: "20.00", deliveryMethods: ["SHIPPING"] }), options)).toEqual(["std"]);
    expect(freed(withEffect({ type: "freeShipping", maxShippingRate: "20.00" }), { ...options, currency: "CAD", rate: "1.25" })).toEqual([
      "std",
      "express",
      "courier",
    ]);
  });
});

describe("maximum discount per order", () => {
  const productAndOrder = (cap: string) =>
    campaign({
      maxDiscountPerOrder: cap,
      effects: [
        { type: "percentage", percentage: 10 },
        { type: "fixedAmount", amount: "9.00", per: "order" },
      ],
    });
  const sixty = { lines: [cartLine(1, { price: "60.00" })] };
  const values = (cap: string) => runLines(productAndOrder(cap), sixty).operations.map((operation) => candidateOf(operation)?.value);

  it("keeps discounts within the cap in effect order and turns the one that passes it into what is left", () => {
    // 10% of 60.00 is 6.00, then 9.00 off the order: a 10.00 cap leaves 4.00 for the order.
    expect(values("10.00")).toEqual([{ percentage: { value: "10" } }, { fixedAmount: { amount: "4.00" } }]);
    expect(values("5.00")).toEqual([{ fixedAmount: { amount: "5.00" } }]);
  });

  it("applies the cap, converted, to a campaign's output", () => {
    const config = campaign({ maxDiscountPerOrder: "10.00", effects: [{ type: "percentage", percentage: 50 }] });
    expect(runLines(config, { currency: "EUR", rate: "0.8", lines: [cartLine(1, { price: "100.00" })] }).operations).toEqual([
      {
        productDiscountsAdd: {
          candidates: [
            {
              targets: [{ cartLine: { id: line(1) } }],
              value: { fixedAmount: { amount: "8.00" } },
              message: "50% off",
            },
          ],
          selectionStrategy: "FIRST",
        },
      },
    ]);
  });

  it("caps shipping on its own: options within the cap are free, dearer ones get the cap off", () => {
    const config = campaign({ maxDiscountPerOrder: "5.00", effects: [{ type: "freeShipping" }] });
    expect(
      runDelivery(config, {
        deliveryOptions: [
          ["std", "4.00", "SHIPPING"],
          ["fast", "12.00", "SHIPPING"],
        ],
      }).operations,
    ).toEqual([
      {
        deliveryDiscountsAdd: {
          candidates: [
            { targets: [{ deliveryOption: { handle: "std" } }], value: { percentage: { value: "100" } }, message: "Free shipping" },
            { targets: [{ deliveryOption: { handle: "fast" } }], value: { fixedAmount: { amount: "5.00" } }, message: "Free shipping" },
          ],
          selectionStrategy: "ALL",
        },
      },
    ]);
  });
});

it("gives each target only its effects, and the discount exactly their classes", () => {
  // (3) The input no longer carries discountClasses: the rules' effects are the discount's classes.
  const config = campaign({ effects: [{ type: "percentage", percentage: 5 }, { type: "freeShipping" }] });
  const options: CartOptions = { deliveryOptions: [["std", "5.00", "SHIPPING"]] };
  expect(compiled(config).discountClasses).toEqual(["PRODUCT", "SHIPPING"]);
  expect(runLines(config, options).operations.map((operation) => Object.keys(operation))).toEqual([["productDiscountsAdd"]]);
  expect(runDelivery(config, options).operations.map((operation) => Object.keys(operation))).toEqual([["deliveryDiscountsAdd"]]);
});
