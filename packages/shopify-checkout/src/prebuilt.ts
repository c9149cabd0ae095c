// Functions as a production build ships them: `writePrebuiltFunctions` (./source.ts, run by
// `npm run build`) leaves a manifest of every function extension — its targets, input queries and
// bundle — and the Discount Function API schema in one folder; a server reads them back here and
// needs neither esbuild nor the extension sources.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { shopifyFunction, type FunctionParts, type ShopifyFunction } from "./function-extension";
import type { FunctionBundle } from "./quickjs";
import { FUNCTION_API_VERSION, setDiscountFunctionSchemaFile } from "./schema";

export const PREBUILT_MANIFEST = "functions.json";
export const PREBUILT_SCHEMA = "discount-function-schema.json.gz";

export interface PrebuiltManifest {
  apiVersion: string;
  functions: (FunctionParts & { bundle: FunctionBundle })[];
}

/** The functions `writePrebuiltFunctions` left in `directory`, by handle; its schema becomes the one checkout uses. */
export function readPrebuiltFunctions(directory: string): ReadonlyMap<string, ShopifyFunction> {
  const manifestFile = path.join(directory, PREBUILT_MANIFEST);
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} does not exist: \`npm run build\` writes the functions' bundles there`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as PrebuiltManifest;
  if (manifest.apiVersion !== FUNCTION_API_VERSION) {
    throw new Error(`${manifestFile} was built for the Discount Function API ${manifest.apiVersion}, not ${FUNCTION_API_VERSION}: run \`npm run build\` again`);
  }
  setDiscountFunctionSchemaFile(path.join(directory, PREBUILT_SCHEMA));
  return new Map(manifest.functions.map(({ bundle, ...parts }) => [parts.handle, shopifyFunction(parts, bundle)]));
}
