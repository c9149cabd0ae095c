// Each condition, through a published campaign's real input: which lines it lets a discount
// cover, whether it lets the campaign apply, and what the shopper is told when it does not.
import { describe, expect, it } from "vitest";
import { cartLinesDiscountsGenerateRun } from "../src/index";
import { evaluate } from "../src/checkout/campaign";
import type { CheckFacts } from "../src/checkout/checks";
import { CART_CONDITIONS, CONDITIONS, LINE_CONDITIONS, NEUTRAL_SCHEDULE_VARIABLES, campaignReasons, explainCampaign, isConfigured } from "../src/config";
import type { CampaignConfig, ConditionArgs } from "../src/config";
import { campaign, campaignInput, cartLine, compiled } from "./support/inputs";
import type { CartOptions, LineOptions } from "./support/inputs";

const line = (n: number) => `gid://shopify/CartLine/${n}`;
type Output = ReturnType<typeof cartLinesDiscountsGenerateRun>;

function run(config: CampaignConfig, options: CartOptions = {}): Output {
  return cartLinesDiscountsGenerateRun(campaignInput(config, options));
}

/** The lines a product discount covers. */
function discountedLines(output: Output): string[] {
  const [operation] = output.operations;
  return operation && "productDiscountsAdd" in operation ? operation.productDiscountsAdd.candidates[0].targets.map((target) => target.cartLine.id) : [];
}

/** The lines an order discount leaves out of the subtotal. */
function excludedLines(output: Output): string[] {
  const [operation] = output.operations;
  return operation && "orderDiscountsAdd" in operation ? operation.orderDiscountsAdd.candidates[0].targets[0].orderSubtotal.excludedCartLineIds : [];
}

const onLines = (args: ConditionArgs) => campaign(args);
const onOrder = (args: ConditionArgs) => campaign({ ...args, effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] });

const lineCases: Record<string, { config: ConditionArgs; matching: LineOptions; other: LineOptions }> = {
  includedProductIds: { config: { includedProductIds: ["gid://shopify/Product/1"] }, matching: { product: 1 }, other: { product: 2 } },
  excludedProductIds: { config: { excludedProductIds: ["gid://shopify/Product/1"] }, matching: { product: 1 }, other: { product: 2 } },
  includedVariantIds: { config: { includedVariantIds: ["gid://shopify/ProductVariant/10"] }, matching: { variant: 10 }, other: { variant: 20 } },
  excludedVariantIds: { config: { excludedVariantIds: ["gid://shopify/ProductVariant/10"] }, matching: { variant: 10 }, other: { variant: 20 } },
  includedSkus: { config: { includedSkus: ["TEE-M"] }, matching: { sku: "TEE-M" }, other: { sku: null } },
  excludedSkus: { config: { excludedSkus: ["TEE-M"] }, matching: { sku: "TEE-M" }, other: { sku: "TEE-L" } },
  includedVendors: { config: { includedVendors: ["NORTHWIND"] }, matching: { vendor: "Northwind" }, other: { vendor: "Globex" } },
  excludedVendors: { config: { excludedVendors: ["Outlet Co"] }, matching: { vendor: "outlet co" }, other: { vendor: null } },
  includedCollectionIds: { config: { includedCollectionIds: ["gid://shopify/Collection/5"] }, matching: { collections: [5] }, other: { collections: [6] } },
  excludedCollectionIds: { config: { excludedCollectionIds: ["gid://shopify/Collection/5"] }, matching: { collections: [5] }, other: {} },
  includedProductTags: { config: { includedProductTags: ["sale"] }, matching: { tags: ["sale"] }, other: { tags: ["new"] } },
  excludedProductTags: { config: { excludedProductTags: ["final-sale"] }, matching: { tags: ["final-sale"] }, other: {} },
  // Stock PromoGuard has not written yet counts as plenty: a missing count never blocks a sale.
  minimumStock: { config: { minimumStock: 5 }, matching: { stock: 4 }, other: { stock: 5 } },
};

