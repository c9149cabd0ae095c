// The effect vocabulary, admin side: what a campaign gives once its conditions hold. Each
// effect declares its argument schema, its Shopify discount class, the line fields it reads, how
// it compiles into the rules the checkout evaluator runs (../checkout/effects.ts), and what the
// shopper is missing when it gives nothing although the conditions hold.
import type { CartFacts } from "../checkout/cart";
import { convertShopAmount, formatMoney } from "../checkout/money";
import type { EffectRule, LineMatcher, LinesClass } from "../checkout/rules";
import { valueList, valueSet } from "./conditions";
import type { LineField } from "./profiles";
import { gid, integer, label, labelled, list, literal, money, object, oneOf, optional, percentage } from "./schema";
import type { ArgSchema, ConfigIssue } from "./schema";
import { DELIVERY_METHODS } from "./types";
import type {
  AppliesTo,
  BuyXGetYEffect,
  CampaignConfig,
  DiscountClassName,
  Effect,
  EffectType,
  FixedAmountEffect,
  FreeShippingEffect,
  PercentageEffect,
  Tier,
  TiersEffect,
} from "./types";

/** Writes a shop-currency amount ("10.00") for the merchant, e.g. "$10.00"; as is by default. */
export type MoneyWords = (amount: string) => string;
const plainAmount: MoneyWords = (amount) => amount;

export interface EffectDefinition {
  type: EffectType;
  label: string;
  schema: ArgSchema<Effect>;
  discountClass(effect: Effect): DiscountClassName;
  /** Checks across arguments that a schema alone cannot express. */
  refine(effect: Effect, path: string, issues: ConfigIssue[]): void;
  /** The optional line fields the campaign's input query must read for this effect. */
  reads(effect: Effect, config: CampaignConfig): LineField[];
  compile(effect: Effect, config: CampaignConfig): EffectRule;
  /** When the effect gives nothing although the conditions hold: what the shopper is missing. */
  explainMiss(effect: Effect, facts: CartFacts, subject: string): string;
  /** The effect in a merchant's words: "15% off items", "buy 2 get 1 at 100% off"; amounts as `money` writes them ("$10.00"). */
  summary(effect: Effect, money?: MoneyWords): string;
  /**
   * The deepest share of one item's price it can take off, for conflicts, overlap and the
   * combined-depth policy: `share` (0–1) counts what is known without the item's price, `words`
   * says it, `unknown` names what depends on a price (fixed amounts). Null: no item discount.
   */
  itemDepth(effect: Effect): ItemDepth | null;
  /** Every percentage it can give (the policy's "maximum percentage without approval" applies). */
  percentages(effect: Effect): number[];
  /** Every fixed amount it can take off, shop currency (the policy's maximum amount applies). */
  amounts(effect: Effect): number[];
  /** What best-value selection ranks its code by: "15%" or an amount like "10.00". */
  rankingValue(effect: Effect): string;
  /**
   * Each cart subtotal it gives something at and what, for the storefront's "spend X more" offers,
   * given the campaign's own minimum subtotal. Empty when what it gives does not follow from the
   * subtotal alone (buy X get Y, quantity tiers, per-item amounts, capped shipping).
   */
  spendLevels(effect: Effect, minimumSubtotal: string | undefined): SpendLevel[];
}

/** What an effect gives on a cart whose subtotal reaches `minimum` (shop currency). */
export interface SpendLevel {
  minimum: string;
  reward: { percentage: number } | { amount: string } | { freeShipping: true };
}

/** The one level of an effect that gives the same at the campaign's minimum (none without one). */
const atMinimum = (minimumSubtotal: string | undefined, reward: SpendLevel["reward"]): SpendLevel[] =>
  minimumSubtotal ? [{ minimum: minimumSubtotal, reward }] : [];

export interface ItemDepth {
  share: number;
  words: string;
  unknown: string | null;
}

