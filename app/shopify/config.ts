/** The one Admin API version PromoGuard speaks; shopify.app.toml and codegen use the same. */
export const ADMIN_API_VERSION = "2026-10";

/** Access scopes, kept identical to [access_scopes] in shopify.app.toml (a test checks it). */
export const APP_SCOPES = [
  "read_customers",
  "read_discounts",
  "read_inventory",
  "read_orders",
  "read_products",
  "write_customers",
  "write_discounts",
  "write_products",
] as const;
