import { describe, expect, it } from "vitest";
import { CART_CONDITIONS, CONDITIONS, LINE_CONDITIONS, isConfigured } from "../src/config/conditions";
import type { CampaignConfig, ConditionArgs } from "../src/config/types";
import { toMetafieldValue } from "../src/config/validate";
import { campaign, cartLine, factsFor, runInput } from "./support/cart";
import type { InputOptions, LineOptions } from "./support/cart";
import { explainCampaign } from "../src/engine/campaign";

interface LineCase {
  config: ConditionArgs;
  matching: LineOptions;
  other: LineOptions;
}

const lineCases: Record<string, LineCase> = {
  includedProductIds: { config: { includedProductIds: ["gid://shopify/Product/1"] }, matching: { product: 1 }, other: { product: 2 } },
  excludedProductIds: { config: { excludedProductIds: ["gid://shopify/Product/1"] }, matching: { product: 1 }, other: { product: 2 } },
  includedVariantIds: { config: { includedVariantIds: ["gid://shopify/ProductVariant/10"] }, matching: { variant: 10 }, other: { variant: 20 } },
  excludedVariantIds: { config: { excludedVariantIds: ["gid://shopify/ProductVariant/10"] }, matching: { variant: 10 }, other: { variant: 20 } },
  includedSkus: { config: { includedSkus: ["TEE-M"] }, matching: { sku: "TEE-M" }, other: { sku: null } },
  excludedSkus: { config: { excludedSkus: ["TEE-M"] }, matching: { sku: "TEE-M" }, other: { sku: "TEE-L" } },
  includedVendors: { config: { includedVendors: ["NORTHWIND"] }, matching: { vendor: "Northwind" }, other: { vendor: "Globex" } },
  excludedVendors: { config: { excludedVendors: ["Outlet Co"] }, matching: { vendor: "outlet co" }, other: { vendor: null } },
  includedCollectionIds: { config: { includedCollectionIds: ["gid://shopify/Collection/5"] }, matching: { inIncludedCollection: true }, other: {} },
  excludedCollectionIds: { config: { excludedCollectionIds: ["gid://shopify/Collection/5"] }, matching: { inExcludedCollection: true }, other: {} },
  includedProductTags: { config: { includedProductTags: ["sale"] }, matching: { hasIncludedTag: true }, other: {} },
  excludedProductTags: { config: { excludedProductTags: ["final-sale"] }, matching: { hasExcludedTag: true }, other: {} },
};

interface CartCase {
  config: ConditionArgs;
  pass: InputOptions;
  fail: InputOptions;
  message: string;
}

