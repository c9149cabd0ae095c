// The campaign pages' intent tables under governance (app/features/intents.server.ts): the intent
// travels in the URL (?intent=publish) and is authorized FIRST, before the form is read: a role
// without the permission gets 403 and nothing is read or changed. Then the workflow decides what the step does for this role
// and this version (publish, pending revision, request for approval).
import { json, redirect } from "@remix-run/node";
import type { Campaign } from "@prisma/client";
import prisma from "~/db.server";
import { readCampaignForm, type CampaignInput, type FieldErrors } from "~/domain/campaigns/campaign-input";
import type { CampaignOutcome } from "~/domain/campaigns/publishing.server";
import { Conflict, DomainError, InvalidInput, NotFound } from "~/domain/errors";
import { failure, intent, type Failure, type IntentArgs, type IntentEntry } from "~/features/intents.server";
import { getPolicy, requiredFields } from "~/domain/governance/policy.server";
import type { Permission } from "~/domain/governance/roles";
import { findStaff } from "~/domain/governance/staff.server";
import {
  approveRequest,
  changeLifecycleAudited,
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
  type Acting,
} from "~/domain/governance/workflow.server";
import { formValuesOf, requireCampaignOf, shopTimeZone } from "./campaign-route.server";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

/** What each button of the campaign pages needs. */
const INTENT_PERMISSIONS = {
  save: "campaign.draft",
  submit: "campaign.draft",
  withdraw: "campaign.draft",
  publish: "campaign.publish",
  pause: "campaign.publish",
  resume: "campaign.publish",
  archive: "campaign.publish",
  reactivate: "campaign.publish",
  duplicate: "campaign.draft",
  approve: "campaign.approve",
  reject: "campaign.approve",
} as const satisfies Record<string, Permission>;

type Intent = keyof typeof INTENT_PERMISSIONS;

/** What a step answers: what was done (for the toast), or the one refusal shape. */
export type ActionResult = { ok: true; done: string; errors: FieldErrors } | Failure;

const done = (message: string) => json<ActionResult>({ ok: true, done: message, errors: {} });

/** The form → a campaign input under the shop's policy, the owner resolved among the shop's staff
 * (InvalidInput, field by field, when it is not one). */
async function readGovernedForm(shopDomain: string, form: FormData): Promise<CampaignInput> {
  const values = formValuesOf(form);
  const workflowTextErrors = workflowTextProblems(form);
  if (workflowTextErrors) throw new InvalidInput(workflowTextErrors);
  const policy = await getPolicy(prisma, shopDomain);
  const ownerText = (values.ownerStaffId ?? "").trim();
  if (ownerText) {
    const owner = /^\d{1,9}$/.test(ownerText) ? await findStaff(prisma, shopDomain, Number(ownerText)) : null;
    if (!owner) throw new InvalidInput({ ownerStaffId: "Choose one of this store's staff as the owner." });
    // The accountable person's own name and email, unless the form names a contact explicitly.
    if (!values.ownerName?.trim()) values.ownerName = owner.name;
    if (!values.ownerEmail?.trim()) values.ownerEmail = owner.email;
  }
  const read = readCampaignForm(values, await shopTimeZone(shopDomain), requiredFields(policy));
  if (!read.ok) throw new InvalidInput(read.errors);
  return read.value;
}

