import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

type Fetch = typeof globalThis.fetch;

/**
 * The one place where the app's outgoing Shopify requests (Admin GraphQL, token exchange) can
 * be redirected: tests and the offline demo hand it the local Shopify emulator. Passing
 * nothing restores the real network.
 */
export function routeShopifyRequestsTo(handler?: Fetch) {
  setAbstractFetchFunc(handler ?? globalThis.fetch);
}
