// Conflicts: the other live, scheduled or approved campaigns of the shop that a campaign would
// stack with on the same items, and the deepest discount one item could get when they all apply.
// Shopify stacks two discounts when each one's combinesWith allows the other's discount class;
// an item gets both when the two product scopes meet and the dates overlap. What cannot be
// decided from the configs alone (a collection's or a tag's members, a variant's product) is
// reported as "may overlap": a merchant should look rather than be told all is well.
import type { Campaign } from "@prisma/client";
import { effectDefinition } from "promo-discount/config";
import type { CampaignConfig, DiscountClassName, Effect } from "promo-discount/config";
import type { Database } from "~/db.server";

export interface CombinesWith {
  product: boolean;
  order: boolean;
  shipping: boolean;
}

export interface ConflictCandidate {
  campaignId?: number;
  config: CampaignConfig;
  startsAt: Date;
  endsAt: Date | null;
  combinesWith: CombinesWith;
}

export interface Conflict {
  campaignId: number;
  name: string;
  status: string;
  reason: string;
}

export interface WorstCase {
  /** Compounded percentage off one item when every stacking campaign applies (0–100, 2 decimals). */
  percent: number;
  /** Which item: the scope every stacked campaign shares, in words. */
  item: string;
  campaigns: Array<{ id: number; name: string; value: string }>;
}

export interface ConflictReport {
  conflicts: Conflict[];
  worstCase: WorstCase | null;
}

/** The name the candidate carries in the worst case (it may not be saved yet). */
export const CANDIDATE_NAME = "This campaign";

// ---------------------------------------------------------------------------------------------
// Product scope

type Dimension = "product" | "variant" | "collection" | "sku" | "vendor" | "tag";

/** Dimensions where an item has exactly one value: two different values never meet. Collections
 * and tags are many per product, so two different ones may still share a product. */
const SINGLE_VALUED: ReadonlySet<Dimension> = new Set(["product", "variant", "sku", "vendor"]);

const SCOPE_KEYS: Array<{ dimension: Dimension; include: keyof CampaignConfig; exclude: keyof CampaignConfig; noun: string }> = [
  { dimension: "product", include: "includedProductIds", exclude: "excludedProductIds", noun: "product" },
  { dimension: "variant", include: "includedVariantIds", exclude: "excludedVariantIds", noun: "variant" },
  { dimension: "collection", include: "includedCollectionIds", exclude: "excludedCollectionIds", noun: "collection" },
  { dimension: "sku", include: "includedSkus", exclude: "excludedSkus", noun: "SKU" },
  { dimension: "vendor", include: "includedVendors", exclude: "excludedVendors", noun: "vendor" },
  { dimension: "tag", include: "includedProductTags", exclude: "excludedProductTags", noun: "product tag" },
];

export interface ScopeItem {
  dimension: Dimension;
  value: string;
}

/** A line is eligible when it matches at least one inclusion (or there is none) and no exclusion
 * (promo-discount/config conditions.ts). */
interface Scope {
  includes: ScopeItem[];
  excludes: ScopeItem[];
}

const keyOf = (item: ScopeItem) => `${item.dimension}\u0000${normaliseValue(item)}`;
// SKUs, vendors and tags compare without case, as the function does.
const normaliseValue = (item: ScopeItem) =>
  item.dimension === "product" || item.dimension === "variant" || item.dimension === "collection" ? item.value : item.value.toLowerCase();

function scopeOf(config: CampaignConfig): Scope {
  const record = config as unknown as Record<string, unknown>;
  const list = (key: keyof CampaignConfig) => (Array.isArray(record[key]) ? (record[key] as string[]) : []);
  const includes: ScopeItem[] = [];
  const excludes: ScopeItem[] = [];
  for (const { dimension, include, exclude } of SCOPE_KEYS) {
    for (const value of list(include)) includes.push({ dimension, value });
    for (const value of list(exclude)) excludes.push({ dimension, value });
  }
  return { includes, excludes };
}

