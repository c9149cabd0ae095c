// Loads a Discount Function the way the Shopify CLI sees it: from its extension folder, reading
// shopify.extension.toml (targets, input queries, exports, input variables), validating every input
// query against the Discount Function API schema, and bundling src/index for QuickJS once.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse as parseGraphQL, validate, type DocumentNode } from "graphql";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { bundleFunction, type FunctionBundle } from "../../../extensions/promo-discount/tools/quickjs-runner";
import { inputQueryProblems } from "./query-limits";
import { FUNCTION_API_VERSION, loadDiscountFunctionSchema } from "./schema";
import type { FunctionTarget } from "./types";

const RUN_TARGETS: readonly FunctionTarget[] = ["cart.lines.discounts.generate.run", "cart.delivery-options.discounts.generate.run"];

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

const tomlSchema = z.object({
  api_version: z.string(),
  extensions: z
    .array(
      z.object({
        handle: z.string(),
        type: z.literal("function"),
        targeting: z.array(z.object({ target: z.string(), input_query: z.string(), export: z.string() })).min(1),
        input: z.object({ variables: z.object({ namespace: z.string(), key: z.string() }) }).optional(),
      }),
    )
    .length(1, "the emulator loads folders holding exactly one function extension"),
});

/** Reads, validates and bundles the function extension in `directory` (e.g. extensions/promo-discount). */
export async function loadShopifyFunction(directory: string): Promise<ShopifyFunction> {
  return { ...readShopifyFunction(directory), bundle: await bundleFunction(functionEntry(directory)) };
}

/** Reads and validates the toml and input queries of the function extension in `directory`, without bundling it. */
export function readShopifyFunction(directory: string): ShopifyFunctionConfig {
  const tomlFile = path.join(directory, "shopify.extension.toml");
  if (!existsSync(tomlFile)) throw new Error(`${directory} has no shopify.extension.toml`);
  const parsed = tomlSchema.safeParse(parseToml(readFileSync(tomlFile, "utf8")));
  if (!parsed.success) {
    throw new Error(`${tomlFile} is not a function extension config: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  if (parsed.data.api_version !== FUNCTION_API_VERSION) {
    throw new Error(`${tomlFile} pins api_version ${parsed.data.api_version}; the emulator speaks the Discount Function API ${FUNCTION_API_VERSION} only`);
  }
  const [extension] = parsed.data.extensions;
  const targets = new Map<FunctionTarget, FunctionTargetConfig>();
  for (const targeting of extension.targeting) {
    const target = RUN_TARGETS.find((known) => known === targeting.target);
    if (!target) {
      throw new Error(`${tomlFile}: target "${targeting.target}" is not emulated (only ${RUN_TARGETS.join(", ")}; fetch targets need network access)`);
    }
    const inputQueryFile = path.join(directory, targeting.input_query);
    targets.set(target, {
      target,
      exportName: kebabToCamel(targeting.export),
      inputQueryFile,
      inputQuery: readInputQuery(inputQueryFile),
    });
  }
  return { handle: extension.handle, directory, targets, inputVariables: extension.input?.variables ?? null };
}

function kebabToCamel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** JavaScript functions are built from src/index.{ts,js}, as the Shopify CLI does. */
function functionEntry(directory: string): string {
  const entry = ["src/index.ts", "src/index.js"].map((file) => path.join(directory, file)).find((file) => existsSync(file));
  if (!entry) throw new Error(`${directory} has neither src/index.ts nor src/index.js to bundle`);
  return entry;
}

function readInputQuery(file: string): DocumentNode {
  if (!existsSync(file)) throw new Error(`Input query ${file} does not exist`);
  const text = readFileSync(file, "utf8");
  const document = parseGraphQL(text);
  const errors = validate(loadDiscountFunctionSchema(), document);
  if (errors.length > 0) {
    throw new Error(`Input query ${file} is invalid against the Discount Function API ${FUNCTION_API_VERSION}:\n${errors.map((error) => `  ${error.message}`).join("\n")}`);
  }
  const limits = inputQueryProblems(loadDiscountFunctionSchema(), text);
  if (limits.length > 0) throw new Error(`Input query ${file} ${limits.join(" and ")}, so Shopify would refuse to deploy it`);
  const operations = document.definitions.filter((definition) => definition.kind === "OperationDefinition");
  if (operations.length !== 1 || operations[0].operation !== "query") {
    throw new Error(`Input query ${file} must hold exactly one query operation`);
  }
  return document;
}

/**
 * Every function extension of an app's extensions folder, by handle: what `shopify app deploy`
 * releases. Checkout looks a discount's function up by the handle the discount was created with.
 */
export async function loadShopifyFunctions(extensionsDirectory: string): Promise<ReadonlyMap<string, ShopifyFunction>> {
  const functions = new Map<string, ShopifyFunction>();
  for (const entry of readdirSync(extensionsDirectory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const toml = path.join(extensionsDirectory, entry.name, "shopify.extension.toml");
    if (!entry.isDirectory() || !existsSync(toml) || !/^\s*type\s*=\s*"function"/m.test(readFileSync(toml, "utf8"))) continue;
    const fn = await loadShopifyFunction(path.join(extensionsDirectory, entry.name));
    functions.set(fn.handle, fn);
  }
  return functions;
}
