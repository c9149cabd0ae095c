import type { Database } from "~/db.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import { importExistingDiscounts } from "./existing-discounts.server";
import { ensureGuardDiscount } from "./guard.server";

/**
 * What install does for campaigns: the shop's guard discount, and the day-one audit of the
 * discounts already in the store. A failure is logged, not thrown: the merchant still gets in,
 * publishing creates the guard again, and the audit list has its own "Import again" button.
 */
export async function prepareCampaignsOnInstall(db: Database, admin: AdminGraphql, shopDomain: string): Promise<void> {
  for (const [what, step] of [
    ["create the stacking guard", () => ensureGuardDiscount(db, admin, shopDomain)],
    ["import existing discounts", () => importExistingDiscounts(db, admin, shopDomain)],
  ] as const) {
    try {
      await step();
    } catch (error) {
      console.error(`PromoGuard could not ${what} for ${shopDomain}:`, error);
    }
  }
}
