// What a campaign page shows about governance: the viewer and what they may do, the staff to pick
// an owner from, where the campaign is in the approval workflow (with the reasons), a pending
// revision next to the live version, and overlaps with other campaigns and the worst case.
import type { ApprovalRequest, Campaign } from "@prisma/client";
import prisma from "~/db.server";
import { auditValuesOfInput, campaignInputOf, parseInput } from "~/domain/campaigns/campaigns.server";
import { viewerOf, type StaffContext } from "~/features/access.server";
import { auditDiff } from "~/domain/governance/audit.server";
import { getPolicy, requiredFields } from "~/domain/governance/policy.server";
import { can, whyNot } from "~/domain/governance/roles";
import { listStaff } from "~/domain/governance/staff.server";
import { approvalReasons, latestRequests, publishRefusal, requestView } from "~/domain/governance/workflow.server";
import { formatDateTime } from "~/lib/format";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  ownerStaffId: "Owner (staff member)",
  ownerName: "Owner",
  ownerEmail: "Owner's email",
  purpose: "Purpose",
  channel: "Channel",
  config: "Discount and conditions",
  codeSource: "Codes come from",
  sharedCode: "Code",
  generatedCount: "Number of codes",
  generatedPrefix: "Prefix",
  generatedLength: "Random characters",
  poolId: "Coupon pool",
  startsAt: "Starts",
  endsAt: "Ends",
  usageLimit: "Total uses allowed",
  budgetDiscount: "Budget: discounts given",
  budgetRevenue: "Budget: revenue goal",
  budgetRedemptions: "Budget: redemptions",
  dailyCap: "Redemptions per day",
  oncePerCustomer: "One use per customer",
  combinesWithProduct: "Combines with product discounts",
  combinesWithOrder: "Combines with order discounts",
  combinesWithShipping: "Combines with shipping discounts",
  stackingCategory: "Stacking category",
  priority: "Priority",
};

function shown(field: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if ((field === "startsAt" || field === "endsAt") && typeof value === "string") return formatDateTime(value, timeZone);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** Field-by-field: the live version next to the proposed one. */
export function revisionChanges(live: Campaign, proposedJson: string, timeZone: string) {
  const diff = auditDiff(auditValuesOfInput(campaignInputOf(live)), auditValuesOfInput(parseInput(proposedJson)));
  return Object.entries(diff).map(([field, { before, after }]) => ({
    field,
    label: FIELD_LABELS[field] ?? field,
    live: shown(field, before, timeZone),
    proposed: shown(field, after, timeZone),
  }));
}

async function namesOf(shopDomain: string, ids: (number | null)[]) {
  const wanted = ids.filter((id): id is number => id !== null);
  const rows = await prisma.staffMember.findMany({ where: { shopDomain, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function describeRequest(request: ApprovalRequest | null) {
  if (!request) return null;
  const names = await namesOf(request.shopDomain, [request.requestedById, request.decidedById]);
  const view = requestView(request);
  return {
    ...view,
    requestedBy: names.get(view.requestedById) ?? "A former staff member",
    decidedBy: view.decidedById === null ? null : (names.get(view.decidedById) ?? "A former staff member"),
  };
}

export async function staffChoices(shopDomain: string) {
  return (await listStaff(prisma, shopDomain)).map((staff) => ({ id: staff.id, name: staff.name, email: staff.email }));
}

export type StaffChoice = Awaited<ReturnType<typeof staffChoices>>[number];

/** Everything governance adds to the campaign page. */
export async function campaignGovernance(context: StaffContext, campaign: Campaign, timeZone: string) {
  const viewer = viewerOf(context);
  const role = context.staff.role;
  const policy = await getPolicy(prisma, campaign.shopDomain);
  const input = campaignInputOf(campaign);
  const { violations, depth, reasons } = await approvalReasons(prisma, campaign.shopDomain, input, campaign.id);
  const { latest, pending } = await latestRequests(prisma, campaign);
  const published = campaign.shopifyDiscountId !== null;
  const archived = campaign.status === "archived";
  const ownPending = pending !== null && pending.requestedById === context.staff.id;
  return {
    viewer,
    staff: await staffChoices(campaign.shopDomain),
    required: requiredFields(policy),
    approvalState: campaign.approvalState,
    /** The policy rules the stored version breaks (why it needs an Approver). */
    reasons,
    needsApproval: violations.length > 0 || depth.exceeded !== null,
    depth: { conflicts: depth.conflicts, worstCase: depth.worstCase, limit: depth.limit, exceeded: depth.exceeded },
    latestRequest: await describeRequest(latest),
    pendingRevision: pending && pending.kind === "revision" ? { requestId: pending.id, changes: revisionChanges(campaign, pending.proposed, timeZone) } : null,
    actions: {
      /** Why the viewer can't publish this version, or null. */
      publish: archived ? "An archived campaign can't be published again." : publishRefusal(context.staff, campaign, violations),
      save: whyNot(role, "campaign.draft"),
      submit: archived
        ? "An archived campaign can't be submitted."
        : !published && campaign.approvalState === "submitted"
          ? "It is already waiting for approval."
          : whyNot(role, "campaign.draft"),
      lifecycle: whyNot(role, "campaign.publish"),
      approve: pending ? whyNot(role, "campaign.approve") : "Nothing is waiting for approval.",
      withdraw: pending
        ? ownPending || can(role, "campaign.approve")
          ? null
          : "Only whoever asked, an Approver or the Owner can withdraw this request."
        : "Nothing is waiting for approval.",
      /** An Approver publishing above the combined-depth limit must write why. */
      overrideNeeded: depth.exceeded !== null && can(role, "campaign.approve"),
    },
  };
}

export type CampaignGovernance = Awaited<ReturnType<typeof campaignGovernance>>;
