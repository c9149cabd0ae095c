// Agencies and their members. A member is a Shopify user (the id their session tokens carry in every
// store), so the agency's playbooks follow them from one client store to the next; what they may do
// in each store is still that store's role for them (stores.server.ts).
import type { Database } from "~/db.server";
import { toStaff, type Staff } from "~/domain/governance/staff.server";
import { Conflict, InvalidInput, NotFound, Refused, onField } from "~/domain/errors";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

export interface Membership {
  memberId: number;
  agencyId: number;
  agencyName: string;
  userId: string;
  name: string;
  admin: boolean;
}

/** The agency the Shopify user belongs to, or null. */
export async function membershipOf(db: Database, userId: string): Promise<Membership | null> {
  const row = await db.agencyMember.findUnique({ where: { userId }, include: { agency: true } });
  return row ? { memberId: row.id, agencyId: row.agencyId, agencyName: row.agency.name, userId: row.userId, name: row.name, admin: row.admin } : null;
}

/** A new agency with the staff member as its first admin. */
export async function createAgency(db: Database, founder: Staff, rawName: string): Promise<{ membership: Membership }> {
  const name = rawName.trim();
  if (!name) throw new InvalidInput({ agencyName: "Enter your agency's name." });
  const long = tooLong("The name", name, TEXT_LIMITS.name);
  if (long) throw new InvalidInput({ agencyName: long });
  if (await membershipOf(db, founder.userId)) throw onField(Conflict, "agencyName", "You already belong to an agency.");
  await db.agency.create({ data: { name, members: { create: { userId: founder.userId, name: founder.name, email: founder.email, admin: true } } } });
  return { membership: (await membershipOf(db, founder.userId))! };
}

export async function listMembers(db: Database, agencyId: number) {
  return db.agencyMember.findMany({ where: { agencyId }, orderBy: [{ admin: "desc" }, { name: "asc" }, { id: "asc" }] });
}

/** Staff of the store who belong to no agency yet: who an admin may add from here. */
export async function memberCandidates(db: Database, shopDomain: string): Promise<Staff[]> {
  const rows = await db.staffMember.findMany({ where: { shopDomain, accessRemovedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const taken = new Set(
    (await db.agencyMember.findMany({ where: { userId: { in: rows.map((row) => row.userId) } }, select: { userId: true } })).map((row) => row.userId),
  );
  return rows.filter((row) => !taken.has(row.userId)).map(toStaff);
}

/** An admin adds a staff member of the store they are working in (so the Shopify user is known),
 * as an admin or not. */
export async function addMember(db: Database, acting: Membership, candidate: Staff | null, admin: boolean): Promise<{ name: string }> {
  if (!acting.admin) throw onField(Refused, "member", "Only your agency's admins can add members.");
  if (!candidate || candidate.accessRemoved) throw onField(NotFound, "member", "Choose one of this store's staff.");
  if (await membershipOf(db, candidate.userId)) throw onField(Conflict, "member", `${candidate.name} already belongs to an agency.`);
  await db.agencyMember.create({ data: { agencyId: acting.agencyId, userId: candidate.userId, name: candidate.name, email: candidate.email, admin } });
  return { name: candidate.name };
}

/** An admin removes a member; the agency always keeps an admin. */
export async function removeMember(db: Database, acting: Membership, memberId: number): Promise<{ name: string }> {
  if (!acting.admin) throw onField(Refused, "member", "Only your agency's admins can remove members.");
  const member = Number.isSafeInteger(memberId) ? await db.agencyMember.findFirst({ where: { id: memberId, agencyId: acting.agencyId } }) : null;
  if (!member) throw onField(NotFound, "member", "Your agency has no such member.");
  if (member.admin && (await db.agencyMember.count({ where: { agencyId: acting.agencyId, admin: true } })) <= 1) {
    throw onField(Conflict, "member", "This is your agency's only admin. Add another admin first.");
  }
  await db.agencyMember.delete({ where: { id: member.id } });
  return { name: member.name };
}
