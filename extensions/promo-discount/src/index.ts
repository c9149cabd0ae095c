// The campaign functions' entry: one export per target, named as the Shopify CLI expects (the
// camelCase form of each `export` in shopify.extension.toml). Every campaign extension
// (promo-discount, promo-discount-catalog, …) bundles this same entry; only their queries differ.
import { runCampaignDelivery, runCampaignLines } from "./checkout/campaign";
import type { CampaignInput } from "./checkout/input";
import type { CartDeliveryOptionsDiscountsGenerateRunResult, CartLinesDiscountsGenerateRunResult } from "./checkout/output";
import { neverThrow } from "./checkout/safety";

export const cartLinesDiscountsGenerateRun: (input: CampaignInput) => CartLinesDiscountsGenerateRunResult = neverThrow(
  "cart.lines.discounts.generate.run",
  runCampaignLines,
  () => ({ operations: [] }),
);

export const cartDeliveryOptionsDiscountsGenerateRun: (input: CampaignInput) => CartDeliveryOptionsDiscountsGenerateRunResult = neverThrow(
  "cart.delivery-options.discounts.generate.run",
  runCampaignDelivery,
  () => ({ operations: [] }),
);
