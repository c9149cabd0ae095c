// The function's entry: one export per target, named as the Shopify CLI expects (the camelCase
// form of each `export` in shopify.extension.toml).
export { cartLinesDiscountsGenerateRun } from "./cart_lines_discounts_generate_run";
export { cartDeliveryOptionsDiscountsGenerateRun } from "./cart_delivery_options_discounts_generate_run";
