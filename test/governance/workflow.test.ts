import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { CampaignInput } from "~/domain/campaigns/campaign-input";
import { campaignInputOf, findCampaign } from "~/domain/campaigns/campaigns.server";
import { updatePolicy, DEFAULT_POLICY } from "~/domain/governance/policy.server";
import { toStaff, type Staff } from "~/domain/governance/staff.server";
import type { Role } from "~/domain/governance/roles";
import { Conflict, Refused } from "~/domain/errors";
import {
  approveRequest,
  createDraft,
  duplicateCampaign,
  editPublished,
  findRequest,
  publishGoverned,
  reactivateArchived,
  rejectRequest,
  saveDraft,
  submitDraft,
  withdrawRequest,
  changeLifecycleAudited,
  type Acting,
} from "~/domain/governance/workflow.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { TEST_SHOP, testStaff } from "../support/shopify-app";
import { adminFor, campaignInput, discountMetafield, startShopify } from "../campaigns/support";

// The approval workflow against the emulator: drafts, requests, decisions, pending revisions of
// live campaigns (the live discount untouched until approval), and the audit trail of each step.
let emulator: ShopifyEmulator;
let stop: () => void;
const staff = {} as Record<Role, Staff>;
let acting: (role: Role) => Promise<Acting>;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  for (const role of ["owner", "approver", "manager", "requester"] as Role[]) staff[role] = toStaff(await testStaff(role));
  const admin = await adminFor(TEST_SHOP);
  acting = async (role) => ({ db: prisma, staff: staff[role], admin });
});
afterAll(() => stop());

const percent = (percentage: number, overrides: Partial<CampaignInput> = {}) =>
  campaignInput({ config: { version: 1, effects: [{ type: "percentage", percentage, appliesTo: "order" }] }, ...overrides });

async function draft(role: Role, input: CampaignInput) {
  const created = await createDraft(prisma, staff[role], input);
  return created.campaign;
}

async function auditOf(campaignId: number) {
  const entries = await prisma.auditEntry.findMany({
    where: { shopDomain: TEST_SHOP, entityType: "campaign", entityId: String(campaignId) },
    orderBy: { id: "asc" },
  });
  return entries.map((entry) => ({
    action: entry.action,
    actor: entry.actorName,
    reason: entry.reason,
    diff: entry.diff as Record<string, { before: unknown; after: unknown }>,
  }));
}

const reload = async (id: number) => (await findCampaign(prisma, TEST_SHOP, id))!;

