// The Approvals page's data and actions: the queue of pending requests (with the reasons, the
// note, overlaps and the worst-case combined discount), decided requests, the viewer's
// notifications. Actions carry their intent in the URL and authorize it before reading the form.
import { json } from "@remix-run/node";
import prisma from "~/db.server";
import { findCampaign, parseInput } from "~/domain/campaigns/campaigns.server";
import { authorize, viewerOf, type StaffContext } from "~/features/access.server";
import { emailStatus } from "~/domain/governance/mail.server";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "~/domain/governance/notifications.server";
import { can, type Permission } from "~/domain/governance/roles";
import {
  approvalReasons, approveRequest, findRequest, rejectRequest, requestView, withdrawRequest,
} from "~/domain/governance/workflow.server";
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
  const decided = await prisma.approvalRequest.findMany({ where: { shopDomain, status: { not: "pending" } }, orderBy: [{ decidedAt: "desc" }, { id: "desc" }], take: HISTORY_SIZE });
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
    notifications: (await listNotifications(prisma, shopDomain, context.staff.id)).map((n) => ({ id: n.id, message: n.message, link: n.link, createdAt: n.createdAt, read: n.readAt !== null })),
    unread: await unreadNotificationCount(prisma, shopDomain, context.staff.id),
    email: emailStatus(),
    timeZone,
  };
}

const INTENTS = { approve: "campaign.approve", reject: "campaign.approve", withdraw: "campaign.draft", read: "campaign.draft" } as const satisfies Record<string, Permission>;
type Intent = keyof typeof INTENTS;

const failed = (status: number, errors: Record<string, string>, requestId: number | null = null) => json({ ok: false as const, done: null, errors, requestId }, { status });
const done = (message: string) => json({ ok: true as const, done: message, errors: {} as Record<string, string>, requestId: null as number | null });

export async function approvalsAction(request: Request) {
  const raw = new URL(request.url).searchParams.get("intent") ?? "";
  const intent = Object.hasOwn(INTENTS, raw) ? (raw as Intent) : null;
  const context = await authorize(request, intent ? INTENTS[intent] : "campaign.draft");
  if (!intent) return failed(400, { general: `Unknown action "${raw}".` });
  const shopDomain = context.session.shop;
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };

  if (intent === "read") {
    const id = field("notificationId");
    const count = await markNotificationsRead(prisma, shopDomain, context.staff.id, id ? Number(id) : null);
    return done(count === 1 ? "Marked as read" : `${count} notifications marked as read`);
  }

  const approval = await findRequest(prisma, shopDomain, Number(field("requestId")));
  if (!approval) return failed(404, { general: "That approval request doesn't exist." });
  if (intent === "approve") {
    const approved = await approveRequest({ db: prisma, staff: context.staff, admin: context.admin }, approval, { overrideReason: field("overrideReason") });
    if (!approved.ok) return failed(approved.status, approved.errors, approval.id);
    if (!approved.publish.ok) return failed(422, { general: `Approved, but Shopify refused the publish: ${Object.values(approved.publish.errors).join(" ")} Open the campaign to fix it.` }, approval.id);
    return done(`${approved.campaign.name} approved and published`);
  }
  const result = intent === "reject" ? await rejectRequest(prisma, context.staff, approval, field("decisionReason")) : await withdrawRequest(prisma, context.staff, approval);
  if (!result.ok) return failed(result.status, result.errors, approval.id);
  return done(intent === "reject" ? "Request rejected" : "Request withdrawn");
}