const cartCases: Record<string, CartCase> = {
  customerTagsAny: {
    config: { customerTagsAny: ["vip", "gold"] },
    pass: { customer: { numberOfOrders: 1, hasAnyTag: true } },
    fail: { customer: { numberOfOrders: 1, hasAnyTag: false } },
    message: "This offer isn't available for your account",
  },
  customerTagsAll: {
    config: { customerTagsAll: ["vip", "newsletter"] },
    pass: { customer: { numberOfOrders: 1, hasTags: [true, true] } },
    fail: { customer: { numberOfOrders: 1, hasTags: [true, false] } },
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
    pass: { deliveryGroups: [{ deliveryAddress: { countryCode: "CA" } }] },
    fail: { deliveryGroups: [{ deliveryAddress: { countryCode: "US" } }, { deliveryAddress: { countryCode: "DE" } }] },
    message: "This offer isn't available for delivery to DE",
  },
  excludedDeliveryCountries: {
    config: { excludedDeliveryCountries: ["FR"] },
    pass: { deliveryGroups: [{ deliveryAddress: { countryCode: "US" } }] },
    // No address yet: the country the buyer shops from stands in.
    fail: { deliveryGroups: [{ deliveryAddress: null }], localizationCountry: "FR" },
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
  startsAt: {
    config: { startsAt: "2026-11-27T09:00:00" },
    pass: { localTime: { afterStart: true } },
    fail: { localTime: { afterStart: false } },
    message: "This offer starts on 2026-11-27 at 09:00",
  },
  endsAt: {
    config: { endsAt: "2026-11-30T23:59:59" },
    pass: { localTime: { beforeEnd: true } },
    fail: { localTime: { beforeEnd: false } },
    message: "This offer has ended",
  },
  weekdays: {
    config: { weekdays: ["sun", "sat"] },
    pass: { localTime: { date: "2026-11-28" } },
    fail: { localTime: { date: "2026-11-27" } },
    message: "This offer is only valid on Sat, Sun",
  },
  dailyHours: {
    config: { hoursFrom: "09:00:00", hoursUntil: "17:30:00" },
    pass: { localTime: { withinHours: true } },
    fail: { localTime: { withinHours: false } },
    message: "This offer is only valid from 09:00 to 17:30",
  },
};

describe("condition vocabulary", () => {
  it("has a test case for every condition in the registry", () => {
    expect(Object.keys(lineCases).sort()).toEqual(LINE_CONDITIONS.map((condition) => condition.name).sort());
    expect(Object.keys(cartCases).sort()).toEqual(CART_CONDITIONS.map((condition) => condition.name).sort());
  });

  it("gives every condition a label, config keys and argument schemas for the admin forms", () => {
    for (const condition of CONDITIONS) {
      expect(condition.label.length).toBeGreaterThan(3);
      expect(condition.keys.length).toBeGreaterThan(0);
      for (const key of condition.keys) expect(condition.args[key]?.hint).toBeTruthy();
    }
  });

  describe.each(LINE_CONDITIONS.map((condition) => [condition.name, condition] as const))("line condition %s", (name, condition) => {
    const { config, matching, other } = lineCases[name];
    const facts = factsFor(config, { lines: [cartLine(1, matching), cartLine(2, other)] });
    const eligibleIds = facts.eligibleLines.map((line) => line.id);

    it(condition.mode === "include" ? "makes only matching lines eligible" : "removes matching lines from the discount", () => {
      expect(isConfigured(condition, config)).toBe(true);
      expect(eligibleIds).toEqual([condition.mode === "include" ? "gid://shopify/CartLine/1" : "gid://shopify/CartLine/2"]);
      expect(facts.ineligibleLineIds).toEqual([condition.mode === "include" ? "gid://shopify/CartLine/2" : "gid://shopify/CartLine/1"]);
    });
  });

  describe.each(CART_CONDITIONS.map((condition) => [condition.name, condition] as const))("cart condition %s", (name, condition) => {
    const { config, pass, fail, message } = cartCases[name];

    it("holds for the passing cart", () => {
      expect(condition.test(factsFor(config, pass), config)).toBe(true);
    });

    it("fails for the failing cart and explains why to the shopper", () => {
      const facts = factsFor(config, fail);
      expect(condition.test(facts, config)).toBe(false);
      expect(condition.explain(config, facts, "This offer")).toBe(message);
    });
  });

  it("b2b 'excluded' turns business buyers away", () => {
    const [b2b] = CART_CONDITIONS.filter((condition) => condition.name === "b2b");
    const config: ConditionArgs = { b2b: "excluded" };
    const facts = factsFor(config, { companyId: "gid://shopify/Company/7" });
    expect(b2b.test(facts, config)).toBe(false);
    expect(b2b.explain(config, facts, "RETAIL5")).toBe("RETAIL5 isn't available for business accounts");
    expect(b2b.test(factsFor(config, {}), config)).toBe(true);
  });

  it("counts the minimum subtotal and quantity over eligible lines only", () => {
    const config: ConditionArgs = { includedProductTags: ["sale"], minimumSubtotal: "30.00", minimumQuantity: 2 };
    const facts = factsFor(config, { lines: [cartLine(1, { price: "20.00", hasIncludedTag: true }), cartLine(2, { price: "100.00", quantity: 5 })] });
    expect(facts.eligibleSubtotal).toBe(2000);
    expect(facts.eligibleQuantity).toBe(1);
    expect(facts.merchandiseSubtotal).toBe(52000);
  });

  it("never makes gift cards or custom products eligible, even when included", () => {
    const config: ConditionArgs = { includedProductIds: ["gid://shopify/Product/1"] };
    const facts = factsFor(config, { lines: [cartLine(1, { isGiftCard: true }), cartLine(2, { customProduct: true }), cartLine(3, { product: 1 })] });
    expect(facts.eligibleLines.map((line) => line.id)).toEqual(["gid://shopify/CartLine/3"]);
    expect(facts.ineligibleLineIds).toEqual(["gid://shopify/CartLine/1", "gid://shopify/CartLine/2"]);
  });

  it("treats inclusions as alternatives and lets any exclusion win", () => {
    const config: ConditionArgs = {
      includedProductIds: ["gid://shopify/Product/1"], includedVendors: ["Globex"], excludedSkus: ["FINAL"],
    };
    const facts = factsFor(config, { lines: [
      cartLine(1, { product: 1 }), cartLine(2, { vendor: "Globex" }), cartLine(3, { product: 1, sku: "FINAL" }), cartLine(4),
    ] });
    expect(facts.eligibleLines.map((line) => line.id)).toEqual(["gid://shopify/CartLine/1", "gid://shopify/CartLine/2"]);
  });

  it("treats a neutral schedule value, as published configs carry them, as no limit", () => {
    const published = toMetafieldValue(campaign()) as ConditionArgs;
    for (const condition of CART_CONDITIONS.filter((candidate) => candidate.group === "schedule")) {
      expect(isConfigured(condition, published), condition.name).toBe(false);
    }
    expect(isConfigured(CART_CONDITIONS.find((condition) => condition.name === "dailyHours")!, { ...published, hoursUntil: "12:00:00" })).toBe(true);
    const outsideShopifysWindow = runInput({ config: published, localTime: { withinHours: false, afterStart: false, beforeEnd: false } });
    expect(explainCampaign(published as CampaignConfig, outsideShopifysWindow)).toEqual([]);
  });

  it("explains every unmet condition of a campaign, naming the entered code", () => {
    const config = campaign({ firstOrder: true, minimumQuantity: 2, excludedDeliveryCountries: ["FR"] });
    const input = runInput({ config, customer: { numberOfOrders: 3 }, triggeringDiscountCode: "WELCOME10", deliveryGroups: [{ deliveryAddress: { countryCode: "FR" } }] });
    expect(explainCampaign(config, input)).toEqual([
      "WELCOME10 is for first orders",
      "WELCOME10 isn't available for delivery to FR",
      "WELCOME10 needs 2 eligible items: add 1 more",
    ]);
  });

  it("explains a campaign whose product scope matches nothing in the cart", () => {
    const config = campaign({ includedCollectionIds: ["gid://shopify/Collection/5"] });
    expect(explainCampaign(config, runInput({ config, triggeringDiscountCode: "SHOES20" }))).toEqual(["SHOES20 doesn't apply to the items in your cart"]);
  });
});
