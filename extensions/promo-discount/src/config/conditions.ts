// The condition vocabulary. Each condition owns one or more top-level config keys (its
// arguments), declares their schema (validation and admin forms), and has one evaluation and,
// for cart conditions, one shopper-facing explanation used at checkout, in the admin's
// "why did this code not apply" view and by the stacking guard.
import { convertShopAmount, formatMoney } from "../money";
import type { CartFacts, LineFacts } from "./facts";
import { countryCode, flag, gid, integer, list, localDateTime, money, oneOf, text, timeOfDay } from "./schema";
import type { ArgSchema } from "./schema";
import { NEUTRAL_SCHEDULE_VARIABLES, WEEKDAYS } from "./types";
import type { ConditionArgs, ConditionKey } from "./types";

export type LineMatcher = (line: LineFacts) => boolean;
export type ConditionGroup = "products" | "customer" | "cart" | "schedule";

interface ConditionCommon {
  name: string;
  label: string;
  group: ConditionGroup;
  /** The config keys this condition owns, with their schemas; all of them are required together. */
  args: Readonly<Partial<Record<ConditionKey, ArgSchema<unknown>>>>;
  keys: readonly ConditionKey[];
  /** Keys the input query also reads as variables (Shopify evaluates these, not the function). */
  queryVariables: readonly ConditionKey[];
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
  /** Testable from cart-wide facts without input-query variables, so the stacking catalogue can use it. */
  guardable: boolean;
  test(facts: CartFacts, config: ConditionArgs): boolean;
  /** Why the condition is not met, naming the code or offer (`subject`). */
  explain(config: ConditionArgs, facts: CartFacts, subject: string): string;
}

export type ConditionDefinition = LineCondition | CartCondition;

type Args<K extends ConditionKey> = { [P in K]-?: NonNullable<ConditionArgs[P]> };
type ArgSchemas<K extends ConditionKey> = { [P in K]-?: ArgSchema<NonNullable<ConditionArgs[P]>> };

const MAX_LIST_ENTRIES = 250;
const MAX_TAG_LENGTH = 255;

type LineListKey = {
  [K in ConditionKey]: NonNullable<ConditionArgs[K]> extends string[] ? K : never;
}[ConditionKey];

function lineCondition(spec: {
  key: LineListKey;
  name: string;
  label: string;
  mode: "include" | "exclude";
  item: ArgSchema<string>;
  queryVariable?: boolean;
  matcher: (values: string[]) => LineMatcher;
}): LineCondition {
  return {
    scope: "line",
    name: spec.name,
    label: spec.label,
    group: "products",
    mode: spec.mode,
    args: { [spec.key]: list(spec.item, { min: 1, max: MAX_LIST_ENTRIES }) },
    keys: [spec.key],
    queryVariables: spec.queryVariable ? [spec.key] : [],
    matcher: (config) => spec.matcher(config[spec.key] as string[]),
  };
}

function cartCondition<K extends ConditionKey>(spec: {
  name: string;
  label: string;
  group: ConditionGroup;
  args: ArgSchemas<K>;
  queryVariables?: readonly K[];
  test(facts: CartFacts, args: Args<K>): boolean;
  explain(args: Args<K>, facts: CartFacts, subject: string): string;
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
    guardable: queryVariables.length === 0,
    // Safe: the validator guarantees every key of a configured condition is present.
    test: (facts, config) => spec.test(facts, config as Args<K>),
    explain: (config, facts, subject) => spec.explain(config as Args<K>, facts, subject),
  };
}

function matchField(field: "productId" | "variantId" | "sku") {
  return (values: string[]): LineMatcher => {
    const wanted = new Set(values);
    return (line) => line[field] !== null && wanted.has(line[field]);
  };
}

function matchVendor(values: string[]): LineMatcher {
  const wanted = new Set(values.map((vendor) => vendor.toLowerCase()));
  return (line) => line.vendor !== null && wanted.has(line.vendor.toLowerCase());
}

/** Collections and product tags are resolved by Shopify in the input query (aliased booleans). */
function matchQueryFlag(flagName: "inIncludedCollection" | "inExcludedCollection" | "hasIncludedTag" | "hasExcludedTag") {
  return (): LineMatcher => (line) => line[flagName];
}

const tag = text(MAX_TAG_LENGTH);

