// Overlap and cannibalisation: where codes pile up on one customer (WELCOME10 then LOYALTY15 a
// week later), where live campaigns cover the same products at the same time, and where a code
// went to someone who had just bought at full price — a discount they likely did not need.
import { Prisma, type Campaign } from "@prisma/client";
import { effectDefinition, type CampaignConfig } from "promo-discount/config";
import type { Database } from "~/db.server";
import { relateCampaigns, type ScopeItem } from "~/domain/governance/conflicts.server";
import { maskEmail } from "./email-patterns";

const Decimal = Prisma.Decimal;
type Decimal = Prisma.Decimal;

export const DEFAULT_WINDOW_DAYS = 30;
export const DEFAULT_FULL_PRICE_DAYS = 30;
export const DAY_LIMITS = { min: 1, max: 365 };
const DAY_MS = 86_400_000;
/** SQLite takes a bounded number of variables per statement: lookups go in slices. */
const IN_SLICE = 500;

export interface OverlapOptions {
  /** Redemptions of the last N days (default 30). */
  windowDays?: number;
  /** A full-price order this many days before a redemption marks it as likely cannibalised (default 30). */
  fullPriceDays?: number;
  now?: Date;
  /** List live pairs that can't stack as well (default: only pairs that can). */
  showAll?: boolean;
  /** Names products and collections; without it they read "a product no longer in your store". */
  names?: CatalogueNames;
}

const customerLabel = (customerId: string | null, email: string | null) => (customerId ? `Customer ${customerId.split("/").pop()}` : maskEmail(email));

const percentOf = (part: Decimal, whole: Decimal) => (whole.isZero() ? null : Number(part.div(whole).times(100).toFixed(2)));

// ---------------------------------------------------------------------------------------------
// (a) Customers who used more than one code

export interface CodeUse {
  code: string;
  orderName: string;
  processedAt: string;
  codeDiscount: string;
}

export interface MultiCodeCustomer {
  /** "Customer 123" for an account, a masked email for a guest. */
  customer: string;
  codes: CodeUse[];
  orders: number;
  /** What the codes took off, summed. */
  codeDiscount: string;
  /** What the orders would have cost without any discount (total + every discount), each order once. */
  grossValue: string;
  /** codeDiscount ÷ grossValue × 100, e.g. 12.5; null without a gross value. */
  effectivePercent: number | null;
}

interface WindowRedemption {
  id: number;
  orderId: string;
  orderName: string;
  processedAt: Date;
  code: string;
  codeKey: string;
  customerId: string | null;
  email: string | null;
  total: Decimal;
  totalDiscount: Decimal;
  codeDiscount: Decimal;
}

async function redemptionsIn(db: Database, shopDomain: string, from: Date, to: Date): Promise<WindowRedemption[]> {
  return db.redemption.findMany({
    where: { shopDomain, processedAt: { gte: from, lte: to } },
    select: {
      id: true,
      orderId: true,
      orderName: true,
      processedAt: true,
      code: true,
      codeKey: true,
      customerId: true,
      email: true,
      total: true,
      totalDiscount: true,
      codeDiscount: true,
    },
    orderBy: [{ processedAt: "asc" }, { id: "asc" }],
  });
}

/** One person: their customer account, else their email; null for a guest without one. */
const personOf = (redemption: { customerId: string | null; email: string | null }) =>
  redemption.customerId ?? (redemption.email ? `email:${redemption.email.toLowerCase()}` : null);