describe("a new campaign: draft → submitted → approved (published) or rejected", () => {
  it("a Requester's 40% draft is submitted with a note, approved by an Approver and published at once, each step audited with its actor", async () => {
    const campaign = await draft("requester", percent(40, { name: "Deep autumn" }));
    expect(campaign).toMatchObject({ status: "draft", approvalState: "none", createdById: staff.requester.id });

    const submitted = await submitDraft(prisma, staff.requester, campaign, "  For the VIP list  ");
    expect(submitted.request).toMatchObject({ kind: "new", status: "pending", requestNote: "For the VIP list", requestedById: staff.requester.id });
    expect(submitted.request.reasons).toEqual(["40% off is above the 25% a Manager may publish without approval."]);
    expect((await reload(campaign.id)).approvalState).toBe("submitted");
    // Submitting twice is refused: it is already waiting.
    await expect(submitDraft(prisma, staff.requester, await reload(campaign.id), "")).rejects.toMatchObject({ kind: "conflict" });

    // Approvers and the Owner hear of it in the app; the requester does not.
    const notes = await prisma.notification.findMany({ where: { shopDomain: TEST_SHOP, kind: "approval.requested" } });
    expect(notes.map((note) => note.staffId).sort()).toEqual([staff.owner.id, staff.approver.id].sort());
    expect(notes[0].message).toBe("Riley Requester requests approval for Deep autumn.");

    const approved = await approveRequest(await acting("approver"), submitted.request);
    expect(approved.publish.ok).toBe(true);
    const live = await reload(campaign.id);
    expect(live).toMatchObject({ status: "live", approvalState: "approved" });
    expect(discountMetafield(emulator, live.shopifyDiscountId!)).toMatchObject({ e: [["%", 40, "O"]] });
    expect(await findRequest(prisma, TEST_SHOP, submitted.request.id)).toMatchObject({ status: "approved", decidedById: staff.approver.id });

    const trail = await auditOf(campaign.id);
    expect(trail.map((entry) => [entry.action, entry.actor])).toEqual([
      ["campaign.create", "Riley Requester"],
      ["campaign.submit", "Riley Requester"],
      ["approval.approve", "Avery Approver"],
      ["campaign.publish", "Avery Approver"],
    ]);
    expect(trail[1]).toMatchObject({ reason: "For the VIP list", diff: { approvalState: { before: "none", after: "submitted" } } });
    expect(trail[3].diff.status).toEqual({ before: "draft", after: "live" });

    const told = await prisma.notification.findFirstOrThrow({ where: { staffId: staff.requester.id, kind: "approval.approved" } });
    expect(told).toMatchObject({ message: "Avery Approver approved Deep autumn; it is published.", link: `/app/campaigns/${campaign.id}` });
    // A decided request can't be decided again.
    await expect(approveRequest(await acting("approver"), (await findRequest(prisma, TEST_SHOP, submitted.request.id))!)).rejects.toMatchObject({
      kind: "conflict",
    });
  });

  it("a rejection needs a reason, which the requester reads; the campaign stays an unpublished draft", async () => {
    const campaign = await draft("requester", percent(35, { name: "Too deep" }));
    const submitted = await submitDraft(prisma, staff.requester, campaign, "");
    await expect(rejectRequest(prisma, staff.approver, submitted.request, "   ")).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { decisionReason: "Say why you reject it: the requester reads this to fix the campaign." },
    });
    await expect(rejectRequest(prisma, staff.manager, submitted.request, "no")).rejects.toMatchObject({ kind: "refused" });
    const rejected = await rejectRequest(prisma, staff.approver, submitted.request, "Keep it at 25% for this list");
    expect(rejected).toMatchObject({ request: { status: "rejected", decisionReason: "Keep it at 25% for this list" } });
    expect(await reload(campaign.id)).toMatchObject({ status: "draft", approvalState: "rejected", shopifyDiscountId: null });
    const told = await prisma.notification.findFirstOrThrow({ where: { staffId: staff.requester.id, kind: "approval.rejected" } });
    expect(told.message).toBe("Avery Approver rejected Too deep: Keep it at 25% for this list");
    const trail = await auditOf(campaign.id);
    expect(trail.at(-1)).toMatchObject({ action: "approval.reject", actor: "Avery Approver", reason: "Keep it at 25% for this list" });

    // Editing the rejected draft clears the rejection; it can be submitted again.
    const saved = await saveDraft(prisma, staff.requester, await reload(campaign.id), percent(25, { name: "Too deep", sharedCode: campaign.sharedCode }));
    expect(saved).toMatchObject({ campaign: { approvalState: "none" } });
    expect((await auditOf(campaign.id)).at(-1)).toMatchObject({ action: "campaign.update", actor: "Riley Requester" });
  });

  it("a requester withdraws their request; someone else's they can't", async () => {
    const campaign = await draft("requester", percent(30, { name: "Withdrawn one" }));
    const submitted = await submitDraft(prisma, staff.requester, campaign, "");
    await expect(withdrawRequest(prisma, staff.manager, submitted.request)).rejects.toMatchObject({ kind: "refused" });
    expect(await withdrawRequest(prisma, staff.requester, submitted.request)).toMatchObject({ request: { status: "withdrawn" } });
    expect((await reload(campaign.id)).approvalState).toBe("none");
    expect((await auditOf(campaign.id)).at(-1)).toMatchObject({ action: "approval.withdraw", actor: "Riley Requester" });
  });
});

