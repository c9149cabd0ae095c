// A store's install work, done once per install: by afterAuth when a real store installs (or
// reinstalls) the app, and by the demo for a fresh demo store.
import type { Database } from "~/db.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import type { ShopDetails } from "~/shopify/shop.server";
import { prepareCampaignsOnInstall } from "./campaigns/install.server";
import { startOrdersBackfill } from "./redemptions/backfill.server";
import { recordInstall } from "./shops.server";

/** No Shop row yet, or the shop had uninstalled. Not on every sign-in: recordInstall would reset
 * installedAt, and startOrdersBackfill starts a fresh 60-day import whenever the last one finished. */
export async function needsInstall(db: Database, shopDomain: string): Promise<boolean> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { uninstalledAt: true } });
  return !shop || shop.uninstalledAt !== null;
}

/** The Shop row, the stacking guard and the store's existing discounts, and the backfill of its
 * past orders (which the job worker then imports). */
export async function completeInstall(db: Database, admin: AdminGraphql, shopDomain: string, details: ShopDetails): Promise<void> {
  await recordInstall(db, shopDomain, details);
  await prepareCampaignsOnInstall(db, admin, shopDomain);
  await startOrdersBackfill(db, shopDomain);
}
