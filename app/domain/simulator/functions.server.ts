// The app's function extensions as checkout runs them, for the cart simulator: in production the
// bundles `npm run build` left in build/functions (no esbuild, no extension sources needed); in
// development and tests, bundled from extensions/ on first use, so a change to a function is what
// the simulator runs. Either way they are loaded once per process.
import path from "node:path";
import { TypeInfo, visit, visitWithTypeInfo, type ValueNode } from "graphql";
import { loadDiscountFunctionSchema, readPrebuiltFunctions, type ShopifyFunction } from "shopify-checkout";
import { APP_NAMESPACE, SIMULATOR_METAFIELDS } from "~/shopify/cart-data.server";

export type FunctionRegistry = ReadonlyMap<string, ShopifyFunction>;

/** Where `npm run build` writes the functions (scripts/build-functions.ts). */
export const PREBUILT_FUNCTIONS_DIRECTORY = path.resolve("build", "functions");
const EXTENSIONS_DIRECTORY = path.resolve("extensions");

let registry: Promise<FunctionRegistry> | undefined;

async function load(): Promise<FunctionRegistry> {
  if (process.env.NODE_ENV === "production") return readPrebuiltFunctions(PREBUILT_FUNCTIONS_DIRECTORY);
  // Development only: esbuild and the toml reader are development dependencies.
  const { loadShopifyFunctions } = await import("shopify-checkout/source");
  return loadShopifyFunctions(EXTENSIONS_DIRECTORY);
}

/** The app's function extensions by handle, checked to read only what the simulator reads from the store. */
export function appFunctions(): Promise<FunctionRegistry> {
  registry ??= load().then((functions) => {
    for (const fn of functions.values()) checkMetafieldReads(fn);
    return functions;
  });
  return registry;
}

const literal = (value: ValueNode | undefined) => (value?.kind === "StringValue" ? value.value : null);

/**
 * The simulator builds each input from the store's data, so every app metafield an input query
 * reads must be one it fetches (SIMULATOR_METAFIELDS); a query reading another would see it
 * missing, silently. Such a function fails here, loudly, at the first simulation.
 */
export function checkMetafieldReads(fn: ShopifyFunction): void {
  const schema = loadDiscountFunctionSchema();
  const reads: { owner: string; namespace: string | null; key: string | null }[] = [];
  if (fn.inputVariables) reads.push({ owner: "Discount", ...fn.inputVariables });
  for (const { inputQuery } of fn.targets.values()) {
    const typeInfo = new TypeInfo(schema);
    visit(
      inputQuery,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value !== "metafield") return;
          const argument = (name: string) => literal(node.arguments?.find((candidate) => candidate.name.value === name)?.value);
          reads.push({ owner: typeInfo.getParentType()?.name ?? "?", namespace: argument("namespace") ?? "$app", key: argument("key") });
        },
      }),
    );
  }
  for (const { owner, namespace, key } of reads) {
    if (namespace === APP_NAMESPACE && key !== null && SIMULATOR_METAFIELDS[owner]?.includes(key)) continue;
    throw new Error(
      `Function ${fn.handle} reads the ${owner} metafield ${namespace ?? "(a variable)"}.${key ?? "(a variable)"}, which the cart simulator does not read from the store: add it to app/shopify/cart-data.server.ts`,
    );
  }
}