export function multiCodeCustomers(redemptions: WindowRedemption[]): MultiCodeCustomer[] {
  const byPerson = new Map<string, WindowRedemption[]>();
  for (const redemption of redemptions) {
    const person = personOf(redemption);
    if (person) byPerson.set(person, [...(byPerson.get(person) ?? []), redemption]);
  }
  const customers: MultiCodeCustomer[] = [];
  for (const uses of byPerson.values()) {
    if (new Set(uses.map((use) => use.codeKey)).size < 2) continue;
    const codeDiscount = uses.reduce((total, use) => total.plus(use.codeDiscount), new Decimal(0));
    const orders = new Map(uses.map((use) => [use.orderId, use.total.plus(use.totalDiscount)]));
    const grossValue = [...orders.values()].reduce((total, value) => total.plus(value), new Decimal(0));
    const first = uses[0];
    customers.push({
      customer: customerLabel(first.customerId, first.email),
      codes: uses.map((use) => ({
        code: use.code,
        orderName: use.orderName,
        processedAt: use.processedAt.toISOString(),
        codeDiscount: use.codeDiscount.toFixed(2),
      })),
      orders: orders.size,
      codeDiscount: codeDiscount.toFixed(2),
      grossValue: grossValue.toFixed(2),
      effectivePercent: percentOf(codeDiscount, grossValue),
    });
  }
  return customers.sort((a, b) => (b.effectivePercent ?? 0) - (a.effectivePercent ?? 0) || a.customer.localeCompare(b.customer));
}

// ---------------------------------------------------------------------------------------------
// (b) Live offers that can stack: judged and measured as approvals judge a conflict (conflicts.server)

export interface OverlapCampaign {
  id: number;
  name: string;
  /** What it gives, in its effects' words: "10% off the order". */
  offer: string;
}

export interface CampaignOverlap {
  first: OverlapCampaign;
  second: OverlapCampaign;
  /** True when the two certainly reach the same products; false when they may (a collection and a vendor, say). */
  certain: boolean;
  /** When both run: the later start to the earlier end (null = no end). */
  from: string;
  until: string | null;
  /** Whether Shopify applies both to one order, judged as approvals judge a conflict. */
  canStack: boolean;
  /** Why they can't stack, in words; null when they can. */
  whyApart: string | null;
  /** The share of one item's price taken off when both apply: the approvals' worst-case figure (conflicts' stackDepth). */
  combinedPercent: number;
  /** Fixed amounts not counted in combinedPercent (PromoGuard doesn't know the prices): "5.00 off the order". */
  uncounted: string[];
}

/** The pairs that meet on one product, collection, vendor… or on every product. */
export interface OverlapGroup {
  /** What they meet on, by name: "All products", "Collection “Bedroom”", "Vendor “Acme”". */
  scope: string;
  pairs: CampaignOverlap[];
}

export interface CampaignOverlaps {
  groups: OverlapGroup[];
  /** Whether pairs that can't stack are listed too (by default only pairs that can stack are). */
  showAll: boolean;
  /** Pairs that meet but can't stack, left out unless showAll. */
  apart: number;
}

/** Titles of products and collections by id (the shop's catalogue on the Admin API); ids it does not know are left out. */
export type CatalogueNames = (ids: readonly string[]) => Promise<Map<string, string>>;

function readConfig(campaign: Campaign): CampaignConfig | null {
  try {
    const config = JSON.parse(campaign.config) as CampaignConfig;
    return config && Array.isArray(config.effects) ? config : null;
  } catch {
    return null;
  }
}

/** What a campaign gives, in the words of each effect's definition. */
function offerOf(config: CampaignConfig): string {
  return config.effects.map((effect) => effectDefinition(effect.type)?.summary(effect) ?? "discount").join(" + ");
}

const NAMED_DIMENSIONS = new Set(["product", "collection"]);

/** A group's heading in the merchant's words: the product's or collection's title, never its id. */
function scopeLabel(item: ScopeItem | null, titles: Map<string, string>): string {
  if (!item) return "All products";
  const title = titles.get(item.value);
  switch (item.dimension) {
    case "product":
      return title ? `Product “${title}”` : "A product no longer in your store";
    case "collection":
      return title ? `Collection “${title}”` : "A collection no longer in your store";
    case "variant":
      return "A product variant";
    case "sku":
      return `SKU “${item.value}”`;
    case "vendor":
      return `Vendor “${item.value}”`;
    case "tag":
      return `Products tagged “${item.value}”`;
  }
}