describe("publishing by role", () => {
  it("a Manager publishes within the policy and is refused beyond it with the reasons; a Requester never publishes; the Owner may publish beyond it", async () => {
    const within = await draft("manager", percent(20));
    expect(await publishGoverned(await acting("manager"), within)).toMatchObject({ campaign: { status: "live" } });

    const beyond = await draft("manager", percent(40, { endsAt: null }));
    const refused = publishGoverned(await acting("manager"), beyond);
    await expect(refused).rejects.toMatchObject({
      kind: "refused",
      fieldErrors: {
        general:
          "This campaign needs approval before it can be published: 40% off is above the 25% a Manager may publish without approval. It has no end date: open-ended campaigns need approval. Submit it for approval.",
      },
    });
    expect((await reload(beyond.id)).shopifyDiscountId).toBeNull();
    await expect(publishGoverned(await acting("requester"), within)).rejects.toMatchObject({ kind: "refused" });
    // An Approver (or the Owner) may publish beyond the policy directly.
    expect(await publishGoverned(await acting("owner"), beyond)).toMatchObject({ campaign: { status: "live" } });
  });

  it("pause, resume and archive are audited with the actor", async () => {
    const campaign = await draft("manager", percent(10));
    await publishGoverned(await acting("manager"), campaign);
    await changeLifecycleAudited(await acting("manager"), await reload(campaign.id), "pause");
    await changeLifecycleAudited(await acting("manager"), await reload(campaign.id), "resume");
    await changeLifecycleAudited(await acting("manager"), await reload(campaign.id), "archive");
    expect((await auditOf(campaign.id)).map((entry) => `${entry.action}:${JSON.stringify(entry.diff.status)}`)).toEqual([
      'campaign.create:{"before":null,"after":"draft"}',
      'campaign.publish:{"before":"draft","after":"live"}',
      'campaign.pause:{"before":"live","after":"paused"}',
      'campaign.resume:{"before":"paused","after":"live"}',
      'campaign.archive:{"before":"live","after":"archived"}',
    ]);
  });

  it("an archived campaign comes back under the publishing rules: a Requester can't, a Manager within the policy can, beyond it an Approver", async () => {
    const within = await draft("manager", percent(10));
    await publishGoverned(await acting("manager"), within);
    await changeLifecycleAudited(await acting("manager"), await reload(within.id), "archive");
    await expect(reactivateArchived(await acting("requester"), await reload(within.id))).rejects.toMatchObject({ kind: "refused" });
    const back = await reactivateArchived(await acting("manager"), await reload(within.id));
    expect(back).toMatchObject({ campaign: { status: "live" } });
    const live = await reload(within.id);
    // Shopify's discount runs again: archiving had ended it (endsAt now), reactivating reopens it.
    const discount = emulator.store(TEST_SHOP).discounts.get(live.shopifyDiscountId!)!;
    expect(discount.endsAt === null || new Date(discount.endsAt) > new Date()).toBe(true);
    expect((await auditOf(within.id)).at(-1)).toMatchObject({
      action: "campaign.reactivate",
      actor: "Morgan Manager",
      diff: { status: { before: "archived", after: "live" } },
    });
    await expect(reactivateArchived(await acting("manager"), live)).rejects.toMatchObject({ kind: "conflict" });

    // 40% is beyond what a Manager may publish: archived, only an Approver brings it back.
    const deep = await draft("owner", percent(40));
    await publishGoverned(await acting("owner"), deep);
    await changeLifecycleAudited(await acting("owner"), await reload(deep.id), "archive");
    await expect(reactivateArchived(await acting("manager"), await reload(deep.id))).rejects.toMatchObject({
      kind: "refused",
      fieldErrors: { general: expect.stringContaining("needs an Approver") },
    });
    expect(await reactivateArchived(await acting("approver"), await reload(deep.id))).toMatchObject({ campaign: { status: "live" } });

    // Never published: it is a draft again.
    const unpublished = await draft("manager", percent(10));
    await changeLifecycleAudited(await acting("manager"), unpublished, "archive");
    expect(await reactivateArchived(await acting("manager"), await reload(unpublished.id))).toMatchObject({
      campaign: { status: "draft", approvalState: "none" },
      publish: null,
    });
  });

  it("duplicates a campaign as a new draft named Copy of …, with a shared code of its own", async () => {
    const original = await draft("manager", percent(10, { name: "Spring promo" }));
    await publishGoverned(await acting("manager"), original);
    const copy = await duplicateCampaign(prisma, staff.requester, await reload(original.id));
    expect(copy.campaign).toMatchObject({
      name: "Copy of Spring promo",
      status: "draft",
      approvalState: "none",
      shopifyDiscountId: null,
      createdById: staff.requester.id,
      sharedCode: `${original.sharedCode}-COPY`,
    });
    expect(copy.campaign.config).toBe((await reload(original.id)).config);
    const again = await duplicateCampaign(prisma, staff.requester, await reload(original.id));
    expect(again).toMatchObject({ campaign: { sharedCode: `${original.sharedCode}-COPY2` } });
    expect((await auditOf(copy.campaign.id)).map((entry) => entry.action)).toEqual(["campaign.create"]);
  });
});

