// The condition vocabulary, admin side. Each condition owns one or more top-level config keys
// (its arguments) with their schema (validation and admin forms), the line fields it makes a
// campaign's query read, how it compiles into the rules the checkout evaluator runs
// (../checkout), and — for cart conditions — the shopper-facing explanation used by the guard's
// refusals and the admin's "why did this code not apply". The evaluation itself is written once,
// in ../checkout (matches, passes).
import { checkMessage } from "../checkout/checks";
import type { CheckFacts } from "../checkout/checks";
import type { CartCheck, LineMatcher, ValueList, ValueSet } from "../checkout/rules";
import type { LineField } from "./profiles";
import { countryCode, explained, flag, gid, integer, label, list, localDateTime, money, oneOf, timeOfDay } from "./schema";
import type { ArgSchema } from "./schema";
import { NEUTRAL_SCHEDULE_VARIABLES, WEEKDAYS } from "./types";
import type { ConditionArgs, ConditionKey } from "./types";

export type ConditionGroup = "products" | "customer" | "cart" | "schedule";

/** What compiling shares across conditions: the customer tags a campaign's query asks about, and
 * whether the checks are the guard's (a code's catalogue entry) or the campaign's own. */
export interface CompileContext {
  customerTags: string[];
  guard?: boolean;
}

interface ConditionCommon {
  name: string;
  label: string;
  group: ConditionGroup;
  /** The config keys this condition owns, with their schemas; all of them are required together. */
  args: Readonly<Partial<Record<ConditionKey, ArgSchema<unknown>>>>;
  keys: readonly ConditionKey[];
  /** Keys the input query also reads as variables (Shopify evaluates these, not the function). */
  queryVariables: readonly ConditionKey[];
  /** The optional line fields the campaign's input query must read for this condition. */
  reads: readonly LineField[];
}

/** Decides which cart lines a campaign covers: a line is eligible when it matches at least one
 * inclusion (or there is none) and no exclusion. Gift cards are never eligible. */
export interface LineCondition extends ConditionCommon {
  scope: "line";
  mode: "include" | "exclude";
  matcher(config: ConditionArgs): LineMatcher;
}

export interface CartCondition extends ConditionCommon {
  scope: "cart";
  /** Testable from cart-wide facts without input-query variables, so the stacking guard checks it too. */
  guardable: boolean;
  /** Shopify can check it on order discounts itself (a candidate's condition), so a campaign
   * whose line effects are all order discounts need not read line prices for it. */
  checkedOnOrderDiscounts: boolean;
  /** The check the evaluator runs; null when Shopify enforces it instead (the discount's own dates). */
  compile(config: ConditionArgs, context: CompileContext): CartCheck | null;
  /** Why the condition is not met, naming the code or offer (`subject`). */
  explain(config: ConditionArgs, facts: CheckFacts, subject: string): string;
}

export type ConditionDefinition = LineCondition | CartCondition;

type Args<K extends ConditionKey> = { [P in K]-?: NonNullable<ConditionArgs[P]> };
type ArgSchemas<K extends ConditionKey> = { [P in K]-?: ArgSchema<NonNullable<ConditionArgs[P]>> };

const MAX_LIST_ENTRIES = 250;
/** Shopify: list variables of an input query hold at most 100 items. */
export const MAX_QUERY_LIST_ENTRIES = 100;
const MAX_TAG_LENGTH = 255;

type LineListKey = {
  [K in ConditionKey]: NonNullable<ConditionArgs[K]> extends string[] ? K : never;
}[ConditionKey];

/** Values as the one text a line matcher searches: each between newlines (no value holds one). */
export function valueList(values: readonly string[]): ValueList {
  return `\n${values.join("\n")}\n`;
}

export function valueSet(values: readonly string[]): ValueSet {
  const set: ValueSet = {};
  for (const value of values) set[value] = 1;
  return set;
}

const tag = label(MAX_TAG_LENGTH);

