// The effect vocabulary: what a campaign gives once its conditions hold. Each effect declares
// its argument schema, its Shopify discount class, a shopper-facing description and one apply
// function turning cart facts into a discount intent (null when it gives nothing on this cart).
import { convertShopAmount, formatMoney, percentOf } from "../money";
import type { CartFacts, LineFacts } from "./facts";
import type { DeliveryIntent, IntentValue, LineTarget, OrderIntent, ProductIntent, DiscountIntent } from "./intents";
import type { LineMatcher } from "./conditions";
import { gid, integer, list, literal, money, object, oneOf, optional, percentage, text } from "./schema";
import type { ArgSchema, ConfigIssue } from "./schema";
import { DELIVERY_METHODS } from "./types";
import type {
  BuyXGetYEffect, CampaignConfig, DiscountClassName, Effect, EffectType, FixedAmountEffect,
  FreeShippingEffect, PercentageEffect, Tier, TiersEffect,
} from "./types";

export interface EffectDefinition {
  type: EffectType;
  label: string;
  schema: ArgSchema<Effect>;
  discountClass(effect: Effect): DiscountClassName;
  /** Checks across arguments that a schema alone cannot express. */
  refine(effect: Effect, path: string, issues: ConfigIssue[]): void;
  /** The default shopper-facing message, e.g. "15% off". */
  describe(effect: Effect, facts: CartFacts): string;
  apply(effect: Effect, facts: CartFacts, config: CampaignConfig): DiscountIntent | null;
  /** When apply gives nothing although the conditions hold: what the shopper is missing. */
  explainMiss(effect: Effect, facts: CartFacts, subject: string): string;
}

function defineEffect<E extends Effect>(spec: {
  type: E["type"];
  label: string;
  schema: ArgSchema<E>;
  discountClass(effect: E): DiscountClassName;
  refine?(effect: E, path: string, issues: ConfigIssue[]): void;
  describe(effect: E, facts: CartFacts): string;
  apply(effect: E, facts: CartFacts, config: CampaignConfig): DiscountIntent | null;
  explainMiss?(effect: E, facts: CartFacts, subject: string): string;
}): EffectDefinition {
  // Safe casts: the registry only hands an effect to the definition whose `type` it carries.
  return {
    type: spec.type,
    label: spec.label,
    schema: spec.schema as ArgSchema<Effect>,
    discountClass: (effect) => spec.discountClass(effect as E),
    refine: (effect, path, issues) => spec.refine?.(effect as E, path, issues),
    describe: (effect, facts) => spec.describe(effect as E, facts),
    apply: (effect, facts, config) => spec.apply(effect as E, facts, config),
    explainMiss: (effect, facts, subject) =>
      spec.explainMiss?.(effect as E, facts, subject) ?? `${subject} doesn't apply to the items in your cart`,
  };
}

const percentageValue = (value: number): IntentValue => ({ kind: "percentage", percentage: value });
const fixedValue = (amount: number, appliesToEachItem = false): IntentValue => ({ kind: "fixedAmount", amount, appliesToEachItem });

function wholeLines(lines: LineFacts[]): LineTarget[] {
  return lines.map((line) => ({ id: line.id }));
}

function onEligibleLines(facts: CartFacts, value: IntentValue, amount: number): ProductIntent | null {
  if (facts.eligibleLines.length === 0 || amount <= 0) return null;
  return { discountClass: "PRODUCT", targets: wholeLines(facts.eligibleLines), prerequisites: [], value, amount };
}

function onOrderSubtotal(facts: CartFacts, value: IntentValue, amount: number): OrderIntent | null {
  if (facts.eligibleSubtotal <= 0 || amount <= 0) return null;
  return { discountClass: "ORDER", excludedLineIds: facts.ineligibleLineIds, value, amount };
}

function percentageOff(facts: CartFacts, percent: number, appliesTo: "lines" | "order" | undefined): DiscountIntent | null {
  const amount = percentOf(facts.eligibleSubtotal, percent);
  return appliesTo === "order"
    ? onOrderSubtotal(facts, percentageValue(percent), amount)
    : onEligibleLines(facts, percentageValue(percent), amount);
}