function defineEffect<E extends Effect>(spec: {
  type: E["type"];
  label: string;
  schema: ArgSchema<E>;
  discountClass(effect: E): DiscountClassName;
  refine?(effect: E, path: string, issues: ConfigIssue[]): void;
  reads?(effect: E, config: CampaignConfig): LineField[];
  compile(effect: E, config: CampaignConfig): EffectRule;
  explainMiss?(effect: E, facts: CartFacts, subject: string): string;
  summary(effect: E, money: MoneyWords): string;
  itemDepth(effect: E): ItemDepth | null;
  percentages(effect: E): number[];
  amounts(effect: E): number[];
  rankingValue(effect: E): string;
  spendLevels?(effect: E, minimumSubtotal: string | undefined): SpendLevel[];
}): EffectDefinition {
  // Safe casts: the registry only hands an effect to the definition whose `type` it carries.
  return {
    type: spec.type,
    label: spec.label,
    schema: spec.schema as ArgSchema<Effect>,
    discountClass: (effect) => spec.discountClass(effect as E),
    refine: (effect, path, issues) => spec.refine?.(effect as E, path, issues),
    reads: (effect, config) => spec.reads?.(effect as E, config) ?? [],
    compile: (effect, config) => spec.compile(effect as E, config),
    explainMiss: (effect, facts, subject) => spec.explainMiss?.(effect as E, facts, subject) ?? `${subject} doesn't apply to the items in your cart`,
    summary: (effect, money = plainAmount) => spec.summary(effect as E, money),
    itemDepth: (effect) => spec.itemDepth(effect as E),
    percentages: (effect) => spec.percentages(effect as E),
    amounts: (effect) => spec.amounts(effect as E),
    rankingValue: (effect) => spec.rankingValue(effect as E),
    spendLevels: (effect, minimumSubtotal) => spec.spendLevels?.(effect as E, minimumSubtotal) ?? [],
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Shopify's delivery method types as the merchant reads them. */
const DELIVERY_METHOD_LABELS = {
  SHIPPING: "Shipping",
  PICK_UP: "Pickup in store",
  RETAIL: "Retail (point of sale)",
  LOCAL: "Local delivery",
  PICKUP_POINT: "Pickup point",
  NONE: "No delivery (digital items)",
} as const;

const appliesToSchema = optional(oneOf(["lines", "order"] as const, { lines: "Each eligible item", order: "The order as a whole" }), "Each eligible item");
const classFor = (appliesTo: AppliesTo | undefined): DiscountClassName => (appliesTo === "order" ? "ORDER" : "PRODUCT");
const linesClass = (appliesTo: AppliesTo | undefined): LinesClass => (appliesTo === "order" ? "O" : "P");

const percentageEffect = defineEffect<PercentageEffect>({
  type: "percentage",
  label: "Percentage off",
  schema: object<PercentageEffect>({
    type: literal("percentage"),
    percentage: percentage(),
    appliesTo: appliesToSchema,
    overstock: optional(
      object({
        above: labelled(integer(1, 1_000_000), "Deeper discount for items with more than this many in stock"),
        percentage: labelled(percentage(), "Their percentage off"),
      }),
    ),
  }),
  discountClass: (effect) => classFor(effect.appliesTo),
  refine: (effect, path, issues) => {
    if (effect.overstock === undefined) return;
    if (effect.appliesTo === "order")
      issues.push({
        path: `${path}.overstock`,
        message: "A deeper discount for overstocked items works on items only: apply the discount to eligible items, or remove it.",
      });
    if (effect.overstock.percentage <= effect.percentage)
      issues.push({ path: `${path}.overstock.percentage`, message: `Enter a percentage deeper than the ${effect.percentage}% every other item gets.` });
  },
  reads: (effect) => (effect.overstock === undefined ? [] : ["stock"]),
  compile: (effect) =>
    effect.overstock === undefined
      ? ["%", effect.percentage, linesClass(effect.appliesTo)]
      : ["%", effect.percentage, "P", [effect.overstock.above, effect.overstock.percentage]],
  summary: (effect) =>
    `${effect.percentage}% off ${effect.appliesTo === "order" ? "the order" : "items"}${effect.overstock ? ` (${effect.overstock.percentage}% off items with more than ${effect.overstock.above} in stock)` : ""}`,
  itemDepth: (effect) => {
    const deepest = effect.overstock?.percentage ?? effect.percentage;
    return { share: deepest / 100, words: effect.overstock ? `up to ${deepest}%` : `${deepest}%`, unknown: null };
  },
  percentages: (effect) => (effect.overstock ? [effect.percentage, effect.overstock.percentage] : [effect.percentage]),
  amounts: () => [],
  rankingValue: (effect) => `${effect.percentage}%`,
  spendLevels: (effect, minimumSubtotal) => atMinimum(minimumSubtotal, { percentage: effect.percentage }),
});

const fixedAmountEffect = defineEffect<FixedAmountEffect>({
  type: "fixedAmount",
  label: "Fixed amount off",
  schema: object<FixedAmountEffect>({
    type: literal("fixedAmount"),
    amount: money(),
    per: oneOf(["order", "item"] as const, { order: "Once per order", item: "Each eligible item" }),
  }),
  discountClass: (effect) => (effect.per === "item" ? "PRODUCT" : "ORDER"),
  compile: (effect) => ["$", Number(effect.amount), effect.per === "item" ? "E" : "O"],
  summary: (effect, money) => fixedAmountWords(effect, money),
  // Its share of an item depends on the item's price.
  itemDepth: (effect) => ({ share: 0, words: fixedAmountWords(effect), unknown: fixedAmountWords(effect) }),
  percentages: () => [],
  amounts: (effect) => [Number(effect.amount)],
  rankingValue: (effect) => effect.amount,
  // Only an amount off the order follows from the subtotal; one per item depends on the items.
  spendLevels: (effect, minimumSubtotal) => (effect.per === "order" ? atMinimum(minimumSubtotal, { amount: effect.amount }) : []),
});

function fixedAmountWords(effect: FixedAmountEffect, money: MoneyWords = plainAmount): string {
  return `${money(effect.amount)} off ${effect.per === "item" ? "each item" : "the order"}`;
}

/** The "buy" side of a buy-X-get-Y offer; null means the eligible lines. */
function buySide(effect: BuyXGetYEffect, config: CampaignConfig): LineMatcher[] | null {
  const scope = effect.buy ?? {};
  const matchers: LineMatcher[] = [];
  if (scope.productIds) matchers.push(["p", valueList(scope.productIds)]);
  if (scope.variantIds) matchers.push(["v", valueList(scope.variantIds)]);
  if (scope.skus) matchers.push(["s", valueList(scope.skus)]);
  if (scope.vendors) matchers.push(["d", valueList(scope.vendors.map((vendor) => vendor.toLowerCase()))]);
  if (config.buyCollectionIds !== undefined) matchers.push("y");
  return matchers.length === 0 ? null : matchers;
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
    buy: optional(
      object({
        productIds: optional(list(gid("Product"), { min: 1, max: 250 })),
        variantIds: optional(list(gid("ProductVariant"), { min: 1, max: 250 })),
        skus: optional(list(label(255), { min: 1, max: 250 })),
        vendors: optional(list(label(255), { min: 1, max: 250 })),
      }),
    ),
  }),
  discountClass: () => "PRODUCT",
  reads: (effect, config) => {
    const fields: LineField[] = ["quantity", "price"];
    if (effect.buy?.productIds) fields.push("productId");
    if (effect.buy?.variantIds) fields.push("variantId");
    if (effect.buy?.skus) fields.push("sku");
    if (effect.buy?.vendors) fields.push("vendor");
    if (config.buyCollectionIds !== undefined) fields.push("buyCollections");
    return fields;
  },
  compile: (effect, config) => ["x", effect.buyQuantity, effect.getQuantity, effect.percentage, effect.maxApplications ?? 0, buySide(effect, config)],
  explainMiss: (effect, facts, subject) => {
    const needed = effect.buyQuantity + effect.getQuantity;
    return facts.eligibleQuantity < needed
      ? `${subject} needs ${needed} eligible items: add ${needed - facts.eligibleQuantity} more`
      : `${subject} needs ${effect.buyQuantity} qualifying items to buy`;
  },
  summary: (effect) => `buy ${effect.buyQuantity} get ${effect.getQuantity} at ${effect.percentage}% off`,
  itemDepth: (effect) => {
    // Spread over the items bought together: buy 2 get 1 free takes a third off each.
    const share = (effect.percentage / 100) * (effect.getQuantity / (effect.buyQuantity + effect.getQuantity));
    return {
      share,
      words: `buy ${effect.buyQuantity} get ${effect.getQuantity} at ${effect.percentage}% off (${round2(share * 100)}% per item)`,
      unknown: null,
    };
  },
  percentages: (effect) => [effect.percentage],
  amounts: () => [],
  rankingValue: () => "0.00",
});