/** A list condition on lines, and its counterpart: "only these …" and "… excluded". */
function lineConditionPair(spec: {
  noun: string;
  includeKey: LineListKey;
  excludeKey: LineListKey;
  item: ArgSchema<string>;
  queryVariable?: boolean;
  reads: [LineField, LineField];
  matcher: (mode: "include" | "exclude", values: string[]) => LineMatcher;
}): LineCondition[] {
  const capitalized = spec.noun[0].toUpperCase() + spec.noun.slice(1);
  const make = (key: LineListKey, mode: "include" | "exclude", label: string, reads: LineField): LineCondition => ({
    scope: "line",
    name: key,
    label,
    group: "products",
    mode,
    args: { [key]: list(spec.item, { min: 1, max: spec.queryVariable ? MAX_QUERY_LIST_ENTRIES : MAX_LIST_ENTRIES }) },
    keys: [key],
    queryVariables: spec.queryVariable ? [key] : [],
    reads: [reads],
    matcher: (config) => spec.matcher(mode, config[key] as string[]),
  });
  return [
    make(spec.includeKey, "include", `Only these ${spec.noun}`, spec.reads[0]),
    make(spec.excludeKey, "exclude", `${capitalized} excluded from the discount`, spec.reads[1]),
  ];
}

const minimumStock: LineCondition = {
  scope: "line",
  name: "minimumStock",
  label: "Don't discount items with fewer than this many in stock",
  group: "products",
  mode: "exclude",
  args: { minimumStock: explained(integer(1, 1_000_000), "PromoGuard follows each item's stock in Shopify as it changes and checks it in full once a day.") },
  keys: ["minimumStock"],
  queryVariables: [],
  reads: ["stock"],
  matcher: (config) => ["k", config.minimumStock as number],
};

const lineConditions: LineCondition[] = [
  ...lineConditionPair({
    noun: "products",
    includeKey: "includedProductIds",
    excludeKey: "excludedProductIds",
    item: gid("Product"),
    reads: ["productId", "productId"],
    matcher: (_mode, values) => ["p", valueList(values)],
  }),
  ...lineConditionPair({
    noun: "variants",
    includeKey: "includedVariantIds",
    excludeKey: "excludedVariantIds",
    item: gid("ProductVariant"),
    reads: ["variantId", "variantId"],
    matcher: (_mode, values) => ["v", valueList(values)],
  }),
  ...lineConditionPair({
    noun: "SKUs",
    includeKey: "includedSkus",
    excludeKey: "excludedSkus",
    item: label(MAX_TAG_LENGTH),
    reads: ["sku", "sku"],
    matcher: (_mode, values) => ["s", valueList(values)],
  }),
  ...lineConditionPair({
    noun: "vendors",
    includeKey: "includedVendors",
    excludeKey: "excludedVendors",
    item: label(MAX_TAG_LENGTH),
    reads: ["vendor", "vendor"],
    matcher: (_mode, values) => ["d", valueList(values.map((vendor) => vendor.toLowerCase()))],
  }),
  ...lineConditionPair({
    noun: "collections",
    includeKey: "includedCollectionIds",
    excludeKey: "excludedCollectionIds",
    item: gid("Collection"),
    queryVariable: true,
    reads: ["includedCollections", "excludedCollections"],
    matcher: (mode) => (mode === "include" ? "a" : "b"),
  }),
  ...lineConditionPair({
    noun: "product tags",
    includeKey: "includedProductTags",
    excludeKey: "excludedProductTags",
    item: tag,
    queryVariable: true,
    reads: ["includedTags", "excludedTags"],
    matcher: (mode) => (mode === "include" ? "t" : "u"),
  }),
  minimumStock,
];