/** A fixed amount once per order, spread over the eligible lines or taken off the order subtotal. */
function amountOffOnce(facts: CartFacts, shopAmount: string, appliesTo: "lines" | "order" | undefined): DiscountIntent | null {
  const amount = convertShopAmount(shopAmount, facts.rate, facts.currency);
  const worth = Math.min(amount, facts.eligibleSubtotal);
  return appliesTo === "lines"
    ? onEligibleLines(facts, fixedValue(amount), worth)
    : onOrderSubtotal(facts, fixedValue(amount), worth);
}

const appliesToSchema = optional(oneOf(["lines", "order"] as const));
const classFor = (appliesTo: "lines" | "order" | undefined): DiscountClassName => (appliesTo === "order" ? "ORDER" : "PRODUCT");

const percentageEffect = defineEffect<PercentageEffect>({
  type: "percentage",
  label: "Percentage off",
  schema: object<PercentageEffect>({ type: literal("percentage"), percentage: percentage(), appliesTo: appliesToSchema }),
  discountClass: (effect) => classFor(effect.appliesTo),
  describe: (effect) => `${effect.percentage}% off`,
  apply: (effect, facts) => percentageOff(facts, effect.percentage, effect.appliesTo),
});

const fixedAmountEffect = defineEffect<FixedAmountEffect>({
  type: "fixedAmount",
  label: "Fixed amount off",
  schema: object<FixedAmountEffect>({ type: literal("fixedAmount"), amount: money(), per: oneOf(["order", "item"] as const) }),
  discountClass: (effect) => (effect.per === "item" ? "PRODUCT" : "ORDER"),
  describe: (effect, facts) =>
    `${formatMoney(convertShopAmount(effect.amount, facts.rate, facts.currency), facts.currency)} off${effect.per === "item" ? " each item" : ""}`,
  apply: (effect, facts) => {
    if (effect.per === "order") return amountOffOnce(facts, effect.amount, "order");
    const amount = convertShopAmount(effect.amount, facts.rate, facts.currency);
    let worth = 0;
    for (const line of facts.eligibleLines) worth += Math.min(amount, line.unitPrice) * line.quantity;
    return onEligibleLines(facts, fixedValue(amount, true), worth);
  },
});

/** Units a buy-X-get-Y offer can use, split by which side(s) of the offer a line is on. */
interface BuyGetPools {
  buyOnlyUnits: number;
  sharedUnits: number;
  getOnlyUnits: number;
  buyOnlyLines: LineFacts[];
  getLines: LineFacts[];
  shared: Set<string>;
}

function buySideMatcher(effect: BuyXGetYEffect, config: CampaignConfig): LineMatcher {
  const scope = effect.buy ?? {};
  const products = new Set(scope.productIds ?? []);
  const variants = new Set(scope.variantIds ?? []);
  const skus = new Set(scope.skus ?? []);
  const vendors = new Set((scope.vendors ?? []).map((vendor) => vendor.toLowerCase()));
  const byCollection = config.buyCollectionIds !== undefined;
  if (products.size + variants.size + skus.size + vendors.size === 0 && !byCollection) return (line) => line.eligible;
  return (line) =>
    products.has(line.productId) || variants.has(line.variantId) ||
    (line.sku !== null && skus.has(line.sku)) ||
    (line.vendor !== null && vendors.has(line.vendor.toLowerCase())) ||
    (byCollection && line.inBuyCollection);
}

function poolUnits(facts: CartFacts, isBuy: LineMatcher): BuyGetPools {
  const pools: BuyGetPools = { buyOnlyUnits: 0, sharedUnits: 0, getOnlyUnits: 0, buyOnlyLines: [], getLines: [], shared: new Set() };
  for (const line of facts.lines) {
    const buy = isBuy(line);
    if (buy && line.eligible) {
      pools.sharedUnits += line.quantity;
      pools.shared.add(line.id);
      pools.getLines.push(line);
    } else if (buy) {
      pools.buyOnlyUnits += line.quantity;
      pools.buyOnlyLines.push(line);
    } else if (line.eligible) {
      pools.getOnlyUnits += line.quantity;
      pools.getLines.push(line);
    }
  }
  return pools;
}

/** How many times the offer applies: units on both sides can serve either side, but only once. */
function applicationsFor(effect: BuyXGetYEffect, pools: BuyGetPools): number {
  const { buyQuantity: buy, getQuantity: get } = effect;
  const { buyOnlyUnits: buyOnly, sharedUnits: shared, getOnlyUnits: getOnly } = pools;
  return Math.min(
    Math.floor((buyOnly + shared) / buy),
    Math.floor((getOnly + shared) / get),
    Math.floor((buyOnly + shared + getOnly) / (buy + get)),
    effect.maxApplications ?? Number.POSITIVE_INFINITY,
  );
}

