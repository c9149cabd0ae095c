// The stacking catalogue the guard reads (shop metafield $app:promoguard.stacking-catalogue):
// one entry per published campaign and per adopted code, rebuilt from the database and written
// whole on every publish, pause, resume, archive, adoption and policy switch, so it never drifts.
import type { Campaign } from "@prisma/client";
import {
  GUARDABLE_CONDITIONS,
  METAFIELD_NAMESPACE,
  effectDefinition,
  STACKING_CATALOGUE_KEY,
  checkMetafieldSize,
  compileCatalogue,
  toCatalogueEntry,
  validateCatalogue,
} from "promo-discount/config";
import type { CampaignConfig, CatalogueCampaign, CatalogueRules, ConfigIssue, StackingCatalogue } from "promo-discount/config";
import type { Database } from "~/db.server";
import { poolStore } from "~/domain/pools/store.server";
import { setShopJsonMetafield, type AdminGraphql, type ShopifyUserError } from "~/shopify/discounts.server";

/** The shop-wide stacking policy; unlisted codes follow the Owner's "refuse codes not created by
 * PromoGuard" switch (GovernancePolicy.refuseUngovernedCodes), allowed by default. */
export const STACKING_POLICY = { maxCodesPerOrder: 2, selection: "bestValue", unlistedCodes: "allow" } as const;

export async function stackingPolicyFor(
  db: Database,
  shopDomain: string,
): Promise<Pick<StackingCatalogue, "maxCodesPerOrder" | "selection" | "unlistedCodes">> {
  const row = await db.governancePolicy.findUnique({ where: { shopDomain }, select: { refuseUngovernedCodes: true } });
  return { ...STACKING_POLICY, unlistedCodes: row?.refuseUngovernedCodes ? "refuse" : "allow" };
}

/** An adopted discount's headline for best-value ranking: "15%" from Shopify's summary when it
 * says so, otherwise 0 (PromoGuard cannot tell what it is worth). */
function adoptedValue(summary: string | null): string {
  const match = summary ? /(\d{1,3}(?:\.\d{1,2})?)% off/.exec(summary) : null;
  return match && Number(match[1]) <= 100 ? `${Number(match[1])}%` : "0.00";
}

/**
 * Adopted code discounts are governed, so the guard must know their codes, or refusing unlisted
 * codes would refuse them too. Each code is listed exactly; a discount with more codes than the
 * import's sample cannot be listed whole (see unlistableAdoptedDiscounts).
 */
async function adoptedEntries(db: Database, shopDomain: string): Promise<CatalogueCampaign[]> {
  const adopted = await db.existingDiscount.findMany({
    where: { shopDomain, method: "CODE", adoptedAt: { not: null }, status: { not: "EXPIRED" } },
    orderBy: { id: "asc" },
  });
  return adopted.flatMap((discount) => {
    const codes = discount.codes as string[];
    if (codes.length < discount.codesCount) return [];
    return codes.map((code) => ({ pattern: code, category: "joint" as const, priority: 0, value: adoptedValue(discount.summary) }));
  });
}

/** Adopted discounts whose codes the guard cannot list (more codes than PromoGuard has read). */
export async function unlistableAdoptedDiscounts(db: Database, shopDomain: string): Promise<{ id: number; title: string; codesCount: number }[]> {
  const adopted = await db.existingDiscount.findMany({
    where: { shopDomain, method: "CODE", adoptedAt: { not: null }, status: { not: "EXPIRED" } },
    select: { id: true, title: true, codesCount: true, codes: true },
  });
  return adopted
    .filter((discount) => (discount.codes as string[]).length < discount.codesCount)
    .map(({ id, title, codesCount }) => ({ id, title, codesCount }));
}

/** Live PromoGuard campaigns the guard cannot list (a pool whose codes share no prefix). */
export async function unlistedCampaigns(db: Database, shopDomain: string): Promise<{ id: number; name: string }[]> {
  const campaigns = await db.campaign.findMany({ where: { shopDomain, status: { in: CATALOGUED_STATUSES } }, orderBy: { id: "asc" } });
  const unlisted: { id: number; name: string }[] = [];
  for (const campaign of campaigns) if ((await codePattern(campaign)) === null) unlisted.push({ id: campaign.id, name: campaign.name });
  return unlisted;
}

/** Campaigns whose codes Shopify may accept right now or later: they must be in the catalogue. */
export const CATALOGUED_STATUSES = ["live"];

/** The value best-value selection ranks a code by: its first effect's headline figure. */
function estimatedValue(config: CampaignConfig): string {
  const [effect] = config.effects;
  return effectDefinition(effect.type)!.rankingValue(effect);
}

function guardableRules(config: CampaignConfig): CatalogueRules | undefined {
  const record = config as unknown as Record<string, unknown>;
  const rules: Record<string, unknown> = {};
  for (const condition of GUARDABLE_CONDITIONS) {
    for (const key of condition.keys) if (record[key] !== undefined) rules[key] = record[key];
  }
  return Object.keys(rules).length > 0 ? (rules as CatalogueRules) : undefined;
}