const cartCases: Record<string, { config: ConditionArgs; pass: CartOptions; fail: CartOptions; message: string }> = {
  customerTagsAny: {
    config: { customerTagsAny: ["vip", "gold"] },
    pass: { customer: { numberOfOrders: 1, tags: ["gold"] } },
    fail: { customer: { numberOfOrders: 1, tags: ["silver"] } },
    message: "This offer isn't available for your account",
  },
  customerTagsAll: {
    config: { customerTagsAll: ["vip", "newsletter"] },
    pass: { customer: { numberOfOrders: 1, tags: ["newsletter", "vip"] } },
    fail: { customer: { numberOfOrders: 1, tags: ["vip"] } },
    message: "This offer isn't available for your account",
  },
  firstOrder: {
    config: { firstOrder: true },
    pass: { customer: { numberOfOrders: 0 } },
    fail: { customer: { numberOfOrders: 2 } },
    message: "This offer is for first orders",
  },
  returningCustomer: {
    config: { returningCustomer: true },
    pass: { customer: { numberOfOrders: 1 } },
    fail: { customer: null },
    message: "This offer is for returning customers: log in to use it",
  },
  b2b: {
    config: { b2b: "only" },
    pass: { companyId: "gid://shopify/Company/7" },
    fail: { customer: { numberOfOrders: 4 } },
    message: "This offer is for business accounts",
  },
  includedDeliveryCountries: {
    config: { includedDeliveryCountries: ["US", "CA"] },
    pass: { deliveryCountries: ["CA"] },
    fail: { deliveryCountries: ["US", "DE"] },
    message: "This offer isn't available for delivery to DE",
  },
  // No address yet: the country the buyer shops from stands in.
  excludedDeliveryCountries: {
    config: { excludedDeliveryCountries: ["FR"] },
    pass: { deliveryCountries: ["US"] },
    fail: { deliveryCountries: [null], localizationCountry: "FR" },
    message: "This offer isn't available for delivery to FR",
  },
  minimumSubtotal: {
    config: { minimumSubtotal: "50.00" },
    pass: { currency: "EUR", rate: "0.9", lines: [cartLine(1, { price: "45.00" })] },
    fail: { currency: "EUR", rate: "0.9", lines: [cartLine(1, { price: "44.99" })] },
    message: "This offer needs 45.00 EUR of eligible items: add 0.01 EUR more",
  },
  minimumQuantity: {
    config: { minimumQuantity: 3 },
    pass: { lines: [cartLine(1, { quantity: 2 }), cartLine(2)] },
    fail: { lines: [cartLine(1, { quantity: 2 })] },
    message: "This offer needs 3 eligible items: add 1 more",
  },
  weekdays: {
    config: { weekdays: ["sun", "sat"] },
    pass: { localTime: "2026-11-28T12:00:00" },
    fail: { localTime: "2026-11-27T12:00:00" },
    message: "This offer is only valid on Sat, Sun",
  },
  dailyHours: {
    config: { hoursFrom: "09:00:00", hoursUntil: "17:30:00" },
    pass: { localTime: "2026-11-27T17:29:00" },
    fail: { localTime: "2026-11-27T17:30:00" },
    message: "This offer is only valid from 09:00 to 17:30",
  },
};

/** (2) A campaign's start and end are its Shopify discount's active dates, which publishing sets:
 * Shopify does not run the discount outside them, so they compile to no check. */
const shopifyEnforced: Record<string, { config: ConditionArgs; outside: string; message: string }> = {
  startsAt: { config: { startsAt: "2026-11-27T09:00:00" }, outside: "2026-11-27T08:00:00", message: "This offer starts on 2026-11-27 at 09:00" },
  endsAt: { config: { endsAt: "2026-11-30T23:59:59" }, outside: "2026-12-01T00:00:00", message: "This offer has ended" },
};

/** Only an automatic discount can turn a code away, so a campaign's per-customer limit is the
 * guard's check (from its catalogue), never the campaign function's. */
const guardEnforced = ["maxUsesPerCustomer"];

describe("condition vocabulary", () => {
  it("has a test case for every condition in the registry", () => {
    expect(Object.keys(lineCases).sort()).toEqual(LINE_CONDITIONS.map((condition) => condition.name).sort());
    expect([...Object.keys(cartCases), ...Object.keys(shopifyEnforced), ...guardEnforced].sort()).toEqual(
      CART_CONDITIONS.map((condition) => condition.name).sort(),
    );
  });

  it("gives every condition a label, config keys and argument schemas for the admin forms", () => {
    for (const condition of CONDITIONS) {
      expect(condition.label.length).toBeGreaterThan(3);
      expect(condition.keys.length).toBeGreaterThan(0);
      for (const key of condition.keys) expect(condition.args[key]?.hint).toBeTruthy();
    }
  });
});

