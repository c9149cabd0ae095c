// The theme app extension rendered from its own files, the way a theme renders an app block:
// its Liquid (blocks/ and snippets/) with liquidjs, block settings from the schema's defaults, and
// the assets the schema names served from the extension's assets/ folder. Emulated: only the
// Liquid objects the blocks use (shop.metafields, customer, request.locale, routes).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";
import type { Metafield } from "../../emulator/checkout";
import type { StorefrontCustomer } from "./store-data";

export const THEME_EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../extensions/cart-messages");
export const THEME_ASSETS_PATH = "/storefront/apps/cart-messages/assets/";

const SCHEMA = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

const liquid = new Liquid({ root: path.join(THEME_EXTENSION_DIR, "snippets"), extname: ".liquid", strictFilters: true });
liquid.registerFilter("asset_url", (name: string) => `${THEME_ASSETS_PATH}${name}`);

interface BlockSchema {
  javascript?: string;
  stylesheet?: string;
  settings?: { id: string; default?: unknown }[];
}

interface ThemeContext {
  shopMetafields: Metafield[];
  customer: StorefrontCustomer | null;
  /** The storefront's root, "/storefront/" here ("/" or "/fr/" on a store). */
  root: string;
}

/** Liquid's view of the shop's metafields: shop.metafields[namespace][key].value, JSON parsed. */
function metafieldsObject(metafields: Metafield[]) {
  const byNamespace: Record<string, Record<string, { value: unknown; type: string }>> = {};
  for (const { namespace, key, type, value } of metafields) {
    (byNamespace[namespace] ??= {})[key] = { type, value: type === "json" ? JSON.parse(value) : value };
  }
  return byNamespace;
}

/** The app block's (or app embed's) markup, with the tags that load its schema's assets. */
export async function renderThemeBlock(block: "spend-more" | "spend-more-embed", context: ThemeContext): Promise<string> {
  const source = readFileSync(path.join(THEME_EXTENSION_DIR, "blocks", `${block}.liquid`), "utf8");
  const schema = JSON.parse(SCHEMA.exec(source)?.[1] ?? "{}") as BlockSchema;
  const settings = Object.fromEntries((schema.settings ?? []).map((setting) => [setting.id, setting.default]));
  const customer = context.customer && {
    orders_count: context.customer.numberOfOrders,
    tags: context.customer.tags,
    "b2b?": false,
  };
  // Shopify's global objects: a rendered snippet sees them too, unlike the block's own variables.
  const globals = {
    shop: { metafields: metafieldsObject(context.shopMetafields) },
    customer,
    request: { locale: { iso_code: "en" } },
    routes: { root_url: context.root, cart_url: `${context.root}cart` },
  };
  const markup = await liquid.parseAndRender(source.replace(SCHEMA, ""), { block: { settings } }, { globals });
  const assets = [
    schema.stylesheet ? `<link rel="stylesheet" href="${THEME_ASSETS_PATH}${schema.stylesheet}">` : "",
    schema.javascript ? `<script src="${THEME_ASSETS_PATH}${schema.javascript}" defer></script>` : "",
  ];
  return assets.join("") + markup;
}