function buyXGetY(effect: BuyXGetYEffect, facts: CartFacts, config: CampaignConfig): ProductIntent | null {
  const pools = poolUnits(facts, buySideMatcher(effect, config));
  const applications = applicationsFor(effect, pools);
  if (applications <= 0) return null;

  // The cheapest eligible units are discounted, leaving enough shared units for the "buy" side.
  let toDiscount = applications * effect.getQuantity;
  let sharedAllowance = pools.sharedUnits - Math.max(0, applications * effect.buyQuantity - pools.buyOnlyUnits);
  const discountedUnits = new Map<string, number>();
  const targets: LineTarget[] = [];
  let amount = 0;
  const cheapestFirst = [...pools.getLines].sort((a, b) => a.unitPrice - b.unitPrice);
  for (const line of cheapestFirst) {
    if (toDiscount === 0) break;
    const isShared = pools.shared.has(line.id);
    const units = Math.min(line.quantity, toDiscount, isShared ? sharedAllowance : line.quantity);
    if (units <= 0) continue;
    if (isShared) sharedAllowance -= units;
    toDiscount -= units;
    discountedUnits.set(line.id, units);
    targets.push({ id: line.id, quantity: units });
    amount += percentOf(line.unitPrice * units, effect.percentage);
  }

  // The "buy" units that earn the discount, buy-only lines first.
  let toRequire = applications * effect.buyQuantity;
  const prerequisites: LineTarget[] = [];
  for (const line of [...pools.buyOnlyLines, ...pools.getLines.filter((candidate) => pools.shared.has(candidate.id))]) {
    if (toRequire === 0) break;
    const units = Math.min(line.quantity - (discountedUnits.get(line.id) ?? 0), toRequire);
    if (units <= 0) continue;
    toRequire -= units;
    prerequisites.push({ id: line.id, quantity: units });
  }
  return { discountClass: "PRODUCT", targets, prerequisites, value: percentageValue(effect.percentage), amount };
}

const buyXGetYEffect = defineEffect<BuyXGetYEffect>({
  type: "buyXGetY",
  label: "Buy X, get Y",
  schema: object<BuyXGetYEffect>({
    type: literal("buyXGetY"),
    buyQuantity: integer(1, 1000),
    getQuantity: integer(1, 1000),
    percentage: percentage(),
    maxApplications: optional(integer(1, 1000)),
    buy: optional(object({
      productIds: optional(list(gid("Product"), { min: 1, max: 250 })),
      variantIds: optional(list(gid("ProductVariant"), { min: 1, max: 250 })),
      skus: optional(list(text(255), { min: 1, max: 250 })),
      vendors: optional(list(text(255), { min: 1, max: 250 })),
    })),
  }),
  discountClass: () => "PRODUCT",
  describe: (effect) =>
    `Buy ${effect.buyQuantity}, get ${effect.getQuantity} ${effect.percentage === 100 ? "free" : `${effect.percentage}% off`}`,
  apply: buyXGetY,
  explainMiss: (effect, facts, subject) => {
    const needed = effect.buyQuantity + effect.getQuantity;
    return facts.eligibleQuantity < needed
      ? `${subject} needs ${needed} eligible items: add ${needed - facts.eligibleQuantity} more`
      : `${subject} needs ${effect.buyQuantity} qualifying items to buy`;
  },
});

function tierReached(tier: Tier, effect: TiersEffect, facts: CartFacts): boolean {
  return effect.basis === "quantity"
    ? facts.eligibleQuantity >= (tier.from as number)
    : facts.eligibleSubtotal >= convertShopAmount(tier.from as string, facts.rate, facts.currency);
}

/** Tiers are validated ascending, so the last one reached is the best. */
function bestTier(effect: TiersEffect, facts: CartFacts): Tier | undefined {
  let best: Tier | undefined;
  for (const tier of effect.tiers) if (tierReached(tier, effect, facts)) best = tier;
  return best;
}

function describeTier(tier: Tier, facts: CartFacts): string {
  return tier.percentage !== undefined
    ? `${tier.percentage}% off`
    : `${formatMoney(convertShopAmount(tier.amount as string, facts.rate, facts.currency), facts.currency)} off`;
}

