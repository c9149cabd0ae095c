// "Spend $12.50 more to get 10% off": the one place that decides which offer a shopper can still
// unlock and how it is worded. The theme app extension (cart page and drawer), the checkout UI
// extension and the admin's cart simulator all call it, so the shopper reads the same words
// everywhere. The offers come from the app-owned shop metafield the app rewrites whenever a
// campaign is published, paused, resumed or archived (app/domain/campaigns/unlock-offers.server.ts);
// their dates travel with them, so an offer that expires stops showing without a rewrite.
// Pure and dependency-free: it runs in a storefront page, a checkout Web Worker and Node.

export const UNLOCK_OFFERS_NAMESPACE = "$app:promoguard";
export const UNLOCK_OFFERS_KEY = "unlock-offers";

export type UnlockReward = { percentage: number } | { amount: string } | { freeShipping: true };

/** Who may use an offer; a key left out means anyone. */
export interface UnlockAudience {
  firstOrder?: true;
  returningCustomer?: true;
  customerTagsAny?: string[];
  customerTagsAll?: string[];
  b2b?: "only" | "excluded";
}

export interface UnlockOffer {
  /** Shop currency: the cart subtotal that unlocks the reward. */
  minimum: string;
  reward: UnlockReward;
  audience?: UnlockAudience;
  /** ISO instants; left out, the offer has no start or no end. */
  startsAt?: string;
  endsAt?: string;
}

/** The metafield's JSON value. */
export interface UnlockOffersDocument {
  version: 1;
  /** The shop currency the minimums and fixed amounts are in. */
  currency: string;
  offers: UnlockOffer[];
}

/**
 * What the page knows about the shopper. A field left undefined is unknown (the checkout cannot
 * read customer tags, for instance): an offer that depends on it is not shown, so nobody is
 * promised a discount the checkout would then refuse.
 */
export interface UnlockShopper {
  /** False for a guest. */
  loggedIn: boolean;
  numberOfOrders?: number;
  tags?: string[];
  b2b?: boolean;
}

export interface UnlockCart {
  /** The subtotal before discounts, in major units of `currencyCode` ("37.50" → 37.5). */
  subtotal: number;
  currencyCode: string;
  /** Shop currency → cart currency; without it only a cart in the shop currency gets offers. */
  rate?: number;
}

export interface Unlock {
  /** "Spend $12.50 more to get 10% off" */
  message: string;
  /** How far the cart is towards the minimum, 0 to 1. */
  progress: number;
  remaining: number;
  minimum: number;
  currencyCode: string;
}

/** The metafield's value as offers; anything malformed means no offers rather than an error. */
export function parseUnlockOffers(value: unknown): UnlockOffersDocument | null {
  let document: unknown = value;
  if (typeof value === "string") {
    try {
      document = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof document !== "object" || document === null) return null;
  const { version, currency, offers } = document as Partial<UnlockOffersDocument>;
  if (version !== 1 || typeof currency !== "string" || !Array.isArray(offers)) return null;
  return { version, currency, offers: offers.filter(isOffer) };
}

function isOffer(offer: unknown): offer is UnlockOffer {
  if (typeof offer !== "object" || offer === null) return false;
  const { minimum, reward } = offer as Partial<UnlockOffer>;
  return typeof minimum === "string" && Number(minimum) > 0 && typeof reward === "object" && reward !== null;
}

function decimals(currencyCode: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Money for the shopper, in their locale: "$12.50", "12,50 €", "¥1,250". */
export function formatShopperMoney(amount: number, currencyCode: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode }).format(amount);
}

function inWindow(offer: UnlockOffer, now: Date): boolean {
  if (offer.startsAt && Date.parse(offer.startsAt) > now.getTime()) return false;
  return !(offer.endsAt && Date.parse(offer.endsAt) <= now.getTime());
}

function qualifies(audience: UnlockAudience | undefined, shopper: UnlockShopper): boolean {
  if (!audience) return true;
  const orders = shopper.loggedIn ? shopper.numberOfOrders : 0;
  if (audience.firstOrder && orders !== 0) return false;
  if (audience.returningCustomer && !(shopper.loggedIn && orders !== undefined && orders > 0)) return false;
  const tags = shopper.tags?.map((tag) => tag.toLowerCase());
  const hasTag = (tag: string) => tags?.includes(tag.toLowerCase()) === true;
  if (audience.customerTagsAny && !audience.customerTagsAny.some(hasTag)) return false;
  if (audience.customerTagsAll && !audience.customerTagsAll.every(hasTag)) return false;
  const b2b = shopper.loggedIn ? shopper.b2b : false;
  if (audience.b2b === "only" && b2b !== true) return false;
  return !(audience.b2b === "excluded" && b2b !== false);
}

function rewardWords(reward: UnlockReward, toCart: (shopAmount: number) => number, money: (amount: number) => string): string {
  if ("percentage" in reward) return `${reward.percentage}% off`;
  if ("amount" in reward) return `${money(toCart(Number(reward.amount)))} off`;
  return "free shipping";
}

/**
 * The offer the shopper is closest to unlocking, worded for them, or null when there is none:
 * no offer for this shopper now, every minimum already reached, or a cart currency the offers
 * cannot be converted to.
 */
export function nextUnlock(
  document: UnlockOffersDocument | null,
  cart: UnlockCart,
  shopper: UnlockShopper,
  options: { locale: string; now?: Date },
): Unlock | null {
  if (!document) return null;
  const rate = cart.rate ?? (cart.currencyCode === document.currency ? 1 : null);
  if (rate === null) return null;
  const scale = 10 ** decimals(cart.currencyCode);
  const toCart = (shopAmount: number) => Math.round(shopAmount * rate * scale) / scale;
  const subtotal = Math.round(cart.subtotal * scale);
  const now = options.now ?? new Date();

  const next = document.offers
    .filter((offer) => inWindow(offer, now) && qualifies(offer.audience, shopper))
    .map((offer) => ({ offer, minimum: Math.round(toCart(Number(offer.minimum)) * scale) }))
    .filter(({ minimum }) => minimum > subtotal)
    .sort((a, b) => a.minimum - b.minimum)[0];
  if (!next) return null;

  const money = (amount: number) => formatShopperMoney(amount, cart.currencyCode, options.locale);
  const remaining = (next.minimum - subtotal) / scale;
  return {
    message: `Spend ${money(remaining)} more to get ${rewardWords(next.offer.reward, toCart, money)}`,
    progress: Math.max(0, subtotal) / next.minimum,
    remaining,
    minimum: next.minimum / scale,
    currencyCode: cart.currencyCode,
  };
}
