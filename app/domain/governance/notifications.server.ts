// In-app notifications of the approval workflow: Approvers hear of a new request, the requester of
// the decision. Email to Approvers goes through the job queue (mail.server) so a slow or broken
// mail server never holds up or fails the request that triggered it.
import type { Notification } from "@prisma/client";
import type { Database } from "~/db.server";
import { enqueueApprovalEmail } from "./mail.server";
import { staffWithRoles, type Staff } from "./staff.server";

export const APPROVALS_PATH = "/app/approvals";
export const campaignPath = (campaignId: number) => `/app/campaigns/${campaignId}`;

/** "Riley Requester requests approval for Autumn sale" to every Approver and Owner but the requester. */
export async function notifyApprovers(
  db: Database,
  request: { shopDomain: string; requester: Pick<Staff, "id" | "name">; campaignName: string; campaignId: number; requestId: number; kind: "new" | "revision" },
): Promise<number> {
  const approvers = (await staffWithRoles(db, request.shopDomain, ["approver", "owner"])).filter((staff) => staff.id !== request.requester.id);
  const what = request.kind === "revision" ? `changes to ${request.campaignName}` : request.campaignName;
  await db.notification.createMany({
    data: approvers.map((approver) => ({
      shopDomain: request.shopDomain,
      staffId: approver.id,
      kind: "approval.requested",
      message: `${request.requester.name} requests approval for ${what}.`,
      link: APPROVALS_PATH,
    })),
  });
  await enqueueApprovalEmail(db, request.shopDomain, request.requestId);
  return approvers.length;
}

/** Tells the requester the decision, with the Approver's reason when there is one. */
export async function notifyRequester(
  db: Database,
  decision: {
    shopDomain: string;
    staffId: number;
    campaignId: number;
    campaignName: string;
    decision: "approved" | "rejected";
    reason: string | null;
    decidedBy: Pick<Staff, "name">;
  },
) {
  const message =
    decision.decision === "approved"
      ? `${decision.decidedBy.name} approved ${decision.campaignName}; it is published.`
      : `${decision.decidedBy.name} rejected ${decision.campaignName}: ${decision.reason}`;
  await db.notification.create({
    data: {
      shopDomain: decision.shopDomain,
      staffId: decision.staffId,
      kind: `approval.${decision.decision}`,
      message,
      link: campaignPath(decision.campaignId),
    },
  });
}

/** Notifications are written with the request (notifyApprovers), within this time of it. */
const WRITTEN_WITH_REQUEST_MS = 5_000;

/**
 * A request decided or withdrawn no longer waits for anyone: the Approvers' "requests approval"
 * notifications about it stop being new.
 */
export async function settleRequestNotifications(db: Database, request: { shopDomain: string; createdAt: Date }) {
  await db.notification.updateMany({
    where: {
      shopDomain: request.shopDomain,
      kind: "approval.requested",
      readAt: null,
      createdAt: { gte: request.createdAt, lte: new Date(request.createdAt.getTime() + WRITTEN_WITH_REQUEST_MS) },
    },
    data: { readAt: new Date() },
  });
}

/** How many requests wait for a decision: the count next to Approvals in the nav. */
export async function pendingRequestCount(db: Database, shopDomain: string): Promise<number> {
  return db.approvalRequest.count({ where: { shopDomain, status: "pending" } });
}

export async function listNotifications(db: Database, shopDomain: string, staffId: number, limit = 20): Promise<Notification[]> {
  return db.notification.findMany({ where: { shopDomain, staffId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

export async function unreadNotificationCount(db: Database, shopDomain: string, staffId: number): Promise<number> {
  return db.notification.count({ where: { shopDomain, staffId, readAt: null } });
}

/** Marks one of the staff member's notifications (or all of them, id null) as read; returns how many. */
export async function markNotificationsRead(db: Database, shopDomain: string, staffId: number, id: number | null): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { shopDomain, staffId, readAt: null, ...(id === null ? {} : { id }) },
    data: { readAt: new Date() },
  });
  return count;
}