function describeTier(tier: Tier, facts: CartFacts): string {
  return tier.percentage !== undefined
    ? `${tier.percentage}% off`
    : `${formatMoney(convertShopAmount(Number(tier.amount), facts.rate, facts.cur), facts.cur)} off`;
}

const tierFrom: ArgSchema<number | string> = {
  kind: "money",
  hint: 'a quantity like 10 or an amount like "100.00"',
  fix: "Enter a number of items, like 10, or an amount, like 100.00.",
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
    basis: oneOf(["quantity", "subtotal"] as const, { quantity: "Number of eligible items", subtotal: "Amount spent on eligible items" }),
    appliesTo: appliesToSchema,
    tiers: list(object<Tier>({ from: tierFrom, percentage: optional(percentage()), amount: optional(money()) }), { min: 1, max: 20 }),
  }),
  discountClass: (effect) => classFor(effect.appliesTo),
  refine: (effect, path, issues) => {
    effect.tiers.forEach((tier, index) => {
      const at = `${path}.tiers[${index}]`;
      if ((tier.percentage === undefined) === (tier.amount === undefined)) {
        issues.push({ path: at, message: "Give each tier either a percentage or an amount off, not both." });
      }
      const expected = effect.basis === "quantity" ? "number" : "string";
      if (typeof tier.from !== expected) {
        issues.push({
          path: `${at}.from`,
          message: effect.basis === "quantity" ? "Start each tier at a number of items, like 10." : "Start each tier at a subtotal, like 100.00.",
        });
      } else if (index > 0 && Number(tier.from) <= Number(effect.tiers[index - 1].from)) {
        issues.push({ path: `${at}.from`, message: "Order the tiers from the lowest start to the highest." });
      }
    });
  },
  // Tiers by subtotal on the order are candidates with minimums Shopify checks; on lines they need prices.
  reads: (effect) => (effect.basis === "quantity" ? ["quantity"] : effect.appliesTo === "order" ? [] : ["quantity", "price"]),
  compile: (effect) => [
    "t",
    effect.basis === "quantity" ? "q" : "s",
    // An amount tier spreads over the eligible lines unless the effect applies to the order,
    // exactly as the discount's class says.
    linesClass(effect.appliesTo),
    effect.tiers.map((tier): [number, number | null, number | null] => [
      Number(tier.from),
      tier.percentage ?? null,
      tier.amount === undefined ? null : Number(tier.amount),
    ]),
  ],
  explainMiss: (effect, facts, subject) => {
    const first = effect.tiers[0];
    const reward = describeTier(first, facts);
    if (effect.basis === "quantity") return `${subject}: add ${(first.from as number) - facts.eligibleQuantity} more eligible items to get ${reward}`;
    const missing = convertShopAmount(Number(first.from), facts.rate, facts.cur) - facts.eligibleSubtotal;
    return `${subject}: add ${formatMoney(missing, facts.cur)} of eligible items to get ${reward}`;
  },
  summary: (effect, money) =>
    effect.tiers
      .map(
        (tier) =>
          `${tier.percentage !== undefined ? `${tier.percentage}%` : money(tier.amount!)} off ${effect.basis === "quantity" ? `from ${tier.from} items` : `from ${money(String(tier.from))} spent`}`,
      )
      .join(", "),
  itemDepth: (effect) => {
    const percents = tierPercentages(effect);
    const amounts = tierAmounts(effect);
    const largest = amounts.length > 0 ? Math.max(...amounts).toFixed(2) : null;
    const words = [...(percents.length > 0 ? [`up to ${Math.max(...percents)}%`] : []), ...(largest !== null ? [`up to ${largest} off`] : [])].join(" + ");
    return { share: percents.length > 0 ? Math.max(...percents) / 100 : 0, words, unknown: largest === null ? null : `${largest} off an order` };
  },
  percentages: tierPercentages,
  amounts: tierAmounts,
  rankingValue: (effect) => {
    const [first] = effect.tiers;
    return first.percentage !== undefined ? `${first.percentage}%` : (first.amount ?? "0.00");
  },
  spendLevels: (effect, minimumSubtotal) =>
    effect.basis !== "subtotal"
      ? []
      : effect.tiers.map((tier) => ({
          minimum: String(Math.max(Number(tier.from), Number(minimumSubtotal ?? 0))),
          reward: tier.percentage !== undefined ? { percentage: tier.percentage } : { amount: tier.amount! },
        })),
});

