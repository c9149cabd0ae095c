// Builds a function's input the way Shopify does: by executing the target's input query against
// the Discount Function API schema, with the discount's variables metafield as $variables.
import { executeSync } from "graphql";
import type { FunctionTargetConfig, ShopifyFunction } from "./function-extension";
import { inputFieldResolver, inputTypeResolver, type InputContext } from "./input-resolvers";
import { loadDiscountFunctionSchema } from "./schema";
import type { ActiveDiscount } from "./types";

/**
 * Shopify's input variables: the metafield the toml names in [extensions.input.variables] holds a
 * JSON object whose top-level keys are the query's variables.
 */
export function inputVariables(fn: ShopifyFunction, discount: ActiveDiscount): Record<string, unknown> {
  if (!fn.inputVariables) return {};
  const { namespace, key } = fn.inputVariables;
  const metafield = discount.metafields.find((candidate) => candidate.namespace === namespace && candidate.key === key);
  if (!metafield) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(metafield.value);
  } catch (error) {
    throw new Error(`Discount ${discount.id}: metafield ${namespace}.${key} is not JSON, so it cannot feed input variables (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Discount ${discount.id}: metafield ${namespace}.${key} must hold a JSON object to feed input variables`);
  }
  return parsed as Record<string, unknown>;
}

export function buildFunctionInput(
  target: FunctionTargetConfig,
  context: InputContext,
  variableValues: Record<string, unknown>,
): Record<string, unknown> {
  const result = executeSync({
    schema: loadDiscountFunctionSchema(),
    document: target.inputQuery,
    contextValue: context,
    variableValues,
    fieldResolver: inputFieldResolver,
    typeResolver: inputTypeResolver,
  });
  if (result.errors?.length) {
    const details = result.errors.map((error) => `  ${error.message}${error.path ? ` (at ${error.path.join(".")})` : ""}`).join("\n");
    throw new Error(`Building the input of ${target.target} for discount ${context.discount.id} from ${target.inputQueryFile} failed:\n${details}`);
  }
  if (!result.data) throw new Error(`Input query ${target.inputQueryFile} returned no data`);
  // Round-trip through JSON: the function receives JSON, and graphql-js builds null-prototype objects.
  return JSON.parse(JSON.stringify(result.data)) as Record<string, unknown>;
}
