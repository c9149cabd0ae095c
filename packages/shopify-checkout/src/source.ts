// Functions read from their extension folders, the way the Shopify CLI sees them: the toml
// (targets, input queries, exports, input variables), the query files, and src/index bundled
// with esbuild. Development and build time only (esbuild and the toml reader are development
// dependencies); `writePrebuiltFunctions` leaves what a production server needs in a folder.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { bundleFunction } from "./bundle";
import { functionConfig, shopifyFunction, type FunctionParts, type ShopifyFunction, type ShopifyFunctionConfig } from "./function-extension";
import { PREBUILT_MANIFEST, PREBUILT_SCHEMA, type PrebuiltManifest } from "./prebuilt";
import { discountFunctionSchemaFile, FUNCTION_API_VERSION } from "./schema";

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

function kebabToCamel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The toml and input queries of the function extension in `directory`, as plain data. */
export function readFunctionParts(directory: string): FunctionParts {
  const tomlFile = path.join(directory, "shopify.extension.toml");
  if (!existsSync(tomlFile)) throw new Error(`${directory} has no shopify.extension.toml`);
  const parsed = tomlSchema.safeParse(parseToml(readFileSync(tomlFile, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `${tomlFile} is not a function extension config: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  if (parsed.data.api_version !== FUNCTION_API_VERSION) {
    throw new Error(`${tomlFile} pins api_version ${parsed.data.api_version}; the emulator speaks the Discount Function API ${FUNCTION_API_VERSION} only`);
  }
  const [extension] = parsed.data.extensions;
  return {
    handle: extension.handle,
    directory,
    targets: extension.targeting.map((targeting) => {
      const inputQueryFile = path.join(directory, targeting.input_query);
      if (!existsSync(inputQueryFile)) throw new Error(`Input query ${inputQueryFile} does not exist`);
      return { target: targeting.target, exportName: kebabToCamel(targeting.export), inputQueryFile, inputQuery: readFileSync(inputQueryFile, "utf8") };
    }),
    inputVariables: extension.input?.variables ?? null,
  };
}

/** Reads and validates the toml and input queries of the function extension in `directory`, without bundling it. */
export function readShopifyFunction(directory: string): ShopifyFunctionConfig {
  return functionConfig(readFunctionParts(directory));
}

/** JavaScript functions are built from src/index.{ts,js}, as the Shopify CLI does. */
function functionEntry(directory: string): string {
  const entry = ["src/index.ts", "src/index.js"].map((file) => path.join(directory, file)).find((file) => existsSync(file));
  if (!entry) throw new Error(`${directory} has neither src/index.ts nor src/index.js to bundle`);
  return entry;
}

/** Reads, validates and bundles the function extension in `directory` (e.g. extensions/promo-discount). */
export async function loadShopifyFunction(directory: string): Promise<ShopifyFunction> {
  return shopifyFunction(readFunctionParts(directory), await bundleFunction(functionEntry(directory)));
}

/** The folders of an app's extensions folder that hold a function extension, in name order. */
function functionDirectories(extensionsDirectory: string): string[] {
  return readdirSync(extensionsDirectory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .filter((entry) => {
      const toml = path.join(extensionsDirectory, entry.name, "shopify.extension.toml");
      return entry.isDirectory() && existsSync(toml) && /^\s*type\s*=\s*"function"/m.test(readFileSync(toml, "utf8"));
    })
    .map((entry) => path.join(extensionsDirectory, entry.name));
}

/**
 * Every function extension of an app's extensions folder, by handle: what `shopify app deploy`
 * releases. Checkout looks a discount's function up by the handle the discount was created with.
 */
export async function loadShopifyFunctions(extensionsDirectory: string): Promise<ReadonlyMap<string, ShopifyFunction>> {
  const functions = new Map<string, ShopifyFunction>();
  for (const directory of functionDirectories(extensionsDirectory)) {
    const fn = await loadShopifyFunction(directory);
    functions.set(fn.handle, fn);
  }
  return functions;
}

/**
 * Bundles every function extension of `extensionsDirectory` into `outDirectory` with the
 * Discount Function API schema, so a server can run them without esbuild or the sources
 * (`readPrebuiltFunctions`). Returns the manifest written.
 */
export async function writePrebuiltFunctions(extensionsDirectory: string, outDirectory: string): Promise<PrebuiltManifest> {
  const manifest: PrebuiltManifest = { apiVersion: FUNCTION_API_VERSION, functions: [] };
  for (const directory of functionDirectories(extensionsDirectory)) {
    const parts = readFunctionParts(directory);
    const bundle = await bundleFunction(functionEntry(directory));
    shopifyFunction(parts, bundle); // refuses what checkout could not run
    const relative = (file: string) => path.relative(extensionsDirectory, file);
    manifest.functions.push({
      ...parts,
      directory: relative(parts.directory),
      targets: parts.targets.map((target) => ({ ...target, inputQueryFile: relative(target.inputQueryFile) })),
      bundle,
    });
  }
  mkdirSync(outDirectory, { recursive: true });
  copyFileSync(discountFunctionSchemaFile(), path.join(outDirectory, PREBUILT_SCHEMA));
  writeFileSync(path.join(outDirectory, PREBUILT_MANIFEST), JSON.stringify(manifest));
  return manifest;
}
