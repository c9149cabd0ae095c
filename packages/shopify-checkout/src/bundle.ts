// Bundles a Function's JavaScript the way the Shopify CLI does: esbuild, ESM to an IIFE, each
// export wired to ShopifyFunction.readInput()/writeOutput(). Build-time only (esbuild is a
// development dependency): the app's production build ships the bundles prebuilt (./prebuilt.ts).
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { FUNCTION_EXPORTS_GLOBAL, type FunctionBundle } from "./quickjs";

/** Bundles a function entry file the way Shopify's CLI does (esbuild, ESM->IIFE, exports wired to ShopifyFunction.readInput()/writeOutput()). */
export async function bundleFunction(entryFile: string): Promise<FunctionBundle> {
  const entry = resolve(entryFile);
  const exports = await listExports(entry);
  if (exports.length === 0) throw new Error(`${entry} exports nothing: a function needs one export per target`);

  const wrapper = [
    `import * as userFunction from ${JSON.stringify(entry)};`,
    "function runWithShopifyIO(run) {",
    "  const input = ShopifyFunction.readInput();",
    "  ShopifyFunction.writeOutput(run(input));",
    "}",
    ...exports.map((name) => `export function ${name}() { runWithShopifyIO(userFunction.${name}); }`),
  ].join("\n");

  const result = await build({
    stdin: { contents: wrapper, resolveDir: dirname(entry), sourcefile: "shopify-function-entry.js", loader: "js" },
    bundle: true,
    write: false,
    format: "iife",
    globalName: FUNCTION_EXPORTS_GLOBAL,
    target: "es2022",
    platform: "neutral",
    legalComments: "none",
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return { code, bytes: Buffer.byteLength(code, "utf8"), exports };
}

async function listExports(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    metafile: true,
    logLevel: "silent",
    outdir: "/virtual-out",
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
}
