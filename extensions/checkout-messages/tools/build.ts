// Builds the extension the way Shopify CLI does for a Preact (2025-10+) UI extension: one bundle
// whose entry imports each target's module and registers it with `shopify.extend(target, …)`,
// esbuild with the CLI's options (automatic JSX, es6 target, minified, NODE_ENV=production).
// `npm run build -w checkout-messages` writes dist/checkout-messages.js and prints its size.
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse } from "smol-toml";

export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Shopify refuses UI extension bundles above 64 KB once compiled. */
export const BUNDLE_LIMIT_BYTES = 64 * 1024;

interface ExtensionToml {
  api_version: string;
  extensions: {
    name: string;
    handle: string;
    type: string;
    targeting: { module: string; target: string; metafields?: { namespace: string; key: string }[] }[];
  }[];
}

export function readExtensionToml(directory = EXTENSION_DIR): ExtensionToml {
  return parse(readFileSync(path.join(directory, "shopify.extension.toml"), "utf8")) as unknown as ExtensionToml;
}

export async function buildCheckoutMessages(): Promise<{ code: string; bytes: number }> {
  const [extension] = readExtensionToml().extensions;
  const entry = extension.targeting
    .map(({ target, module }, index) => `import Target_${index} from '${module}';shopify.extend('${target}', (...args) => Target_${index}(...args));`)
    .join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: EXTENSION_DIR, sourcefile: "index.js" },
    bundle: true,
    write: false,
    jsx: "automatic",
    loader: { ".esnext": "ts", ".js": "jsx" },
    legalComments: "none",
    minify: true,
    target: "es6",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  return { code, bytes: Buffer.byteLength(code) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { code, bytes } = await buildCheckoutMessages();
  mkdirSync(path.join(EXTENSION_DIR, "dist"), { recursive: true });
  writeFileSync(path.join(EXTENSION_DIR, "dist", "checkout-messages.js"), code);
  console.info(`dist/checkout-messages.js: ${(bytes / 1024).toFixed(1)} KB of Shopify's ${BUNDLE_LIMIT_BYTES / 1024} KB limit`);
}