function cartCondition<K extends ConditionKey>(spec: {
  name: string;
  label: string;
  group: ConditionGroup;
  args: ArgSchemas<K>;
  queryVariables?: readonly K[];
  /** Left out: guardable unless Shopify evaluates the condition from query variables. */
  guardable?: boolean;
  checkedOnOrderDiscounts?: boolean;
  reads?: readonly LineField[];
  compile(args: Args<K>, context: CompileContext): CartCheck | null;
  /** Left out: the evaluator's own sentence for the compiled check. */
  explain?(args: Args<K>, facts: CheckFacts, subject: string): string;
}): CartCondition {
  const queryVariables = spec.queryVariables ?? [];
  return {
    scope: "cart",
    name: spec.name,
    label: spec.label,
    group: spec.group,
    args: spec.args,
    keys: Object.keys(spec.args) as K[],
    queryVariables,
    reads: spec.reads ?? [],
    guardable: spec.guardable ?? queryVariables.length === 0,
    checkedOnOrderDiscounts: spec.checkedOnOrderDiscounts ?? false,
    // Safe: the validator guarantees every key of a configured condition is present.
    compile: (config, context) => spec.compile(config as Args<K>, context),
    explain: (config, facts, subject) => {
      if (spec.explain) return spec.explain(config as Args<K>, facts, subject);
      const check = spec.compile(config as Args<K>, { customerTags: [], guard: true });
      return check === null ? `${subject} doesn't apply` : checkMessage(check, facts, subject);
    },
  };
}

/** Customer tags are asked about in one hasTags list that starts with the blocked tag; each
 * condition takes its range of it. */
function tagRange(tags: readonly string[], context: CompileContext): [number, number] {
  const from = context.customerTags.length;
  context.customerTags.push(...tags);
  return [from, context.customerTags.length];
}

const WEEKDAY_BIT: Readonly<Record<string, number>> = Object.fromEntries(WEEKDAYS.map((day, index) => [day, 1 << index]));

