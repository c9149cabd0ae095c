// Builds a function's input the way Shopify does: by executing the target's input query against
// the Discount Function API schema, with the discount's variables metafield as $variables.
import { executeSync, type DocumentNode } from "graphql";
import { listVariableProblems } from "./query-limits";
import type { FunctionTargetConfig, ShopifyFunctionConfig } from "./function-extension";
import { inputFieldResolver, inputTypeResolver, type InputContext } from "./input-resolvers";
import { loadDiscountFunctionSchema } from "./schema";
import type { ActiveDiscount } from "./types";

/**
 * Shopify's input variables: the metafield the toml names in [extensions.input.variables] holds a
 * JSON object whose top-level keys are the query's variables. A variable the metafield leaves
 * out is null, as Shopify documents (so a required one fails the run instead of taking a default).
 */
export function inputVariables(fn: ShopifyFunctionConfig, discount: Pick<ActiveDiscount, "id" | "metafields">): Record<string, unknown> {
  const declared = new Set([...fn.targets.values()].flatMap((target) => declaredVariables(target.inputQuery)));
  const nulls = Object.fromEntries([...declared].map((name) => [name, null]));
  if (!fn.inputVariables) return nulls;
  const { namespace, key } = fn.inputVariables;
  const metafield = discount.metafields.find((candidate) => candidate.namespace === namespace && candidate.key === key);
  if (!metafield) return nulls;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metafield.value);
  } catch (error) {
    throw new Error(`Discount ${discount.id}: metafield ${namespace}.${key} is not JSON, so it cannot feed input variables (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Discount ${discount.id}: metafield ${namespace}.${key} must hold a JSON object to feed input variables`);
  }
  const problems = listVariableProblems(parsed as Record<string, unknown>);
  if (problems.length > 0) throw new Error(`Discount ${discount.id}: ${problems.join("; ")}`);
  return { ...nulls, ...(parsed as Record<string, unknown>) };
}

function declaredVariables(document: DocumentNode): string[] {
  return document.definitions.flatMap((definition) =>
    definition.kind === "OperationDefinition" ? (definition.variableDefinitions ?? []).map((variable) => variable.variable.name.value) : [],
  );
}

export function buildFunctionInput(target: FunctionTargetConfig, context: InputContext, variableValues: Record<string, unknown>): Record<string, unknown> {
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
