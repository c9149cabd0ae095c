// Every JSON fixture is a realistic cart checked end to end in Node: its input is what its
// extension's query returns with the compiled variables, its expected output is a valid result
// for the target, its config compiles to exactly the rules (or catalogue) the input carries, and
// the function produces exactly the expected output. The QuickJS test runs the same fixtures bundled.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { CampaignInput } from "../src/checkout/input";
import { CART_CONDITIONS, CONDITIONS, EFFECTS, campaignReasons, compileCampaign, compileCatalogue, isConfigured, validateCatalogue } from "../src/config";
import type { CampaignConfig, StackingCatalogue } from "../src/config";
import { inputProblems, outputProblems, variableProblems } from "./support/function-schema";
import { FIXTURE_DIR, fixtureVariables, isCampaignFixture, isGuardFixture, isNoDiscount, isSafetyFixture, loadFixtures, runFixture } from "./support/fixtures";
import type { Fixture } from "./support/fixtures";
import { fixtureText, generatedFixtures } from "./support/generated-fixtures";

const fixtures = loadFixtures();
/** Their start and end are the Shopify discount's active dates: they compile to no check (see conditions.test.ts). */
const SHOPIFY_ENFORCED = ["startsAt", "endsAt"];
/** Checked by the guard from its catalogue (only an automatic discount can turn a code away). */
const GUARD_ENFORCED = ["maxUsesPerCustomer"];
const NOT_CAMPAIGN_CHECKED = [...SHOPIFY_ENFORCED, ...GUARD_ENFORCED];

const rulesOf = (fixture: Fixture) => (fixture.input as unknown as CampaignInput).d.r?.j;
const catalogueOf = (fixture: Fixture) => (fixture.input as { s: { c: { j: unknown } | null } }).s.c?.j;

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("fixture %s", (_name, fixture) => {
  it("has an input that matches its extension's query with the compiled variables", () => {
    expect(inputProblems(fixture.function, fixture.target, fixture.input, fixtureVariables(fixture))).toEqual([]);
  });

  it("expects an output that is a valid result for the target", () => {
    expect(outputProblems(fixture.target, fixture.expectedOutput)).toEqual([]);
  });

  it("carries what publishing compiles from its config", () => {
    if (isGuardFixture(fixture)) {
      expect(validateCatalogue(fixture.config).ok).toBe(true);
      expect(catalogueOf(fixture)).toEqual(compileCatalogue(fixture.config as StackingCatalogue));
      return;
    }
    const result = compileCampaign(fixture.config);
    if (isSafetyFixture(fixture)) {
      // A damaged value: nothing PromoGuard would publish.
      expect(result.ok).toBe(false);
      return;
    }
    expect(result.ok && result.value.functionHandle).toBe(fixture.function);
    expect(result.ok && result.value.rules).toEqual(rulesOf(fixture));
    expect(variableProblems(fixture.function, fixture.target, fixtureVariables(fixture))).toEqual([]);
  });

  it("produces exactly the expected output in Node, logging one line only for damaged rules", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(runFixture(fixture)).toEqual(fixture.expectedOutput);
    expect(error).toHaveBeenCalledTimes(isSafetyFixture(fixture) && rulesOf(fixture) != null ? 1 : 0);
    error.mockRestore();
  });
});

describe("generated fixtures", () => {
  it.each(generatedFixtures().map((fixture) => [fixture.name, fixture] as const))(
    "%s is committed exactly as support/generated-fixtures.ts builds it",
    (name, fixture) => {
      expect(readFileSync(join(FIXTURE_DIR, `${name}.json`), "utf8")).toBe(fixtureText(fixture));
    },
  );
});

describe("fixture coverage", () => {
  const campaigns = fixtures.filter(isCampaignFixture);
  const configOf = (fixture: Fixture) => fixture.config as CampaignConfig;
  const discounting = campaigns.filter((fixture) => !isNoDiscount(fixture.expectedOutput));
  const refused = campaigns.filter((fixture) => isNoDiscount(fixture.expectedOutput));

  it("applies every condition in a fixture that gives a discount, except the ones Shopify's active dates enforce", () => {
    const applied = (name: string) =>
      discounting.some((fixture) => CONDITIONS.some((condition) => condition.name === name && isConfigured(condition, configOf(fixture))));
    expect(CONDITIONS.map((condition) => condition.name).filter((name) => !NOT_CAMPAIGN_CHECKED.includes(name) && !applied(name))).toEqual([]);
  });

  it("shows every cart condition the function checks refusing a cart in at least one fixture", () => {
    const refusedBy = new Set(
      refused.flatMap((fixture) => campaignReasons(configOf(fixture), fixture.input as unknown as CampaignInput).map((reason) => reason.source)),
    );
    expect(CART_CONDITIONS.map((condition) => condition.name).filter((name) => !NOT_CAMPAIGN_CHECKED.includes(name) && !refusedBy.has(name))).toEqual([]);
    expect(refusedBy.has("blocked")).toBe(true);
  });

  it("gives a discount with every effect", () => {
    const types = new Set(discounting.flatMap((fixture) => configOf(fixture).effects.map((effect) => effect.type)));
    expect(EFFECTS.map((effect) => effect.type).filter((type) => !types.has(type))).toEqual([]);
  });

  it("covers each kind of stacking refusal, all made by the guard", () => {
    const messages = (list: Fixture[]) => list.flatMap((fixture) => JSON.stringify(fixture.expectedOutput).match(/"message":"[^"]*"/g) ?? []).join("\n");
    const guard = messages(fixtures.filter(isGuardFixture));
    expect(guard).toMatch(/can't be combined with/);
    expect(guard).toMatch(/is for first orders/);
    expect(guard).toMatch(/only 2 discount codes can be used on one order/);
    expect(guard).toMatch(/can't be used on this order/);
    expect(guard).toMatch(/You've already used \S+ \d+ times: it can be used \d+ times per customer/);
    expect(guard).toMatch(/needs 200\.00 USD of eligible items/);
    // Campaign runs no longer read the stacking catalogue (the guard alone rejects), so none of
    // them rejects a code: the code that lost to WELCOME10 still gets its own discount.
    expect(JSON.stringify(campaigns.map((fixture) => fixture.expectedOutput))).not.toContain("enteredDiscountCodesReject");
    expect(discounting.some((fixture) => fixture.name === "campaign-wins-stacking")).toBe(true);
  });
});
