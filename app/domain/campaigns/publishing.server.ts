// Publishing a campaign: its Shopify code discount backed by the function (created, then
// updated), pause/resume/archive, and the guard's catalogue rewritten after each change.
import type { Campaign } from "@prisma/client";
import { CAMPAIGN_CONFIG_KEY, METAFIELD_NAMESPACE, effectDefinition, validateForPublishing } from "promo-discount/config";
import type { CampaignConfig, DiscountClassName } from "promo-discount/config";
import type { Database } from "~/db.server";
import { enqueueCodeSync } from "~/jobs/code-sync.server";
import { poolStore } from "~/domain/pools/store.server";
import {
  createCodeDiscount, setCodeDiscountActive, updateCodeDiscount, type AdminGraphql, type DiscountCodeAppInput, type ShopifyUserError,
} from "~/shopify/discounts.server";
import type { FieldErrors } from "./campaign-input";
import { publishCatalogue } from "./catalogue.server";
import { fieldForIssue } from "./config-form";
import { FUNCTION_HANDLE } from "./function";
import { ensureGuardDiscount } from "./guard.server";
import { GENERAL_FIELD, ShopifyRefused, userErrorsByField } from "./shopify-errors";

export type CampaignOutcome = { ok: true; campaign: Campaign } | { ok: false; errors: FieldErrors };

/** The first code of the pool by id: Shopify needs one code to create the discount with. */
async function firstPoolCode(poolId: number): Promise<string | null> {
  const store = poolStore();
  const row = await store.read(
    () => store.statement(`SELECT "code" FROM "Coupon" WHERE "poolId" = :poolId ORDER BY "id" LIMIT 1`).get({ poolId }) as { code: string } | undefined,
  );
  return row?.code ?? null;
}

function discountClasses(config: CampaignConfig): DiscountClassName[] {
  return config.effects.map((effect) => effectDefinition(effect.type)!.discountClass(effect));
}

async function fail(db: Database, campaign: Campaign, errors: FieldErrors): Promise<CampaignOutcome> {
  const stored = Object.entries(errors).map(([field, message]) => ({ field, message }));
  await db.campaign.update({ where: { id: campaign.id }, data: { lastPublishError: JSON.stringify(stored) } });
  return { ok: false, errors };
}

function refusal(error: unknown): FieldErrors {
  if (error instanceof ShopifyRefused) return userErrorsByField(error.userErrors);
  throw error;
}

/** The discount input every publish sends: title, rules, limits and, unless paused, dates. */
function discountInput(campaign: Campaign, metafieldValue: string, classes: DiscountClassName[]): DiscountCodeAppInput {
  const input: DiscountCodeAppInput = {
    title: campaign.name,
    discountClasses: classes,
    usageLimit: campaign.usageLimit,
    appliesOncePerCustomer: campaign.oncePerCustomer,
    combinesWith: {
      productDiscounts: campaign.combinesWithProduct,
      orderDiscounts: campaign.combinesWithOrder,
      shippingDiscounts: campaign.combinesWithShipping,
    },
    metafields: [{ namespace: METAFIELD_NAMESPACE, key: CAMPAIGN_CONFIG_KEY, type: "json", value: metafieldValue }],
  };
  // A paused discount is deactivated (ended now); sending the dates would switch it back on.
  if (campaign.status !== "paused") {
    input.startsAt = campaign.startsAt.toISOString();
    input.endsAt = campaign.endsAt?.toISOString() ?? null;
  }
  return input;
}

/**
 * Creates the campaign's discount, or updates it when it exists, then rewrites the guard's
 * catalogue and, for pool and generated codes, queues their sync to Shopify.
 */
