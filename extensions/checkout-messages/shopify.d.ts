// The `shopify` global each module sees, as Shopify CLI generates this file for an extension.
import "@shopify/ui-extensions";
import type { Api as BlockApi } from "@shopify/ui-extensions/purchase.checkout.block.render";
import type { Api as ReductionsApi } from "@shopify/ui-extensions/purchase.checkout.reductions.render-after";
import type { Api as ThankYouApi } from "@shopify/ui-extensions/purchase.thank-you.block.render";

declare module "./src/SpendMore.tsx" {
  const shopify: ReductionsApi | BlockApi;
  const globalThis: { shopify: typeof shopify };
}

declare module "./src/ThankYouCode.tsx" {
  const shopify: ThankYouApi;
  const globalThis: { shopify: typeof shopify };
}
