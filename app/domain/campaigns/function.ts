/** The handle of the discount function extension (extensions/promo-discount/shopify.extension.toml). */
export const FUNCTION_HANDLE = "promo-discount";
