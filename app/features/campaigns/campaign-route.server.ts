// Plumbing shared by the campaign routes: which of the shop's campaigns, form values in and out.
// The governed actions (who may save, submit, publish, approve) are in campaign-actions.server.ts.
import type { Campaign } from "@prisma/client";
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { shopCurrency, shopTimeZone as shopTimeZoneIn } from "~/domain/shops.server";
import { campaignInputOf, findCampaign } from "~/domain/campaigns/campaigns.server";
import { inputFormValues } from "~/domain/campaigns/campaign-input";
import type { FormValues } from "~/domain/campaigns/config-form";
import { instantToLocalDateTime } from "~/domain/campaigns/shop-time";
import { listPools } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import type { StaffContext } from "~/features/access.server";
import { throttledAdmin } from "~/shopify/admin-graphql.server";
import { describeResources } from "~/shopify/catalogue-handles.server";
import { NO_VOCABULARY, storeVocabulary, type StoreVocabulary } from "~/shopify/store-vocabulary.server";
import { systemClock } from "~/lib/clock";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { getPolicy, requiredFields } from "~/domain/governance/policy.server";
import { whyNot } from "~/domain/governance/roles";
import { displayStatus } from "~/domain/campaigns/status";
import { getCodeSyncStatus } from "~/domain/campaigns/code-sync.server";
import { getCampaignRedemptionSummary } from "~/domain/redemptions/summary.server";
import { campaignHeadline } from "~/features/analytics/analytics-data.server";
import { campaignGovernance, staffChoices } from "~/features/campaigns/campaign-governance.server";
import { campaignCaps } from "~/domain/campaigns/caps.server";
import { campaignStockView } from "~/domain/campaigns/stock.server";
import { simulatorLink } from "~/domain/simulator/cart-input";
import { playbookOrigin } from "~/domain/agency/origin.server";

export function shopTimeZone(shopDomain: string): Promise<string> {
  return shopTimeZoneIn(prisma, shopDomain);
}

export async function poolChoices(shopDomain: string) {
  return (await listPools(poolStore(), shopDomain)).map((pool) => ({ id: pool.id, name: pool.name }));
}

/** The URL's :id among the session shop's campaigns. Another shop's campaign id is answered
 * exactly like a missing one: 404. */
export async function requireCampaignOf(shopDomain: string, params: Params) {
  const id = /^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const campaign = await findCampaign(prisma, shopDomain, id);
  if (!campaign) throw new Response("Campaign not found", { status: 404 });
  return campaign;
}

/** Fields the page posts next to the campaign's: the workflow's, not the campaign's own. */
const NOT_CAMPAIGN_FIELDS = new Set(["intent", "note", "overrideReason", "requestId", "decisionReason"]);

export function formValuesOf(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form) if (typeof value === "string" && !NOT_CAMPAIGN_FIELDS.has(name)) values[name] = value;
  return values;
}

export function campaignFormValues(campaign: Campaign, timeZone: string): FormValues {
  return inputFormValues(campaignInputOf(campaign), timeZone);
}

/** A new campaign's form: owned by whoever creates it until they pick someone else. */
export function newCampaignFormValues(timeZone: string, owner?: { id: number; name: string; email: string }): FormValues {
  return {
    ...(owner ? { ownerStaffId: String(owner.id), ownerName: owner.name, ownerEmail: owner.email } : {}),
    codeSource: "shared",
    stackingCategory: "joint",
    priority: "0",
    startsAt: instantToLocalDateTime(new Date(), timeZone),
    combinesWithShipping: "true",
  };
}

/** What the campaign editor shows instead of ids and offers in its lists: the names of the
 * products, variants and collections the form's rules name, and the store's tags, vendors and SKUs. */
export interface EditorCatalogue {
  names: Record<string, string>;
  vocabulary: StoreVocabulary;
  /** The shop's currency (ISO code): amounts in the editor's summary read "$10.00". */
  currency: string;
}

const RESOURCE_ID = /gid:\/\/shopify\/(?:Product|ProductVariant|Collection)\/\d+/g;

/** Read from Shopify; the editor still opens without it (picked items then show as "1 product"). */
export async function editorCatalogue(context: StaffContext, values: FormValues): Promise<EditorCatalogue> {
  const call = throttledAdmin(context.admin, { clock: systemClock }).call;
  const ids = [...new Set(Object.values(values).flatMap((value) => value.match(RESOURCE_ID) ?? []))];
  const [names, vocabulary, currency] = await Promise.all([
    ids.length === 0
      ? Promise.resolve({})
      : describeResources(call, ids).then(
          (found) => Object.fromEntries([...found.values()].map((resource) => [resource.id, resource.title])),
          () => ({}),
        ),
    storeVocabulary(call).catch(() => NO_VOCABULARY),
    shopCurrency(prisma, context.session.shop),
  ]);
  return { names, vocabulary, currency };
}

/** The new campaign page: the form's starting values in the shop's time zone, its choices (pools, staff), what the policy requires, and the editor's catalogue. */
export async function newCampaignPage(request: Request) {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  const timeZone = await shopTimeZone(shopDomain);
  const values = newCampaignFormValues(timeZone, context.staff);
  return {
    timeZone,
    pools: await poolChoices(shopDomain),
    staff: await staffChoices(shopDomain),
    required: requiredFields(await getPolicy(prisma, shopDomain)),
    viewer: viewerOf(context),
    publishRefusal: whyNot(context.staff.role, "campaign.publish"),
    values,
    catalogue: await editorCatalogue(context, values),
  };
}

/** A campaign's page: its form values and catalogue, publishing problems, code sync, redemptions, governance, caps, stock and the cart simulator link. */
export async function campaignPage(request: Request, params: Params) {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  const campaign = await requireCampaignOf(shopDomain, params);
  const timeZone = await shopTimeZone(shopDomain);
  const values = campaignFormValues(campaign, timeZone);
  const publishErrors = campaign.lastPublishError ? (JSON.parse(campaign.lastPublishError) as { field: string; message: string }[]) : [];
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      codeSource: campaign.codeSource,
      published: campaign.shopifyDiscountId !== null,
      status: displayStatus(campaign),
      lifecycle: campaign.status,
    },
    codesLocked: campaign.ownsPool || campaign.shopifyDiscountId !== null,
    values,
    catalogue: await editorCatalogue(context, values),
    publishErrors: Object.fromEntries(publishErrors.map((error) => [error.field, error.message])),
    pools: await poolChoices(shopDomain),
    sync: campaign.codeSource === "shared" ? null : await getCodeSyncStatus(prisma, campaign.id),
    redemptions: campaign.shopifyDiscountId === null ? null : await getCampaignRedemptionSummary(prisma, shopDomain, campaign.id),
    timeZone,
    governance: await campaignGovernance(context, campaign, timeZone),
    playbook: await playbookOrigin(prisma, shopDomain, campaign.id),
    headline: campaign.shopifyDiscountId === null ? null : await campaignHeadline(prisma, shopDomain, campaign.id),
    caps: await campaignCaps(prisma, campaign),
    // Shopify's answer is needed for the items' names and scope; the page still opens without it.
    stock: await campaignStockView(prisma, throttledAdmin(context.admin, { clock: systemClock }).call, campaign).catch(() => "unavailable" as const),
    // "Test a cart" opens with the campaign's code: its shared code, or the first of its pool.
    testCartUrl: simulatorLink([campaign.codeSource === "shared" ? campaign.sharedCode : campaign.initialCode].filter((code): code is string => Boolean(code))),
  };
}
