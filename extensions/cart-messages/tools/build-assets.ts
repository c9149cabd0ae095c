// Theme app extensions ship their assets as they are (Shopify CLI uploads them, no build step),
// so assets/spend-more.js is committed; this builds it from src/ and a test keeps the two equal.
// `npm run build -w cart-messages` rewrites it and prints its size.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const THEME_EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SPEND_MORE_ASSET = path.join(THEME_EXTENSION_DIR, "assets", "spend-more.js");

export async function buildSpendMoreAsset(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(THEME_EXTENSION_DIR, "src", "spend-more.ts")],
    bundle: true,
    write: false,
    format: "iife",
    minify: true,
    target: "es2020",
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await buildSpendMoreAsset();
  writeFileSync(SPEND_MORE_ASSET, code);
  console.info(`assets/spend-more.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB`);
}
