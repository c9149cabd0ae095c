// The checkout emulator: run discount Functions on a cart the way Shopify checkout does, then
// place the order in the Admin emulator's shop (orders/create payloads come from that order). See README.md.
export { simulateCheckout } from "./simulate";
export { cartLineFor, placeOrder, type PlaceOrderOptions } from "./order";
export { loadShopifyFunction, loadShopifyFunctions, readShopifyFunction, type ShopifyFunction, type ShopifyFunctionConfig } from "./function-extension";
export { functionInput, type InputDiscount } from "./run-functions";
export { UnimplementedFieldError } from "./input-resolvers";
export { FUNCTION_API_VERSION, loadDiscountFunctionSchema } from "./schema";
export type * from "./types";
export { appMetafields, checkoutCustomer, checkoutShop, liveAppDiscounts } from "./store-discounts";
