// The checkout emulator: run discount Functions on a cart the way Shopify checkout does, then
// turn the checkout into the order an orders/create webhook carries. See README.md.
export { simulateCheckout } from "./simulate";
export { checkoutToOrder, type CheckoutToOrderOptions, type RestOrder } from "./order";
export { loadShopifyFunction, type ShopifyFunction } from "./function-extension";
export { UnimplementedFieldError } from "./input-resolvers";
export { FUNCTION_API_VERSION, loadDiscountFunctionSchema } from "./schema";
export type * from "./types";
