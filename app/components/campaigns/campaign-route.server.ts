// Plumbing shared by the campaign routes: who is asking, which of their campaigns, form values
// in and out, and the actions a campaign page offers.
import { json } from "@remix-run/node";
import type { Campaign } from "@prisma/client";
import type { Params } from "@remix-run/react";
import type { CampaignConfig } from "promo-discount/config";
import prisma from "~/db.server";
import { readCampaignForm } from "~/domain/campaigns/campaign-input";
import { CampaignInputError, createCampaign, findCampaign, updateCampaign } from "~/domain/campaigns/campaigns.server";
import { formFromConfig, type FormValues } from "~/domain/campaigns/config-form";
import { archiveCampaign, pauseCampaign, publishCampaign, resumeCampaign, type CampaignOutcome } from "~/domain/campaigns/publishing.server";
import { instantToLocalDateTime } from "~/domain/campaigns/shop-time";
import { listPools } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { authenticate } from "~/shopify.server";
import type { AdminGraphql } from "~/shopify/discounts.server";

export async function shopTimeZone(shopDomain: string): Promise<string> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { ianaTimezone: true } });
  return shop?.ianaTimezone ?? "UTC";
}

export async function poolChoices(shopDomain: string) {
  return (await listPools(poolStore(), shopDomain)).map((pool) => ({ id: pool.id, name: pool.name }));
}

/**
 * Authenticates the admin and loads the campaign named by the URL's :id among the session
 * shop's campaigns. Another shop's campaign id is answered exactly like a missing one: 404.
 */
export async function requireCampaign(request: Request, params: Params) {
  const { session, admin } = await authenticate.admin(request);
  const id = /^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const campaign = await findCampaign(prisma, session.shop, id);
  if (!campaign) throw new Response("Campaign not found", { status: 404 });
  return { campaign, admin, shopDomain: session.shop };
}

export function formValuesOf(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form) if (typeof value === "string" && name !== "intent") values[name] = value;
  return values;
}

const flag = (on: boolean) => (on ? "true" : "");

export function campaignFormValues(campaign: Campaign, timeZone: string): FormValues {
  return {
    ...formFromConfig(JSON.parse(campaign.config) as CampaignConfig),
    name: campaign.name,
    ownerName: campaign.ownerName,
    ownerEmail: campaign.ownerEmail,
    purpose: campaign.purpose,
    channel: campaign.channel,
    codeSource: campaign.codeSource,
    sharedCode: campaign.sharedCode ?? "",
    generatedCount: campaign.generatedCount?.toString() ?? "",
    generatedPrefix: campaign.generatedPrefix ?? "",
    generatedLength: campaign.generatedLength?.toString() ?? "",
    poolId: campaign.ownsPool ? "" : (campaign.poolId?.toString() ?? ""),
    startsAt: instantToLocalDateTime(campaign.startsAt, timeZone),
    endsAt: campaign.endsAt ? instantToLocalDateTime(campaign.endsAt, timeZone) : "",
    usageLimit: campaign.usageLimit?.toString() ?? "",
    oncePerCustomer: flag(campaign.oncePerCustomer),
    combinesWithProduct: flag(campaign.combinesWithProduct),
    combinesWithOrder: flag(campaign.combinesWithOrder),
    combinesWithShipping: flag(campaign.combinesWithShipping),
    stackingCategory: campaign.stackingCategory,
    priority: String(campaign.priority),
  };
}

export function newCampaignFormValues(timeZone: string): FormValues {
  return {
    codeSource: "shared",
    stackingCategory: "joint",
    priority: "0",
    startsAt: instantToLocalDateTime(new Date(), timeZone),
    combinesWithShipping: "true",
  };
}

function outcomeResponse(outcome: CampaignOutcome, done: string) {
  return outcome.ok ? json({ ok: true as const, done, errors: {} }) : json({ ok: false as const, done: null, errors: outcome.errors }, { status: 422 });
}

function inputErrorResponse(error: unknown) {
  if (error instanceof CampaignInputError) return json({ ok: false as const, done: null, errors: error.errors }, { status: 400 });
  throw error;
}

/** Saves the form into a new campaign (intent "save") and publishes it too (intent "publish"). */
export async function createFromForm(admin: AdminGraphql, shopDomain: string, form: FormData) {
  const read = readCampaignForm(formValuesOf(form), await shopTimeZone(shopDomain));
  if (!read.ok) return { campaign: null, response: json({ ok: false as const, done: null, errors: read.errors }, { status: 400 }) };
  try {
    const campaign = await createCampaign(prisma, shopDomain, read.value);
    if (form.get("intent") === "publish") await publishCampaign(prisma, admin, campaign);
    return { campaign, response: null };
  } catch (error) {
    return { campaign: null, response: inputErrorResponse(error) };
  }
}

/** The campaign page's actions: save (and publish again when published), publish, pause, resume, archive. */
export async function campaignAction(admin: AdminGraphql, campaign: Campaign, form: FormData) {
  const intent = form.get("intent");
  if (intent === "pause") return outcomeResponse(await pauseCampaign(prisma, admin, campaign), "Campaign paused");
  if (intent === "resume") return outcomeResponse(await resumeCampaign(prisma, admin, campaign), "Campaign resumed");
  if (intent === "archive") return outcomeResponse(await archiveCampaign(prisma, admin, campaign), "Campaign archived");
  if (intent !== "save" && intent !== "publish") return json({ ok: false as const, done: null, errors: { general: `Unknown action "${String(intent)}".` } }, { status: 400 });
  if (campaign.status === "archived") return json({ ok: false as const, done: null, errors: { general: "An archived campaign can't be edited." } }, { status: 409 });
  const read = readCampaignForm(formValuesOf(form), await shopTimeZone(campaign.shopDomain));
  if (!read.ok) return json({ ok: false as const, done: null, errors: read.errors }, { status: 400 });
  try {
    const saved = await updateCampaign(prisma, campaign, read.value);
    if (intent === "publish" || saved.shopifyDiscountId) {
      return outcomeResponse(await publishCampaign(prisma, admin, saved), saved.shopifyDiscountId ? "Changes published" : "Campaign published");
    }
    return json({ ok: true as const, done: "Campaign saved", errors: {} });
  } catch (error) {
    return inputErrorResponse(error);
  }
}
