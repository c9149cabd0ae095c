// What `shopify app deploy` does for a shop, as far as the Admin API can tell: every function
// extension of the app is released, so discounts can be created with its handle; its Flow
// triggers and actions are deployed (flow.ts), so flowTriggerReceive accepts them.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { ShopifyEmulator } from "./emulator";
import { deployFlowExtensions } from "./flow";

export const APP_EXTENSIONS = path.resolve(import.meta.dirname, "..", "..", "extensions");

/** The app's function extensions: handle and name from each shopify.extension.toml. */
export function appFunctionExtensions(directory = APP_EXTENSIONS): { handle: string; title: string }[] {
  const found: { handle: string; title: string }[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(directory, entry.name, "shopify.extension.toml");
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const toml = parseToml(readFileSync(file, "utf8")) as { extensions?: { type?: string; handle?: string; name?: string }[] };
    for (const extension of toml.extensions ?? []) {
      if (extension.type === "function" && extension.handle) found.push({ handle: extension.handle, title: extension.name ?? extension.handle });
    }
  }
  return found;
}

/** Releases the app's function extensions in `shop` (the default shop unless given); released ones are left alone. */
export function deployAppFunctions(emulator: ShopifyEmulator, shop?: string): void {
  const domain = shop ?? emulator.defaultShop;
  const store = emulator.store(domain);
  for (const { handle, title } of appFunctionExtensions()) {
    if (!store.functions.some((fn) => fn.handle === handle)) emulator.seedFor(domain).function({ handle, title });
  }
}

/** Deploys the app's Flow triggers and actions in `shop` (the default shop unless given), replacing earlier versions. */
export function deployAppFlowExtensions(emulator: ShopifyEmulator, shop?: string): void {
  deployFlowExtensions(emulator.store(shop ?? emulator.defaultShop));
}
