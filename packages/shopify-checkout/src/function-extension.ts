// A Discount Function as checkout runs it: its targets with their input queries (validated against
// the Discount Function API schema and Shopify's query limits), the metafield that feeds the
// queries' variables, and its bundle. Where the parts come from — an extension folder (./source.ts)
// or a production build's prebuilt bundles (./prebuilt.ts) — is the caller's choice.
import { parse as parseGraphQL, validate, type DocumentNode } from "graphql";
import type { FunctionBundle } from "./quickjs";
import { inputQueryProblems } from "./query-limits";
import { FUNCTION_API_VERSION, loadDiscountFunctionSchema } from "./schema";
import type { FunctionTarget } from "./types";

export const RUN_TARGETS: readonly FunctionTarget[] = ["cart.lines.discounts.generate.run", "cart.delivery-options.discounts.generate.run"];

export interface FunctionTargetConfig {
  target: FunctionTarget;
  /** The bundle's export name: the toml's kebab-case export in camelCase, as the CLI maps it. */
  exportName: string;
  inputQueryFile: string;
  inputQuery: DocumentNode;
}

/** What the toml and the input queries say about a function: enough to build its input. */
export interface ShopifyFunctionConfig {
  handle: string;
  directory: string;
  targets: ReadonlyMap<FunctionTarget, FunctionTargetConfig>;
  /** The discount metafield whose JSON value becomes the input queries' variables, if the toml names one. */
  inputVariables: { namespace: string; key: string } | null;
}

export interface ShopifyFunction extends ShopifyFunctionConfig {
  bundle: FunctionBundle;
}

/** A function's parts as plain data: what a toml and its query files hold, or what a build wrote. */
export interface FunctionParts {
  handle: string;
  directory: string;
  targets: { target: string; exportName: string; inputQueryFile: string; inputQuery: string }[];
  inputVariables: { namespace: string; key: string } | null;
}

/** Checks a function's parts: only the run targets, each input query valid and within Shopify's limits. */
export function functionConfig(parts: FunctionParts): ShopifyFunctionConfig {
  const targets = new Map<FunctionTarget, FunctionTargetConfig>();
  for (const targeting of parts.targets) {
    const target = RUN_TARGETS.find((known) => known === targeting.target);
    if (!target) {
      throw new Error(`${parts.directory}: target "${targeting.target}" is not emulated (only ${RUN_TARGETS.join(", ")}; fetch targets need network access)`);
    }
    targets.set(target, {
      target,
      exportName: targeting.exportName,
      inputQueryFile: targeting.inputQueryFile,
      inputQuery: checkedInputQuery(targeting.inputQueryFile, targeting.inputQuery),
    });
  }
  return { handle: parts.handle, directory: parts.directory, targets, inputVariables: parts.inputVariables };
}

function checkedInputQuery(file: string, text: string): DocumentNode {
  const document = parseGraphQL(text);
  const errors = validate(loadDiscountFunctionSchema(), document);
  if (errors.length > 0) {
    throw new Error(
      `Input query ${file} is invalid against the Discount Function API ${FUNCTION_API_VERSION}:\n${errors.map((error) => `  ${error.message}`).join("\n")}`,
    );
  }
  const limits = inputQueryProblems(loadDiscountFunctionSchema(), text);
  if (limits.length > 0) throw new Error(`Input query ${file} ${limits.join(" and ")}, so Shopify would refuse to deploy it`);
  const operations = document.definitions.filter((definition) => definition.kind === "OperationDefinition");
  if (operations.length !== 1 || operations[0].operation !== "query") {
    throw new Error(`Input query ${file} must hold exactly one query operation`);
  }
  return document;
}

/** A function's parts with the bundle that runs them. */
export function shopifyFunction(parts: FunctionParts, bundle: FunctionBundle): ShopifyFunction {
  const config = functionConfig(parts);
  for (const { exportName, target } of config.targets.values()) {
    if (!bundle.exports.includes(exportName))
      throw new Error(`${parts.handle}: the bundle has no export ${exportName} for ${target} (it exports ${bundle.exports.join(", ")})`);
  }
  return { ...config, bundle };
}
