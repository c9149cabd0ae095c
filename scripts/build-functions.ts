// `npm run build`, after the app: every function extension bundled as the Shopify CLI bundles it,
// with its input queries and the Discount Function API schema, into build/functions. In
// production the cart simulator runs these (app/domain/simulator/functions.server.ts), so the
// server needs neither esbuild nor the extension sources.
import path from "node:path";
import { writePrebuiltFunctions } from "shopify-checkout/source";

const out = path.resolve("build", "functions");
const manifest = await writePrebuiltFunctions(path.resolve("extensions"), out);
const sizes = manifest.functions.map((fn) => `${fn.handle} ${(fn.bundle.bytes / 1024).toFixed(1)} KB`).join(", ");
console.info(`Function bundles for the cart simulator in ${path.relative(process.cwd(), out)}: ${sizes}`);