/** The longest prefix every code of a pool shares (min and max in sort order bound all others). */
async function poolCodePrefix(poolId: number): Promise<string> {
  const store = poolStore();
  const bounds = await store.read(
    () =>
      store.statement(`SELECT MIN("codeKey") AS "low", MAX("codeKey") AS "high" FROM "Coupon" WHERE "poolId" = :poolId`).get({ poolId }) as {
        low: string | null;
        high: string | null;
      },
  );
  if (!bounds.low || !bounds.high) return "";
  let length = 0;
  while (length < bounds.low.length && bounds.low[length] === bounds.high[length]) length++;
  return bounds.low.slice(0, length);
}

/** How the guard recognises the campaign's codes: its code, or its codes' common prefix. Null
 * when a pool's codes share no prefix: the guard then treats them as codes it does not list. */
export async function codePattern(campaign: Pick<Campaign, "codeSource" | "sharedCode" | "generatedPrefix" | "poolId">): Promise<string | null> {
  if (campaign.codeSource === "shared") return campaign.sharedCode;
  if (campaign.codeSource === "generated") return `${campaign.generatedPrefix}*`;
  const prefix = campaign.poolId === null ? "" : await poolCodePrefix(campaign.poolId);
  return prefix ? `${prefix}*` : null;
}

export async function catalogueEntryFor(campaign: Campaign): Promise<CatalogueCampaign | null> {
  const pattern = await codePattern(campaign);
  if (!pattern) return null;
  const config = JSON.parse(campaign.config) as CampaignConfig;
  return {
    pattern,
    category: campaign.stackingCategory as CatalogueCampaign["category"],
    priority: campaign.priority,
    value: estimatedValue(config),
    rules: guardableRules(config),
  };
}

export type CatalogueBuild = { ok: true; catalogue: StackingCatalogue } | { ok: false; issues: ConfigIssue[] };

/** The catalogue for the shop's published campaigns and adopted codes, with the shop's policy,
 * checked by the function's own validator. */
export async function buildCatalogue(db: Database, shopDomain: string): Promise<CatalogueBuild> {
  const campaigns = await db.campaign.findMany({ where: { shopDomain, status: { in: CATALOGUED_STATUSES } }, orderBy: { id: "asc" } });
  const entries = [];
  const seen = new Set<string>();
  for (const campaign of campaigns) {
    const entry = await catalogueEntryFor(campaign);
    // Two campaigns on one pattern (a prefix reused later) keep the older listing.
    if (entry && !seen.has(entry.pattern.toUpperCase())) {
      seen.add(entry.pattern.toUpperCase());
      entries.push(toCatalogueEntry(entry));
    }
  }
  const adopted = [];
  for (const entry of await adoptedEntries(db, shopDomain)) {
    if (!seen.has(entry.pattern.toUpperCase())) {
      seen.add(entry.pattern.toUpperCase());
      adopted.push(toCatalogueEntry(entry));
    }
  }
  const policy = await stackingPolicyFor(db, shopDomain);
  const check = (catalogue: StackingCatalogue): CatalogueBuild => {
    const validation = validateCatalogue(catalogue);
    if (!validation.ok) return { ok: false, issues: validation.issues };
    // What Shopify hands the guard is the compiled catalogue: that is what must fit.
    const sizeIssues = checkMetafieldSize(compileCatalogue(validation.value), "The stacking catalogue's codes");
    return sizeIssues.length > 0 ? { ok: false, issues: sizeIssues } : { ok: true, catalogue: validation.value };
  };
  const full = check({ version: 1, ...policy, campaigns: [...entries, ...adopted] });
  // Campaigns come first: adopted codes that would not fit must never stop a campaign's publish.
  return full.ok || adopted.length === 0 ? full : check({ version: 1, ...policy, campaigns: entries });
}

/** Rebuilds the catalogue and writes it, compiled, to the shop metafield the guard reads. */
export async function publishCatalogue(db: Database, admin: AdminGraphql, shopDomain: string): Promise<ShopifyUserError[]> {
  const build = await buildCatalogue(db, shopDomain);
  if (!build.ok) {
    return build.issues.map((issue) => ({ field: ["catalogue"], message: `${issue.path ? `${issue.path}: ` : ""}${issue.message}`, code: "INVALID" }));
  }
  const userErrors = await setShopJsonMetafield(admin, METAFIELD_NAMESPACE, STACKING_CATALOGUE_KEY, compileCatalogue(build.catalogue));
  if (userErrors.length === 0) {
    await db.stackingGuard.updateMany({
      where: { shopDomain },
      data: { catalogueEntries: build.catalogue.campaigns.length, catalogueUpdatedAt: new Date() },
    });
  }
  return userErrors;
}
