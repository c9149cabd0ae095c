// The "Not governed by PromoGuard" list: every discount in the store that is neither a campaign's
// nor the guard, replaced wholesale on each import so deleted discounts disappear from it.
import type { ExistingDiscount } from "@prisma/client";
import type { Database } from "~/db.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import { fetchAllDiscounts } from "~/shopify/existing-discounts.server";

export async function importExistingDiscounts(db: Database, admin: AdminGraphql, shopDomain: string, now = new Date()): Promise<number> {
  const discounts = await fetchAllDiscounts(admin);
  const [campaigns, guard] = await Promise.all([
    db.campaign.findMany({ where: { shopDomain, shopifyDiscountId: { not: null } }, select: { shopifyDiscountId: true } }),
    db.stackingGuard.findUnique({ where: { shopDomain } }),
  ]);
  const governed = new Set([...campaigns.map((campaign) => campaign.shopifyDiscountId), guard?.shopifyDiscountId]);
  const ungoverned = discounts.filter((discount) => !governed.has(discount.shopifyDiscountId));
  await db.$transaction([
    db.existingDiscount.deleteMany({ where: { shopDomain } }),
    db.existingDiscount.createMany({
      data: ungoverned.map((discount) => ({
        ...discount,
        shopDomain,
        startsAt: new Date(discount.startsAt),
        endsAt: discount.endsAt ? new Date(discount.endsAt) : null,
        codes: JSON.stringify(discount.codes),
        importedAt: now,
      })),
    }),
  ]);
  return ungoverned.length;
}

export async function listExistingDiscounts(db: Database, shopDomain: string): Promise<ExistingDiscount[]> {
  return db.existingDiscount.findMany({ where: { shopDomain }, orderBy: [{ status: "asc" }, { title: "asc" }] });
}
