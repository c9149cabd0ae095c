// The approval workflow around campaigns: draft → submitted (with a note) → approved, which
// publishes at once, or rejected (with a reason). A published campaign edited beyond the policy
// (or by a Requester) becomes a pending revision: the live campaign and its Shopify discount stay
// exactly as they are until an Approver approves the revision, which applies and republishes it.
// Every transition is recorded in the audit trail with its actor and before/after.
import type { ApprovalRequest, Campaign } from "@prisma/client";
import type { Database } from "~/db.server";
import type { CampaignInput, FieldErrors } from "~/domain/campaigns/campaign-input";
import { Conflict, InvalidInput, NotFound, Refused } from "~/domain/errors";
import {
  auditValuesOf,
  auditValuesOfInput,
  campaignInputOf,
  createCampaign,
  findCampaign,
  parseInput,
  serializeInput,
  updateCampaign,
} from "~/domain/campaigns/campaigns.server";
import { archiveCampaign, pauseCampaign, publishCampaign, type CampaignOutcome } from "~/domain/campaigns/publishing.server";
import { enforceCaps, queueCapsCheck, resumeWithinCaps } from "~/domain/campaigns/caps.server";
import type { CampaignConfig } from "promo-discount/config";
import { scheduleCustomerUsesReconcile } from "~/domain/campaigns/customer-uses.server";
import { followsStock, scheduleStockReconcile } from "~/domain/campaigns/stock.server";
import type { AdminGraphql } from "~/shopify/discounts.server";
import { auditDiff, recordAudit } from "./audit.server";
import { CANDIDATE_NAME, findConflicts, type ConflictReport } from "./conflicts.server";
import { notifyApprovers, notifyRequester, settleRequestNotifications } from "./notifications.server";
import { evaluatePolicy, getPolicy, type Policy, type PolicyViolation } from "./policy.server";
import { playbookOriginViolation } from "~/domain/agency/origin.server";
import { can } from "./roles";
import type { Staff } from "./staff.server";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

export type ApprovalKind = "new" | "revision";
export type RequestStatus = "pending" | "approved" | "rejected" | "withdrawn" | "superseded";

/** Who acts, and with which Admin API client when the step reaches Shopify. */
export interface Acting {
  db: Database;
  staff: Staff;
  admin: AdminGraphql;
}

// A step the workflow refuses throws (app/domain/errors.ts): InvalidInput for the form's fields,
// Conflict when the campaign's or request's state refuses it (an override reason still missing
// included), Refused when the store's rules keep this person from doing it, NotFound for a
// campaign that is gone. Each step otherwise answers what it did.

/** An override beyond the maximum combined depth needs its written reason first. */
const reasonNeeded = (depth: DepthCheck) => {
  const message = `${depth.exceeded} Give the reason for the override.`;
  return new Conflict(message, { overrideReason: message });
};

// ---------------------------------------------------------------------------------------------
// Combined depth (conflicts.server finds the overlaps; the policy says how deep is too deep)

export interface DepthCheck {
  conflicts: ConflictReport["conflicts"];
  worstCase: ConflictReport["worstCase"];
  limit: number | null;
  /** Set when the worst case is above the limit: what the merchant reads. */
  exceeded: string | null;
}

export async function checkCombinedDepth(db: Database, shopDomain: string, policy: Policy, input: CampaignInput, campaignId?: number): Promise<DepthCheck> {
  const { conflicts, worstCase }: ConflictReport = await findConflicts(db, shopDomain, {
    campaignId,
    config: input.config,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    combinesWith: { product: input.combinesWithProduct, order: input.combinesWithOrder, shipping: input.combinesWithShipping },
  });
  const limit = policy.maxCombinedDepthPercent;
  const exceeded =
    worstCase && limit !== null && worstCase.percent > limit
      ? `Stacked with ${
          worstCase.campaigns
            .filter((other) => other.name !== CANDIDATE_NAME && other.id !== campaignId)
            .map((other) => other.name)
            .join(", ") || "other campaigns"
        }, ${worstCase.item} could get ${round(worstCase.percent)}% off, above the ${round(limit)}% maximum combined discount. Only an Approver can publish this, with a written reason.`
      : null;
  return { conflicts, worstCase, limit, exceeded };
}

