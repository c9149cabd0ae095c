// Publishing a campaign: its Shopify code discount backed by the function (created, then
// updated), pause/resume/archive, and the guard's catalogue rewritten after each change.
import type { Campaign } from "@prisma/client";
import { METAFIELD_NAMESPACE, NEUTRAL_SCHEDULE_VARIABLES, RULES_KEY, VARIABLES_KEY, compileCampaign } from "promo-discount/config";
import type { CampaignConfig, CompiledCampaign } from "promo-discount/config";
import type { Database } from "~/db.server";
import { enqueueCodeSync } from "~/domain/campaigns/code-sync.server";
import { poolStore } from "~/domain/pools/store.server";
import {
  createCodeDiscount,
  setCodeDiscountActive,
  updateCodeDiscount,
  type AdminGraphql,
  type DiscountCodeAppInput,
  type ShopifyUserError,
} from "~/shopify/discounts.server";
import type { FieldErrors } from "./campaign-input";
import { publishCatalogue } from "./catalogue.server";
import { fieldForIssue } from "./config-form";
import { ensureGuardDiscount } from "./guard.server";
import { localDateTimeToInstant } from "./shop-time";
import { GENERAL_FIELD, ShopifyRefused, userErrorsByField } from "./shopify-errors";
import { publishUnlockOffers } from "./unlock-offers.server";

export type CampaignOutcome = { ok: true; campaign: Campaign } | { ok: false; errors: FieldErrors };

/** The first code of the pool by id: Shopify needs one code to create the discount with. */
async function firstPoolCode(poolId: number): Promise<string | null> {
  const store = poolStore();
  const row = await store.read(
    () => store.statement(`SELECT "code" FROM "Coupon" WHERE "poolId" = :poolId ORDER BY "id" LIMIT 1`).get({ poolId }) as { code: string } | undefined,
  );
  return row?.code ?? null;
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

/**
 * The discount input every publish sends: title, the function extension and metafields the
 * compiled campaign needs (its rules, and its input queries' variables), limits and, unless
 * paused, dates. Sending the function on every update moves a discount to another extension
 * when an edit changes what its rules read.
 */
function discountInput(campaign: Campaign, compiled: CompiledCampaign, period: { startsAt: Date; endsAt: Date | null }): DiscountCodeAppInput {
  const input: DiscountCodeAppInput = {
    title: campaign.name,
    functionHandle: compiled.functionHandle,
    discountClasses: compiled.discountClasses,
    usageLimit: campaign.usageLimit,
    appliesOncePerCustomer: campaign.oncePerCustomer,
    combinesWith: {
      productDiscounts: campaign.combinesWithProduct,
      orderDiscounts: campaign.combinesWithOrder,
      shippingDiscounts: campaign.combinesWithShipping,
    },
    metafields: [
      { namespace: METAFIELD_NAMESPACE, key: RULES_KEY, type: "json", value: JSON.stringify(compiled.rules) },
      { namespace: METAFIELD_NAMESPACE, key: VARIABLES_KEY, type: "json", value: JSON.stringify(compiled.variables) },
    ],
  };
  // A paused discount is deactivated (ended now); sending the dates would switch it back on.
  if (campaign.status !== "paused") {
    input.startsAt = period.startsAt.toISOString();
    input.endsAt = period.endsAt?.toISOString() ?? null;
  }
  return input;
}

/**
 * When Shopify runs the discount: the campaign's own dates, narrowed by a start or end its rules
 * name (shop-local times). Shopify never runs a discount outside its active period, so the
 * function does not check these conditions itself.
 */
async function activePeriod(db: Database, campaign: Campaign): Promise<{ startsAt: Date; endsAt: Date | null }> {
  const config = JSON.parse(campaign.config) as CampaignConfig;
  const period = { startsAt: campaign.startsAt, endsAt: campaign.endsAt };
  if (config.startsAt === undefined && config.endsAt === undefined) return period;
  const shop = await db.shop.findUnique({ where: { domain: campaign.shopDomain }, select: { ianaTimezone: true } });
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const starts = config.startsAt === undefined || isNeutral("startsAt", config.startsAt) ? null : localDateTimeToInstant(config.startsAt, timeZone);
  const ends = config.endsAt === undefined || isNeutral("endsAt", config.endsAt) ? null : localDateTimeToInstant(config.endsAt, timeZone);
  if (starts && starts > period.startsAt) period.startsAt = starts;
  if (ends && (period.endsAt === null || ends < period.endsAt)) period.endsAt = ends;
  return period;
}

const isNeutral = (key: "startsAt" | "endsAt", value: string) => NEUTRAL_SCHEDULE_VARIABLES[key] === value;

/**
 * Creates the campaign's discount, or updates it when it exists, then rewrites the guard's
 * catalogue and, for pool and generated codes, queues their sync to Shopify.
 */
export async function publishCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status === "archived") return { ok: false, errors: { [GENERAL_FIELD]: "An archived campaign can't be published again." } };
  const compiled = compileCampaign(JSON.parse(campaign.config));
  if (!compiled.ok) {
    const errors: FieldErrors = {};
    for (const issue of compiled.issues) errors[fieldForIssue(issue)] ??= issue.message;
    return fail(db, campaign, errors);
  }
  const usesPool = campaign.codeSource !== "shared";
  const initialCode = usesPool ? (campaign.initialCode ?? (campaign.poolId === null ? null : await firstPoolCode(campaign.poolId))) : campaign.sharedCode;
  if (!initialCode) return fail(db, campaign, { poolId: "This pool has no codes yet. Add codes to it, then publish." });

  try {
    await ensureGuardDiscount(db, admin, campaign.shopDomain);
  } catch (error) {
    return fail(db, campaign, refusal(error));
  }

  const input = discountInput(campaign, compiled.value, await activePeriod(db, campaign));
  // Pool codes reach Shopify through the code sync; only a shared code is renamed in place.
  if (!usesPool || !campaign.shopifyDiscountId) input.code = initialCode;
  const result = campaign.shopifyDiscountId ? await updateCodeDiscount(admin, campaign.shopifyDiscountId, input) : await createCodeDiscount(admin, input);
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
  const catalogueErrors = [...(await publishCatalogue(db, admin, campaign.shopDomain)), ...(await publishUnlockOffers(db, admin, campaign.shopDomain))];
  if (usesPool) await enqueueCodeSync(db, { shopDomain: campaign.shopDomain, campaignId: campaign.id });
  if (catalogueErrors.length > 0) return fail(db, published, userErrorsByField(catalogueErrors));
  return { ok: true, campaign: published };
}