function lineConditionPair(spec: {
  noun: string;
  includeKey: LineListKey;
  excludeKey: LineListKey;
  item: ArgSchema<string>;
  queryVariable?: boolean;
  matcher: (mode: "include" | "exclude") => (values: string[]) => LineMatcher;
}): LineCondition[] {
  const capitalized = spec.noun[0].toUpperCase() + spec.noun.slice(1);
  return [
    lineCondition({ key: spec.includeKey, name: spec.includeKey, label: `Only these ${spec.noun}`, mode: "include", item: spec.item, queryVariable: spec.queryVariable, matcher: spec.matcher("include") }),
    lineCondition({ key: spec.excludeKey, name: spec.excludeKey, label: `${capitalized} excluded from the discount`, mode: "exclude", item: spec.item, queryVariable: spec.queryVariable, matcher: spec.matcher("exclude") }),
  ];
}

const lineConditions: LineCondition[] = [
  ...lineConditionPair({ noun: "products", includeKey: "includedProductIds", excludeKey: "excludedProductIds", item: gid("Product"), matcher: () => matchField("productId") }),
  ...lineConditionPair({ noun: "variants", includeKey: "includedVariantIds", excludeKey: "excludedVariantIds", item: gid("ProductVariant"), matcher: () => matchField("variantId") }),
  ...lineConditionPair({ noun: "SKUs", includeKey: "includedSkus", excludeKey: "excludedSkus", item: text(MAX_TAG_LENGTH), matcher: () => matchField("sku") }),
  ...lineConditionPair({ noun: "vendors", includeKey: "includedVendors", excludeKey: "excludedVendors", item: text(MAX_TAG_LENGTH), matcher: () => matchVendor }),
  ...lineConditionPair({
    noun: "collections", includeKey: "includedCollectionIds", excludeKey: "excludedCollectionIds", item: gid("Collection"), queryVariable: true,
    matcher: (mode) => matchQueryFlag(mode === "include" ? "inIncludedCollection" : "inExcludedCollection"),
  }),
  ...lineConditionPair({
    noun: "product tags", includeKey: "includedProductTags", excludeKey: "excludedProductTags", item: tag, queryVariable: true,
    matcher: (mode) => matchQueryFlag(mode === "include" ? "hasIncludedTag" : "hasExcludedTag"),
  }),
];