const tierFrom: ArgSchema<number | string> = {
  kind: "money",
  hint: 'a quantity like 10 or an amount like "100.00"',
  optional: false,
  check(value: unknown, path: string, issues: ConfigIssue[]): value is number | string {
    const issuesBefore = issues.length;
    const ok = typeof value === "number" ? integer(1, 100_000).check(value, path, issues) : money().check(value, path, issues);
    return ok && issues.length === issuesBefore;
  },
};

const tiersEffect = defineEffect<TiersEffect>({
  type: "tiers",
  label: "Tiers by quantity or subtotal",
  schema: object<TiersEffect>({
    type: literal("tiers"),
    basis: oneOf(["quantity", "subtotal"] as const),
    appliesTo: appliesToSchema,
    tiers: list(object<Tier>({ from: tierFrom, percentage: optional(percentage()), amount: optional(money()) }), { min: 1, max: 20 }),
  }),
  discountClass: (effect) => classFor(effect.appliesTo),
  refine: (effect, path, issues) => {
    effect.tiers.forEach((tier, index) => {
      const at = `${path}.tiers[${index}]`;
      if ((tier.percentage === undefined) === (tier.amount === undefined)) {
        issues.push({ path: at, message: "needs exactly one of percentage or amount" });
      }
      const expected = effect.basis === "quantity" ? "number" : "string";
      if (typeof tier.from !== expected) {
        issues.push({ path: `${at}.from`, message: effect.basis === "quantity" ? "must be a quantity like 10 for basis \"quantity\"" : 'must be an amount like "100.00" for basis "subtotal"' });
      } else if (index > 0 && Number(tier.from) <= Number(effect.tiers[index - 1].from)) {
        issues.push({ path: `${at}.from`, message: "tiers must be in ascending order of `from`" });
      }
    });
  },
  describe: (effect, facts) => {
    const tier = bestTier(effect, facts);
    return tier ? describeTier(tier, facts) : "Volume discount";
  },
  apply: (effect, facts) => {
    const tier = bestTier(effect, facts);
    if (tier === undefined) return null;
    return tier.percentage !== undefined
      ? percentageOff(facts, tier.percentage, effect.appliesTo)
      : amountOffOnce(facts, tier.amount as string, effect.appliesTo);
  },
  explainMiss: (effect, facts, subject) => {
    const first = effect.tiers[0];
    const reward = describeTier(first, facts);
    if (effect.basis === "quantity") return `${subject}: add ${(first.from as number) - facts.eligibleQuantity} more eligible items to get ${reward}`;
    const missing = convertShopAmount(first.from as string, facts.rate, facts.currency) - facts.eligibleSubtotal;
    return `${subject}: add ${formatMoney(missing, facts.currency)} of eligible items to get ${reward}`;
  },
});

function freeShipping(effect: FreeShippingEffect, facts: CartFacts): DeliveryIntent | null {
  const rateCap = effect.maxShippingRate === undefined ? Number.POSITIVE_INFINITY : convertShopAmount(effect.maxShippingRate, facts.rate, facts.currency);
  const methods = effect.deliveryMethods;
  const options = facts.deliveryOptions.filter((option) =>
    option.cost > 0 && option.cost <= rateCap && (methods === undefined || methods.includes(option.method)));
  return options.length === 0 ? null : { discountClass: "SHIPPING", options };
}

const freeShippingEffect = defineEffect<FreeShippingEffect>({
  type: "freeShipping",
  label: "Free shipping",
  schema: object<FreeShippingEffect>({
    type: literal("freeShipping"),
    maxShippingRate: optional(money()),
    deliveryMethods: optional(list(oneOf(DELIVERY_METHODS), { min: 1, max: DELIVERY_METHODS.length })),
  }),
  discountClass: () => "SHIPPING",
  describe: () => "Free shipping",
  apply: (effect, facts) => freeShipping(effect, facts),
  explainMiss: (_effect, _facts, subject) => `${subject} doesn't cover the delivery options available for this order`,
});

export const EFFECTS: readonly EffectDefinition[] = [percentageEffect, fixedAmountEffect, buyXGetYEffect, tiersEffect, freeShippingEffect];

const EFFECTS_BY_TYPE = new Map(EFFECTS.map((definition) => [definition.type as string, definition]));

export function effectDefinition(type: string): EffectDefinition | undefined {
  return EFFECTS_BY_TYPE.get(type);
}
