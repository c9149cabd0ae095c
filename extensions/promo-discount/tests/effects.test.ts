import { describe, expect, it } from "vitest";
import { EFFECTS, effectDefinition } from "../src/config/effects";
import type { DeliveryIntent, ProductIntent } from "../src/config/intents";
import type { CampaignConfig, Effect } from "../src/config/types";
import { capLinesIntents, evaluateCampaign } from "../src/engine/campaign";
import type { PricedIntent } from "../src/engine/campaign";
import { runCartLines, runDeliveryOptions } from "../src/engine/runs";
import { campaign, cartLine, deliveryGroup, factsFor, runInput } from "./support/cart";
import type { InputOptions } from "./support/cart";

function apply(effect: Effect, options: InputOptions, config: Partial<CampaignConfig> = {}) {
  const full = campaign({ ...config, effects: [effect] });
  const definition = effectDefinition(effect.type);
  if (!definition) throw new Error(`no effect ${effect.type}`);
  const facts = factsFor(full, options);
  return { intent: definition.apply(effect, facts, full), describe: definition.describe(effect, facts), definition, facts };
}

const twoLines = { lines: [cartLine(1, { price: "20.00", quantity: 2 }), cartLine(2, { price: "15.50" })] };

describe("effect vocabulary", () => {
  it("has the five effects, each with a label and an argument schema", () => {
    expect(EFFECTS.map((effect) => effect.type)).toEqual(["percentage", "fixedAmount", "buyXGetY", "tiers", "freeShipping"]);
    for (const effect of EFFECTS) expect(effect.schema.fields?.type).toBeDefined();
  });

  describe("percentage", () => {
    it("discounts every eligible line by the percentage (product class)", () => {
      const { intent, describe: message } = apply({ type: "percentage", percentage: 12.5 }, twoLines);
      expect(intent).toEqual({
        discountClass: "PRODUCT",
        targets: [{ id: "gid://shopify/CartLine/1" }, { id: "gid://shopify/CartLine/2" }],
        prerequisites: [],
        value: { kind: "percentage", percentage: 12.5 },
        amount: 694, // 12.5% of 55.50 = 6.9375
      });
      expect(message).toBe("12.5% off");
    });

    it("discounts the order subtotal, leaving ineligible lines out (order class)", () => {
      const { intent } = apply({ type: "percentage", percentage: 10, appliesTo: "order" }, twoLines, { excludedProductIds: ["gid://shopify/Product/2"] });
      expect(intent).toMatchObject({ discountClass: "ORDER", excludedLineIds: ["gid://shopify/CartLine/2"], amount: 400 });
    });
  });

  describe("fixed amount", () => {
    it("takes a converted amount off the order once (presentmentCurrencyRate, cart rounding)", () => {
      const { intent, describe: message } = apply({ type: "fixedAmount", amount: "7.77", per: "order" }, { ...twoLines, currency: "EUR", rate: "0.9137" });
      // 7.77 × 0.9137 = 7.099449 → 7.10 EUR
      expect(intent).toMatchObject({ discountClass: "ORDER", value: { kind: "fixedAmount", amount: 710 }, amount: 710 });
      expect(message).toBe("7.10 EUR off");
    });

    it("never claims to be worth more than the eligible subtotal", () => {
      const { intent } = apply({ type: "fixedAmount", amount: "100.00", per: "order" }, twoLines);
      expect(intent).toMatchObject({ value: { amount: 10000 }, amount: 5550 });
    });

    it("takes the amount off each eligible item, capped by each item's price", () => {
      const { intent, describe: message } = apply({ type: "fixedAmount", amount: "18.00", per: "item" }, twoLines);
      expect(intent).toMatchObject({
        discountClass: "PRODUCT",
        value: { kind: "fixedAmount", amount: 1800, appliesToEachItem: true },
        amount: 1800 * 2 + 1550,
      });
      expect(message).toBe("18.00 USD off each item");
    });
  });

  describe("buy X get Y", () => {
    const buyTwoGetOne: Effect = { type: "buyXGetY", buyQuantity: 2, getQuantity: 1, percentage: 100 };

    it("gives the cheapest eligible unit free once three units are in the cart", () => {
      const { intent, describe: message } = apply(buyTwoGetOne, { lines: [cartLine(1, { price: "20.00", quantity: 2 }), cartLine(2, { price: "9.00" })] });
      expect(intent).toEqual({
        discountClass: "PRODUCT",
        targets: [{ id: "gid://shopify/CartLine/2", quantity: 1 }],
        prerequisites: [{ id: "gid://shopify/CartLine/1", quantity: 2 }],
        value: { kind: "percentage", percentage: 100 },
        amount: 900,
      });
      expect(message).toBe("Buy 2, get 1 free");
    });

    it("applies once per full group and keeps enough shared units to pay for the free ones", () => {
      // 7 units on one line: two groups of (2 + 1), the seventh unit does not complete a group.
      const { intent } = apply(buyTwoGetOne, { lines: [cartLine(1, { price: "5.00", quantity: 7 })] });
      expect(intent).toMatchObject({ targets: [{ id: "gid://shopify/CartLine/1", quantity: 2 }], prerequisites: [{ id: "gid://shopify/CartLine/1", quantity: 4 }] });
    });

    it("uses a separate buy side (products, SKUs, vendors or buyCollectionIds) and honours maxApplications", () => {
      const effect: Effect = { type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 50, maxApplications: 2, buy: { skus: ["SHOE"] } };
      const { intent, describe: message } = apply(effect, {
        lines: [cartLine(1, { sku: "SHOE", price: "80.00", quantity: 3 }), cartLine(2, { vendor: "Sockery", price: "6.00", quantity: 5 })],
      }, { includedVendors: ["Sockery"] });
      expect(intent).toMatchObject({
        targets: [{ id: "gid://shopify/CartLine/2", quantity: 2 }],
        prerequisites: [{ id: "gid://shopify/CartLine/1", quantity: 2 }],
        amount: 600,
      });
      expect(message).toBe("Buy 1, get 1 50% off");

      const byCollection = apply({ type: "buyXGetY", buyQuantity: 1, getQuantity: 1, percentage: 100 }, {
        lines: [cartLine(1, { inBuyCollection: true }), cartLine(2, { vendor: "Sockery" })],
      }, { includedVendors: ["Sockery"], buyCollectionIds: ["gid://shopify/Collection/9"] });
      expect(byCollection.intent).toMatchObject({ targets: [{ id: "gid://shopify/CartLine/2", quantity: 1 }], prerequisites: [{ id: "gid://shopify/CartLine/1", quantity: 1 }] });
    });

    it("gives nothing and says what is missing when the group is incomplete", () => {
      const { intent, definition, facts } = apply(buyTwoGetOne, { lines: [cartLine(1, { quantity: 2 })] });
      expect(intent).toBeNull();
      expect(definition.explainMiss(buyTwoGetOne, facts, "BOGO")).toBe("BOGO needs 3 eligible items: add 1 more");
    });
  });

  describe("tiers", () => {
    const byQuantity: Effect = { type: "tiers", basis: "quantity", tiers: [{ from: 3, percentage: 5 }, { from: 10, percentage: 10 }] };

    it("picks the highest tier reached by eligible quantity", () => {
      expect(apply(byQuantity, { lines: [cartLine(1, { quantity: 9 })] }).intent).toMatchObject({ value: { percentage: 5 } });
      expect(apply(byQuantity, { lines: [cartLine(1, { quantity: 10 })] }).intent).toMatchObject({ value: { percentage: 10 } });
    });

    it("says how far the first tier is when none is reached", () => {
      const { intent, definition, facts } = apply(byQuantity, { lines: [cartLine(1)] });
      expect(intent).toBeNull();
      expect(definition.explainMiss(byQuantity, facts, "BULK")).toBe("BULK: add 2 more eligible items to get 5% off");
    });

    it("compares subtotal tiers in the cart currency and can give a fixed amount on the order", () => {
      const bySubtotal: Effect = { type: "tiers", basis: "subtotal", appliesTo: "order", tiers: [{ from: "100.00", amount: "10.00" }, { from: "200.00", amount: "25.00" }] };
      // 100.00 USD is 135.00 CAD: 140.00 CAD reaches the first tier only.
      const { intent, describe: message } = apply(bySubtotal, { currency: "CAD", rate: "1.35", lines: [cartLine(1, { price: "140.00" })] });
      expect(intent).toMatchObject({ discountClass: "ORDER", value: { kind: "fixedAmount", amount: 1350 } });
      expect(message).toBe("13.50 CAD off");
    });
  });

  describe("free shipping", () => {
    const groups = [deliveryGroup({ options: [["std", "4.99", "SHIPPING"], ["express", "24.00", "SHIPPING"], ["pickup", "0.00", "PICK_UP"], ["courier", "6.00", "LOCAL"]] })];

    it("frees every paid option by default", () => {
      const { intent } = apply({ type: "freeShipping" }, { deliveryGroups: groups });
      expect((intent as DeliveryIntent).options.map((option) => option.handle)).toEqual(["std", "express", "courier"]);
    });

    it("leaves options over the rate cap (converted) or of other methods alone", () => {
      const { intent } = apply({ type: "freeShipping", maxShippingRate: "20.00", deliveryMethods: ["SHIPPING"] }, { deliveryGroups: groups });
      expect((intent as DeliveryIntent).options.map((option) => option.handle)).toEqual(["std"]);
      const converted = apply({ type: "freeShipping", maxShippingRate: "20.00" }, { deliveryGroups: groups, currency: "CAD", rate: "1.25" });
      expect((converted.intent as DeliveryIntent).options.map((option) => option.handle)).toEqual(["std", "express", "courier"]);
    });
  });

  describe("maximum discount per order", () => {
    const percentIntent = (amount: number): PricedIntent<ProductIntent> => ({
      intent: { discountClass: "PRODUCT", targets: [{ id: "a" }], prerequisites: [], value: { kind: "percentage", percentage: 10 }, amount },
      message: "10% off",
    });

    it("keeps intents within the cap and turns the one that passes it into what is left", () => {
      const capped = capLinesIntents([percentIntent(600), percentIntent(900), percentIntent(100)], 1000);
      expect(capped.map((priced) => [priced.intent.value, priced.intent.amount])).toEqual([
        [{ kind: "percentage", percentage: 10 }, 600],
        [{ kind: "fixedAmount", amount: 400, appliesToEachItem: false }, 400],
      ]);
    });

    it("applies the cap, converted, to a campaign's output", () => {
      const config = campaign({ maxDiscountPerOrder: "10.00", effects: [{ type: "percentage", percentage: 50 }] });
      const result = runCartLines(runInput({ config, currency: "EUR", rate: "0.8", lines: [cartLine(1, { price: "100.00" })] }));
      expect(result.operations).toEqual([{ productDiscountsAdd: { candidates: [{
        targets: [{ cartLine: { id: "gid://shopify/CartLine/1" } }], value: { fixedAmount: { amount: "8.00" } }, message: "50% off",
      }], selectionStrategy: "FIRST" } }]);
    });

    it("caps shipping on its own: options within the cap are free, dearer ones get the cap off", () => {
      const config = campaign({ maxDiscountPerOrder: "5.00", effects: [{ type: "freeShipping" }] });
      const result = runDeliveryOptions(runInput({ config, classes: ["SHIPPING"], deliveryGroups: [deliveryGroup({ options: [["std", "4.00", "SHIPPING"], ["fast", "12.00", "SHIPPING"]] })] }));
      expect(result.operations).toEqual([{ deliveryDiscountsAdd: { candidates: [
        { targets: [{ deliveryOption: { handle: "std" } }], value: { percentage: { value: "100" } }, message: "Free shipping" },
        { targets: [{ deliveryOption: { handle: "fast" } }], value: { fixedAmount: { amount: "5.00" } }, message: "Free shipping" },
      ], selectionStrategy: "ALL" } }]);
    });
  });

  it("evaluates only the effects of the discount classes asked for", () => {
    const config = campaign({ effects: [{ type: "percentage", percentage: 5 }, { type: "freeShipping" }] });
    const input = runInput({ config, deliveryGroups: [deliveryGroup({ options: [["std", "5.00", "SHIPPING"]] })] });
    expect(evaluateCampaign(config, input, ["PRODUCT"]).intents.map((priced) => priced.intent.discountClass)).toEqual(["PRODUCT"]);
    expect(evaluateCampaign(config, input, ["SHIPPING"]).intents.map((priced) => priced.intent.discountClass)).toEqual(["SHIPPING"]);
  });
});
