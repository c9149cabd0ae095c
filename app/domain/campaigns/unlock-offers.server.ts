// The "spend $X more" offers the storefront cart (theme app extension) and checkout (checkout UI
// extension) read: the shop metafield $app:promoguard.unlock-offers, rebuilt from the shop's live
// campaigns and written whole after every publish, pause, resume and archive, like the guard's
// catalogue. Each offer carries its campaign's dates, so expiry needs no rewrite.
import type { Campaign } from "@prisma/client";
import { CONDITIONS, effectDefinition, isConfigured } from "promo-discount/config";
import type { CampaignConfig } from "promo-discount/config";
import { UNLOCK_OFFERS_KEY, UNLOCK_OFFERS_NAMESPACE, type UnlockAudience, type UnlockOffer, type UnlockOffersDocument } from "checkout-messages/unlock-offers";
import type { Database } from "~/db.server";
import { setShopJsonMetafield, type AdminGraphql, type ShopifyUserError } from "~/shopify/discounts.server";

/** Conditions a storefront cart can be checked against; a campaign with any other rule (products,
 * countries, hours…) is not advertised, since the cart page could not tell whether it applies. */
const ADVERTISABLE_CONDITIONS = new Set(["minimumSubtotal", "firstOrder", "returningCustomer", "customerTagsAny", "customerTagsAll", "b2b"]);
const AUDIENCE_KEYS = ["firstOrder", "returningCustomer", "customerTagsAny", "customerTagsAll", "b2b"] as const;

function audienceOf(config: CampaignConfig): UnlockAudience | undefined {
  const audience: Record<string, unknown> = {};
  for (const key of AUDIENCE_KEYS) if (config[key] !== undefined) audience[key] = config[key];
  return Object.keys(audience).length > 0 ? (audience as UnlockAudience) : undefined;
}

function unlockOffersOf(campaign: Pick<Campaign, "config" | "startsAt" | "endsAt">): UnlockOffer[] {
  const config = JSON.parse(campaign.config) as CampaignConfig;
  if (!Array.isArray(config.effects) || CONDITIONS.some((condition) => isConfigured(condition, config) && !ADVERTISABLE_CONDITIONS.has(condition.name)))
    return [];
  const audience = audienceOf(config);
  // Each effect says what it gives at which subtotal (its definition's spendLevels).
  return config.effects.flatMap((effect) =>
    (effectDefinition(effect.type)?.spendLevels(effect, config.minimumSubtotal) ?? []).map((level): UnlockOffer => ({
      ...level,
      ...(audience ? { audience } : {}),
      startsAt: campaign.startsAt.toISOString(),
      ...(campaign.endsAt ? { endsAt: campaign.endsAt.toISOString() } : {}),
    })),
  );
}

async function buildUnlockOffers(db: Database, shopDomain: string): Promise<UnlockOffersDocument> {
  const [shop, campaigns] = await Promise.all([
    db.shop.findUnique({ where: { domain: shopDomain }, select: { currencyCode: true } }),
    db.campaign.findMany({ where: { shopDomain, status: "live" }, orderBy: { id: "asc" } }),
  ]);
  // Minimums are in the shop currency: until install has recorded it, there is nothing to advertise.
  const currency = shop?.currencyCode ?? "";
  return { version: 1, currency, offers: currency ? campaigns.flatMap(unlockOffersOf) : [] };
}

/** Rebuilds the offers and writes them to the shop metafield both extensions read. */
export async function publishUnlockOffers(db: Database, admin: AdminGraphql, shopDomain: string): Promise<ShopifyUserError[]> {
  return setShopJsonMetafield(admin, UNLOCK_OFFERS_NAMESPACE, UNLOCK_OFFERS_KEY, await buildUnlockOffers(db, shopDomain));
}
