import { beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import {
  listNotifications,
  markNotificationsRead,
  notifyApprovers,
  notifyRequester,
  pendingRequestCount,
  unreadNotificationCount,
} from "~/domain/governance/notifications.server";
import { OTHER_SHOP, TEST_SHOP, installShop, testStaff } from "../support/shopify-app";

beforeAll(async () => {
  await installShop(TEST_SHOP);
  await installShop(OTHER_SHOP);
});

describe("in-app notifications", () => {
  it("tell every Approver and the Owner (not the requester) of a request, and the requester of the decision", async () => {
    const [owner, approver, requester, manager] = await Promise.all([testStaff("owner"), testStaff("approver"), testStaff("requester"), testStaff("manager")]);
    const told = await notifyApprovers(prisma, { shopDomain: TEST_SHOP, requester, campaignName: "Winter 30", campaignId: 7, requestId: 1, kind: "new" });
    expect(told).toBe(2);
    for (const staff of [owner, approver]) {
      expect((await listNotifications(prisma, TEST_SHOP, staff.id)).map((n) => [n.message, n.link])).toEqual([
        ["Riley Requester requests approval for Winter 30.", "/app/approvals"],
      ]);
    }
    expect(await listNotifications(prisma, TEST_SHOP, requester.id)).toEqual([]);
    expect(await listNotifications(prisma, TEST_SHOP, manager.id)).toEqual([]);

    await notifyApprovers(prisma, { shopDomain: TEST_SHOP, requester: approver, campaignName: "Winter 30", campaignId: 7, requestId: 2, kind: "revision" });
    expect((await listNotifications(prisma, TEST_SHOP, owner.id))[0].message).toBe("Avery Approver requests approval for changes to Winter 30.");
    expect(await listNotifications(prisma, TEST_SHOP, approver.id)).toHaveLength(1);

    await notifyRequester(prisma, {
      shopDomain: TEST_SHOP,
      staffId: requester.id,
      campaignId: 7,
      campaignName: "Winter 30",
      decision: "rejected",
      reason: "Too deep for January",
      decidedBy: approver,
    });
    expect((await listNotifications(prisma, TEST_SHOP, requester.id)).map((n) => [n.message, n.link])).toEqual([
      ["Avery Approver rejected Winter 30: Too deep for January", "/app/campaigns/7"],
    ]);
  });

  it("are marked read one at a time or all at once, only the staff member's own and only in their shop", async () => {
    const owner = await testStaff("owner");
    const theirOwner = await testStaff("owner", OTHER_SHOP);
    await notifyApprovers(prisma, {
      shopDomain: OTHER_SHOP,
      requester: await testStaff("requester", OTHER_SHOP),
      campaignName: "Theirs",
      campaignId: 9,
      requestId: 3,
      kind: "new",
    });
    const mine = await listNotifications(prisma, TEST_SHOP, owner.id);
    expect(await unreadNotificationCount(prisma, TEST_SHOP, owner.id)).toBe(2);
    const theirs = (await listNotifications(prisma, OTHER_SHOP, theirOwner.id))[0];
    // Another shop's (or another person's) notification id changes nothing.
    expect(await markNotificationsRead(prisma, TEST_SHOP, owner.id, theirs.id)).toBe(0);
    expect(await unreadNotificationCount(prisma, OTHER_SHOP, theirOwner.id)).toBe(1);
    expect(await markNotificationsRead(prisma, TEST_SHOP, owner.id, mine[0].id)).toBe(1);
    expect(await unreadNotificationCount(prisma, TEST_SHOP, owner.id)).toBe(1);
    expect(await markNotificationsRead(prisma, TEST_SHOP, owner.id, null)).toBe(1);
    expect(await unreadNotificationCount(prisma, TEST_SHOP, owner.id)).toBe(0);
    expect(await unreadNotificationCount(prisma, OTHER_SHOP, theirOwner.id)).toBe(1);
  });

  it("counts pending requests per shop for the nav", async () => {
    const requester = await testStaff("requester");
    await prisma.approvalRequest.createMany({
      data: [
        { shopDomain: TEST_SHOP, campaignId: 1, kind: "new", proposed: "{}", requestedById: requester.id },
        { shopDomain: TEST_SHOP, campaignId: 2, kind: "new", proposed: "{}", requestedById: requester.id, status: "approved" },
        { shopDomain: OTHER_SHOP, campaignId: 3, kind: "new", proposed: "{}", requestedById: requester.id },
      ],
    });
    expect(await pendingRequestCount(prisma, TEST_SHOP)).toBe(1);
  });
});
