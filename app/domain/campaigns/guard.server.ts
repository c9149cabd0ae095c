// The guard: one automatic discount per shop, backed by its own function extension
// (promo-guard), that enforces the stacking policy across PromoGuard codes from the catalogue in
// the shop metafield; it needs no configuration of its own.
import { GUARD_HANDLE } from "promo-discount/config";
import type { Database } from "~/db.server";
import { createAutomaticDiscount, discountExists, type AdminGraphql } from "~/shopify/discounts.server";
import { publishCatalogue } from "./catalogue.server";
import { ShopifyRefused } from "./shopify-errors";

export const GUARD_TITLE = "PromoGuard stacking guard";

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
    functionHandle: GUARD_HANDLE,
    // The guard never discounts: ORDER is the class its lines target runs under.
    discountClasses: ["ORDER"],
    startsAt: new Date().toISOString(),
    combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
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
