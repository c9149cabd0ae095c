// Plumbing shared by the agency pages (playbooks, portfolio): who is asking, in which store, in which
// agency; intents authorized before their form is read; and the other store an action reaches,
// authorized for the same Shopify user there, now (app/domain/agency/stores.server.ts).
import { json } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import type { Playbook } from "@prisma/client";
import prisma from "~/db.server";
import { membershipOf, type Membership } from "~/domain/agency/agencies.server";
import { findPlaybook } from "~/domain/agency/playbooks.server";
import { accessInStore, storeRef, type StoreRef } from "~/domain/agency/stores.server";
import { Refused } from "~/domain/errors";
import { authenticateStaff, type StaffContext } from "~/features/access.server";
import type { Permission } from "~/domain/governance/roles";
import { found, idParam } from "~/features/intents.server";
import { systemClock } from "~/lib/clock";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { unauthenticated } from "~/shopify.server";

export interface AgencyContext {
  ctx: StaffContext;
  /** The store the request is signed in to. */
  store: StoreRef;
  member: Membership | null;
}

async function withAgency(ctx: StaffContext): Promise<AgencyContext> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: ctx.session.shop } });
  return { ctx, store: storeRef(shop), member: await membershipOf(prisma, ctx.staff.userId) };
}

export async function agencyContext(request: Request): Promise<AgencyContext> {
  return withAgency(await authenticateStaff(request));
}

/** The agency of the signed-in (and already authorized) staff member. */
export const agencyOf = (ctx: StaffContext) => withAgency(ctx);

const PLAYBOOK_NOT_FOUND = "This playbook isn't one of your agency's, or no longer exists.";

export const NO_AGENCY = "You don't belong to an agency yet. Create one on the Playbooks page, or ask your agency's admin to add you.";

export function requireMember(agency: AgencyContext): Membership {
  if (!agency.member) throw json({ ok: false, errors: { general: NO_AGENCY } }, { status: 403 });
  return agency.member;
}

/** The URL's :id among the member's agency's playbooks: another agency's id is a 404, like a missing one. */
export async function requirePlaybook(member: Membership, params: Params): Promise<Playbook> {
  return found(await findPlaybook(prisma, member.agencyId, idParam(params, "id", PLAYBOOK_NOT_FOUND)), PLAYBOOK_NOT_FOUND);
}

/**
 * The store an action reaches (the URL's `store`, a shop domain), authorized for the same Shopify
 * user with this permission there now, before the form is read. A store they are not staff in (or
 * lost their access to) is the domain's NotFound, on the store field, answered by the page's
 * action; a role there that may not is answered as a role here is (authorize: 403 { error,
 * permission }), naming their role there.
 */
export async function requireTargetStore(agency: AgencyContext, request: Request, permission: Permission) {
  const shop = new URL(request.url).searchParams.get("store") ?? "";
  try {
    return await accessInStore(prisma, agency.ctx.staff.userId, shop, permission);
  } catch (error) {
    if (error instanceof Refused) throw json({ error: error.message, permission }, { status: 403 });
    throw error;
  }
}

/** A store's Admin API on its offline session: the store the request is signed in to uses its own. */
export async function adminOfStore(agency: AgencyContext, shop: string) {
  const admin = shop === agency.store.domain ? agency.ctx.admin : (await unauthenticated.admin(shop)).admin;
  return { admin, call: throttledAdmin(admin, { clock: systemClock }).call };
}
