// The `shopify` global each module sees, as Shopify CLI generates this file for an extension.
import "@shopify/ui-extensions";

declare module "./src/SpendMore.tsx" {
  const shopify:
    | import("@shopify/ui-extensions/purchase.checkout.reductions.render-after").Api
    | import("@shopify/ui-extensions/purchase.checkout.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

declare module "./src/ThankYouCode.tsx" {
  const shopify: import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}