describe("pending revisions of a live campaign", () => {
  it("an edit beyond the policy waits as a revision; the live campaign and its Shopify discount keep running unchanged until approved", async () => {
    const campaign = await draft("manager", percent(15, { name: "Steady 15" }));
    await publishGoverned(await acting("manager"), campaign);
    const live = await reload(campaign.id);
    const metafieldBefore = discountMetafield(emulator, live.shopifyDiscountId!);
    const discountBefore = structuredClone(emulator.store(TEST_SHOP).discounts.get(live.shopifyDiscountId!));

    const edit = await editPublished(await acting("manager"), live, percent(45, { name: "Steady 45", sharedCode: live.sharedCode }), { note: "Black Friday" });
    if (edit.applied) throw new Error(`expected a revision: ${JSON.stringify(edit)}`);
    expect(edit.reasons).toEqual(["45% off is above the 25% a Manager may publish without approval."]);
    expect(edit.request).toMatchObject({ kind: "revision", status: "pending", requestNote: "Black Friday" });

    const unchanged = await reload(campaign.id);
    expect(unchanged).toMatchObject({ name: "Steady 15", status: "live", config: live.config, updatedAt: live.updatedAt });
    expect(discountMetafield(emulator, live.shopifyDiscountId!)).toEqual(metafieldBefore);
    expect(emulator.store(TEST_SHOP).discounts.get(live.shopifyDiscountId!)).toEqual(discountBefore);

    // A newer revision replaces the older one in the queue.
    const second = await editPublished(await acting("manager"), unchanged, percent(40, { name: "Steady 40", sharedCode: live.sharedCode }), { note: "Softer" });
    if (second.applied) throw new Error("expected a revision");
    expect((await findRequest(prisma, TEST_SHOP, edit.request.id))!.status).toBe("superseded");

    await approveRequest(await acting("approver"), second.request);
    const after = await reload(campaign.id);
    expect(after).toMatchObject({ name: "Steady 40", status: "live", approvalState: "approved" });
    expect(discountMetafield(emulator, live.shopifyDiscountId!)).toMatchObject({ e: [["%", 40, "O"]] });
    expect(emulator.store(TEST_SHOP).discounts.get(live.shopifyDiscountId!)!.title).toBe("Steady 40");

    const trail = await auditOf(campaign.id);
    expect(trail.map((entry) => [entry.action, entry.actor])).toEqual([
      ["campaign.create", "Morgan Manager"],
      ["campaign.publish", "Morgan Manager"],
      ["campaign.submit", "Morgan Manager"],
      ["campaign.submit", "Morgan Manager"],
      ["approval.approve", "Avery Approver"],
      ["campaign.update", "Avery Approver"],
      ["campaign.publish", "Avery Approver"],
    ]);
    expect(trail[5].diff.name).toEqual({ before: "Steady 15", after: "Steady 40" });
    expect(trail[5].reason).toBe(`Approved revision request #${second.request.id}`);

    // The Manager saving the approved version again (unchanged) republishes it without a request;
    // changing it beyond the policy asks again.
    const again = await editPublished(await acting("manager"), after, campaignInputOf(after));
    expect(again).toMatchObject({ applied: true, publish: { ok: true } });
    expect((await auditOf(campaign.id)).at(-1)).toMatchObject({ action: "campaign.publish", actor: "Morgan Manager" });
    const deeper = await editPublished(await acting("manager"), await reload(campaign.id), percent(41, { name: "Steady 40", sharedCode: live.sharedCode }));
    expect(deeper).toMatchObject({ applied: false });
  });

  it("a Requester's edit always waits, even within the policy; a Manager's within the policy is applied and republished", async () => {
    const campaign = await draft("manager", percent(10, { name: "Small" }));
    await publishGoverned(await acting("manager"), campaign);
    const live = await reload(campaign.id);
    const byRequester = await editPublished(await acting("requester"), live, percent(12, { name: "Small", sharedCode: live.sharedCode }));
    expect(byRequester).toMatchObject({ applied: false, reasons: [] });
    expect(JSON.parse((await reload(campaign.id)).config).effects[0].percentage).toBe(10);

    const byManager = await editPublished(await acting("manager"), live, percent(12, { name: "Small", sharedCode: live.sharedCode }));
    expect(byManager).toMatchObject({ applied: true, publish: { ok: true } });
    expect(discountMetafield(emulator, live.shopifyDiscountId!)).toMatchObject({ e: [["%", 12, "O"]] });
    // The Requester's older revision is replaced by the applied edit.
    expect(!byRequester.applied && (await findRequest(prisma, TEST_SHOP, byRequester.request.id))!.status).toBe("superseded");
  });

  it("a revision that would change where codes come from is refused at once, naming the field", async () => {
    const campaign = await draft("manager", percent(10));
    await publishGoverned(await acting("manager"), campaign);
    const live = await reload(campaign.id);
    const edit = editPublished(await acting("requester"), live, percent(10, { codeSource: "pool", sharedCode: null, poolId: 1 }));
    await expect(edit).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { codeSource: "The code source can't change once codes exist. Create a new campaign instead." },
    });
    expect(await prisma.approvalRequest.count({ where: { campaignId: campaign.id } })).toBe(0);
  });
});