const round = (value: number) => Number(value.toFixed(2));

// ---------------------------------------------------------------------------------------------
// Reading requests

export interface RequestView {
  id: number;
  campaignId: number;
  kind: ApprovalKind;
  status: RequestStatus;
  reasons: string[];
  requestNote: string;
  requestedById: number;
  decidedById: number | null;
  decisionReason: string | null;
  overrideReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export function requestView(row: ApprovalRequest): RequestView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    kind: row.kind as ApprovalKind,
    status: row.status as RequestStatus,
    reasons: row.reasons as string[],
    requestNote: row.requestNote,
    requestedById: row.requestedById,
    decidedById: row.decidedById,
    decisionReason: row.decisionReason,
    overrideReason: row.overrideReason,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
  };
}

export async function findRequest(db: Database, shopDomain: string, id: number): Promise<ApprovalRequest | null> {
  if (!Number.isSafeInteger(id)) return null;
  return db.approvalRequest.findFirst({ where: { id, shopDomain } });
}

/** The campaign's most recent request (its current place in the workflow), and its pending one. */
export async function latestRequests(db: Database, campaign: Campaign) {
  const latest = await db.approvalRequest.findFirst({
    where: { shopDomain: campaign.shopDomain, campaignId: campaign.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const pending = latest?.status === "pending" ? latest : null;
  return { latest, pending };
}

// ---------------------------------------------------------------------------------------------
// Saving

function auditCampaign(
  db: Database,
  staff: Staff | null,
  action: string,
  campaign: Campaign,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason?: string | null,
) {
  return recordAudit(db, {
    shopDomain: campaign.shopDomain,
    actor: staff,
    action,
    entityType: "campaign",
    entityId: campaign.id,
    entityLabel: campaign.name,
    before,
    after,
    reason,
  });
}

/** A new draft, created by the staff member (audited campaign.create). */
export async function createDraft(db: Database, staff: Staff, input: CampaignInput): Promise<{ campaign: Campaign }> {
  const created = await createCampaign(db, staff.shopDomain, input, staff.id);
  await auditCampaign(db, staff, "campaign.create", created, null, auditValuesOf(created));
  return { campaign: created };
}

/** Pending requests of the campaign are replaced by a newer version of it. */
async function supersedePending(db: Database, campaign: Campaign) {
  await db.approvalRequest.updateMany({
    where: { shopDomain: campaign.shopDomain, campaignId: campaign.id, status: "pending" },
    data: { status: "superseded", decidedAt: new Date() },
  });
}

/** Saves edits of a campaign that was never published. An edit voids an earlier submission or
 * approval: the changed version is what would be decided on. */
export async function saveDraft(db: Database, staff: Staff, campaign: Campaign, input: CampaignInput): Promise<{ campaign: Campaign }> {
  if (campaign.shopifyDiscountId) throw new Conflict("This campaign is published: changes to it go through publishing or a revision request.");
  if (campaign.status === "archived") throw new Conflict("An archived campaign can't be edited.");
  const before = auditValuesOf(campaign);
  let updated = await updateCampaign(db, campaign, input);
  if (campaign.approvalState !== "none") {
    await supersedePending(db, campaign);
    updated = await db.campaign.update({ where: { id: campaign.id }, data: { approvalState: "none" } });
  }
  await auditCampaign(db, staff, "campaign.update", updated, before, auditValuesOf(updated));
  return { campaign: updated };
}

// ---------------------------------------------------------------------------------------------
// Submitting, deciding, withdrawing

async function openRequest(
  db: Database,
  staff: Staff,
  campaign: Campaign,
  kind: ApprovalKind,
  input: CampaignInput,
  note: string,
  reasons: string[],
): Promise<ApprovalRequest> {
  await supersedePending(db, campaign);
  const request = await db.approvalRequest.create({
    data: {
      shopDomain: campaign.shopDomain,
      campaignId: campaign.id,
      kind,
      proposed: serializeInput(input),
      reasons,
      requestedById: staff.id,
      requestNote: note,
    },
  });
  const before = auditValuesOf(campaign);
  if (kind === "new") await db.campaign.update({ where: { id: campaign.id }, data: { approvalState: "submitted" } });
  await recordAudit(db, {
    shopDomain: campaign.shopDomain,
    actor: staff,
    action: "campaign.submit",
    entityType: "campaign",
    entityId: campaign.id,
    entityLabel: campaign.name,
    before: kind === "new" ? { approvalState: before.approvalState } : before,
    after: kind === "new" ? { approvalState: "submitted", request: request.id } : { ...auditValuesOfInput(input), request: request.id },
    reason: note || null,
  });
  await notifyApprovers(db, {
    shopDomain: campaign.shopDomain,
    requester: staff,
    campaignName: input.name,
    campaignId: campaign.id,
    requestId: request.id,
    kind,
  });
  return request;
}

/** Why this version needs an Approver: the policy rules it breaks, a playbook's campaign the store
 * has not approved yet, and a too-deep combination. */
export async function approvalReasons(db: Database, shopDomain: string, input: CampaignInput, campaignId?: number) {
  const policy = await getPolicy(db, shopDomain);
  const origin = campaignId === undefined ? null : await playbookOriginViolation(db, shopDomain, campaignId);
  const violations = [...evaluatePolicy(policy, input), ...(origin ? [origin] : [])];
  const depth = await checkCombinedDepth(db, shopDomain, policy, input, campaignId);
  return { policy, violations, depth, reasons: [...violations.map((v) => v.message), ...(depth.exceeded ? [depth.exceeded] : [])] };
}

/** Submits a draft (as saved) for approval with the requester's note. */
export async function submitDraft(db: Database, staff: Staff, campaign: Campaign, note: string): Promise<{ request: ApprovalRequest }> {
  if (campaign.shopifyDiscountId) throw new Conflict("This campaign is already published: edit it to request a revision.");
  if (campaign.status === "archived") throw new Conflict("An archived campaign can't be submitted.");
  if (campaign.approvalState === "submitted") throw new Conflict("This campaign is already waiting for approval.");
  const input = campaignInputOf(campaign);
  const { reasons } = await approvalReasons(db, campaign.shopDomain, input, campaign.id);
  return { request: await openRequest(db, staff, campaign, "new", input, note.trim(), reasons) };
}

export type LiveEditResult = { applied: true; campaign: Campaign; publish: CampaignOutcome } | { applied: false; request: ApprovalRequest; reasons: string[] };

/**
 * Edits of a published campaign. Applied and republished when the editor may publish them: an
 * Approver always (above the combined-depth limit only with an override reason), a Manager when
 * the new version is within the policy. Otherwise — a Requester, a Manager beyond the policy —
 * they become a pending revision and the live campaign is left exactly as it is. `asRequest`
 * asks for a revision even when the editor could apply it.
 */
export async function editPublished(
  acting: Acting,
  campaign: Campaign,
  input: CampaignInput,
  options: { note?: string; overrideReason?: string; asRequest?: boolean } = {},
): Promise<LiveEditResult> {
  const { db, staff } = acting;
  if (campaign.status === "archived") throw new Conflict("An archived campaign can't be edited.");
  const { violations, depth, reasons } = await approvalReasons(db, campaign.shopDomain, input, campaign.id);
  const approver = can(staff.role, "campaign.approve");
  const changed = Object.keys(auditDiff(auditValuesOfInput(campaignInputOf(campaign)), auditValuesOfInput(input))).length > 0;
  // Saving the approved version again (e.g. to retry a refused publish) needs no new approval.
  const reapproved = !changed && campaign.approvalState === "approved";
  const withinPolicy = reapproved || (violations.length === 0 && !depth.exceeded);
  if (options.asRequest || (!approver && !(can(staff.role, "campaign.publish") && withinPolicy))) {
    // Check the proposal would be accepted when applied (code source rules) before queuing it.
    const problems = codeSourceProblems(campaign, input);
    if (problems) throw new InvalidInput(problems);
    const request = await openRequest(db, staff, campaign, "revision", input, (options.note ?? "").trim(), reasons);
    return { applied: false, request, reasons };
  }
  const override = depth.exceeded && !reapproved;
  if (override && !options.overrideReason?.trim()) throw reasonNeeded(depth);
  const before = auditValuesOf(campaign);
  let updated = await updateCampaign(db, campaign, input);
  await supersedePending(db, campaign);
  // A Manager's change is not what was approved: the label would claim more than it should.
  if (changed && !approver && campaign.approvalState !== "none")
    updated = await db.campaign.update({ where: { id: campaign.id }, data: { approvalState: "none" } });
  if (changed) await auditCampaign(db, staff, "campaign.update", updated, before, auditValuesOf(updated));
  if (override) await recordOverride(db, staff, updated, depth, options.overrideReason!.trim(), null);
  const publish = await publishAudited(acting, updated);
  return { applied: true, campaign: publish.ok ? publish.campaign : updated, publish };
}

function codeSourceProblems(campaign: Campaign, input: CampaignInput): FieldErrors | null {
  if (input.codeSource !== campaign.codeSource) return { codeSource: "The code source can't change once codes exist. Create a new campaign instead." };
  if (campaign.codeSource === "pool" && !campaign.ownsPool && input.poolId !== campaign.poolId)
    return { poolId: "A published campaign keeps its pool. Create a new campaign for another pool." };
  return null;
}

async function recordOverride(db: Database, staff: Staff, campaign: Campaign, depth: DepthCheck, reason: string, requestId: number | null) {
  await recordAudit(db, {
    shopDomain: campaign.shopDomain,
    actor: staff,
    action: "approval.override",
    entityType: "campaign",
    entityId: campaign.id,
    entityLabel: campaign.name,
    before: { maxCombinedDepthPercent: depth.limit },
    after: { combinedDepthPercent: depth.worstCase?.percent ?? null, item: depth.worstCase?.item ?? null, ...(requestId ? { request: requestId } : {}) },
    reason,
  });
}

/** Decides a pending request. Approving applies the proposed version and publishes it at once. */
export async function approveRequest(
  acting: Acting,
  request: ApprovalRequest,
  options: { overrideReason?: string } = {},
): Promise<{ campaign: Campaign; publish: CampaignOutcome }> {
  const { db, staff } = acting;
  if (!can(staff.role, "campaign.approve")) throw new Refused("Only an Approver or the Owner can approve requests.");
  if (request.status !== "pending") throw new Conflict(`This request was already ${request.status}.`);
  const campaign = await findCampaign(db, request.shopDomain, request.campaignId);
  if (!campaign) throw new NotFound("The campaign of this request no longer exists.");
  if (campaign.status === "archived") throw new Conflict("The campaign was archived; reject the request instead.");
  const proposed = parseInput(request.proposed);
  const policy = await getPolicy(db, request.shopDomain);
  const depth = await checkCombinedDepth(db, request.shopDomain, policy, proposed, campaign.id);
  const overrideReason = options.overrideReason?.trim() ?? "";
  const reasonTooLong = tooLong("The reason", overrideReason, TEXT_LIMITS.reason);
  if (reasonTooLong) throw new InvalidInput({ overrideReason: reasonTooLong });
  if (depth.exceeded && !overrideReason) throw reasonNeeded(depth);

  const before = auditValuesOf(campaign);
  await updateCampaign(db, campaign, proposed);
  const decided = await db.approvalRequest.update({
    where: { id: request.id },
    data: { status: "approved", decidedById: staff.id, decidedAt: new Date(), overrideReason: overrideReason || null },
  });
  await settleRequestNotifications(db, request);
  // A re-applied playbook's revision brings its version with it.
  const updated = await db.campaign.update({
    where: { id: campaign.id },
    data: { approvalState: "approved", ...(request.playbookVersion !== null ? { playbookVersion: request.playbookVersion } : {}) },
  });
  await recordAudit(db, {
    shopDomain: request.shopDomain,
    actor: staff,
    action: "approval.approve",
    entityType: "campaign",
    entityId: campaign.id,
    entityLabel: updated.name,
    before: { request: request.id, status: "pending", approvalState: campaign.approvalState },
    after: { request: request.id, status: "approved", approvalState: "approved", kind: request.kind },
  });
  if (request.kind === "revision")
    await auditCampaign(db, staff, "campaign.update", updated, before, auditValuesOf(updated), `Approved revision request #${request.id}`);
  if (depth.exceeded) await recordOverride(db, staff, updated, depth, overrideReason, request.id);
  const publish = await publishAudited(acting, updated);
  await notifyRequester(db, {
    shopDomain: request.shopDomain,
    staffId: decided.requestedById,
    campaignId: campaign.id,
    campaignName: updated.name,
    decision: "approved",
    reason: null,
    decidedBy: staff,
  });
  return { campaign: publish.ok ? publish.campaign : updated, publish };
}

export async function rejectRequest(db: Database, staff: Staff, request: ApprovalRequest, reason: string): Promise<{ request: ApprovalRequest }> {
  if (!can(staff.role, "campaign.approve")) throw new Refused("Only an Approver or the Owner can reject requests.");
  if (request.status !== "pending") throw new Conflict(`This request was already ${request.status}.`);
  const why = reason.trim();
  if (!why) throw new InvalidInput({ decisionReason: "Say why you reject it: the requester reads this to fix the campaign." });
  const whyTooLong = tooLong("The reason", why, TEXT_LIMITS.reason);
  if (whyTooLong) throw new InvalidInput({ decisionReason: whyTooLong });
  const decided = await db.approvalRequest.update({
    where: { id: request.id },
    data: { status: "rejected", decidedById: staff.id, decidedAt: new Date(), decisionReason: why },
  });
  await settleRequestNotifications(db, request);
  const campaign = await findCampaign(db, request.shopDomain, request.campaignId);
  if (campaign) {
    if (request.kind === "new") await db.campaign.update({ where: { id: campaign.id }, data: { approvalState: "rejected" } });
    await recordAudit(db, {
      shopDomain: request.shopDomain,
      actor: staff,
      action: "approval.reject",
      entityType: "campaign",
      entityId: campaign.id,
      entityLabel: campaign.name,
      before: { request: request.id, status: "pending", ...(request.kind === "new" ? { approvalState: campaign.approvalState } : {}) },
      after: { request: request.id, status: "rejected", ...(request.kind === "new" ? { approvalState: "rejected" } : {}) },
      reason: why,
    });
    await notifyRequester(db, {
      shopDomain: request.shopDomain,
      staffId: request.requestedById,
      campaignId: campaign.id,
      campaignName: campaign.name,
      decision: "rejected",
      reason: why,
      decidedBy: staff,
    });
  }
  return { request: decided };
}

/** The requester (or an Approver) takes a pending request back. */
export async function withdrawRequest(db: Database, staff: Staff, request: ApprovalRequest): Promise<{ request: ApprovalRequest }> {
  if (request.requestedById !== staff.id && !can(staff.role, "campaign.approve"))
    throw new Refused("Only whoever asked, an Approver or the Owner can withdraw this request.");
  if (request.status !== "pending") throw new Conflict(`This request was already ${request.status}.`);
  const withdrawn = await db.approvalRequest.update({ where: { id: request.id }, data: { status: "withdrawn", decidedAt: new Date(), decidedById: staff.id } });
  await settleRequestNotifications(db, request);
  const campaign = await findCampaign(db, request.shopDomain, request.campaignId);
  if (campaign) {
    if (request.kind === "new") await db.campaign.update({ where: { id: campaign.id }, data: { approvalState: "none" } });
    await recordAudit(db, {
      shopDomain: request.shopDomain,
      actor: staff,
      action: "approval.withdraw",
      entityType: "campaign",
      entityId: campaign.id,
      entityLabel: campaign.name,
      before: { request: request.id, status: "pending" },
      after: { request: request.id, status: "withdrawn" },
    });
  }
  return { request: withdrawn };
}

// ---------------------------------------------------------------------------------------------
// Publishing and the lifecycle

/** Why this staff member may not publish this version now, or null when they may. */
export function publishRefusal(staff: Staff, campaign: Campaign, violations: PolicyViolation[]): string | null {
  if (!can(staff.role, "campaign.publish")) return "Your role can't publish. Submit the campaign for approval instead.";
  if (can(staff.role, "campaign.approve") || campaign.approvalState === "approved" || violations.length === 0) return null;
  return `This campaign needs approval before it can be published: ${violations.map((v) => v.message).join(" ")} Submit it for approval.`;
}

async function publishAudited(acting: Acting, campaign: Campaign): Promise<CampaignOutcome> {
  const before = { status: campaign.status, shopifyDiscountId: campaign.shopifyDiscountId, publishedAt: campaign.publishedAt };
  const outcome = await publishCampaign(acting.db, acting.admin, campaign);
  if (outcome.ok) {
    const after = { status: outcome.campaign.status, shopifyDiscountId: outcome.campaign.shopifyDiscountId, publishedAt: outcome.campaign.publishedAt };
    await auditCampaign(acting.db, acting.staff, "campaign.publish", outcome.campaign, before, after);
    // An edited cap takes effect now: a raised budget resumes the campaign, a lowered one stops it.
    // If Shopify refuses that now, the queued check keeps trying.
    const caps = await enforceCaps(acting.db, acting.admin, outcome.campaign.id).catch(async () => {
      await queueCapsCheck(acting.db, outcome.campaign.shopDomain, outcome.campaign.id);
      return null;
    });
    const config = JSON.parse(outcome.campaign.config) as CampaignConfig;
    if (config.maxUsesPerCustomer !== undefined) await scheduleCustomerUsesReconcile(acting.db, outcome.campaign.shopDomain);
    if (followsStock(config)) await scheduleStockReconcile(acting.db, outcome.campaign.shopDomain);
    if (caps) return { ok: true, campaign: caps.campaign };
  }
  return outcome;
}

/**
 * Publishes the campaign as stored, if this staff member may: a Manager within the policy or an
 * approved version, an Approver always. Above the maximum combined depth only an Approver can,
 * with a written reason (audited approval.override).
 */
export async function publishGoverned(
  acting: Acting,
  campaign: Campaign,
  options: { overrideReason?: string } = {},
): Promise<{ campaign: Campaign; publish: CampaignOutcome }> {
  const { db, staff } = acting;
  if (campaign.status === "archived") throw new Conflict("An archived campaign can't be published again.");
  const input = campaignInputOf(campaign);
  const { violations, depth } = await approvalReasons(db, campaign.shopDomain, input, campaign.id);
  const refusal = publishRefusal(staff, campaign, violations);
  if (refusal) throw new Refused(refusal);
  if (depth.exceeded) {
    if (!can(staff.role, "campaign.approve")) throw new Refused(`${depth.exceeded} Submit it for approval.`);
    const reason = options.overrideReason?.trim();
    if (!reason) throw reasonNeeded(depth);
    await recordOverride(db, staff, campaign, depth, reason, null);
  }
  const publish = await publishAudited(acting, campaign);
  return { campaign: publish.ok ? publish.campaign : campaign, publish };
}

const LIFECYCLE = {
  pause: { run: pauseCampaign, action: "campaign.pause" },
  resume: { run: resumeWithinCaps, action: "campaign.resume" },
  archive: { run: archiveCampaign, action: "campaign.archive" },
} as const;

/** Pause, resume or archive (no policy check: they only take discounts away), audited. */
export async function changeLifecycleAudited(acting: Acting, campaign: Campaign, change: keyof typeof LIFECYCLE): Promise<CampaignOutcome> {
  const { run, action } = LIFECYCLE[change];
  const outcome = await run(acting.db, acting.admin, campaign);
  if (outcome.ok && outcome.campaign.status !== campaign.status) {
    await auditCampaign(acting.db, acting.staff, action, outcome.campaign, { status: campaign.status }, { status: outcome.campaign.status });
  }
  if (outcome.ok && change === "archive") await supersedePending(acting.db, campaign);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Duplicating and reactivating

/** "Copy of …" within the name limit. */
function copyName(name: string): string {
  const copy = `Copy of ${name}`;
  return copy.length <= TEXT_LIMITS.name ? copy : `${copy.slice(0, TEXT_LIMITS.name - 1)}…`;
}

/** A new draft with the campaign's settings, named "Copy of …" (audited campaign.create). A
 * shared code stays unique: the copy's code gets a -COPY suffix until it is free. */
export async function duplicateCampaign(db: Database, staff: Staff, campaign: Campaign): Promise<{ campaign: Campaign }> {
  const input = campaignInputOf(campaign);
  let sharedCode = input.sharedCode;
  if (sharedCode) {
    for (let attempt = 1; ; attempt++) {
      const candidate = `${sharedCode.slice(0, 40)}-COPY${attempt === 1 ? "" : attempt}`;
      const taken = await db.campaign.count({ where: { shopDomain: campaign.shopDomain, sharedCode: candidate } });
      if (taken === 0) {
        sharedCode = candidate;
        break;
      }
    }
  }
  return createDraft(db, staff, { ...input, name: copyName(campaign.name), ...(sharedCode ? { sharedCode } : {}) });
}

/**
 * Brings an archived campaign back, under the same governance as publishing it: a campaign that
 * was never published becomes a draft again (to be published or submitted as any draft); a
 * published one runs again only if this staff member could publish it now (within the policy,
 * an approved version, or an Approver, with a written reason beyond the maximum combined depth).
 */
export async function reactivateArchived(
  acting: Acting,
  campaign: Campaign,
  options: { overrideReason?: string } = {},
): Promise<{ campaign: Campaign; publish: CampaignOutcome | null }> {
  const { db, staff } = acting;
  if (campaign.status !== "archived") throw new Conflict("Only an archived campaign can be reactivated.");
  if (!campaign.shopifyDiscountId) {
    const draft = await db.campaign.update({ where: { id: campaign.id }, data: { status: "draft", approvalState: "none" } });
    await auditCampaign(db, staff, "campaign.reactivate", draft, { status: "archived" }, { status: "draft" });
    return { campaign: draft, publish: null };
  }
  const { violations, depth } = await approvalReasons(db, campaign.shopDomain, campaignInputOf(campaign), campaign.id);
  if (!can(staff.role, "campaign.publish")) throw new Refused("Your role can't reactivate campaigns. Ask a Manager or an Approver.");
  if (!can(staff.role, "campaign.approve") && campaign.approvalState !== "approved" && violations.length > 0) {
    throw new Refused(`Reactivating this campaign needs an Approver: ${violations.map((v) => v.message).join(" ")}`);
  }
  if (depth.exceeded) {
    if (!can(staff.role, "campaign.approve")) throw new Refused(`${depth.exceeded} Ask an Approver to reactivate it.`);
    const reason = options.overrideReason?.trim();
    if (!reason) throw reasonNeeded(depth);
    await recordOverride(db, staff, campaign, depth, reason, null);
  }
  // Archived is a stopped discount in Shopify: it resumes as a paused one would.
  const outcome = await resumeWithinCaps(db, acting.admin, { ...campaign, status: "paused", pauseReason: "manual" });
  if (outcome.ok) await auditCampaign(db, staff, "campaign.reactivate", outcome.campaign, { status: "archived" }, { status: outcome.campaign.status });
  return { campaign: outcome.ok ? outcome.campaign : campaign, publish: outcome };
}