describe.each(LINE_CONDITIONS.map((condition) => [condition.name, condition] as const))("line condition %s", (name, condition) => {
  const { config, matching, other } = lineCases[name];
  const lines = [cartLine(1, matching), cartLine(2, other)];
  const [covered, left] = condition.mode === "include" ? [line(1), line(2)] : [line(2), line(1)];

  it(condition.mode === "include" ? "makes only matching lines eligible" : "removes matching lines from the discount", () => {
    expect(isConfigured(condition, config)).toBe(true);
    expect(discountedLines(run(onLines(config), { lines }))).toEqual([covered]);
    expect(excludedLines(run(onOrder(config), { lines }))).toEqual([left]);
  });
});

describe.each(CART_CONDITIONS.filter((condition) => condition.name in cartCases).map((condition) => [condition.name] as const))("cart condition %s", (name) => {
  const { config, pass, fail, message } = cartCases[name];

  it("lets the campaign apply to the passing cart", () => {
    expect(run(onLines(config), pass).operations).toHaveLength(1);
    expect(campaignReasons(onLines(config), campaignInput(onLines(config), pass))).toEqual([]);
  });

  it("refuses the failing cart and explains why to the shopper", () => {
    expect(run(onLines(config), fail).operations).toEqual([]);
    expect(campaignReasons(onLines(config), campaignInput(onLines(config), fail))).toEqual([{ source: name, message }]);
  });
});

describe.each(guardEnforced)("guard condition %s", (name) => {
  it("compiles to no check in the campaign's own function", () => {
    expect(compiled(onLines({ [name]: 3 })).rules.k).toBeUndefined();
    expect(run(onLines({ [name]: 3 }), {}).operations).toHaveLength(1);
  });
});

describe.each(Object.entries(shopifyEnforced))("schedule condition %s", (name, { config, outside, message }) => {
  it("compiles to no check: the discount's active dates keep Shopify from running it outside them", () => {
    expect(compiled(onLines(config)).rules.k).toBeUndefined();
    expect(run(onLines(config), { localTime: outside }).operations).toHaveLength(1);
  });

  it("still explains itself for the admin", () => {
    const condition = CART_CONDITIONS.find((candidate) => candidate.name === name)!;
    const input = campaignInput(onLines(config), { localTime: outside });
    const facts = evaluate(compiled(onLines(config)).rules, input, true).checks as CheckFacts;
    expect(condition.explain(config, facts, "This offer")).toBe(message);
  });
});

