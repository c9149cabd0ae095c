// Staff and roles: who the staff are (from Shopify's online token exchange, through the emulator),
// what install work runs when, and the Staff & roles page's rules.
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { Role } from "~/domain/governance/roles";
import { action as staffAction, loader as staffLoader } from "~/routes/app.settings_.staff";
import { authenticate } from "~/shopify.server";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { createShopifyEmulator, deployAppFunctions, type ShopifyEmulator } from "../../dev/emulator";
import { adminRequest, installShop, OTHER_SHOP, TEST_SHOP, TEST_STAFF, testStaff } from "../support/shopify-app";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, never> }) => Promise<Response>;

/** Calls a Remix loader or action the way the server does, turning a thrown Response into the answer. */
async function call(handler: unknown, request: Request): Promise<Response> {
  try {
    return await (handler as Handler)({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const changeRole = async (staffId: number, role: string, as: Role = "owner", shop = TEST_SHOP) =>
  call(
    staffAction,
    await adminRequest("/app/settings/staff?intent=role", { method: "POST", body: new URLSearchParams({ staffId: String(staffId), role }) }, shop, as),
  );

describe("staff from Shopify's token exchange", () => {
  const SHOP = "fresh-install.myshopify.com";
  let emulator: ShopifyEmulator;

  beforeAll(() => {
    emulator = createShopifyEmulator({
      shops: [{ domain: SHOP, name: "Fresh Install Co", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" }],
      appCredentials: { apiKey: API_KEY, apiSecret: API_SECRET_KEY },
    });
    deployAppFunctions(emulator, SHOP);
    for (const [role, user] of Object.entries(TEST_STAFF)) {
      emulator
        .seedFor(SHOP)
        .staffUser({ id: user.userId, firstName: user.firstName, lastName: user.lastName, email: user.email, accountOwner: role === "owner" });
    }
    routeShopifyRequestsTo(emulator.fetch);
  });
  afterAll(() => routeShopifyRequestsTo());

  it("installs on the first exchange and makes the account owner an Owner", async () => {
    const { session } = await authenticate.admin(await adminRequest("/app", {}, SHOP, "owner"));
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user).toMatchObject({ id: TEST_STAFF.owner.userId, account_owner: true, email: "olivia@example.com" });
    expect(await prisma.shop.findUnique({ where: { domain: SHOP } })).toMatchObject({ name: "Fresh Install Co", currencyCode: "EUR", uninstalledAt: null });
    expect(await prisma.staffMember.findMany({ where: { shopDomain: SHOP } })).toEqual([
      expect.objectContaining({ userId: String(TEST_STAFF.owner.userId), name: "Olivia Owner", role: "owner", accountOwner: true }),
    ]);
    expect(await prisma.ordersBackfill.count({ where: { shopDomain: SHOP } })).toBe(1);
    // The offline session background work uses was stored by the same exchange, with the token the
    // emulator's Admin API accepts.
    const offline = await prisma.session.findUnique({ where: { id: `offline_${SHOP}` } });
    expect(offline?.accessToken).toBe(emulator.store(SHOP).issuedTokens.offline);
  });

  it("adds a new staff member as a Requester without running the install work again", async () => {
    await prisma.ordersBackfill.updateMany({ where: { shopDomain: SHOP }, data: { status: "completed", finishedAt: new Date() } });
    const installedAt = (await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).installedAt;

    const { session } = await authenticate.admin(await adminRequest("/app", {}, SHOP, "requester"));
    expect(session.onlineAccessInfo?.associated_user.id).toBe(TEST_STAFF.requester.userId);
    const riley = await prisma.staffMember.findUniqueOrThrow({
      where: { shopDomain_userId: { shopDomain: SHOP, userId: String(TEST_STAFF.requester.userId) } },
    });
    expect(riley).toMatchObject({ name: "Riley Requester", email: "riley@example.com", role: "requester", accountOwner: false });
    // A finished backfill is not restarted and the install date stays the first one.
    expect(await prisma.ordersBackfill.count({ where: { shopDomain: SHOP } })).toBe(1);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).installedAt).toEqual(installedAt);
  });

  it("reruns the install work after an uninstall", async () => {
    const { recordUninstall } = await import("~/domain/shops.server");
    await recordUninstall(prisma, SHOP);
    await authenticate.admin(await adminRequest("/app", {}, SHOP, "manager"));
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).uninstalledAt).toBeNull();
    expect(await prisma.ordersBackfill.count({ where: { shopDomain: SHOP } })).toBe(2);
  });

  it("turns away a Shopify user the store does not have", async () => {
    const { getJwt } = await import("@shopify/shopify-api/test-helpers");
    const request = await adminRequest("/app", {}, SHOP, "owner");
    const url = new URL(request.url);
    url.searchParams.set("id_token", (await getJwt(SHOP.replace(".myshopify.com", ""), API_KEY, API_SECRET_KEY, { sub: "424242" })).token);
    const response = await call(
      ({ request: r }: { request: Request }) => authenticate.admin(r).then(() => new Response("in", { status: 200 })),
      new Request(url.href, request),
    );
    // Shopify's invalid_subject_token sends the page back to App Bridge for a fresh token.
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/auth/session-token");
    expect(await prisma.staffMember.count({ where: { shopDomain: SHOP, userId: "424242" } })).toBe(0);
  });
});

describe("the Staff & roles page", () => {
  beforeAll(async () => {
    await installShop(TEST_SHOP);
    await installShop(OTHER_SHOP);
  });

  it("lists the shop's staff with their roles and the account owner, and the role descriptions", async () => {
    const response = await call(staffLoader, await adminRequest("/app/settings/staff", {}, TEST_SHOP, "manager"));
    const data = (await response.json()) as {
      viewer: { role: string; permissions: Record<string, boolean> };
      staff: { name: string; role: string; accountOwner: boolean; locked: string | null; email: string; lastSeenAt: string }[];
      roles: { role: string; description: string }[];
    };
    expect(data.viewer).toMatchObject({ role: "manager", permissions: expect.objectContaining({ "staff.manage": false }) });
    expect(data.staff.map((s) => [s.name, s.role, s.accountOwner])).toEqual(
      expect.arrayContaining([
        ["Olivia Owner", "owner", true],
        ["Avery Approver", "approver", false],
        ["Morgan Manager", "manager", false],
        ["Riley Requester", "requester", false],
      ]),
    );
    expect(data.staff.find((s) => s.accountOwner)?.locked).toBe("The store's account owner is always an Owner.");
    expect(data.staff.every((s) => !s.email.includes("other-shop"))).toBe(true);
    expect(data.roles.map((r) => r.role)).toEqual(["owner", "approver", "manager", "requester"]);
    expect(data.roles[0].description).toMatch(/staff roles/);
  });

  it("keeps a staff member's last seen current: a visit more than five minutes after the last one records it", async () => {
    const manager = await prisma.staffMember.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, role: "manager" } });
    const longAgo = new Date(Date.now() - 6 * 60_000);
    await prisma.staffMember.update({ where: { id: manager.id }, data: { lastSeenAt: longAgo } });
    const before = Date.now();
    const response = await call(staffLoader, await adminRequest("/app/settings/staff", {}, TEST_SHOP, "manager"));
    const data = (await response.json()) as { staff: { id: number; lastSeenAt: string }[] };
    const seen = new Date(data.staff.find((s) => s.id === manager.id)!.lastSeenAt).getTime();
    expect(seen).toBeGreaterThanOrEqual(before - 1000);
  });

  it("lets an Owner change a role, recorded in the audit trail with the role before and after", async () => {
    const riley = await testStaff("requester");
    const response = await changeRole(riley.id, "approver");
    expect(response.status).toBe(200);
    expect((await testStaff("requester")).role).toBe("approver");
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { shopDomain: TEST_SHOP, action: "staff.role", entityId: String(riley.id) },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ actorName: "Olivia Owner", entityType: "staff", entityLabel: "Riley Requester" });
    expect(entry.diff).toEqual({ role: { before: "requester", after: "approver" } });
    await changeRole(riley.id, "requester");
  });

  it("never demotes the store's account owner", async () => {
    const olivia = await testStaff("owner");
    const auditsBefore = await prisma.auditEntry.count({ where: { action: "staff.role" } });
    const response = await changeRole(olivia.id, "manager");
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ ok: false, errors: { role: "The store's account owner is always an Owner." } });
    expect((await testStaff("owner")).role).toBe("owner");
    expect(await prisma.auditEntry.count({ where: { action: "staff.role" } })).toBe(auditsBefore);
  });

  it("never leaves a store without an Owner", async () => {
    const SHOP = "one-owner.myshopify.com";
    await installShop(SHOP);
    // Odd but possible data: the only Owner is not the account owner (Avery was made Owner, then
    // the account owner's row was changed before they ever came back).
    const avery = await testStaff("approver", SHOP);
    await prisma.staffMember.update({ where: { id: avery.id }, data: { role: "owner" } });
    await prisma.staffMember.update({ where: { id: (await testStaff("owner", SHOP)).id }, data: { role: "manager", accountOwner: false } });
    const response = await changeRole(avery.id, "approver", "approver", SHOP);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { errors: { role: string } }).errors.role).toMatch(/only Owner/);
    expect((await testStaff("approver", SHOP)).role).toBe("owner");
  });

  it("refuses a role that does not exist, naming the roles", async () => {
    const response = await changeRole((await testStaff("manager")).id, "superuser");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { role: string } }).errors.role).toBe("Choose one of the roles: Requester, Manager, Approver, Owner.");
  });

  it("answers another shop's staff member like a missing one: 404, nothing changed", async () => {
    const theirs = await testStaff("requester", OTHER_SHOP);
    const response = await changeRole(theirs.id, "owner");
    expect(response.status).toBe(404);
    expect((await testStaff("requester", OTHER_SHOP)).role).toBe("requester");
    expect((await changeRole(999_999, "owner")).status).toBe(404);
  });

  it("refuses role changes to everyone but an Owner, before reading the form", async () => {
    for (const role of ["approver", "manager", "requester"] as const) {
      const response = await changeRole((await testStaff("requester")).id, "owner", role);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ permission: "staff.manage" });
    }
    expect((await testStaff("requester")).role).toBe("requester");
  });
});
