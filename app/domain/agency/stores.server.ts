// Reaching a store other than the one a request is signed in to. An embedded app request is
// authenticated for ONE shop (Shopify's session token names it, and the Shopify user behind it).
// Everything PromoGuard does in another store on that user's behalf — applying a playbook, reading
// its figures for a portfolio — is authorized here, at the moment of the action: the same Shopify
// user must be staff of that store in PromoGuard (StaffMember keyed by shop and Shopify user id),
// with their access not removed, the app installed there, and a role holding the permission there
// now. Nothing the request names (a shop domain, a playbook id) is trusted beyond being looked up
// under those conditions, and a store the user does not work in looks exactly like one that does
// not exist.
import type { Shop, StaffMember } from "@prisma/client";
import type { Database } from "~/db.server";
import { can, whyNot, type Permission } from "~/domain/governance/roles";
import { toStaff, type Staff } from "~/domain/governance/staff.server";

export interface StoreRef {
  domain: string;
  name: string;
  currencyCode: string;
  timeZone: string;
}

export type StoreAccess =
  | { ok: true; staff: Staff; store: StoreRef }
  | { ok: false; status: 403 | 404; error: string; permission?: Permission };

export const UNKNOWN_STORE = "You don't work in that store in PromoGuard (or its Owner removed your access there).";

export function storeRef(shop: Pick<Shop, "domain" | "name" | "currencyCode" | "ianaTimezone">): StoreRef {
  return { domain: shop.domain, name: shop.name || shop.domain.replace(/\.myshopify\.com$/, ""), currencyCode: shop.currencyCode || "USD", timeZone: shop.ianaTimezone || "UTC" };
}

type StaffRow = StaffMember & { shop: Shop };

const reachable = (row: StaffRow | null): row is StaffRow => row !== null && row.accessRemovedAt === null && row.shop.uninstalledAt === null;

/** The user's standing in the store for this permission, now. */
export async function accessInStore(db: Database, userId: string, shopDomain: string, permission: Permission): Promise<StoreAccess> {
  if (!userId || typeof shopDomain !== "string" || shopDomain.length > 255) return { ok: false, status: 404, error: UNKNOWN_STORE };
  const row = await db.staffMember.findUnique({ where: { shopDomain_userId: { shopDomain, userId } }, include: { shop: true } });
  if (!reachable(row)) return { ok: false, status: 404, error: UNKNOWN_STORE };
  const staff = toStaff(row);
  const store = storeRef(row.shop);
  const reason = whyNot(staff.role, permission, store.name);
  if (reason) return { ok: false, status: 403, error: reason, permission };
  return { ok: true, staff, store };
}

/** Every store where the user holds a role with this permission now, by name. */
export async function storesWhere(db: Database, userId: string, permission: Permission): Promise<{ staff: Staff; store: StoreRef }[]> {
  if (!userId) return [];
  const rows = await db.staffMember.findMany({ where: { userId, accessRemovedAt: null, shop: { uninstalledAt: null } }, include: { shop: true } });
  return rows
    .filter((row) => can(toStaff(row).role, permission))
    .map((row) => ({ staff: toStaff(row), store: storeRef(row.shop) }))
    .sort((a, b) => a.store.name.localeCompare(b.store.name) || a.store.domain.localeCompare(b.store.domain));
}