const cartConditions: CartCondition[] = [
  cartCondition({
    name: "customerTagsAny",
    label: "Customer has any of these tags",
    group: "customer",
    args: { customerTagsAny: list(tag, { min: 1, max: MAX_QUERY_LIST_ENTRIES - 1 }) },
    queryVariables: ["customerTagsAny"],
    compile: ({ customerTagsAny }, context) => ["ta", ...tagRange(customerTagsAny, context)],
  }),
  cartCondition({
    name: "customerTagsAll",
    label: "Customer has all of these tags",
    group: "customer",
    args: { customerTagsAll: list(tag, { min: 1, max: MAX_QUERY_LIST_ENTRIES - 1 }) },
    queryVariables: ["customerTagsAll"],
    compile: ({ customerTagsAll }, context) => ["tl", ...tagRange(customerTagsAll, context)],
  }),
  cartCondition({
    name: "firstOrder",
    label: "First order only",
    group: "customer",
    args: { firstOrder: flag() },
    // A buyer without a customer record has never ordered here.
    compile: () => ["f"],
  }),
  cartCondition({
    name: "returningCustomer",
    label: "Returning customers only",
    group: "customer",
    args: { returningCustomer: flag() },
    compile: () => ["r"],
  }),
  cartCondition({
    name: "b2b",
    label: "Business (B2B) buyers",
    group: "customer",
    // Left unset, the condition is off: everyone may use the discount.
    args: {
      b2b: {
        ...oneOf(["only", "excluded"] as const, { only: "Only business (B2B) buyers", excluded: "Everyone except business (B2B) buyers" }),
        unsetLabel: "Everyone",
      },
    },
    compile: ({ b2b }) => ["b", b2b === "only" ? 1 : 0],
  }),
  cartCondition({
    name: "includedDeliveryCountries",
    label: "Deliver only to these countries",
    group: "customer",
    args: { includedDeliveryCountries: list(countryCode(), { min: 1, max: MAX_LIST_ENTRIES }) },
    compile: ({ includedDeliveryCountries }) => ["ci", valueSet(includedDeliveryCountries)],
  }),
  cartCondition({
    name: "excludedDeliveryCountries",
    label: "Never deliver to these countries",
    group: "customer",
    args: { excludedDeliveryCountries: list(countryCode(), { min: 1, max: MAX_LIST_ENTRIES }) },
    compile: ({ excludedDeliveryCountries }) => ["cx", valueSet(excludedDeliveryCountries)],
  }),
  cartCondition({
    name: "maxUsesPerCustomer",
    label: "Uses per customer",
    group: "customer",
    args: {
      maxUsesPerCustomer: explained(
        integer(1, 1000),
        "Counted for customers with an account; a guest's checkout cannot be counted (Shopify's one use per customer covers guests by email).",
      ),
    },
    // Only an automatic discount can turn a code away: the guard does, from the customer's use
    // counts PromoGuard keeps on them. A guest's uses cannot be counted (Shopify's "once per
    // customer" covers them by email).
    compile: ({ maxUsesPerCustomer }, context) => (context.guard ? ["n", maxUsesPerCustomer] : null),
  }),
  cartCondition({
    name: "minimumSubtotal",
    label: "Minimum subtotal of eligible items",
    group: "cart",
    args: { minimumSubtotal: money() },
    reads: ["quantity", "price"],
    checkedOnOrderDiscounts: true,
    compile: ({ minimumSubtotal }) => ["ms", Number(minimumSubtotal)],
  }),
  cartCondition({
    name: "minimumQuantity",
    label: "Minimum number of eligible items",
    group: "cart",
    args: { minimumQuantity: integer(1, 10_000) },
    reads: ["quantity"],
    compile: ({ minimumQuantity }) => ["mq", minimumQuantity],
  }),
  // The campaign's start and end are its Shopify discount's active period (publishing sets them):
  // Shopify does not run a discount outside it, so the function never has to.
  cartCondition({
    name: "startsAt",
    label: "Starts at (shop time)",
    group: "schedule",
    args: { startsAt: localDateTime() },
    guardable: false,
    compile: () => null,
    explain: ({ startsAt }, _facts, subject) => `${subject} starts on ${startsAt.replace("T", " at ").slice(0, -3)}`,
  }),
  cartCondition({
    name: "endsAt",
    label: "Ends at (shop time)",
    group: "schedule",
    args: { endsAt: localDateTime() },
    guardable: false,
    compile: () => null,
    explain: (_args, _facts, subject) => `${subject} has ended`,
  }),
  cartCondition({
    name: "weekdays",
    label: "Days of the week (shop time)",
    group: "schedule",
    args: {
      weekdays: list(oneOf(WEEKDAYS, { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" }), {
        min: 1,
        max: 7,
      }),
    },
    compile: ({ weekdays }) => ["w", weekdays.reduce((mask: number, day) => mask | WEEKDAY_BIT[day], 0)],
  }),
  cartCondition({
    name: "dailyHours",
    label: "Hours of the day (shop time)",
    group: "schedule",
    args: { hoursFrom: timeOfDay(), hoursUntil: timeOfDay() },
    queryVariables: ["hoursFrom", "hoursUntil"],
    compile: () => ["h"],
    explain: ({ hoursFrom, hoursUntil }, _facts, subject) => `${subject} is only valid from ${hoursFrom.slice(0, 5)} to ${hoursUntil.slice(0, 5)}`,
  }),
];

export const CONDITIONS: readonly ConditionDefinition[] = [...lineConditions, ...cartConditions];
export const LINE_CONDITIONS: readonly LineCondition[] = lineConditions;
export const CART_CONDITIONS: readonly CartCondition[] = cartConditions;

const NEUTRAL_VALUES: Readonly<Partial<Record<ConditionKey, string>>> = NEUTRAL_SCHEDULE_VARIABLES;

/** A condition is on when any of its keys holds a value that restricts something. */
export function isConfigured(condition: ConditionDefinition, config: ConditionArgs): boolean {
  return condition.keys.some((key) => config[key] !== undefined && config[key] !== NEUTRAL_VALUES[key]);
}
