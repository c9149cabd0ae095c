import { Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY, RequestType, USER_ID, getJwt, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "~/db.server";
import type { Role } from "~/domain/governance/roles";
import { recordInstall } from "~/domain/shops.server";
import { sessionStorage } from "~/shopify.server";
import { APP_SCOPES } from "~/shopify/config";

export const TEST_SHOP = "test-shop.myshopify.com";
export const OTHER_SHOP = "other-shop.myshopify.com";
export const APP_ORIGIN = "https://promoguard.test";

/** The test shops' staff: one Shopify user per role; the owner is the store's account owner. */
export const TEST_STAFF: Record<Role, { userId: number; firstName: string; lastName: string; email: string }> = {
  owner: { userId: USER_ID, firstName: "Olivia", lastName: "Owner", email: "olivia@example.com" },
  approver: { userId: 22222, firstName: "Avery", lastName: "Approver", email: "avery@example.com" },
  manager: { userId: 33333, firstName: "Morgan", lastName: "Manager", email: "morgan@example.com" },
  requester: { userId: 44444, firstName: "Riley", lastName: "Requester", email: "riley@example.com" },
};

/** The online session token exchange would have stored for a staff member. */
export function onlineSession(shop: string, role: Role) {
  const user = TEST_STAFF[role];
  return new Session({
    id: `${shop}_${user.userId}`,
    shop,
    state: "online",
    isOnline: true,
    scope: APP_SCOPES.join(","),
    expires: new Date(Date.now() + 24 * 3600 * 1000),
    accessToken: `shpua_test_${shop}_${user.userId}`,
    onlineAccessInfo: {
      expires_in: 86_400,
      associated_user_scope: APP_SCOPES.join(","),
      associated_user: {
        id: user.userId,
        first_name: user.firstName,
        last_name: user.lastName,
        email: user.email,
        email_verified: true,
        account_owner: role === "owner",
        locale: "en",
        collaborator: false,
      },
    },
  });
}

/**
 * A shop that has installed the app: its offline session, its Shop row, and one staff member per
 * role who has opened the app (online session and StaffMember with that role).
 */
export async function installShop(shop: string = TEST_SHOP) {
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: APP_SCOPES.join(","),
      accessToken: `shpat_test_${shop}`,
    }),
  );
  await recordInstall(prisma, shop, { name: shop.split(".")[0], currencyCode: "USD", ianaTimezone: "America/New_York" });
  for (const role of Object.keys(TEST_STAFF) as Role[]) {
    const user = TEST_STAFF[role];
    await sessionStorage.storeSession(onlineSession(shop, role));
    await prisma.staffMember.upsert({
      where: { shopDomain_userId: { shopDomain: shop, userId: String(user.userId) } },
      update: { role },
      create: {
        shopDomain: shop,
        userId: String(user.userId),
        name: `${user.firstName} ${user.lastName}`,
        email: user.email,
        accountOwner: role === "owner",
        role,
      },
    });
  }
}

/** The StaffMember row of a test shop's staff member. */
export async function testStaff(role: Role, shop: string = TEST_SHOP) {
  return prisma.staffMember.findUniqueOrThrow({ where: { shopDomain_userId: { shopDomain: shop, userId: String(TEST_STAFF[role].userId) } } });
}

/**
 * A request as the Shopify admin makes it for an embedded page: a signed session token of the
 * staff member with that role (the owner unless told otherwise).
 */
export async function adminRequest(path: string, init: RequestInit = {}, shop: string = TEST_SHOP, as: Role = "owner") {
  return userRequest(path, init, shop, TEST_STAFF[as].userId);
}

/** The same for any Shopify user: a session token with that user id as `sub`. */
export async function userRequest(path: string, init: RequestInit, shop: string, userId: number) {
  const store = shop.replace(".myshopify.com", "");
  const type = (init.method ?? "GET").toUpperCase() === "GET" ? RequestType.Admin : RequestType.Bearer;
  const request = await setUpValidRequest({ type, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(new URL(path, APP_ORIGIN), init));
  const { token } = await getJwt(store, API_KEY, API_SECRET_KEY, { sub: String(userId) });
  if (type === RequestType.Bearer) {
    request.headers.set("authorization", `Bearer ${token}`);
    return request;
  }
  const url = new URL(request.url);
  url.searchParams.set("id_token", token);
  return new Request(url.href, request);
}
