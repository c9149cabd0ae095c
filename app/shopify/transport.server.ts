import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

type Fetch = typeof globalThis.fetch;

declare global {
  // Process-wide on purpose: Vite may load the app's modules (and Shopify's runtime) more than
  // once — tests, the demo server and the app itself must all see the same redirection.
  var promoguardShopifyTransport: Fetch | undefined;
}

/**
 * The one place where the app's outgoing Shopify requests (Admin GraphQL, token exchange) can
 * be redirected: tests and the offline demo hand it the local Shopify emulator. Passing
 * nothing restores the real network.
 */
export function routeShopifyRequestsTo(handler?: Fetch) {
  globalThis.promoguardShopifyTransport = handler;
  installShopifyTransport();
}

/**
 * Makes Shopify's HTTP layer ask for the current transport on every request. The library's
 * Node adapter installs the global fetch when it is first imported, so shopify.server.ts calls
 * this right after it, whenever and however often the app is loaded.
 */
export function installShopifyTransport() {
  setAbstractFetchFunc((input, init) => (globalThis.promoguardShopifyTransport ?? globalThis.fetch)(input, init));
}