function tierPercentages(effect: TiersEffect): number[] {
  return effect.tiers.flatMap((tier) => (tier.percentage === undefined ? [] : [tier.percentage]));
}

function tierAmounts(effect: TiersEffect): number[] {
  return effect.tiers.flatMap((tier) => (tier.amount === undefined ? [] : [Number(tier.amount)]));
}

const freeShippingEffect = defineEffect<FreeShippingEffect>({
  type: "freeShipping",
  label: "Free shipping",
  schema: object<FreeShippingEffect>({
    type: literal("freeShipping"),
    maxShippingRate: optional(money()),
    deliveryMethods: optional(list(oneOf(DELIVERY_METHODS, DELIVERY_METHOD_LABELS), { min: 1, max: DELIVERY_METHODS.length })),
  }),
  discountClass: () => "SHIPPING",
  compile: (effect) => [
    "s",
    effect.maxShippingRate === undefined ? -1 : Number(effect.maxShippingRate),
    effect.deliveryMethods ? valueSet(effect.deliveryMethods) : null,
  ],
  explainMiss: (_effect, _facts, subject) => `${subject} doesn't cover the delivery options available for this order`,
  summary: (effect, money) => `free shipping${effect.maxShippingRate === undefined ? "" : ` on rates up to ${money(effect.maxShippingRate)}`}`,
  itemDepth: () => null,
  percentages: () => [],
  amounts: () => [],
  rankingValue: () => "0.00",
  // Capped shipping gives a share that depends on the rate chosen: not advertised.
  spendLevels: (effect, minimumSubtotal) => (effect.maxShippingRate === undefined ? atMinimum(minimumSubtotal, { freeShipping: true }) : []),
});

export const EFFECTS: readonly EffectDefinition[] = [percentageEffect, fixedAmountEffect, buyXGetYEffect, tiersEffect, freeShippingEffect];

const EFFECTS_BY_TYPE = new Map(EFFECTS.map((definition) => [definition.type as string, definition]));

export function effectDefinition(type: string): EffectDefinition | undefined {
  return EFFECTS_BY_TYPE.get(type);
}
