// Staff members: the Shopify users behind the online sessions that open PromoGuard in a shop.
import type { Session } from "@shopify/shopify-api";
import type { StaffMember } from "@prisma/client";
import { z } from "zod";
import type { Database } from "~/db.server";
import { Conflict, InvalidInput, NotFound } from "~/domain/errors";
import { formField, formFlag, formRecordId, mistake } from "~/domain/form-schema";
import { recordAudit } from "./audit.server";
import { isRole, ROLE_LABELS, ROLES, type Role } from "./roles";

export interface Staff {
  id: number;
  shopDomain: string;
  userId: string;
  name: string;
  email: string;
  accountOwner: boolean;
  role: Role;
  /** An Owner removed their access to PromoGuard in this store: they may not use it here. */
  accessRemoved: boolean;
}

/** Who did something, as the audit trail and notifications name them; null is PromoGuard itself. */
export type Actor = Pick<Staff, "id" | "name"> | null;

export class NoStaffUserError extends Error {
  constructor(shop: string) {
    super(`The request for ${shop} carries no Shopify user: PromoGuard needs an online session to know who is acting.`);
    this.name = "NoStaffUserError";
  }
}

// The session storage turns missing values into the string "null".
const present = (value: string | undefined | null) => (value && value !== "null" && value !== "undefined" ? value : "");

/** The user behind an online session, as Shopify described them at token exchange. */
export function sessionUser(session: Session) {
  const user = session.onlineAccessInfo?.associated_user;
  if (!session.isOnline || !user?.id) return null;
  const name = [present(user.first_name), present(user.last_name)].filter(Boolean).join(" ");
  const email = present(user.email).toLowerCase();
  return { userId: String(user.id), name: name || email || `Staff ${user.id}`, email, accountOwner: Boolean(user.account_owner) };
}

export function toStaff(row: StaffMember): Staff {
  return {
    id: row.id,
    shopDomain: row.shopDomain,
    userId: row.userId,
    name: row.name,
    email: row.email,
    accountOwner: row.accountOwner,
    role: isRole(row.role) ? row.role : "requester",
    accessRemoved: row.accessRemovedAt !== null,
  };
}

/** "Last seen" is written at most this often per person: current to a few minutes, not a write per request. */
const SEEN_REFRESH_MS = 5 * 60 * 1000;

/**
 * The staff member behind the session, created on first sight: the store's account owner is an
 * Owner from the start, everyone else a Requester until an Owner changes it. A shop whose owner
 * has not opened the app yet gets its first user as Owner, so no store is left without one.
 */
export async function staffForSession(db: Database, session: Session): Promise<Staff> {
  const user = sessionUser(session);
  if (!user) throw new NoStaffUserError(session.shop);
  const shopDomain = session.shop;
  const existing = await db.staffMember.findUnique({ where: { shopDomain_userId: { shopDomain, userId: user.userId } } });
  if (existing) {
    const changed = existing.name !== user.name || existing.email !== user.email || existing.accountOwner !== user.accountOwner;
    const promote = user.accountOwner && existing.role !== "owner";
    if (changed || promote || Date.now() - existing.lastSeenAt.getTime() > SEEN_REFRESH_MS) {
      return toStaff(
        await db.staffMember.update({
          where: { id: existing.id },
          data: { ...user, lastSeenAt: new Date(), ...(promote ? { role: "owner" } : {}) },
        }),
      );
    }
    return toStaff(existing);
  }
  const hasOwner = (await db.staffMember.count({ where: { shopDomain, role: "owner" } })) > 0;
  const role: Role = user.accountOwner || !hasOwner ? "owner" : "requester";
  try {
    return toStaff(await db.staffMember.create({ data: { shopDomain, ...user, role } }));
  } catch {
    // Two first requests of the same user raced; the other one created the row.
    return toStaff(await db.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain, userId: user.userId } } }));
  }
}