export async function publishCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status === "archived") return { ok: false, errors: { [GENERAL_FIELD]: "An archived campaign can't be published again." } };
  const validation = validateForPublishing(JSON.parse(campaign.config));
  if (!validation.ok) {
    const errors: FieldErrors = {};
    for (const issue of validation.issues) errors[fieldForIssue(issue)] ??= issue.message;
    return fail(db, campaign, errors);
  }
  const config = validation.value as CampaignConfig;
  const usesPool = campaign.codeSource !== "shared";
  const initialCode = usesPool ? (campaign.initialCode ?? (campaign.poolId === null ? null : await firstPoolCode(campaign.poolId))) : campaign.sharedCode;
  if (!initialCode) return fail(db, campaign, { poolId: "This pool has no codes yet. Add codes to it, then publish." });

  try {
    await ensureGuardDiscount(db, admin, campaign.shopDomain);
  } catch (error) {
    return fail(db, campaign, refusal(error));
  }

  const input = discountInput(campaign, JSON.stringify(config), discountClasses(config));
  // Pool codes reach Shopify through the code sync; only a shared code is renamed in place.
  if (!usesPool || !campaign.shopifyDiscountId) input.code = initialCode;
  const result = campaign.shopifyDiscountId
    ? await updateCodeDiscount(admin, campaign.shopifyDiscountId, input)
    : await createCodeDiscount(admin, { ...input, functionHandle: FUNCTION_HANDLE });
  if (!result.ok) return fail(db, campaign, userErrorsByField(result.userErrors));

  const published = await db.campaign.update({
    where: { id: campaign.id },
    data: {
      shopifyDiscountId: result.discountId,
      initialCode,
      publishedAt: new Date(),
      status: campaign.status === "paused" ? "paused" : "live",
      lastPublishError: null,
    },
  });
  const catalogueErrors = await publishCatalogue(db, admin, campaign.shopDomain);
  if (usesPool) await enqueueCodeSync(db, { shopDomain: campaign.shopDomain, campaignId: campaign.id });
  if (catalogueErrors.length > 0) return fail(db, published, userErrorsByField(catalogueErrors));
  return { ok: true, campaign: published };
}

async function changeLifecycle(
  db: Database,
  admin: AdminGraphql,
  campaign: Campaign,
  status: "live" | "paused" | "archived",
  shopifyChange: (discountId: string) => Promise<ShopifyUserError[]>,
): Promise<CampaignOutcome> {
  if (campaign.shopifyDiscountId) {
    const userErrors = await shopifyChange(campaign.shopifyDiscountId);
    if (userErrors.length > 0) return fail(db, campaign, userErrorsByField(userErrors));
  }
  const updated = await db.campaign.update({ where: { id: campaign.id }, data: { status, lastPublishError: null } });
  const catalogueErrors = await publishCatalogue(db, admin, campaign.shopDomain);
  if (catalogueErrors.length > 0) return fail(db, updated, userErrorsByField(catalogueErrors));
  return { ok: true, campaign: updated };
}

/** Stops the discount now (Shopify deactivates it) and takes its codes out of the catalogue. */
export async function pauseCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status !== "live") return { ok: false, errors: { [GENERAL_FIELD]: "Only a published campaign can be paused." } };
  return changeLifecycle(db, admin, campaign, "paused", (id) => setCodeDiscountActive(admin, id, false));
}

/** Reactivates the discount and puts back the campaign's own dates, which deactivation ended. */
export async function resumeCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status !== "paused") return { ok: false, errors: { [GENERAL_FIELD]: "Only a paused campaign can be resumed." } };
  return changeLifecycle(db, admin, campaign, "live", async (id) => {
    const activateErrors = await setCodeDiscountActive(admin, id, true);
    if (activateErrors.length > 0) return activateErrors;
    const result = await updateCodeDiscount(admin, id, { startsAt: campaign.startsAt.toISOString(), endsAt: campaign.endsAt?.toISOString() ?? null });
    return result.ok ? [] : result.userErrors;
  });
}

/** Ends the discount for good; the campaign and its discount stay as history. */
export async function archiveCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status === "archived") return { ok: true, campaign };
  const wasActive = campaign.status === "live";
  return changeLifecycle(db, admin, campaign, "archived", async (id) => (wasActive ? setCodeDiscountActive(admin, id, false) : []));
}