const shortId = (value: string) => value.replace(/^gid:\/\/shopify\/\w+\//, "");

export function describeItem(item: ScopeItem): string {
  const noun = SCOPE_KEYS.find((key) => key.dimension === item.dimension)!.noun;
  return item.dimension === "sku" || item.dimension === "vendor" || item.dimension === "tag" ? `${noun} "${item.value}"` : `${noun} ${shortId(item.value)}`;
}

/** Where two scopes meet: `shared` is the item both reach (null: any product of the store). */
export type ScopeRelation = { overlap: "yes" | "maybe"; item: string; shared: ScopeItem | null; why: string } | { overlap: "no"; why: string };

/** Whether two product scopes can reach the same item, and which item when they do. */
export function relateScopes(a: Scope, b: Scope): ScopeRelation {
  const excludedBy = (scope: Scope) => new Set(scope.excludes.map(keyOf));
  const aExcluded = excludedBy(a);
  const bExcluded = excludedBy(b);
  // Inclusions that survive both sides' exclusions of the very same value.
  const aItems = a.includes.filter((item) => !aExcluded.has(keyOf(item)) && !bExcluded.has(keyOf(item)));
  const bItems = b.includes.filter((item) => !bExcluded.has(keyOf(item)) && !aExcluded.has(keyOf(item)));
  if (a.includes.length > 0 && aItems.length === 0) return { overlap: "no", why: "every product it covers is excluded from the other" };
  if (b.includes.length > 0 && bItems.length === 0) return { overlap: "no", why: "every product the other covers is excluded here" };
  // An exclusion of one kind (say a collection) may or may not remove an item named another way.
  const crossExclusions = (dimension: Dimension | null) => [...a.excludes, ...b.excludes].some((item) => item.dimension !== dimension);

  if (a.includes.length === 0 && b.includes.length === 0) {
    if (a.excludes.length === 0 && b.excludes.length === 0) return { overlap: "yes", item: "any product", shared: null, why: "both apply to every product" };
    return { overlap: "yes", item: "any product not excluded", shared: null, why: "both apply to every product apart from their exclusions" };
  }
  if (a.includes.length === 0 || b.includes.length === 0) {
    const items = a.includes.length === 0 ? bItems : aItems;
    const [first] = items;
    const others = a.includes.length === 0 ? a : b;
    const uncertain = others.excludes.some((item) => item.dimension !== first.dimension);
    return uncertain
      ? {
          overlap: "maybe",
          item: describeItem(first),
          shared: first,
          why: `one applies to every product except some exclusions, which may or may not cover ${describeItem(first)}`,
        }
      : { overlap: "yes", item: describeItem(first), shared: first, why: `one applies to every product, including ${describeItem(first)}` };
  }
  const bKeys = new Set(bItems.map(keyOf));
  const shared = aItems.find((item) => bKeys.has(keyOf(item)));
  if (shared) {
    return crossExclusions(shared.dimension)
      ? { overlap: "maybe", item: describeItem(shared), shared, why: `both include ${describeItem(shared)}, unless an exclusion removes its products` }
      : { overlap: "yes", item: describeItem(shared), shared, why: `both include ${describeItem(shared)}` };
  }
  const dimensions = new Set([...aItems, ...bItems].map((item) => item.dimension));
  if (dimensions.size === 1 && SINGLE_VALUED.has([...dimensions][0])) {
    return { overlap: "no", why: `they name different ${SCOPE_KEYS.find((key) => key.dimension === [...dimensions][0])!.noun}s` };
  }
  const [first] = aItems;
  return {
    overlap: "maybe",
    item: describeItem(first),
    shared: first,
    why: `${describeItem(first)} may share products with ${bItems.slice(0, 2).map(describeItem).join(" or ")}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Customers: two campaigns for customers who can never be the same person never stack

function customersExclusive(a: CampaignConfig, b: CampaignConfig): string | null {
  if ((a.firstOrder && b.returningCustomer) || (a.returningCustomer && b.firstOrder))
    return "one is for first orders only, the other for returning customers only";
  if (a.b2b && b.b2b && a.b2b !== b.b2b) return "one is for business (B2B) buyers only, the other excludes them";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates and classes

const MAX_DATE = new Date(8.64e15);

export function datesOverlap(a: { startsAt: Date; endsAt: Date | null }, b: { startsAt: Date; endsAt: Date | null }): boolean {
  return a.startsAt < (b.endsAt ?? MAX_DATE) && b.startsAt < (a.endsAt ?? MAX_DATE);
}

const classOf = (effect: Effect): DiscountClassName => effectDefinition(effect.type)!.discountClass(effect);

const allows = (combinesWith: CombinesWith, discountClass: DiscountClassName) =>
  discountClass === "PRODUCT" ? combinesWith.product : discountClass === "ORDER" ? combinesWith.order : combinesWith.shipping;

/** Shopify applies two discounts to one order when each one's combinesWith names the other's
 * class. Only product and order effects take money off an item, so only they make a conflict. */
export function combiningPair(
  a: { config: CampaignConfig; combinesWith: CombinesWith },
  b: { config: CampaignConfig; combinesWith: CombinesWith },
): { classes: [DiscountClassName, DiscountClassName] } | null {
  for (const effectA of a.config.effects) {
    for (const effectB of b.config.effects) {
      const classA = classOf(effectA);
      const classB = classOf(effectB);
      if (classA === "SHIPPING" || classB === "SHIPPING") continue;
      if (allows(a.combinesWith, classB) && allows(b.combinesWith, classA)) return { classes: [classA, classB] };
    }
  }
  return null;
}

const CLASS_WORDS: Record<DiscountClassName, string> = { PRODUCT: "product", ORDER: "order", SHIPPING: "shipping" };

// ---------------------------------------------------------------------------------------------
// Depth of one campaign on one item

const round2 = (value: number) => Math.round(value * 100) / 100;

interface Depth {
  /** The share of an item's price taken off, 0–1, counting only what is known. */
  fraction: number;
  /** How the figure reads: "20%", "5.00 off the order". */
  value: string;
  /** Effects whose share of an item's price is unknown (fixed amounts without a known price). */
  unknown: string[];
}

/** The deepest share of one item's price the campaign's effects take off, compounded when it
 * has several; each effect's definition knows its own depth (free shipping has none). */
export function itemDepth(config: CampaignConfig): Depth {
  let remaining = 1;
  const values: string[] = [];
  const unknown: string[] = [];
  for (const effect of config.effects) {
    const depth = effectDefinition(effect.type)!.itemDepth(effect);
    if (depth === null) continue;
    remaining *= 1 - depth.share;
    values.push(depth.words);
    if (depth.unknown !== null) unknown.push(depth.unknown);
  }
  return { fraction: 1 - remaining, value: values.join(" + ") || "no item discount", unknown };
}

// ---------------------------------------------------------------------------------------------
// The shop's campaigns that can still apply

/** Live (not yet expired) or scheduled campaigns, and drafts approved and waiting to be published. */
async function activeCampaigns(db: Database, shopDomain: string, exceptId: number | undefined, now: Date): Promise<Campaign[]> {
  const campaigns = await db.campaign.findMany({
    where: {
      shopDomain,
      ...(exceptId !== undefined ? { id: { not: exceptId } } : {}),
      OR: [{ status: "live" }, { status: "draft", approvalState: "approved" }],
    },
    orderBy: { id: "asc" },
  });
  return campaigns.filter((campaign) => campaign.endsAt === null || campaign.endsAt > now);
}

function statusWord(campaign: Campaign, now: Date): string {
  if (campaign.status === "draft") return "approved";
  return campaign.startsAt > now ? "scheduled" : "live";
}

interface Stackable {
  id: number;
  name: string;
  config: CampaignConfig;
  startsAt: Date;
  endsAt: Date | null;
  combinesWith: CombinesWith;
  scope: Scope;
}

function toStackable(campaign: Campaign): Stackable | null {
  let config: CampaignConfig;
  try {
    config = JSON.parse(campaign.config) as CampaignConfig;
  } catch {
    return null;
  }
  if (!Array.isArray(config?.effects)) return null;
  return {
    id: campaign.id,
    name: campaign.name,
    config,
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
    combinesWith: { product: campaign.combinesWithProduct, order: campaign.combinesWithOrder, shipping: campaign.combinesWithShipping },
    scope: scopeOf(config),
  };
}

type Meeting = Extract<ScopeRelation, { overlap: "yes" | "maybe" }>;

/** Where two campaigns meet on one item (dates and products), and whether Shopify applies both
 * to one order; null when their dates or products never meet. */
function meeting(a: Stackable, b: Stackable): { scope: Meeting; pair: ReturnType<typeof combiningPair>; exclusive: string | null } | null {
  if (!datesOverlap(a, b)) return null;
  const scope = relateScopes(a.scope, b.scope);
  if (scope.overlap === "no") return null;
  return { scope, pair: combiningPair(a, b), exclusive: customersExclusive(a.config, b.config) };
}

/** Why two campaigns stack on one item, or null when they cannot. */
function stackReason(a: Stackable, b: Stackable): { reason: string; item: string } | null {
  const met = meeting(a, b);
  if (!met || met.exclusive || !met.pair) return null;
  const { scope, pair } = met;
  const classes = `its ${CLASS_WORDS[pair.classes[1]]} discount combines with this ${CLASS_WORDS[pair.classes[0]]} discount`;
  const reason =
    scope.overlap === "yes" ? `Overlaps: ${scope.why}, the dates overlap and ${classes}.` : `May overlap: ${scope.why}; the dates overlap and ${classes}.`;
  return { reason, item: scope.item };
}

export interface StackDepth {
  /** Compounded percentage off one item when every campaign applies, 1 − Π(1 − p) (0–100, 2 decimals). */
  percent: number;
  /** Effects whose share of an item's price is unknown (fixed amounts): not in `percent`. */
  uncounted: string[];
}

/** The depth of one item's discount when all these campaigns apply: the figure approvals show as
 * the worst case and the overlap page shows for a pair, computed here only. */
export function stackDepth(configs: readonly CampaignConfig[]): StackDepth {
  const depths = configs.map(itemDepth);
  const remaining = depths.reduce((product, depth) => product * (1 - depth.fraction), 1);
  return { percent: round2((1 - remaining) * 100), uncounted: depths.flatMap((depth) => depth.unknown) };
}

export interface CampaignPair {
  scope: Meeting;
  /** Whether Shopify applies both to one order (each combines with the other's class, customers can be the same). */
  canStack: boolean;
  /** Why they can't stack, in words; null when they can. */
  whyApart: string | null;
  depth: StackDepth;
}

/** How two saved campaigns meet, judged exactly as approvals judge a conflict; null when their
 * dates or products never meet or a config can't be read. */
export function relateCampaigns(a: Campaign, b: Campaign): CampaignPair | null {
  const left = toStackable(a);
  const right = toStackable(b);
  if (!left || !right) return null;
  const met = meeting(left, right);
  if (!met) return null;
  const whyApart = met.exclusive ?? (met.pair ? null : "Shopify applies only one of them: their combination settings don't allow each other");
  return { scope: met.scope, canStack: whyApart === null, whyApart, depth: stackDepth([left.config, right.config]) };
}

/**
 * The campaigns the candidate would stack with, and the deepest combined discount on one item:
 * the candidate plus the deepest others that also stack with each other, compounded
 * (1 − Π(1 − p)). Fixed amounts count as unknown (PromoGuard does not store product prices) and
 * are named in the reason instead of being guessed.
 */
export async function findConflicts(db: Database, shopDomain: string, candidate: ConflictCandidate): Promise<ConflictReport> {
  const now = new Date();
  const campaigns = await activeCampaigns(db, shopDomain, candidate.campaignId, now);
  const self: Stackable = {
    id: candidate.campaignId ?? 0,
    name: CANDIDATE_NAME,
    config: candidate.config,
    startsAt: candidate.startsAt,
    endsAt: candidate.endsAt,
    combinesWith: candidate.combinesWith,
    scope: scopeOf(candidate.config),
  };
  const conflicts: Conflict[] = [];
  const stacking: Array<{ other: Stackable; item: string }> = [];
  for (const campaign of campaigns) {
    const other = toStackable(campaign);
    if (!other) continue;
    const found = stackReason(self, other);
    if (!found) continue;
    const depth = itemDepth(other.config);
    const unknown =
      depth.unknown.length > 0 ? ` Its ${depth.unknown.join(" and ")} can't be counted as a share of an item's price: PromoGuard doesn't know the prices.` : "";
    conflicts.push({ campaignId: campaign.id, name: campaign.name, status: statusWord(campaign, now), reason: `${found.reason}${unknown}` });
    stacking.push({ other, item: found.item });
  }
  if (stacking.length === 0) return { conflicts, worstCase: null };

  // Deepest first; a campaign joins the stack when it also stacks with every one already in it.
  const ranked = stacking
    .map((entry) => ({ ...entry, depth: itemDepth(entry.other.config) }))
    .sort((x, y) => y.depth.fraction - x.depth.fraction || x.other.id - y.other.id);
  const stack = [{ entry: self, depth: itemDepth(self.config) }];
  let item = ranked[0].item;
  for (const candidateEntry of ranked) {
    if (stack.slice(1).every((member) => stackReason(member.entry, candidateEntry.other) !== null)) {
      if (stack.length === 1) item = candidateEntry.item;
      stack.push({ entry: candidateEntry.other, depth: candidateEntry.depth });
    }
  }
  return {
    conflicts,
    worstCase: {
      percent: stackDepth(stack.map((member) => member.entry.config)).percent,
      item,
      campaigns: stack.map((member) => ({ id: member.entry.id, name: member.entry.name, value: member.depth.value })),
    },
  };
}