export async function campaignOverlaps(
  db: Database,
  shopDomain: string,
  options: { now?: Date; showAll?: boolean; names?: CatalogueNames } = {},
): Promise<CampaignOverlaps> {
  const now = options.now ?? new Date();
  const showAll = options.showAll ?? false;
  const live = await db.campaign.findMany({
    where: { shopDomain, status: "live", OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    orderBy: { id: "asc" },
  });
  const readable = live.flatMap((campaign) => {
    const config = readConfig(campaign);
    return config ? [{ campaign, config }] : [];
  });
  const found: Array<{ shared: ScopeItem | null; overlap: CampaignOverlap }> = [];
  let apart = 0;
  for (let i = 0; i < readable.length; i++) {
    for (let j = i + 1; j < readable.length; j++) {
      const a = readable[i];
      const b = readable[j];
      // The same judgement and the same depth as approvals (conflicts.server).
      const pair = relateCampaigns(a.campaign, b.campaign);
      if (!pair) continue;
      if (!pair.canStack) apart++;
      if (!pair.canStack && !showAll) continue;
      const from = a.campaign.startsAt > b.campaign.startsAt ? a.campaign.startsAt : b.campaign.startsAt;
      const ends = [a.campaign.endsAt, b.campaign.endsAt].filter((end): end is Date => end !== null);
      const until = ends.length === 0 ? null : new Date(Math.min(...ends.map((end) => end.getTime())));
      found.push({
        shared: pair.scope.shared,
        overlap: {
          first: { id: a.campaign.id, name: a.campaign.name, offer: offerOf(a.config) },
          second: { id: b.campaign.id, name: b.campaign.name, offer: offerOf(b.config) },
          certain: pair.scope.overlap === "yes",
          from: from.toISOString(),
          until: until?.toISOString() ?? null,
          canStack: pair.canStack,
          whyApart: pair.whyApart,
          combinedPercent: pair.depth.percent,
          uncounted: pair.depth.uncounted,
        },
      });
    }
  }
  const ids = [...new Set(found.flatMap(({ shared }) => (shared && NAMED_DIMENSIONS.has(shared.dimension) ? [shared.value] : [])))];
  const titles = ids.length > 0 && options.names ? await options.names(ids) : new Map<string, string>();
  const groups = new Map<string, CampaignOverlap[]>();
  for (const { shared, overlap } of found) {
    const label = scopeLabel(shared, titles);
    groups.set(label, [...(groups.get(label) ?? []), overlap]);
  }
  const ordered = [...groups.entries()]
    .map(([scope, pairs]) => ({ scope, pairs: pairs.sort((x, y) => Number(y.canStack) - Number(x.canStack) || y.combinedPercent - x.combinedPercent) }))
    .sort((x, y) => (x.scope === "All products" ? -1 : y.scope === "All products" ? 1 : x.scope.localeCompare(y.scope)));
  return { groups: ordered, showAll, apart };
}

// ---------------------------------------------------------------------------------------------
// (c) Redemptions by customers who had just bought at full price

export interface CannibalisedRedemption {
  orderName: string;
  processedAt: string;
  code: string;
  customer: string;
  codeDiscount: string;
  /** The latest full-price order within the N days before. */
  fullPriceOrderAt: string;
  fullPriceOrderTotal: string;
}

export interface Cannibalisation {
  redemptions: number;
  cannibalised: number;
  /** cannibalised ÷ redemptions, e.g. 0.25; null without redemptions. */
  share: number | null;
  /** What the codes gave those customers. */
  discount: string;
  rows: CannibalisedRedemption[];
}

async function fullPriceOrders(db: Database, shopDomain: string, redemptions: WindowRedemption[], from: Date, to: Date) {
  const customerIds = [...new Set(redemptions.flatMap((redemption) => (redemption.customerId ? [redemption.customerId] : [])))];
  const emails = [...new Set(redemptions.flatMap((redemption) => (redemption.email ? [redemption.email.toLowerCase()] : [])))];
  const base = { shopDomain, hasCode: false, totalDiscount: 0, processedAt: { gte: from, lt: to } };
  const select = { orderId: true, processedAt: true, total: true, customerId: true, email: true } as const;
  const found = new Map<string, { orderId: string; processedAt: Date; total: Decimal; customerId: string | null; email: string | null }>();
  for (let index = 0; index < customerIds.length; index += IN_SLICE) {
    for (const order of await db.shopOrder.findMany({ where: { ...base, customerId: { in: customerIds.slice(index, index + IN_SLICE) } }, select }))
      found.set(order.orderId, order);
  }
  for (let index = 0; index < emails.length; index += IN_SLICE) {
    for (const order of await db.shopOrder.findMany({ where: { ...base, email: { in: emails.slice(index, index + IN_SLICE) } }, select }))
      found.set(order.orderId, order);
  }
  const byPerson = new Map<string, { orderId: string; processedAt: Date; total: Decimal }[]>();
  const file = (key: string, order: { orderId: string; processedAt: Date; total: Decimal }) => byPerson.set(key, [...(byPerson.get(key) ?? []), order]);
  for (const order of found.values()) {
    if (order.customerId) file(`c:${order.customerId}`, order);
    if (order.email) file(`e:${order.email.toLowerCase()}`, order);
  }
  return byPerson;
}

export async function cannibalisation(
  db: Database,
  shopDomain: string,
  redemptions: WindowRedemption[],
  fullPriceDays: number,
  windowFrom: Date,
  windowTo: Date,
): Promise<Cannibalisation> {
  const orders = await fullPriceOrders(db, shopDomain, redemptions, new Date(windowFrom.getTime() - fullPriceDays * DAY_MS), windowTo);
  const rows: CannibalisedRedemption[] = [];
  let discount = new Decimal(0);
  for (const redemption of redemptions) {
    const since = redemption.processedAt.getTime() - fullPriceDays * DAY_MS;
    const candidates = [
      ...(redemption.customerId ? (orders.get(`c:${redemption.customerId}`) ?? []) : []),
      ...(redemption.email ? (orders.get(`e:${redemption.email.toLowerCase()}`) ?? []) : []),
    ].filter((order) => order.orderId !== redemption.orderId && order.processedAt.getTime() >= since && order.processedAt < redemption.processedAt);
    if (candidates.length === 0) continue;
    const latest = candidates.reduce((best, order) => (order.processedAt > best.processedAt ? order : best));
    discount = discount.plus(redemption.codeDiscount);
    rows.push({
      orderName: redemption.orderName,
      processedAt: redemption.processedAt.toISOString(),
      code: redemption.code,
      customer: customerLabel(redemption.customerId, redemption.email),
      codeDiscount: redemption.codeDiscount.toFixed(2),
      fullPriceOrderAt: latest.processedAt.toISOString(),
      fullPriceOrderTotal: latest.total.toFixed(2),
    });
  }
  return {
    redemptions: redemptions.length,
    cannibalised: rows.length,
    share: redemptions.length === 0 ? null : rows.length / redemptions.length,
    discount: discount.toFixed(2),
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// The page's report

export interface OverlapReport {
  windowDays: number;
  fullPriceDays: number;
  from: string;
  to: string;
  multiCode: MultiCodeCustomer[];
  campaigns: CampaignOverlaps;
  cannibalisation: Cannibalisation;
}

export async function overlapReport(db: Database, shopDomain: string, options: OverlapOptions = {}): Promise<OverlapReport> {
  const now = options.now ?? new Date();
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const fullPriceDays = options.fullPriceDays ?? DEFAULT_FULL_PRICE_DAYS;
  const from = new Date(now.getTime() - windowDays * DAY_MS);
  const redemptions = await redemptionsIn(db, shopDomain, from, now);
  return {
    windowDays,
    fullPriceDays,
    from: from.toISOString(),
    to: now.toISOString(),
    multiCode: multiCodeCustomers(redemptions),
    campaigns: await campaignOverlaps(db, shopDomain, { now, showAll: options.showAll, names: options.names }),
    cannibalisation: await cannibalisation(db, shopDomain, redemptions, fullPriceDays, from, now),
  };
}

/** A day count from the URL: a whole number within DAY_LIMITS, else an error naming the field. */
export function readDays(value: string | null, field: string, fallback: number): { days: number; error: string | null } {
  if (value === null || value.trim() === "") return { days: fallback, error: null };
  const trimmed = value.trim();
  const days = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || days < DAY_LIMITS.min || days > DAY_LIMITS.max) {
    return {
      days: fallback,
      error: `${field} must be a whole number of days from ${DAY_LIMITS.min} to ${DAY_LIMITS.max}, got "${value}". Showing ${fallback} days.`,
    };
  }
  return { days, error: null };
}
