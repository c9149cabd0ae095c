// Stores for the agency tests: the two test shops (USD) and a third in euros, each with PromoGuard
// installed, the same four Shopify users as staff (one per role), and Admin traffic routed to one
// Shopify emulator serving all three.
import { Session } from "@shopify/shopify-api";
import prisma from "~/db.server";
import type { Membership } from "~/domain/agency/agencies.server";
import { membershipOf } from "~/domain/agency/agencies.server";
import type { Role } from "~/domain/governance/roles";
import { findStaff, type Staff } from "~/domain/governance/staff.server";
import { prepareCampaignsOnInstall } from "~/domain/campaigns/install.server";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { sessionStorage } from "~/shopify.server";
import { APP_SCOPES } from "~/shopify/config";
import { systemClock } from "~/lib/clock";
import { createShopifyEmulator, deployAppFunctions } from "../../dev/emulator";
import { adminFor } from "../campaigns/support";
import { OTHER_SHOP, TEST_SHOP, TEST_STAFF, installShop, testStaff, userRequest } from "../support/shopify-app";

export const EURO_SHOP = "nordlys-home.myshopify.com";
export const SHOPS = [TEST_SHOP, OTHER_SHOP, EURO_SHOP] as const;

export async function startAgencyShops(options: { now?: () => Date } = {}) {
  const emulator = createShopifyEmulator({
    shops: [TEST_SHOP, OTHER_SHOP, { domain: EURO_SHOP, name: "Nordlys Home", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" }],
    throttle: false,
    now: options.now,
  });
  for (const shop of SHOPS) deployAppFunctions(emulator, shop);
  routeShopifyRequestsTo(emulator.fetch);
  for (const shop of SHOPS) await installShop(shop);
  await prisma.shop.update({ where: { domain: EURO_SHOP }, data: { name: "Nordlys Home", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" } });
  for (const shop of SHOPS) await prepareCampaignsOnInstall(prisma, await adminFor(shop), shop);
  return { emulator, stop: () => routeShopifyRequestsTo() };
}

/** The staff member with that role in the store, as the domain sees them. */
export async function staffIn(shop: string, role: Role): Promise<Staff> {
  return (await findStaff(prisma, shop, (await testStaff(role, shop)).id))!;
}

/** An agency whose members are the test users with these roles (admins all). */
export async function agencyOf(name: string, roles: Role[]): Promise<Membership[]> {
  const agency = await prisma.agency.create({ data: { name } });
  for (const role of roles) {
    const user = TEST_STAFF[role];
    await prisma.agencyMember.create({
      data: { agencyId: agency.id, userId: String(user.userId), name: `${user.firstName} ${user.lastName}`, email: user.email, admin: true },
    });
  }
  return Promise.all(roles.map(async (role) => (await membershipOf(prisma, String(TEST_STAFF[role].userId)))!));
}

/** The store's Admin API through the throttle-aware caller, as the routes use it. */
export async function callFor(shop: string) {
  return throttledAdmin(await adminFor(shop), { clock: systemClock }).call;
}

/** A Shopify user outside the four test staff, staff of these stores with these roles. */
export async function outsider(userId: number, name: string, roles: Record<string, Role>) {
  for (const [shop, role] of Object.entries(roles)) {
    await sessionStorage.storeSession(onlineSessionOf(shop, userId, name));
    await prisma.staffMember.upsert({
      where: { shopDomain_userId: { shopDomain: shop, userId: String(userId) } },
      update: { role },
      create: { shopDomain: shop, userId: String(userId), name, email: `${userId}@agency.example`, role },
    });
  }
  return { userId, name };
}

function onlineSessionOf(shop: string, userId: number, name: string) {
  return new Session({
    id: `${shop}_${userId}`,
    shop,
    state: "online",
    isOnline: true,
    scope: APP_SCOPES.join(","),
    expires: new Date(Date.now() + 24 * 3600 * 1000),
    accessToken: `shpua_test_${shop}_${userId}`,
    onlineAccessInfo: {
      expires_in: 86_400,
      associated_user_scope: APP_SCOPES.join(","),
      associated_user: {
        id: userId,
        first_name: name,
        last_name: "",
        email: `${userId}@agency.example`,
        email_verified: true,
        account_owner: false,
        locale: "en",
        collaborator: true,
      },
    },
  });
}

/** A request signed for the shop by any Shopify user (a session token with that `sub`). */
export const requestAs = (userId: number, shop: string, path: string, init: RequestInit = {}) => userRequest(path, init, shop, userId);