/** The note and the override reason posted with the campaign, checked before the campaign is. */
function workflowTextProblems(form: FormData): FieldErrors | null {
  const note = tooLong("The note", text(form, "note"), TEXT_LIMITS.note);
  const reason = tooLong("The reason", text(form, "overrideReason"), TEXT_LIMITS.reason);
  if (!note && !reason) return null;
  return { ...(note ? { note } : {}), ...(reason ? { overrideReason: reason } : {}) };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A publish Shopify refused is stored on the campaign (its page shows why) and answered 422. */
function publishDone(outcome: CampaignOutcome, message: string) {
  return outcome.ok ? done(message) : failure(422, outcome.errors);
}

/** A step after the draft exists, whose refusal the campaign's page shows by itself (the reasons
 * it needs approval, the request it waits on): the draft is kept and its page opens. */
async function thenShown(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

/** The new-campaign page: save a draft, submit it for approval, or publish it (when allowed). */
async function createCampaign(intent: "save" | "submit" | "publish", { context, form }: IntentArgs<unknown>) {
  const created = await createDraft(prisma, context.staff, await readGovernedForm(context.session.shop, form));
  const acting: Acting = { db: prisma, staff: context.staff, admin: context.admin };
  // The draft exists whatever happens next; its page shows the outcome (a refused publish, the
  // reasons it needs approval, the request it is waiting on).
  if (intent === "submit") await thenShown(submitDraft(prisma, context.staff, created.campaign, text(form, "note")));
  if (intent === "publish") await thenShown(publishGoverned(acting, created.campaign, { overrideReason: text(form, "overrideReason") }));
  return redirect(`/app/campaigns/${created.campaign.id}`);
}

const creating = (name: "save" | "submit" | "publish") => intent({ permission: INTENT_PERMISSIONS[name], run: (args) => createCampaign(name, args) });

/** The new-campaign page's buttons (save when the URL names none). */
export const NEW_CAMPAIGN_ACTIONS = { save: creating("save"), submit: creating("submit"), publish: creating("publish") };

/** The campaign page's actions. */
async function campaignPageAction(intent: Intent, { context, params, form }: IntentArgs<unknown>) {
  const campaign = await requireCampaignOf(context.session.shop, params);
  const acting: Acting = { db: prisma, staff: context.staff, admin: context.admin };

  if (intent === "pause" || intent === "resume" || intent === "archive") {
    const messages = { pause: "Campaign paused", resume: "Campaign resumed", archive: "Campaign archived" };
    return publishDone(await changeLifecycleAudited(acting, campaign, intent), messages[intent]);
  }
  if (intent === "approve" || intent === "reject" || intent === "withdraw") return decide(acting, campaign, intent, form);
  if (intent === "duplicate") {
    const copy = await duplicateCampaign(prisma, context.staff, campaign);
    return redirect(`/app/campaigns/${copy.campaign.id}`);
  }
  if (intent === "reactivate") {
    const reactivated = await reactivateArchived(acting, campaign, { overrideReason: text(form, "overrideReason") });
    if (!reactivated.publish) return done("Campaign reactivated as a draft");
    return publishDone(reactivated.publish, "Campaign reactivated");
  }

  if (campaign.status === "archived") throw new Conflict("An archived campaign can't be edited.");
  const input = await readGovernedForm(campaign.shopDomain, form);
  const note = text(form, "note");
  const overrideReason = text(form, "overrideReason");

  if (campaign.shopifyDiscountId) {
    // A Requester's edit, or one beyond the policy, waits as a revision; the live one keeps running.
    const edited = await editPublished(acting, campaign, input, { note, overrideReason, asRequest: intent === "submit" });
    if (!edited.applied) return done("Changes sent for approval. The live campaign keeps running unchanged until they are approved.");
    return publishDone(edited.publish, "Changes published");
  }

  const saved = await saveDraft(prisma, context.staff, campaign, input);
  if (intent === "save") return done("Campaign saved");
  if (intent === "submit") {
    await submitDraft(prisma, context.staff, saved.campaign, note);
    return done("Submitted for approval");
  }
  const published = await publishGoverned(acting, saved.campaign, { overrideReason });
  return publishDone(published.publish, "Campaign published");
}

async function decide(acting: Acting, campaign: Campaign, intent: "approve" | "reject" | "withdraw", form: FormData) {
  const requestId = Number(text(form, "requestId"));
  const request = await findRequest(prisma, campaign.shopDomain, requestId);
  if (!request || request.campaignId !== campaign.id) throw new NotFound("That approval request doesn't exist for this campaign.");
  if (intent === "approve") {
    const approved = await approveRequest(acting, request, { overrideReason: text(form, "overrideReason") });
    return publishDone(approved.publish, "Approved and published");
  }
  if (intent === "reject") await rejectRequest(prisma, acting.staff, request, text(form, "decisionReason"));
  else await withdrawRequest(prisma, acting.staff, request);
  return done(intent === "reject" ? "Request rejected" : "Request withdrawn");
}

/** The campaign page's buttons (save when the URL names none). */
export const CAMPAIGN_PAGE_ACTIONS = Object.fromEntries(
  (Object.keys(INTENT_PERMISSIONS) as Intent[]).map((name) => [
    name,
    intent({ permission: INTENT_PERMISSIONS[name], run: (args) => campaignPageAction(name, args) }),
  ]),
) as Record<Intent, IntentEntry<Record<string, string | undefined>, Awaited<ReturnType<typeof campaignPageAction>>>>;