export async function listStaff(db: Database, shopDomain: string): Promise<Staff[]> {
  const rows = await db.staffMember.findMany({ where: { shopDomain }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toStaff);
}

export async function findStaff(db: Database, shopDomain: string, id: number): Promise<Staff | null> {
  if (!Number.isSafeInteger(id)) return null;
  const row = await db.staffMember.findFirst({ where: { id, shopDomain } });
  return row ? toStaff(row) : null;
}

/** Staff holding at least one of the roles (and their access): who gets notified of a request. */
export async function staffWithRoles(db: Database, shopDomain: string, roles: Role[]): Promise<Staff[]> {
  const rows = await db.staffMember.findMany({ where: { shopDomain, role: { in: roles }, accessRemovedAt: null }, orderBy: { id: "asc" } });
  return rows.map(toStaff);
}

export const ACCOUNT_OWNER_STAYS = "The store's account owner is always an Owner.";
const OWNERS_KEEP_ACCESS = "An Owner's access can't be removed. Give them another role first.";
export const LAST_OWNER_STAYS = "This is the store's only Owner. Make someone else an Owner first.";
const NO_SUCH_STAFF = "This store has no such staff member.";

/**
 * Gives a staff member another role, recorded in the audit trail. The store's account owner stays
 * an Owner and a store keeps at least one Owner (read again inside the transaction: two Owners
 * demoting each other at once must not both win). Null when they already had that role.
 */
const CHOOSE_A_ROLE = `Choose one of the roles: ${ROLES.map((r) => ROLE_LABELS[r]).join(", ")}.`;

/** Staff & roles' role picker: whose role, and the new one. */
export const staffRoleFormSchema = z.object({ staffId: formRecordId, role: formField((text) => (isRole(text) ? text : mistake(CHOOSE_A_ROLE))) });

/** Staff & roles' access switch: whose access, and whether it is removed (true) or given back. */
export const staffAccessFormSchema = z.object({ staffId: formRecordId, removed: formFlag });

export async function changeStaffRole(db: Database, shopDomain: string, actor: Actor, staffId: number, role: string) {
  if (!isRole(role)) throw new InvalidInput({ role: CHOOSE_A_ROLE });
  const target = await findStaff(db, shopDomain, staffId);
  if (!target) throw new NotFound(NO_SUCH_STAFF);
  if (target.role === role) return null;
  await db.$transaction(async (tx) => {
    const current = await tx.staffMember.findFirstOrThrow({ where: { id: target.id, shopDomain } });
    if (current.accountOwner && role !== "owner") throw new Conflict(ACCOUNT_OWNER_STAYS, { role: ACCOUNT_OWNER_STAYS });
    if (current.role === "owner" && role !== "owner") {
      const owners = await tx.staffMember.count({ where: { shopDomain, role: "owner" } });
      if (owners <= 1) throw new Conflict(LAST_OWNER_STAYS, { role: LAST_OWNER_STAYS });
    }
    await tx.staffMember.update({ where: { id: current.id }, data: { role } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "staff.role",
      entityType: "staff",
      entityId: current.id,
      entityLabel: current.name,
      before: { role: current.role },
      after: { role },
    });
  });
  return { id: target.id, name: target.name, role };
}

/** Removes or gives back someone's access to PromoGuard in this store (never an Owner's), audited.
 * Null when nothing changes. */
export async function changeStaffAccess(db: Database, shopDomain: string, actor: Actor, staffId: number, remove: boolean) {
  const target = await findStaff(db, shopDomain, staffId);
  if (!target) throw new NotFound(NO_SUCH_STAFF);
  if (remove && (target.accountOwner || target.role === "owner")) {
    const message = target.accountOwner ? ACCOUNT_OWNER_STAYS : OWNERS_KEEP_ACCESS;
    throw new Conflict(message, { access: message });
  }
  if (remove === target.accessRemoved) return null;
  await db.staffMember.update({ where: { id: target.id }, data: { accessRemovedAt: remove ? new Date() : null } });
  await recordAudit(db, {
    shopDomain,
    actor,
    action: "staff.access",
    entityType: "staff",
    entityId: target.id,
    entityLabel: target.name,
    before: { access: target.accessRemoved ? "removed" : "granted" },
    after: { access: remove ? "removed" : "granted" },
  });
  return { id: target.id, name: target.name, removed: remove };
}
