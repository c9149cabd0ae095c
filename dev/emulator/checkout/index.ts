// The checkout emulator: Shopify checkout's discount handling (the shopify-checkout package, which
// the admin's cart simulator runs too) plus the bridges to the Admin emulator — the shop's live app
// discounts and customers as checkout sees them, and the order a checkout places. See README.md.
export * from "shopify-checkout";
export { loadShopifyFunction, loadShopifyFunctions, readShopifyFunction } from "shopify-checkout/source";
export { cartLineFor, placeOrder, type PlaceOrderOptions } from "./order";
export { appMetafields, checkoutCustomer, checkoutShop, liveAppDiscounts } from "./store-discounts";