/** Why a paused campaign is paused: the merchant, a budget, or the daily cap (until the next local midnight). */
export type PauseReason = "manual" | "budget" | "dailyCap";

async function changeLifecycle(
  db: Database,
  admin: AdminGraphql,
  campaign: Campaign,
  change: { status: "live" | "paused" | "archived"; pauseReason: PauseReason | null; pausedUntil?: Date | null },
  shopifyChange: (discountId: string) => Promise<ShopifyUserError[]>,
): Promise<CampaignOutcome> {
  if (campaign.shopifyDiscountId) {
    const userErrors = await shopifyChange(campaign.shopifyDiscountId);
    if (userErrors.length > 0) return fail(db, campaign, userErrorsByField(userErrors));
  }
  const updated = await db.campaign.update({
    where: { id: campaign.id },
    data: { status: change.status, pauseReason: change.pauseReason, pausedUntil: change.pausedUntil ?? null, lastPublishError: null },
  });
  const catalogueErrors = [...(await publishCatalogue(db, admin, campaign.shopDomain)), ...(await publishUnlockOffers(db, admin, campaign.shopDomain))];
  if (catalogueErrors.length > 0) return fail(db, updated, userErrorsByField(catalogueErrors));
  return { ok: true, campaign: updated };
}

/** Stops the discount now (Shopify deactivates it) and takes its codes out of the catalogue. */
export async function pauseCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status !== "live") return { ok: false, errors: { [GENERAL_FIELD]: "Only a published campaign can be paused." } };
  return changeLifecycle(db, admin, campaign, { status: "paused", pauseReason: "manual" }, (id) => setCodeDiscountActive(admin, id, false));
}

/**
 * A cap stops the campaign: paused as a merchant's pause is, with the reason (and, for the daily
 * cap, when it resumes). An already paused campaign only takes the reason when the budget's is
 * stronger: a budget outlasts a daily pause, and neither overrides the merchant's own pause.
 */
export async function pauseForCap(
  db: Database,
  admin: AdminGraphql,
  campaign: Campaign,
  reason: Exclude<PauseReason, "manual">,
  pausedUntil: Date | null = null,
): Promise<CampaignOutcome> {
  if (campaign.status === "live") {
    return changeLifecycle(db, admin, campaign, { status: "paused", pauseReason: reason, pausedUntil }, (id) => setCodeDiscountActive(admin, id, false));
  }
  if (campaign.status !== "paused") return { ok: true, campaign };
  const updated = await db.campaign.update({ where: { id: campaign.id }, data: { pauseReason: reason, pausedUntil } });
  return { ok: true, campaign: updated };
}

/** Reactivates the discount and puts back the campaign's own dates, which deactivation ended. */
export async function resumeCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status !== "paused") return { ok: false, errors: { [GENERAL_FIELD]: "Only a paused campaign can be resumed." } };
  return changeLifecycle(db, admin, campaign, { status: "live", pauseReason: null }, async (id) => {
    const activateErrors = await setCodeDiscountActive(admin, id, true);
    if (activateErrors.length > 0) return activateErrors;
    const period = await activePeriod(db, campaign);
    const result = await updateCodeDiscount(admin, id, { startsAt: period.startsAt.toISOString(), endsAt: period.endsAt?.toISOString() ?? null });
    return result.ok ? [] : result.userErrors;
  });
}

/** Ends the discount for good; the campaign and its discount stay as history. */
export async function archiveCampaign(db: Database, admin: AdminGraphql, campaign: Campaign): Promise<CampaignOutcome> {
  if (campaign.status === "archived") return { ok: true, campaign };
  const wasActive = campaign.status === "live";
  return changeLifecycle(db, admin, campaign, { status: "archived", pauseReason: null }, async (id) =>
    wasActive ? setCodeDiscountActive(admin, id, false) : [],
  );
}