describe("the maximum combined discount across stacking campaigns", () => {
  const stacking = (percentage: number, name: string) =>
    campaignInput({
      name,
      config: { version: 1, includedSkus: ["STACK-SKU"], effects: [{ type: "percentage", percentage, appliesTo: "lines" }] },
      combinesWithProduct: true,
    });

  it("blocks publishing above it unless an Approver overrides with a written reason, which is audited", async () => {
    await updatePolicy(prisma, TEST_SHOP, staff.owner, { ...DEFAULT_POLICY, maxPercentWithoutApproval: 50 });
    const first = await draft("manager", stacking(40, "Stack A"));
    expect(await publishGoverned(await acting("manager"), first)).toMatchObject({ publish: { ok: true } });
    const second = await draft("manager", stacking(30, "Stack B"));

    const manager = await publishGoverned(await acting("manager"), second).catch((error: unknown) => error);
    expect(manager).toMatchObject({ kind: "refused" });
    const message = manager instanceof Refused ? manager.fieldErrors.general : "";
    expect(message).toContain("Stack A");
    expect(message).toContain("58% off, above the 50% maximum combined discount");

    const noReason = await publishGoverned(await acting("approver"), second).catch((error: unknown) => error);
    expect(noReason).toMatchObject({ kind: "conflict" });
    expect(noReason instanceof Conflict && noReason.fieldErrors.overrideReason).toMatch(/Give the reason for the override\.$/);
    expect((await reload(second.id)).shopifyDiscountId).toBeNull();

    const overridden = await publishGoverned(await acting("approver"), second, { overrideReason: "Clearance of the last units" });
    expect(overridden).toMatchObject({ campaign: { status: "live" } });
    const override = (await auditOf(second.id)).find((entry) => entry.action === "approval.override");
    expect(override).toMatchObject({
      actor: "Avery Approver",
      reason: "Clearance of the last units",
      diff: { combinedDepthPercent: { before: null, after: 58 } },
    });
    await updatePolicy(prisma, TEST_SHOP, staff.owner, DEFAULT_POLICY);
    for (const campaign of [first, second]) await changeLifecycleAudited(await acting("owner"), await reload(campaign.id), "archive");
  });
});

describe("notifications of a decided request", () => {
  it("once a request is decided, the Approvers' notifications of it are no longer new", async () => {
    const unread = async (role: Role) =>
      prisma.notification.count({ where: { shopDomain: TEST_SHOP, staffId: staff[role].id, kind: "approval.requested", readAt: null } });
    await prisma.notification.updateMany({ where: { shopDomain: TEST_SHOP }, data: { readAt: new Date() } });
    const first = await submitDraft(prisma, staff.requester, await draft("requester", percent(40, { name: "Decided soon" })), "");
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    const second = await submitDraft(prisma, staff.requester, await draft("requester", percent(45, { name: "Still waiting" })), "");
    expect([await unread("approver"), await unread("owner")]).toEqual([2, 2]);
    expect(await rejectRequest(prisma, staff.approver, first.request, "Too deep")).toMatchObject({ request: { status: "rejected" } });
    // The decided one is settled for every Approver; the one still waiting stays new.
    expect([await unread("approver"), await unread("owner")]).toEqual([1, 1]);
    expect(await withdrawRequest(prisma, staff.requester, second.request)).toMatchObject({ request: { status: "withdrawn" } });
    expect([await unread("approver"), await unread("owner")]).toEqual([0, 0]);
  }, 20_000);
});
