// The Approvals page's data and actions: the queue of pending requests (with the reasons, the
// note, overlaps and the worst-case combined discount), decided requests, the viewer's
// notifications; and its intent table (app/features/intents.server.ts).
import { json } from "@remix-run/node";
import prisma from "~/db.server";
import { findCampaign, parseInput } from "~/domain/campaigns/campaigns.server";
import { viewerOf, type StaffContext } from "~/features/access.server";
import { NotFound } from "~/domain/errors";
import { domainErrorResponse, failure, intent, type IntentArgs } from "~/features/intents.server";
import { emailStatus } from "~/domain/governance/mail.server";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "~/domain/governance/notifications.server";
import { can } from "~/domain/governance/roles";
import { approvalReasons, approveRequest, findRequest, rejectRequest, requestView, withdrawRequest } from "~/domain/governance/workflow.server";
import { revisionChanges } from "~/features/campaigns/campaign-governance.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";

const HISTORY_SIZE = 50;

async function staffNames(shopDomain: string) {
  const rows = await prisma.staffMember.findMany({ where: { shopDomain }, select: { id: true, name: true } });
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return (id: number | null) => (id === null ? null : (names.get(id) ?? "A former staff member"));
}

export async function approvalsPage(context: StaffContext) {
  const shopDomain = context.session.shop;
  const timeZone = await shopTimeZone(shopDomain);
  const nameOf = await staffNames(shopDomain);
  const pendingRows = await prisma.approvalRequest.findMany({ where: { shopDomain, status: "pending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const pending = await Promise.all(
    pendingRows.map(async (row) => {
      const campaign = await findCampaign(prisma, shopDomain, row.campaignId);
      const proposed = parseInput(row.proposed);
      // Recomputed now: other campaigns may have gone live since the request was made.
      const { depth, reasons } = await approvalReasons(prisma, shopDomain, proposed, row.campaignId);
      return {
        ...requestView(row),
        campaignName: proposed.name,
        campaignStatus: campaign?.status ?? "deleted",
        requestedBy: nameOf(row.requestedById),
        currentReasons: reasons,
        depth: { conflicts: depth.conflicts, worstCase: depth.worstCase, limit: depth.limit, exceeded: depth.exceeded },
        changes: row.kind === "revision" && campaign ? revisionChanges(campaign, row.proposed, timeZone) : [],
      };
    }),
  );
  const decided = await prisma.approvalRequest.findMany({
    where: { shopDomain, status: { not: "pending" } },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: HISTORY_SIZE,
  });
  const history = decided.map((row) => ({
    ...requestView(row),
    campaignName: parseInput(row.proposed).name,
    requestedBy: nameOf(row.requestedById),
    decidedBy: nameOf(row.decidedById),
  }));
  return {
    viewer: viewerOf(context),
    canDecide: can(context.staff.role, "campaign.approve"),
    pending,
    history,
    notifications: (await listNotifications(prisma, shopDomain, context.staff.id)).map((n) => ({
      id: n.id,
      message: n.message,
      link: n.link,
      createdAt: n.createdAt,
      read: n.readAt !== null,
    })),
    unread: await unreadNotificationCount(prisma, shopDomain, context.staff.id),
    email: emailStatus(),
    timeZone,
  };
}

const done = (message: string) => json({ ok: true as const, done: message, errors: {} as Record<string, string> });

/** The domain's refusal of a decision on this request, shown on its row (details.requestId). */
async function onRequest<T>(requestId: number, work: Promise<T>) {
  try {
    return { ok: true as const, value: await work };
  } catch (error) {
    return { ok: false as const, response: domainErrorResponse(error, { details: { requestId } }) };
  }
}

async function markRead({ context, input }: IntentArgs<Record<string, string | undefined>>) {
  const id = input.notificationId;
  const count = await markNotificationsRead(prisma, context.session.shop, context.staff.id, id ? Number(id) : null);
  return done(count === 1 ? "Marked as read" : `${count} notifications marked as read`);
}

/** The approval request the form names, among the shop's. */
async function approvalOf(context: StaffContext, requestId: string | undefined) {
  return findRequest(prisma, context.session.shop, Number(requestId ?? ""));
}

async function approve({ context, input }: IntentArgs<Record<string, string | undefined>>) {
  const approval = await approvalOf(context, input.requestId);
  if (!approval) throw new NotFound("That approval request doesn't exist.");
  const approved = await onRequest(
    approval.id,
    approveRequest({ db: prisma, staff: context.staff, admin: context.admin }, approval, { overrideReason: input.overrideReason ?? "" }),
  );
  if (!approved.ok) return approved.response;
  const { campaign, publish } = approved.value;
  if (!publish.ok)
    return failure(
      422,
      { general: `Approved, but Shopify refused the publish: ${Object.values(publish.errors).join(" ")} Open the campaign to fix it.` },
      undefined,
      { requestId: approval.id },
    );
  return done(`${campaign.name} approved and published`);
}

const decide =
  (decision: "reject" | "withdraw") =>
  async ({ context, input }: IntentArgs<Record<string, string | undefined>>) => {
    const approval = await approvalOf(context, input.requestId);
    if (!approval) throw new NotFound("That approval request doesn't exist.");
    const decided = await onRequest(
      approval.id,
      decision === "reject" ? rejectRequest(prisma, context.staff, approval, input.decisionReason ?? "") : withdrawRequest(prisma, context.staff, approval),
    );
    if (!decided.ok) return decided.response;
    return done(decision === "reject" ? "Request rejected" : "Request withdrawn");
  };

/** The Approvals page's buttons; the intent travels in the URL and is authorized before the form is read. */
export const APPROVALS_ACTIONS = {
  approve: intent({ permission: "campaign.approve", run: approve }),
  reject: intent({ permission: "campaign.approve", run: decide("reject") }),
  withdraw: intent({ permission: "campaign.draft", run: decide("withdraw") }),
  read: intent({ permission: "campaign.draft", run: markRead }),
};
