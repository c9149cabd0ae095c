// Every JSON fixture is a realistic cart checked end to end in Node: its input matches the
// target's input query, its expected output is a valid result for the target, the campaign
// config is valid and its variables fit the query, and the function produces exactly the
// expected output. The QuickJS runtime test runs the same fixtures bundled.
import { describe, expect, it } from "vitest";
import { CART_CONDITIONS, CONDITIONS, isConfigured } from "../src/config/conditions";
import type { CampaignConfig, ConditionArgs } from "../src/config/types";
import { evaluateCampaign } from "../src/engine/campaign";
import { EFFECTS } from "../src/config/effects";
import { validateCatalogue } from "../src/config/catalogue";
import { validateForPublishing } from "../src/config/validate";
import { inputProblems, outputProblems, variableProblems } from "./support/function-schema";
import { loadFixtures, runInNode } from "./support/fixtures";
import type { Fixture } from "./support/fixtures";

const fixtures = loadFixtures();

function configOf(fixture: Fixture): Record<string, unknown> | null {
  const value = fixture.input.discount.config?.jsonValue;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function isCampaign(config: Record<string, unknown> | null): config is Record<string, unknown> {
  return config !== null && config.version === 1 && config.kind !== "guard" && validateForPublishing(config).ok;
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("fixture %s", (_name, fixture) => {
  it("has an input that matches the target's input query and schema", () => {
    expect(inputProblems(fixture.target, fixture.input)).toEqual([]);
  });

  it("expects an output that is a valid result for the target", () => {
    expect(outputProblems(fixture.target, fixture.expectedOutput)).toEqual([]);
  });

  it("carries a config as the admin app publishes it, whose query variables Shopify can read", () => {
    const config = configOf(fixture);
    if (fixture.name.startsWith("safety-")) {
      expect(config === null || !validateForPublishing(config).ok).toBe(true);
      return;
    }
    const published = validateForPublishing(config);
    expect(published.ok && published.value).toEqual(config);
    expect(variableProblems(fixture.target, config ?? {})).toEqual([]);
    const catalogue = fixture.input.shop.stackingCatalogue?.jsonValue;
    if (catalogue !== undefined) expect(validateCatalogue(catalogue).ok).toBe(true);
  });

  it("produces exactly the expected output in Node", () => {
    expect(runInNode(fixture.target, fixture.input)).toEqual(fixture.expectedOutput);
  });
});

describe("fixture coverage", () => {
  const campaignFixtures = fixtures.filter((fixture) => isCampaign(configOf(fixture)));
  const discounting = campaignFixtures.filter((fixture) => JSON.stringify(fixture.expectedOutput) !== '{"operations":[]}');
  const refused = campaignFixtures.filter((fixture) => JSON.stringify(fixture.expectedOutput) === '{"operations":[]}');
  it("applies every condition in a fixture that gives a discount", () => {
    const applied = (name: string) => discounting.some((fixture) =>
      CONDITIONS.some((condition) => condition.name === name && isConfigured(condition, configOf(fixture) as ConditionArgs)));
    expect(CONDITIONS.map((condition) => condition.name).filter((name) => !applied(name))).toEqual([]);
  });

  it("shows every cart condition refusing a cart in at least one fixture", () => {
    const refusedBy = new Set(refused.flatMap((fixture) => {
      const config = configOf(fixture) as unknown as CampaignConfig;
      return evaluateCampaign(config, fixture.input, ["PRODUCT", "ORDER", "SHIPPING"]).reasons.map((reason) => reason.source);
    }));
    expect(CART_CONDITIONS.map((condition) => condition.name).filter((name) => !refusedBy.has(name))).toEqual([]);
  });

  it("gives a discount with every effect", () => {
    const types = new Set(discounting.flatMap((fixture) => (configOf(fixture)?.effects as { type: string }[]).map((effect) => effect.type)));
    expect(EFFECTS.map((effect) => effect.type).filter((type) => !types.has(type))).toEqual([]);
  });

  it("covers each kind of stacking refusal", () => {
    const messages = fixtures.flatMap((fixture) => JSON.stringify(fixture.expectedOutput).match(/"message":"[^"]*"/g) ?? []).join("\n");
    expect(messages).toMatch(/can't be combined with/);
    expect(messages).toMatch(/is for first orders/);
    expect(messages).toMatch(/only 2 discount codes can be used on one order/);
    expect(messages).toMatch(/can't be used on this order/);
    expect(messages).toMatch(/needs 200\.00 USD of eligible items/);
    expect(fixtures.some((fixture) => fixture.name === "campaign-loses-stacking")).toBe(true);
  });
});
