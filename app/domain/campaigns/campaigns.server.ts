// Campaign records: create, edit, find, list. Every query is scoped by the shop, so another
// shop's campaign id simply is not found.
import type { Campaign } from "@prisma/client";
import type { Database } from "~/db.server";
import { findPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import { NO_CAPS, type CampaignInput, type FieldErrors } from "./campaign-input";
import { generateCampaignCodes } from "./generated-codes.server";
import { InvalidInput } from "~/domain/errors";

export async function findCampaign(db: Database, shopDomain: string, id: number): Promise<Campaign | null> {
  if (!Number.isSafeInteger(id)) return null;
  return db.campaign.findFirst({ where: { id, shopDomain } });
}

export async function listCampaigns(db: Database, shopDomain: string): Promise<Campaign[]> {
  return db.campaign.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

async function checkPool(shopDomain: string, poolId: number | null): Promise<void> {
  if (poolId !== null && !(await findPool(poolStore(), shopDomain, poolId))) {
    throw new InvalidInput({ poolId: "Choose one of this store's coupon pools." });
  }
}

function storedFields(input: CampaignInput) {
  const { config, ownerStaffId, ...fields } = input;
  return { ...fields, ownerStaffId: ownerStaffId ?? null, config: JSON.stringify(config) };
}

/** The campaign's stored fields as the form's input: what a policy is evaluated on, what an
 * approval request proposes. */
export function campaignInputOf(campaign: Campaign): CampaignInput {
  return {
    name: campaign.name,
    ownerStaffId: campaign.ownerStaffId,
    ownerName: campaign.ownerName,
    ownerEmail: campaign.ownerEmail,
    purpose: campaign.purpose,
    channel: campaign.channel as CampaignInput["channel"],
    config: JSON.parse(campaign.config) as CampaignInput["config"],
    codeSource: campaign.codeSource as CampaignInput["codeSource"],
    sharedCode: campaign.sharedCode,
    generatedCount: campaign.generatedCount,
    generatedPrefix: campaign.generatedPrefix,
    generatedLength: campaign.generatedLength,
    poolId: campaign.ownsPool ? null : campaign.poolId,
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
    usageLimit: campaign.usageLimit,
    oncePerCustomer: campaign.oncePerCustomer,
    budgetDiscount: campaign.budgetDiscount?.toFixed(2) ?? null,
    budgetRevenue: campaign.budgetRevenue?.toFixed(2) ?? null,
    budgetRedemptions: campaign.budgetRedemptions,
    dailyCap: campaign.dailyCap,
    combinesWithProduct: campaign.combinesWithProduct,
    combinesWithOrder: campaign.combinesWithOrder,
    combinesWithShipping: campaign.combinesWithShipping,
    stackingCategory: campaign.stackingCategory as CampaignInput["stackingCategory"],
    priority: campaign.priority,
  };
}

/** An input as stored JSON (an approval request's proposal) and back, dates included. */
export function serializeInput(input: CampaignInput): string {
  return JSON.stringify(input);
}

export function parseInput(json: string): CampaignInput {
  const raw = JSON.parse(json) as Omit<CampaignInput, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string | null };
  // Proposals stored before caps existed propose none.
  return { ...NO_CAPS, ...raw, startsAt: new Date(raw.startsAt), endsAt: raw.endsAt === null ? null : new Date(raw.endsAt) };
}

/** The fields an audit entry compares (config as its JSON text). */
export function auditValuesOfInput(input: CampaignInput): Record<string, unknown> {
  return storedFields(input);
}

export function auditValuesOf(campaign: Campaign): Record<string, unknown> {
  return { ...auditValuesOfInput(campaignInputOf(campaign)), status: campaign.status, approvalState: campaign.approvalState };
}

export async function createCampaign(db: Database, shopDomain: string, input: CampaignInput, createdById: number | null = null): Promise<Campaign> {
  await checkPool(shopDomain, input.poolId);
  const campaign = await db.campaign.create({ data: { shopDomain, ...storedFields(input), createdById, status: "draft" } });
  if (input.codeSource !== "generated") return campaign;
  const pool = await generateCampaignCodes(poolStore(), shopDomain, campaign, {
    prefix: input.generatedPrefix!,
    length: input.generatedLength!,
    count: input.generatedCount!,
  });
  return db.campaign.update({ where: { id: campaign.id }, data: { poolId: pool.id, ownsPool: true } });
}

/** Where the codes come from is fixed once codes exist: generated codes, or a published discount. */
function codeSourceChanges(campaign: Campaign, input: CampaignInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.codeSource !== campaign.codeSource && (campaign.ownsPool || campaign.shopifyDiscountId)) {
    errors.codeSource = "The code source can't change once codes exist. Create a new campaign instead.";
  } else if (
    campaign.ownsPool &&
    (input.generatedPrefix !== campaign.generatedPrefix ||
      input.generatedLength !== campaign.generatedLength ||
      input.generatedCount !== campaign.generatedCount)
  ) {
    errors.generatedCount = "These codes are already generated. Create a new campaign for a different set.";
  } else if (campaign.shopifyDiscountId && input.codeSource === "pool" && input.poolId !== campaign.poolId) {
    errors.poolId = "A published campaign keeps its pool. Create a new campaign for another pool.";
  }
  return errors;
}

export async function updateCampaign(db: Database, campaign: Campaign, input: CampaignInput): Promise<Campaign> {
  const errors = codeSourceChanges(campaign, input);
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  await checkPool(campaign.shopDomain, input.poolId);
  const { poolId, ...fields } = storedFields(input);
  return db.campaign.update({
    where: { id: campaign.id },
    data: { ...fields, poolId: campaign.ownsPool ? campaign.poolId : poolId },
  });
}
