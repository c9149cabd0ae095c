import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FunctionTarget } from "../tools/quickjs-runner";
import { outputProblems } from "./support/function-schema";
import { loadFixtures, runInNode } from "./support/fixtures";
import { campaign, cartLine, runInput } from "./support/cart";

const TARGET_NAMES: FunctionTarget[] = ["cart.lines.discounts.generate.run", "cart.delivery-options.discounts.generate.run"];
const NO_DISCOUNT = { operations: [] };

function expectNoDiscount(input: unknown) {
  for (const target of TARGET_NAMES) {
    const output = runInNode(target, input);
    expect(output).toEqual(NO_DISCOUNT);
    expect(outputProblems(target, output)).toEqual([]);
  }
}

describe("never fails a checkout", () => {
  beforeEach(() => vi.spyOn(console, "error").mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ["a string", "15% off"],
    ["a number", 42],
    ["a list", [{ version: 1 }]],
    ["no effects", { version: 1 }],
    ["a string version", { version: "1", effects: [{ type: "percentage", percentage: 10 }] }],
    ["an effect without its argument", { version: 1, effects: [{ type: "percentage" }] }],
    ["a future version", { version: 99, effects: [{ type: "percentage", percentage: 10 }] }],
    ["a guard with extra keys", { version: 1, kind: "guard", maxCodes: 2 }],
  ])("gives no discount for a malformed config: %s", (_case, config) => {
    expectNoDiscount(runInput({ config, lines: [cartLine(1, { price: "50.00" })] }));
  });

  it("logs one specific line for a config it ignores", () => {
    runInNode("cart.lines.discounts.generate.run", runInput({ config: { version: 7 } }));
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.error).toHaveBeenCalledWith("PromoGuard: config ignored: version unsupported config version 7: this function understands version 1");
  });

  it("gives no discount when the metafield is missing", () => {
    expectNoDiscount(runInput({}));
    expect(console.error).not.toHaveBeenCalled();
  });

  const valid = () => runInput({ config: campaign({ effects: [{ type: "percentage", percentage: 10 }, { type: "freeShipping" }] }) });
  it.each([
    ["null input", () => null],
    ["an empty object", () => ({})],
    ["no cart", () => ({ ...valid(), cart: null })],
    ["lines that are not a list", () => ({ ...valid(), cart: { ...valid().cart, lines: "none" } })],
    ["a price that is not a number", () => ({ ...valid(), cart: { ...valid().cart, lines: [cartLine(1, { price: "free" })] } })],
    ["a zero presentment rate", () => ({ ...valid(), presentmentCurrencyRate: "0" })],
    ["merchandise without a product", () => {
      const input = valid();
      return { ...input, cart: { ...input.cart, lines: [{ ...input.cart.lines[0], merchandise: { __typename: "ProductVariant", id: "gid://shopify/ProductVariant/1" } }] } };
    }],
    ["a shop date that is not a date", () => ({ ...valid(), shop: { ...valid().shop, localTime: { ...valid().shop.localTime, date: "soon" } } })],
  ])("gives no discount for unexpected input: %s", (_case, makeInput) => {
    expectNoDiscount(makeInput());
    expect(console.error).toHaveBeenCalledTimes(TARGET_NAMES.length);
  });

  it("stays valid under random damage to every fixture's input", () => {
    let seed = 20261127;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const damages: ((value: unknown) => unknown)[] = [() => undefined, () => null, () => "x", () => -1, () => [], () => ({})];

    for (const fixture of loadFixtures()) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const input = structuredClone(fixture.input) as unknown;
        damageOnePlace(input, random, damages[Math.floor(random() * damages.length)]);
        for (const target of TARGET_NAMES) {
          const output = runInNode(target, input);
          expect(outputProblems(target, output), `${fixture.name} attempt ${attempt}`).toEqual([]);
        }
      }
    }
  });
});

/** Walks to a random node of the JSON tree and replaces it. */
function damageOnePlace(root: unknown, random: () => number, damage: (value: unknown) => unknown): void {
  let node = root as Record<string, unknown>;
  for (;;) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[Math.floor(random() * keys.length)];
    const child = node[key];
    if (child !== null && typeof child === "object" && random() < 0.75) {
      node = child as Record<string, unknown>;
      continue;
    }
    node[key] = damage(child);
    return;
  }
}
