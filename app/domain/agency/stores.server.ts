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
import { NotFound, Refused, onField } from "~/domain/errors";
import { can, whyNot, type Permission } from "~/domain/governance/roles";
import { toStaff, type Staff } from "~/domain/governance/staff.server";

export interface StoreRef {
  domain: string;
  name: string;
  currencyCode: string;
  timeZone: string;
}

/** The user's standing in a store they may act in: who they are there, and the store. */
export type StoreAccess = { staff: Staff; store: StoreRef };

export const UNKNOWN_STORE = "You don't work in that store in PromoGuard (or its Owner removed your access there).";

export function storeRef(shop: Pick<Shop, "domain" | "name" | "currencyCode" | "ianaTimezone">): StoreRef {
  return {
    domain: shop.domain,
    name: shop.name || shop.domain.replace(/\.myshopify\.com$/, ""),
    currencyCode: shop.currencyCode || "USD",
    timeZone: shop.ianaTimezone || "UTC",
  };
}

type StaffRow = StaffMember & { shop: Shop };

const reachable = (row: StaffRow | null): row is StaffRow => row !== null && row.accessRemovedAt === null && row.shop.uninstalledAt === null;

/**
 * The user's standing in the store for this permission, now. Throws NotFound (on the `store`
 * field) when they are not its staff, lost their access or the app is gone from it; Refused, with
 * the permission as its reason, when their role there may not.
 */
export async function accessInStore(db: Database, userId: string, shopDomain: string, permission: Permission): Promise<StoreAccess> {
  if (!userId || typeof shopDomain !== "string" || shopDomain.length > 255) throw onField(NotFound, "store", UNKNOWN_STORE);
  const row = await db.staffMember.findUnique({ where: { shopDomain_userId: { shopDomain, userId } }, include: { shop: true } });
  if (!reachable(row)) throw onField(NotFound, "store", UNKNOWN_STORE);
  const staff = toStaff(row);
  const store = storeRef(row.shop);
  const reason = whyNot(staff.role, permission, store.name);
  if (reason) throw new Refused(reason, { store: reason }, permission);
  return { staff, store };
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
