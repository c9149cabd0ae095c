// The guard: one automatic discount per shop, backed by the same function with the config
// {"version":1,"kind":"guard"}, that enforces the stacking policy across PromoGuard codes.
import { CAMPAIGN_CONFIG_KEY, METAFIELD_NAMESPACE, validateForPublishing } from "promo-discount/config";
import type { Database } from "~/db.server";
import { createAutomaticDiscount, discountExists, type AdminGraphql } from "~/shopify/discounts.server";
import { publishCatalogue } from "./catalogue.server";
import { FUNCTION_HANDLE } from "./function";
import { ShopifyRefused } from "./shopify-errors";

export const GUARD_TITLE = "PromoGuard stacking guard";

function guardMetafieldValue(): string {
  const validation = validateForPublishing({ version: 1, kind: "guard" });
  if (!validation.ok) throw new Error(`The guard config no longer validates: ${JSON.stringify(validation.issues)}`);
  return JSON.stringify(validation.value);
}

/**
 * Creates the shop's guard unless it already exists (install runs this; so does every
 * publish, which repairs a guard deleted in Shopify's admin), then writes the catalogue.
 * Returns the guard's discount id.
 */
export async function ensureGuardDiscount(db: Database, admin: AdminGraphql, shopDomain: string): Promise<string> {
  const existing = await db.stackingGuard.findUnique({ where: { shopDomain } });
  if (existing && (await discountExists(admin, existing.shopifyDiscountId))) return existing.shopifyDiscountId;
  const result = await createAutomaticDiscount(admin, {
    title: GUARD_TITLE,
    functionHandle: FUNCTION_HANDLE,
    // The guard never discounts: ORDER is the class its lines target runs under.
    discountClasses: ["ORDER"],
    startsAt: new Date().toISOString(),
    combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
    metafields: [{ namespace: METAFIELD_NAMESPACE, key: CAMPAIGN_CONFIG_KEY, type: "json", value: guardMetafieldValue() }],
  });
  if (!result.ok) throw new ShopifyRefused("The stacking guard could not be created", result.userErrors);
  await db.stackingGuard.upsert({
    where: { shopDomain },
    create: { shopDomain, shopifyDiscountId: result.discountId },
    update: { shopifyDiscountId: result.discountId, createdAt: new Date() },
  });
  const catalogueErrors = await publishCatalogue(db, admin, shopDomain);
  if (catalogueErrors.length > 0) throw new ShopifyRefused("The stacking catalogue could not be written", catalogueErrors);
  return result.discountId;
}
