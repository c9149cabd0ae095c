// The JSON fixtures: hand-checked carts, each run through the entry of the extension it names.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun } from "../../src/index";
import { cartLinesDiscountsGenerateRun as guardRun } from "../../../promo-guard/src/index";
import type { CampaignInput, GuardInput } from "../../src/checkout/input";
import { compileCampaign } from "../../src/config";
import { GUARD_HANDLE, LINES_TARGET } from "../../src/config/profiles";
import { EXTENSION_ROOT } from "./function-schema";
import type { FunctionTarget, Variables } from "./function-schema";
import { campaign, compiled } from "./inputs";

export interface Fixture {
  name: string;
  description: string;
  target: FunctionTarget;
  /** The extension whose function runs: its handle and folder. */
  function: string;
  /** The readable campaign config or (guard) catalogue; for safety-* the damaged raw value. */
  config: unknown;
  input: Record<string, unknown>;
  expectedOutput: unknown;
}

export const FIXTURE_DIR = join(EXTENSION_ROOT, "tests", "fixtures");

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ""), ...(JSON.parse(readFileSync(join(FIXTURE_DIR, file), "utf8")) as Omit<Fixture, "name">) }));
}

export const isGuardFixture = (fixture: Fixture) => fixture.function === GUARD_HANDLE;
export const isSafetyFixture = (fixture: Fixture) => fixture.name.startsWith("safety-");
export const isCampaignFixture = (fixture: Fixture) => !isGuardFixture(fixture) && !isSafetyFixture(fixture);

/** A discount whose rules are damaged still has its input metafield; these are the variables of
 * a campaign that reads no optional line field. */
const NO_OPTIONAL_FIELDS = compiled(campaign()).variables;

/** The variables Shopify executed the fixture's query with: the compiled campaign's input metafield. */
export function fixtureVariables(fixture: Fixture): Variables {
  if (isGuardFixture(fixture)) return {};
  if (isSafetyFixture(fixture)) return NO_OPTIONAL_FIELDS;
  const result = compileCampaign(fixture.config);
  if (!result.ok) throw new Error(`fixture ${fixture.name}: its config does not compile`);
  return result.value.variables;
}

/** The function as Shopify calls it, in Node: the guard's own entry, or the campaign entry every
 * campaign extension re-exports. */
export function runInNode(handle: string, target: FunctionTarget, input: unknown): unknown {
  if (handle === GUARD_HANDLE) {
    if (target !== LINES_TARGET) throw new Error(`${GUARD_HANDLE} has no ${target} target`);
    return guardRun(input as GuardInput);
  }
  return target === LINES_TARGET ? cartLinesDiscountsGenerateRun(input as CampaignInput) : cartDeliveryOptionsDiscountsGenerateRun(input as CampaignInput);
}

export function runFixture(fixture: Fixture, input: unknown = fixture.input): unknown {
  return runInNode(fixture.function, fixture.target, input);
}

export const NO_DISCOUNT = { operations: [] } as const;
export const isNoDiscount = (output: unknown) => JSON.stringify(output) === JSON.stringify(NO_DISCOUNT);