describe("conditions together", () => {
  it("b2b 'excluded' turns business buyers away", () => {
    const config = onLines({ b2b: "excluded" });
    expect(explainCampaign(config, campaignInput(config, { companyId: "gid://shopify/Company/7" }), "RETAIL5")).toEqual([
      "RETAIL5 isn't available for business accounts",
    ]);
    expect(run(config, { companyId: "gid://shopify/Company/7" }).operations).toEqual([]);
    expect(run(config).operations).toHaveLength(1);
  });

  it("counts the minimum subtotal and quantity over eligible lines only", () => {
    const config = onLines({ includedProductTags: ["sale"], minimumSubtotal: "30.00", minimumQuantity: 2 });
    // The whole cart is 520.00 and 6 items; the eligible line is 20.00 and 1 item.
    const input = campaignInput(config, { lines: [cartLine(1, { price: "20.00", tags: ["sale"] }), cartLine(2, { price: "100.00", quantity: 5 })] });
    expect(explainCampaign(config, input)).toEqual([
      "This offer needs 30.00 USD of eligible items: add 10.00 USD more",
      "This offer needs 2 eligible items: add 1 more",
    ]);
  });

  it("never makes gift cards or custom products eligible, even when included", () => {
    const lines = [cartLine(1, { giftCard: true }), cartLine(2), cartLine(3, { product: 1 })];
    expect(discountedLines(run(onLines({ includedProductIds: ["gid://shopify/Product/1"] }), { lines }))).toEqual([line(3)]);
    // The emulator's carts hold product variants only; Shopify's query selects nothing of a custom product.
    const input = campaignInput(onOrder({}), { lines });
    input.c.l[1].m = {};
    expect(excludedLines(cartLinesDiscountsGenerateRun(input))).toEqual([line(1), line(2)]);
  });

  it("treats inclusions as alternatives and lets any exclusion win", () => {
    const config = onLines({ includedProductIds: ["gid://shopify/Product/1"], includedVendors: ["Globex"], excludedSkus: ["FINAL"] });
    const lines = [cartLine(1, { product: 1 }), cartLine(2, { vendor: "Globex" }), cartLine(3, { product: 1, sku: "FINAL" }), cartLine(4)];
    expect(discountedLines(run(config, { lines }))).toEqual([line(1), line(2)]);
  });

  it("treats a neutral schedule value, as published configs carry them, as no limit", () => {
    const neutral = onLines({ ...NEUTRAL_SCHEDULE_VARIABLES });
    for (const condition of CART_CONDITIONS.filter((candidate) => candidate.group === "schedule"))
      expect(isConfigured(condition, neutral), condition.name).toBe(false);
    expect(
      isConfigured(
        CART_CONDITIONS.find((condition) => condition.name === "dailyHours")!,
        { ...neutral, hoursUntil: "12:00:00" },
      ),
    ).toBe(true);
    expect(compiled(neutral).rules.k).toBeUndefined();
    // At 23:59:59 Shopify answers timeBetween(00:00:00, 23:59:59) false: no check reads it.
    const lastSecond = campaignInput(neutral, { localTime: "2026-11-27T23:59:59" });
    expect(lastSecond.s.t.h).toBe(false);
    expect(cartLinesDiscountsGenerateRun(lastSecond).operations).toHaveLength(1);
    expect(explainCampaign(neutral, lastSecond)).toEqual([]);
  });

  it("explains every unmet condition of a campaign, naming the entered code", () => {
    const config = onLines({ firstOrder: true, minimumQuantity: 2, excludedDeliveryCountries: ["FR"] });
    const input = campaignInput(config, { customer: { numberOfOrders: 3 }, deliveryCountries: ["FR"] });
    expect(explainCampaign(config, input, "WELCOME10")).toEqual([
      "WELCOME10 is for first orders",
      "WELCOME10 isn't available for delivery to FR",
      "WELCOME10 needs 2 eligible items: add 1 more",
    ]);
  });

  it("explains a campaign whose product scope matches nothing in the cart", () => {
    const config = onLines({ includedCollectionIds: ["gid://shopify/Collection/5"] });
    expect(explainCampaign(config, campaignInput(config), "SHOES20")).toEqual(["SHOES20 doesn't apply to the items in your cart"]);
  });

  it("gives a customer the Fraud review blocked no discount, whatever else holds", () => {
    const blocked = { customer: { numberOfOrders: 3, tags: ["promoguard-blocked", "vip"] } };
    const config = onLines({ customerTagsAny: ["vip"] });
    expect(run(config, blocked).operations).toEqual([]);
    expect(campaignReasons(config, campaignInput(config, blocked))).toEqual([{ source: "blocked", message: "This offer isn't available for this account" }]);
  });
});

describe("a minimum subtotal on an order discount", () => {
  // (5) An order discount's minimum is Shopify's to check when the campaign reads no prices:
  // the candidate carries it as a condition, in the shop's currency, over the same lines.
  it("is left to Shopify as the candidate's condition, and the function reads no prices", () => {
    const config = onOrder({ minimumSubtotal: "50.00", excludedProductTags: ["final-sale"] });
    const options: CartOptions = { currency: "EUR", rate: "0.9", lines: [cartLine(1, { price: "10.00" }), cartLine(2, { tags: ["final-sale"] })] };
    const input = campaignInput(config, options);
    expect(input.c.l.every((cartLineInput) => cartLineInput.c === undefined && cartLineInput.q === undefined)).toBe(true);
    expect(cartLinesDiscountsGenerateRun(input).operations).toEqual([
      {
        orderDiscountsAdd: {
          candidates: [
            {
              targets: [{ orderSubtotal: { excludedCartLineIds: [line(2)] } }],
              value: { percentage: { value: "10" } },
              message: "10% off",
              conditions: [{ orderMinimumSubtotal: { excludedCartLineIds: [line(2)], minimumAmount: "50" } }],
            },
          ],
          selectionStrategy: "FIRST",
        },
      },
    ]);
  });
});
