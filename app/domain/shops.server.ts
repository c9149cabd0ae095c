import type { Database } from "~/db.server";
import type { ShopDetails } from "~/shopify/shop.server";

/** The shop's IANA time zone as Shopify gave it, or UTC for a shop without one. */
export async function shopTimeZone(db: Database, shopDomain: string): Promise<string> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { ianaTimezone: true } });
  return shop?.ianaTimezone || "UTC";
}

/** The shop's currency (ISO code) as Shopify gave it, or USD for a shop without one. */
export async function shopCurrency(db: Database, shopDomain: string): Promise<string> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { currencyCode: true } });
  return shop?.currencyCode || "USD";
}

/** Marks a shop installed (first install or reinstall after an uninstall) with its details. */
export async function recordInstall(db: Database, domain: string, details: ShopDetails) {
  await db.shop.upsert({
    where: { domain },
    create: { domain, ...details },
    update: { ...details, uninstalledAt: null, installedAt: new Date() },
  });
}

/** app/uninstalled: the shop's sessions stop working at once; its data stays until shop/redact. */
export async function recordUninstall(db: Database, domain: string) {
  await db.$transaction([db.session.deleteMany({ where: { shop: domain } }), db.shop.updateMany({ where: { domain }, data: { uninstalledAt: new Date() } })]);
}

/** app/scopes_update: keep the stored session's scope in step with what the merchant granted. */
export async function recordScopesUpdate(db: Database, sessionId: string, scopes: string[]) {
  await db.session.updateMany({ where: { id: sessionId }, data: { scope: scopes.join(",") } });
}