function shopAmount(amount: string, facts: CartFacts): number {
  return convertShopAmount(amount, facts.rate, facts.currency);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

const WEEKDAY_NAMES: Record<string, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

const cartConditions: CartCondition[] = [
  cartCondition({
    name: "customerTagsAny", label: "Customer has any of these tags", group: "customer",
    args: { customerTagsAny: list(tag, { min: 1, max: MAX_LIST_ENTRIES }) }, queryVariables: ["customerTagsAny"],
    test: (facts) => facts.customer?.hasAnyTag === true,
    explain: (_args, _facts, subject) => `${subject} isn't available for your account`,
  }),
  cartCondition({
    name: "customerTagsAll", label: "Customer has all of these tags", group: "customer",
    args: { customerTagsAll: list(tag, { min: 1, max: MAX_LIST_ENTRIES }) }, queryVariables: ["customerTagsAll"],
    test: (facts) => facts.customer?.hasAllTags === true,
    explain: (_args, _facts, subject) => `${subject} isn't available for your account`,
  }),
  cartCondition({
    name: "firstOrder", label: "First order only", group: "customer",
    args: { firstOrder: flag() },
    // A buyer without a customer record has never ordered here.
    test: (facts) => facts.customer === null || facts.customer.numberOfOrders === 0,
    explain: (_args, _facts, subject) => `${subject} is for first orders`,
  }),
  cartCondition({
    name: "returningCustomer", label: "Returning customers only", group: "customer",
    args: { returningCustomer: flag() },
    test: (facts) => facts.customer !== null && facts.customer.numberOfOrders > 0,
    explain: (_args, facts, subject) =>
      facts.customer === null ? `${subject} is for returning customers: log in to use it` : `${subject} is for returning customers`,
  }),
  cartCondition({
    name: "b2b", label: "Business (B2B) buyers", group: "customer",
    args: { b2b: oneOf(["only", "excluded"] as const) },
    test: (facts, { b2b }) => (b2b === "only" ? facts.isB2B : !facts.isB2B),
    explain: ({ b2b }, _facts, subject) =>
      b2b === "only" ? `${subject} is for business accounts` : `${subject} isn't available for business accounts`,
  }),
  cartCondition({
    name: "includedDeliveryCountries", label: "Deliver only to these countries", group: "customer",
    args: { includedDeliveryCountries: list(countryCode(), { min: 1, max: MAX_LIST_ENTRIES }) },
    test: (facts, { includedDeliveryCountries }) => facts.deliveryCountries.every((country) => includedDeliveryCountries.includes(country)),
    explain: ({ includedDeliveryCountries }, facts, subject) =>
      `${subject} isn't available for delivery to ${facts.deliveryCountries.find((country) => !includedDeliveryCountries.includes(country))}`,
  }),
  cartCondition({
    name: "excludedDeliveryCountries", label: "Never deliver to these countries", group: "customer",
    args: { excludedDeliveryCountries: list(countryCode(), { min: 1, max: MAX_LIST_ENTRIES }) },
    test: (facts, { excludedDeliveryCountries }) => !facts.deliveryCountries.some((country) => excludedDeliveryCountries.includes(country)),
    explain: ({ excludedDeliveryCountries }, facts, subject) =>
      `${subject} isn't available for delivery to ${facts.deliveryCountries.find((country) => excludedDeliveryCountries.includes(country))}`,
  }),
  cartCondition({
    name: "minimumSubtotal", label: "Minimum subtotal of eligible items", group: "cart",
    args: { minimumSubtotal: money() },
    test: (facts, { minimumSubtotal }) => facts.eligibleSubtotal >= shopAmount(minimumSubtotal, facts),
    explain: ({ minimumSubtotal }, facts, subject) => {
      const minimum = shopAmount(minimumSubtotal, facts);
      return `${subject} needs ${formatMoney(minimum, facts.currency)} of eligible items: add ${formatMoney(minimum - facts.eligibleSubtotal, facts.currency)} more`;
    },
  }),
  cartCondition({
    name: "minimumQuantity", label: "Minimum number of eligible items", group: "cart",
    args: { minimumQuantity: integer(1, 10_000) },
    test: (facts, { minimumQuantity }) => facts.eligibleQuantity >= minimumQuantity,
    explain: ({ minimumQuantity }, facts, subject) =>
      `${subject} needs ${plural(minimumQuantity, "eligible item")}: add ${minimumQuantity - facts.eligibleQuantity} more`,
  }),
  cartCondition({
    name: "startsAt", label: "Starts at (shop time)", group: "schedule",
    args: { startsAt: localDateTime() }, queryVariables: ["startsAt"],
    test: (facts) => facts.localTime.afterStart,
    explain: ({ startsAt }, _facts, subject) => `${subject} starts on ${startsAt.replace("T", " at ").slice(0, -3)}`,
  }),
  cartCondition({
    name: "endsAt", label: "Ends at (shop time)", group: "schedule",
    args: { endsAt: localDateTime() }, queryVariables: ["endsAt"],
    test: (facts) => facts.localTime.beforeEnd,
    explain: (_args, _facts, subject) => `${subject} has ended`,
  }),
  cartCondition({
    name: "weekdays", label: "Days of the week (shop time)", group: "schedule",
    args: { weekdays: list(oneOf(WEEKDAYS), { min: 1, max: 7 }) },
    test: (facts, { weekdays }) => weekdays.includes(facts.localTime.weekday),
    explain: ({ weekdays }, _facts, subject) =>
      `${subject} is only valid on ${WEEKDAYS.filter((day) => weekdays.includes(day)).map((day) => WEEKDAY_NAMES[day]).join(", ")}`,
  }),
  cartCondition({
    name: "dailyHours", label: "Hours of the day (shop time)", group: "schedule",
    args: { hoursFrom: timeOfDay(), hoursUntil: timeOfDay() }, queryVariables: ["hoursFrom", "hoursUntil"],
    test: (facts) => facts.localTime.withinHours,
    explain: ({ hoursFrom, hoursUntil }, _facts, subject) =>
      `${subject} is only valid from ${hoursFrom.slice(0, 5)} to ${hoursUntil.slice(0, 5)}`,
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
